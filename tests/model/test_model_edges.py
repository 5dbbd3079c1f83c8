"""Edges of the model: long names in a repr, citations of flags and authority, refusals."""

from __future__ import annotations

import pytest

import ivb
from ivb import PolicyValidationError, UnknownIdError
from ivb.model import (
    Direction,
    FigureCheck,
    IndicatorSource,
    Measurement,
    Policy,
    SourceRef,
    Speerpunt,
    Target,
    TargetStep,
    Theme,
)

SRC = SourceRef("ivb", "Test")


def _theme(name: str) -> Theme:
    return Theme(id="t", name=name, tier="tier", summary="s", municipalities=["m"], source=SRC)


def test_a_name_of_sixty_characters_is_shown_whole_and_a_longer_one_cut() -> None:
    sixty = "a" * 60
    assert repr(_theme(sixty)) == f"<Theme t: {sixty!r}>"
    cut = repr(_theme("b" * 61))
    assert cut == f"<Theme t: {'b' * 59 + '…'!r}>"


def _citation(holder: str, field: str, target: str) -> str:
    return (
        "citations:\n"
        f"  - holder: {holder}\n"
        f"    field: {field}\n"
        f"    target: {target}\n"
        "    source: {document: ivb, section: Rollen}\n"
    )


def _problems(text: str) -> list[str]:
    with pytest.raises(PolicyValidationError) as info:
        ivb.loads(text)
    return [str(p) for p in info.value.problems]


def test_a_citation_of_authority_names_whom_the_role_has_authority_over(mini_text: str) -> None:
    policy = ivb.loads(mini_text + _citation("burgemeester", "authority", "politie"))
    assert [(c.holder, c.field, c.target) for c in policy.citations] == [
        ("burgemeester", "authority", "politie")
    ]
    assert _problems(mini_text + _citation("burgemeester", "authority", "driehoek")) == [
        "citations[0].target: expected one of the ids in burgemeester.authority (politie), "
        "got 'driehoek'"
    ]


def test_a_citation_of_a_policy_flag_needs_the_flag_set(mini_text: str) -> None:
    policy_id = "voorbeeld-ivb-2025-2028"
    # the burgemeester of the small policy neither adopts nor controls the policy
    assert _problems(mini_text + _citation("burgemeester", "controls_policy", policy_id)) == [
        "citations[0].target: expected one of the ids in burgemeester.controls_policy (none), "
        f"got {policy_id!r}"
    ]


def test_the_tier_of_something_that_is_no_priority_is_refused(mini_text: str) -> None:
    policy = ivb.loads(mini_text)
    with pytest.raises(UnknownIdError, match=r"^no theme or speerpunt with id 'driehoek'$"):
        policy.tier_of("driehoek")


def test_a_figure_check_names_the_target_it_lacks() -> None:
    with pytest.raises(
        ValueError,
        match=r"^target: expected the id of a target exactly when against is "
        r"'target-baseline', got None$",
    ):
        FigureCheck(against="target-baseline")


def test_calling_actions_warns_what_to_write_instead(dnu_policy: Policy) -> None:
    with pytest.warns(DeprecationWarning, match=r"^Policy\.actions\(\) is deprecated: "):
        assert dnu_policy.actions() == dnu_policy.actions


@pytest.fixture(scope="module")
def dnu_policy() -> Policy:
    return ivb.load()


def _target(**kwargs: object) -> Target:
    base: dict[str, object] = {
        "id": "t",
        "name": "T",
        "municipalities": ["m"],
        "statement": "s",
        "source": SRC,
    }
    return Target(**{**base, **kwargs})  # type: ignore[arg-type]


MEASURED = [Measurement(year=2024, value=3.0, source=SRC)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"milestones": [TargetStep(year=2025, value=1.0)]},
            "milestones: a qualitative target (no indicators) has no milestones",
        ),
        ({"measured": MEASURED}, "measured: a qualitative target (no indicators) has no measured"),
        ({"indicators": ["i"]}, "comparison: a target with indicators needs a comparison"),
        (
            {"indicators": ["i"], "comparison": "keep"},
            "direction: a 'keep' target needs the direction that is better (higher or lower)",
        ),
        (
            {"indicators": ["i"], "comparison": "at-least", "value": 5, "direction": "lower"},
            "direction: 'lower' contradicts comparison 'at-least'",
        ),
        (
            {"indicators": ["i", "j"], "comparison": "at-most", "value": 5, "measured": MEASURED},
            "measured: recorded values need a target of one indicator and one region",
        ),
        (
            {
                "indicators": ["i"],
                "municipalities": ["m", "n"],
                "comparison": "at-most",
                "value": 5,
                "measured": MEASURED,
            },
            "measured: recorded values need a target of one indicator and one region",
        ),
    ],
)
def test_a_target_refusal_says_which_field_and_why(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as info:
        _target(**kwargs)
    assert str(info.value) == message


def test_a_target_may_state_the_direction_its_comparison_implies_and_record_values() -> None:
    target = _target(
        indicators=["i"], comparison="at-least", value=5, direction="higher", measured=MEASURED
    )
    assert target.better is Direction.HIGHER
    assert target.measured == tuple(MEASURED)


@pytest.mark.parametrize(
    ("change_pct", "better"),
    [(0.5, Direction.HIGHER), (10, Direction.HIGHER), (-0.5, Direction.LOWER)],
)
def test_a_change_by_target_wants_the_way_of_its_sign(change_pct: float, better: Direction) -> None:
    target = _target(indicators=["i"], comparison="change-by", change_pct=change_pct)
    assert target.better is better


def test_a_table_source_needs_a_table_or_a_publication() -> None:
    with pytest.raises(ValueError) as info:
        IndicatorSource(kind="cbs")
    assert str(info.value) == (
        "table: a cbs source needs the id of its open data table (e.g. 47013NED) "
        "or the name of the publication"
    )
    assert IndicatorSource(kind="cbs", name="Kerncijfers wijken en buurten").table is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"kind": "police", "name": "Misdrijven", "codes": ["1.1.1"]},
            "table: codes need the open data table they are codes of",
        ),
        (
            {"kind": "police", "table": "47013NED"},
            "codes: a police table source needs its codes, or 'confirmed: false' where "
            "they could not be confirmed",
        ),
    ],
)
def test_an_indicator_source_refusal_says_what_it_lacks(
    kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError) as info:
        IndicatorSource(**kwargs)  # type: ignore[arg-type]
    assert str(info.value) == message


