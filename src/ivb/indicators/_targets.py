"""Evaluating targets against measurements.

A target is evaluated per *part*: one indicator for one region. A target for several
municipalities has a part per municipality (each scored on its own figures), one for
areas a part per area (on its CBS wijk- or buurtcode, or its id); a target
for a region group has one part per indicator, scored on the group's total (the
measurements of the group, or the sum of its members where the unit adds up; never one
member's figures). Several parts give the worst status of the parts.

The rules of a part, in order:

1. **Baseline**: the target's baseline value when the policy gives one; otherwise the
   measurement at the baseline period; otherwise the last measurement before the
   policy period (documented in :func:`evaluate_series`).
2. **Latest**: the most recent published measurement after the baseline period (or,
   when the baseline has no period, from the start of the policy period on), of the
   same kind of period as the baseline (years with years). None: *no data*.
3. **Threshold**, after the comparison: ``at-least``/``at-most`` the target value;
   ``more-than``/``less-than`` the target value, or the baseline when there is none;
   ``keep`` the baseline; ``change-by`` the baseline changed by the percentage
   (``-10``: 90% of the baseline). A threshold that needs a baseline without one:
   *no data*.
4. **Met**: the latest value meets the comparison with the threshold (a fall of 1%
   does not meet ``-10%``).
5. **Status**: once the horizon is reached (the latest measurement's period ends at or
   after the end of the horizon, which defaults to the policy's last year, or ``as_of``
   is past it): *achieved* if met, else *not achieved*; when only ``as_of`` settles it,
   the reason names the year of the measurement it rests on. Before the horizon: *on
   track* if met, or if the latest measurement meets the yearly milestone of its year
   (the last one before it); else *off track*.
6. **Milestones**: each yearly milestone is *on track* when the measurement of that year
   reaches it (at least it for a target that wants higher values, at most it for
   lower), *off track* when it does not, and *no data* without a measurement.

A qualitative goal (no indicators) takes its status from the policy: achieved, in
progress, not started, or no data when unknown.

**Margins.** Where a measurement comes with the bounds of its 95% interval (columns
``margin_low`` and ``margin_high``, as :func:`~ivb.indicators.read_veiligheidsmonitor`
gives them for a survey such as the Veiligheidsmonitor), the latest value is compared
with the threshold by :func:`~ivb.indicators.compare_measurements`: the threshold
counts as exact, or has the baseline's bounds where it is the measured baseline
itself. A difference within the margins is *not significantly different* (status
``not-significant``): the target is neither met nor missed by what may be chance,
whatever the horizon. Without bounds the rules above hold unchanged.

**Engines.** The measurements may be a frame of any engine of
:data:`~ivb.indicators.ENGINES` (Polars, DuckDB, Dask). :func:`evaluate_series` then
runs on that engine, through narwhals, and gives back a frame of its kind;
:func:`evaluate_target` and :func:`evaluate_targets` first select the target's rows on
that engine and evaluate those. The results equal those for the same pandas frame.

A better measurement never gives a worse status: no data < not achieved / off track <
not significantly different / on track < achieved.
"""

from __future__ import annotations

import enum
import math
import os
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from ivb._message import Message, at, message_of
from ivb._records import Record, Records
from ivb.indicators._calc import series_ids
from ivb.indicators._engines import engine_of
from ivb.indicators._errors import (
    IndicatorError,
    MeasurementsError,
    duplicate_error,
    first_series,
    require_text_periods,
)
from ivb.indicators._frames import add_aggregates, region_code, series_keys, validate_tidy
from ivb.indicators._measurements import Measurements, as_frame
from ivb.indicators._periods import period_bounds, period_kind
from ivb.indicators._veiligheidsmonitor import Significance, compare_measurements
from ivb.model import Comparison, Direction, GoalStatus, Unit

if TYPE_CHECKING:
    from ivb.model import Policy, Target

__all__ = [
    "MilestoneResult",
    "TargetResult",
    "TargetStatus",
    "evaluate_series",
    "evaluate_target",
    "evaluate_targets",
]


#: A frame of another engine (Polars, DuckDB, Dask).
_Frame = TypeVar("_Frame")


class TargetStatus(enum.StrEnum):
    """Where a target stands."""

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not-achieved"
    ON_TRACK = "on-track"
    #: Before the horizon: neither met nor on its milestone.
    OFF_TRACK = "off-track"
    NO_DATA = "no-data"
    #: A qualitative goal the policy reports as in progress.
    IN_PROGRESS = "in-progress"
    #: A qualitative goal the policy reports as not started.
    NOT_STARTED = "not-started"
    #: The latest measurement differs from the threshold by less than its margins.
    NOT_SIGNIFICANT = "not-significant"

    @property
    def rank(self) -> int:
        """Order from worst to best: no data 0, not achieved / off track / not started 1,
        on track / in progress / not significantly different 2, achieved 3."""
        return _RANK[self]

    @property
    def label(self) -> str:
        """A short label for reports."""
        return _LABELS[self]


_RANK = {
    TargetStatus.NO_DATA: 0,
    TargetStatus.NOT_ACHIEVED: 1,
    TargetStatus.OFF_TRACK: 1,
    TargetStatus.NOT_STARTED: 1,
    TargetStatus.ON_TRACK: 2,
    TargetStatus.IN_PROGRESS: 2,
    TargetStatus.NOT_SIGNIFICANT: 2,
    TargetStatus.ACHIEVED: 3,
}
_LABELS = {
    TargetStatus.NO_DATA: "no data",
    TargetStatus.NOT_ACHIEVED: "not achieved",
    TargetStatus.OFF_TRACK: "off track",
    TargetStatus.NOT_STARTED: "not started",
    TargetStatus.ON_TRACK: "on track",
    TargetStatus.IN_PROGRESS: "in progress",
    TargetStatus.NOT_SIGNIFICANT: "not significantly different",
    TargetStatus.ACHIEVED: "achieved",
}


