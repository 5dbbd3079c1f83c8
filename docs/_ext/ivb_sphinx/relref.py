"""The relations reference, generated from ``ivb.governance._relations`` and the bundled policy.

One row per relation of :data:`ivb.governance.RELATIONS`, in its order: the
name, its one meaning (the documentation comment of its constant), an example
of a source text it stands for, whether :func:`~ivb.governance.governance_view`
keeps it, and how many edges of the bundled policy have it (stated and derived).
Then the edge attribute keys (the ``EDGE_*`` constants) with their documentation.

The example comes from the bundled policy's own edges (see :func:`examples`); the
relations module holds only general definitions.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["EXAMPLES_FILE", "Example", "comments", "examples", "markdown"]

#: Examples for the relations that no edge of the bundled policy quotes.
EXAMPLES_FILE = Path(__file__).resolve().parents[2] / "governance" / "relation-examples.yaml"

#: Fields in the words of the source, per class of entity: where an edge quotes no passage
#: of its own, the words of the entity at one of its ends stand for it.
HOLDER_WORDS = {
    "Figure": "quote",
    "TrendClaim": "quote",
    "Action": "text",
    "Target": "statement",
    "Statement": "text",
    "PrincipleSet": "intro",
}

#: Longest quote a row shows; longer ones are cut at a word and end in an ellipsis.
MAX_QUOTE = 260

#: One example: the Dutch text (or an edge in words), where it stands, the edge it gives.
Example = tuple[str, str, str]


def comments() -> dict[str, str]:
    """The ``#:`` documentation comment of every upper-case constant of the relations module."""
    import ivb.governance._relations as rel

    text = Path(rel.__file__).read_text("utf-8")
    found: dict[str, str] = {}
    for m in re.finditer(r"((?:^#:.*\n)+)([A-Z_]+) = ", text, re.M):
        lines = [line[2:].strip() for line in m.group(1).splitlines()]
        found[m.group(2)] = " ".join(lines)
    return found


def _holder_words(G: Any, u: str, v: str) -> str | None:
    """The words of the source of the first end of an edge that has them (see HOLDER_WORDS)."""
    for node in (u, v):
        obj = G.nodes[node].get("obj")
        field = HOLDER_WORDS.get(type(obj).__name__)
        text = getattr(obj, field, None) if field else None
        if isinstance(text, str) and text:
            return text
    return None


def examples(G: Any | None = None) -> dict[str, Example]:
    """One example per relation: ``(text, where, edge)``.

    For each relation, in this order: the first edge of the bundled policy's graph
    that quotes its passage (``quote``); else the first whose holder is in the words
    of the source (a figure's sentence, an action's text, a target as stated,
    ...); else the entry of :data:`EXAMPLES_FILE`.
    """
    import yaml

    import ivb
    import ivb.governance as gov

    if G is None:
        G = gov.build_graph(ivb.load())
    quoted: dict[str, Example] = {}
    worded: dict[str, Example] = {}
    for u, v, d in G.edges(data=True):
        relation = d["relation"]
        ref = d.get("source_ref")
        where = "" if ref is None else str(ref.section)
        edge = f"{u} -> {v}"
        if relation not in quoted and d.get("quote"):
            quoted[relation] = (d["quote"], where, edge)
        elif relation not in worded and relation not in quoted:
            words = _holder_words(G, u, v)
            if words:
                worded[relation] = (words, where, edge)
    found = {**worded, **quoted}
    extra = yaml.safe_load(EXAMPLES_FILE.read_text("utf-8")) or {}
    for relation, entry in extra.items():
        if relation in found:
            continue
        if "quote" in entry:
            found[relation] = (" ".join(entry["quote"].split()), entry["section"], entry["edge"])
        else:
            found[relation] = (" ".join(entry["example"].split()), "", "")
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_QUOTE:
        return text
    return text[:MAX_QUOTE].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _example_cell(example: Example | None) -> str:
    if example is None:
        return ""
    text, where, edge = example
    if not where and not edge:
        return _cell(text)
    out = f"“{_short(text)}”"
    if where:
        out += f" — *{where}*"
    if edge:
        out += f" (`{edge}`)"
    return _cell(out)


def markdown() -> str:
    """The relations reference page as MyST Markdown."""
    import ivb
    import ivb.governance as gov
    import ivb.governance._relations as rel

    G = gov.build_graph(ivb.load())
    counts: Counter[tuple[str, str]] = Counter(
        (d["relation"], d.get("basis", "stated")) for _, _, d in G.edges(data=True)
    )
    docs = comments()
    found = examples(G)
    names = {
        value: name
        for name, value in vars(rel).items()
        if name.isupper() and isinstance(value, str)
    }
    lines = [
        "| relation | meaning | example of the source | view | edges (derived) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for relation in gov.RELATIONS:
        doc = docs.get(names.get(relation, ""), gov.RELATIONS[relation])
        view = "yes" if relation in gov.GOVERNANCE_RELATIONS else ""
        total = counts[(relation, "stated")] + counts[(relation, "derived")]
        total += counts[(relation, "ambiguous")]
        derived = total - counts[(relation, "stated")]
        example = _example_cell(found.get(relation))
        lines.append(f"| `{relation}` | {_cell(doc)} | {example} | {view} | {total} ({derived}) |")
    lines += [
        "",
        "Every edge carries these attributes (keys are constants of `ivb.governance`):",
        "",
        "| constant | key | meaning |",
        "| --- | --- | --- |",
    ]
    for name in sorted(n for n in docs if n.startswith("EDGE_")):
        lines.append(f"| `{name}` | `{getattr(rel, name)}` | {_cell(docs[name])} |")
    return "\n".join(lines) + "\n"
