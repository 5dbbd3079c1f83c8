"""Edges of the queries and readers: stated-only escalation, hand-drawn Mermaid comments."""

from __future__ import annotations

import pytest

import ivb
from ivb.governance import (
    EDGE_BASIS,
    Change,
    LeadError,
    WrongKindError,
    build_graph,
    escalation_links,
    from_mermaid,
    ownerships,
)


def test_stated_only_leaves_out_an_escalation_step_the_policy_derives() -> None:
    G = build_graph(ivb.load())
    start = "zorg-en-veiligheidstafel-urk"
    steps = [
        (v, k)
        for _, v, k, relation in G.out_edges(start, keys=True, data="relation")
        if relation == "escalates-to"
    ]
    assert [v for v, _ in steps] == ["zorg-en-veiligheidshuis-flevoland"]
    assert [link.id for link in escalation_links(G, start, stated_only=True)] == [
        "zorg-en-veiligheidshuis-flevoland"
    ]
    v, k = steps[0]
    G.edges[start, v, k][EDGE_BASIS] = "derived"
    assert [(link.id, link.basis) for link in escalation_links(G, start)] == [
        ("zorg-en-veiligheidshuis-flevoland", "derived")
    ]
    assert len(escalation_links(G, start, stated_only=True)) == 0


def test_a_hand_drawn_flowchart_skips_comments_and_styles_even_with_arrows() -> None:
    text = "\n".join(
        [
            "flowchart LR",
            "  %% a --> c is not drawn",
            "  classDef body fill:#eee",
            "  style a fill:#fff",
            '  a["Ambtelijk"] -->|prepares| b',
            '  b["Bestuurlijk"]',
        ]
    )
    G = from_mermaid(text)
    assert sorted(G.nodes) == ["a", "b"]
    assert list(G.edges(data="relation")) == [("a", "b", "prepares")]


def test_a_change_shows_a_long_value_cut_to_sixty_characters() -> None:
    long = "x" * 100
    change = Change(change="changed", kind="theme", id="t", field="summary", old="kort", new=long)
    assert str(change) == f"~ theme t.summary: 'kort' -> {repr(long)[:57]}..."
    fits = "y" * 58  # 60 characters with its quotes: shown whole
    assert str(
        Change(change="changed", kind="theme", id="t", field="summary", old=fits, new=1)
    ) == (f"~ theme t.summary: {fits!r} -> 1")


def test_a_lead_error_reads_as_its_message_without_quotes() -> None:
    assert str(LeadError("theme 'x' has no lead")) == "theme 'x' has no lead"
    assert str(LeadError()) == str(LookupError()) == ""


def test_ownerships_name_the_leads_and_refuse_what_is_no_priority() -> None:
    G = build_graph(ivb.load())
    found = {o.id: o for o in ownerships(G)}
    assert (found["ondermijning"].leads, found["ondermijning"].lead_names) == (
        ("dronten",),
        ("Dronten",),
    )
    with pytest.raises(WrongKindError) as info:
        ownerships(G, ["politie-midden-nederland"])
    assert str(info.value) == (
        "expected the id of a theme or speerpunt, got 'politie-midden-nederland', "
        "which is a partner"
    )


def test_ownership_says_when_the_policy_names_no_lead(mini_text: str) -> None:
    text = mini_text.replace("    leads: [voorbeeld]\n", "    leads: []\n    no_lead: true\n", 1)
    G = build_graph(ivb.loads(text))
    assert [(o.id, o.leads, o.no_lead) for o in ownerships(G, ["ondermijning"])] == [
        ("ondermijning", (), True)
    ]
