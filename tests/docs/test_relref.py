"""The relations reference: one meaning and one example per relation, the examples outside the code.

The relations module holds general definitions only; the example sentence of each
relation comes from the bundled policy's own edges or from the docs' examples file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

import ivb
import ivb.governance._relations as rel
from ivb.governance import RELATIONS, build_graph

pytest.importorskip("sphinx", reason="the docs extension needs Sphinx (the test extra)")

EXT = Path(__file__).resolve().parents[2] / "docs" / "_ext"
if str(EXT) not in sys.path:
    sys.path.insert(0, str(EXT))

from ivb_sphinx import relref  # noqa: E402


@pytest.fixture(scope="module")
def page() -> str:
    return relref.markdown()


def _rows(page: str) -> dict[str, list[str]]:
    rows = {}
    for line in page.splitlines():
        if line.startswith("| `") and line.count(" | ") >= 4:
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows[cells[0].strip("`")] = cells
    return rows


def test_every_relation_has_one_row_with_its_meaning_and_an_example(page: str) -> None:
    rows = _rows(page)
    relations = [r for r in rows if r in RELATIONS]
    assert relations == list(RELATIONS)
    for relation in RELATIONS:
        _, meaning, example, _, count = rows[relation]
        assert meaning.startswith(RELATIONS[relation].split(":")[0].split(" ")[0]), relation
        assert len(example) > 20, f"{relation}: no example"
        assert count.endswith(")"), relation


def test_the_counts_are_those_of_the_bundled_graph(page: str) -> None:
    G = build_graph(ivb.load())
    rows = _rows(page)
    for relation in ("describes", "counts-for", "aligns-with"):
        edges = [d for *_, d in G.edges(data=True) if d["relation"] == relation]
        derived = sum(d.get("basis") != "stated" for d in edges)
        assert rows[relation][4] == f"{len(edges)} ({derived})"
    assert rows["describes"][4].startswith("35 ") and rows["counts-for"][4].startswith("9 ")


def test_examples_come_from_the_policy_first() -> None:
    G = build_graph(ivb.load())
    found = relref.examples(G)
    assert set(found) == set(RELATIONS)
    quoted = {d["relation"] for *_, d in G.edges(data=True) if d.get("quote")}
    for relation in quoted:
        text, where, edge = found[relation]
        u, v = edge.split(" -> ")
        quotes = {d.get("quote") for d in G[u][v].values() if d["relation"] == relation}
        assert text in quotes, relation
        assert where == str(G[u][v][relation]["source_ref"].section), relation
    # no quote on any edge of the relation: the words of a figure, action or target at an end
    entries = yaml.safe_load(relref.EXAMPLES_FILE.read_text("utf-8"))
    for relation in set(found) - quoted:
        text, where, edge = found[relation]
        entry = entries.get(relation, {})
        if text != " ".join(str(entry.get("quote", entry.get("example", ""))).split()):
            u, v = edge.split(" -> ")
            words = {
                getattr(G.nodes[n]["obj"], field, None)
                for n in (u, v)
                for field in relref.HOLDER_WORDS.values()
            }
            assert text in words, relation
    text, _, edge = found["counts-for"]
    figure = G.nodes[edge.split(" -> ")[0]]["obj"]
    assert text == figure.quote or text in {
        d.get("quote") for *_, d in G.out_edges(figure.id, data=True)
    }


def test_the_examples_file_only_fills_gaps() -> None:
    entries = yaml.safe_load(relref.EXAMPLES_FILE.read_text("utf-8"))
    assert set(entries) <= set(RELATIONS)
    for relation, entry in entries.items():
        assert ("quote" in entry) != ("example" in entry), relation
        if "quote" in entry:
            assert entry["section"] and entry["edge"], relation


def test_the_relations_module_holds_no_example_sentence() -> None:
    text = Path(rel.__file__).read_text("utf-8")
    for relation, (example, where, _) in relref.examples().items():
        if where:  # a sentence of the source
            words = " ".join(example.split()[:6])
            assert words not in " ".join(text.split()), relation
    assert "“" not in text and "De " not in text