@attrs.frozen(kw_only=True)
class MilestoneResult(Record):
    """A yearly milestone of a target and whether the measurement of its year reaches it.

    Attributes
    ----------
    year, value:
        The milestone.
    measured:
        The measurement of that year (None if there is none).
    status:
        ``on-track``, ``off-track`` or ``no-data``.
    """

    year: int
    value: float
    measured: float | None
    status: str


@attrs.frozen(kw_only=True)
class TargetResult(Record):
    """The evaluation of one target, with the numbers behind its status.

    Attributes
    ----------
    target, name:
        The target's id and name.
    scope:
        Ids of the municipalities, or of the region group, the target is for.
    indicator:
        The indicator id (ids joined by ", " for a target with several; "" for a
        qualitative goal).
    region:
        The region code the measurements were taken for (``GM0171``, ``DNU``; codes
        joined by ", " for several municipalities).
    comparison, direction, rule, horizon:
        As in the target (the horizon after its default).
    status:
        Achieved, not achieved (horizon reached), on track, off track (before the
        horizon), not significantly different (within the margins), no data (or for a
        qualitative goal in progress / not started).
    baseline, baseline_period:
        The baseline used and its period (None where unknown).
    baseline_from:
        ``policy`` (the target's own baseline), ``measurements`` or ``none``.
    threshold:
        The value the latest measurement is compared with (after the comparison).
    latest, latest_period:
        The measurement the status rests on.
    change, change_pct:
        Latest minus baseline, and that as a percentage of the baseline.
    reason:
        The status in one sentence, with its numbers.
    milestones:
        The yearly milestones, each with the measurement of its year.
    parts:
        For a target of several indicators or municipalities: one result per
        indicator and region; the target's status is the worst of them.
    subresults:
        The evaluations of the target's sub-goals.
    latest_low, latest_high:
        The bounds of the 95% interval of the latest measurement, where published.
    significance:
        How the latest measurement compares with the threshold given the margins
        (``higher``, ``lower``, ``not significantly different``; a
        :class:`~ivb.indicators.Significance` value); None where no margin is published.
    """

    target: str
    name: str
    scope: tuple[str, ...]
    indicator: str
    region: str
    comparison: str | None
    direction: Direction | None
    rule: str | None
    horizon: str
    status: TargetStatus
    baseline: float | None
    baseline_period: str | None
    baseline_from: str
    threshold: float | None
    latest: float | None
    latest_period: str | None
    change: float | None
    change_pct: float | None
    reason: str
    milestones: tuple[MilestoneResult, ...] = ()
    parts: tuple[TargetResult, ...] = ()
    subresults: tuple[TargetResult, ...] = ()
    latest_low: float | None = None
    latest_high: float | None = None
    significance: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The result as plain data (for JSON), parts and sub-goals nested.

        Examples
        --------
        >>> import ivb
        >>> evaluate_targets(ivb.load())[0].to_dict()["status"]
        'no-data'
        """
        nested = ("milestones", "parts", "subresults")
        out: dict[str, object] = {
            a.name: getattr(self, a.name)
            for a in attrs.fields(TargetResult)
            if a.name not in nested
        }
        out["scope"] = list(self.scope)
        out["direction"] = self.direction.value if self.direction is not None else None
        out["status"] = self.status.value
        out["milestones"] = [attrs.asdict(m) for m in self.milestones]
        out["parts"] = [p.to_dict() for p in self.parts]
        out["subresults"] = [s.to_dict() for s in self.subresults]
        return out


def _fmt(x: float | None) -> str:
    if x is None or x != x:
        return "n/a"
    if float(x).is_integer():
        return f"{int(x)}"
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _ord(d: date) -> int:
    return d.toordinal()


def _period_arrays(
    frame: pd.DataFrame,
) -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.object_], npt.NDArray[np.int64]
]:
    """Start and end ordinals, kind and code (one per distinct text) of every row's period,
    parsing each distinct one once."""
    col = frame["period"]
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy()
        uniques = list(col.cat.categories)
    else:
        codes, uniq = pd.factorize(col, use_na_sentinel=True)
        uniques = list(uniq)
    require_text_periods(uniques)
    if (codes < 0).any():
        raise MeasurementsError(
            at("period", Message("missing in row {value}", value=int(np.flatnonzero(codes < 0)[0])))
        )
    bounds = [period_bounds(str(u)) for u in uniques]
    starts = np.array([_ord(b[0]) for b in bounds], dtype=np.int64)
    ends = np.array([_ord(b[1]) for b in bounds], dtype=np.int64)
    kinds = np.array([period_kind(str(u)) for u in uniques], dtype=object)
    return starts[codes], ends[codes], kinds[codes], np.asarray(codes, dtype=np.int64)


def _as_of_ord(as_of: date | str | None) -> int | None:
    if as_of is None:
        return None
    if isinstance(as_of, date):
        return _ord(as_of)
    return _ord(period_bounds(as_of)[1])


@attrs.frozen(kw_only=True)
class SeriesRules:
    """The parameters of :func:`evaluate_series`, checked and as day ordinals."""

    direction: Direction
    horizon_end: int
    as_of: int | None
    start: int | None
    base_period: str | None
    base_end: int | None
    want_kind: str | None
    baseline: float | None


def series_rules(
    *,
    direction: Direction | str,
    horizon: str,
    base_period: str | None,
    baseline: float | None,
    start: str | None,
    as_of: date | str | None,
) -> SeriesRules:
    """Check the parameters of :func:`evaluate_series` once, for every engine."""
    try:
        direction = Direction(direction)
    except ValueError:
        raise IndicatorError(
            at(
                "direction",
                Message("expected 'higher' or 'lower', got {direction!r}", direction=direction),
            )
        ) from None
    if base_period is None and start is None:
        raise IndicatorError(
            Message("base_period or start: give at least one, to know which values count")
        )
    return SeriesRules(
        direction=direction,
        horizon_end=_ord(period_bounds(horizon)[1]),
        as_of=_as_of_ord(as_of),
        start=_ord(period_bounds(start)[0]) if start is not None else None,
        base_period=base_period,
        base_end=_ord(period_bounds(base_period)[1]) if base_period is not None else None,
        want_kind=period_kind(base_period) if base_period is not None else None,
        baseline=None if baseline is None or math.isnan(baseline) else float(baseline),
    )


@overload
def evaluate_series(
    frame: pd.DataFrame,
    *,
    direction: Direction | str,
    horizon: str,
    base_period: str | None = None,
    baseline: float | None = None,
    start: str | None = None,
    as_of: date | str | None = None,
    keys: Sequence[str] | None = None,
) -> pd.DataFrame: ...
@overload
def evaluate_series(
    frame: _Frame,
    *,
    direction: Direction | str,
    horizon: str,
    base_period: str | None = None,
    baseline: float | None = None,
    start: str | None = None,
    as_of: date | str | None = None,
    keys: Sequence[str] | None = None,
) -> _Frame: ...
def evaluate_series(
    frame: Any,
    *,
    direction: Direction | str,
    horizon: str,
    base_period: str | None = None,
    baseline: float | None = None,
    start: str | None = None,
    as_of: date | str | None = None,
    keys: Sequence[str] | None = None,
) -> Any:
    """Evaluate every series of a tidy frame against a baseline (vectorised).

    Parameters
    ----------
    frame:
        A tidy frame of measurements; one row per series and period. A pandas
        DataFrame, or a frame of another engine (a Polars ``DataFrame`` or
        ``LazyFrame``, a DuckDB relation, a Dask DataFrame): the evaluation then runs
        on that engine and gives back a frame of its kind (lazy engines: in no
        particular row order), with the same values.
    direction:
        ``higher`` or ``lower`` is better.
    horizon:
        The period by whose end the target should be met (``2027``, ``2024-2027``).
    base_period:
        The baseline period. Each series' baseline is its value there, unless
        *baseline* is given.
    baseline:
        One baseline value for every series (the target's own).
    start:
        Start of the policy period (``2024``). Where there is no *baseline* and no
        value at *base_period*, the last value before *start* is the baseline; where
        *base_period* is None, measurements count from *start* on.
    as_of:
        A date (or period, taken at its end) after which the horizon counts as passed
        even without a measurement for it. By default only measurements decide.
    keys:
        Columns that identify a series (default: all but ``period``, ``period_code``
        and ``value``).

    Returns
    -------
    pandas.DataFrame
        One row per series that has a period of the baseline's kind (years, when there
        is no baseline period and the frame has years): the key columns, then
        ``baseline_period``, ``baseline``,
        ``baseline_from``, ``latest_period``, ``latest``, ``change``, ``change_pct``
        and ``status`` (a :class:`TargetStatus` value).

    Raises
    ------
    IndicatorError
        If *direction* or a period is invalid, or neither *base_period* nor *start*
        is given.
    MeasurementsError
        If the frame is not tidy, has a row without period, or a series has more than
        one value (rows with a value) for a period whose value is read: the baseline
        period, the latest period, or the period before *start* taken as baseline. The
        message names the first such series (by its key texts) and the period; every
        engine gives the same.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"indicator": "hic", "region": ["GM0171"] * 3 + ["GM0184"] * 2,
    ...                       "period": ["2019", "2022", "2025", "2019", "2025"],
    ...                       "value": [120.0, 110.0, 100.0, 40.0, 45.0]})
    >>> result = evaluate_series(frame, direction="lower", horizon="2027", base_period="2022")
    >>> result[["region", "baseline", "latest_period", "latest", "status"]]
       region  baseline latest_period  latest    status
    0  GM0171     110.0          2025   100.0  on-track
    1  GM0184       NaN          2025    45.0   no-data
    """
    rules = series_rules(
        direction=direction,
        horizon=horizon,
        base_period=base_period,
        baseline=baseline,
        start=start,
        as_of=as_of,
    )
    if not isinstance(frame, pd.DataFrame):
        from ivb.indicators import _nwcalc

        return _nwcalc.evaluate_series(frame, rules, keys=keys)
    validate_tidy(frame)
    direction = rules.direction
    key_cols = series_keys(frame, keys)
    horizon_end = rules.horizon_end
    as_of_ord = rules.as_of
    start_ord = rules.start
    base_end = rules.base_end
    want_kind = rules.want_kind
    baseline = rules.baseline

    p_start, p_end, p_kind, p_code = _period_arrays(frame)
    if want_kind is None and (p_kind == "year").any():
        want_kind = "year"  # without a baseline period, compare years with years
    if want_kind is not None:
        # only periods of the baseline's kind count: work on those rows alone
        keep = p_kind == want_kind
        if not keep.all():
            frame = frame.loc[keep]
            p_start, p_end, p_kind, p_code = p_start[keep], p_end[keep], p_kind[keep], p_code[keep]
    ids = series_ids(frame, key_cols)
    uniq, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    n = len(uniq)
    values = frame["value"].to_numpy(dtype=float, na_value=np.nan)
    published = ~np.isnan(values)
    same_kind = np.ones(len(frame), dtype=bool)

    # -- baseline per series
    base_val = np.full(n, np.nan)
    base_per: npt.NDArray[np.object_] = np.full(n, None, dtype=object)
    base_from: npt.NDArray[np.object_] = np.full(n, "none", dtype=object)
    periods = frame["period"].astype(object).to_numpy()
    # (series, period) pairs with more than one published value where a value is read
    doubled: list[tuple[int, object]] = []
    if baseline is not None:
        base_val[:] = baseline
        base_per[:] = base_period
        base_from[:] = "policy"
    else:
        if base_period is not None:
            at_base = published & (periods == base_period)
            many = np.flatnonzero(np.bincount(inverse[at_base], minlength=n) > 1)
            doubled += [(int(i), base_period) for i in many]
            base_val[inverse[at_base]] = values[at_base]
            base_per[inverse[at_base]] = base_period
            base_from[inverse[at_base]] = "measurements"
        if start_ord is not None:
            before = published & (p_end < start_ord) & same_kind
            missing = np.isnan(base_val)
            idx = _last_per_series(inverse, before, p_end, p_start)
            take = missing & (idx >= 0)
            many = _doubled(inverse, before, p_code, np.where(take, idx, -1))
            doubled += [(int(i), periods[idx[i]]) for i in many]
            base_val[take] = values[idx[take]]
            base_per[take] = periods[idx[take]]
            base_from[take] = "measurements"
    # -- latest measurement per series
    if base_end is not None:
        later = published & (p_start > base_end) & same_kind
    else:
        assert start_ord is not None
        later = published & (p_start >= start_ord) & same_kind
    # a series' own baseline period bounds what counts as later
    ends_of = {p: _ord(period_bounds(str(p))[1]) for p in set(base_per.tolist()) if p is not None}
    per_base_end = np.array([ends_of.get(p, -1) for p in base_per.tolist()], dtype=np.int64)
    later &= p_start > per_base_end[inverse]
    latest_idx = _last_per_series(inverse, later, p_end, p_start)
    has_latest = latest_idx >= 0
    doubled += [
        (int(i), periods[latest_idx[i]]) for i in _doubled(inverse, later, p_code, latest_idx)
    ]
    if doubled:
        rows = frame[key_cols].iloc[first].astype(object).to_numpy()
        where, period = first_series((tuple(rows[i]), str(p)) for i, p in doubled)
        raise duplicate_error(key_cols, where, period)
    latest_val = np.full(n, np.nan)
    latest_val[has_latest] = values[latest_idx[has_latest]]
    latest_per: npt.NDArray[np.object_] = np.full(n, None, dtype=object)
    latest_per[has_latest] = periods[latest_idx[has_latest]]
    latest_end = np.full(n, -1, dtype=np.int64)
    latest_end[has_latest] = p_end[latest_idx[has_latest]]

    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        diff = latest_val - base_val
        pct = np.where(base_val != 0, diff / np.abs(base_val) * 100.0, np.nan)
        better = diff > 0 if direction is Direction.HIGHER else diff < 0
    final = latest_end >= horizon_end
    if as_of_ord is not None:
        final |= as_of_ord > horizon_end
    status = np.where(
        np.isnan(diff),
        TargetStatus.NO_DATA.value,
        np.where(
            better,
            np.where(final, TargetStatus.ACHIEVED.value, TargetStatus.ON_TRACK.value),
            np.where(final, TargetStatus.NOT_ACHIEVED.value, TargetStatus.OFF_TRACK.value),
        ),
    )
    order = np.argsort(first, kind="stable")
    out = frame.iloc[first[order]][key_cols].reset_index(drop=True)
    out["baseline_period"] = base_per[order]
    out["baseline"] = base_val[order]
    out["baseline_from"] = base_from[order]
    out["latest_period"] = latest_per[order]
    out["latest"] = latest_val[order]
    out["change"] = diff[order]
    out["change_pct"] = pct[order]
    out["status"] = status[order].astype(object)
    return out


def _doubled(
    inverse: npt.NDArray[np.int64],
    mask: npt.NDArray[np.bool_],
    codes: npt.NDArray[np.int64],
    chosen: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """The series with more than one row in *mask* of the period of their *chosen* row
    (-1: none)."""
    n = len(chosen)
    code = np.full(n, -2, dtype=np.int64)
    has = chosen >= 0
    code[has] = codes[chosen[has]]
    same = mask & (codes == code[inverse])
    return np.flatnonzero(np.bincount(inverse[same], minlength=n) > 1)


def _last_per_series(
    inverse: npt.NDArray[np.int64],
    mask: npt.NDArray[np.bool_],
    ends: npt.NDArray[np.int64],
    starts: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """Row index of the latest row (by end, then start) of each series among *mask*; -1 if none.

    Of several rows with the latest period, the last. Two grouped maxima, no sort: each
    row's period as one number that orders as (end, start) (day ordinals are below
    2**22), its series' largest, then the last row that has it.
    """
    n = int(inverse.max()) + 1 if len(inverse) else 0
    out = np.full(n, -1, dtype=np.int64)
    rows = np.flatnonzero(mask)
    if len(rows) == 0:
        return out
    groups = inverse[rows]
    key = ends[rows].astype(np.int64) * (1 << 22) + starts[rows].astype(np.int64)
    best = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(best, groups, key)
    top = rows[key == best[groups]]
    np.maximum.at(out, inverse[top], top)
    return out


_ADDITIVE = {Unit.COUNT.value, Unit.PERSONS.value, Unit.EURO.value}


def _none(x: object) -> float | None:
    if x is None:
        return None
    f = float(x)  # type: ignore[arg-type]
    return None if f != f else f


def _threshold(target: Target, baseline: float | None) -> float | None:
    c = target.comparison
    if c in (Comparison.AT_LEAST, Comparison.AT_MOST):
        return target.value
    if c in (Comparison.MORE_THAN, Comparison.LESS_THAN):
        return target.value if target.value is not None else baseline
    if baseline is None:
        return None
    if c is Comparison.CHANGE_BY:
        assert target.change_pct is not None
        return baseline + abs(baseline) * target.change_pct / 100.0
    return baseline  # keep


def _meets(target: Target, value: float, threshold: float) -> bool:
    eps = 1e-9 * max(1.0, abs(threshold))
    c = target.comparison
    if c is Comparison.MORE_THAN:
        return value > threshold + eps
    if c is Comparison.LESS_THAN:
        return value < threshold - eps
    if target.better is Direction.HIGHER:  # at-least, keep (higher), change-by (rise)
        return value >= threshold - eps
    return value <= threshold + eps


def _reaches(target: Target, value: float, milestone: float) -> bool:
    eps = 1e-9 * max(1.0, abs(milestone))
    if target.better is Direction.HIGHER:
        return value >= milestone - eps
    return value <= milestone + eps


def _what(target: Target, threshold: float | None, base_txt: str) -> str:
    """What the comparison asks, in words: 'higher than the baseline 7.6', 'at least 7.5'."""
    c = target.comparison
    t = _fmt(threshold)
    if c is Comparison.MORE_THAN:
        return f"higher than {'the baseline ' + base_txt if target.value is None else t}"
    if c is Comparison.LESS_THAN:
        return f"lower than {'the baseline ' + base_txt if target.value is None else t}"
    if c is Comparison.AT_LEAST:
        return f"at least {t}"
    if c is Comparison.AT_MOST:
        return f"at most {t}"
    if c is Comparison.KEEP:
        word = "at least" if target.better is Direction.HIGHER else "at most"
        return f"{word} the baseline {base_txt} (keep)"
    assert target.change_pct is not None
    word = "at least" if target.better is Direction.HIGHER else "at most"
    return f"{word} {t} ({_fmt(target.change_pct)}% from the baseline {base_txt})"


def _part(
    target: Target,
    frame: pd.DataFrame,
    *,
    indicator: str,
    region: str,
    members: Sequence[str],
    unit: str | None,
    start: str,
    horizon: str,
    as_of: date | str | None,
) -> TargetResult:
    """Evaluate one indicator of *target* for one region (a group: on its total)."""
    base = target.baseline
    base_value = base.value if base is not None else None
    base_period = base.period if base is not None else None
    why_no_group: str | None = None
    try:
        ind_rows = frame[(frame["indicator"] == indicator).to_numpy(dtype=bool, na_value=False)]
        sub = ind_rows[(ind_rows["region"] == region).to_numpy(dtype=bool, na_value=False)]
        if members and sub.empty and len(ind_rows):
            units = set(ind_rows["unit"].dropna().astype(str)) if "unit" in ind_rows else set()
            units |= {unit} if unit else set()
            if units <= _ADDITIVE and units:
                member_rows = ind_rows[ind_rows["region"].isin(list(members))]
                if len(member_rows):
                    summed = add_aggregates(
                        member_rows[["indicator", "region", "period", "value"]],
                        {region: list(members)},
                        keys=["indicator"],
                    )
                    sub = summed[summed["region"] == region]
            else:
                why_no_group = (
                    f"no measurement of {indicator!r} for the group {region}, and values in "
                    f"{', '.join(sorted(units)) or 'this unit'} do not add up from its members"
                )
        if base is not None and "unit" in sub.columns and len(sub):
            units = set(sub["unit"].dropna().astype(str))
            if units and base.unit.value not in units:
                raise MeasurementsError(
                    at(
                        "unit",
                        Message(
                            "target {id!r} has its baseline in {unit}, but the measurements of "
                            "{indicator!r} for {region} are in {items}",
                            id=target.id,
                            unit=base.unit.value,
                            indicator=indicator,
                            region=region,
                            items=", ".join(sorted(units)),
                        ),
                    )
                )
        direction = target.better or Direction.HIGHER
        result = evaluate_series(
            sub[["indicator", "region", "period", "value"]],
            direction=direction,
            horizon=horizon,
            base_period=base_period,
            baseline=base_value,
            start=start,
            as_of=as_of,
            keys=["indicator", "region"],
        )
    except IndicatorError as exc:
        if isinstance(exc, MeasurementsError):
            raise
        raise IndicatorError(
            Message("target {id!r}: {problem}", id=target.id, problem=message_of(exc))
        ) from None
    if len(result):
        row: dict[str, object] = {str(k): v for k, v in result.iloc[0].to_dict().items()}
    else:
        row = {
            "baseline": base_value,
            "baseline_period": base_period,
            "baseline_from": "policy" if base_value is not None else "none",
            "latest": None,
            "latest_period": None,
            "change": None,
            "change_pct": None,
        }
    baseline = _none(row["baseline"])
    latest = _none(row["latest"])
    latest_period = str(row["latest_period"]) if row["latest_period"] is not None else None
    bp = str(row["baseline_period"]) if row["baseline_period"] is not None else None
    threshold = _threshold(target, baseline)
    horizon_end = _ord(period_bounds(horizon)[1])
    as_of_ord = _as_of_ord(as_of)
    measured_final = (
        latest_period is not None and _ord(period_bounds(latest_period)[1]) >= horizon_end
    )
    final = measured_final or (as_of_ord is not None and as_of_ord > horizon_end)
    milestones = _milestones(target, sub)
    base_txt = f"{_fmt(baseline)} ({bp})" if bp else _fmt(baseline)
    what = _what(target, threshold, base_txt)
    low = high = None
    if latest_period is not None:
        low, high = _bounds_at(sub, latest_period, target)
    significance: Significance | None = None
    if latest is not None and threshold is not None:
        t_low = t_high = None
        if _is_baseline(target) and bp is not None and str(row["baseline_from"]) == "measurements":
            t_low, t_high = _bounds_at(sub, bp, target)
        if any(b is not None for b in (low, high, t_low, t_high)):
            try:
                significance = compare_measurements(
                    latest, threshold, low=low, high=high, base_low=t_low, base_high=t_high
                )
            except IndicatorError as exc:
                raise IndicatorError(
                    Message("target {id!r}: {problem}", id=target.id, problem=message_of(exc))
                ) from None
    if latest is None or threshold is None:
        status = TargetStatus.NO_DATA
        if why_no_group is not None:
            reason = why_no_group
        elif baseline is None and threshold is None:
            when = f"in {base_period}" if base_period else f"before the policy period ({start})"
            reason = (
                f"no baseline: the policy gives no value and the measurements have no "
                f"{indicator!r} for {region} {when}"
            )
        else:
            after = f"after {bp}" if bp else "in the policy period"
            reason = f"no published measurement of {indicator!r} for {region} {after}"
    else:
        met = _meets(target, latest, threshold)
        now = f"{_fmt(latest)} in {latest_period}"
        if low is not None or high is not None:
            now = f"{_fmt(latest)} in {latest_period} (95% interval {_fmt(low)} to {_fmt(high)})"
        if significance is Significance.NOT_SIGNIFICANT:
            status = TargetStatus.NOT_SIGNIFICANT
            compared = f"the baseline {base_txt}" if _is_baseline(target) else f"{_fmt(threshold)}"
            if final:
                when = (
                    f"horizon {horizon} reached"
                    if measured_final
                    else f"horizon {horizon} passed (as of {as_of})"
                )
            else:
                when = f"horizon {horizon} not yet reached"
            reason = (
                f"{now} is not significantly different from {compared}: the difference lies "
                f"within the margins, so the target ({what}) is neither met nor missed; {when}"
            )
        elif final:
            status = TargetStatus.ACHIEVED if met else TargetStatus.NOT_ACHIEVED
            reached = (
                f"horizon {horizon} reached"
                if measured_final
                else f"horizon {horizon} passed (as of {as_of}) without a later measurement: "
                f"judged on that of {latest_period}"
            )
            reason = f"{now} is {'' if met else 'not '}{what}; {reached}"
        elif met:
            status = TargetStatus.ON_TRACK
            reason = f"{now} is {what}; horizon {horizon} not yet reached"
        else:
            step = _milestone_for(target, latest_period)
            if step is not None and _reaches(target, latest, step.value):
                status = TargetStatus.ON_TRACK
                reason = (
                    f"{now} is not yet {what}, but reaches the milestone {_fmt(step.value)} "
                    f"of {step.year}; horizon {horizon} not yet reached"
                )
            else:
                status = TargetStatus.OFF_TRACK
                tail = (
                    f"below the milestone {_fmt(step.value)} of {step.year}"
                    if step is not None
                    else "not on track"
                )
                if step is not None and target.better is Direction.LOWER:
                    tail = f"above the milestone {_fmt(step.value)} of {step.year}"
                reason = f"{now} is not {what}; {tail}; horizon {horizon} not yet reached"
    return TargetResult(
        target=target.id,
        name=target.name,
        scope=_scope(target),
        indicator=indicator,
        region=region,
        comparison=target.comparison.value if target.comparison is not None else None,
        direction=target.better,
        rule=target.rule,
        horizon=horizon,
        status=status,
        baseline=baseline,
        baseline_period=bp,
        baseline_from=str(row["baseline_from"]),
        threshold=threshold,
        latest=latest,
        latest_period=latest_period,
        change=_none(row["change"]),
        change_pct=_none(row["change_pct"]),
        reason=reason,
        milestones=milestones,
        latest_low=low,
        latest_high=high,
        significance=significance.value if significance is not None else None,
    )


def _is_baseline(target: Target) -> bool:
    """Whether the target's threshold is its baseline itself."""
    return target.comparison is Comparison.KEEP or (
        target.comparison in (Comparison.MORE_THAN, Comparison.LESS_THAN) and target.value is None
    )


