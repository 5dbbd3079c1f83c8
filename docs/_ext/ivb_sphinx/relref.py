"""The relations reference, generated from ``ivb.governance._relations``.

One row per relation of :data:`ivb.governance.RELATIONS`, in its order: the
name, its one meaning with the example sentence of its documentation comment,
whether :func:`~ivb.governance.governance_view` keeps it, and how many edges
of the bundled policy have it (stated and derived). Then the edge attribute
keys (the ``EDGE_*`` constants) with their documentation.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

__all__ = ["comments", "markdown"]


def comments() -> dict[str, str]:
    """The ``#:`` documentation comment of every upper-case constant of the relations module."""
    import ivb.governance._relations as rel

    text = Path(rel.__file__).read_text("utf-8")
    found: dict[str, str] = {}
    for m in re.finditer(r"((?:^#:.*\n)+)([A-Z_]+) = ", text, re.M):
        lines = [line[2:].strip() for line in m.group(1).splitlines()]
        found[m.group(2)] = " ".join(lines)
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


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
    names = {
        value: name
        for name, value in vars(rel).items()
        if name.isupper() and isinstance(value, str)
    }
    lines = [
        "| relation | meaning (with an example sentence of the source) | view | edges (derived) |",
        "| --- | --- | --- | --- |",
    ]
    for relation in gov.RELATIONS:
        doc = docs.get(names.get(relation, ""), gov.RELATIONS[relation])
        view = "yes" if relation in gov.GOVERNANCE_RELATIONS else ""
        total = counts[(relation, "stated")] + counts[(relation, "derived")]
        total += counts[(relation, "ambiguous")]
        derived = total - counts[(relation, "stated")]
        lines.append(f"| `{relation}` | {_cell(doc)} | {view} | {total} ({derived}) |")
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
