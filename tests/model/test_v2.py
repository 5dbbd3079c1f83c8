"""Format version 2: leads, tiers, areas, budget, meetings, sessions, and the checks of validate."""

from __future__ import annotations

import math

import attrs
import pytest

import ivb
from ivb import PolicyValidationError, UnknownIdError
from ivb.model import (
    Action,
    ActionStatus,
    Area,
    BudgetLine,
    ConsultationBody,
    MeetingKind,
    Municipality,
    Policy,
    PriorityTier,
    SourceRef,
    Speerpunt,
    Theme,
)

SRC = SourceRef("ivb", "Test")


def problems_of(text: str) -> list[str]:
    with pytest.raises(PolicyValidationError) as info:
        ivb.loads(text, origin="beleid.yaml")
    return [str(p) for p in info.value.problems]


# -- the validate gaps of version 1, each a clear error with its path --------------------------


def test_lead_municipality_outside_the_theme(mini_text: str) -> None:
    text = mini_text.replace(
        "    municipalities: [voorbeeld]\n    summary: Vermenging",
        "    municipalities: []\n    summary: Vermenging",
    )
    assert problems_of(text) == [
        "themes[0].leads[0]: expected a lead municipality among its municipalities (none), "
        "got 'voorbeeld'"
    ]


def test_policy_id_equal_to_an_entity_id(mini_text: str) -> None:
    text = mini_text.replace("id: voorbeeld-ivb-2025-2028", "id: driehoek")
    assert problems_of(text) == [
        "id: expected a policy id that no entity uses, got 'driehoek', which is also the id at "
        "bodies[0].id"
    ]


def test_province_name_must_match_its_code(mini_text: str) -> None:
    text = mini_text.replace("province: Flevoland", "province: Gelderland")
    assert problems_of(text) == [
        "municipalities[0].province: expected 'Flevoland' for province code PV24, got 'Gelderland'"
    ]
    text = mini_text.replace("province_code: PV24", "province_code: PV19")
    assert problems_of(text) == [
        "municipalities[0].province_code: expected a CBS province code PV20..PV31, got 'PV19'"
    ]


def test_frisian_province_goes_by_either_name() -> None:
    base = {
        "id": "sudwest-fryslan",
        "name": "Súdwest-Fryslân",
        "cbs_code": "GM1900",
        "province_code": "PV21",
        "tooi": "https://identifier.overheid.nl/tooi/id/gemeente/gm1900",
        "source": SRC,
    }
    for name in ("Fryslân", "Friesland"):
        assert Municipality(**base, province=name).province == name  # type: ignore[arg-type]


def test_version_1_file_says_to_migrate(mini_text: str) -> None:
    text = mini_text.replace("schema_version: 2", "schema_version: 1")
    assert problems_of(text) == [
        "schema_version: this is a version 1 file; this ivb reads version 2: run "
        "`ivb migrate beleid.yaml` to upgrade it"
    ]


@pytest.mark.parametrize("version", ["3", "0", "'2'", "true", "2.0"])
def test_unknown_version_names_the_known_ones(mini_text: str, version: str) -> None:
    text = mini_text.replace("schema_version: 2", f"schema_version: {version}")
    (problem,) = problems_of(text)
    assert problem.startswith("schema_version: expected 2 (known versions: 1, 2; ")
    assert "ivb migrate" in problem


def test_version_is_checked_in_python_too() -> None:
    policy = ivb.load()
    with pytest.raises(ValueError, match="version 1 file"):
        attrs.evolve(policy, schema_version=1)


# -- leads --------------------------------------------------------------------------------------


def theme(**kwargs: object) -> Theme:
    base: dict[str, object] = {
        "id": "t",
        "name": "T",
        "tier": "thema",
        "municipalities": ["a", "b"],
        "summary": "s",
        "source": SRC,
    }
    return Theme(**{**base, **kwargs})  # type: ignore[arg-type]


def test_no_lead_and_not_stated_differ() -> None:
    assert theme().leads == () and theme().no_lead is False
    assert theme(no_lead=True).no_lead is True
    assert theme(leads=["a", "b"]).leads == ("a", "b")
    with pytest.raises(ValueError, match="no_lead: expected no leads when no_lead is true"):
        theme(leads=["a"], no_lead=True)


