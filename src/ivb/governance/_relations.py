"""The typed relations (edge kinds) of the governance graph.

Every edge of the graph has a ``relation`` attribute that is one of these
names. An edge points from the subject of the sentence to its object:
``dronten --owns--> ondermijning`` reads "Dronten owns (is thematrekker of)
Ondermijning".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "ABOUT",
    "ACTOR_KINDS",
    "ADDRESSES",
    "ADOPTS",
    "AGREED",
    "ALIGNS_WITH",
    "BELONGS_TO",
    "BUILDS_ON",
    "CONCERNS",
    "CONTROLS",
    "COORDINATES",
    "COVERS",
    "ESCALATES_TO",
    "HAS_AUTHORITY_OVER",
    "HAS_MILESTONE",
    "HAS_SUBTARGET",
    "HELD",
    "INCLUDES",
    "INFORMS",
    "INVOLVED_IN",
    "INVOLVES",
    "IN_TIER",
    "MEASURES",
    "MEMBER_OF",
    "OWNS",
    "POLICY_KIND",
    "PREPARES",
    "PRIORITISES",
    "PURSUES",
    "RAISED_IN",
    "RELATIONS",
    "RUNS",
    "SERVES",
    "SETS",
    "SHARES",
    "TOOK_PART",
    "USES",
    "WITHIN",
]

#: Node kind of the one node that stands for the policy itself.
POLICY_KIND = "policy"
#: Kinds of node that can act: hold roles, sit on bodies, carry out actions.
ACTOR_KINDS = ("municipality", "role", "partner", "body")

#: municipality, role or body -> theme or speerpunt: leads it (e.g. as thematrekker);
#: one edge per lead, none for a priority without a lead.
OWNS = "owns"
#: municipality -> theme: the municipality shares the joint theme.
SHARES = "shares"
#: municipality -> speerpunt: a local priority of the municipality;
#: agenda -> agenda-theme: a theme the agenda prioritises.
PRIORITISES = "prioritises"
#: theme, speerpunt or policy -> action: a line of effort, goal, action or principle.
PURSUES = "pursues"
#: action -> actor, instrument or body; milestone -> body or role.
INVOLVES = "involves"
#: actor -> theme, speerpunt or body: leads or coordinates it.
COORDINATES = "coordinates"
#: actor -> body: sits on the body.
MEMBER_OF = "member-of"
#: body -> body: prepares the other body's meetings.
PREPARES = "prepares"
#: body -> actor: informs and advises it (feeds it).
INFORMS = "informs"
#: body -> body or partner: where a case escalates when the body's approach does not suffice.
ESCALATES_TO = "escalates-to"
#: role -> actor: legal authority, for the scope given on the edge.
HAS_AUTHORITY_OVER = "has-authority-over"
#: role -> policy: the role adopts (vaststelt) the policy and with it its priorities.
#: One edge from every role with :attr:`~ivb.model.Role.adopts_policy`; in the
#: bundled policy the gemeenteraad ("stelt eens in de vier jaar het IVB en daarmee
#: de prioriteiten vast"). The edge's ``field`` is ``'adopts_policy'``.
ADOPTS = "adopts"
#: role -> policy: the role controls the execution of the policy. One edge from
#: every role with :attr:`~ivb.model.Role.controls_policy`; in the bundled policy
#: the gemeenteraad ("heeft tevens een controlerende taak"; the source names no
#: other object of that task, so the edge points at the policy, not at the college
#: or the burgemeester). The edge's ``field`` is ``'controls_policy'``.
CONTROLS = "controls"
#: theme -> agenda-theme: the theme serves a theme of a national, regional or district agenda.
ALIGNS_WITH = "aligns-with"
#: theme -> agenda, agenda -> agenda: builds on or translates it.
BUILDS_ON = "builds-on"
#: actor -> agenda: agreed the agenda.
AGREED = "agreed"
#: actor -> policy or session: took part in the participation sessions that built the policy.
TOOK_PART = "took-part"
#: policy -> session: a participation session held to build the policy.
HELD = "held"
#: policy -> milestone: a step of the council timeline.
HAS_MILESTONE = "has-milestone"
#: role -> municipality or partner: the role exists in or belongs to it.
BELONGS_TO = "belongs-to"
#: body -> municipality: the body serves the municipality.
SERVES = "serves"
#: region -> municipality: the region group counts the municipality.
INCLUDES = "includes"
#: municipality -> instrument: the municipality uses it.
USES = "uses"
#: actor -> instrument: runs or provides it.
RUNS = "runs"
#: theme or speerpunt -> trend: a trend the priority answers.
ADDRESSES = "addresses"
#: trend -> session: the session the trend came from.
RAISED_IN = "raised-in"
#: priority -> priority, tier -> tier, area -> area or municipality: sits under or lies in it.
WITHIN = "within"
#: theme or speerpunt -> tier: the tier (label) it belongs to.
IN_TIER = "in-tier"
#: figure, table, target or trend claim -> indicator or table: what its numbers are about.
ABOUT = "about"
#: table or figure -> municipality, region or area: what the numbers are about.
COVERS = "covers"
#: municipality -> target: the municipality set the target.
SETS = "sets"
#: target -> speerpunt or theme: the priority the target measures.
MEASURES = "measures"
#: target -> target: a sub-goal.
HAS_SUBTARGET = "has-subtarget"
#: statement, action, priority or target -> municipality, region or area: what it concerns.
CONCERNS = "concerns"

#: Not an edge relation: the label :func:`~ivb.governance.responsibilities`
#: gives to an ``involves`` edge read backwards (an actor is involved in an action).
INVOLVED_IN = "involved-in"

#: Every relation with what it means, in a fixed order (the order used to sort answers).
RELATIONS: Mapping[str, str] = MappingProxyType(
    {
        OWNS: "municipality, role or body -> theme or speerpunt: leads it",
        SHARES: "municipality -> theme: shares the joint theme",
        PRIORITISES: "municipality -> speerpunt, agenda -> agenda-theme: prioritises it",
        COORDINATES: "actor -> theme, speerpunt or body: leads or coordinates it",
        MEMBER_OF: "actor -> body: sits on the body",
        HAS_AUTHORITY_OVER: "role -> actor: legal authority for a stated scope",
        ADOPTS: "role -> policy: adopts the policy and its priorities (the gemeenteraad)",
        CONTROLS: "role -> policy: controls the execution of the policy (the gemeenteraad)",
        PREPARES: "body -> body: prepares its meetings",
        INFORMS: "body -> actor: informs and advises it",
        ESCALATES_TO: "body -> body or partner: where cases escalate",
        PURSUES: "theme, speerpunt or policy -> action: pursues the action",
        INVOLVES: "action or milestone -> actor, instrument or body: involves it",
        RUNS: "actor -> instrument: runs or provides it",
        USES: "municipality -> instrument: uses it",
        AGREED: "actor -> agenda: agreed the agenda",
        ALIGNS_WITH: "theme -> agenda-theme: serves the agenda theme",
        BUILDS_ON: "theme or agenda -> agenda: builds on it",
        TOOK_PART: "actor -> policy or session: took part in the participation sessions",
        HELD: "policy -> session: held the participation session",
        HAS_MILESTONE: "policy -> milestone: a step of the timeline",
        BELONGS_TO: "role -> municipality or partner: where the role exists",
        SERVES: "body -> municipality: serves the municipality",
        INCLUDES: "region -> municipality: the group counts it",
        ADDRESSES: "theme or speerpunt -> trend: answers the trend",
        RAISED_IN: "trend -> session: raised in the session",
        WITHIN: "priority, tier or area -> its parent (or an area's municipality): within it",
        IN_TIER: "theme or speerpunt -> tier: belongs to the tier",
        ABOUT: "figure, table, target or trend claim -> indicator or table: about it",
        COVERS: "table or figure -> municipality, region or area: about it",
        SETS: "municipality -> target: set the target",
        MEASURES: "target -> speerpunt or theme: measures it",
        HAS_SUBTARGET: "target -> target: a sub-goal",
        CONCERNS: "statement, action, priority or target -> municipality, region or area: "
        "concerns it",
    }
)
