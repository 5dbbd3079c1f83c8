"""The Veiligheidsmonitor (CBS table 85146NED) with its published margins.

Table 85146NED, *Veiligheidsmonitor; kerncijfers, regio*, has three dimensions and
one column per measure:

- ``Marges``: ``MW00000`` (*Waarde*, the estimate), ``MOG0095`` (*Ondergrens 95%*,
  the lower bound of the 95% interval) and ``MBG0095`` (*Bovengrens 95%*, the upper
  bound); one row per kind;
- ``RegioS``: ``NL01`` (Nederland), ``PV..`` (provinces), ``RE..`` (police
  regional units) and ``GM....`` (municipalities), padded with spaces;
- ``Perioden``: ``2023JJ00`` (the survey year);
- measures such as ``RapportcijferVeiligheidInBuurt_60`` or
  ``VoeltZichWeleensOnveilig_43`` (the number after ``_`` is the column's position
  and may change between editions, so ivb keys measures by name).

:func:`read_veiligheidsmonitor` turns that into one row per measure, region and
period with the estimate and the bounds of its 95% interval side by side;
:func:`compare_measurements` and :func:`margin_change` say whether a change is
larger than the margins allow (*higher*, *lower*) or *not significantly different*;
:func:`veiligheidsmonitor_measurements` gives the measures a policy's indicators name
(their ``data_source.topic``) the policy's indicator ids, so its targets are evaluated
from the table, margins included.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ivb._message import Message, at, message_of
from ivb.indicators._calc import change
from ivb.indicators._errors import IndicatorError, MissingExtraError, OpenDataError
from ivb.indicators._opendata import (
    Source,
    dataset_records,
    numbers,
    place,
    read_source,
    stripped_codes,
)
from ivb.indicators._periods import cbs_period

if TYPE_CHECKING:
    from ivb.model import Policy

__all__ = [
    "MARGIN_KINDS",
    "VEILIGHEIDSMONITOR_COLUMNS",
    "VEILIGHEIDSMONITOR_TABLE",
    "Significance",
    "compare_measurements",
    "fetch_veiligheidsmonitor",
    "margin_change",
    "read_veiligheidsmonitor",
    "veiligheidsmonitor_measurements",
]

#: The CBS table id of the Veiligheidsmonitor, key figures by region.
VEILIGHEIDSMONITOR_TABLE = "85146NED"

#: ``Marges`` codes (and their CBS titles, as ``cbsodata.get_data`` gives them) to the
#: column they fill: the estimate and the bounds of its 95% interval.
MARGIN_KINDS: Mapping[str, str] = {
    "MW00000": "value",
    "MOG0095": "margin_low",
    "MBG0095": "margin_high",
    "Waarde": "value",
    "Ondergrens 95%": "margin_low",
    "Bovengrens 95%": "margin_high",
}

#: The columns of :func:`read_veiligheidsmonitor`, in order.
VEILIGHEIDSMONITOR_COLUMNS = (
    "indicator",
    "region",
    "period",
    "value",
    "margin_low",
    "margin_high",
    "measure",
    "source",
    "table",
    "period_code",
)

_DIMENSIONS = ("ID", "Marges", "RegioS", "Perioden")


def _slug(column: str) -> str:
    base = re.sub(r"_\d+$", "", column)
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", base)
    return "-".join(w.lower() for w in words) or column


def _margin_kind(code: str) -> str | None:
    if code in MARGIN_KINDS:
        return MARGIN_KINDS[code]
    low = code.lower()
    if low.startswith("ondergrens"):
        return "margin_low"
    if low.startswith("bovengrens"):
        return "margin_high"
    return None


def read_veiligheidsmonitor(
    source: Source,
    *,
    measures: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read Veiligheidsmonitor table 85146NED, with its margins, into a long table.

    Parameters
    ----------
    source:
        A CSV file (the OData ``TypedDataSet`` or ``UntypedDataSet`` export, comma- or
        semicolon-separated), a DataFrame of it, or its records.
    measures:
        Measure columns to keep (``RapportcijferVeiligheidInBuurt_60``); a name without
        the ``_N`` suffix matches too. Default: all.
    regions:
        Region codes to keep (``GM0171``, ``NL01``); default all.

    Returns
    -------
    pandas.DataFrame
        The columns :data:`VEILIGHEIDSMONITOR_COLUMNS`: ``indicator`` (the measure as a
        slug, ``rapportcijfer-veiligheid-in-buurt``), ``region`` (code without padding),
        ``period`` (``2023``), ``value`` (the estimate), ``margin_low`` and
        ``margin_high`` (the bounds of its 95% interval as published; NaN where none
        is), ``measure`` (the CBS column), ``source``, ``table`` and ``period_code``
        (``2023JJ00``). One row per measure, region and period, in the order of the
        measures and of first appearance. NaN means not published (an empty or ``.``
        cell).

    Raises
    ------
    OpenDataError
        If a dimension column is missing, a code is empty or unknown, a value is no
        number, or a measure, region and period has two rows of one kind; the message
        names the file, line and column.

    Examples
    --------
    >>> records = [
    ...     {"Marges": m, "RegioS": "GM0171  ", "Perioden": "2023JJ00",
    ...      "RapportcijferVeiligheidInBuurt_60": v}
    ...     for m, v in [("MW00000", 7.6), ("MOG0095", 7.4), ("MBG0095", 7.8)]]
    >>> vm = read_veiligheidsmonitor(records)
    >>> vm.loc[0, "indicator"]
    'rapportcijfer-veiligheid-in-buurt'
    >>> vm[["region", "period", "value", "margin_low", "margin_high", "period_code"]]
       region period  value  margin_low  margin_high period_code
    0  GM0171   2023    7.6         7.4          7.8    2023JJ00
    """
    raw, what, is_file = read_source(source)
    missing = [c for c in _DIMENSIONS[1:] if c not in raw.columns]
    if missing:
        raise OpenDataError(
            at(
                what,
                Message(
                    "missing columns {items} of table {veiligheidsmonitor_table} (found {value})",
                    items=", ".join(missing),
                    veiligheidsmonitor_table=VEILIGHEIDSMONITOR_TABLE,
                    value=", ".join(map(str, raw.columns)) or Message("no columns"),
                ),
            )
        )
    available = [str(c) for c in raw.columns if c not in _DIMENSIONS]
    if measures is None:
        chosen = available
    else:
        chosen = []
        for m in measures:
            hits = [c for c in available if c == m or re.sub(r"_\d+$", "", c) == m]
            if not hits:
                raise OpenDataError(
                    at(
                        "measures",
                        Message(
                            "{measure!r} not in {what}; it has {available}",
                            measure=m,
                            what=what,
                            available=", ".join(available) or Message("none"),
                        ),
                    )
                )
            chosen.extend(h for h in hits if h not in chosen)
    if not chosen:
        raise OpenDataError(
            at(what, Message("no measure column (e.g. RapportcijferVeiligheidInBuurt_60)"))
        )
    rows = np.arange(len(raw))
    if regions is not None:
        wanted = {str(r).strip() for r in regions}
        keep = raw["RegioS"].astype(str).str.strip().isin(wanted).to_numpy()
        raw, rows = raw.loc[keep].reset_index(drop=True), rows[keep]
    if raw.empty:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=float if c in ("value", "margin_low", "margin_high") else object)
                for c in VEILIGHEIDSMONITOR_COLUMNS
            }
        )

    def _cell(row: int, column: str) -> str:
        return place(what, int(rows[row]), column, is_file=is_file)

    kind_codes, kind_cats = stripped_codes(
        raw["Marges"], what, "Marges", is_file=is_file, rows=rows
    )
    kinds = []
    for i, code in enumerate(kind_cats):
        kind = _margin_kind(code)
        if kind is None:
            row = int(np.flatnonzero(kind_codes == i)[0])
            raise OpenDataError(
                at(
                    _cell(row, "Marges"),
                    Message(
                        "expected MW00000 (Waarde), MOG0095 or MBG0095 (the bounds of the 95% "
                        "interval), got {code!r}",
                        code=code,
                    ),
                )
            )
        kinds.append(kind)
    region_codes, region_cats = stripped_codes(
        raw["RegioS"], what, "RegioS", is_file=is_file, rows=rows
    )
    period_codes, period_cats = stripped_codes(
        raw["Perioden"], what, "Perioden", is_file=is_file, rows=rows
    )
    periods = []
    for i, code in enumerate(period_cats):
        try:
            periods.append(cbs_period(code))
        except IndicatorError as exc:
            row = int(np.flatnonzero(period_codes == i)[0])
            raise OpenDataError(at(_cell(row, "Perioden"), message_of(exc))) from None
    kind_of_row = np.asarray(kinds, dtype=object)[kind_codes]
    key = pd.DataFrame({"region": region_codes, "period": period_codes, "kind": kind_of_row})
    dup = key.duplicated(keep="first").to_numpy()
    if dup.any():
        row = int(np.flatnonzero(dup)[0])
        raise OpenDataError(
            at(
                _cell(row, "Marges"),
                Message(
                    "a second {kind} row for region {region!r} and period {period!r}",
                    kind=key["kind"].iloc[row],
                    region=region_cats[region_codes[row]],
                    period=period_cats[period_codes[row]],
                ),
            )
        )
    series = key[["region", "period"]].drop_duplicates()
    series_index = pd.MultiIndex.from_frame(series)
    parts = []
    for measure in chosen:
        values = numbers(raw[measure], what, measure, is_file=is_file, rows=rows)
        columns: dict[str, Any] = {}
        for kind in ("value", "margin_low", "margin_high"):
            mask = kind_of_row == kind
            lookup = pd.Series(
                values[mask],
                index=pd.MultiIndex.from_arrays(
                    [region_codes[mask], period_codes[mask]], names=["region", "period"]
                ),
            )
            columns[kind] = lookup.reindex(series_index).to_numpy(dtype=float)
        part = pd.DataFrame(
            {
                "indicator": _slug(measure),
                "region": [region_cats[i] for i in series["region"]],
                "period": [periods[i] for i in series["period"]],
                **columns,
                "measure": measure,
                "source": f"CBS Veiligheidsmonitor {VEILIGHEIDSMONITOR_TABLE}",
                "table": VEILIGHEIDSMONITOR_TABLE,
                "period_code": [period_cats[i] for i in series["period"]],
            }
        )
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out[list(VEILIGHEIDSMONITOR_COLUMNS)]