def test_mini_policy_with_co_leads_and_a_role_lead(mini_text: str) -> None:
    text = mini_text.replace("    leads: [voorbeeld]", "    leads: [voorbeeld, burgemeester]")
    policy = ivb.loads(text)
    assert policy.leads_of("ondermijning") == ("voorbeeld", "burgemeester")
    assert policy.tier_of("ondermijning").lead_label == "thematrekker"
    with pytest.raises(UnknownIdError):
        policy.leads_of("driehoek")


def test_speerpunt_needs_a_municipality() -> None:
    with pytest.raises(ValueError, match="municipalities"):
        Speerpunt(id="s", name="S", tier="t", municipalities=[], summary="", source=SRC)


def test_speerpunt_of_several_municipalities() -> None:
    policy = ivb.load()
    shared = attrs.evolve(policy.speerpunten[0], municipalities=("dronten", "urk"))
    changed = attrs.evolve(policy, speerpunten=(shared, *policy.speerpunten[1:]))
    assert shared in changed.speerpunten_of("urk")
    assert shared in changed.speerpunten_of("dronten")


def test_unknown_tier_is_a_reference_error(mini_text: str) -> None:
    text = mini_text.replace("    tier: gezamenlijk-thema\n", "    tier: thema\n")
    (problem,) = problems_of(text)
    assert problem.startswith("themes[0].tier: expected the id of a tier, got unknown id 'thema'")


def test_parent_must_be_of_the_parent_tier(mini_text: str) -> None:
    tiers = (
        "  - id: lokaal-speerpunt\n    name: lokaal speerpunt\n    heading: Lokale speerpunten\n"
        "  - id: accent\n    name: accent\n    heading: Accenten\n    parent: lokaal-speerpunt\n"
    )
    text = mini_text.replace(
        "  - id: lokaal-speerpunt\n    name: lokaal speerpunt\n    heading: Lokale speerpunten\n",
        tiers,
    )
    good = text.replace(
        "    tier: lokaal-speerpunt\n", "    tier: accent\n    parent: ondermijning\n"
    )
    assert problems_of(good) == [
        "speerpunten[0].parent: expected a priority of tier 'lokaal-speerpunt' (the parent of "
        "tier 'accent'), got 'ondermijning' of tier 'gezamenlijk-thema'"
    ]
    # without a parent the accent is fine (a source may not say under which priority it falls)
    assert ivb.loads(text.replace("    tier: lokaal-speerpunt\n", "    tier: accent\n"))


def test_tier_cycle_is_refused(mini_text: str) -> None:
    text = mini_text.replace(
        "    heading: Lokale speerpunten\n",
        "    heading: Lokale speerpunten\n    parent: lokaal-speerpunt\n",
    )
    assert "tiers[1].parent: tiers form a cycle through 'lokaal-speerpunt'" in problems_of(text)


# -- areas, budget, meetings, actions, documents -------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "code", "ok"),
    [
        ("wijk", "WK030300", True),
        ("buurt", "BU03030001", True),
        ("wijk", "BU03030001", False),
        ("buurt", "BU030300", False),
        ("kern", "WK030300", False),
        ("kern", None, True),
        ("buitengebied", None, True),
    ],
)
def test_area_codes(kind: str, code: str | None, ok: bool) -> None:
    def make() -> Area:
        return Area(id="a", name="A", kind=kind, municipality="m", code=code, source=SRC)  # type: ignore[arg-type]

    if ok:
        assert make().code == code
    else:
        with pytest.raises(ValueError, match="code: expected"):
            make()


def test_area_parent_in_the_same_municipality(mini_text: str) -> None:
    areas = (
        "areas:\n"
        "  - {id: noord, name: Noord, kind: wijk, municipality: voorbeeld, code: WK999901,"
        " source: {document: ivb, section: Wijken}}\n"
        "  - {id: hambaken, name: Hambaken, kind: buurt, municipality: voorbeeld, parent: noord,"
        " code: BU99990101, source: {document: ivb, section: Wijken}}\n"
    )
    text = mini_text.replace("roles:\n", areas + "roles:\n", 1)
    policy = ivb.loads(
        text.replace(
            "        partners: [politie]\n",
            "        partners: [politie]\n        areas: [hambaken]\n",
        )
    )
    assert policy.get("hambaken", Area).parent == "noord"
    assert policy.themes[0].actions[0].areas == ("hambaken",)
    assert problems_of(text.replace("parent: noord", "parent: driehoek")) == [
        "areas[1].parent: expected the id of a area, got 'driehoek', which is a body"
    ]


