"""The voortgangsrapportage (progress report) for the council: one self-contained HTML file.

The page is written for a council member: first a summary that reads in a minute
(every target with its status, its latest value against baseline and target value,
and the trend since the measurement before; the numbers in the policy that its own
data contradict), then per theme and speerpunt what was committed and how it stands,
then the statistics, and at the end the claim checks grouped by verdict (the ones
that cannot be checked folded away).

It is rendered from a Jinja2 template with autoescaping (``ivb/templates/report.html.j2``
and ``report.css``, shipped with ivb); a municipality can pass its own template or
stylesheet (:func:`render_report`). Texts come from the ``report`` message catalog,
numbers and dates are formatted for the language by Babel; the report is Dutch unless
another language is asked for. No script, no stylesheet or font from elsewhere: the
charts are inline SVG and the style is in the page, so the file opens offline and can
be mailed, archived or printed.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ivb._message import Message, at, message_of
from ivb.governance._graph import citation_index, cited
from ivb.indicators._claims import lacking, verify_claims
from ivb.indicators._errors import IndicatorError, MeasurementsError
from ivb.indicators._frames import table_frame
from ivb.indicators._measurements import Measurements, as_frame
from ivb.indicators._periods import period_bounds, period_kind
from ivb.indicators._targets import TargetResult, _with_recorded, evaluate_targets

if TYPE_CHECKING:
    import pandas as pd

    from ivb.model import Citation, Policy, Speerpunt, Table, Theme

__all__ = [
    "ReportError",
    "find_chromium",
    "render_report",
    "report_data",
    "report_html",
    "write_pdf",
    "write_report",
]


class ReportError(IndicatorError):
    """The report cannot be made: an own template or stylesheet, or the PDF printer."""


#: Most period columns a measurements table of the report shows.
MAX_TABLE_PERIODS = 24

#: Earlier measurements: tidy frames or CSV files, or the JSON of earlier reports.
History = Measurements | Sequence[Measurements] | None


def _clean(x: Any) -> Any:
    """NaN to None, recursively, so the data is valid JSON."""
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return None
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_clean(v) for v in x]
    return x


def _actor_names(policy: Policy, ids: tuple[str, ...]) -> list[str]:
    out = []
    for i in ids:
        if i in policy:
            out.append(getattr(policy.get(i), "name", i))
        else:  # pragma: no cover - a Policy checks its references
            out.append(i)
    return out


def _series_sort_key(period: str) -> tuple[int, int]:
    try:
        a, b = period_bounds(period)
    except Exception:
        return (10**9, 0)
    return (b.toordinal(), a.toordinal())


def _is_year(period: str) -> bool:
    return len(period) == 4 and period.isdigit()


def _region_names(policy: Policy) -> dict[str, str]:
    names = {m.cbs_code: m.name for m in policy.municipalities}
    names.update({g.code: g.name for g in policy.regions})
    return names


def _statistics(policy: Policy, frame: pd.DataFrame) -> list[dict[str, Any]]:
    names = _region_names(policy)
    out = []
    for table in policy.tables:
        sub = frame[frame["table"] == table.id]
        regions = list(dict.fromkeys(sub["region"]))
        rows = []
        for code in regions:
            values = dict(
                zip(
                    sub.loc[sub["region"] == code, "period"],
                    sub.loc[sub["region"] == code, "value"].astype(float),
                    strict=True,
                )
            )
            series = [values.get(p) for p in table.periods]
            first, last = series[0], series[-1]
            pct = None
            if (
                first not in (None, 0)
                and last is not None
                and not (math.isnan(first) or math.isnan(last))
            ):
                pct = (last - first) / abs(first) * 100.0
            rows.append(
                {
                    "region": code,
                    "name": names.get(code, code),
                    "aggregate": code not in {m.cbs_code for m in policy.municipalities},
                    "values": series,
                    "change_pct": pct,
                }
            )
        out.append(
            {
                "id": table.id,
                "number": table.number,
                "caption": table.caption,
                "indicator": table.indicator,
                "unit": table.unit.value,
                "periods": list(table.periods),
                "publisher": table.publisher,
                "rows": rows,
            }
        )
    return out


def _measurement_series(
    policy: Policy, frame: pd.DataFrame, indicators: list[str]
) -> list[dict[str, Any]]:
    names = _region_names(policy)
    out = []
    for ind in indicators:
        sub = frame[(frame["indicator"] == ind).to_numpy(dtype=bool, na_value=False)]
        sub = sub[sub["region"].astype(str).isin(names)]
        if sub.empty:
            continue
        periods = sorted({str(p) for p in sub["period"]}, key=_series_sort_key)
        years = [p for p in periods if _is_year(p)]
        if years:  # a chart of years; months would crowd it
            sub = sub[sub["period"].astype(str).isin(years)]
            periods = years
        rows = []
        for code in [c for c in names if c in set(sub["region"].astype(str))]:
            part = sub[sub["region"].astype(str) == code]
            values = dict(zip(part["period"].astype(str), part["value"].astype(float), strict=True))
            rows.append(
                {
                    "region": code,
                    "name": names[code],
                    "aggregate": code not in {m.cbs_code for m in policy.municipalities},
                    "values": [values.get(p) for p in periods],
                }
            )
        sources = sorted({str(s) for s in sub["source"].dropna()}) if "source" in sub else []
        out.append({"indicator": ind, "periods": periods, "rows": rows, "sources": sources})
    return out


def _history_frame(item: Measurements) -> pd.DataFrame:
    """One earlier source of measurements as a tidy frame: a frame, a CSV or a report's JSON."""
    import pandas as pd

    if isinstance(item, (str, os.PathLike)) and str(item).lower().endswith(".json"):
        path = Path(item)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            series = data["measurements"]
            rows = [
                {
                    "indicator": str(s["indicator"]),
                    "region": str(r["region"]),
                    "period": str(p),
                    "value": float(v),
                    "source": "; ".join(s.get("sources") or []) or None,
                }
                for s in series
                for r in s["rows"]
                for p, v in zip(s["periods"], r["values"], strict=True)
                if v is not None
            ]
        except (OSError, UnicodeDecodeError) as exc:
            raise MeasurementsError(
                at(path, Message("cannot read the earlier report ({exc})", exc=message_of(exc)))
            ) from None
        except (ValueError, KeyError, TypeError) as exc:
            raise MeasurementsError(
                at(
                    path,
                    Message(
                        "expected the JSON of an earlier report (ivb report --json) with "
                        "'measurements' as indicator, periods and rows of values, got an error at "
                        "{exc!s}",
                        exc=message_of(exc),
                    ),
                )
            ) from None
        frame = pd.DataFrame(rows, columns=["indicator", "region", "period", "value", "source"])
        frame["unit"] = None
        return as_frame(frame, what=str(path))
    return as_frame(item, what="history")