_BOUNDS = ("margin_low", "margin_high")


def _bound(cell: object, column: str, target: Target) -> float | None:
    """A margin cell as a number (a decimal comma is read as a point); None if empty."""
    if cell is None:
        return None
    if isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(cell, bool):
        f = float(cell)
        return None if math.isnan(f) else f
    text = str(cell).strip()
    if text in ("", "."):
        return None
    try:
        f = float(text.replace(",", "."))
    except ValueError:
        f = math.nan
    if not math.isfinite(f):
        raise MeasurementsError(
            at(
                "measurements",
                Message(
                    "column {column!r} of target {id!r}: expected a number (the bound of the 95% "
                    "interval) or an empty cell, got {cell!r}",
                    column=column,
                    id=target.id,
                    cell=cell,
                ),
            )
        )
    return f


def _bounds_at(sub: pd.DataFrame, period: str, target: Target) -> tuple[float | None, float | None]:
    """The bounds of the 95% interval of the measurement in *period*, where published."""
    if not any(c in sub.columns for c in _BOUNDS):
        return None, None
    rows = sub[(sub["period"].astype(str) == period).to_numpy(dtype=bool)]
    rows = rows[rows["value"].notna().to_numpy(dtype=bool)]
    if rows.empty:
        return None, None
    first = rows.iloc[-1]
    low, high = (_bound(first[c], c, target) if c in rows.columns else None for c in _BOUNDS)
    return low, high