class Significance(enum.Enum):
    """How a measurement compares with another, given the margins of both."""

    HIGHER = "higher"
    LOWER = "lower"
    NOT_SIGNIFICANT = "not significantly different"


def _half(value: float, bound: float | None, side: str) -> float:
    if bound is None or math.isnan(bound):
        return 0.0
    width = (value - bound) if side == "low" else (bound - value)
    if width < 0:
        raise IndicatorError(
            at(
                "margin_low",
                Message(
                    "the lower bound {bound} lies on the wrong side of the value {value}",
                    bound=bound,
                    value=value,
                ),
            )
            if side == "low"
            else at(
                "margin_high",
                Message(
                    "the higher bound {bound} lies on the wrong side of the value {value}",
                    bound=bound,
                    value=value,
                ),
            )
        )
    return width


def compare_measurements(
    value: float,
    base_value: float,
    *,
    low: float | None = None,
    high: float | None = None,
    base_low: float | None = None,
    base_high: float | None = None,
) -> Significance:
    """Whether *value* is higher or lower than *base_value*, beyond their margins.

    Each measurement may carry the bounds of its 95% interval (*low*, *high*), as the
    Veiligheidsmonitor publishes them; a figure without bounds (a target's fixed
    baseline) counts as exact. The change is significant when it is larger than the
    combined margin on the side of the change: for a rise, the square root of the
    sum of the squared distances from *value* down to *low* and from *base_value*
    up to *base_high* (for a fall the other two sides). This is the usual test of a
    difference between two independent estimates; with an exact baseline it reduces
    to "the baseline lies outside the new interval".

    Parameters
    ----------
    value:
        The new measurement.
    base_value:
        The measurement (or baseline) it is compared with.
    low, high:
        The bounds of the 95% interval of *value* (None or NaN: none published).
    base_low, base_high:
        The bounds of the 95% interval of *base_value*.

    Returns
    -------
    Significance
        ``HIGHER``, ``LOWER`` or ``NOT_SIGNIFICANT``.

    Raises
    ------
    IndicatorError
        If a value is not published (NaN) or a bound lies on the wrong side of its
        value.

    Examples
    --------
    >>> compare_measurements(7.8, 7.6, low=7.5, high=8.1).value
    'not significantly different'
    >>> compare_measurements(7.8, 7.6, low=7.7, high=7.9).value
    'higher'
    >>> compare_measurements(7.0, 7.6, low=6.8, high=7.2, base_low=7.3, base_high=7.9).value
    'lower'
    """
    for name, v in (("value", value), ("base_value", base_value)):
        if v is None or math.isnan(float(v)):
            raise IndicatorError(at(name, Message("not published (NaN); no comparison possible")))
    value, base_value = float(value), float(base_value)
    below, above = _half(value, low, "low"), _half(value, high, "high")
    base_below = _half(base_value, base_low, "low")
    base_above = _half(base_value, base_high, "high")
    down, up = (below, base_above), (above, base_below)
    diff = value - base_value
    if diff > 0 and diff > math.hypot(*down):
        return Significance.HIGHER
    if diff < 0 and -diff > math.hypot(*up):
        return Significance.LOWER
    return Significance.NOT_SIGNIFICANT


