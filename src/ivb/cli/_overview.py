"""The ``ivb overview`` report and the leads of ``ivb who-owns``, read from the model.

Both answer from the policy's own fields, without building the governance
graph, so that they import neither networkx nor pandas; and with the policy
from the cache (see :mod:`ivb._cache`) they do not parse it either. This is
the one place where these two commands read model fields: what they say must
equal what the graph says (the tests compare them with the graph queries).
Headings and labels of the priorities come from the policy's ``tiers``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ivb.cli._labels import kind_label, value_label
from ivb.cli._text import N_, _, fit, ngettext, table
from ivb.model import Policy, Speerpunt, Theme

__all__ = [
    "basis_mark",
    "fact_bases",
    "overview_data",
    "reason_text",
    "render_overview",
    "render_who_owns",
    "who_owns_notes",
    "who_owns_rows",
]

#: How the views mark a fact that the source does not simply state.
_BASIS_MARKS = {"derived": N_("derived"), "ambiguous": N_("ambiguous")}

#: The basis of one fact and why: ``(basis, reasoning or readings)``.
Basis = tuple[str, str | None]


def basis_mark(basis: object) -> str:
    """The mark of a derived or ambiguous fact, e.g. ``' (afgeleid)'``; ``''`` for a stated one."""
    word = _BASIS_MARKS.get(str(basis))
    return f" ({_(word)})" if word else ""


def reason_text(basis: object, note: str | None, readings: tuple[str, ...] | list[str]) -> str:
    """Why a fact is derived (its reasoning) or ambiguous (its readings), in words."""
    if str(basis) == "ambiguous" and readings:
        text = _("readings: {readings}").format(readings="; ".join(readings))
        return f"{note} ({text})" if note else text
    return note or ""


def fact_bases(policy: Policy) -> Callable[[Any, str, str], Basis]:
    """A function ``(holder, field, target) -> (basis, why)`` for the facts of *policy*.

    A fact (the *target* that *holder*'s *field* names) rests on its own citation
    where the policy gives one, else on the holder's source, as the graph's edges do.
    """
    cited = {(c.holder, c.field, c.target): c for c in policy.citations}

    def basis(holder: Any, field: str, target: str) -> Basis:
        citation = cited.get((holder.id, field, target))
        ref = citation.source if citation is not None else holder.source
        value = ref.basis.value
        why = reason_text(value, ref.note, ref.readings) if value != "stated" else None
        return value, why

    return basis


def _names(policy: Policy, ids: tuple[str, ...]) -> list[str]:
    out = []
    for i in ids:
        entity = policy.get(i)
        out.append(str(getattr(entity, "name", i)))
    return out


def _priority(
    policy: Policy, p: Theme | Speerpunt, bases: Callable[[Any, str, str], Basis]
) -> dict[str, Any]:
    notes = []
    for lead in p.leads:
        basis, why = bases(p, "leads", lead)
        if basis != "stated":
            notes.append({"id": lead, "basis": basis, "why": why})
    return {
        "id": p.id,
        "name": p.name,
        "tier": p.tier,
        "parent": p.parent,
        "leads": list(p.leads),
        "lead_names": _names(policy, p.leads),
        "no_lead": p.no_lead,
        "municipalities": list(p.municipalities),
        # the leads that the policy does not simply state, with why
        "lead_notes": notes,
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
    bases = fact_bases(policy)
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
                    {**_priority(policy, s, bases), "number": s.number}
                    for s in policy.speerpunten_of(m.id)
                ],
            }
            for m in policy.municipalities
        ],
        "themes": [_priority(policy, t, bases) for t in policy.themes],
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


def frequency_text(body: dict[str, Any]) -> str:
    """How often a body meets, in words (``4 times a year``, ``being set up``, ``ad hoc``)."""
    n = body["meetings_per_year"]
    if n:
        return ngettext("{n} time a year", "{n} times a year", n).format(n=n)
    if body["planned"]:
        return _("being set up")
    if body["frequency"]:
        return str(body["frequency"])
    return _("ad hoc") if body["meets"] == "ad-hoc" else _("frequency not stated")


def _leads(item: dict[str, Any]) -> str:
    if item["lead_names"]:
        marks = {n["id"]: basis_mark(n["basis"]) for n in item.get("lead_notes", ())}
        names = [
            name + marks.get(ident, "")
            for ident, name in zip(item["leads"], item["lead_names"], strict=True)
        ]
        return f" ({', '.join(names)})"
    return " ({none})".format(none=_("no lead")) if item["no_lead"] else ""


def _lead_notes(item: dict[str, Any], indent: str) -> list[str]:
    """Why the leads of *item* that the policy does not simply state are its leads."""
    notes = item.get("lead_notes", ())
    return [f"{indent}  {_(_BASIS_MARKS[n['basis']])}: {n['why']}" for n in notes]


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
        lines += _lead_notes(item, indent)
        _children(lines, item["id"], items, tiers, indent + "  ")


def render_overview(data: dict[str, Any], width: int | None = None) -> str:
    """The overview as text for a terminal; headings are the policy's tier labels.

    Lines longer than *width* are wrapped (``None`` keeps them whole).
    """
    p = data["policy"]
    lines = [f"{p['title']} ({p['period'][0]}-{p['period'][1]})"]
    if p.get("motto"):
        lines.append(p["motto"])
    lines.append("")
    lines.append(_("Municipalities"))
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
                lines += _lead_notes(t, "  ")
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
                lines += _lead_notes(s, "    ")
                _children(lines, s["id"], everything, tiers, "      ")
    if data["bodies"]:
        lines += ["", _("Consultation bodies (how often)")]
        lines += table(
            [[_("name"), _("tier"), _("how often")]]
            + [
                [b["name"], value_label("Tier", b["tier"]), frequency_text(b)]
                for b in data["bodies"]
            ],
            width,
        )
    return fit("\n".join(lines), width) + "\n"


#: The kinds that have leads, in the order ``who-owns`` lists them.
_OWNED = ("theme", "speerpunt")

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
        from ivb.governance import WrongKindError

        raise WrongKindError(text, "policy" if text == policy.id else policy.kind_of(text), _OWNED)
    from ivb import UnknownIdError

    try:
        return policy.find(text, kinds=_OWNED).id
    except UnknownIdError as exc:
        from ivb.governance import UnknownNodeError

        raise UnknownNodeError(text, exc.suggestions, what=" or ".join(_OWNED)) from None


def _present(policy: Policy, ids: tuple[str, ...], *kinds: str) -> tuple[str, ...]:
    """*ids* that name an entity (of one of *kinds*, if given), once each, in order."""
    return tuple(
        dict.fromkeys(i for i in ids if i in policy and (not kinds or policy.kind_of(i) in kinds))
    )


def who_owns_rows(policy: Policy, theme: str | None = None) -> list[dict[str, Any]]:
    """Tier, leads, municipalities, owner and coordinators of every theme, then every
    speerpunt, or of one (by id or name).

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
    >>> [(r["id"], r["leads"], r["owner"]) for r in who_owns_rows(ivb.load(), "Ondermijning")]
    [('ondermijning', ('dronten',), 'dronten')]
    """
    only = _resolve_owned(policy, theme) if theme else None
    rows = []
    owned: tuple[tuple[str, tuple[Theme, ...] | tuple[Speerpunt, ...]], ...] = (
        ("theme", policy.themes),
        ("speerpunt", policy.speerpunten),
    )
    for kind, objs in owned:
        for obj in objs:
            if only is not None and obj.id != only:
                continue
            tier = next((t for t in policy.tiers if t.id == obj.tier), None)
            leads = _present(policy, obj.leads)
            municipalities = _present(policy, obj.municipalities, "municipality")
            owner: str | None = None
            if len(leads) == 1:
                owner = leads[0]
            elif not leads and not obj.no_lead and kind != "theme" and len(municipalities) == 1:
                owner = municipalities[0]
            coordinators = _present(policy, obj.coordinators)
            rows.append(
                {
                    "id": obj.id,
                    "kind": kind,
                    "name": _label(obj),
                    "tier": obj.tier,
                    "tier_name": None if tier is None else tier.name,
                    "lead_label": None if tier is None else tier.lead_label,
                    "leads": leads,
                    "lead_names": tuple(_label(policy.get(i)) for i in leads),
                    "no_lead": bool(obj.no_lead),
                    "municipalities": municipalities,
                    "municipality_names": tuple(_label(policy.get(i)) for i in municipalities),
                    "owner": owner,
                    "owner_name": None if owner is None else _label(policy.get(owner)),
                    "coordinators": coordinators,
                    "coordinator_names": tuple(_label(policy.get(c)) for c in coordinators),
                }
            )
    return rows


def who_owns_notes(policy: Policy, rows: list[dict[str, Any]]) -> dict[tuple[str, str, str], Basis]:
    """The facts of the *rows* of :func:`who_owns_rows` that the policy does not simply state.

    Keyed by ``(priority, field, id)`` (fields ``leads``, ``municipalities``,
    ``coordinators``), with the basis and why (the reasoning or the readings).
    """
    bases = fact_bases(policy)
    out: dict[tuple[str, str, str], Basis] = {}
    for r in rows:
        obj = policy.get(r["id"])
        for field in ("leads", "municipalities", "coordinators"):
            for ident in r[field]:
                basis, why = bases(obj, field, ident)
                if basis != "stated":
                    out[(r["id"], field, ident)] = (basis, why)
    return out


def _marked(
    r: dict[str, Any], field: str, names: str, notes: dict[tuple[str, str, str], Basis]
) -> list[str]:
    return [
        name + basis_mark(notes.get((r["id"], field, ident), ("stated", None))[0])
        for ident, name in zip(r[field], r[names], strict=True)
    ]


def _lead_cell(r: dict[str, Any], notes: dict[tuple[str, str, str], Basis] | None = None) -> str:
    if r["lead_names"]:
        label = f" ({r['lead_label']})" if r["lead_label"] else ""
        return ", ".join(_marked(r, "leads", "lead_names", notes or {})) + label
    if r["no_lead"]:
        return _("no lead")
    return _("not stated")


def render_who_owns(
    rows: list[dict[str, Any]],
    width: int | None = None,
    notes: dict[tuple[str, str, str], Basis] | None = None,
) -> str:
    """Leads, municipalities and coordinators as a table for a terminal.

    The kind of each priority and the name of its lead are the policy's tier labels.
    Cells are cut with ``…`` so that the table fits *width* (``None``: whole). The
    facts in *notes* (see :func:`who_owns_notes`) are marked, and listed under the
    table with why.
    """
    if not rows:
        return _("No priorities.") + "\n"
    notes = notes or {}
    cells = [[_("name"), _("kind"), _("lead"), _("municipalities"), _("coordination")]]
    for r in rows:
        cells.append(
            [
                f"{r['name']} [{r['id']}]",
                r["tier_name"] or kind_label(r["kind"]),
                _lead_cell(r, notes),
                ", ".join(_marked(r, "municipalities", "municipality_names", notes)) or "-",
                ", ".join(_marked(r, "coordinators", "coordinator_names", notes)) or "-",
            ]
        )
    heading = _("Leads, municipalities and coordination")
    lines = [heading, *table(cells, width)]
    if notes:
        names = {
            ident: name
            for r in rows
            for field, label in (
                ("leads", "lead_names"),
                ("municipalities", "municipality_names"),
                ("coordinators", "coordinator_names"),
            )
            for ident, name in zip(r[field], r[label], strict=True)
        }
        priorities = {r["id"]: r["name"] for r in rows}
        lines.append("")
        for (priority, _field, ident), (basis, why) in notes.items():
            lines.append(
                f"  {names.get(ident, ident)}, {priorities[priority]}{basis_mark(basis)}: {why}"
            )
    return fit("\n".join(lines), width) + "\n"