def _milestone_for(target: Target, period: str | None) -> Any:
    """The last milestone at or before the year of *period*."""
    if period is None or not target.milestones:
        return None
    year = period_bounds(period)[1].year
    before = [s for s in target.milestones if s.year <= year]
    return before[-1] if before else None


def _milestones(target: Target, sub: pd.DataFrame) -> tuple[MilestoneResult, ...]:
    out = []
    for step in target.milestones:
        hit = sub[(sub["period"].astype(str) == str(step.year)).to_numpy(dtype=bool)]
        values: npt.NDArray[np.float64] = hit["value"].to_numpy(dtype=float, na_value=np.nan)
        measured = float(values[0]) if len(values) and not math.isnan(values[0]) else None
        if measured is None:
            status = "no-data"
        else:
            status = "on-track" if _reaches(target, measured, step.value) else "off-track"
        out.append(
            MilestoneResult(year=step.year, value=step.value, measured=measured, status=status)
        )
    return tuple(out)


def _scope(target: Target) -> tuple[str, ...]:
    if target.areas:
        return target.areas
    return target.municipalities or ((target.region,) if target.region else ())


_QUALITATIVE = {
    GoalStatus.ACHIEVED: TargetStatus.ACHIEVED,
    GoalStatus.IN_PROGRESS: TargetStatus.IN_PROGRESS,
    GoalStatus.NOT_STARTED: TargetStatus.NOT_STARTED,
    GoalStatus.UNKNOWN: TargetStatus.NO_DATA,
}


