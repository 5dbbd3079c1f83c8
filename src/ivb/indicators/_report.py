"""The voortgangsrapportage (progress report) for the council: one self-contained HTML file.

No script, no stylesheet or font from elsewhere: the charts are inline SVG and the
style is in the page, so the file opens offline and can be mailed or archived.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ivb.indicators._claims import Verdict, verify_claims
from ivb.indicators._frames import table_frame
from ivb.indicators._measurements import Measurements, as_frame
from ivb.indicators._periods import period_bounds
from ivb.indicators._svg import MAX_POINTS, line_chart, sample_indices
from ivb.indicators._targets import TargetResult, TargetStatus, evaluate_targets

if TYPE_CHECKING:
    import pandas as pd

    from ivb.model import Policy, Speerpunt, Theme

__all__ = ["render_report", "report_data", "report_html", "write_report"]

#: Most period columns a measurements table of the report shows.
MAX_TABLE_PERIODS = 24


def _num(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if math.isinf(x):
        return "∞"
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    return f"{x:,.2f}".rstrip("0").rstrip(".").replace(",", "_").replace(".", ",").replace("_", ".")


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


def _statistics(policy: Policy, frame: pd.DataFrame) -> list[dict[str, Any]]:
    names = {m.cbs_code: m.name for m in policy.municipalities}
    names.update({g.code: g.name for g in policy.regions})
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
    names = {m.cbs_code: m.name for m in policy.municipalities}
    names.update({g.code: g.name for g in policy.regions})
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


def report_data(
    policy: Policy,
    measurements: Measurements | None = None,
    *,
    as_of: date | str | None = None,
    generated: date | str | None = None,
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

    Returns
    -------
    dict
        Keys ``policy``, ``generated``, ``as_of``, ``summary``, ``targets``, ``statistics``,
        ``measurements``, ``claims`` and ``priorities`` (per tier of the policy, with its
        heading and lead label); valid JSON.

    Raises
    ------
    MeasurementsError
        If the measurements are not tidy.

    Examples
    --------
    >>> import ivb
    >>> data = report_data(ivb.load(), generated="2025-01-31")
    >>> data["generated"]
    '2025-01-31'
    >>> sorted(data)  # doctest: +NORMALIZE_WHITESPACE
    ['as_of', 'claims', 'generated', 'measurements', 'policy', 'priorities', 'statistics',
     'summary', 'targets']
    """
    frame = as_frame(measurements)
    results = evaluate_targets(policy, frame, as_of=as_of)
    checks = verify_claims(policy, frame)
    stats = table_frame(policy)
    targets_by_id = {t.id: t for t in _all_targets(policy)}

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
        out = [d]
        for s in r.subresults:
            out.extend(target_dict(s, depth + 1))
        return out

    targets = [d for r in results for d in target_dict(r, 0)]
    indicators = list(dict.fromkeys(d["indicator"] for d in targets))
    claims = [c.to_dict() for c in checks]
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
        "measurements": _measurement_series(policy, frame, indicators),
        "claims": claims,
        "priorities": _priorities(policy),
    }
    return _clean(data)  # type: ignore[no-any-return]


def _priorities(policy: Policy) -> list[dict[str, Any]]:
    """The priorities of the policy per tier, with the tier's own labels and their leads."""
    out = []
    for tier in policy.tiers:
        items = []
        priorities: list[Theme | Speerpunt] = [*policy.themes, *policy.speerpunten]
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


