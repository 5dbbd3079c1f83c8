"""Labels for people of the model's identifiers: enum values, kinds, relations, fields.

The identifiers stay as they are in the files and the JSON output; the
terminal shows these labels, translated by the ``ivb`` catalog. An identifier
without a label (a newer enum value, a field of a newer format) is shown as it is.
"""

from __future__ import annotations

from ivb.cli._text import N_, _

__all__ = ["field_label", "kind_label", "relation_label", "value_label"]

#: Labels of the values of the model's enums, by enum class name.
_VALUES: dict[str, dict[str, str]] = {
    "Tier": {
        "bestuurlijk": N_("administrative"),
        "ambtelijk": N_("official"),
        "uitvoerend": N_("operational"),
    },
    "Scope": {
        "national": N_("national"),
        "regional": N_("regional"),
        "district": N_("district"),
        "basisteam": N_("basisteam"),
        "local": N_("local"),
    },
    "Level": {
        "national": N_("national"),
        "regional": N_("regional"),
        "district": N_("district"),
        "local": N_("local"),
    },
    "MeetingKind": {
        "fixed": N_("fixed"),
        "ad-hoc": N_("ad hoc"),
        "not-stated": N_("not stated"),
    },
    "ActionStatus": {
        "planned": N_("planned"),
        "to-be-explored": N_("to be explored"),
        "ongoing": N_("ongoing"),
        "done": N_("done"),
        "stopped": N_("stopped"),
    },
    "ActionKind": {
        "effort": N_("effort"),
        "goal": N_("goal"),
        "action": N_("action"),
        "commitment": N_("commitment"),
        "principle": N_("principle"),
    },
    "TimingKind": {
        "started": N_("started"),
        "planned": N_("planned"),
        "expected": N_("expected"),
        "done": N_("done"),
    },
    "GoalStatus": {
        "achieved": N_("achieved"),
        "in-progress": N_("in progress"),
        "not-started": N_("not started"),
        "unknown": N_("unknown"),
    },
    "DocumentKind": {
        "policy": N_("policy"),
        "presentation": N_("presentation"),
        "uitvoeringsplan": N_("implementation plan"),
        "begroting": N_("budget"),
        "evaluation": N_("evaluation"),
        "council-letter": N_("letter to the council"),
        "council-decision": N_("council decision"),
        "annual-report": N_("annual report"),
        "report": N_("report"),
        "announcement": N_("announcement"),
        "web-page": N_("web page"),
        "other": N_("other"),
    },
    "AreaKind": {
        "kern": N_("village or town"),
        "wijk": N_("district of a municipality"),
        "buurt": N_("neighbourhood"),
        "buitengebied": N_("rural area"),
        "other": N_("other"),
    },
    "VeiligheidsVeld": {
        "veilige-woon-en-leefomgeving": N_("safe living environment"),
        "bedrijvigheid-en-veiligheid": N_("business and safety"),
        "jeugd-en-veiligheid": N_("youth and safety"),
        "fysieke-veiligheid": N_("physical safety"),
        "integriteit-en-veiligheid": N_("integrity and safety"),
    },
    "PartnerCategory": {
        "government": N_("government"),
        "police-and-justice": N_("police and justice"),
        "safety-and-emergency": N_("safety and emergency services"),
        "care": N_("care"),
        "youth": N_("youth"),
        "education": N_("education"),
        "housing": N_("housing"),
        "business": N_("business"),
        "civil-society": N_("civil society"),
        "knowledge": N_("knowledge"),
    },
    "PartnerKind": {"organisation": N_("organisation"), "group": N_("group")},
    "RoleKind": {
        "office": N_("office"),
        "council": N_("governing body"),
        "team": N_("team"),
        "function": N_("function"),
    },
    "AgendaKind": {
        "agenda": N_("agenda"),
        "strategy": N_("strategy"),
        "programme": N_("programme"),
        "plan": N_("plan"),
        "norm": N_("norm"),
    },
    "InstrumentKind": {
        "method": N_("method"),
        "programme": N_("programme"),
        "project": N_("project"),
        "measure": N_("measure"),
        "tool": N_("tool"),
        "covenant": N_("covenant"),
        "policy": N_("policy"),
        "survey": N_("survey"),
        "function": N_("function"),
    },
    "TrendScope": {"cross-cutting": N_("cross-cutting"), "session": N_("session")},
    "Unit": {
        "count": N_("count"),
        "percent": N_("percent"),
        "percent-change": N_("percent change"),
        "rapportcijfer": N_("grade (1-10)"),
        "persons": N_("persons"),
        "fraction": N_("fraction"),
        "per-1000-inhabitants": N_("per 1,000 inhabitants"),
        "euro": N_("euro"),
    },
    "Direction": {"higher": N_("higher"), "lower": N_("lower")},
    "DataSourceKind": {
        "police": N_("police"),
        "cbs": N_("Statistics Netherlands (CBS)"),
        "veiligheidsmonitor": N_("Veiligheidsmonitor survey"),
        "own-registration": N_("own registration"),
        "not-stated": N_("not stated"),
    },
    "OutsideRegionKind": {
        "country": N_("country"),
        "province": N_("province"),
        "police-unit": N_("police unit"),
        "veiligheidsregio": N_("veiligheidsregio"),
        "municipality": N_("municipality"),
    },
    "CheckKind": {
        "target-baseline": N_("target baseline"),
        "count-session-partners": N_("count of session partners"),
        "count-sessions": N_("count of sessions"),
        "not-checkable": N_("not checkable"),
    },
    "TrendKind": {
        "rises-every-year": N_("rises every year"),
        "about-equal": N_("about equal"),
        "rises": N_("rises"),
        "below-peak": N_("below its peak"),
    },
    "Comparison": {
        "at-least": N_("at least"),
        "at-most": N_("at most"),
        "more-than": N_("more than"),
        "less-than": N_("less than"),
        "keep": N_("keep"),
        "change-by": N_("change by"),
    },
}