def _empty(target: Target, horizon: str, status: TargetStatus, reason: str) -> TargetResult:
    return TargetResult(
        target=target.id,
        name=target.name,
        scope=_scope(target),
        indicator=", ".join(target.indicators),
        region="",
        comparison=target.comparison.value if target.comparison is not None else None,
        direction=target.better,
        rule=target.rule,
        horizon=horizon,
        status=status,
        baseline=None,
        baseline_period=None,
        baseline_from="none",
        threshold=None,
        latest=None,
        latest_period=None,
        change=None,
        change_pct=None,
        reason=reason,
    )


def evaluate_target(
    target: Target,
    measurements: Measurements | Any | None,
    *,
    policy: Policy | None = None,
    region: str | None = None,
    start: str | None = None,
    last_year: int | None = None,
    as_of: date | str | None = None,
) -> TargetResult:
    """Evaluate one target (its parts, milestones and sub-goals) against measurements.

    The rules are those of the module documentation.

    Parameters
    ----------
    target:
        The target.
    measurements:
        A tidy frame or the path of a tidy CSV (see :func:`read_measurements`); rows
        whose ``indicator`` is one of the target's and whose ``region`` is the
        region's code count.
    policy:
        The policy of the target: gives the regions (the CBS codes of its
        municipalities, the code and members of its region group), the start of the
        policy period and the default horizon (the policy's last year).
    region:
        Without *policy*: the region code to take the measurements for (``GM0171``).
    start:
        Start of the policy period (``2024``); default from *policy*, else from the
        horizon.
    last_year:
        The policy's last year, the horizon of a target without one (default from
        *policy*).
    as_of:
        Date after which the horizon counts as passed without a measurement for it.

    Returns
    -------
    TargetResult
        Status, the numbers behind it, the milestones and the results of the sub-goals.

    Raises
    ------
    MeasurementsError
        If the measurements are not tidy, or their unit is not the baseline's.
    IndicatorError
        If neither *policy* nor *region* is given, or the target has no horizon and no
        policy gives one.

    Examples
    --------
    >>> import pandas as pd
    >>> from ivb.model import Baseline, SourceRef, Target, Unit
    >>> target = Target(id="beleving", name="Veiligheidsbeleving",
    ...                 municipalities=["noordoostpolder"], indicators=["veiligheidsbeleving"],
    ...                 statement="Hoger dan 7,6", comparison="more-than",
    ...                 baseline=Baseline(value=7.6, unit=Unit.RAPPORTCIJFER), horizon="2027",
    ...                 source=SourceRef("ivb", "Veiligheidsbeleving"))
    >>> vm = pd.DataFrame({"indicator": ["veiligheidsbeleving"], "region": ["GM0171"],
    ...                    "period": ["2025"], "value": [7.8], "unit": ["rapportcijfer"]})
    >>> result = evaluate_target(target, vm, region="GM0171", start="2024")
    >>> result.status.value, result.reason
    ('on-track', '7.8 in 2025 is higher than the baseline 7.6; horizon 2027 not yet reached')

    A fall of 1% does not meet a target of -10%:

    >>> fewer = Target(id="inbraken", name="Minder inbraken", municipalities=["dronten"],
    ...                indicators=["woninginbraken"], statement="-10%",
    ...                comparison="change-by", change_pct=-10,
    ...                baseline=Baseline(value=100, unit=Unit.COUNT, period="2023"),
    ...                horizon="2027", source=SourceRef("ivb", "Inbraken"))
    >>> police = pd.DataFrame({"indicator": "woninginbraken", "region": "GM0303",
    ...                        "period": ["2027"], "value": [99.0]})
    >>> evaluate_target(fewer, police, region="GM0303").reason
    '99 in 2027 is not at most 90 (-10% from the baseline 100 (2023)); horizon 2027 reached'
    """
    frame = _measurement_frame(measurements, [target], policy, region)
    if last_year is None and policy is not None:
        last_year = policy.period[1]
    if target.horizon is None and last_year is None:
        raise IndicatorError(
            Message(
                "target {id!r}: horizon: the target gives none; pass the policy (its last year is "
                "the default) or last_year",
                id=target.id,
            )
        )
    horizon = target.horizon_or(last_year or 0)
    if start is None:
        start = str(policy.period[0]) if policy is not None else _start_of(horizon)
    subs = tuple(
        evaluate_target(
            t, frame, policy=policy, region=region, start=start, last_year=last_year, as_of=as_of
        )
        for t in target.subtargets
    )
    if target.qualitative:
        reported = target.status
        status = _QUALITATIVE[reported.value] if reported is not None else TargetStatus.NO_DATA
        if reported is None or reported.value is GoalStatus.UNKNOWN:
            reason = "a goal without a number; the policy reports no status"
        else:
            when = f" ({reported.date})" if reported.date else ""
            src = f", after {reported.source}" if reported.source is not None else ""
            reason = f"a goal without a number, reported {reported.value.value}{when}{src}"
        return attrs.evolve(_empty(target, horizon, status, reason), subresults=subs)
    regions = _regions(target, policy, region)
    if target.measured:
        frame = _with_recorded(frame, target, regions[0][0])
    units = {i.id: i.unit.value for i in policy.indicators} if policy is not None else {}
    parts = [
        _part(
            target,
            frame,
            indicator=ind,
            region=code,
            members=members,
            unit=units.get(ind),
            start=start,
            horizon=horizon,
            as_of=as_of,
        )
        for ind in target.indicators
        for code, members in regions
    ]
    if len(parts) == 1:
        return attrs.evolve(parts[0], subresults=subs)
    worst = min(parts, key=lambda p: p.status.rank)
    counts = Counter(p.status.label for p in parts)
    summary = ", ".join(f"{n} {label}" for label, n in counts.items())
    combined = _empty(
        target,
        horizon,
        worst.status,
        f"the worst of {len(parts)} parts ({summary}): {worst.indicator} for {worst.region}: "
        f"{worst.reason}",
    )
    return attrs.evolve(
        combined,
        region=", ".join(dict.fromkeys(p.region for p in parts)),
        parts=tuple(parts),
        subresults=subs,
    )


