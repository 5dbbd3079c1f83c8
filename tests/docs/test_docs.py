"""The documentation site: it builds with Sphinx, warnings as errors, offline.

One build (``sphinx-build -W --keep-going -b html docs <tmp>``) per test session;
the tests read what it wrote: the object inventory (every public name documented),
the pages (diagrams as local SVG files, no remote assets), the generated references.
The ``>>>`` examples of the pages run as doctests of ``docs/**/*.md``.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
#: The public packages whose every ``__all__`` name the API reference must document.
PACKAGES = ("ivb", "ivb.model", "ivb.governance", "ivb.indicators", "ivb.cli")
NEEDED = ("sphinx", "furo", "myst_parser")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built HTML site (built once; the build must pass with warnings as errors)."""
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        pytest.fail(
            f"building the docs needs {', '.join(missing)}: install the docs extra "
            "(python -m pip install -e '.[test,docs,dev]')"
        )
    out = tmp_path_factory.mktemp("docs") / "html"
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
        "-d", str(out.parent / "doctrees"), str(DOCS), str(out),
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, (
        f"sphinx-build failed ({done.returncode}):\n{done.stderr}\n{done.stdout}"
    )
    return out


def inventory(site: Path) -> dict[str, set[str]]:
    """Object type (``py:class``, ``std:term``, ...) -> the names the site documents."""
    from sphinx.util.inventory import InventoryFile

    data = (site / "objects.inv").read_bytes()
    loaded = InventoryFile.loads(data, uri="") if hasattr(InventoryFile, "loads") else None
    found: dict[str, set[str]] = {}
    if loaded is not None and hasattr(loaded, "data"):
        for objtype, entries in loaded.data.items():
            found.setdefault(objtype, set()).update(entries)
    else:  # pragma: no cover - Sphinx before 8.2
        import io
        import posixpath

        for objtype, entries in InventoryFile.load(io.BytesIO(data), "", posixpath.join).items():
            found.setdefault(objtype, set()).update(entries)
    return found


def test_the_site_builds_without_warnings(site: Path) -> None:
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    for page in (
        "index.html",
        "getting-started.html",
        "tutorial/who-owns-what.html",
        "governance/joint-themes.html",
        "governance/preparation.html",
        "governance/pga-escalation.html",
        "governance/police-authority.html",
        "governance/meeting-cycle.html",
        "monitoring/baseline.html",
        "monitoring/claims.html",
        "monitoring/police-data.html",
        "monitoring/report.html",
        "own-policy/walkthrough.html",
        "own-policy/format.html",
        "own-policy/validate.html",
        "own-policy/editor.html",
        "cli.html",
        "glossary.html",
        "changelog.html",
    ):
        assert page in pages


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_is_in_the_api_reference(site: Path, package: str) -> None:
    documented = set().union(
        *(names for objtype, names in inventory(site).items() if objtype.startswith("py:"))
    )
    names = importlib.import_module(package).__all__
    missing = [name for name in names if f"{package}.{name}" not in documented]
    assert not missing, f"{package}.__all__ names missing from the API reference: {missing}"
    assert f"{package}" in documented  # the package itself, as a module


def test_the_glossary_has_the_terms_of_art(site: Path) -> None:
    terms = {t.lower() for t in inventory(site).get("std:term", set())}
    for term in ("ivb", "thematrekker", "speerpunt", "driehoek", "oov", "pga", "riec"):
        assert term in terms


def _pages_with_diagrams(site: Path) -> list[tuple[Path, str]]:
    return [
        (page, text)
        for page in sorted(site.rglob("*.html"))
        if "ivb-diagram" in (text := page.read_text(encoding="utf-8"))
    ]


def test_the_governance_flows_have_diagrams_drawn_at_build_time(site: Path) -> None:
    pages = {p.relative_to(site).as_posix(): t for p, t in _pages_with_diagrams(site)}
    for page in (
        "governance/joint-themes.html",
        "governance/preparation.html",
        "governance/pga-escalation.html",
        "governance/police-authority.html",
        "governance/meeting-cycle.html",
    ):
        assert page in pages
        assert re.search(r'<img [^>]*src="[^"]*_images/[^"]+\.svg"', pages[page])


def test_diagrams_are_local_svg_files_that_need_no_network(site: Path) -> None:
    seen = 0
    for page, text in _pages_with_diagrams(site):
        for src in re.findall(r'<img [^>]*src="([^"]+\.svg)"', text):
            svg = (page.parent / src).resolve()
            assert svg.is_file(), f"{page.name}: {src} is missing"
            body = svg.read_text(encoding="utf-8")
            root = ElementTree.fromstring(body)  # well-formed XML
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
            assert "<script" not in body
            links = set(re.findall(r"https?://[^\"' )]+", body))
            assert links <= {"http://www.w3.org/2000/svg"}, links
            seen += 1
        for href in re.findall(r'class="ivb-diagram-full[^"]*" href="([^"]+)"', text):
            assert (page.parent / href).resolve().is_file(), f"{page.name}: link {href}"
    assert seen >= 6


def test_no_page_loads_anything_from_the_network(site: Path) -> None:
    remote = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    offenders = [
        page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if remote.search(page.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_the_format_reference_has_every_definition_and_field(site: Path) -> None:
    from ivb._schema import json_schema

    text = (site / "own-policy" / "format.html").read_text(encoding="utf-8")
    schema = json_schema()
    for name, definition in schema["$defs"].items():
        label = "format-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        assert f'id="{label}"' in text, name
        for field in definition["properties"]:
            assert f'<span class="pre">{field}</span>' in text, f"{name}.{field}"
    for field in schema["properties"]:
        assert f'<span class="pre">{field}</span>' in text, field


def test_the_cli_reference_has_every_command(site: Path) -> None:
    from ivb.cli._main import build_parser

    text = (site / "cli.html").read_text(encoding="utf-8")
    help_text = build_parser().format_help()
    commands = re.findall(r"^    ([a-z-]+)\s", help_text, re.M)
    assert len(commands) >= 10
    for command in commands:
        assert f'id="cli-ivb-{command}"' in text, command