def _with_history(frame: pd.DataFrame, history: History) -> pd.DataFrame:
    """The measurements with the earlier ones added; a period measured now wins."""
    import pandas as pd

    if history is None:
        return frame
    items: Sequence[Measurements]
    if isinstance(history, (str, os.PathLike, pd.DataFrame)):
        items = [history]
    else:
        items = list(history)
    if not items:
        return frame
    frames = [_history_frame(i) for i in items]
    both = pd.concat([*frames, frame], ignore_index=True)
    both = both.drop_duplicates(subset=["indicator", "region", "period"], keep="last")
    return as_frame(both.reset_index(drop=True))


def _series_points(
    frame: pd.DataFrame, indicator: str, region: str, like: str | None
) -> list[list[Any]]:
    """``[period, value]`` of one indicator and region, in time order, of one kind of period."""
    hit = frame[
        (frame["indicator"] == indicator).to_numpy(dtype=bool, na_value=False)
        & (frame["region"].astype(str) == region).to_numpy(dtype=bool, na_value=False)
    ]
    points = {str(p): float(v) for p, v in zip(hit["period"], hit["value"], strict=True)}
    if not points:
        return []
    kinds = Counter(period_kind(p) for p in points)
    kind = (
        period_kind(like) if like else ("year" if "year" in kinds else kinds.most_common(1)[0][0])
    )
    periods = sorted((p for p in points if period_kind(p) == kind), key=_series_sort_key)
    return [[p, points[p]] for p in periods]


def _trend(points: list[list[Any]], latest_period: str | None) -> dict[str, Any] | None:
    """The measurement before the latest one, and the change since."""
    periods = [p for p, v in points if v is not None and not math.isnan(v)]
    if latest_period is None or latest_period not in periods:
        return None
    i = periods.index(latest_period)
    if i == 0:
        return None
    values = dict((p, v) for p, v in points)
    before, now = values[periods[i - 1]], values[latest_period]
    return {"period": periods[i - 1], "value": before, "change": now - before}


def report_data(
    policy: Policy,
    measurements: Measurements | None = None,
    *,
    as_of: date | str | None = None,
    generated: date | str | None = None,
    history: History = None,
) -> dict[str, Any]:
    """Everything the progress report shows, as plain data (what ``ivb report --json`` prints).

    Parameters
    ----------
    policy:
        The policy.
    measurements:
        Tidy measurements (frame or CSV path) to evaluate the targets and check the
        claims with; e.g. a new Veiligheidsmonitor result, or police figures through
        :func:`~ivb.indicators.police_measurements`.
    as_of:
        Date after which horizons count as passed (see :func:`evaluate_targets`).
    generated:
        The date printed on the report (default: today).
    history:
        Measurements of earlier reports, so that every target shows its history: a
        tidy frame or CSV file, the JSON an earlier ``ivb report --json`` printed
        (a path ending in ``.json``), or a list of these. Where the same indicator,
        region and period is measured again, *measurements* wins.

    Returns
    -------
    dict
        Keys ``policy``, ``generated``, ``as_of``, ``summary``, ``targets`` (each with
        its ``unit``, ``target_value``, ``series`` and ``trend`` since the measurement
        before), ``statistics``, ``measurements``, ``claims`` (each with ``explain``:
        why, as a reason code and its facts) and ``priorities`` (per tier of the
        policy, with its heading, lead label, and per priority its commitments and
        targets); valid JSON.

    Raises
    ------
    MeasurementsError
        If the measurements or the history are not tidy.

    Examples
    --------
    >>> import ivb
    >>> data = report_data(ivb.load(), generated="2025-01-31")
    >>> data["generated"]
    '2025-01-31'
    >>> sorted(data)  # doctest: +NORMALIZE_WHITESPACE
    ['as_of', 'claims', 'generated', 'indicators', 'measurements', 'policy', 'priorities',
     'statistics', 'summary', 'targets']
    """
    frame = _with_history(as_frame(measurements), history)
    results = evaluate_targets(policy, frame, as_of=as_of)
    checks = verify_claims(policy, frame)
    stats = table_frame(policy)
    targets_by_id = {t.id: t for t in _all_targets(policy)}
    units = {i.id: i.unit.value for i in policy.indicators}
    names = _region_names(policy)

    def target_dict(r: TargetResult, depth: int) -> list[dict[str, Any]]:
        t = targets_by_id.get(r.target)
        d = r.to_dict()
        for key in ("parts", "subresults"):
            d.pop(key)
        d["depth"] = depth
        d["scope_name"] = ", ".join(_actor_names(policy, r.scope)) if r.scope else ""
        d["priority"] = t.priority if t else None
        pr = policy.get(t.priority) if t and t.priority and t.priority in policy else None
        d["priority_name"] = getattr(pr, "name", None)
        d["statement"] = t.statement if t else ""
        d["status_label"] = r.status.label
        d["parts"] = [
            {**p.to_dict(), "status_label": p.status.label, "scope_name": ""} for p in r.parts
        ]
        first = r.indicator.split(", ")[0] if r.indicator else ""
        d["unit"] = units.get(first)
        d["target_value"] = t.value if t is not None else None
        better = t.better if t is not None else None
        d["better"] = better.value if better is not None else None
        like = r.latest_period or r.baseline_period
        pieces = r.parts or (r,)
        series: list[dict[str, Any]] = [
            {
                "indicator": p.indicator,
                "region": p.region,
                "name": names.get(p.region, p.region),
                "baseline": p.baseline,
                "points": _series_points(
                    _with_recorded(frame, t, p.region)
                    if t is not None and t.measured and p.indicator == t.indicators[0]
                    else frame,
                    p.indicator,
                    p.region,
                    like,
                ),
            }
            for p in pieces
            if p.indicator and p.region and ", " not in p.region
        ]
        d["series"] = series
        d["trend"] = _trend(series[0]["points"], r.latest_period) if len(series) == 1 else None
        out = [d]
        for s in r.subresults:
            out.extend(target_dict(s, depth + 1))
        return out

    targets = [d for r in results for d in target_dict(r, 0)]
    indicators = list(dict.fromkeys(d["indicator"] for d in targets if d["indicator"]))
    claims = [{**c.to_dict(), "explain": _explain(policy, c, stats)} for c in checks]
    gen = generated if generated is not None else date.today()
    data: dict[str, Any] = {
        "policy": {
            "id": policy.id,
            "title": policy.title,
            "period": list(policy.period),
            "municipalities": [m.name for m in policy.municipalities],
        },
        "generated": gen.isoformat() if isinstance(gen, date) else str(gen),
        "as_of": as_of.isoformat() if isinstance(as_of, date) else as_of,
        "summary": {
            "targets": dict(Counter(d["status"] for d in targets)),
            "claims": dict(Counter(c["verdict"] for c in claims)),
        },
        "targets": targets,
        "statistics": _statistics(policy, stats),
        "measurements": _measurement_series(
            policy, frame, indicators + sorted(set(map(str, frame["indicator"])) - set(indicators))
        ),
        "claims": claims,
        "priorities": _priorities(policy, targets),
        "indicators": {i.id: {"name": i.name, "unit": i.unit.value} for i in policy.indicators},
    }
    return _clean(data)  # type: ignore[no-any-return]


