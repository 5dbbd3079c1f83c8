"""Checking the numeric statements of the policy against its own data.

Every :class:`~ivb.model.Figure` (a number in the running text), every printed total
of a table (``stated_totals``) and the trend statements the text makes about its
tables become a *claim*. :func:`verify_claims` recomputes each claim from the data in
the policy (its tables, the partner list of its appendix, its targets; and, when
given, measurements such as police open data) and gives a :class:`Verdict`.

How a claim is linked to data is documented data too:

- :data:`TOLERANCES`: what each hedge word of the text allows ("ruim", "bijna", ...);
  the words are those of :data:`ivb.model.QUALIFIERS`.
- A figure's ``check`` (:class:`~ivb.model.FigureCheck`, in the policy file): what it
  is checked against, or why it cannot be. A figure without one is linked to the
  tables (or measurements) of its indicator; with neither, it is not checkable and
  the reason says what is missing.
- The policy's ``trend_claims`` (:class:`~ivb.model.TrendClaim`): statements about a
  table, named by its id, that are not a single number ("elk jaar verder toe",
  "ongeveer gelijk").
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd

from ivb._records import Record, Records
from ivb.indicators._errors import IndicatorError
from ivb.indicators._frames import region_code, table_frame
from ivb.indicators._measurements import Measurements, as_frame
from ivb.indicators._police import POLICE_TABLES
from ivb.model._measures import CheckKind, DataSourceKind, TrendKind, normalise_qualifier
from ivb.model._measures import Table as _TableType

if TYPE_CHECKING:
    from ivb.model import Figure, Policy, Table, Target, TrendClaim

__all__ = [
    "TOLERANCES",
    "ClaimCheck",
    "Tolerance",
    "Verdict",
    "tolerance_for",
    "verify_claims",
]


class Verdict(enum.StrEnum):
    """What the data say of a claim."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NOT_CHECKABLE = "not-checkable"

    @property
    def label(self) -> str:
        """A short label for reports."""
        return {
            "consistent": "consistent",
            "inconsistent": "inconsistent",
            "not-checkable": "not checkable",
        }[self.value]


@attrs.frozen(kw_only=True)
class Tolerance:
    """The range of values a hedged statement allows, relative to the stated number.

    A computed magnitude *c* supports a stated magnitude *s* when
    ``s * low - slack <= c <= s * high + slack``, where *slack* is half a unit of the
    stated number's last printed digit (0.5 for whole numbers) when ``rounding`` is
    true, and 0 otherwise. ``strict_low``/``strict_high`` make a bound exclusive.
    """

    qualifier: str
    meaning: str
    low: float
    high: float
    rounding_low: bool = True
    rounding_high: bool = True
    strict_low: bool = False
    strict_high: bool = False

    def bounds(self, stated: float) -> tuple[float, float]:
        """The accepted range of magnitudes for a stated magnitude.

        Examples
        --------
        >>> tolerance_for("bijna").bounds(26)
        (22.9, 26.0)
        """
        s = abs(stated)
        slack = half_unit(stated)
        low = s * self.low - (slack if self.rounding_low else 0.0)
        high = s * self.high + (slack if self.rounding_high else 0.0)
        return round(max(low, 0.0), 9), round(high, 9)

    def accepts(self, stated: float, computed: float) -> bool:
        """Whether *computed* (a magnitude) supports *stated*.

        Examples
        --------
        >>> tolerance_for("ruim").accepts(8, 8.12), tolerance_for("ruim").accepts(8, 7.9)
        (True, False)
        """
        low, high = self.bounds(stated)
        c = abs(computed)
        eps = 1e-9 * max(1.0, abs(stated))
        above = c > low + eps if self.strict_low else c >= low - eps
        below = c < high - eps if self.strict_high else c <= high + eps
        return above and below


def half_unit(stated: float) -> float:
    """Half a unit of the last digit a number is printed with.

    Whole numbers: 0.5; ``7.6``: 0.05; a million or more (printed as "2,2 miljoen"):
    half of 0.1 million.

    Examples
    --------
    >>> half_unit(26), half_unit(7.6), half_unit(2_200_000)
    (0.5, 0.05, 50000.0)
    """
    s = abs(float(stated))
    if s >= 1_000_000:
        return 50_000.0
    if s.is_integer():
        return 0.5
    decimals = len(repr(s).split(".")[1].rstrip("0")) if "." in repr(s) else 0
    return round(0.5 * 10.0**-decimals, decimals + 1)