#: Labels of the kinds of entity (``ivb.model.KINDS``), the policy and a relation.
_KINDS: dict[str, str] = {
    "policy": N_("policy"),
    "relation": N_("relation"),
    "action": N_("action"),
    "agenda": N_("agenda"),
    "agenda-theme": N_("agenda theme"),
    "area": N_("area"),
    "body": N_("consultation body"),
    "document": N_("document"),
    "figure": N_("figure"),
    "indicator": N_("indicator"),
    "instrument": N_("instrument"),
    "milestone": N_("milestone"),
    "municipality": N_("municipality"),
    "outside-region": N_("outside region"),
    "partner": N_("partner"),
    "principle-set": N_("set of principles"),
    "reference": N_("reference"),
    "region": N_("region"),
    "role": N_("role"),
    "session": N_("theme session"),
    "speerpunt": N_("speerpunt"),
    "statement": N_("statement"),
    "table": N_("table"),
    "target": N_("target"),
    "term": N_("term"),
    "theme": N_("theme"),
    "tier": N_("tier"),
    "trend": N_("trend"),
    "trend-claim": N_("trend claim"),
}

#: Labels of the relations of the governance graph, read from source to target.
_RELATIONS: dict[str, str] = {
    "owns": N_("is lead of"),
    "shares": N_("shares"),
    "prioritises": N_("prioritises"),
    "coordinates": N_("coordinates"),
    "member-of": N_("member of"),
    "has-authority-over": N_("has authority over"),
    "adopts": N_("adopts"),
    "controls": N_("controls"),
    "prepares": N_("prepares"),
    "informs": N_("informs"),
    "escalates-to": N_("escalates to"),
    "pursues": N_("pursues"),
    "involves": N_("involves"),
    "runs": N_("runs"),
    "uses": N_("uses"),
    "agreed": N_("agreed"),
    "aligns-with": N_("aligns with"),
    "builds-on": N_("builds on"),
    "took-part": N_("took part in"),
    "held": N_("held"),
    "has-milestone": N_("has milestone"),
    "belongs-to": N_("belongs to"),
    "serves": N_("serves"),
    "includes": N_("includes"),
    "addresses": N_("addresses"),
    "raised-in": N_("raised in"),
    "within": N_("within"),
    "in-tier": N_("in tier"),
    "about": N_("about"),
    "covers": N_("covers"),
    "sets": N_("sets"),
    "measures": N_("measures"),
    "has-subtarget": N_("has subtarget"),
    "concerns": N_("concerns"),
    "has-theme": N_("has theme"),
    "leads": N_("is in charge of"),
    "holds-office": N_("holds the office of"),
    "carried-out-by": N_("carried out by"),
    "works-with": N_("works with"),
    "applies": N_("applies"),
    "through-body": N_("through"),
    "drew-up": N_("drew up"),
    "committed-to": N_("committed to"),
    "follows": N_("follows"),
    "involved-in": N_("involved in"),
}