def test_a_police_table_whose_codes_could_not_be_confirmed_is_taken() -> None:
    source = IndicatorSource(kind="police", table="47013NED", confirmed=False)
    assert (source.table, source.codes, source.confirmed) == ("47013NED", (), False)


def test_the_number_of_a_speerpunt_is_a_whole_number() -> None:
    def speerpunt(number: object) -> Speerpunt:
        return Speerpunt(
            id="s", name="S", tier="t", municipalities=["m"], summary="", number=number, source=SRC
        )

    with pytest.raises(ValueError) as info:
        speerpunt(2.5)
    assert str(info.value) == "number: expected a whole number of at least 1, got 2.5"
    assert speerpunt(2).number == 2


def test_a_period_that_ends_before_it_starts_is_refused_as_written(mini_text: str) -> None:
    text = mini_text.replace("period: [2025, 2028]", "period: [2028, 2025]", 1)
    assert _problems(text) == ["period: expected [first year, last year], got [2028, 2025]"]


def test_a_priority_under_itself_is_refused_at_its_parent(mini_text: str) -> None:
    text = mini_text.replace("    number: 1\n", "    number: 1\n    parent: voorbeeld-jeugd\n", 1)
    assert _problems(text) == [
        "speerpunten[0].parent: expected another priority, got itself 'voorbeeld-jeugd'"
    ]


def test_a_priority_under_an_unknown_one_is_named_once(mini_text: str) -> None:
    text = mini_text.replace("    number: 1\n", "    number: 1\n    parent: onbekend\n", 1)
    assert _problems(text) == [
        "speerpunten[0].parent: expected the id of a theme/speerpunt, got unknown id 'onbekend'"
    ]


def test_a_role_that_is_its_own_office_is_refused_at_its_office(mini_text: str) -> None:
    text = mini_text.replace(
        "    kind: office\n", "    kind: office\n    office: burgemeester\n", 1
    )
    assert _problems(text) == ["roles[0].office: expected another role, got itself 'burgemeester'"]


def test_an_office_that_holds_an_office_itself_is_refused(mini_text: str) -> None:
    roles = "".join(
        f"  - id: {ident}\n    name: {ident.title()}\n    kind: office\n    office: {office}\n"
        "    municipalities: [voorbeeld]\n    source: {document: ivb, section: Rollen}\n"
        for ident, office in (("wethouder", "burgemeester"), ("loco", "wethouder"))
    )
    text = mini_text.replace("partners:\n", roles + "partners:\n", 1)
    assert _problems(text) == [
        "roles[2].office: expected a shared office (a role without an office of its own), "
        "got 'wethouder', which holds office 'burgemeester'"
    ]


def test_two_tiers_under_each_other_are_a_cycle(mini_text: str) -> None:
    text = mini_text.replace(
        "    heading: Gezamenlijke thema's\n",
        "    heading: Gezamenlijke thema's\n    parent: lokaal-speerpunt\n",
        1,
    ).replace(
        "    heading: Lokale speerpunten\n",
        "    heading: Lokale speerpunten\n    parent: gezamenlijk-thema\n",
        1,
    )
    assert _problems(text) == [
        "tiers[0].parent: tiers form a cycle through 'gezamenlijk-thema'",
        "tiers[1].parent: tiers form a cycle through 'lokaal-speerpunt'",
    ]


def test_a_tier_under_an_unknown_tier_is_one_clear_problem(mini_text: str) -> None:
    text = mini_text.replace(
        "  - id: lokaal-speerpunt\n", "  - id: lokaal-speerpunt\n    parent: nergens\n", 1
    )
    assert text != mini_text
    with pytest.raises(PolicyValidationError) as info:
        ivb.loads(text)
    assert str(info.value) == (
        "1 problem:\n  tiers[1].parent: expected the id of a tier, got unknown id 'nergens'"
    )
