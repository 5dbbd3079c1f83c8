"""Every numeric statement of the policy checked; each verdict pinned."""

from __future__ import annotations

import math
from pathlib import Path

import attrs
import pytest

import ivb
from ivb.indicators import (
    TOLERANCES,
    IndicatorError,
    Verdict,
    add_aggregates,
    police_measurements,
    read_police_table,
    region_groups,
    tolerance_for,
    verify_claims,
)
from ivb.model import CheckKind, Figure, Policy, SourceRef, TrendClaim, Unit

C, X, N = Verdict.CONSISTENT, Verdict.INCONSISTENT, Verdict.NOT_CHECKABLE

#: The verdict of every claim of the bundled policy, in the order verify_claims gives them.
VERDICTS = {
    "dnu-geregistreerde-criminaliteit-2022-vs-2019": N,
    "dronten-geregistreerde-criminaliteit-2022-vs-2021": N,
    "dnu-woninginbraken-2022-vs-2019": N,
    "dnu-geweld-2022-vs-2019": N,
    "dnu-openlijke-geweldpleging-2022-vs-2019": N,
    "urk-openlijke-geweldpleging-2019": N,
    "urk-openlijke-geweldpleging-2022": N,
    "dnu-veelvoorkomende-criminaliteit-vs-2019": N,
    "dnu-zakkenrollen-vs-2019": N,
    "dnu-gedigitaliseerde-criminaliteit-vs-2019": C,
    "dnu-jongerenoverlast-vs-2019": N,
    "dnu-overlast-onbegrepen-gedrag-2022-vs-2019": C,
    "dnu-overlast-onbegrepen-gedrag-2022": C,
    "dnu-overlast-onbegrepen-gedrag-2019": C,
    "midden-nederland-gemeenten-veiligheidsstrategie": N,
    "flevoland-burgemeesters-veiligheidscollege": N,
    "nederland-slachtoffers-digitale-criminaliteit": N,
    "nederland-vertrouwen-landelijke-overheid": N,
    "dronten-geregistreerde-criminaliteit-2022-vs-2019": N,
    "dronten-20-procent-jeugd": N,
    "noordoostpolder-geregistreerde-criminaliteit-2023-h1": N,
    "noordoostpolder-geregistreerde-criminaliteit-2022-vs-2021": N,
    "noordoostpolder-veiligheidsbeleving-rapportcijfer": C,
    "noordoostpolder-jongeren-aandeel": N,
    "urk-jongeren-aandeel-2023": N,
    "dnu-professionals-themasessies-voorwoord": N,
    "dnu-organisaties-themasessies-voorwoord": C,
    "dnu-themasessies-ivb": C,
    "dnu-themasessies-presentatie": C,
    "dnu-deelnemers-themasessies-presentatie": N,
    "dnu-organisaties-themasessies-presentatie": C,
    "dnu-scenarios-themasessies": N,
    "tabel-1-gedigitaliseerde-criminaliteit.total.dnu.2019": C,
    "tabel-1-gedigitaliseerde-criminaliteit.total.dnu.2020": C,
    "tabel-1-gedigitaliseerde-criminaliteit.total.dnu.2021": C,
    "tabel-1-gedigitaliseerde-criminaliteit.total.dnu.2022": C,
    "tabel-1.dnu.corona-toename": C,
    "tabel-1.dnu.piek-afgenomen": C,
    "tabel-2.noordoostpolder.elk-jaar-toe": C,
    "tabel-2.dronten.ongeveer-gelijk": C,
    "tabel-2.urk.ongeveer-gelijk": X,
}


def test_every_verdict_is_pinned(policy: Policy) -> None:
    checks = verify_claims(policy)
    assert {c.id: c.verdict for c in checks} == VERDICTS
    assert [c.id for c in checks] == list(VERDICTS)
    assert [c.id for c in checks if c.kind == "figure"] == [f.id for f in policy.figures]


def test_the_numbers_behind_the_table_claims(policy: Policy) -> None:
    checks = {c.id: c for c in verify_claims(policy)}
    digital = checks["dnu-gedigitaliseerde-criminaliteit-vs-2019"]
    assert digital.computed == pytest.approx((506 - 468) / 468 * 100)
    assert (digital.low, digital.high) == (6.7, 9.3)  # zo'n 8: within 10% either way
    assert digital.checked_against == "tabel 1 (tabel-1-gedigitaliseerde-criminaliteit)"
    confused = checks["dnu-overlast-onbegrepen-gedrag-2022-vs-2019"]
    assert confused.computed == pytest.approx(25.53, abs=0.01)
    assert (confused.low, confused.high) == (22.9, 26.0)  # bijna 26: at most 26
    assert confused.detail == "computed 25.53, within 22.9 to 26"
    urk = checks["tabel-2.urk.ongeveer-gelijk"]
    assert urk.computed == pytest.approx(-11.11, abs=0.01)
    assert urk.detail == "36 in 2019, 32 in 2022: -11.1%"
    assert checks["dnu-organisaties-themasessies-voorwoord"].computed == 53


