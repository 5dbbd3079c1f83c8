"""diff: what was added, removed and changed between two policies."""

from __future__ import annotations

import typing
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import ivb
from ivb.governance import Change, PolicyDiff, diff
from ivb.governance._diff import _ENTITY_LISTS, _RECORD_LISTS
from ivb.model import BudgetLine, Citation, Policy, PriorityLevel, SourceRef, Theme
from tests.strategies import policies

_settings = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_same_policy_has_no_differences(dnu: Policy) -> None:
    result = diff(dnu, dnu)
    assert not result
    assert len(result) == 0
    assert result.render() == "dnu-ivb-2024-2027 and dnu-ivb-2024-2027 are the same\n"
    assert diff(dnu, ivb.loads(ivb.dumps(dnu))).changes == ()


def test_changed_lead(dnu: Policy) -> None:
    theme = dnu.get("ondermijning", Theme)
    themes = tuple(attrs.evolve(t, leads=("urk",)) if t is theme else t for t in dnu.themes)
    # the citation of the old lead goes with it
    citations = tuple(c for c in dnu.citations if (c.holder, c.field) != (theme.id, "leads"))
    new = attrs.evolve(dnu, themes=themes, citations=citations)
    result = diff(dnu, new)
    changes = [str(c) for c in result]
    assert changes == [
        "- citation ondermijning.leads -> dronten",  # the citation of the old lead
        "~ theme ondermijning.leads: ['dronten'] -> ['urk']",
        "- relation dronten -owns-> ondermijning",
        "+ relation urk -owns-> ondermijning",
    ]
    assert result.of("changed") == (
        Change(
            change="changed",
            kind="theme",
            id="ondermijning",
            field="leads",
            old=["dronten"],
            new=["urk"],
        ),
    )


def _mini_with_records(mini_path: Path) -> Policy:
    """The small policy with two citations, two priority levels and two budget lines."""
    mini = ivb.load(mini_path)
    source = SourceRef("ivb", "Overleg")
    return attrs.evolve(
        mini,
        citations=(
            Citation(holder="driehoek", field="members", target="burgemeester", source=source),
            Citation(holder="driehoek", field="members", target="politie", source=source),
        ),
        priority_levels=(
            PriorityLevel(level="local", description="Lokaal.", source=source),
            PriorityLevel(level="regional", description="Regionaal.", source=source),
        ),
        budget=(
            BudgetLine(year=2025, amount=1000, purpose="Camera's", source=source),
            BudgetLine(year=2025, amount=500, purpose="Camera's", source=source),
        ),
    )


def test_records_without_ids_are_compared_by_what_identifies_them(mini_path: Path) -> None:
    old = _mini_with_records(mini_path)
    first, second = old.citations
    new = attrs.evolve(
        old,
        citations=(
            attrs.evolve(second, reason="Staat in de tabel."),
            Citation(
                holder="burgemeester",
                field="authority",
                target="politie",
                source=SourceRef("ivb", "Rollen"),
            ),
        ),
        priority_levels=old.priority_levels[::-1],  # the order of a list alone is no change
        budget=(old.budget[0], attrs.evolve(old.budget[1], amount=750)),
    )
    result = diff(old, new)
    assert [str(c) for c in result] == [
        # two lines of one year and purpose: the second is told apart by its place
        "~ budget-line 2025: Camera's #2.amount: 500.0 -> 750.0",
        "- citation driehoek.members -> burgemeester",
        "+ citation burgemeester.authority -> politie",
        "~ citation driehoek.members -> politie.reason: None -> 'Staat in de tabel.'",
    ]
    removed = result.changes[1]
    assert (removed.kind, removed.id, removed.new) == (
        "citation",
        "driehoek.members -> burgemeester",
        None,
    )
    assert removed.old is not None
    assert (removed.old["holder"], removed.old["field"], removed.old["target"]) == (
        first.holder,
        first.field,
        first.target,
    )
    assert result.changes[2].new["source"]["section"] == "Rollen"
    levels = diff(old, attrs.evolve(old, priority_levels=old.priority_levels[:1]))
    assert [str(c) for c in levels] == ["- priority-level regional"]


