"""Model classes: converters normalise, validators guard invariants, Policy checks references."""

from __future__ import annotations

import attrs
import pytest

import ivb
from ivb import DuplicateIdError, PolicyValidationError, UnknownIdError
from ivb.model import (
    Action,
    ActionKind,
    ConsultationBody,
    Municipality,
    Policy,
    SourceRef,
    Table,
    TableRow,
    Theme,
    Trend,
    Unit,
    VeiligheidsVeld,
)

SRC = SourceRef("ivb", "Test")


def test_text_is_normalised() -> None:
    action = Action(
        id="a", text="  het  versterken\nvan de\tweerbaarheid ", kind="effort", source=SRC
    )
    assert action.text == "het versterken van de weerbaarheid"
    assert action.kind is ActionKind.EFFORT


def test_enums_and_tuples_are_converted() -> None:
    theme = Theme(
        id="t",
        name="T",
        tier="tier",
        leads=["m"],
        summary="s",
        fields=["fysieke-veiligheid"],
        municipalities=["m"],
        source=SRC,
    )
    assert theme.fields == (VeiligheidsVeld.FYSIEKE_VEILIGHEID,)
    assert theme.municipalities == ("m",)
    assert VeiligheidsVeld.FYSIEKE_VEILIGHEID.label == "Fysieke veiligheid"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": "Bad Id"}, "expected a slug id"),
        ({"date": "31-10-2023", "timing": "planned"}, "expected a date as YYYY"),
        ({"date": "2024"}, "timing: expected a timing exactly when a date is given"),
        ({"timing": "planned"}, "timing: expected a timing exactly when a date is given"),
        ({"partners": ["a", "a"]}, "ids listed twice: a"),
        ({"partners": "politie"}, "expected a list of ids"),
        ({"kind": "wish"}, "'wish' is not a valid ActionKind"),
    ],
)
def test_action_validators(kwargs: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"id": "a", "text": "x", "kind": "effort", "source": SRC}
    with pytest.raises((ValueError, TypeError), match=message):
        Action(**{**base, **kwargs})  # type: ignore[arg-type]


def test_trend_scope_and_session_agree() -> None:
    with pytest.raises(ValueError, match="session: expected a session id"):
        Trend(id="t", name="T", scope="session", source=SRC)
    with pytest.raises(ValueError, match="session: expected a session id"):
        Trend(id="t", name="T", scope="cross-cutting", session="s", source=SRC)


def test_municipality_codes() -> None:
    good = {
        "id": "urk",
        "name": "Urk",
        "cbs_code": "GM0184",
        "province": "Flevoland",
        "province_code": "PV24",
        "tooi": "https://identifier.overheid.nl/tooi/id/gemeente/gm0184",
        "source": SRC,
    }
    assert Municipality(**good).cbs_code == "GM0184"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"tooi: expected .*gm0184"):
        Municipality(**{**good, "tooi": "https://identifier.overheid.nl/tooi/id/gemeente/gm0303"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="province_code"):
        Municipality(**{**good, "province_code": "24"})  # type: ignore[arg-type]


def test_table_rows_match_periods() -> None:
    with pytest.raises(ValueError, match="region 'urk' has 3 values, expected one per period"):
        Table(
            id="t",
            number=1,
            caption="c",
            indicator="i",
            unit="count",
            periods=["2019", "2020"],
            rows=[TableRow(region="urk", values=[1, 2, 3])],
            source=SRC,
        )
    table = Table(
        id="t",
        number=None,
        caption="c",
        indicator="i",
        unit="count",
        periods=["2019"],
        rows=[TableRow(region="urk", values=[None])],
        source=SRC,
    )
    assert table.unit is Unit.COUNT and table.rows[0].values == (None,)


def test_body_meetings_must_be_positive() -> None:
    with pytest.raises(ValueError):
        ConsultationBody(
            id="b",
            name="B",
            tier="ambtelijk",
            scope="local",
            purpose="p",
            meets="fixed",
            meetings_per_year=0,
            source=SRC,
        )


@pytest.fixture
def policy() -> Policy:
    return ivb.load()


def test_get_with_class(policy: Policy) -> None:
    assert policy.get("ondermijning", Theme).leads == ("dronten",)
    with pytest.raises(UnknownIdError, match="no theme with id 'burgemeester'"):
        policy.get("burgemeester", Theme)
    with pytest.raises(UnknownIdError) as info:
        policy.get("ondermijnin", Theme)
    assert info.value.suggestions == ("ondermijning",)


def test_kind_of_ids_and_contains(policy: Policy) -> None:
    assert policy.kind_of("ambtelijk-vooroverleg") == "body"
    assert "urk" in policy and "utrecht" not in policy
    assert policy.ids("theme") == ("cybercrime", "ondermijning", "maatschappelijke-onrust")
    assert len(policy.ids()) == len(set(policy.ids())) == len(list(policy.entities()))
    with pytest.raises(UnknownIdError):
        policy.kind_of("utrecht")


def test_municipality_by_code(policy: Policy) -> None:
    assert policy.municipality("GM0171").id == "noordoostpolder"
    assert policy.municipality("urk").cbs_code == "GM0184"
    with pytest.raises(UnknownIdError, match="no municipality with id 'GM0172'; did you mean"):
        policy.municipality("GM0172")


def test_resolve_keeps_order(policy: Policy) -> None:
    assert [m.name for m in policy.resolve(["urk", "dronten"])] == ["Urk", "Dronten"]


def test_actions_cover_principles_themes_and_speerpunten(policy: Policy) -> None:
    actions = policy.actions
    assert len(actions) == len(policy.ids("action"))
    listed = tuple(a for ps in policy.principle_sets for a in ps.items)
    assert actions[: len(listed)] == listed
    assert actions[len(listed) : len(listed) + len(policy.principles)] == policy.principles


def test_evolve_revalidates(policy: Policy) -> None:
    theme = attrs.evolve(policy.themes[0], leads=("amsterdam",))
    with pytest.raises(
        PolicyValidationError, match=r"themes\[0\]\.leads\[0\]: .*unknown id 'amsterdam'"
    ):
        attrs.evolve(policy, themes=(theme, *policy.themes[1:]))
    with pytest.raises(DuplicateIdError):
        attrs.evolve(policy, themes=(*policy.themes, policy.themes[0]))


def test_evolve_makes_a_new_policy(policy: Policy) -> None:
    changed = attrs.evolve(policy, title="Anders")
    assert changed.title == "Anders" and policy.title == "Integraal Veiligheidsbeleid 2024-2027"
    assert changed != policy
    assert changed.get("urk") == policy.get("urk")


def test_policies_are_hashable_values(policy: Policy) -> None:
    assert hash(policy.themes[0]) == hash(attrs.evolve(policy.themes[0]))
    assert policy == ivb.loads(ivb.dumps(policy))
