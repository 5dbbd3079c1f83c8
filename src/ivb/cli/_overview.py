"""The ``ivb overview`` report and the owners of ``ivb who-owns``, read from the model.

Both answer from the policy's own fields, without building the governance
graph, so that they import neither networkx nor pandas; and with the policy
from the cache (see :mod:`ivb._cache`) they do not parse it either. This is
the one place where these two commands read model fields: what they say must
equal what the graph says (the tests compare them with the graph queries).
"""

from __future__ import annotations

from typing import Any

from ivb.model import Policy

__all__ = ["overview_data", "render_overview", "render_who_owns", "who_owns_rows"]

#: The kinds that have an owner, in the order ``who-owns`` lists them.
_OWNED = ("theme", "speerpunt")


def _owner_id(policy: Policy, obj: Any) -> str | None:
    """The municipality that owns a theme (its thematrekker) or a speerpunt."""
    ident = obj.owner if hasattr(obj, "owner") else obj.municipality
    if ident is None or ident not in policy or policy.kind_of(ident) != "municipality":
        return None
    return str(ident)


#: The fields that name an entity, in the order the graph's node names take them.
_LABEL_FIELDS = ("name", "title", "term", "label", "topic", "caption", "text", "description")


def _label(obj: object) -> str:
    """The name of an entity as the graph gives it (``ivb.governance.label_of``)."""
    for name in _LABEL_FIELDS:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value:
            return value
    return str(getattr(obj, "id", obj))


def _resolve_owned(policy: Policy, text: str) -> str:
    """The id of the theme or speerpunt that *text* names (its id, or its name in any case)."""
    if text == policy.id or (text in policy and policy.kind_of(text) not in _OWNED):
        from ivb.governance._errors import WrongKindError

        raise WrongKindError(text, "policy" if text == policy.id else policy.kind_of(text), _OWNED)
    if text in policy:
        return text
    wanted = text.casefold()
    pool: list[str] = []
    for entity in policy.entities():
        if policy.kind_of(entity.id) not in _OWNED:
            continue
        pool.append(entity.id)
        if _label(entity).casefold() == wanted:
            return entity.id
    from ivb._errors import close_matches
    from ivb.governance._errors import UnknownNodeError

    raise UnknownNodeError(text, close_matches(text, pool), what=" or ".join(_OWNED))


def who_owns_rows(policy: Policy, theme: str | None = None) -> list[dict[str, Any]]:
    """Owner and coordinators of every theme, then every speerpunt, or of one (by id or name).

    The same rows as ``who_owns_data(build_graph(policy), theme)`` (the fields of
    :class:`ivb.governance._core.Ownership`), without the graph or its package.

    Raises
    ------
    UnknownNodeError
        If *theme* names no node; with close matches among themes and speerpunten.
    WrongKindError
        If *theme* is the id of something else.

    Examples
    --------
    >>> import ivb
    >>> [(r["id"], r["owner"]) for r in who_owns_rows(ivb.load(), "Ondermijning")]
    [('ondermijning', 'dronten')]
    """
    only = _resolve_owned(policy, theme) if theme else None
    rows = []
    owned: tuple[tuple[str, tuple[Any, ...]], ...] = (
        ("theme", policy.themes),
        ("speerpunt", policy.speerpunten),
    )
    for kind, objs in owned:
        for obj in objs:
            if only is not None and obj.id != only:
                continue
            owner = _owner_id(policy, obj)
            coordinators = tuple(dict.fromkeys(c for c in obj.coordinators if c in policy))
            rows.append(
                {
                    "id": obj.id,
                    "kind": kind,
                    "name": _label(obj),
                    "owner": owner,
                    "owner_name": None if owner is None else _label(policy.get(owner)),
                    "coordinators": coordinators,
                    "coordinator_names": tuple(_label(policy.get(c)) for c in coordinators),
                }
            )
    return rows


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


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]


def render_who_owns(rows: list[dict[str, Any]]) -> str:
    """The owners as a table for a terminal."""
    if not rows:
        return "Geen thema's of speerpunten.\n"
    kinds = {"theme": "thema", "speerpunt": "speerpunt"}
    table = [["naam", "soort", "eigenaar", "coördinatie"]]
    for r in rows:
        table.append(
            [
                f"{r['name']} [{r['id']}]",
                kinds.get(r["kind"], r["kind"]),
                r["owner_name"] or "-",
                ", ".join(r["coordinator_names"]) or "-",
            ]
        )
    return "Eigenaar (thematrekker of gemeente) en coördinatie\n" + "\n".join(_table(table)) + "\n"