def test_not_checkable_claims_say_why(policy: Policy) -> None:
    checks = {c.id: c for c in verify_claims(policy)}
    burglary = checks["dnu-woninginbraken-2022-vs-2019"]
    assert burglary.computed is None and burglary.low is None
    assert burglary.detail == (
        "no table of the policy gives 'woninginbraken'; police open data 47013NED "
        "(SoortMisdrijf 1.1.1) can check it: pass police_measurements(...) as measurements"
    )
    assert checks["dnu-jongerenoverlast-vs-2019"].detail.endswith(
        "police open data 47021NED can check it once the code of 'Jongerenoverlast' is confirmed"
    )
    assert checks["nederland-vertrouwen-landelijke-overheid"].detail == (
        "een landelijk cijfer uit onderzoek van het CBS; het beleid bevat geen landelijke cijfers"
    )
    for check in checks.values():
        if check.verdict is Verdict.NOT_CHECKABLE:
            assert check.detail and check.computed is None


def test_the_claim_rules_are_data_of_the_policy(policy: Policy) -> None:
    rules = {f.id: f.check for f in policy.figures if f.check is not None}
    assert len(rules) == 15
    kinds = [r.against for r in rules.values()]
    assert kinds.count(CheckKind.NOT_CHECKABLE) == 10
    assert (
        kinds.count(CheckKind.COUNT_SESSIONS) == kinds.count(CheckKind.COUNT_SESSION_PARTNERS) == 2
    )
    assert rules["noordoostpolder-veiligheidsbeleving-rapportcijfer"].target == (  # type: ignore[union-attr]
        "noordoostpolder-veiligheidsbeleving-target"
    )
    checks = {c.id: c for c in verify_claims(policy)}
    assert checks["dnu-themasessies-ivb"].checked_against == (
        "the participation sessions of the process"
    )
    # a figure without its rule is linked by indicator: no table gives it
    bare = [
        attrs.evolve(f, check=None) if f.id == "dnu-scenarios-themasessies" else f
        for f in policy.figures
    ]
    check = {c.id: c for c in verify_claims(attrs.evolve(policy, figures=bare))}[
        "dnu-scenarios-themasessies"
    ]
    assert check.detail == "no table of the policy gives 'scenarios-themasessies'"


def test_a_trend_statement_is_judged_against_its_own_table_only(policy: Policy) -> None:
    """A statement names its table by id: another policy's table 2 never answers it."""
    claims = {c.id: c for c in verify_claims(policy)}
    assert claims["tabel-2.noordoostpolder.elk-jaar-toe"].checked_against == (
        "tabel 2 (tabel-2-overlast-personen-met-onbegrepen-gedrag)"
    )
    # a policy whose table 2 counts something else, without the statement: nothing is judged
    t1, t2 = policy.tables
    other = attrs.evolve(
        t2, id="tabel-2-fietsendiefstal", caption="Fietsendiefstal", indicator="fietsendiefstal"
    )
    without = attrs.evolve(policy, tables=[t1, other], trend_claims=policy.trend_claims[:2])
    ids = [c.id for c in verify_claims(without) if c.kind == "trend"]
    assert ids == ["tabel-1.dnu.corona-toename", "tabel-1.dnu.piek-afgenomen"]
    # a statement naming a table the policy lacks is refused when the policy is built
    stray = attrs.evolve(
        policy.trend_claims[2], table="tabel-2-overlast-personen-met-onbegrepen-gedrag"
    )
    with pytest.raises(ivb.PolicyValidationError, match=r"trend_claims\[2\]\.table: .*unknown id"):
        attrs.evolve(without, trend_claims=[*without.trend_claims, stray])


def test_a_new_trend_statement_in_data(policy: Policy) -> None:
    claim = TrendClaim(
        id="tabel-2.dnu.toe",
        table="tabel-2-overlast-personen-met-onbegrepen-gedrag",
        region="dnu",
        kind="rises",
        base="2019",
        period="2022",
        percent=20,
        quote="Het aantal meldingen nam flink toe.",
        source=SourceRef("ivb", "Cijfers"),
    )
    check = verify_claims(attrs.evolve(policy, trend_claims=[claim]))[-1]
    assert (check.id, check.verdict, check.detail) == (
        "tabel-2.dnu.toe",
        Verdict.CONSISTENT,
        "470 in 2019, 590 in 2022: 25.5%",
    )


