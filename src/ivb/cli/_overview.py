"""The ``ivb overview`` report: the policy at a glance.

Headings and labels of the priorities come from the policy's ``tiers``.
"""

from __future__ import annotations

from typing import Any

from ivb.model import Policy, Speerpunt, Theme

__all__ = ["overview_data", "render_overview"]


def _names(policy: Policy, ids: tuple[str, ...]) -> list[str]:
    out = []
    for i in ids:
        entity = policy.get(i)
        out.append(str(getattr(entity, "name", i)))
    return out


def _priority(policy: Policy, p: Theme | Speerpunt) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "tier": p.tier,
        "parent": p.parent,
        "leads": list(p.leads),
        "lead_names": _names(policy, p.leads),
        "no_lead": p.no_lead,
        "municipalities": list(p.municipalities),
    }


def overview_data(policy: Policy) -> dict[str, Any]:
    """The overview as plain data (what ``ivb overview --json`` prints).

    Examples
    --------
    >>> import ivb
    >>> data = overview_data(ivb.load())
    >>> for theme in data["themes"]:
    ...     print(theme["name"], "-", ", ".join(theme["lead_names"]))
    Cybercrime en digitale veiligheid - Noordoostpolder
    Ondermijning - Dronten
    Maatschappelijke onrust - Urk
    >>> data["tiers"][0]["lead_label"]
    'thematrekker'
    """
    return {
        "policy": {
            "id": policy.id,
            "title": policy.title,
            "motto": policy.motto,
            "period": list(policy.period),
        },
        "tiers": [
            {
                "id": t.id,
                "name": t.name,
                "heading": t.heading,
                "lead_label": t.lead_label,
                "parent": t.parent,
            }
            for t in policy.tiers
        ],
        "municipalities": [
            {
                "id": m.id,
                "name": m.name,
                "cbs_code": m.cbs_code,
                "speerpunten": [
                    {**_priority(policy, s), "number": s.number}
                    for s in policy.speerpunten_of(m.id)
                ],
            }
            for m in policy.municipalities
        ],
        "themes": [_priority(policy, t) for t in policy.themes],
        "bodies": [
            {
                "id": b.id,
                "name": b.name,
                "tier": b.tier.value,
                "meets": b.meets.value,
                "meetings_per_year": b.meetings_per_year,
                "frequency": b.frequency,
                "planned": b.planned,
            }
            for b in policy.bodies
        ],
    }


def _frequency(body: dict[str, Any]) -> str:
    if body["meetings_per_year"]:
        return f"{body['meetings_per_year']}x per jaar"
    if body["planned"]:
        return "in oprichting"
    if body["frequency"]:
        return str(body["frequency"])
    return "ad hoc" if body["meets"] == "ad-hoc" else "frequentie niet genoemd"


def _leads(item: dict[str, Any]) -> str:
    if item["lead_names"]:
        return f" ({', '.join(item['lead_names'])})"
    return " (geen)" if item["no_lead"] else ""


def _heading(tier: dict[str, Any] | None) -> str:
    if tier is None:
        return ""
    label = f" ({tier['lead_label']})" if tier["lead_label"] else ""
    return f"{tier['heading']}{label}"


def _children(
    lines: list[str],
    parent: str,
    items: list[dict[str, Any]],
    tiers: dict[str, dict[str, Any]],
    indent: str,
) -> None:
    for item in items:
        if item["parent"] != parent:
            continue
        tier = tiers.get(item["tier"])
        what = f"{tier['name']}: " if tier else ""
        lines.append(f"{indent}{what}{item['name']}{_leads(item)}")
        _children(lines, item["id"], items, tiers, indent + "  ")


def render_overview(data: dict[str, Any]) -> str:
    """The overview as text for a terminal; headings are the policy's tier labels."""
    p = data["policy"]
    lines = [f"{p['title']} ({p['period'][0]}-{p['period'][1]})"]
    if p.get("motto"):
        lines.append(p["motto"])
    lines.append("")
    lines.append("Gemeenten")
    for m in data["municipalities"]:
        lines.append(f"  {m['name']} ({m['cbs_code']})")
    tiers = {t["id"]: t for t in data["tiers"]}
    speerpunten = {s["id"]: s for m in data["municipalities"] for s in m["speerpunten"]}
    everything = [*data["themes"], *speerpunten.values()]
    for tier in data["tiers"]:
        themes = [t for t in data["themes"] if t["tier"] == tier["id"] and t["parent"] is None]
        if themes:
            lines += ["", _heading(tier)]
            for t in themes:
                lines.append(f"  {t['name']}{_leads(t)}")
                _children(lines, t["id"], everything, tiers, "    ")
        if not any(s["tier"] == tier["id"] and s["parent"] is None for s in speerpunten.values()):
            continue
        lines += ["", _heading(tier)]
        for m in data["municipalities"]:
            own = [s for s in m["speerpunten"] if s["tier"] == tier["id"] and s["parent"] is None]
            if not own:
                continue
            lines.append(f"  {m['name']}")
            for s in own:
                num = f"{s['number']}. " if s["number"] is not None else "- "
                lines.append(f"    {num}{s['name']}{_leads(s)}")
                _children(lines, s["id"], everything, tiers, "      ")
    if not data["bodies"]:
        return "\n".join(lines) + "\n"
    lines += ["", "Overlegstructuren (hoe vaak)"]
    width = max((len(b["name"]) for b in data["bodies"]), default=0)
    for b in data["bodies"]:
        lines.append(f"  {b['name']:<{width}}  {b['tier']:<11}  {_frequency(b)}")
    return "\n".join(lines) + "\n"