@pytest.mark.parametrize("amount", [True, "1000", math.nan, math.inf, -5])
def test_budget_amount_is_a_number_of_euros(amount: object) -> None:
    with pytest.raises((ValueError, TypeError), match="amount"):
        BudgetLine(year=2025, amount=amount, purpose="p", source=SRC)  # type: ignore[arg-type]


def test_budget_line_in_a_file(mini_text: str) -> None:
    text = mini_text + (
        "budget:\n"
        "  - year: 2026\n    amount: 125000\n    purpose: Aanpak ondermijning\n"
        "    concerns: [ondermijning]\n    source: {document: ivb, section: Financien}\n"
    )
    (line,) = ivb.loads(text).budget
    assert line.amount == 125000.0 and line.year == 2026 and line.concerns == ("ondermijning",)
    assert problems_of(text.replace("amount: 125000", "amount: '€ 125.000'")) == [
        "budget[0].amount: expected a number, got text '€ 125.000'"
    ]


def body(**kwargs: object) -> ConsultationBody:
    base: dict[str, object] = {
        "id": "b",
        "name": "B",
        "tier": "bestuurlijk",
        "scope": "local",
        "purpose": "p",
        "source": SRC,
    }
    return ConsultationBody(**{**base, **kwargs})  # type: ignore[arg-type]


def test_meeting_frequency() -> None:
    assert body().meets is MeetingKind.NOT_STATED
    assert body(meets="ad-hoc").meetings_per_year is None
    assert body(meets="fixed", meetings_per_year=366).meetings_per_year == 366
    for n in (0, 367):
        with pytest.raises(ValueError, match="meetings_per_year"):
            body(meets="fixed", meetings_per_year=n)
    with pytest.raises(ValueError, match="expected a number exactly when meets is 'fixed'"):
        body(meets="fixed")
    with pytest.raises(ValueError, match="expected a number exactly when meets is 'fixed'"):
        body(meets="ad-hoc", meetings_per_year=4)


def test_action_status_without_a_date_and_ranges() -> None:
    done = Action(id="a", text="x", kind="action", status="done", source=SRC)
    assert done.status is ActionStatus.DONE and done.date is None
    ranged = Action(id="a", text="x", kind="action", start="2019", end="2022-03", source=SRC)
    assert (ranged.start, ranged.end) == ("2019", "2022-03")
    assert Action(id="a", text="x", kind="action", start="2023-03", end="2023", source=SRC)
    with pytest.raises(ValueError, match="end: expected a date not before start '2022'"):
        Action(id="a", text="x", kind="action", start="2022", end="2019-12", source=SRC)


def test_document_kinds_and_url(mini_text: str) -> None:
    text = mini_text.replace(
        "    kind: policy\n",
        "    kind: policy\n  - id: begroting\n    title: Programmabegroting 2026\n"
        "    kind: begroting\n    url: https://example.org/begroting.pdf\n",
    )
    assert ivb.loads(text).documents[1].url == "https://example.org/begroting.pdf"
    (problem,) = problems_of(text.replace("kind: begroting", "kind: budget"))
    assert problem.startswith("documents[1].kind: expected one of 'policy', 'presentation'")
    assert problems_of(text.replace("https://example.org", "example.org")) == [
        "documents[1].url: expected a web address starting with http:// or https://, "
        "got 'example.org/begroting.pdf'"
    ]


def test_tiers_of_the_bundled_policy() -> None:
    policy: Policy = ivb.load()
    assert [(t.id, t.heading, t.lead_label) for t in policy.tiers] == [
        ("gezamenlijk-thema", "Gezamenlijke thema's", "thematrekker"),
        ("lokaal-speerpunt", "Lokale speerpunten", None),
    ]
    assert all(policy.tier_of(t) == policy.tiers[0] for t in policy.themes)
    assert isinstance(policy.tiers[0], PriorityTier)


def test_every_entity_has_an_id_and_a_source_field() -> None:
    from ivb.model import KINDS, Identified

    for cls in KINDS:
        names = attrs.fields_dict(cls)
        assert "id" in names and "source" in names, cls.__name__
    entity: Identified = ivb.load().documents[0]
    assert entity.id == "ivb" and entity.source is None
