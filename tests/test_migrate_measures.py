"""The measures part of `ivb migrate`: indicators, outside regions and targets of version 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

import ivb
from ivb import MigrationError
from ivb._migrate import migrate
from ivb._migrate._measures import migrate_measures
from ivb.model import Comparison, DataSourceKind, Unit

V1_DNU = Path(__file__).parent / "fixtures" / "dnu-ivb-v1.yaml"


@pytest.fixture(scope="module")
def migrated() -> ivb.Policy:
    text = migrate(V1_DNU.read_text(encoding="utf-8"), origin=str(V1_DNU)).text
    return ivb.loads(text)


def test_the_registry_holds_every_indicator_the_file_used(migrated: ivb.Policy) -> None:
    used = {t.indicator for t in migrated.tables} | {f.indicator for f in migrated.figures}
    stack = list(migrated.targets)
    while stack:
        t = stack.pop()
        used |= set(t.indicators)
        stack.extend(t.subtargets)
    assert {i.id for i in migrated.indicators} == used
    assert len(migrated.indicators) == 22
    units = {i.id: i.unit for i in migrated.indicators}
    assert units["gedigitaliseerde-criminaliteit"] is Unit.COUNT  # from its table
    assert units["veiligheidsbeleving"] is Unit.RAPPORTCIJFER  # from the figure and baseline
    assert all(i.data_source.kind is DataSourceKind.NOT_STATED for i in migrated.indicators)


def test_an_indicator_id_taken_by_an_entity_is_renamed(migrated: ivb.Policy) -> None:
    # version 1 used 'themasessies' for an indicator and for a process milestone
    assert migrated.kind_of("themasessies") == "milestone"
    assert migrated.kind_of("themasessies-indicator") == "indicator"
    assert migrated.get("dnu-themasessies-ivb").indicator == "themasessies-indicator"  # type: ignore[union-attr]


def test_outside_regions_get_their_codes(migrated: ivb.Policy) -> None:
    assert [(r.id, r.kind.value, r.code) for r in migrated.outside_regions] == [
        ("midden-nederland", "police-unit", "RE03"),
        ("flevoland", "province", "PV24"),
        ("nederland", "country", "NL01"),
    ]


def test_the_target_keeps_its_meaning(migrated: ivb.Policy) -> None:
    (target,) = migrated.targets
    bundled = ivb.load().targets[0]
    assert target.municipalities == bundled.municipalities == ("noordoostpolder",)
    assert target.priority == bundled.priority
    assert target.indicators == bundled.indicators
    assert target.comparison is bundled.comparison is Comparison.MORE_THAN
    assert target.baseline == bundled.baseline
    assert [s.comparison for s in target.subtargets] == [Comparison.LESS_THAN] * 3
    assert target.horizon == "2027"  # version 1 stated it; it stays


def _doc(text: str) -> object:
    return YAML().load(text)


def test_a_free_text_baseline_period_moves_into_measured_by() -> None:
    doc = _doc(
        """
municipalities: [{id: a}]
targets:
  - id: t
    municipality: a
    indicator: x
    direction: higher
    baseline: {value: 7.6, unit: rapportcijfer, period: meest recente monitor}
    horizon: eind 2027
"""
    )
    notes = migrate_measures(doc)
    baseline = doc["targets"][0]["baseline"]  # type: ignore[index]
    assert baseline["period"] is None
    assert baseline["measured_by"] == "meest recente monitor"
    assert any("targets[0].baseline.period: 'meest recente monitor' is no year" in n for n in notes)
    assert any("targets[0].horizon: 'eind 2027' is no year" in n for n in notes)


def test_comments_survive_and_keys_keep_their_place() -> None:
    doc = _doc(
        """
targets:
  - id: t
    municipality: a  # the only one
    indicator: x
    direction: lower
    rule: afname
"""
    )
    migrate_measures(doc)
    out = __import__("io").StringIO()
    YAML().dump(doc, out)
    text = out.getvalue()
    assert "municipalities: [a] # the only one" in text
    assert list(doc["targets"][0]) == [  # type: ignore[index]
        "id",
        "municipalities",
        "indicators",
        "comparison",
        "rule",
    ]
    assert text.index("indicators:") < text.index("targets:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("figures: [{id: f, indicator: x, region: gelderland}]", r"figures\[0\]\.region: 'gelder"),
        ("targets: [{id: t, direction: up}]", r"targets\[0\]\.direction: expected 'higher'"),
        ("tables: [{id: t, indicator: 3}]", r"tables\[0\]\.indicator: expected an indicator id"),
    ],
)
def test_shapes_version_1_did_not_allow_are_refused(text: str, message: str) -> None:
    with pytest.raises(MigrationError, match=message):
        migrate_measures(_doc(text))