#: Labels of the fields of the model's classes.
_FIELDS: dict[str, str] = {
    "abbreviation": N_("abbreviation"),
    "actions": N_("actions"),
    "actors": N_("actors"),
    "adopts_policy": N_("adopts the policy"),
    "aligns_with": N_("aligns with"),
    "areas": N_("areas"),
    "author": N_("author"),
    "authority": N_("authority"),
    "base": N_("base"),
    "base_period": N_("base period"),
    "baseline": N_("baseline"),
    "bodies": N_("consultation bodies"),
    "builds_on": N_("builds on"),
    "caption": N_("caption"),
    "category": N_("category"),
    "cbs_code": N_("CBS code"),
    "change_pct": N_("change (%)"),
    "check": N_("check"),
    "code": N_("code"),
    "comparison": N_("comparison"),
    "controls_policy": N_("controls the policy"),
    "coordinators": N_("coordinators"),
    "data_source": N_("data source"),
    "date": N_("date"),
    "definition": N_("definition"),
    "description": N_("description"),
    "direction": N_("direction"),
    "duties": N_("duties"),
    "end": N_("end"),
    "escalates_to": N_("escalates to"),
    "expansion": N_("expansion"),
    "fields": N_("safety fields"),
    "frequency": N_("frequency"),
    "heading": N_("heading"),
    "horizon": N_("horizon"),
    "indicator": N_("indicator"),
    "indicators": N_("indicators"),
    "informs": N_("informs"),
    "instruments": N_("instruments"),
    "intro": N_("introduction"),
    "items": N_("items"),
    "kind": N_("kind"),
    "label": N_("label"),
    "lead_label": N_("lead label"),
    "leads": N_("leads"),
    "legal_basis": N_("legal basis"),
    "level": N_("level"),
    "made_by": N_("made by"),
    "made_by_text": N_("made by (as printed)"),
    "measured": N_("measured"),
    "meetings_per_year": N_("meetings per year"),
    "meets": N_("meets"),
    "members": N_("members"),
    "members_text": N_("members (as printed)"),
    "method": N_("method"),
    "milestones": N_("milestones"),
    "motto": N_("motto"),
    "municipalities": N_("municipalities"),
    "municipality": N_("municipality"),
    "no_lead": N_("no lead"),
    "number": N_("number"),
    "organisation": N_("organisation"),
    "owners": N_("owners"),
    "parent": N_("parent"),
    "participants": N_("participants"),
    "participants_text": N_("participants (as printed)"),
    "partners": N_("partners"),
    "percent": N_("percent"),
    "period": N_("period"),
    "period_text": N_("period (as printed)"),
    "periods": N_("periods"),
    "planned": N_("planned"),
    "prepares": N_("prepares"),
    "priority": N_("priority"),
    "programme": N_("programme"),
    "programmes": N_("programmes"),
    "province": N_("province"),
    "province_code": N_("province code"),
    "publisher": N_("publisher"),
    "purpose": N_("purpose"),
    "qualifier": N_("qualifier"),
    "quote": N_("quote"),
    "region": N_("region"),
    "rows": N_("rows"),
    "rule": N_("rule"),
    "scope": N_("scope"),
    "session": N_("session"),
    "source": N_("source"),
    "start": N_("start"),
    "started": N_("started"),
    "stated_totals": N_("stated totals"),
    "statement": N_("statement"),
    "status": N_("status"),
    "subtargets": N_("subtargets"),
    "summary": N_("summary"),
    "table": N_("table"),
    "term": N_("term"),
    "text": N_("text"),
    "themes": N_("themes"),
    "tier": N_("tier"),
    "timing": N_("timing"),
    "title": N_("title"),
    "tooi": N_("TOOI identifier"),
    "topic": N_("topic"),
    "trends": N_("trends"),
    "unit": N_("unit"),
    "url": N_("web address"),
    "value": N_("value"),
    "office": N_("office"),
    "basis": N_("basis"),
    "readings": N_("readings"),
    "modality": N_("modality"),
    "reason": N_("reason"),
    "holder": N_("holder"),
    "target": N_("target"),
    "participation": N_("participation"),
    "field": N_("field"),
    "margin_low": N_("margin (low)"),
    "margin_high": N_("margin (high)"),
}


#: Labels of enum values by value alone, for an enum without a table of its own.
_ANY_VALUE: dict[str, str] = {
    "stated": N_("stated"),
    "derived": N_("derived"),
    "ambiguous": N_("ambiguous"),
    "possible": N_("possible"),
    "planned": N_("planned"),
    "existing": N_("existing"),
    "to-be-explored": N_("to be explored"),
    "to-develop": N_("to be developed"),
    "done": N_("done"),
    "unknown": N_("unknown"),
    "other": N_("other"),
}


def value_label(enum_name: str, value: str) -> str:
    """The label of *value* of the model enum named *enum_name* (``"Tier"``).

    Examples
    --------
    >>> value_label("Scope", "local")
    'local'
    >>> value_label("Scope", "interplanetary")
    'interplanetary'
    """
    msgid = _VALUES.get(enum_name, {}).get(value) or _ANY_VALUE.get(value)
    return value if msgid is None else _(msgid)


def kind_label(kind: str) -> str:
    """The label of an entity kind (``"body"`` -> ``"consultation body"``)."""
    msgid = _KINDS.get(kind)
    return kind if msgid is None else _(msgid)


def relation_label(relation: str) -> str:
    """The label of a relation of the graph (``"member-of"`` -> ``"member of"``)."""
    msgid = _RELATIONS.get(relation)
    return relation if msgid is None else _(msgid)


def field_label(name: str) -> str:
    """The label of a field of the model (``"cbs_code"`` -> ``"CBS code"``)."""
    msgid = _FIELDS.get(name)
    return name if msgid is None else _(msgid)