def _explain(policy: Policy, check: Any, stats: pd.DataFrame) -> dict[str, Any]:
    """Why a claim has its verdict, as a reason code and its facts (no text).

    The codes: ``computed`` (recomputed from ``table``, a ``source`` of measurements,
    the policy's ``sessions``, session ``partners`` or a target ``baseline``),
    ``policy`` (the policy itself says why, in ``text``), ``missing-region`` (the
    table has no value for ``region``), ``missing-value`` (the table lacks the value
    for ``region`` in exactly ``periods``; empty when the claim needs values it cannot
    name one by one), ``zero-base`` (the value for ``region`` in ``period``, the base
    of a change, is 0), ``outside-region``, ``police-data`` and ``police-code``
    (police open data ``table`` could check it), ``cbs-data`` (CBS open data
    ``table``), ``not-in-policy`` (no data at all). *stats* is the policy's
    :func:`~ivb.indicators.table_frame`.
    """
    from ivb.model import CheckKind, DataSourceKind

    names = _region_names(policy)
    tables = {t.id: t for t in policy.tables}
    against = str(check.checked_against or "")
    table = next((t for t in policy.tables if against and f"({t.id})" in against), None)
    table_no = (table.number or table.id) if table is not None else None
    figure = next((f for f in policy.figures if f.id == check.id), None)
    rule = figure.check if figure is not None else None
    if check.verdict.value != "not-checkable":
        out: dict[str, Any] = {"reason": "computed"}
        if rule is not None and rule.against is CheckKind.COUNT_SESSIONS:
            out["against"] = "sessions"
        elif rule is not None and rule.against is CheckKind.COUNT_SESSION_PARTNERS:
            out["against"] = "partners"
        elif rule is not None and rule.against is CheckKind.TARGET_BASELINE:
            out["against"] = "baseline"
        elif table_no is not None:
            out.update(against="table", table=table_no)
        else:
            out.update(against="measurements", source=against.removeprefix("measurements: "))
        return out
    region = names.get(check.region, check.region)
    if rule is not None and rule.against is CheckKind.NOT_CHECKABLE:
        # FigureCheck refuses a not-checkable rule without a reason, or a blank one
        return {"reason": "policy", "text": rule.reason}
    if rule is not None:
        return {"reason": "not-in-policy"}

    def missing(t: Table, periods: Sequence[str], base: str | None) -> dict[str, Any]:
        """What *t* lacks of *periods* for the claim's region; with every value there,
        the claim is a change from *base* whose value is 0."""
        number = t.number or t.id
        gaps = lacking(stats[stats["table"] == t.id], t.indicator, check.region, periods)
        if gaps is None:
            return {"reason": "missing-region", "table": number, "region": region}
        gone = set(gaps[0]) | set(gaps[1])
        if not gone and base is not None:
            return {"reason": "zero-base", "table": number, "region": region, "period": base}
        return {
            "reason": "missing-value",
            "table": number,
            "region": region,
            "periods": [p for p in periods if p in gone],
        }

    indicator = figure.indicator if figure is not None else None
    if figure is None:  # a printed total or a trend: the table lacks a value
        tid = check.id.split(".")[0]
        trend = next((c for c in policy.trend_claims if c.id == check.id), None)
        t = tables.get(trend.table if trend is not None else tid)
        if trend is not None and t is not None:
            return missing(t, t.periods, trend.base)
        return {
            "reason": "missing-value",
            "table": (t.number or t.id) if t is not None else tid,
            "region": region,
            "periods": [],
        }
    linked = [t for t in policy.tables if t.indicator == indicator]
    if linked:
        # the periods the check reads: a change compares its base period with its period
        base = figure.base_period if figure.unit.value == "percent-change" else None
        periods = [p for p in (base, figure.period) if p]
        return missing(linked[0], periods, base)
    if policy.kind_of(figure.region) == "outside-region":
        return {
            "reason": "outside-region",
            "region": getattr(policy.get(figure.region), "name", figure.region),
        }
    ind = next((i for i in policy.indicators if i.id == indicator), None)
    if ind is not None:
        src = ind.data_source
        if src.kind is DataSourceKind.POLICE and src.table:
            code = "police-data" if src.codes and src.confirmed else "police-code"
            return {"reason": code, "table": src.table, "indicator": ind.name}
        if src.kind in (DataSourceKind.CBS, DataSourceKind.VEILIGHEIDSMONITOR) and src.table:
            return {"reason": "cbs-data", "table": src.table, "indicator": ind.name}
    return {"reason": "not-in-policy"}


def _source_dict(ref: Any) -> dict[str, Any]:
    """What a :class:`~ivb.model.SourceRef` says of the basis of a fact: basis, place, why."""
    basis = ref.basis.value
    return {
        "basis": basis,
        "document": ref.document,
        "section": ref.section,
        # the reasoning of a derived fact; a stated fact's note is an editor's remark
        "reason": ref.note if basis != "stated" else None,
        "readings": list(ref.readings),
        "quote": ref.quote,
    }


def _facts(
    policy: Policy, citations: Mapping[tuple[str, str, str], Citation], holder: Any, field: str
) -> list[dict[str, Any]]:
    """The ids in *field* of *holder*, each a fact with its name and basis.

    A fact rests on its own citation where the policy gives one, else on the
    source of the entity holding it (as the edges of the governance graph do).
    """
    out = []
    for ident in getattr(holder, field):
        citation = cited(citations, holder.id, field, ident)
        ref = citation.source if citation is not None else holder.source
        name = getattr(policy.get(ident), "name", ident) if ident in policy else ident
        fact = {"id": ident, "name": name, **_source_dict(ref)}
        if citation is not None and citation.modality is not None:
            fact["modality"] = citation.modality.value
        out.append(fact)
    return out