def _tol(qualifier: str, meaning: str, low: float, high: float, **kw: bool) -> Tolerance:
    return Tolerance(qualifier=qualifier, meaning=meaning, low=low, high=high, **kw)


_BELOW = "at most the number, and no more than 10% below it"

#: What each hedge word allows: one tolerance per word of :data:`ivb.model.QUALIFIERS`,
#: and ``""`` for a plain number.
TOLERANCES: Mapping[str, Tolerance] = {
    "": _tol("", "as printed, up to the rounding of its last digit", 1.0, 1.0),
    "ruim": _tol("ruim", "at least the number, at most 20% more", 1.0, 1.2, rounding_low=False),
    "meer dan": _tol(
        "meer dan", "more than the number", 1.0, math.inf, rounding_low=False, strict_low=True
    ),
    "bijna": _tol("bijna", _BELOW, 0.9, 1.0, rounding_high=False),
    "een kleine": _tol("een kleine", _BELOW, 0.9, 1.0, rounding_high=False),
    "minder dan": _tol(
        "minder dan",
        "less than the number",
        0.0,
        1.0,
        rounding_low=False,
        rounding_high=False,
        strict_high=True,
    ),
    "zo'n": _tol("zo'n", "within 10% of the number either way", 0.9, 1.1),
    "ongeveer": _tol("ongeveer", "within 10% of the number either way", 0.9, 1.1),
    "circa": _tol("circa", "within 10% of the number either way", 0.9, 1.1),
    "een ...tal": _tol("een ...tal", "about the number: within 10% either way", 0.9, 1.1),
}


def tolerance_for(qualifier: str | None) -> Tolerance:
    """The tolerance a hedge word implies.

    Parameters
    ----------
    qualifier:
        The word as printed (``"ruim"``, ``"zo’n"``, ``"gemiddeld zo'n"``), or None.

    Returns
    -------
    Tolerance
        From :data:`TOLERANCES`.

    Raises
    ------
    IndicatorError
        If the word is not one of :data:`ivb.model.QUALIFIERS`; the message lists them.

    Examples
    --------
    >>> tolerance_for("gemiddeld zo’n").meaning
    'within 10% of the number either way'
    >>> tolerance_for("een zestal").qualifier
    'een ...tal'
    """
    try:
        return TOLERANCES[normalise_qualifier(qualifier)]
    except ValueError as exc:
        raise IndicatorError(str(exc)) from None


@attrs.frozen(kw_only=True)
class ClaimCheck(Record):
    """A claim, what it was checked against and the verdict.

    Attributes
    ----------
    id:
        Figure id, ``<table>.total.<region>.<period>`` for a printed total, or the id of
        a :class:`TrendClaim`.
    kind:
        ``figure``, ``stated-total`` or ``trend``.
    statement:
        The sentence (Dutch, as in the source) or what the total is.
    region, period, base_period, unit:
        What the number is about (region as a code).
    stated:
        The number as stated (None for trends).
    qualifier:
        The hedge word, as printed.
    tolerance:
        What the wording allows.
    low, high:
        The accepted range for the computed value (None where there is none).
    computed:
        The value recomputed from the data (None where it cannot be).
    checked_against:
        The data used, e.g. ``tabel 2 (tabel-2-...)``.
    verdict:
        Consistent, inconsistent or not checkable.
    detail:
        The numbers behind the verdict, or why it is not checkable.
    source:
        Where the claim stands in the source.
    """

    id: str
    kind: str
    statement: str
    region: str
    period: str
    base_period: str | None
    unit: str
    stated: float | None
    qualifier: str | None
    tolerance: str
    low: float | None
    high: float | None
    computed: float | None
    checked_against: str | None
    verdict: Verdict
    detail: str
    source: str

    def to_dict(self) -> dict[str, object]:
        """The check as plain data (for JSON): the verdict as text, no infinities.

        Examples
        --------
        >>> import ivb
        >>> verify_claims(ivb.load())[9].to_dict()["verdict"]
        'consistent'
        """
        out = attrs.asdict(self)
        out["verdict"] = self.verdict.value
        for key in ("low", "high"):
            if out[key] is not None and math.isinf(out[key]):
                out[key] = None
        return out