_CSS = """
:root { --ok:#1a7f37; --bad:#c62828; --track:#0b5cad; --none:#6b6b6b; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color:#1b1b1b; margin:0; line-height:1.45; background:#fafafa; }
header { background:#12355b; color:#fff; padding:1.5rem 2rem; }
header h1 { margin:0 0 .3rem 0; font-size:1.6rem; }
header p { margin:0; opacity:.9; }
nav { background:#e8eef5; padding:.5rem 2rem; font-size:.95rem; }
nav a { margin-right:1.2rem; color:#12355b; }
main { padding:1rem 2rem 3rem; max-width:1200px; }
section { margin-top:2rem; }
h2 { border-bottom:2px solid #12355b; padding-bottom:.2rem; }
table { border-collapse:collapse; width:100%; background:#fff; margin:.5rem 0 1rem; }
th, td { border:1px solid #d7d7d7; padding:.35rem .5rem; text-align:left; vertical-align:top;
         font-size:.92rem; }
th { background:#f0f3f7; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; white-space:nowrap; }
.badge { display:inline-block; padding:.1rem .5rem; border-radius:.8rem; color:#fff;
         font-size:.82rem; font-weight:600; white-space:nowrap; }
.achieved, .consistent { background:var(--ok); }
.not-achieved, .inconsistent { background:var(--bad); }
.off-track { background:#b25e00; }
.on-track { background:var(--track); }
.no-data, .not-checkable { background:var(--none); }
.cards { display:flex; flex-wrap:wrap; gap:1rem; }
.card { background:#fff; border:1px solid #d7d7d7; border-radius:.4rem; padding:.8rem 1rem;
        min-width:14rem; }
.card h3 { margin:0 0 .4rem 0; font-size:1rem; }
.sub td:first-child { padding-left:1.6rem; }
.muted { color:#555; font-size:.88rem; }
q, blockquote { font-style:italic; }
figure { margin:.5rem 0 1.2rem; }
figcaption { font-size:.9rem; color:#333; }
.chart { max-width:100%; height:auto; background:#fff; border:1px solid #e3e3e3; }
footer { margin-top:3rem; font-size:.85rem; color:#555; }
"""


def _badge(value: str, label: str) -> str:
    return f'<span class="badge {escape(value)}">{escape(label)}</span>'