def test_every_list_of_the_policy_is_compared_item_by_item() -> None:
    """A list of the policy holds entities (compared by id) or records named in the diff."""
    hints = typing.get_type_hints(Policy)
    lists = {
        a.name
        for a in attrs.fields(Policy)
        if a.init
        and typing.get_origin(hints[a.name]) is tuple
        and attrs.has(typing.get_args(hints[a.name])[0])
    }
    assert lists == _ENTITY_LISTS | set(_RECORD_LISTS)
    assert not _ENTITY_LISTS & set(_RECORD_LISTS)


def test_added_and_removed_entities(dnu: Policy) -> None:
    body = dnu.bodies[-1]
    smaller = attrs.evolve(
        dnu,
        bodies=dnu.bodies[:-1],
        speerpunten=tuple(
            attrs.evolve(s, actions=tuple(a for a in s.actions if body.id not in a.bodies))
            for s in dnu.speerpunten
        ),
    )
    result = diff(dnu, smaller)
    removed = result.of("removed")
    assert Change(change="removed", kind="body", id=body.id) in removed
    back = diff(smaller, dnu)
    assert {c.id for c in back.of("added")} == {c.id for c in removed}
    assert all(c.kind in ("body", "action", "relation") for c in removed)
    changed_fields = {(c.kind, c.field) for c in result.of("changed")}
    assert changed_fields == {("speerpunt", "actions")}


def test_policy_fields(dnu: Policy) -> None:
    new = attrs.evolve(dnu, period=(2024, 2028), title="IVB")
    result = diff(dnu, new)
    assert [(c.kind, c.field, c.old, c.new) for c in result] == [
        ("policy", "title", "Integraal Veiligheidsbeleid 2024-2027", "IVB"),
        ("policy", "period", [2024, 2027], [2024, 2028]),
    ]


def test_two_municipalities_files(dnu: Policy, mini_path: Path) -> None:
    mini = ivb.load(mini_path)
    result = diff(mini, dnu)
    assert result.a == "voorbeeld-ivb-2025-2028"
    assert result.b == "dnu-ivb-2024-2027"
    kinds = {(c.change, c.kind) for c in result}
    assert ("added", "municipality") in kinds
    assert ("removed", "municipality") in kinds
    # 'ondermijning' and 'burgemeester' exist in both and differ field by field
    fields = {c.field for c in result.of("changed") if c.id == "ondermijning"}
    assert {"leads", "municipalities", "summary"} <= fields


def test_records_and_frame(dnu: Policy) -> None:
    result = diff(dnu, attrs.evolve(dnu, title="IVB"))
    assert result.to_records() == [
        {
            "change": "changed",
            "kind": "policy",
            "id": "<policy>",
            "field": "title",
            "old": "Integraal Veiligheidsbeleid 2024-2027",
            "new": "IVB",
        }
    ]
    df = result.to_frame()
    assert list(df.columns) == ["change", "kind", "id", "field", "old", "new"]
    assert len(df) == 1


def test_diff_needs_policies(dnu: Policy) -> None:
    with pytest.raises(TypeError, match="policy_b: expected a Policy, got dict"):
        diff(dnu, {})  # type: ignore[arg-type]


def test_render(dnu: Policy) -> None:
    text = diff(dnu, attrs.evolve(dnu, title="IVB")).render()
    assert text.splitlines()[:2] == ["--- dnu-ivb-2024-2027", "+++ dnu-ivb-2024-2027"]
    assert isinstance(diff(dnu, dnu), PolicyDiff)


@_settings
@given(policies(), policies())
def test_diff_is_symmetric(a: Policy, b: Policy) -> None:
    ab, ba = diff(a, b), diff(b, a)
    assert {(c.kind, c.id) for c in ab.of("added")} == {(c.kind, c.id) for c in ba.of("removed")}
    assert {(c.id, c.field) for c in ab.of("changed")} == {
        (c.id, c.field) for c in ba.of("changed")
    }
    for c in ab.of("changed"):
        assert c.old != c.new
    assert not diff(a, a)