def margin_change(frame: pd.DataFrame, base: str, period: str) -> pd.DataFrame:
    """Change of every series of a Veiligheidsmonitor table, judged against the margins.

    Parameters
    ----------
    frame:
        A table from :func:`read_veiligheidsmonitor` (or any tidy frame with
        ``margin_low`` and ``margin_high`` columns).
    base:
        The period compared with (``2021``).
    period:
        The period compared (``2023``).

    Returns
    -------
    pandas.DataFrame
        As :func:`~ivb.indicators.change` (key columns ``indicator``, ``region``,
        ``measure``, then ``base_period``, ``period``, ``base_value``, ``value``,
        ``change``, ``change_pct``), plus ``base_low``, ``base_high``, ``low``,
        ``high`` and ``significance`` (a :class:`Significance` value; empty where
        either value is not published).

    Raises
    ------
    IndicatorError
        If no row has period *base* or *period*, or a bound lies on the wrong side.
    MeasurementsError
        If a series has two rows for one period.

    Examples
    --------
    >>> import pandas as pd
    >>> vm = pd.DataFrame({"indicator": "rapportcijfer", "region": "GM0171",
    ...                    "period": ["2021", "2023"], "value": [7.6, 7.4],
    ...                    "margin_low": [7.4, 7.2], "margin_high": [7.8, 7.6]})
    >>> margin_change(vm, "2021", "2023")[["region", "change", "significance"]].round(1)
       region  change                 significance
    0  GM0171    -0.2  not significantly different
    """
    keys = [c for c in ("indicator", "region", "measure") if c in frame.columns]
    needed = ["period", "value", "margin_low", "margin_high"]
    absent = [c for c in ["indicator", "region", *needed] if c not in frame.columns]
    if absent:
        raise IndicatorError(
            at(
                "frame",
                Message(
                    "missing columns {items}; read it with read_veiligheidsmonitor",
                    items=", ".join(absent),
                ),
            )
        )
    out = change(frame[[*keys, "period", "value"]], base, period, keys=keys)
    for col, name in (("margin_low", "low"), ("margin_high", "high")):
        bounds = change(
            frame[[*keys, "period", col]].rename(columns={col: "value"}), base, period, keys=keys
        )
        out["base_" + name] = bounds["base_value"].to_numpy()
        out[name] = bounds["value"].to_numpy()
    verdicts: list[str | None] = []
    for row in out.itertuples(index=False):
        r: Any = row
        if math.isnan(r.value) or math.isnan(r.base_value):
            verdicts.append(None)
            continue
        verdicts.append(
            compare_measurements(
                r.value, r.base_value, low=r.low, high=r.high,
                base_low=r.base_low, base_high=r.base_high,
            ).value
        )  # fmt: skip
    out["significance"] = pd.Series(verdicts, dtype=object)
    return out


