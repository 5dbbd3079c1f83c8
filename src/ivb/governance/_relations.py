"""The typed relations (edge kinds) of the governance graph.

Every edge of the graph has a ``relation`` attribute that is one of these
names. An edge points from the subject of the sentence to its object:
``municipality --owns--> theme`` reads "the municipality owns (is thematrekker
of) the theme".
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
    "APPLIES",
    "BELONGS_TO",
    "BUILDS_ON",
    "CARRIED_OUT_BY",
    "COMMITTED_TO",
    "CONCERNS",
    "CONTROLS",
    "COORDINATES",
    "COUNTS_FOR",
    "DESCRIBES",
    "DREW_UP",
    "EDGE_BASIS",
    "EDGE_FIELD",
    "EDGE_LEGAL_BASIS",
    "EDGE_MODALITY",
    "EDGE_QUOTE",
    "EDGE_REASON",
    "EDGE_RELATION",
    "EDGE_SCOPE",
    "EDGE_SOURCE_REF",
    "EDGE_STATUS",
    "EDGE_TIMING",
    "ESCALATES_TO",
    "FOLLOWS",
    "HAS_AUTHORITY_OVER",
    "HAS_MILESTONE",
    "HAS_PRINCIPLE_SET",
    "HAS_SUBTARGET",
    "HAS_THEME",
    "HELD",
    "HOLDS_OFFICE",
    "INCLUDES",
    "INFORMS",
    "INVOLVED_IN",
    "INVOLVES",
    "IN_TIER",
    "LEADS",
    "LIES_IN",
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
    "THROUGH_BODY",
    "TOOK_PART",
    "USES",
    "WITHIN",
    "WORKS_WITH",
]

#: Node kind of the one node that stands for the policy itself.
POLICY_KIND = "policy"
#: Kinds of node that can act: hold roles, sit on bodies, carry out actions.
ACTOR_KINDS = ("municipality", "role", "partner", "body")
#: Fill and outline colours of the node kinds in the DOT and Mermaid exports.
NODE_COLOURS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "policy": ("#f2f2f2", "#666"),
        "municipality": ("#cfe2f3", "#3d85c6"),
        "role": ("#fff2cc", "#bf9000"),
        "partner": ("#d9ead3", "#6aa84f"),
        "body": ("#f4cccc", "#cc0000"),
        "theme": ("#d9d2e9", "#674ea7"),
        "speerpunt": ("#ead1dc", "#a64d79"),
    }
)

#: Edge attribute: the relation of the edge, one of :data:`RELATIONS`.
EDGE_RELATION = "relation"
#: Edge attribute: the model field the edge comes from (e.g. ``'members'``, ``'authority'``).
EDGE_FIELD = "field"
#: Edge attribute: the :class:`~ivb.model.SourceRef` of the passage that states the edge
#: (its own citation where the policy gives one, else the source of the entity holding it).
EDGE_SOURCE_REF = "source_ref"
#: Edge attribute: ``'stated'``, ``'derived'`` or ``'ambiguous'`` (see :class:`~ivb.model.Basis`).
EDGE_BASIS = "basis"
#: Edge attribute: the Dutch sentence that states the edge, where the policy records it.
EDGE_QUOTE = "quote"
#: Edge attribute: ``'possible'`` or ``'planned'`` where the source makes the edge conditional
#: or future (see :class:`~ivb.model.Modality`); absent for an edge that holds.
EDGE_MODALITY = "modality"
#: Edge attribute: where the instrument of a ``uses``/``runs``/``applies``/``leads`` edge
#: stands (an :class:`~ivb.model.ActionStatus` value), or ``'planned'`` for a planned body.
EDGE_STATUS = "status"
#: Edge attribute: when the instrument comes or starts, in the words of the source.
EDGE_TIMING = "timing"
#: Edge attribute: why the cited passage does not name both ends of the edge.
EDGE_REASON = "reason"
#: Edge attribute of ``has-authority-over`` and policy ``coordinates`` edges: the scope.
EDGE_SCOPE = "scope"
#: Edge attribute of ``has-authority-over`` edges: the laws and articles named.
EDGE_LEGAL_BASIS = "legal_basis"

# Each relation has one meaning, given in the comment above it: which kinds of node it
# joins and what it says. Example sentences of the source texts each relation encodes are
# in the documentation (the relations reference), taken from a policy's own edges.

#: municipality, role or body -> theme or speerpunt: leads it as its thematrekker (or under
#: the tier's lead label); one edge per lead.
OWNS = "owns"
#: municipality -> theme: the municipality takes part in the joint theme.
SHARES = "shares"
#: municipality -> speerpunt: a local priority of the municipality.
PRIORITISES = "prioritises"
#: agenda -> agenda-theme: a theme the agenda sets as a priority.
HAS_THEME = "has-theme"
#: theme, speerpunt, principle set or policy -> action: a line of effort, goal, action or
#: principle listed under it.
PURSUES = "pursues"
#: policy -> principle set: a set of principles (uitgangspunten) the policy lays down; the
#: principles themselves are ``pursues`` edges from the set.
HAS_PRINCIPLE_SET = "has-principle-set"
#: action -> municipality, role, partner or body: who carries the action out.
CARRIED_OUT_BY = "carried-out-by"
#: action -> partner: a partner the action names as working with it (not carrying it out).
WORKS_WITH = "works-with"
#: action -> instrument: the method, programme or tool the action works through (applies,
#: sets up or develops).
APPLIES = "applies"
#: action -> body: the consultation body in which the action is taken up.
THROUGH_BODY = "through-body"
#: milestone -> body or role: the step of the timeline takes place in it (a council meeting).
INVOLVES = "involves"
#: actor -> theme, speerpunt, body or the policy: coordinates it, where the source speaks of
#: coordination. Policy edges carry ``scope``.
COORDINATES = "coordinates"
#: actor -> body or instrument: leads (chairs or directs) it.
LEADS = "leads"
#: actor -> body: sits on the body.
MEMBER_OF = "member-of"
#: body -> body: prepares the other body's meetings.
PREPARES = "prepares"
#: body or role -> actor: informs and advises it.
INFORMS = "informs"
#: body -> body or partner: where a case goes when the body's approach does not suffice; with
#: ``modality='possible'`` where the source says it can.
ESCALATES_TO = "escalates-to"
#: role -> actor: legal authority, for the scope given on the edge.
HAS_AUTHORITY_OVER = "has-authority-over"
#: role -> policy: the role adopts (vaststelt) the policy and with it its priorities.
#: One edge from every role with :attr:`~ivb.model.Role.adopts_policy`; the edge's
#: ``field`` is ``'adopts_policy'``.
ADOPTS = "adopts"
#: role -> policy: the role controls the execution of the policy. One edge from every role
#: with :attr:`~ivb.model.Role.controls_policy`; the edge's ``field`` is ``'controls_policy'``.
CONTROLS = "controls"
#: role -> role: the role of one municipality is a holder of the shared office or role type
#: (the burgemeester of one municipality holds the office of burgemeester).
HOLDS_OFFICE = "holds-office"
#: theme -> agenda-theme: the theme serves a theme of a national, regional or district agenda.
ALIGNS_WITH = "aligns-with"
#: agenda -> agenda: translates or builds on the other agenda.
BUILDS_ON = "builds-on"
#: theme -> agenda: the theme's approach follows the programme, plan or norm.
FOLLOWS = "follows"
#: actor -> agenda: agreed the agenda jointly with the other makers.
AGREED = "agreed"
#: actor -> agenda: drew the agenda up (developed or wrote it).
DREW_UP = "drew-up"
#: actor -> agenda: committed to the agenda.
COMMITTED_TO = "committed-to"
#: actor -> session (or the step of the process that holds the participation): took part in
#: the participation of the policy's making.
TOOK_PART = "took-part"
#: policy -> session: a participation session held to build the policy.
HELD = "held"
#: policy -> milestone: a step of the council timeline.
HAS_MILESTONE = "has-milestone"
#: role -> municipality or partner: the organisation the role exists in.
BELONGS_TO = "belongs-to"
#: body -> municipality: the body serves the municipality.
SERVES = "serves"
#: region -> municipality: the region group counts the municipality.
INCLUDES = "includes"
#: municipality -> instrument: the municipality applies the instrument in its own area (run by
#: another); edges carry ``status`` and ``timing``. Never together with ``runs`` for one pair.
USES = "uses"
#: actor -> instrument: operates or provides the instrument; edges carry ``status`` and
#: ``timing`` (a covenant not yet concluded has ``status='planned'``).
RUNS = "runs"
#: theme or speerpunt -> trend: a trend the priority answers.
ADDRESSES = "addresses"
#: trend -> session: the session the trend came from.
RAISED_IN = "raised-in"
#: priority -> priority, tier -> tier: sits under its parent in the policy's order of
#: priorities.
WITHIN = "within"
#: area -> area or municipality: the area lies in the larger area or the municipality.
LIES_IN = "lies-in"
#: theme or speerpunt -> tier: the tier (label) it belongs to.
IN_TIER = "in-tier"
#: figure, table, target or trend claim -> indicator or table: what its numbers measure.
ABOUT = "about"
#: table, figure or trend claim -> municipality, region group, outside region or area: its
#: numbers are statistics of the place (what happens there or who lives there); their
#: indicator has subject ``'area'``.
DESCRIBES = "describes"
#: table, figure or trend claim -> municipality, region group or outside region: its numbers
#: count the policy's own process or organisation of that group (sessions held, participants,
#: members of a body, makers of an agenda), not a statistic of the place; their indicator has
#: subject ``'process'``.
COUNTS_FOR = "counts-for"
#: municipality -> target: the municipality set the target.
SETS = "sets"
#: target -> speerpunt or theme: the priority the target measures.
MEASURES = "measures"
#: target -> target: a sub-goal.
HAS_SUBTARGET = "has-subtarget"
#: statement, action, priority or target -> municipality, region or area: the one place it is
#: about (a statement about the policy as a whole concerns no municipality).
CONCERNS = "concerns"

#: Not an edge relation: the label :func:`~ivb.governance.responsibilities`
#: gives to a ``carried-out-by`` or ``works-with`` edge read backwards (an actor is
#: involved in an action).
INVOLVED_IN = "involved-in"

#: Every relation with what it means, in a fixed order (the order used to sort answers).
RELATIONS: Mapping[str, str] = MappingProxyType(
    {
        OWNS: "municipality, role or body -> theme or speerpunt: leads it as thematrekker",
        SHARES: "municipality -> theme: takes part in the joint theme",
        PRIORITISES: "municipality -> speerpunt: its local priority",
        HAS_THEME: "agenda -> agenda-theme: a theme the agenda prioritises",
        COORDINATES: "actor -> theme, speerpunt, body or policy: coordinates it",
        LEADS: "actor -> body or instrument: leads it",
        MEMBER_OF: "actor -> body: sits on the body",
        HAS_AUTHORITY_OVER: "role -> actor: legal authority for a stated scope",
        ADOPTS: "role -> policy: adopts the policy and its priorities",
        CONTROLS: "role -> policy: controls the execution of the policy",
        HOLDS_OFFICE: "role -> role: one municipality's holder of the shared office",
        PREPARES: "body -> body: prepares its meetings",
        INFORMS: "body or role -> actor: informs and advises it",
        ESCALATES_TO: "body -> body or partner: where cases (can) escalate",
        PURSUES: "theme, speerpunt, principle set or policy -> action: lists the action",
        HAS_PRINCIPLE_SET: "policy -> principle set: lays the set of principles down",
        CARRIED_OUT_BY: "action -> actor: carries the action out",
        WORKS_WITH: "action -> partner: works with the action",
        APPLIES: "action -> instrument: the action works through it",
        THROUGH_BODY: "action -> body: the action is taken up in the body",
        INVOLVES: "milestone -> body or role: the step takes place in it",
        RUNS: "actor -> instrument: operates or provides it (with status)",
        USES: "municipality -> instrument: applies it in its area (with status)",
        AGREED: "actor -> agenda: agreed the agenda jointly",
        DREW_UP: "actor -> agenda: drew the agenda up",
        COMMITTED_TO: "actor -> agenda: committed to the agenda",
        ALIGNS_WITH: "theme -> agenda-theme: serves the agenda theme",
        BUILDS_ON: "agenda -> agenda: translates or builds on it",
        FOLLOWS: "theme -> agenda: its approach follows the programme, plan or norm",
        TOOK_PART: "actor -> session: took part in the participation",
        HELD: "policy -> session: held the participation session",
        HAS_MILESTONE: "policy -> milestone: a step of the timeline",
        BELONGS_TO: "role -> municipality or partner: the organisation the role exists in",
        SERVES: "body -> municipality: serves the municipality",
        INCLUDES: "region -> municipality: the group counts it",
        ADDRESSES: "theme or speerpunt -> trend: answers the trend",
        RAISED_IN: "trend -> session: raised in the session",
        WITHIN: "priority or tier -> its parent: sits under it",
        LIES_IN: "area -> area or municipality: lies in it",
        IN_TIER: "theme or speerpunt -> tier: belongs to the tier",
        ABOUT: "figure, table, target or trend claim -> indicator or table: what it measures",
        DESCRIBES: "table, figure or trend claim -> place: statistics of the place",
        COUNTS_FOR: "table, figure or trend claim -> municipality or region: counts of its "
        "own process or organisation",
        SETS: "municipality -> target: set the target",
        MEASURES: "target -> speerpunt or theme: measures it",
        HAS_SUBTARGET: "target -> target: a sub-goal",
        CONCERNS: "statement, action, priority or target -> municipality, region or area: "
        "the place it is about",
    }
)
