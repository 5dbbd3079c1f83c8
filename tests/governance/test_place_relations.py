"""Numbers and their place: ``describes`` for statistics, ``counts-for`` for counts of the process.

The indicator's ``subject`` decides: a figure, table or trend claim of an ``area``
indicator describes its place; of a ``process`` indicator it counts for the group
whose process or organisation it counts.
"""

from __future__ import annotations

from collections import Counter

import attrs

import ivb
from ivb.governance import COUNTS_FOR, DESCRIBES, build_graph, diff
from ivb.model import Indicator, IndicatorSubject, Policy, Table


def _relations(policy: Policy, kind: str) -> Counter[str]:
    G = build_graph(policy)
    return Counter(
        r for u, _, r in G.edges(data="relation") if G.nodes[u]["kind"] == kind and r != "about"
    )


def _with_subject(policy: Policy, indicator: str, subject: str) -> Policy:
    indicators = tuple(
        attrs.evolve(i, subject=subject) if i.id == indicator else i for i in policy.indicators
    )
    return attrs.evolve(policy, indicators=indicators)


def test_each_figure_of_a_process_indicator_counts_for_its_group() -> None:
    policy = ivb.load()
    G = build_graph(policy)
    process = {i.id for i in policy.indicators if i.subject is IndicatorSubject.PROCESS}
    for figure in policy.figures:
        relations = {r for _, v, r in G.out_edges(figure.id, data="relation") if v == figure.region}
        assert relations == ({COUNTS_FOR} if figure.indicator in process else {DESCRIBES})
    assert _relations(policy, "figure") == {DESCRIBES: 23, COUNTS_FOR: 9}


def test_a_table_and_its_trend_claims_follow_the_tables_indicator() -> None:
    policy = ivb.load()
    table: Table = policy.tables[0]
    changed = _with_subject(policy, table.indicator, "process")
    before, after = _relations(policy, "table"), _relations(changed, "table")
    assert before == {DESCRIBES: 7} and after == {DESCRIBES: 3, COUNTS_FOR: 4}
    claims = [c for c in policy.trend_claims if c.table == table.id]
    assert _relations(changed, "trend-claim")[COUNTS_FOR] == len(claims) == 2


def test_the_default_subject_is_area() -> None:
    policy = ivb.load()
    indicator = policy.get("woninginbraken", Indicator)
    assert indicator.subject is IndicatorSubject.AREA
    assert "subject" not in ivb.dumps(policy).split("id: woninginbraken")[1].split("- id:")[0]


def test_diff_sees_the_relations_an_indicator_changes() -> None:
    policy = ivb.load()
    changed = _with_subject(policy, "woninginbraken", "process")
    found = diff(policy, changed)
    relations = sorted((c.change, c.id) for c in found.changes if c.kind == "relation")
    assert relations == [
        ("added", "dnu-woninginbraken-2022-vs-2019 -counts-for-> dnu"),
        ("removed", "dnu-woninginbraken-2022-vs-2019 -describes-> dnu"),
    ]
