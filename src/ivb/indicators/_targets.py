"""Evaluating targets against measurements.

The rules, in order (documented in :func:`evaluate_series`):

1. **Baseline**: the target's baseline value when the policy gives one; otherwise the
   measurement at the baseline period; otherwise the last measurement before the
   policy period. None of these: *no data*.
2. **Latest**: the most recent published measurement after the baseline period (or,
   when the baseline has no period, from the start of the policy period on), of the
   same kind of period as the baseline (years with years). None: *no data*.
3. **Better**: the latest value is strictly higher (direction ``higher``) or strictly
   lower (direction ``lower``) than the baseline.
4. **Status**: once the horizon is reached (the latest measurement's period ends at or
   after the horizon's end, or ``as_of`` is past it): *achieved* if better, else *not
   achieved*. Before that: *on track* if better, else *not achieved* (not yet on track).

A better measurement never gives a worse status: no data < not achieved < on track <
achieved.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from ivb.indicators._calc import series_ids
from ivb.indicators._errors import IndicatorError, MeasurementsError
from ivb.indicators._frames import series_keys, validate_tidy
from ivb.indicators._measurements import Measurements, as_frame
from ivb.indicators._periods import period_bounds, period_kind
from ivb.model import Direction

if TYPE_CHECKING:
    from ivb.model import Policy, Target

__all__ = ["TargetResult", "TargetStatus", "evaluate_series", "evaluate_target", "evaluate_targets"]


class TargetStatus(enum.StrEnum):
    """Where a target stands."""

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not-achieved"
    ON_TRACK = "on-track"
    NO_DATA = "no-data"

    @property
    def rank(self) -> int:
        """Order from worst to best: no data 0, not achieved 1, on track 2, achieved 3."""
        return _RANK[self]

    @property
    def label(self) -> str:
        """A short label for reports."""
        return _LABELS[self]


_RANK = {
    TargetStatus.NO_DATA: 0,
    TargetStatus.NOT_ACHIEVED: 1,
    TargetStatus.ON_TRACK: 2,
    TargetStatus.ACHIEVED: 3,
}
_LABELS = {
    TargetStatus.NO_DATA: "no data",
    TargetStatus.NOT_ACHIEVED: "not achieved",
    TargetStatus.ON_TRACK: "on track",
    TargetStatus.ACHIEVED: "achieved",
}


@attrs.frozen(kw_only=True)
class TargetResult:
    """The evaluation of one target, with the numbers behind its status.

    Attributes
    ----------
    target, name, municipality, indicator:
        The target's id, name, municipality id and indicator id.
    region:
        The region code the measurements were taken for (``GM0171``).
    direction, rule, horizon:
        As in the target.
    status:
        Achieved, not achieved, on track or no data.
    baseline, baseline_period:
        The baseline used and its period (None where unknown).
    baseline_from:
        ``policy`` (the target's own baseline), ``measurements`` or ``none``.
    latest, latest_period:
        The measurement the status rests on.
    change, change_pct:
        Latest minus baseline, and that as a percentage of the baseline.
    reason:
        The status in one sentence, with its numbers.
    subresults:
        The evaluations of the target's sub-goals.
    """

    target: str
    name: str
    municipality: str
    indicator: str
    region: str
    direction: Direction
    rule: str
    horizon: str
    status: TargetStatus
    baseline: float | None
    baseline_period: str | None
    baseline_from: str
    latest: float | None
    latest_period: str | None
    change: float | None
    change_pct: float | None
    reason: str
    subresults: tuple[TargetResult, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The result as plain data (for JSON), sub-goals nested.

        Examples
        --------
        >>> import ivb
        >>> evaluate_targets(ivb.load())[0].to_dict()["status"]
        'no-data'
        """
        out: dict[str, object] = {
            a.name: getattr(self, a.name)
            for a in attrs.fields(TargetResult)
            if a.name != "subresults"
        }
        out["direction"] = self.direction.value
        out["status"] = self.status.value
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
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.object_]]:
    """Start and end ordinals and kind of every row's period, parsing each distinct one once."""
    col = frame["period"]
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy()
        uniques = list(col.cat.categories)
    else:
        codes, uniq = pd.factorize(col, use_na_sentinel=True)
        uniques = list(uniq)
    if (codes < 0).any():
        raise MeasurementsError(f"period: missing in row {int(np.flatnonzero(codes < 0)[0])}")
    bounds = [period_bounds(str(u)) for u in uniques]
    starts = np.array([_ord(b[0]) for b in bounds], dtype=np.int64)
    ends = np.array([_ord(b[1]) for b in bounds], dtype=np.int64)
    kinds = np.array([period_kind(str(u)) for u in uniques], dtype=object)
    return starts[codes], ends[codes], kinds[codes]


