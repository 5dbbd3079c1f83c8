"""Sphinx configuration of the ivb documentation.

Build: ``python3 -m sphinx -W --keep-going -b html docs docs/_build/html``.
Works offline: no intersphinx, no CDN; diagrams are SVG files drawn at build time.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Document the source tree these docs belong to, whichever copy of ivb is installed.
sys.path[:0] = [str(HERE.parent / "src"), str(HERE / "_ext")]

import ivb  # noqa: E402

project = "ivb"
author = "The ivb authors"
copyright = "2024-2027, gemeenten Dronten, Noordoostpolder en Urk; the ivb authors"
release = ivb.__version__
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "ivb_sphinx",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated", "conftest.py", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []

# -- MyST ----------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc and numpydoc-style docstrings --------------------------------------
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
autodoc_preserve_defaults = False
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_ivar = True
napoleon_use_rtype = False
python_maximum_signature_line_length = 88
add_module_names = False

# The packages whose every public name (``__all__``) the API reference documents;
# the build warns (an error under -W) for any that it lacks.
ivb_api_packages = ["ivb", "ivb.model", "ivb.governance", "ivb.indicators", "ivb.cli"]

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = f"ivb {release}"
html_static_path = ["_static"]
html_css_files = ["ivb.css"]
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": True,
}

# Offline: no intersphinx (references to Python, pandas or networkx stay plain text),
# no CDN; furo's assets ship with it and the diagrams are local SVG files.
