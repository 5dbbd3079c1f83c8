"""The governance graph of a policy: who owns, prepares and has authority over what.

:func:`build_graph` turns a :class:`~ivb.model.Policy` into a
:class:`networkx.MultiDiGraph` (annotated :data:`GovernanceGraph`) whose
nodes are the entities (attribute ``kind`` and the frozen model object
``obj``) and whose edges are typed relations (attribute ``relation``, one
of :data:`RELATIONS`; the ``source_ref`` of the passage that states it, and
its ``basis``: stated, derived or ambiguous). Queries take the graph first, as in
networkx (and take ``stated_only=True`` to leave out what ivb derives), and
answer with model objects or tidy DataFrames; exports write
GraphML, node-link JSON, DOT, Mermaid and Popolo, each readable back.

Tables come as result records (:class:`Records` of :class:`Ownership`,
:class:`Responsibility`, :class:`ChainLink`, ...; :func:`ownerships`,
:func:`responsibility_links`, :func:`chain_links`, ...), which need no pandas;
``to_frame()`` turns any record or records into a DataFrame, and the DataFrame
queries (:func:`who_owns`, :func:`responsibilities`, ...) return just that.
:func:`resolve` finds a node by id or name.

Importing this package imports neither networkx nor pandas: building a
graph imports networkx, and the queries that answer with a DataFrame import
pandas when called. Annotate graphs with :data:`GovernanceGraph`.

Examples
--------
>>> import ivb
>>> from ivb.governance import build_graph, owner_of, members
>>> G = build_graph(ivb.load())
>>> owner_of(G, "maatschappelijke-onrust").name
'Urk'
>>> [m.name for m in members(G, "ambtelijke-basisteamdriehoek")]
['Afdelingen / teams Veiligheid']
"""

from __future__ import annotations

from ivb._records import Record, Records
from ivb.governance._calendar import (
    Meeting,
    MeetingCalendar,
    meeting_calendar,
)
from ivb.governance._codec import encode_node
from ivb.governance._core import (
    AlignmentLink,
    AuthorityLink,
    ChainLink,
    EscalationLink,
    Ownership,
    Responsibility,
)
from ivb.governance._diff import (
    Change,
    PolicyDiff,
    diff,
)
from ivb.governance._dot import (
    from_dot,
    to_dot,
)
from ivb.governance._errors import (
    GraphError,
    GraphFormatError,
    LeadError,
    UnknownNodeError,
    WrongKindError,
)
from ivb.governance._exports import (
    EXPORT_FORMATS,
    export_graph,
    from_graphml,
    from_node_link,
    from_popolo,
    read_graph,
    to_graphml,
    to_node_link,
    to_popolo,
)
from ivb.governance._graph import (
    GOVERNANCE_RELATIONS,
    PolicyInfo,
    build_graph,
    governance_view,
)
from ivb.governance._mermaid import (
    from_mermaid,
    to_mermaid,
)
from ivb.governance._queries import (
    Lead,
    Member,
    alignment,
    alignment_links,
    authority_links,
    authority_over,
    chain_links,
    escalation_links,
    escalation_path,
    escalation_steps,
    leads_of,
    members,
    owner_of,
    ownerships,
    partners_of,
    preparation_chain,
    resolve,
    responsibilities,
    responsibility_links,
    who_owns,
)
from ivb.governance._relations import (
    ABOUT,
    ACTOR_KINDS,
    ADDRESSES,
    ADOPTS,
    AGREED,
    ALIGNS_WITH,
    APPLIES,
    BELONGS_TO,
    BUILDS_ON,
    CARRIED_OUT_BY,
    COMMITTED_TO,
    CONCERNS,
    CONTROLS,
    COORDINATES,
    COUNTS_FOR,
    DESCRIBES,
    DREW_UP,
    EDGE_BASIS,
    EDGE_FIELD,
    EDGE_LEGAL_BASIS,
    EDGE_MODALITY,
    EDGE_QUOTE,
    EDGE_REASON,
    EDGE_RELATION,
    EDGE_SCOPE,
    EDGE_SOURCE_REF,
    EDGE_STATUS,
    EDGE_TIMING,
    ESCALATES_TO,
    FOLLOWS,
    HAS_AUTHORITY_OVER,
    HAS_MILESTONE,
    HAS_PRINCIPLE_SET,
    HAS_SUBTARGET,
    HAS_THEME,
    HELD,
    HOLDS_OFFICE,
    IN_TIER,
    INCLUDES,
    INFORMS,
    INVOLVED_IN,
    INVOLVES,
    LEADS,
    LIES_IN,
    MEASURES,
    MEMBER_OF,
    OWNS,
    POLICY_KIND,
    PREPARES,
    PRIORITISES,
    PURSUES,
    RAISED_IN,
    RELATIONS,
    RUNS,
    SERVES,
    SETS,
    SHARES,
    THROUGH_BODY,
    TOOK_PART,
    USES,
    WITHIN,
    WORKS_WITH,
)
from ivb.governance._typing import (
    GovernanceGraph,
)

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
    "EXPORT_FORMATS",
    "FOLLOWS",
    "GOVERNANCE_RELATIONS",
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
    "AlignmentLink",
    "AuthorityLink",
    "ChainLink",
    "Change",
    "EscalationLink",
    "GovernanceGraph",
    "GraphError",
    "GraphFormatError",
    "Lead",
    "LeadError",
    "Meeting",
    "MeetingCalendar",
    "Member",
    "Ownership",
    "PolicyDiff",
    "PolicyInfo",
    "Record",
    "Records",
    "Responsibility",
    "UnknownNodeError",
    "WrongKindError",
    "alignment",
    "alignment_links",
    "authority_links",
    "authority_over",
    "build_graph",
    "chain_links",
    "diff",
    "encode_node",
    "escalation_links",
    "escalation_path",
    "escalation_steps",
    "export_graph",
    "from_dot",
    "from_graphml",
    "from_mermaid",
    "from_node_link",
    "from_popolo",
    "governance_view",
    "leads_of",
    "meeting_calendar",
    "members",
    "owner_of",
    "ownerships",
    "partners_of",
    "preparation_chain",
    "read_graph",
    "resolve",
    "responsibilities",
    "responsibility_links",
    "to_dot",
    "to_graphml",
    "to_mermaid",
    "to_node_link",
    "to_popolo",
    "who_owns",
]