def _fmt(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    if math.isinf(x):
        return "∞"
    if float(x).is_integer():
        return f"{int(x)}"
    return f"{x:.2f}".rstrip("0").rstrip(".")


# -- linking ------------------------------------------------------------------


@attrs.frozen
class _Data:
    """The data claims are checked against, computed once."""

    policy: Policy
    tables: pd.DataFrame
    measurements: pd.DataFrame


def _lookup(frame: pd.DataFrame, indicator: str, region: str, period: str) -> float | None:
    hit = frame[
        (frame["indicator"] == indicator).to_numpy(dtype=bool, na_value=False)
        & (frame["region"] == region).to_numpy(dtype=bool, na_value=False)
        & (frame["period"] == period).to_numpy(dtype=bool, na_value=False)
    ]
    if hit.empty:
        return None
    return float(hit["value"].iloc[0])


def lacking(
    frame: pd.DataFrame, indicator: str, region: str, periods: Sequence[str]
) -> tuple[list[str], list[str]] | None:
    """Which of *periods* *frame* lacks for *indicator* in *region*.

    Returns
    -------
    tuple of two lists, or None
        The periods without a row and the periods whose value is not published (NaN),
        each in the order of *periods*; None when *frame* has no row for the region at
        all.
    """
    rows = frame[
        (frame["indicator"] == indicator).to_numpy(dtype=bool, na_value=False)
        & (frame["region"] == region).to_numpy(dtype=bool, na_value=False)
    ]
    if rows.empty:
        return None
    values: dict[str, float] = {}
    for period, value in zip(rows["period"], rows["value"].astype(float), strict=True):
        values.setdefault(period, value)  # the first row, as _lookup reads it
    absent = [p for p in periods if p not in values]
    unpublished = [p for p in periods if p in values and math.isnan(values[p])]
    return absent, unpublished


def _lacking_reason(
    frame: pd.DataFrame, indicator: str, region: str, periods: Sequence[str]
) -> str | None:
    """Why *frame* cannot give *periods* of *indicator* in *region*, naming exactly
    the periods it lacks; None when it has them all."""
    gaps = lacking(frame, indicator, region, periods)
    if gaps is None:
        return f"no values for {region}"
    absent, unpublished = gaps
    if absent and unpublished:
        return (
            f"no value for {region} in {' and '.join(absent)}, "
            f"not published in {' and '.join(unpublished)}"
        )
    if absent:
        return f"no value for {region} in {' and '.join(absent)}"
    if unpublished:
        return f"not published for {region} in {' and '.join(unpublished)}"
    return None


def _table_label(table: Table) -> str:
    return f"tabel {table.number} ({table.id})" if table.number else f"table {table.id}"


def _data_hint(policy: Policy, indicator: str) -> str:
    """Which open data could check a figure of *indicator*, after the indicator registry."""
    ind = next((i for i in policy.indicators if i.id == indicator), None)
    if ind is None:
        return ""
    src = ind.data_source
    if src.kind is DataSourceKind.POLICE and src.table is not None:
        if src.codes and src.confirmed:
            dimension = src.dimension or _police_dimension(src.table)
            return (
                f"; police open data {src.table} ({dimension} {'+'.join(src.codes)}) can "
                "check it: pass police_measurements(...) as measurements"
            )
        return (
            f"; police open data {src.table} can check it once the code of '{ind.name}' "
            "is confirmed"
        )
    if src.kind in (DataSourceKind.CBS, DataSourceKind.VEILIGHEIDSMONITOR) and src.table:
        topic = f" ({src.topic})" if src.topic else ""
        return f"; CBS open data {src.table}{topic} can check it: pass it as measurements"
    return ""


def _police_dimension(table: str) -> str:
    known = POLICE_TABLES.get(table)
    return known.dimension if known is not None else "code"


def _compute(
    data: _Data,
    frame: pd.DataFrame,
    figure: Figure,
    region: str,
) -> tuple[float | None, str | None]:
    """The value of the figure from *frame*, or (None, why not)."""
    unit = figure.unit.value
    if unit == "percent-change":
        if figure.base_period is None:
            return None, "a change without a base period"
        periods: tuple[str, ...] = (figure.base_period, figure.period)
    elif unit in ("count", "persons", "rapportcijfer", "percent", "fraction"):
        periods = (figure.period,)
    else:  # pragma: no cover - every unit handled
        return None, f"a {unit} cannot be recomputed"
    why = _lacking_reason(frame, figure.indicator, region, periods)
    if why is not None:
        return None, why
    now = _lookup(frame, figure.indicator, region, figure.period)
    assert now is not None
    if figure.base_period is None or unit != "percent-change":
        return now, None
    base = _lookup(frame, figure.indicator, region, figure.base_period)
    assert base is not None
    if base == 0:
        return None, f"the {figure.base_period} value is 0, so no percentage change"
    return (now - base) / abs(base) * 100.0, None


def _judge(
    stated: float,
    computed: float,
    tol: Tolerance,
    signed: bool,
) -> tuple[Verdict, float, float, str]:
    low, high = tol.bounds(stated)
    if stated < 0:
        low, high = -high, -low
    if signed and stated != 0 and computed != 0 and (stated > 0) != (computed > 0):
        said = "a rise" if stated > 0 else "a fall"
        found = "a rise" if computed > 0 else "a fall"
        return (
            Verdict.INCONSISTENT,
            low,
            high,
            f"the text says {said}, the data show {found} of {_fmt(abs(computed))}",
        )
    ok = tol.accepts(stated, computed)
    rng = f"{_fmt(low)} to {_fmt(high)}"
    if ok:
        return Verdict.CONSISTENT, low, high, f"computed {_fmt(computed)}, within {rng}"
    return Verdict.INCONSISTENT, low, high, f"computed {_fmt(computed)}, outside {rng}"


def _check_figure(data: _Data, figure: Figure) -> ClaimCheck:
    policy = data.policy
    region = region_code(policy, figure.region)
    tol = tolerance_for(figure.qualifier)
    base: dict[str, Any] = dict(
        id=figure.id,
        kind="figure",
        statement=figure.quote or figure.description,
        region=region,
        period=figure.period,
        base_period=figure.base_period,
        unit=figure.unit.value,
        stated=float(figure.value),
        qualifier=figure.qualifier,
        tolerance=tol.meaning,
        source=str(figure.source),
    )

    def not_checkable(reason: str) -> ClaimCheck:
        return ClaimCheck(
            **base,
            low=None,
            high=None,
            computed=None,
            checked_against=None,
            verdict=Verdict.NOT_CHECKABLE,
            detail=reason,
        )

    def judged(computed: float, against: str) -> ClaimCheck:
        verdict, low, high, detail = _judge(
            float(figure.value), computed, tol, figure.unit.value == "percent-change"
        )
        return ClaimCheck(
            **base,
            low=low,
            high=high,
            computed=computed,
            checked_against=against,
            verdict=verdict,
            detail=detail,
        )

    rule = figure.check
    if rule is not None and rule.against is CheckKind.NOT_CHECKABLE:
        # FigureCheck refuses a not-checkable rule without a reason, or a blank one
        return not_checkable(str(rule.reason))
    if rule is not None and rule.against is CheckKind.COUNT_SESSION_PARTNERS:
        n = len(_session_participants(policy))
        if n == 0:
            return not_checkable(
                "the policy names no organisation as taking part in the participation sessions"
            )
        return judged(float(n), "the organisations that took part in the participation sessions")
    if rule is not None and rule.against is CheckKind.COUNT_SESSIONS:
        sessions = _sessions(policy)
        if not sessions:
            return not_checkable("the policy lists no participation sessions")
        return judged(float(len(sessions)), "the participation sessions of the process")
    if rule is not None and rule.against is CheckKind.TARGET_BASELINE:
        target = _find_target(policy, rule.target)
        if target is None or target.baseline is None or target.baseline.value is None:
            return not_checkable(f"the policy has no target {rule.target!r} with a baseline")
        return judged(float(target.baseline.value), f"the baseline of target {target.id}")
    # linked by indicator: a table first, then measurements
    tables = [t for t in policy.tables if t.indicator == figure.indicator]
    reasons = []
    for table in tables:
        frame = data.tables[data.tables["table"] == table.id]
        computed, why = _compute(data, frame, figure, region)
        if computed is not None:
            return judged(computed, _table_label(table))
        reasons.append(f"{_table_label(table)}: {why}")
    if len(data.measurements):
        computed, why = _compute(data, data.measurements, figure, region)
        if computed is not None:
            sources = (
                data.measurements.loc[data.measurements["indicator"] == figure.indicator, "source"]
                if "source" in data.measurements.columns
                else pd.Series(dtype=object)
            )
            src = str(sources.iloc[0]) if len(sources) else "the measurements given"
            return judged(computed, f"measurements: {src}")
    if reasons:
        return not_checkable("; ".join(reasons))
    if policy.kind_of(figure.region) == "outside-region":
        return not_checkable(f"about {figure.region}, which no table of the policy covers")
    return not_checkable(
        f"no table of the policy gives {figure.indicator!r}" + _data_hint(policy, figure.indicator)
    )


def _sessions(policy: Policy) -> tuple[object, ...]:
    process = policy.process
    return tuple(getattr(process, "sessions", ())) if process is not None else ()


def _session_participants(policy: Policy) -> tuple[str, ...]:
    """The organisations (partners) that took part in the participation sessions."""
    process = policy.process
    ids: tuple[str, ...] = tuple(getattr(process, "participants", ())) if process else ()
    return tuple(i for i in ids if i in policy and policy.kind_of(i) == "partner")


def _find_target(policy: Policy, target_id: str | None) -> Target | None:
    stack = list(policy.targets)
    while stack:
        t = stack.pop(0)
        if t.id == target_id:
            return t
        stack[:0] = list(t.subtargets)
    return None


def _check_totals(data: _Data, table: Table) -> list[ClaimCheck]:
    out = []
    tol = TOLERANCES[""]
    frame = data.tables[data.tables["table"] == table.id]
    for row in table.stated_totals:
        region = region_code(data.policy, row.region)
        for period, stated in zip(table.periods, row.values, strict=True):
            if stated is None:
                continue
            base: dict[str, Any] = dict(
                id=f"{table.id}.total.{row.region}.{period}",
                kind="stated-total",
                statement=f"Totaal {region} {period} in tabel {table.number}: {_fmt(stated)}",
                region=region,
                period=period,
                base_period=None,
                unit=table.unit.value,
                stated=float(stated),
                qualifier=None,
                tolerance="the sum of the municipal rows",
                source=str(table.source),
            )
            computed = _lookup(frame, table.indicator, region, period)
            if computed is None or math.isnan(computed):
                out.append(
                    ClaimCheck(
                        **base,
                        low=None,
                        high=None,
                        computed=None,
                        checked_against=None,
                        verdict=Verdict.NOT_CHECKABLE,
                        detail=f"the rows of {_table_label(table)} do not add up to {region} "
                        f"for {period} (a member is missing or not published)",
                    )
                )
                continue
            verdict, low, high, detail = _judge(float(stated), computed, tol, False)
            out.append(
                ClaimCheck(
                    **base,
                    low=low,
                    high=high,
                    computed=computed,
                    checked_against=f"the municipal rows of {_table_label(table)}",
                    verdict=verdict,
                    detail=detail,
                )
            )
    return out


def _check_trend(data: _Data, claim: TrendClaim) -> ClaimCheck:
    policy = data.policy
    table = policy.get(claim.table, _TableType)
    region = region_code(policy, claim.region)
    base: dict[str, Any] = dict(
        id=claim.id,
        kind="trend",
        statement=claim.quote,
        region=region,
        period=claim.period or "",
        base_period=claim.base,
        unit="percent-change",
        stated=None,
        qualifier=None,
        source=str(claim.source),
    )
    meaning = {
        TrendKind.RISES_EVERY_YEAR: "each period higher than the one before",
        TrendKind.ABOUT_EQUAL: f"within {_fmt(claim.percent)}% either way",
        TrendKind.RISES: f"a rise of at least {_fmt(claim.percent)}%",
        TrendKind.BELOW_PEAK: "the last period below the highest earlier one",
    }[claim.kind]
    series = data.tables[(data.tables["table"] == table.id) & (data.tables["region"] == region)]
    values = dict(zip(series["period"], series["value"].astype(float), strict=True))
    ordered = [values.get(p, np.nan) for p in table.periods]
    against = _table_label(table)
    label = " → ".join(_fmt(v) for v in ordered)

    def unchecked(detail: str) -> ClaimCheck:
        return ClaimCheck(
            **base,
            tolerance=meaning,
            low=None,
            high=None,
            computed=None,
            checked_against=against,
            verdict=Verdict.NOT_CHECKABLE,
            detail=detail,
        )

    if not ordered or any(math.isnan(v) for v in ordered):
        return unchecked(f"{region} has unpublished values in {against}: {label}")
    computed: float | None = None
    low: float | None = None
    high: float | None = None
    if claim.kind is TrendKind.RISES_EVERY_YEAR:
        ok = all(b > a for a, b in itertools.pairwise(ordered))
        detail = f"{label} ({table.periods[0]}-{table.periods[-1]})"
    elif claim.kind is TrendKind.BELOW_PEAK:
        peak = max(ordered[:-1])
        ok = ordered[-1] < peak
        detail = f"{_fmt(ordered[-1])} in {table.periods[-1]} against a peak of {_fmt(peak)}"
        if peak != 0:  # a peak of 0 gives no percentage
            computed = (ordered[-1] - peak) / peak * 100.0
            detail += f" ({_fmt(round(computed, 1))}%)"
    else:
        assert claim.base is not None and claim.period is not None
        b, v = values.get(claim.base, np.nan), values.get(claim.period, np.nan)
        if b == 0:
            return unchecked(f"the {claim.base} value is 0, so no percentage change")
        computed = (v - b) / abs(b) * 100.0
        if claim.kind is TrendKind.ABOUT_EQUAL:
            low, high = -claim.percent, claim.percent
            ok = abs(computed) <= claim.percent + 0.05
        else:
            low, high = claim.percent, math.inf
            ok = computed >= claim.percent - 0.05
        detail = (
            f"{_fmt(b)} in {claim.base}, {_fmt(v)} in {claim.period}: {_fmt(round(computed, 1))}%"
        )
    return ClaimCheck(
        **base,
        tolerance=meaning,
        low=low,
        high=high,
        computed=computed,
        checked_against=against,
        verdict=Verdict.CONSISTENT if ok else Verdict.INCONSISTENT,
        detail=detail,
    )


def verify_claims(policy: Policy, measurements: Measurements | None = None) -> Records[ClaimCheck]:
    """Recompute every numeric statement of the policy and judge it.

    Parameters
    ----------
    policy:
        The policy.
    measurements:
        Optional tidy measurements (e.g. police open data through
        :func:`~ivb.indicators.police_measurements`, with the DNU aggregate from
        :func:`~ivb.indicators.add_aggregates`), used for figures that no table of the
        policy gives.

    Returns
    -------
    tuple of ClaimCheck
        The figures in policy order, then the printed totals of the tables, then the
        trend statements of the policy (``trend_claims``), each against its own table.

    Raises
    ------
    IndicatorError
        If a figure has a hedge word that :data:`TOLERANCES` does not know.

    Examples
    --------
    >>> import attrs, ivb
    >>> from ivb.model import Figure, SourceRef, Table, TableRow, Unit
    >>> t = Table(id="t2", number=2, caption="Overlast", indicator="overlast-onbegrepen-gedrag",
    ...           unit=Unit.COUNT, periods=["2019", "2022"],
    ...           rows=[TableRow(region="dronten", values=[216, 215]),
    ...                 TableRow(region="noordoostpolder", values=[218, 343]),
    ...                 TableRow(region="urk", values=[36, 32])],
    ...           source=SourceRef("ivb", "Cijfers"))
    >>> f = Figure(id="f", indicator="overlast-onbegrepen-gedrag", description="Change",
    ...            region="dnu", period="2022", base_period="2019", value=26, qualifier="bijna",
    ...            unit=Unit.PERCENT_CHANGE, source=SourceRef("ivb", "Cijfers"))
    >>> policy = attrs.evolve(ivb.load(), tables=[t], figures=[f], trend_claims=[], citations=())
    >>> check = verify_claims(policy)[0]
    >>> check.verdict.value, check.detail
    ('consistent', 'computed 25.53, within 22.9 to 26')
    """
    tables = table_frame(policy)
    frame = as_frame(measurements)
    data = _Data(policy, tables, frame)
    checks = [_check_figure(data, f) for f in policy.figures]
    for table in policy.tables:
        checks.extend(_check_totals(data, table))
    checks.extend(_check_trend(data, claim) for claim in policy.trend_claims)
    return Records(checks, of=ClaimCheck)
