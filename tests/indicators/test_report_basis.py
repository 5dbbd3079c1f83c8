"""The report per theme and speerpunt: which facts the source states, which ivb derives.

Every municipality, lead, coordinator, action, actor, partner and body of a priority is a
fact with its basis (in the JSON); in the page a derived or ambiguous one carries a word
("afgeleid", "meerduidig") that opens on the reasoning without any script.
"""

from __future__ import annotations

import re

import pytest

import ivb
from ivb.governance import build_graph
from ivb.indicators import render_report, report_data

from .marked import ACTION_NOTE, LEAD_NOTE, READINGS, marked_policy


@pytest.fixture(scope="module")
def marked() -> dict:
    return report_data(marked_policy(), generated="2025-01-31")


def _priorities(data: dict) -> list[dict]:
    return [item for tier in data["priorities"] for item in tier["items"]]


def _section(html: str) -> str:
    return html[html.index('id="priorities"') : html.index('id="statistics"')]


def test_every_fact_has_the_basis_of_its_edge_in_the_graph() -> None:
    policy = ivb.load()
    G = build_graph(policy)
    items = _priorities(report_data(policy, generated="2025-01-31"))

    def edge_basis(u: str, v: str, relations: set[str]) -> str:
        (basis,) = {d.get("basis") for d in G[u][v].values() if d["relation"] in relations}
        return str(basis)

    checked = 0
    for item in items:
        for field, relations in (
            ("municipalities", {"shares", "prioritises"}),
            ("leads", {"owns"}),
            ("coordinators", {"coordinates"}),
        ):
            for fact in item["facts"][field]:
                assert fact["basis"] == edge_basis(fact["id"], item["id"], relations)
                checked += 1
        for a in item["commitments"]:
            for field, relations in (
                ("actors", {"carried-out-by"}),
                ("partners", {"works-with"}),
                ("bodies", {"through-body"}),
            ):
                for fact in a[field]:
                    assert fact["basis"] == edge_basis(a["id"], fact["id"], relations)
                    checked += 1
            assert a["source"]["section"] == policy.get(a["id"]).source.section
    # as many as the graph has edges of shares, prioritises, owns and coordinates into the
    # priorities and of carried-out-by, works-with and through-body out of their actions
    assert checked == 206
    first = items[0]
    assert (
        first["facts"]["leads"][0]["section"] == "Gezamenlijke prioritering en lokale speerpunten"
    )


def test_the_bundled_report_marks_what_its_facts_say() -> None:
    data = report_data(ivb.load(), generated="2025-01-31")
    items = _priorities(data)
    facts = [f for i in items for field in i["facts"].values() for f in field]
    facts += [
        f
        for i in items
        for a in i["commitments"]
        for field in ("actors", "partners", "bodies")
        for f in a[field]
    ]
    html = render_report(data)
    part = _section(html)
    marked = any(f["basis"] != "stated" for f in facts)
    assert ("Gemarkeerd als" in part) is marked
    assert ('class="basis' in part) is marked
    # stated facts show where they stand: the section of each priority, in its details
    assert '<p class="muted">Bron: Ondermijning.</p>' in part


def test_the_json_gives_the_basis_and_reasoning(marked: dict) -> None:
    theme = _priorities(marked)[0]
    (lead,) = theme["facts"]["leads"]
    assert (lead["basis"], lead["reason"]) == ("derived", LEAD_NOTE)
    actors = [f for a in theme["commitments"] for f in a["actors"]]
    assert {f["basis"] for f in actors} == {"ambiguous"}
    assert actors[0]["readings"] == list(READINGS)
    assert theme["commitments"][-1]["source"]["reason"] == ACTION_NOTE
    assert theme["facts"]["municipalities"][0]["basis"] == "stated"


def test_derived_and_ambiguous_facts_are_marked_in_dutch(marked: dict) -> None:
    part = _section(render_report(marked))
    assert "Gemarkeerd als „afgeleid”" in part
    lead = re.search(
        r'<details class="basis derived"><summary>afgeleid</summary>'
        r'<span class="why">(.*?)</span></details>',
        part,
    )
    assert lead is not None and lead.group(1).startswith(LEAD_NOTE.replace("'", "&#39;"))
    assert "(Bron: " in lead.group(1)
    # the actors of one action share one mark: their names first, then the word
    marks = re.findall(
        r'Door: ([^<]*) <details class="basis ambiguous"><summary>meerduidig</summary>'
        r'<span class="why">De bron is op meer manieren te lezen: ([^<]*)</span>',
        part,
    )
    n = len(marked_policy().themes[0].actions)
    assert len(marks) == n
    assert marks[0][0] == "Dronten, Noordoostpolder, Urk"
    assert marks[0][1].startswith("&#39;we&#39; zijn de drie gemeenten; ")
    # the lead, one action, and that action's partner (which rests on the action's source)
    assert part.count("<summary>afgeleid</summary>") == 3
    assert 'uit de sector. <details class="basis derived"><summary>afgeleid</summary>' in part


def test_the_marks_are_english_with_lang_en(marked: dict) -> None:
    part = _section(render_report(marked, lang="en"))
    assert "<summary>derived</summary>" in part and "<summary>ambiguous</summary>" in part
    assert "The source can be read more than one way: " in part
    assert "By: Dronten, Noordoostpolder, Urk" in part


def test_a_mark_needs_no_script(marked: dict) -> None:
    html = render_report(marked)
    assert "<script" not in html
    # every mark is a details element with a summary word and the reasoning inside
    opened = html.count('<details class="basis')
    assert opened == html.count('<span class="why">') > 0
