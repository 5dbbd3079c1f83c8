"""The ``ivb overview`` report: the policy at a glance."""

from __future__ import annotations

from typing import Any

from ivb.model import Policy

__all__ = ["overview_data", "render_overview"]


def overview_data(policy: Policy) -> dict[str, Any]:
    """The overview as plain data (what ``ivb overview --json`` prints).

    Examples
    --------
    >>> import ivb
    >>> data = overview_data(ivb.load())
    >>> for theme in data["themes"]:
    ...     print(theme["name"], "-", theme["thematrekker"])
    Cybercrime en digitale veiligheid - Noordoostpolder
    Ondermijning - Dronten
    Maatschappelijke onrust - Urk
    """
    names = {m.id: m.name for m in policy.municipalities}
    return {
        "policy": {"id": policy.id, "title": policy.title, "period": list(policy.period)},
        "municipalities": [
            {
                "id": m.id,
                "name": m.name,
                "cbs_code": m.cbs_code,
                "speerpunten": [
                    {"id": s.id, "number": s.number, "name": s.name}
                    for s in policy.speerpunten_of(m.id)
                ],
            }
            for m in policy.municipalities
        ],
        "themes": [
            {"id": t.id, "name": t.name, "thematrekker": names[t.owner], "owner": t.owner}
            for t in policy.themes
        ],
        "bodies": [
            {
                "id": b.id,
                "name": b.name,
                "tier": b.tier.value,
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
    return body["frequency"] or "frequentie niet genoemd"


def render_overview(data: dict[str, Any]) -> str:
    """The overview as text for a terminal."""
    p = data["policy"]
    lines = [f"{p['title']} ({p['period'][0]}-{p['period'][1]})", ""]
    lines.append("Gemeenten")
    for m in data["municipalities"]:
        lines.append(f"  {m['name']} ({m['cbs_code']})")
    lines += ["", "Gezamenlijke thema's (thematrekker)"]
    for t in data["themes"]:
        lines.append(f"  {t['name']} ({t['thematrekker']})")
    lines += ["", "Lokale speerpunten"]
    for m in data["municipalities"]:
        lines.append(f"  {m['name']}")
        for s in m["speerpunten"]:
            num = f"{s['number']}. " if s["number"] is not None else "- "
            lines.append(f"    {num}{s['name']}")
    lines += ["", "Overlegstructuren (hoe vaak)"]
    width = max((len(b["name"]) for b in data["bodies"]), default=0)
    for b in data["bodies"]:
        lines.append(f"  {b['name']:<{width}}  {b['tier']:<11}  {_frequency(b)}")
    return "\n".join(lines) + "\n"