def _with_recorded(frame: pd.DataFrame, target: Target, region: str) -> pd.DataFrame:
    """*frame* and the values the target records itself, for periods the frame lacks."""
    ind = target.indicators[0]
    have = set(
        frame.loc[
            (frame["indicator"] == ind).to_numpy(dtype=bool, na_value=False)
            & (frame["region"] == region).to_numpy(dtype=bool, na_value=False),
            "period",
        ].astype(str)
    )
    rows = [m for m in target.measured if str(m.year) not in have]
    if not rows:
        return frame
    extra = pd.DataFrame(
        {
            "indicator": ind,
            "region": region,
            "period": [str(m.year) for m in rows],
            "value": [float(m.value) for m in rows],
            "source": [str(m.source) for m in rows],
        }
    )
    if frame.empty:
        return extra
    return pd.concat(
        [frame.astype({"indicator": object, "region": object, "period": object}), extra],
        ignore_index=True,
    )


def _regions(
    target: Target, policy: Policy | None, region: str | None
) -> list[tuple[str, tuple[str, ...]]]:
    """(code, member codes) of each region the target is scored for."""
    if policy is None:
        if region is None:
            raise IndicatorError(
                Message(
                    "target {id!r}: region: give the policy or the region code to evaluate it for",
                    id=target.id,
                )
            )
        return [(region, ())]
    if target.areas:
        areas = [policy.get(a) for a in target.areas]
        return [(getattr(a, "code", None) or a.id, ()) for a in areas]
    if target.region is not None:
        group = next(g for g in policy.regions if g.id == target.region)
        return [(group.code, tuple(region_code(policy, m) for m in group.members))]
    if target.municipalities:
        return [(policy.municipality(m).cbs_code, ()) for m in target.municipalities]
    if region is not None:
        return [(region, ())]
    raise IndicatorError(
        Message("target {id!r}: municipalities: the target names no region", id=target.id)
    )