def fetch_veiligheidsmonitor(
    *,
    regions: Sequence[str] | None = None,
    measures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Download table 85146NED with the optional ``cbsodata`` package and read it.

    Needs internet and ``pip install 'ivb[opendata]'`` (which brings ``cbsodata``).
    The download keeps the CBS codes (``GM0171``, ``MW00000``, ``2023JJ00``), not
    their titles.

    Parameters
    ----------
    regions:
        Region codes to download (``GM0171``); default all (the whole table).
    measures:
        Measure columns to keep (default all).

    Returns
    -------
    pandas.DataFrame
        As :func:`read_veiligheidsmonitor`.

    Raises
    ------
    MissingExtraError
        If ``cbsodata`` is not installed.
    OpenDataError
        If the download has no data set or cannot be read.

    Examples
    --------
    >>> fetch_veiligheidsmonitor(regions=["GM0171"])  # doctest: +SKIP
    """
    try:
        import cbsodata  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        raise MissingExtraError(
            Message(
                "fetch_veiligheidsmonitor needs the optional package cbsodata; install it with "
                "pip install 'ivb[opendata]' (or pip install cbsodata), or download table "
                "{veiligheidsmonitor_table} yourself and use read_veiligheidsmonitor",
                veiligheidsmonitor_table=VEILIGHEIDSMONITOR_TABLE,
            )
        ) from None
    filters = None
    if regions:
        filters = " or ".join(f"substringof('{r.strip()}',RegioS)" for r in regions)
    data = cbsodata.download_data(VEILIGHEIDSMONITOR_TABLE, typed=True, filters=filters)
    records = dataset_records(data, VEILIGHEIDSMONITOR_TABLE)
    return read_veiligheidsmonitor(records, measures=measures, regions=regions)


def _bare(column: str) -> str:
    return re.sub(r"_\d+$", "", column.strip())


def veiligheidsmonitor_measurements(source: Source | pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """The Veiligheidsmonitor's figures of a policy's indicators, as tidy measurements.

    Every indicator of the policy whose data come from the Veiligheidsmonitor (a
    ``data_source`` of kind ``veiligheidsmonitor`` with table 85146NED and a
    ``topic``, the measure column) gets the rows of that measure, under the
    indicator's id and unit, with the bounds of the 95% interval. Given to
    :func:`~ivb.indicators.evaluate_targets` (or the report), they make a target's
    status margin-aware: a difference within the margins is *not significantly
    different*. The measure is matched on its name without the ``_N`` position suffix,
    which may change between editions.

    Parameters
    ----------
    source:
        A table from :func:`read_veiligheidsmonitor`, or anything it reads (the CSV
        export, a DataFrame or records of the raw table).
    policy:
        The policy whose indicators name the measures.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator`` (the policy's id), ``region``, ``period``, ``value``,
        ``margin_low``, ``margin_high``, ``unit``, ``source``, ``table``, ``measure``
        and ``period_code``; one row per indicator, region and period, for every
        region in the table. Empty when the policy has no such indicator or the table
        none of its measures.

    Raises
    ------
    OpenDataError
        If the table cannot be read (see :func:`read_veiligheidsmonitor`).

    Examples
    --------
    >>> import ivb
    >>> records = [
    ...     {"Marges": m, "RegioS": "GM0171  ", "Perioden": "2025JJ00",
    ...      "RapportcijferVeiligheidInBuurt_60": v}
    ...     for m, v in [("MW00000", 7.8), ("MOG0095", 7.5), ("MBG0095", 8.1)]]
    >>> vm = veiligheidsmonitor_measurements(records, ivb.load())
    >>> vm[["indicator", "region", "period", "value", "margin_low", "margin_high"]]
                 indicator  region period  value  margin_low  margin_high
    0  veiligheidsbeleving  GM0171   2025    7.8         7.5          8.1
    """
    from ivb.model import DataSourceKind

    table = (
        source
        if isinstance(source, pd.DataFrame) and "margin_low" in source.columns
        else read_veiligheidsmonitor(source)
    )
    columns = [
        "indicator",
        "region",
        "period",
        "value",
        "margin_low",
        "margin_high",
        "unit",
        "source",
        "table",
        "measure",
        "period_code",
    ]
    measures = table["measure"].astype(str).map(_bare) if len(table) else pd.Series(dtype=object)
    parts = []
    for ind in policy.indicators:
        src = ind.data_source
        if (
            src.kind is not DataSourceKind.VEILIGHEIDSMONITOR
            or src.table != VEILIGHEIDSMONITOR_TABLE
            or not src.topic
        ):
            continue
        rows = table.loc[(measures == _bare(src.topic)).to_numpy(dtype=bool)]
        if rows.empty:
            continue
        part = rows.assign(indicator=ind.id, unit=ind.unit.value)
        parts.append(part[columns])
    if not parts:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=float if c in ("value", "margin_low", "margin_high") else object)
                for c in columns
            }
        )
    return pd.concat(parts, ignore_index=True)