def test_police_data_make_police_claims_checkable(policy: Policy, crimes_csv: Path) -> None:
    codes = [m.cbs_code for m in policy.municipalities]
    police = add_aggregates(
        police_measurements(read_police_table(crimes_csv, regions=codes), policy),
        region_groups(policy),
    )
    checks = {c.id: c for c in verify_claims(policy, police)}
    burglary = checks["dnu-woninginbraken-2022-vs-2019"]
    # the sample's numbers are synthetic: -10%, against the policy's -54%
    assert burglary.computed == pytest.approx(-10.0)
    assert burglary.verdict is Verdict.INCONSISTENT
    assert burglary.checked_against == (
        "measurements: Politie open data 47013NED, SoortMisdrijf 1.1.1"
    )
    assert checks["urk-openlijke-geweldpleging-2019"].computed == 4 * 2 * 10
    # the first half of 2023 is no period of the data: still not checkable
    assert checks["noordoostpolder-geregistreerde-criminaliteit-2023-h1"].verdict is N
    # table claims keep their table
    assert checks["dnu-gedigitaliseerde-criminaliteit-vs-2019"].verdict is C


@pytest.mark.parametrize(
    ("qualifier", "stated", "computed", "ok"),
    [
        (None, 54, 54.4, True),
        (None, 54, 54.6, False),
        (None, 7.6, 7.64, True),
        ("ruim", 8, 8.1, True),
        ("ruim", 8, 7.9, False),
        ("ruim", 50, 60.5, True),
        ("ruim", 50, 61, False),
        ("bijna", 26, 25.5, True),
        ("bijna", 26, 26.1, False),
        ("bijna", 10, 8.6, True),
        ("bijna", 10, 8.4, False),
        ("een kleine", 6, 5.7, True),
        ("zo'n", 11, 12.1, True),
        ("zo’n", 11, 12.7, False),
        ("gemiddeld zo'n", 73, 70, True),
        ("minder dan", 25, 24.9, True),
        ("minder dan", 25, 25, False),
        ("meer dan", 50, 53, True),
        ("meer dan", 50, 50, False),
        ("een zestal", 6, 6, True),
        ("ongeveer", 100, 111, False),
    ],
)
def test_tolerances(qualifier: str | None, stated: float, computed: float, ok: bool) -> None:
    assert tolerance_for(qualifier).accepts(stated, computed) is ok


def test_every_qualifier_of_the_policy_is_known(policy: Policy) -> None:
    for f in policy.figures:
        tolerance_for(f.qualifier)
    assert "" in TOLERANCES and all(t.meaning for t in TOLERANCES.values())


def test_an_unknown_qualifier_is_an_error(policy: Policy) -> None:
    with pytest.raises(IndicatorError, match=r"expected one of 'ruim', .* got 'grofweg'"):
        tolerance_for("grofweg")
    # the model refuses such a figure: the report can no longer fail on it later
    with pytest.raises(ValueError, match=r"qualifier: expected one of 'ruim', .* got 'grofweg'"):
        attrs.evolve(policy.figures[0], qualifier="grofweg")


def test_a_sign_error_is_inconsistent(policy: Policy) -> None:
    wrong = Figure(
        id="f",
        indicator="gedigitaliseerde-criminaliteit",
        description="d",
        region="dnu",
        period="2022",
        base_period="2019",
        value=-8,
        qualifier="zo'n",
        unit=Unit.PERCENT_CHANGE,
        source=SourceRef("ivb", "s"),
    )
    # the citations of the figures go with them
    figures = {f.id for f in policy.figures}
    citations = tuple(c for c in policy.citations if c.holder not in figures)
    (check, *_) = verify_claims(attrs.evolve(policy, figures=[wrong], citations=citations))
    assert check.verdict is Verdict.INCONSISTENT
    assert check.detail == "the text says a fall, the data show a rise of 8.12"


def test_a_wrong_printed_total_is_inconsistent(policy: Policy) -> None:
    table = policy.tables[0]
    bad = attrs.evolve(
        table, stated_totals=[attrs.evolve(table.stated_totals[0], values=[468, 718, 699, None])]
    )
    checks = [
        c
        for c in verify_claims(attrs.evolve(policy, tables=[bad, policy.tables[1]]))
        if c.kind == "stated-total"
    ]
    assert [c.verdict for c in checks] == [C, X, C]
    assert checks[1].detail == "computed 717, outside 717.5 to 718.5"


def test_to_dict_is_json_ready(policy: Policy) -> None:
    for check in verify_claims(policy):
        data = check.to_dict()
        assert isinstance(data["verdict"], str)
        for key in ("low", "high", "computed"):
            assert data[key] is None or math.isfinite(data[key])