def _start_of(horizon: str) -> str:
    start, _ = period_bounds(horizon)
    return str(start.year)


def evaluate_targets(
    policy: Policy,
    measurements: Measurements | Any | None = None,
    *,
    as_of: date | str | None = None,
) -> Records[TargetResult]:
    """Evaluate every target of the policy, each for its own municipalities or region group.

    Parameters
    ----------
    policy:
        The policy.
    measurements:
        A tidy frame or CSV path; rows are matched on the target's indicators and the
        CBS codes of its municipalities (or the code of its region group, or the sum
        of the group's members where the unit adds up). None: every measurable target
        has no data.
    as_of:
        Date after which horizons count as passed without a measurement for them.

    Returns
    -------
    tuple of TargetResult
        One per top-level target, in policy order, with parts and sub-goals nested.

    Raises
    ------
    MeasurementsError
        If the measurements are not tidy.

    Examples
    --------
    >>> import ivb
    >>> [(r.target, r.status.value) for r in evaluate_targets(ivb.load())]
    [('noordoostpolder-veiligheidsbeleving-target', 'no-data')]
    """
    frame = _measurement_frame(measurements, policy.targets, policy, None)
    return Records(
        (evaluate_target(t, frame, policy=policy, as_of=as_of) for t in policy.targets),
        of=TargetResult,
    )


def _all_targets(targets: Sequence[Target]) -> list[Target]:
    out = []
    for t in targets:
        out.append(t)
        out.extend(_all_targets(t.subtargets))
    return out


def _measurement_frame(
    measurements: object,
    targets: Sequence[Target],
    policy: Policy | None,
    region: str | None,
) -> pd.DataFrame:
    """The measurements as a pandas frame; a frame of another engine is first narrowed,
    on its engine, to the rows of the targets' indicators and regions."""
    if measurements is None or isinstance(measurements, (pd.DataFrame, str, os.PathLike)):
        return as_frame(measurements)
    engine_of(measurements)  # a frame of an engine ivb knows, or a clear error
    every = _all_targets(targets)
    indicators = sorted({i for t in every for i in t.indicators})
    codes: set[str] | None = set()
    for t in every:
        if not t.indicators:
            continue
        try:
            for code, members in _regions(t, policy, region):
                codes.update((code, *members))  # type: ignore[union-attr]
        except IndicatorError:
            codes = None  # the target's own evaluation names the problem
            break
    from ivb.indicators import _nwcalc

    rows = _nwcalc.select_rows(measurements, indicators, sorted(codes) if codes else None)
    return validate_tidy(rows, what="measurements")