def _as_of_ord(as_of: date | str | None) -> int | None:
    if as_of is None:
        return None
    if isinstance(as_of, date):
        return _ord(as_of)
    return _ord(period_bounds(as_of)[1])


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
) -> pd.DataFrame:
    """Evaluate every series of a tidy frame against a baseline (vectorised).

    Parameters
    ----------
    frame:
        A tidy frame of measurements; one row per series and period.
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
        If the frame is not tidy or has a row without period.

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
    validate_tidy(frame)
    try:
        direction = Direction(direction)
    except ValueError:
        raise IndicatorError(
            f"direction: expected 'higher' or 'lower', got {direction!r}"
        ) from None
    if base_period is None and start is None:
        raise IndicatorError("base_period or start: give at least one, to know which values count")
    key_cols = series_keys(frame, keys)
    horizon_end = _ord(period_bounds(horizon)[1])
    as_of_ord = _as_of_ord(as_of)
    start_ord = _ord(period_bounds(start)[0]) if start is not None else None
    base_end = _ord(period_bounds(base_period)[1]) if base_period is not None else None
    want_kind = period_kind(base_period) if base_period is not None else None

    p_start, p_end, p_kind = _period_arrays(frame)
    if want_kind is None and (p_kind == "year").any():
        want_kind = "year"  # without a baseline period, compare years with years
    if want_kind is not None:
        # only periods of the baseline's kind count: work on those rows alone
        keep = p_kind == want_kind
        if not keep.all():
            frame = frame.loc[keep]
            p_start, p_end, p_kind = p_start[keep], p_end[keep], p_kind[keep]
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
    if baseline is not None and not np.isnan(baseline):
        base_val[:] = baseline
        base_per[:] = base_period
        base_from[:] = "policy"
    else:
        if base_period is not None:
            at_base = published & (periods == base_period)
            base_val[inverse[at_base]] = values[at_base]
            base_per[inverse[at_base]] = base_period
            base_from[inverse[at_base]] = "measurements"
        if start_ord is not None:
            before = published & (p_end < start_ord) & same_kind
            missing = np.isnan(base_val)
            idx = _last_per_series(inverse, before, p_end, p_start)
            take = missing & (idx >= 0)
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
            TargetStatus.NOT_ACHIEVED.value,
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


def _last_per_series(
    inverse: npt.NDArray[np.int64],
    mask: npt.NDArray[np.bool_],
    ends: npt.NDArray[np.int64],
    starts: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """Row index of the latest row (by end, then start) of each series among *mask*; -1 if none."""
    n = int(inverse.max()) + 1 if len(inverse) else 0
    out = np.full(n, -1, dtype=np.int64)
    rows = np.flatnonzero(mask)
    if len(rows) == 0:
        return out
    order = np.lexsort((starts[rows], ends[rows], inverse[rows]))
    rows = rows[order]
    groups = inverse[rows]
    last = np.ones(len(rows), dtype=bool)
    last[:-1] = groups[1:] != groups[:-1]
    out[groups[last]] = rows[last]
    return out


def _reason(r: dict[str, object], target: Target, region: str, start: str | None) -> str:
    status = TargetStatus(str(r["status"]))
    word = "higher" if target.direction is Direction.HIGHER else "lower"
    base = r["baseline"]
    base_txt = f"{_fmt(base)} ({r['baseline_period']})" if r["baseline_period"] else _fmt(base)  # type: ignore[arg-type]
    if status is TargetStatus.NO_DATA:
        if r["baseline"] is None or r["baseline"] != r["baseline"]:
            base_period = target.baseline.period if target.baseline else None
            when = (
                f"in {base_period}"
                if base_period
                else (
                    f"before the policy period ({start})" if start else "before the policy period"
                )
            )
            return (
                f"no baseline: the policy gives no value and the measurements have no "
                f"{target.indicator!r} for {region} {when}"
            )
        after = f"after {r['baseline_period']}" if r["baseline_period"] else "in the policy period"
        return f"no published measurement of {target.indicator!r} for {region} {after}"
    latest = f"{_fmt(r['latest'])} in {r['latest_period']}"  # type: ignore[arg-type]
    if status is TargetStatus.ACHIEVED:
        return f"{latest} is {word} than the baseline {base_txt}; horizon {target.horizon} reached"
    if status is TargetStatus.ON_TRACK:
        return (
            f"{latest} is {word} than the baseline {base_txt}; "
            f"horizon {target.horizon} not yet reached"
        )
    if r.get("final"):
        tail = f"horizon {target.horizon} reached"
    else:
        tail = f"not on track; horizon {target.horizon} not yet reached"
    return f"{latest} is not {word} than the baseline {base_txt}; {tail}"


def _none(x: object) -> float | None:
    if x is None:
        return None
    f = float(x)  # type: ignore[arg-type]
    return None if f != f else f


def evaluate_target(
    target: Target,
    measurements: Measurements | None,
    *,
    region: str,
    start: str | None = None,
    as_of: date | str | None = None,
) -> TargetResult:
    """Evaluate one target (and its sub-goals) against measurements.

    The rules are those of :func:`evaluate_series` (see the module documentation).

    Parameters
    ----------
    target:
        The target.
    measurements:
        A tidy frame or the path of a tidy CSV (see :func:`read_measurements`); rows
        whose ``indicator`` is the target's and whose ``region`` is *region* count.
    region:
        Region code of the measurements (``GM0171``).
    start:
        Start of the policy period (``2024``).
    as_of:
        Date after which the horizon counts as passed without a measurement for it.

    Returns
    -------
    TargetResult
        Status, the numbers behind it and the results of the sub-goals.

    Raises
    ------
    MeasurementsError
        If the measurements are not tidy, or their unit is not the baseline's.
    IndicatorError
        If the target's horizon or baseline period is no period.

    Examples
    --------
    >>> import pandas as pd
    >>> from ivb.model import Baseline, Direction, SourceRef, Target, Unit
    >>> target = Target(id="beleving", name="Veiligheidsbeleving", municipality="noordoostpolder",
    ...                 indicator="veiligheidsbeleving", statement="Hoger dan 7,6",
    ...                 direction=Direction.HIGHER, rule="higher than the baseline",
    ...                 baseline=Baseline(value=7.6, unit=Unit.RAPPORTCIJFER), horizon="2027",
    ...                 source=SourceRef("ivb", "Veiligheidsbeleving"))
    >>> vm = pd.DataFrame({"indicator": ["veiligheidsbeleving"], "region": ["GM0171"],
    ...                    "period": ["2025"], "value": [7.8], "unit": ["rapportcijfer"]})
    >>> result = evaluate_target(target, vm, region="GM0171", start="2024")
    >>> result.status.value, result.reason
    ('on-track', '7.8 in 2025 is higher than the baseline 7.6; horizon 2027 not yet reached')
    """
    frame = as_frame(measurements)
    base = target.baseline
    base_value = base.value if base is not None else None
    base_period = base.period if base is not None else None
    try:
        sub = frame[
            (frame["indicator"] == target.indicator).to_numpy(dtype=bool, na_value=False)
            & (frame["region"] == region).to_numpy(dtype=bool, na_value=False)
        ]
        if base is not None and "unit" in sub.columns and len(sub):
            units = set(sub["unit"].dropna().astype(str))
            if units and base.unit.value not in units:
                raise MeasurementsError(
                    f"unit: target {target.id!r} has its baseline in {base.unit.value}, but the "
                    f"measurements of {target.indicator!r} for {region} are in "
                    f"{', '.join(sorted(units))}"
                )
        if base_period is None and start is None:
            start = _start_of(target)
        result = evaluate_series(
            sub[["indicator", "region", "period", "value"]],
            direction=target.direction,
            horizon=target.horizon,
            base_period=base_period,
            baseline=base_value,
            start=start,
            as_of=as_of,
            keys=["indicator", "region"],
        )
    except IndicatorError as exc:
        if isinstance(exc, MeasurementsError):
            raise
        raise IndicatorError(f"target {target.id!r}: {exc}") from None
    subs = tuple(
        evaluate_target(t, frame, region=region, start=start, as_of=as_of)
        for t in target.subtargets
    )
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
            "status": TargetStatus.NO_DATA.value,
        }
    status = TargetStatus(str(row["status"]))
    horizon_end = _ord(period_bounds(target.horizon)[1])
    latest_period = row["latest_period"]
    as_of_ord = _as_of_ord(as_of)
    row["final"] = (
        latest_period is not None and _ord(period_bounds(str(latest_period))[1]) >= horizon_end
    ) or (as_of_ord is not None and as_of_ord > horizon_end)
    return TargetResult(
        target=target.id,
        name=target.name,
        municipality=target.municipality,
        indicator=target.indicator,
        region=region,
        direction=target.direction,
        rule=target.rule,
        horizon=target.horizon,
        status=status,
        baseline=_none(row["baseline"]),
        baseline_period=str(row["baseline_period"]) if row["baseline_period"] is not None else None,
        baseline_from=str(row["baseline_from"]),
        latest=_none(row["latest"]),
        latest_period=str(row["latest_period"]) if row["latest_period"] is not None else None,
        change=_none(row["change"]),
        change_pct=_none(row["change_pct"]),
        reason=_reason(row, target, region, start),
        subresults=subs,
    )


def _start_of(target: Target) -> str:
    start, _ = period_bounds(target.horizon)
    return str(start.year)


def evaluate_targets(
    policy: Policy,
    measurements: Measurements | None = None,
    *,
    as_of: date | str | None = None,
) -> tuple[TargetResult, ...]:
    """Evaluate every target of the policy, each for its own municipality.

    Parameters
    ----------
    policy:
        The policy.
    measurements:
        A tidy frame or CSV path; rows are matched on the target's indicator and the
        CBS code of its municipality. None: every target has no data (unless its
        baseline alone decides nothing, which it never does).
    as_of:
        Date after which horizons count as passed without a measurement for them.

    Returns
    -------
    tuple of TargetResult
        One per top-level target, in policy order, with sub-goals nested.

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
    frame = as_frame(measurements)
    start = str(policy.period[0])
    return tuple(
        evaluate_target(
            t,
            frame,
            region=policy.municipality(t.municipality).cbs_code,
            start=start,
            as_of=as_of,
        )
        for t in policy.targets
    )
