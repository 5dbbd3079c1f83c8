"""Sphinx extension of the ivb documentation.

- ``ivb-diagram`` directive: a governance flow drawn as SVG from
  ``ivb.governance.build_graph(ivb.load())`` at build time (see :mod:`.flows`).
- Generated sources under ``docs/_generated/`` (written when the build starts):
  the API reference pages (every name of every public ``__all__``), the file
  format reference (from the JSON Schema), the relations reference (from
  ``ivb.governance._relations``) and the command-line reference.
- A check that every name of every public ``__all__`` is documented: a warning
  (an error under ``-W``) names each one that is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ivb_sphinx import apiref, clihelp, flows, formatref, relref
from ivb_sphinx.svg import Diagram, render_svg
from ivb_sphinx.timeline import Timeline, render_timeline

__all__ = ["setup"]

logger = logging.getLogger(__name__)

GENERATED = "_generated"

_GRAPH: dict[str, Any] = {}


def _graph() -> Any:
    """The governance graph of the bundled policy, built once per process."""
    if "G" not in _GRAPH:
        import ivb
        from ivb.governance import build_graph

        _GRAPH["G"] = build_graph(ivb.load())
    return _GRAPH["G"]


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _ids(value: str) -> list[str]:
    return value.replace(",", " ").split()


class DiagramDirective(SphinxDirective):
    """``ivb-diagram FLOW``: draw a governance flow of the bundled policy.

    Options name what the flow is about: ``:body:`` (preparation), ``:start:``
    and ``:also:`` (escalation), ``:over:`` (authority), ``:themes:``
    (joint-themes), ``:year:`` (meeting-cycle). The figure has the diagram's
    title as caption and, as its legend, every arrow in words.
    """

    required_arguments = 1
    has_content = False
    option_spec = {  # noqa: RUF012 - docutils API
        "body": directives.unchanged_required,
        "start": directives.unchanged_required,
        "also": directives.unchanged_required,
        "over": directives.unchanged_required,
        "themes": directives.unchanged_required,
        "year": directives.positive_int,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        flow = self.arguments[0]
        options: dict[str, Any] = {}
        for key in ("body", "start", "over"):
            if key in self.options:
                options[key] = self.options[key].strip()
        for key in ("also", "themes"):
            if key in self.options:
                options[key] = _ids(self.options[key])
        if "year" in self.options:
            options["year"] = self.options["year"]
        G = _graph()
        try:
            drawing = flows.make(G, flow, **options)
        except (TypeError, ValueError, LookupError) as exc:
            raise self.error(f"ivb-diagram {flow}: {exc}") from None
        if isinstance(drawing, Timeline):
            svg = render_timeline(drawing)
            words = [
                f"{r.label}: {len(r.dates)} meetings"
                + (f" ({', '.join(d.strftime('%d %b') for d in r.dates)})" if r.dates else "")
                if r.dates
                else f"{r.label}: {r.note}"
                for r in drawing.rows
            ]
        else:
            assert isinstance(drawing, Diagram)
            svg = render_svg(drawing)
            words = flows.statements(G, drawing.edges)
        rel = f"{GENERATED}/diagrams/{drawing.name}.svg"
        _write_if_changed(Path(self.env.srcdir) / rel, svg)
        import ivb

        data = Path(ivb.__file__).parent / "data"
        for source in sorted(data.glob("*.yaml")):
            self.env.note_dependency(str(source))

        figure = nodes.figure(classes=["ivb-diagram"])
        image = nodes.image(uri="/" + rel, alt=drawing.description or drawing.title)
        # the HTML builder copies images to _images/ under their own name: link there,
        # so that a diagram scaled to the column opens at full size
        depth = self.env.docname.count("/")
        full = "../" * depth + f"_images/{drawing.name}.svg"
        link = nodes.reference("", "", refuri=full, classes=["ivb-diagram-full"])
        link += image
        figure += link
        caption = nodes.caption(text=drawing.title)
        figure += caption
        legend = nodes.legend()
        intro = nodes.paragraph(text="In words:")
        items = nodes.bullet_list()
        for sentence in words:
            items += nodes.list_item("", nodes.paragraph(text=sentence))
        legend += intro
        legend += items
        figure += legend
        if self.options.get("name"):
            self.add_name(figure)
        return [figure]


class AliasDirective(SphinxDirective):
    """``ivb-alias NAME``: NAME is another public name of the object ``:target:``.

    Registers NAME in the Python domain as an alias (so that it is in the
    inventory, and so that references to the short name still find the one
    real entry) and says where the object is documented.
    """

    required_arguments = 1
    option_spec = {  # noqa: RUF012 - docutils API
        "target": directives.unchanged_required,
        "type": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        from sphinx.addnodes import pending_xref

        name = self.arguments[0]
        target = self.options["target"]
        objtype = self.options.get("type", "class")
        role = {"function": "func", "exception": "exc"}.get(objtype, objtype)
        node_id = "alias-" + name.replace(".", "-").lower()
        para = nodes.paragraph(ids=[node_id])
        para += nodes.literal(text=name.rsplit(".", 1)[-1])
        para += nodes.Text(" is the same as ")
        ref = pending_xref(
            "", nodes.literal(text=target), refdomain="py", reftype=role, reftarget=target
        )
        para += ref
        para += nodes.Text(", importable from here too.")
        self.env.get_domain("py").note_object(name, objtype, node_id, aliased=True, location=para)
        return [para]


def _generate(app: Sphinx) -> None:
    """Write the generated sources before Sphinx reads the documents."""
    root = Path(app.srcdir) / GENERATED
    for name, text in apiref.pages(app.config.ivb_api_packages).items():
        _write_if_changed(root / "api" / name, text)
    _write_if_changed(root / "format-reference.md", formatref.markdown())
    _write_if_changed(root / "cli-reference.md", clihelp.markdown())
    _write_if_changed(root / "relations-reference.md", relref.markdown())


def _check_documented(app: Sphinx, env: Any) -> None:
    """Warn for every name of a public ``__all__`` that the API reference lacks."""
    domain = env.get_domain("py")
    documented = set(domain.objects)
    for package in app.config.ivb_api_packages:
        for problem in apiref.undocumented(package, documented):
            logger.warning(problem, type="ivb", subtype="undocumented")


def _field_docs(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """List the fields of an attrs class of the model with their type and meaning."""
    if what == "class":
        lines.extend(apiref.field_lines(obj, lines))


def _signature(
    app: Sphinx,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    """Readable signatures for attrs classes."""
    if what in ("class", "exception"):
        text = apiref.attrs_signature(obj)
        if text is not None:
            return text, return_annotation
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("ivb_api_packages", [], "env")
    app.add_directive("ivb-diagram", DiagramDirective)
    app.add_directive("ivb-alias", AliasDirective)
    app.connect("builder-inited", _generate)
    app.connect("env-check-consistency", _check_documented)
    app.connect("autodoc-process-docstring", _field_docs)
    app.connect("autodoc-process-signature", _signature)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