def _all_relations(a: Policy, b: Policy) -> list[tuple[str, str]]:
    """The relation changes from the whole edge lists of both graphs (the slow, plain way)."""
    from ivb.governance._diff import _edge_id, _relations

    ra, rb = _relations(a), _relations(b)
    return [("removed", _edge_id(e)) for e in ra if e not in rb] + [
        ("added", _edge_id(e)) for e in rb if e not in ra
    ]


def _edits(p: Policy) -> list[Policy]:
    theme, body, role = p.themes[1], p.bodies[0], p.roles[0]
    action = theme.actions[0]
    other = next(m.id for m in p.municipalities if m.id not in theme.leads)
    return [
        attrs.evolve(
            p,
            themes=(attrs.evolve(theme, leads=(other,)), *p.themes[:1], *p.themes[2:]),
            # the citation of the old lead goes with it
            citations=tuple(c for c in p.citations if (c.holder, c.field) != (theme.id, "leads")),
        ),
        attrs.evolve(
            p,
            themes=(
                *p.themes[:1],
                attrs.evolve(
                    theme,
                    coordinators=tuple(reversed(theme.coordinators)),
                    actions=(
                        attrs.evolve(action, actors=action.actors[::-1][:1]),
                        *theme.actions[1:],
                    ),
                ),
                *p.themes[2:],
            ),
        ),
        attrs.evolve(p, bodies=(attrs.evolve(body, members=body.members[1:]), *p.bodies[1:])),
        attrs.evolve(
            p,
            roles=(
                attrs.evolve(role, adopts_policy=not role.adopts_policy, authority=()),
                *p.roles[1:],
            ),
        ),
        attrs.evolve(p, themes=tuple(reversed(p.themes))),
        attrs.evolve(p, title="Anders"),
    ]


def test_relation_changes_equal_those_of_the_whole_graphs(dnu: Policy) -> None:
    for edited in _edits(dnu):
        for a, b in ((dnu, edited), (edited, dnu)):
            got = [(c.change, c.id) for c in diff(a, b) if c.kind == "relation"]
            assert got == _all_relations(a, b)


@given(a=policies(), b=policies())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_relation_changes_equal_those_of_the_whole_graphs_generated(a: Policy, b: Policy) -> None:
    for x, y in ((a, b), (a, a), (b, a)):
        got = [(c.change, c.id) for c in diff(x, y) if c.kind == "relation"]
        assert got == _all_relations(x, y)


def test_rows_of_a_table_are_compared_row_by_row() -> None:
    import attrs

    import ivb
    from ivb.governance import diff

    old = ivb.load()
    table = old.tables[0]
    rows = list(table.rows)
    rows[1] = attrs.evolve(rows[1], values=(1.0, 2.0, 3.0, 4.0))
    new = attrs.evolve(old, tables=[attrs.evolve(table, rows=rows), *old.tables[1:]])
    changes = diff(old, new).changes
    assert [(c.id, c.field, c.old, c.new) for c in changes] == [
        (
            "tabel-1-gedigitaliseerde-criminaliteit",
            "rows[noordoostpolder].values",
            [201.0, 312.0, 309.0, 230.0],
            [1.0, 2.0, 3.0, 4.0],
        )
    ]


def test_nested_records_without_a_naming_field_are_matched_by_place() -> None:
    from ivb.governance._diff import _nested_changes

    old = [{"value": 1.0}, {"value": 2.0}]
    new = [{"value": 1.0}, {"value": 3.0}, {"value": 4.0}]
    changes = _nested_changes("table", "t", "rows", old, new)
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("rows[1].value", 2.0, 3.0),
        ("rows[2]", None, {"value": 4.0}),
    ]
    gone = _nested_changes("table", "t", "rows", new, old)
    assert [(c.field, c.old, c.new) for c in gone] == [
        ("rows[2]", {"value": 4.0}, None),
        ("rows[1].value", 3.0, 2.0),
    ]