def _priorities(policy: Policy, targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The priorities of the policy per tier, with the tier's own labels, leads, commitments
    and targets, and per fact (a municipality, lead, coordinator, action, actor, partner or
    body) its basis: stated, derived (with the reasoning) or ambiguous (with the readings)."""
    out = []
    priorities: list[Theme | Speerpunt] = [*policy.themes, *policy.speerpunten]
    index = citation_index(policy.citations)
    for tier in policy.tiers:
        items = []
        for p in priorities:
            if p.tier != tier.id:
                continue
            leads = policy.leads_of(p)
            items.append(
                {
                    "id": p.id,
                    "name": p.name,
                    "number": getattr(p, "number", None),
                    "municipalities": _actor_names(policy, p.municipalities),
                    "leads": _actor_names(policy, leads),
                    "no_lead": bool(getattr(p, "no_lead", False)),
                    "coordinators": _actor_names(policy, p.coordinators),
                    "source": _source_dict(p.source),
                    "facts": {
                        field: _facts(policy, index, p, field)
                        for field in ("municipalities", "leads", "coordinators")
                    },
                    "commitments": [
                        {
                            "id": a.id,
                            "kind": a.kind.value,
                            "text": a.text,
                            "status": a.status.value if a.status is not None else None,
                            "date": a.date,
                            "source": _source_dict(a.source),
                            "actors": _facts(policy, index, a, "actors"),
                            "partners": [
                                f
                                for f in _facts(policy, index, a, "partners")
                                if f["id"] not in a.actors
                            ],
                            "bodies": _facts(policy, index, a, "bodies"),
                        }
                        for a in p.actions
                    ],
                    "targets": [t["target"] for t in targets if t["priority"] == p.id],
                }
            )
        out.append(
            {
                "id": tier.id,
                "name": tier.name,
                "heading": tier.heading,
                "lead_label": tier.lead_label,
                "items": items,
            }
        )
    return out


def _all_targets(policy: Policy) -> list[Any]:
    out: list[Any] = []
    stack = list(policy.targets)
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack[:0] = list(t.subtargets)
    return out


# -- rendering ------------------------------------------------------------------

#: Badge classes of target statuses and claim verdicts, in the order the summary counts them.
_TARGET_ORDER = (
    "not-achieved",
    "off-track",
    "no-data",
    "not-started",
    "in-progress",
    "not-significant",
    "on-track",
    "achieved",
)
_VERDICT_ORDER = ("inconsistent", "consistent", "not-checkable")


class _Formatter:
    """Numbers, dates and labels in one language (Babel and the ``report`` catalog)."""

    def __init__(self, lang: str) -> None:
        from ivb._i18n import translation

        self.lang = lang
        self.tr = translation(lang, "report")

    def _(self, text: str) -> str:
        return self.tr.gettext(text)

    def num(self, x: float | None, digits: int = 2) -> str:
        from babel.numbers import format_decimal

        if x is None or (isinstance(x, float) and math.isnan(x)):
            return "–"
        if math.isinf(x):
            return "∞" if x > 0 else "-∞"
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return str(format_decimal(round(float(x), digits), format=pattern, locale=self.lang))

    def signed(self, x: float, digits: int = 1) -> str:
        text = self.num(abs(x), digits)
        return ("+" if x > 0 else "−" if x < 0 else "±") + text

    def value(self, x: float | None, unit: str | None) -> str:
        """A value with its unit where the unit is a sign (53,2%)."""
        if x is None:
            return "–"
        if unit in ("percent", "percent-change"):
            return self.num(x, 1) + "%"
        if unit == "fraction":
            return self.num(x * 100.0, 1) + "%"
        if unit == "rapportcijfer":
            return self.num(x, 1)
        return self.num(x)

    def date(self, text: str | None) -> str:
        from babel.dates import format_date

        if not text:
            return ""
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return text
        return str(format_date(day, format="long", locale=self.lang))

    def status(self, status: str) -> str:
        _ = self._
        return {
            "achieved": _("achieved"),
            "not-achieved": _("not achieved"),
            "on-track": _("on track"),
            "off-track": _("off track"),
            "no-data": _("no data"),
            "in-progress": _("in progress"),
            "not-started": _("not started"),
            "not-significant": _("not significantly different"),
            "consistent": _("consistent"),
            "inconsistent": _("contradicted"),
            "not-checkable": _("not checkable"),
        }.get(status, status)

    def unit(self, unit: str | None) -> str:
        _ = self._
        return {
            "count": _("number"),
            "persons": _("persons"),
            "percent": _("percent"),
            "percent-change": _("change in percent"),
            "rapportcijfer": _("rapportcijfer (1–10)"),
            "fraction": _("share (percent)"),
            "per-1000-inhabitants": _("per 1,000 inhabitants"),
            "euro": _("euro"),
        }.get(unit or "", unit or "")

    def threshold(self, t: dict[str, Any]) -> str:
        _ = self._
        value = self.value(t["threshold"], t["unit"])
        if t["threshold"] is None:
            return "–"
        return {
            "at-least": _("at least %(value)s"),
            "at-most": _("at most %(value)s"),
            "more-than": _("higher than %(value)s"),
            "less-than": _("lower than %(value)s"),
            "keep": _("%(value)s or better"),
            "change-by": _("%(value)s or better"),
        }.get(t["comparison"] or "", "%(value)s") % {"value": value}

    def commitments(self, kinds: Counter[str]) -> str:
        n = self.tr
        words = {
            "effort": lambda k: n.ngettext("%(n)d line of effort", "%(n)d lines of effort", k),
            "goal": lambda k: n.ngettext("%(n)d goal", "%(n)d goals", k),
            "action": lambda k: n.ngettext("%(n)d action", "%(n)d actions", k),
            "commitment": lambda k: n.ngettext("%(n)d commitment", "%(n)d commitments", k),
            "principle": lambda k: n.ngettext("%(n)d principle", "%(n)d principles", k),
        }
        parts = [words[k](c) % {"n": c} for k, c in kinds.items() if k in words]
        return ", ".join(parts)

    def action_status(self, status: str) -> str:
        _ = self._
        return {
            "planned": _("planned"),
            "to-be-explored": _("to be explored"),
            "ongoing": _("ongoing"),
            "done": _("done"),
            "stopped": _("stopped"),
        }.get(status, status)

    def action_kind(self, kind: str) -> str:
        _ = self._
        return {
            "effort": _("line of effort"),
            "goal": _("goal"),
            "action": _("action"),
            "commitment": _("commitment"),
            "principle": _("principle"),
        }.get(kind, kind)


def _x(period: str) -> float | None:
    from ivb.indicators._svg import year_position

    try:
        first, last = period_bounds(period)
    except Exception:
        return None
    return year_position(first, last)


def _target_chart(t: dict[str, Any], data: dict[str, Any], f: _Formatter) -> str:
    from ivb.indicators._svg import Reference, Series, time_chart

    _ = f._
    unit = t["unit"]
    series = []
    said = []
    for s in t["series"]:
        pts = [(x, v) for p, v in s["points"] if (x := _x(p)) is not None]
        series.append(Series(s["name"], pts))
        none = _("no measurements")
        values = ", ".join(f"{p}: {f.value(v, unit)}" for p, v in s["points"])
        said.append(f"{s['name']}: {values or none}")
    refs = []
    if t["baseline"] is not None:
        label = _("baseline %(value)s") % {"value": f.value(t["baseline"], unit)}
        refs.append(Reference("baseline", label, float(t["baseline"])))
        said.append(label)
    if t["threshold"] is not None and t["threshold"] != t["baseline"]:
        label = _("target %(value)s") % {"value": f.value(t["threshold"], unit)}
        refs.append(Reference("target", label, float(t["threshold"])))
        said.append(label)
    for m in t["milestones"]:
        label = _("milestone %(year)s: %(value)s") % {
            "year": m["year"],
            "value": f.value(m["value"], unit),
        }
        refs.append(Reference("milestone", label, float(m["value"]), m["year"] + 0.5))
        said.append(label)
    first, last = data["policy"]["period"]
    scale = 100.0 if unit == "fraction" else 1.0
    if scale != 1.0:
        series = [
            Series(s.label, [(x, None if v is None else v * scale) for x, v in s.points])
            for s in series
        ]
        refs = [r._replace(value=r.value * scale) for r in refs]
    return time_chart(
        t["name"],
        "; ".join(said),
        series,
        unit="percent" if unit == "fraction" else unit,
        y_title=f.unit(unit),
        x_title=_("year"),
        references=refs,
        x_span=(float(first), float(last) + 1.0),
        number=lambda v: f.num(v),
        break_label=_("the axis does not start at 0"),
    )


def _rows_chart(
    title: str, periods: list[str], rows: list[dict[str, Any]], unit: str, f: _Formatter
) -> str:
    from ivb.indicators._svg import Series, time_chart

    _ = f._
    xs = [_x(p) for p in periods]
    series = []
    said = []
    for r in rows:
        label = r["region"] if r["aggregate"] else r["name"]
        series.append(
            Series(label, [(x, v) for x, v in zip(xs, r["values"], strict=True) if x is not None])
        )
    for r in rows[:8]:
        label = r["region"] if r["aggregate"] else r["name"]
        first = next(
            ((p, v) for p, v in zip(periods, r["values"], strict=True) if v is not None), None
        )
        last = next(
            (
                (p, v)
                for p, v in zip(reversed(periods), reversed(r["values"]), strict=True)
                if v is not None
            ),
            None,
        )
        if first and last:
            start = f"{f.value(first[1], unit)} ({first[0]})"
            said.append(f"{label}: {start} → {f.value(last[1], unit)} ({last[0]})")
    return time_chart(
        title,
        "; ".join(said),
        series,
        unit=unit,
        y_title=f.unit(unit),
        x_title=_("year"),
        number=lambda v: f.num(v),
        break_label=_("the axis does not start at 0"),
    )


def _claim_reason(c: dict[str, Any], f: _Formatter) -> str:
    """Why a claim has its verdict, in plain words."""
    _ = f._
    e = c["explain"]
    code = e["reason"]
    if code == "computed":
        against = {
            "sessions": _("the sessions the policy lists"),
            "partners": _("the organisations the policy names as taking part"),
            "baseline": _("the baseline of the target in the policy"),
            "measurements": _("the measurements given (%(source)s)")
            % {"source": e.get("source", "")},
        }.get(e.get("against", ""), "")
        if e.get("against") == "table":
            against = _("table %(table)s of the policy") % {"table": e["table"]}
        return _("Recomputed from %(against)s.") % {"against": against}
    if code == "policy":
        return str(e["text"])
    if code == "missing-value":
        if e.get("periods"):
            return _(
                "Table %(table)s of the policy has no published value for %(region)s in "
                "%(periods)s."
            ) % {
                "table": e["table"],
                "region": e["region"],
                "periods": _(" and ").join(e["periods"]),
            }
        return _("Table %(table)s of the policy does not have every value this needs.") % {
            "table": e["table"]
        }
    if code == "missing-region":
        return _("Table %(table)s of the policy has no values for %(region)s.") % {
            "table": e["table"],
            "region": e["region"],
        }
    if code == "zero-base":
        return _(
            "Table %(table)s of the policy gives 0 for %(region)s in %(period)s, so there is "
            "no percentage change."
        ) % {"table": e["table"], "region": e["region"], "period": e["period"]}
    if code == "outside-region":
        return _("It is about %(region)s; the policy has no figures for it.") % {
            "region": e["region"]
        }
    if code == "police-data":
        return _(
            "The policy gives no figures for %(indicator)s. The police's open data (table "
            "%(table)s) can check it: add those figures to the report."
        ) % {"indicator": e["indicator"].lower(), "table": e["table"]}
    if code == "police-code":
        return _(
            "The policy gives no figures for %(indicator)s. The police's open data (table "
            "%(table)s) could check it once it is known which category of that table counts it."
        ) % {"indicator": e["indicator"].lower(), "table": e["table"]}
    if code == "cbs-data":
        return _(
            "The policy gives no figures for %(indicator)s. CBS open data (table %(table)s) can "
            "check it: add those figures to the report."
        ) % {"indicator": e["indicator"].lower(), "table": e["table"]}
    return _("The policy holds no data to check this number against.")


def _claim_row(c: dict[str, Any], f: _Formatter) -> dict[str, Any]:
    unit = c["unit"]
    stated = ""
    if c["stated"] is not None:
        stated = f.value(c["stated"], unit)
        if c["qualifier"]:
            stated = f"{c['qualifier']} {stated}"
    computed = f.value(c["computed"], unit) if c["computed"] is not None else ""
    return {
        "id": c["id"],
        "statement": c["statement"],
        "stated": stated,
        "computed": computed,
        "verdict": c["verdict"],
        "label": f.status(c["verdict"]),
        "reason": _claim_reason(c, f),
    }


def _milestone_rows(t: dict[str, Any], f: _Formatter) -> list[dict[str, Any]]:
    """The milestones of target *t* as text: year, value, and how the latest measurement
    (and the measurement of the milestone's own year, where there is one) stands against it.
    """
    _ = f._
    latest, period, better = t["latest"], t["latest_period"], t.get("better")
    rows = []
    for m in t.get("milestones") or ():
        said = []
        own = m["measured"] is not None and m["status"] in ("on-track", "off-track")
        if own:
            text = (
                _("measured in %(year)s: %(value)s, reached")
                if m["status"] == "on-track"
                else _("measured in %(year)s: %(value)s, not reached")
            )
            said.append(text % {"year": m["year"], "value": f.value(m["measured"], t["unit"])})
        if latest is None:
            said.append(_("no measurement yet"))
        elif not (own and period == str(m["year"])):
            shown = {"period": period or "", "latest": f.value(latest, t["unit"])}
            gap = m["value"] - latest if better == "higher" else latest - m["value"]
            if better is None:
                said.append(_("latest (%(period)s): %(latest)s") % shown)
            elif gap <= 1e-9 * max(1.0, abs(m["value"])):
                said.append(_("latest (%(period)s): %(latest)s, reaches it") % shown)
            else:
                gap_text = f.value(gap, t["unit"])
                said.append(
                    _("latest (%(period)s): %(latest)s, %(gap)s short of it")
                    % {**shown, "gap": gap_text}
                )
        rows.append(
            {
                "year": m["year"],
                "value": f.value(m["value"], t["unit"]),
                "status": m["status"],
                "text": "; ".join(said),
            }
        )
    return rows


def _trend_text(t: dict[str, Any], f: _Formatter) -> tuple[str, str]:
    """The trend since the measurement before: text and a class (better, worse, same)."""
    _ = f._
    tr = t["trend"]
    if t["latest"] is None:
        return "–", "same"
    if not tr:
        return _("no earlier measurement"), "same"
    change = tr["change"]
    unit = t["unit"]
    amount = f.signed(change * (100.0 if unit == "fraction" else 1.0), 1)
    if unit in ("percent", "fraction"):
        amount += " " + _("points")
    good = {"higher": change > 0, "lower": change < 0}.get(t["direction"] or "")
    if change == 0:
        word, cls = _("unchanged"), "same"
    elif good:
        word, cls = _("better"), "better"
    else:
        word, cls = _("worse"), "worse"
    return (
        _("%(change)s since %(period)s (%(word)s)")
        % {"change": amount, "period": tr["period"], "word": word},
        cls,
    )


def _context(data: dict[str, Any], f: _Formatter) -> dict[str, Any]:
    from markupsafe import Markup

    _ = f._
    p = data["policy"]
    span = f"{p['period'][0]}-{p['period'][1]}"
    title = _("Progress report %(title)s") % {"title": p["title"]}
    if span not in p["title"]:
        title += f" ({span})"
    by_target = {t["target"]: t for t in data["targets"]}

    targets = []
    for t in data["targets"]:
        trend, trend_class = _trend_text(t, f)
        latest = f.value(t["latest"], t["unit"])
        base = f.value(t["baseline"], t["unit"])
        targets.append(
            {
                "id": t["target"],
                "name": t["name"],
                "depth": t["depth"],
                "about": " · ".join(x for x in (t["scope_name"], t["priority_name"]) if x),
                "status": t["status"],
                "label": f.status(t["status"]),
                "latest": latest,
                "latest_period": t["latest_period"] or "",
                "baseline": base,
                "baseline_period": t["baseline_period"] or "",
                "threshold": f.threshold(t),
                "milestones": _milestone_rows(t, f),
                "horizon": t["horizon"],
                "trend": trend,
                "trend_class": trend_class,
                "chart": (
                    Markup(_target_chart(t, data, f))
                    if any(s["points"] for s in t["series"])
                    else None
                ),
            }
        )
    counts = Counter(t["status"] for t in data["targets"])
    target_counts = [
        {"status": s, "label": f.status(s), "n": counts[s]} for s in _TARGET_ORDER if counts[s]
    ]
    claims = [_claim_row(c, f) for c in data["claims"]]
    grouped = {v: [c for c in claims if c["verdict"] == v] for v in _VERDICT_ORDER}
    claim_counts = [
        {"status": v, "label": f.status(v), "n": len(grouped[v])} for v in _VERDICT_ORDER
    ]

    tiers = []
    for tier in data["priorities"]:
        if not tier["items"]:
            continue
        lead = tier["lead_label"] or _("lead")
        items = []
        for item in tier["items"]:
            if item["leads"]:
                leads = ", ".join(item["leads"])
            elif item["no_lead"]:
                leads = _("no lead")
            else:
                leads = _("not stated")
            kinds = Counter(a["kind"] for a in item["commitments"])
            states = Counter(a["status"] for a in item["commitments"] if a["status"])
            state = ", ".join(f"{n} {f.action_status(s)}" for s, n in states.items())
            facts = item.get("facts", {})
            others = set(_others(item))
            source = item.get("source") or {}
            section = source.get("section") or ""
            items.append(
                {
                    "name": (f"{item['number']}. " if item["number"] is not None else "")
                    + item["name"],
                    "mark": _marks([{"name": "", **source}], f)[0] if source else None,
                    "source": section,
                    "municipalities": ", ".join(item["municipalities"]),
                    "leads": leads,
                    "coordinators": ", ".join(_others(item)) or "–",
                    "municipality_facts": _marks(facts.get("municipalities", []), f),
                    "lead_facts": _marks(facts.get("leads", []), f),
                    "coordinator_facts": _marks(
                        [c for c in facts.get("coordinators", []) if c["name"] in others], f
                    ),
                    "committed": f.commitments(kinds) or "–",
                    "commitments": [
                        {
                            "kind": f.action_kind(a["kind"]),
                            "text": a["text"],
                            "status": f.action_status(a["status"]) if a["status"] else "",
                            "mark": _marks([{"name": "", **a["source"]}], f)[0]
                            if a.get("source")
                            else None,
                            "section": (a.get("source") or {}).get("section") or "",
                            "actors": _marks(a.get("actors", []), f),
                            "partners": _marks(a.get("partners", []), f),
                            "bodies": _marks(a.get("bodies", []), f),
                        }
                        for a in item["commitments"]
                    ],
                    "state": state,
                    "target_counts": [
                        {"status": st, "label": f.status(st), "n": n}
                        for st in _TARGET_ORDER
                        if (
                            n := sum(
                                1
                                for i in item["targets"]
                                if i in by_target and by_target[i]["status"] == st
                            )
                        )
                    ],
                }
            )
        tiers.append(
            {
                "heading": tier["heading"],
                "marked": any(_marked(i) for i in items),
                "name": tier["name"][:1].upper() + tier["name"][1:],
                "lead": lead[:1].upper() + lead[1:],
                "show_lead": any(i["leads"] or i["no_lead"] for i in tier["items"]),
                "show_coordinators": any(_others(i) for i in tier["items"]),
                "priorities": items,
            }
        )

    statistics = []
    for s in data["statistics"]:
        caption = (
            _("Table %(number)s: %(caption)s") % {"number": s["number"], "caption": s["caption"]}
            if s["number"]
            else s["caption"]
        )
        unit = s["unit"]
        rows = []
        for r in s["rows"]:
            pct = r["change_pct"]
            rows.append(
                {
                    "name": r["region"] if r["aggregate"] else r["name"],
                    "title": r["name"],
                    "aggregate": r["aggregate"],
                    "cells": [f.value(v, unit) for v in r["values"]],
                    "change": "–" if pct is None else f.signed(pct, 1) + "%",
                }
            )
        statistics.append(
            {
                "caption": caption,
                "chart": Markup(_rows_chart(caption, s["periods"], s["rows"], unit, f)),
                "periods": s["periods"],
                "change_head": _("Change %(first)s–%(last)s")
                % {"first": s["periods"][0], "last": s["periods"][-1]},
                "rows": rows,
                "source": s["publisher"] or "",
            }
        )

    indicator_names = data.get("indicators", {})
    measurements = []
    for m in data["measurements"]:
        info = indicator_names.get(m["indicator"], {})
        name = info.get("name") or m["indicator"]
        unit = info.get("unit") or ""
        from ivb.indicators._svg import MAX_POINTS, sample_indices

        shown = sample_indices(len(m["periods"]), MAX_TABLE_PERIODS)
        n = len(m["periods"])
        note = ""
        if n > min(MAX_POINTS, MAX_TABLE_PERIODS):
            note = _(
                "%(n)s periods: the chart shows %(chart)s and the table %(table)s of them, evenly "
                "spread (first and last included); the JSON output of the report has every value."
            ) % {"n": f.num(n), "chart": f.num(min(n, MAX_POINTS)), "table": f.num(len(shown))}
        measurements.append(
            {
                "name": name,
                "chart": Markup(_rows_chart(name, m["periods"], m["rows"], unit, f)),
                "periods": [m["periods"][i] for i in shown],
                "rows": [
                    {"name": r["name"], "cells": [f.value(r["values"][i], unit) for i in shown]}
                    for r in m["rows"]
                ],
                "note": note,
                "sources": "; ".join(m["sources"]),
            }
        )

    return {
        "lang": f.lang,
        "title": title,
        "municipalities": ", ".join(p["municipalities"]),
        "generated": f.date(data["generated"]),
        "as_of": f.date(data["as_of"]) if data.get("as_of") else "",
        "policy_id": p["id"],
        "targets": targets,
        "target_counts": target_counts,
        "claim_counts": claim_counts,
        "contradicted": grouped["inconsistent"],
        "claims": grouped,
        "tiers": tiers,
        "marked": any(t["marked"] for t in tiers),
        "charts": [t for t in targets if t["chart"] is not None],
        "statistics": statistics,
        "measurements": measurements,
    }


def _marks(facts: list[dict[str, Any]], f: _Formatter) -> list[dict[str, Any]]:
    """*facts* as groups to print: names that rest on the same basis and reasoning together.

    Each group has ``names`` (joined), and for a derived or ambiguous fact its ``basis``,
    ``label`` (the word shown) and ``why`` (the reasoning, or the readings, with the
    section); a stated group has no label.
    """
    _ = f._
    groups: list[dict[str, Any]] = []
    for fact in facts:
        basis = fact.get("basis") or "stated"
        why = ""
        if basis == "derived":
            why = fact.get("reason") or _(
                "ivb reads this from the source; it is not said in so many words."
            )
        elif basis == "ambiguous":
            readings = "; ".join(fact.get("readings") or ())
            why = _("The source can be read more than one way: %(readings)s.") % {
                "readings": readings
            }
            if fact.get("reason"):
                why = f"{fact['reason']} {why}"
        if why and fact.get("section"):
            why += " " + _("(Source: %(section)s.)") % {"section": fact["section"]}
        key = (basis, why)
        if groups and (groups[-1]["basis"], groups[-1]["why"]) == key and fact["name"]:
            groups[-1]["names"] += ", " + fact["name"]
            continue
        groups.append(
            {
                "names": fact["name"],
                "basis": basis,
                "label": {"derived": _("derived"), "ambiguous": _("ambiguous")}.get(basis, ""),
                "why": why,
            }
        )
    return groups


def _marked(item: dict[str, Any]) -> bool:
    """Whether a priority of the report has a derived or ambiguous fact."""
    groups = [
        *item["municipality_facts"],
        *item["lead_facts"],
        *item["coordinator_facts"],
    ]
    if item["mark"] is not None:
        groups.append(item["mark"])
    for a in item["commitments"]:
        groups += [*a["actors"], *a["partners"], *a["bodies"]]
        if a["mark"] is not None:
            groups.append(a["mark"])
    return any(g["label"] for g in groups)


def _others(item: dict[str, Any]) -> list[str]:
    """The coordinators of a priority that are not already its municipalities or leads."""
    named = {*item["municipalities"], *item["leads"]}
    return [c for c in item["coordinators"] if c not in named]


def _environment(template: str | os.PathLike[str] | None) -> tuple[Any, str]:
    import jinja2

    bundled = jinja2.PackageLoader("ivb", "templates")
    loaders: list[jinja2.BaseLoader] = []
    name = "report.html.j2"
    if template is not None:
        path = Path(template)
        if not path.is_file():
            raise ReportError(
                at(
                    "template",
                    Message("expected a Jinja2 template file, got {path!r}", path=str(path)),
                )
            )
        loaders.append(jinja2.FileSystemLoader(str(path.parent)))
        name = path.name
    loaders.append(jinja2.PrefixLoader({"ivb": bundled}))
    loaders.append(bundled)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env, name


def render_report(
    data: dict[str, Any],
    *,
    lang: str | None = None,
    template: str | os.PathLike[str] | None = None,
    stylesheet: str | os.PathLike[str] | None = None,
) -> str:
    """Render :func:`report_data` as a self-contained HTML page.

    Parameters
    ----------
    data:
        What :func:`report_data` returns.
    lang:
        The language of the page: ``nl`` (default) or ``en`` (or ``IVB_LANG``).
    template:
        An own Jinja2 template (house style) instead of the bundled
        ``report.html.j2``. It may extend the bundled one as ``ivb/report.html.j2`` and
        override its blocks (``style``, ``header``, ``summary``, ``priorities``,
        ``statistics``, ``claims``, ``footer``).
    stylesheet:
        An own CSS file, put into the page after the bundled style (so its rules win).
        Keep it self-contained: no ``url()`` to elsewhere.

    Returns
    -------
    str
        The HTML document: inline CSS and SVG, no scripts, no external resources.

    Raises
    ------
    ivb.IvbError
        If *lang* is not supported (an ``UnknownLanguageError``, also a ``ValueError``).
    ReportError
        If the template or the stylesheet cannot be read, or the template fails.

    Examples
    --------
    >>> import ivb
    >>> page = render_report(report_data(ivb.load(), generated="2025-01-31"))
    >>> page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    True
    >>> "Samenvatting" in page and "31 januari 2025" in page
    True
    """
    from importlib import resources

    from markupsafe import Markup

    from ivb._i18n import resolve_language

    language = resolve_language(lang, use_locale=False)
    f = _Formatter(language)
    env, name = _environment(template)
    env.install_gettext_translations(f.tr, newstyle=True)
    css = resources.files("ivb").joinpath("templates", "report.css").read_text(encoding="utf-8")
    own = ""
    if stylesheet is not None:
        try:
            own = Path(stylesheet).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ReportError(
                at(
                    "stylesheet",
                    Message(
                        "cannot read {stylesheet!r} ({exc})",
                        stylesheet=str(stylesheet),
                        exc=message_of(exc),
                    ),
                )
            ) from None
    ctx = _context(data, f)
    ctx["css"] = Markup(css.replace("</", "<\\/"))
    ctx["own_css"] = Markup(own.replace("</", "<\\/"))
    import jinja2

    try:
        page: str = env.get_template(name).render(**ctx)
        return page
    except jinja2.TemplateError as exc:
        where = (
            Message(" (line {line})", line=exc.lineno)
            if isinstance(exc, jinja2.TemplateSyntaxError)
            else ""
        )
        raise ReportError(
            Message("template {name}{where}: {exc}", name=name, where=where, exc=message_of(exc))
        ) from None


def report_html(
    policy: Policy,
    measurements: Measurements | None = None,
    *,
    as_of: date | str | None = None,
    generated: date | str | None = None,
    history: History = None,
    lang: str | None = None,
    template: str | os.PathLike[str] | None = None,
    stylesheet: str | os.PathLike[str] | None = None,
) -> str:
    """The progress report of a policy as one self-contained HTML page.

    Parameters
    ----------
    policy:
        The policy.
    measurements:
        Tidy measurements (frame or CSV path), as in :func:`report_data`.
    as_of:
        Date after which horizons count as passed.
    generated:
        The date printed on the report (default: today).
    history:
        Measurements of earlier reports, as in :func:`report_data`.
    lang, template, stylesheet:
        As in :func:`render_report`.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    MeasurementsError
        If the measurements are not tidy.

    Examples
    --------
    >>> import ivb
    >>> report_html(ivb.load(), generated="2025-01-31").count("<svg")  # tables 1 and 2
    2
    """
    data = report_data(policy, measurements, as_of=as_of, generated=generated, history=history)
    return render_report(data, lang=lang, template=template, stylesheet=stylesheet)


def write_report(
    policy: Policy,
    path: str | os.PathLike[str],
    measurements: Measurements | None = None,
    *,
    as_of: date | str | None = None,
    generated: date | str | None = None,
    history: History = None,
    lang: str | None = None,
    template: str | os.PathLike[str] | None = None,
    stylesheet: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the progress report to an HTML file.

    Parameters
    ----------
    policy:
        The policy.
    path:
        Where to write (``voortgang.html``).
    measurements, as_of, generated, history, lang, template, stylesheet:
        As in :func:`report_html`.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    MeasurementsError
        If the measurements are not tidy.

    Examples
    --------
    >>> import ivb, tempfile, pathlib
    >>> out = write_report(ivb.load(), pathlib.Path(tempfile.mkdtemp()) / "voortgang.html")
    >>> out.suffix
    '.html'
    """
    out = Path(path)
    out.write_text(
        report_html(
            policy,
            measurements,
            as_of=as_of,
            generated=generated,
            history=history,
            lang=lang,
            template=template,
            stylesheet=stylesheet,
        ),
        encoding="utf-8",
    )
    return out


#: Names of the Chromium executable, in the order they are looked for.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: How ivb runs Chromium: headless, without the sandbox (it may run as root in a
#: container), GPU, first-run screens or network traffic of its own, and without
#: ``/dev/shm`` (small in containers). Each run adds a fresh ``--user-data-dir``.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) on ``PATH``, or None.

    Examples
    --------
    >>> path = find_chromium()
    >>> path is None or "chrom" in path
    True
    """
    import shutil

    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def write_pdf(
    html: str, path: str | os.PathLike[str], *, chromium: str | None = None, timeout: int = 180
) -> Path:
    """Print a report page to an A4 PDF through headless Chromium.

    The page is written to a temporary directory, printed by Chromium with a
    fresh profile and no network services, and the directory removed.

    Parameters
    ----------
    html:
        The page (what :func:`render_report` returns).
    path:
        The PDF to write.
    chromium:
        The browser to use (default: :func:`find_chromium`).
    timeout:
        Seconds Chromium may take.

    Returns
    -------
    pathlib.Path
        The PDF written.

    Raises
    ------
    ReportError
        If there is no Chromium, or it fails or writes no PDF.

    Examples
    --------
    >>> import ivb, tempfile, pathlib
    >>> page = report_html(ivb.load(), generated="2025-01-31")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "voortgang.pdf"
    >>> find_chromium() is None or write_pdf(page, out).read_bytes()[:5] == b"%PDF-"
    True
    """
    import subprocess
    import tempfile

    browser = chromium or find_chromium()
    if browser is None:
        raise ReportError(
            at(
                "pdf",
                Message(
                    "printing to PDF needs headless Chromium, and none was found on PATH (looked "
                    "for {items}); install it (e.g. apt-get install chromium) or open the HTML "
                    "report in a browser and print it there",
                    items=", ".join(CHROMIUM_NAMES),
                ),
            )
        )
    out = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="ivb-report-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        pdf = Path(tmp) / "report.pdf"
        args = [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(
                args, capture_output=True, text=True, timeout=timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError(
                at(
                    "pdf",
                    Message(
                        "{browser} could not print the report ({exc})",
                        browser=browser,
                        exc=message_of(exc),
                    ),
                )
            ) from None
        if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            said = (result.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise ReportError(
                at(
                    "pdf",
                    Message(
                        "{browser} exited with status {returncode} and wrote no PDF ({said})",
                        browser=browser,
                        returncode=result.returncode,
                        said=said[0],
                    ),
                )
            )
        try:
            out.write_bytes(pdf.read_bytes())
        except OSError as exc:
            raise ReportError(
                at(
                    "pdf",
                    Message(
                        "cannot write {path!r} ({strerror})", path=str(path), strerror=exc.strerror
                    ),
                )
            ) from None
    return out
