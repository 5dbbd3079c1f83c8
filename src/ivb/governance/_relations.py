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
    "APPLIES",
    "BELONGS_TO",
    "BUILDS_ON",
    "CARRIED_OUT_BY",
    "COMMITTED_TO",
    "CONCERNS",
    "CONTROLS",
    "COORDINATES",
    "COVERS",
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

# Each relation has one meaning. The comment above each gives it, with an example
# sentence of the kind of source text it encodes (from the DNU IVB 2024-2027).

#: municipality, role or body -> theme or speerpunt: leads it as its thematrekker (or the
#: tier's lead label); one edge per lead. "Daarbij hebben de drie gemeenten afgesproken te
#: figureren als thematrekker voor één van de drie gezamenlijk geprioriteerde thema's."
OWNS = "owns"
#: municipality -> theme: the municipality takes part in the joint theme. "In dit IVB werken
#: we samen waar het kan" (the three joint themes of all three municipalities).
SHARES = "shares"
#: municipality -> speerpunt: a local priority of the municipality ("Lokale speerpunten
#: gemeente Urk").
PRIORITISES = "prioritises"
#: agenda -> agenda-theme: a theme the agenda sets as a priority. "Op landelijk niveau hebben
#: de regioburgemeester, het OM, de politie en het ministerie van Justitie en Veiligheid in de
#: Veiligheidsagenda een aantal thema's geprioriteerd."
HAS_THEME = "has-theme"
#: theme, speerpunt, principle set or policy -> action: a line of effort, goal, action or
#: principle listed under it. "Voor de komende jaren zetten we in op: ..."
PURSUES = "pursues"
#: action -> municipality, role, partner or body: who carries the action out.
#: "De gemeente Urk neemt deel aan een regionale werkgroep ..."
CARRIED_OUT_BY = "carried-out-by"
#: action -> partner: a partner the action names as working with it (not carrying it out).
#: "Betrokken daarbij zijn politie, gemeente, horeca, Koninklijke Horeca Nederland ..."
WORKS_WITH = "works-with"
#: action -> instrument: a method, programme or tool the action applies or is about.
APPLIES = "applies"
#: action -> body: the consultation body the action goes through or concerns.
THROUGH_BODY = "through-body"
#: milestone -> body or role: the step of the timeline takes place in it (a council meeting).
INVOLVES = "involves"
#: actor -> theme, speerpunt, body or the policy: coordinates it, where the source says
#: "coördinatie" or "coördineert". "De ambtelijke coördinatie over het IVB 2024-2027 is belegd
#: bij de afdelingen / teams Veiligheid van de drie gemeenten." Policy edges carry ``scope``.
COORDINATES = "coordinates"
#: actor -> body or instrument: leads it. "De adviseur zorg en veiligheid leidt de PGA binnen
#: de gemeente."
LEADS = "leads"
#: actor -> body: sits on the body. "Op bestuurlijk niveau voeren de zes Flevolandse
#: burgemeesters in het Districtelijk Veiligheidscollege overleg met het OM en de politie."
MEMBER_OF = "member-of"
#: body -> body: prepares the other body's meetings. "Het ambtelijk vooroverleg bereidt het
#: Districtelijk Veiligheidscollege Flevoland voor."
PREPARES = "prepares"
#: body or role -> actor: informs and advises it. "Zij informeren en adviseren de
#: portefeuillehouders, de basisteamchef en de Officier van Justitie over relevante
#: ontwikkelingen rond het IVB."
INFORMS = "informs"
#: body -> body or partner: where a case goes when the body's approach does not suffice; with
#: ``modality='possible'`` where the source says it can. "Wanneer blijkt dat de lokaal
#: ingezette aanpak niet toereikend is ... kan opgeschaald worden naar het Zorg- en
#: Veiligheidshuis Flevoland."
ESCALATES_TO = "escalates-to"
#: role -> actor: legal authority, for the scope given on the edge. "De Officier van Justitie
#: heeft het gezag over de strafrechtelijke handhaving."
HAS_AUTHORITY_OVER = "has-authority-over"
#: role -> policy: the role adopts (vaststelt) the policy and with it its priorities.
#: One edge from every role with :attr:`~ivb.model.Role.adopts_policy`. "De drie
#: gemeenteraden stellen ieder afzonderlijk dit IVB inclusief de eigen lokale speerpunten van
#: dit beleidsdocument vast." The edge's ``field`` is ``'adopts_policy'``.
ADOPTS = "adopts"
#: role -> policy: the role controls the execution of the policy. One edge from
#: every role with :attr:`~ivb.model.Role.controls_policy`. "De gemeenteraad heeft tevens een
#: controlerende taak." The edge's ``field`` is ``'controls_policy'``.
CONTROLS = "controls"
#: role -> role: the role of one municipality is a holder of the shared office or role type
#: (the burgemeester of Urk holds the office of burgemeester). "De burgemeester is wettelijk
#: belast met de handhaving van de openbare orde en veiligheid."
HOLDS_OFFICE = "holds-office"
#: theme -> agenda-theme: the theme serves a theme of a national, regional or district agenda.
#: "Daarnaast sluit het aan bij de prioriteiten op landelijk en regionaal niveau."
ALIGNS_WITH = "aligns-with"
#: agenda -> agenda: translates or builds on the other agenda. "Binnen het Districtelijke
#: Uitvoeringsplan (DUP) zijn de regionale en districtelijke prioriteiten naar Flevolands en
#: gemeentelijk niveau vertaald."
BUILDS_ON = "builds-on"
#: theme -> agenda: the theme's approach follows the programme, plan or norm. "Het programma Wie
#: Praat Die Gaat 3.0 (WPDG 3.0) van de Veiligheidscoalitie Midden-Nederland is leidend voor het
#: bestrijden van ondermijnende criminaliteit in de DNU."
FOLLOWS = "follows"
#: actor -> agenda: agreed the agenda jointly with the other makers. "Op landelijk niveau hebben
#: de regioburgemeester, het OM, de politie en het ministerie ... thema's geprioriteerd."
AGREED = "agreed"
#: actor -> agenda: drew the agenda up (developed or wrote it). "Voor de regio Midden-Nederland
#: is een Regionale Veiligheidsstrategie 2023-2026 ontwikkeld."
DREW_UP = "drew-up"
#: actor -> agenda: committed to the agenda. "Ook hebben de gemeenten Dronten, Noordoostpolder en
#: Urk zich samen met de andere Flevolandse gemeenten en de provincie Flevoland in 2021
#: gecommitteerd aan de Flevolandse Norm."
COMMITTED_TO = "committed-to"
#: actor -> session: took part in the participation session. "In april en mei hebben een
#: zestal themasessies plaatsgevonden waarin we met diverse overheidsorganisaties,
#: veiligheidspartners en experts hebben nagedacht ..."
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
#: municipality -> instrument: the municipality applies the instrument in its own area (run by
#: another); edges carry ``status`` and ``timing``. Never together with ``runs`` for one pair.
USES = "uses"
#: actor -> instrument: operates or provides the instrument; edges carry ``status`` and
#: ``timing`` (a covenant not yet concluded has ``status='planned'``).
RUNS = "runs"
#: theme or speerpunt -> trend: a trend the priority answers.
ADDRESSES = "addresses"
#: trend -> session: the session the trend came from. "Tijdens de themasessies hebben we met
#: ..."
RAISED_IN = "raised-in"
#: priority -> priority, tier -> tier, area -> area or municipality: sits under or lies in it.
WITHIN = "within"
#: theme or speerpunt -> tier: the tier (label) it belongs to.
IN_TIER = "in-tier"
#: figure, table, target or trend claim -> indicator or table: what its numbers measure.
ABOUT = "about"
#: table, figure or trend claim -> municipality, region or area: the place its numbers
#: describe.
COVERS = "covers"
#: municipality -> target: the municipality set the target.
SETS = "sets"
#: target -> speerpunt or theme: the priority the target measures.
MEASURES = "measures"
#: target -> target: a sub-goal. "Subdoelstellingen zijn de afname van high impact crimes ..."
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
        CARRIED_OUT_BY: "action -> actor: carries the action out",
        WORKS_WITH: "action -> partner: works with the action",
        APPLIES: "action -> instrument: the action applies it",
        THROUGH_BODY: "action -> body: the action goes through the body",
        INVOLVES: "milestone -> body or role: the step takes place in it",
        RUNS: "actor -> instrument: operates or provides it (with status)",
        USES: "municipality -> instrument: applies it in its area (with status)",
        AGREED: "actor -> agenda: agreed the agenda jointly",
        DREW_UP: "actor -> agenda: drew the agenda up",
        COMMITTED_TO: "actor -> agenda: committed to the agenda",
        ALIGNS_WITH: "theme -> agenda-theme: serves the agenda theme",
        BUILDS_ON: "agenda -> agenda: translates or builds on it",
        FOLLOWS: "theme -> agenda: its approach follows the programme, plan or norm",
        TOOK_PART: "actor -> session: took part in the participation session",
        HELD: "policy -> session: held the participation session",
        HAS_MILESTONE: "policy -> milestone: a step of the timeline",
        BELONGS_TO: "role -> municipality or partner: where the role exists",
        SERVES: "body -> municipality: serves the municipality",
        INCLUDES: "region -> municipality: the group counts it",
        ADDRESSES: "theme or speerpunt -> trend: answers the trend",
        RAISED_IN: "trend -> session: raised in the session",
        WITHIN: "priority, tier or area -> its parent (or an area's municipality): within it",
        IN_TIER: "theme or speerpunt -> tier: belongs to the tier",
        ABOUT: "figure, table, target or trend claim -> indicator or table: what it measures",
        COVERS: "table, figure or trend claim -> municipality, region or area: the place "
        "its numbers describe",
        SETS: "municipality -> target: set the target",
        MEASURES: "target -> speerpunt or theme: measures it",
        HAS_SUBTARGET: "target -> target: a sub-goal",
        CONCERNS: "statement, action, priority or target -> municipality, region or area: "
        "the place it is about",
    }
)