def _render_targets(data: dict[str, Any]) -> str:
    if not data["targets"]:
        return "<p>The policy sets no targets.</p>"
    rows = []
    for t in data["targets"]:
        cls = ' class="sub"' if t["depth"] else ""
        base = _num(t["baseline"])
        if t["baseline_period"]:
            base += f" ({escape(str(t['baseline_period']))})"
        if t["baseline_from"] == "measurements":
            base += ' <span class="muted">from measurements</span>'
        latest = _num(t["latest"])
        if t["latest_period"]:
            latest += f" ({escape(str(t['latest_period']))})"
        about = [escape(t["scope_name"])] if t["scope_name"] else []
        if t["priority_name"]:
            about.append(escape(t["priority_name"]))
        if t["indicator"]:
            about.append(f"indicator <code>{escape(t['indicator'])}</code>")
        if t["comparison"]:
            about.append(escape(t["comparison"]))
        about.append(f"horizon {escape(t['horizon'])}")
        steps = "".join(
            f" · {m['year']}: {_num(m['value'])} ({escape(m['status'])})" for m in t["milestones"]
        )
        rows.append(
            f'<tr{cls}><td>{escape(t["name"])}<div class="muted">{" · ".join(about)}'
            f"{steps}</div></td>"
            f'<td class="num">{base}</td><td class="num">{latest}</td>'
            f"<td>{_badge(t['status'], t['status_label'])}</td>"
            f'<td class="muted">{escape(t["reason"])}</td></tr>'
        )
        for p in t["parts"]:
            rows.append(
                f'<tr class="sub"><td>{escape(p["indicator"])} · {escape(p["region"])}</td>'
                f'<td class="num">{_num(p["baseline"])}</td>'
                f'<td class="num">{_num(p["latest"])}</td>'
                f"<td>{_badge(p['status'], p['status_label'])}</td>"
                f'<td class="muted">{escape(p["reason"])}</td></tr>'
            )
    return (
        '<table><thead><tr><th>Target</th><th class="num">Baseline</th>'
        '<th class="num">Latest</th><th>Status</th><th>Why</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _render_table_stats(t: dict[str, Any]) -> str:
    series = [
        (r["region"] if r["aggregate"] else r["name"], r["values"], r["aggregate"])
        for r in t["rows"]
    ]
    title = f"Tabel {t['number']}: {t['caption']}" if t["number"] else t["caption"]
    chart = line_chart(title, t["periods"], series, from_zero=True)
    head = "".join(f'<th class="num">{escape(p)}</th>' for p in t["periods"])
    body = []
    for r in t["rows"]:
        cells = "".join(f'<td class="num">{_num(v)}</td>' for v in r["values"])
        pct = r["change_pct"]
        change = "–" if pct is None else f"{'+' if pct > 0 else ''}{_num(round(pct, 1))}%"
        name = f"<strong>{escape(r['name'])}</strong>" if r["aggregate"] else escape(r["name"])
        body.append(f'<tr><td>{name}</td>{cells}<td class="num">{change}</td></tr>')
    note = (
        (
            f'<p class="muted">Source: {escape(t["publisher"])}. Totals are computed from the '
            "municipalities (dashed line).</p>"
        )
        if t["publisher"]
        else ""
    )
    return (
        f"<figure>{chart}<figcaption>{escape(title)}</figcaption></figure>"
        f'<table><thead><tr><th>Region</th>{head}<th class="num">Change '
        f"{escape(t['periods'][0])}–{escape(t['periods'][-1])}</th></tr></thead><tbody>"
        + "".join(body)
        + f"</tbody></table>{note}"
    )


def _render_measurements(m: dict[str, Any]) -> str:
    series = [
        (r["region"] if r["aggregate"] else r["name"], r["values"], r["aggregate"])
        for r in m["rows"]
    ]
    title = f"Measurements: {m['indicator']}"
    chart = line_chart(title, m["periods"], series, from_zero=False)
    shown = sample_indices(len(m["periods"]), MAX_TABLE_PERIODS)
    head = "".join(f'<th class="num">{escape(m["periods"][i])}</th>' for i in shown)
    body = "".join(
        f"<tr><td>{escape(r['name'])}</td>"
        + "".join(f'<td class="num">{_num(r["values"][i])}</td>' for i in shown)
        + "</tr>"
        for r in m["rows"]
    )
    n = len(m["periods"])
    if n > min(MAX_POINTS, MAX_TABLE_PERIODS):
        body += (
            f'<tr><td colspan="{len(shown) + 1}" class="muted">{_num(n)} periods: the chart '
            f"shows {_num(min(n, MAX_POINTS))} and the table {_num(len(shown))} of them, evenly "
            "spread (first and last included); the JSON output of the report has every value."
            "</td></tr>"
        )
    src = f'<p class="muted">Source: {escape("; ".join(m["sources"]))}</p>' if m["sources"] else ""
    return (
        f"<h3>{escape(m['indicator'])}</h3><figure>{chart}<figcaption>{escape(title)}"
        f"</figcaption></figure><table><thead><tr><th>Region</th>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>{src}"
    )


def _render_claims(claims: list[dict[str, Any]]) -> str:
    rows = []
    for c in claims:
        stated = _num(c["stated"])
        if c["qualifier"]:
            stated = f"{escape(c['qualifier'])} {stated}"
        unit = {"percent-change": "%", "percent": "%"}.get(c["unit"], "")
        if c["stated"] is not None and unit:
            stated += unit
        computed = _num(c["computed"] if c["computed"] is None else round(c["computed"], 2))
        if c["computed"] is not None and unit:
            computed += unit
        verdict = Verdict(c["verdict"])
        against = escape(c["checked_against"]) if c["checked_against"] else ""
        rows.append(
            f'<tr><td><q lang="nl">{escape(c["statement"])}</q>'
            f'<div class="muted">{escape(c["id"])}</div></td>'
            f'<td class="num">{stated}</td><td class="num">{computed}</td>'
            f"<td>{_badge(verdict.value, verdict.label)}</td>"
            f'<td class="muted">{escape(c["detail"])}'
            f"{'<br>Checked against ' + against if against else ''}</td></tr>"
        )
    return (
        '<table><thead><tr><th>Statement</th><th class="num">Stated</th>'
        '<th class="num">Computed</th><th>Verdict</th><th>Why</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _render_owners(data: dict[str, Any]) -> str:
    parts = []
    for tier in data["priorities"]:
        if not tier["items"]:
            continue
        lead = tier["lead_label"] or "lead"
        rows = []
        for p in tier["items"]:
            if p["leads"]:
                leads = ", ".join(p["leads"])
            elif p["no_lead"]:
                leads = "no lead"
            else:
                leads = "not stated"
            number = f"{p['number']}. " if p["number"] is not None else ""
            rows.append(
                f"<tr><td>{escape(number)}{escape(p['name'])}</td>"
                f"<td>{escape(', '.join(p['municipalities']))}</td><td>{escape(leads)}</td>"
                f"<td>{escape(', '.join(p['coordinators']))}</td></tr>"
            )
        parts.append(
            f"<h3>{escape(tier['heading'])}</h3><table><thead><tr>"
            f"<th>{escape(tier['name'][:1].upper() + tier['name'][1:])}</th>"
            f"<th>Municipalities</th><th>{escape(lead[:1].upper() + lead[1:])}</th>"
            f"<th>Coordination</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    return "".join(parts) or "<p>The policy names no priorities.</p>"


def render_report(data: dict[str, Any]) -> str:
    """Render :func:`report_data` as a self-contained HTML page.

    Parameters
    ----------
    data:
        What :func:`report_data` returns.

    Returns
    -------
    str
        The HTML document: inline CSS and SVG, no scripts, no external resources.

    Examples
    --------
    >>> import ivb
    >>> page = render_report(report_data(ivb.load(), generated="2025-01-31"))
    >>> page.startswith("<!DOCTYPE html>") and "http://" not in page.replace(
    ...     'xmlns="http://www.w3.org/2000/svg"', "")
    True
    """
    p = data["policy"]
    span = f"{p['period'][0]}-{p['period'][1]}"
    title = f"Voortgangsrapportage {p['title']}"
    if span not in p["title"]:
        title += f" ({span})"
    tsum, csum = data["summary"]["targets"], data["summary"]["claims"]
    cards = (
        '<div class="cards"><div class="card"><h3>Targets</h3>'
        + "".join(
            f"<div>{_badge(s.value, s.label)} {tsum.get(s.value, 0)}</div>"
            for s in (
                TargetStatus.ACHIEVED,
                TargetStatus.ON_TRACK,
                TargetStatus.OFF_TRACK,
                TargetStatus.NOT_ACHIEVED,
                TargetStatus.NO_DATA,
            )
        )
        + '</div><div class="card"><h3>Statements checked</h3>'
        + "".join(
            f"<div>{_badge(v.value, v.label)} {csum.get(v.value, 0)}</div>"
            for v in (Verdict.CONSISTENT, Verdict.INCONSISTENT, Verdict.NOT_CHECKABLE)
        )
        + "</div></div>"
    )
    stats = "".join(_render_table_stats(t) for t in data["statistics"]) or (
        "<p>The policy prints no statistics tables.</p>"
    )
    meas = "".join(_render_measurements(m) for m in data["measurements"])
    if not meas:
        meas = (
            '<p class="muted">No measurements were given for the targets\' indicators. '
            "Run <code>ivb report --measurements FILE</code> with a tidy CSV "
            "(indicator, region, period, value) or <code>--police FILE</code>.</p>"
        )
    as_of = f" · horizons judged as of {escape(str(data['as_of']))}" if data.get("as_of") else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(', '.join(p['municipalities']))} · "
        f"generated {escape(data['generated'])}{as_of}</p></header>"
        '<nav><a href="#summary">Summary</a><a href="#targets">Targets</a>'
        '<a href="#statistics">Statistics</a><a href="#claims">Claim checks</a>'
        '<a href="#owners">Who owns what</a></nav><main>'
        f'<section id="summary"><h2>Summary</h2>{cards}</section>'
        f'<section id="targets"><h2>Targets</h2>{_render_targets(data)}'
        f"<h3>Measurements</h3>{meas}</section>"
        f'<section id="statistics"><h2>Statistics in the policy</h2>{stats}</section>'
        f'<section id="claims"><h2>Claim checks</h2><p class="muted">Every number in the policy '
        "text, recomputed from the policy's own data. <em>Not checkable</em> says what data "
        f"would be needed.</p>{_render_claims(data['claims'])}</section>"
        f'<section id="owners"><h2>Who owns what</h2>{_render_owners(data)}</section>'
        f"<footer>Made with ivb from policy <code>{escape(p['id'])}</code>.</footer>"
        "</main></body></html>\n"
    )


def report_html(
    policy: Policy,
    measurements: Measurements | None = None,
    *,
    as_of: date | str | None = None,
    generated: date | str | None = None,
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
    return render_report(report_data(policy, measurements, as_of=as_of, generated=generated))


def write_report(
    policy: Policy,
    path: str | os.PathLike[str],
    measurements: Measurements | None = None,
    *,
    as_of: date | str | None = None,
    generated: date | str | None = None,
) -> Path:
    """Write the progress report to an HTML file.

    Parameters
    ----------
    policy:
        The policy.
    path:
        Where to write (``voortgang.html``).
    measurements, as_of, generated:
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
        report_html(policy, measurements, as_of=as_of, generated=generated), encoding="utf-8"
    )
    return out
