"""Queries on the governance graph: graph first, as in networkx.

Queries that answer with one or a few entities return model objects (typed);
those that answer with a table come in two forms: the records, a
:class:`~ivb.governance.Records` of frozen result records that needs no pandas
(:func:`ownerships`, :func:`responsibility_links`, :func:`chain_links`,
:func:`authority_links`, :func:`alignment_links`), and the same as a
:class:`pandas.DataFrame` (:func:`who_owns`, :func:`responsibilities`,
:func:`preparation_chain`, :func:`authority_over`, :func:`alignment`), which is
the records' ``to_frame()``. pandas is imported only then.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, TypeAlias, cast

from ivb._lookup import find_id, suggestions
from ivb._records import Records
from ivb.governance import _core
from ivb.governance._core import (
    AlignmentLink,
    AuthorityLink,
    ChainLink,
    EscalationLink,
    Ownership,
    Responsibility,
)
from ivb.governance._errors import UnknownNodeError
from ivb.model import ConsultationBody, Entity, Municipality, Partner, Role

if TYPE_CHECKING:
    import pandas as pd

    from ivb.governance._typing import GovernanceGraph

__all__ = [
    "Lead",
    "Member",
    "alignment",
    "alignment_links",
    "authority_links",
    "authority_over",
    "chain_links",
    "escalation_path",
    "escalation_steps",
    "leads_of",
    "members",
    "owner_of",
    "ownerships",
    "partners_of",
    "preparation_chain",
    "resolve",
    "responsibilities",
    "responsibility_links",
    "who_owns",
]

#: What can lead a theme or speerpunt.
Lead: TypeAlias = Municipality | Role | ConsultationBody
#: What can sit on a consultation body.
Member: TypeAlias = Municipality | Role | Partner | ConsultationBody


def resolve(G: GovernanceGraph, text: str, kinds: Collection[str] = ()) -> str:
    """The id of the node that *text* names: its id, or its name.

    The lookup of :meth:`ivb.Policy.find`: an exact id wins; then an exact
    name, then a name equal but for case and spacing; where entities of several
    kinds share the name, a theme is meant before a speerpunt, a body, a
    municipality, a partner and a role.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    text:
        An id or a name.
    kinds:
        If given, the node must be of one of these kinds.

    Returns
    -------
    str
        The node id.

    Raises
    ------
    UnknownNodeError
        If nothing matches; naming ids and names that contain *text* or look like it.
    WrongKindError
        If *text* is the id of a node of another kind.
    AmbiguousNameError
        If the name belongs to several nodes of the kind meant.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> G = build_graph(ivb.load())
    >>> resolve(G, "Ondermijning")
    'ondermijning'
    >>> resolve(G, "zorg-en-veiligheidshuis")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ivb.governance.UnknownNodeError: no node with id 'zorg-en-veiligheidshuis'; did you mean \
'zorg-en-veiligheidshuis-flevoland'...?
    """
    if text in G:
        _core.find_node(G, text, kinds)
        return text
    entries = [
        (str(n), str(d.get("kind", "")), str(d.get("name", n)))
        for n, d in G.nodes(data=True)
        if isinstance(n, str)
    ]
    found = find_id(text, entries, kinds)
    if found is not None:
        return found
    pool = [e for e in entries if not kinds or e[1] in kinds]
    raise UnknownNodeError(text, suggestions(text, pool), what=" or ".join(kinds) or "node")


def ownerships(G: GovernanceGraph, ids: Collection[str] = ()) -> Records[Ownership]:
    """Every theme and speerpunt (or those of *ids*) with tier, leads, owner and coordinators.

    The records of :func:`who_owns`; ``ownerships(G).to_frame()`` is its frame.

    Raises
    ------
    UnknownNodeError, WrongKindError
        If an id of *ids* names no theme or speerpunt.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> [(o.id, o.owner) for o in ownerships(build_graph(ivb.load()), ["ondermijning"])]
    [('ondermijning', 'dronten')]
    """
    return Records(_core.ownerships(G, ids), of=Ownership)


def responsibility_links(
    G: GovernanceGraph, actor: str, *, stated_only: bool = False
) -> Records[Responsibility]:
    """The records of :func:`responsibilities`: one per thing the actor answers for.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> links = responsibility_links(build_graph(ivb.load()), "politie-midden-nederland")
    >>> [(link.relation, link.detail) for link in links][:4]  # doctest: +NORMALIZE_WHITESPACE
    [('member-of', None), ('agreed', None), ('involved-in', 'partners'),
     ('involved-in', 'actors')]
    """
    return Records(_core.responsibility_links(G, actor, stated_only=stated_only), of=Responsibility)


def chain_links(G: GovernanceGraph, body: str, *, stated_only: bool = False) -> Records[ChainLink]:
    """The records of :func:`preparation_chain`: one per ``prepares`` or ``informs`` edge."""
    return Records(_core.chain_links(G, body, stated_only=stated_only), of=ChainLink)


def authority_links(
    G: GovernanceGraph, actor: str, *, stated_only: bool = False
) -> Records[AuthorityLink]:
    """The records of :func:`authority_over`: authority held, then held over the actor."""
    return Records(_core.authority_links(G, actor, stated_only=stated_only), of=AuthorityLink)


def escalation_links(
    G: GovernanceGraph, start: str, *, stated_only: bool = False
) -> Records[EscalationLink]:
    """The records of :func:`escalation_steps`: one per step, with its modality."""
    return Records(_core.escalation_links(G, start, stated_only=stated_only), of=EscalationLink)


def alignment_links(
    G: GovernanceGraph, theme: str, *, stated_only: bool = False
) -> Records[AlignmentLink]:
    """The records of :func:`alignment`: agenda themes served, agendas built on."""
    return Records(_core.alignment_links(G, theme, stated_only=stated_only), of=AlignmentLink)


def owner_of(G: GovernanceGraph, theme: str) -> Lead:
    """The one actor answerable for a theme or speerpunt: its single lead.

    A speerpunt without leads that belongs to one municipality is owned by that
    municipality. Use :func:`leads_of` for priorities with no or several leads.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    theme:
        Id of a theme or a speerpunt.

    Returns
    -------
    Municipality or Role or ConsultationBody

    Raises
    ------
    UnknownNodeError
        If no node has the id; the message names close matches.
    WrongKindError
        If the id names no theme or speerpunt.
    LeadError
        If the priority has no lead (stated or not) or several leads.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> G = build_graph(ivb.load())
    >>> owner_of(G, "ondermijning").name
    'Dronten'
    >>> owner_of(G, "cybercrime").name
    'Noordoostpolder'
    """
    found: Lead = _core.owner(G, theme)
    return found


def leads_of(G: GovernanceGraph, theme: str) -> tuple[Lead, ...]:
    """The leads of a theme or speerpunt (e.g. its thematrekker): none, one or several.

    An empty tuple means no lead; the priority's ``no_lead`` field tells
    whether the policy says so explicitly or does not say.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    theme:
        Id of a theme or a speerpunt.

    Returns
    -------
    tuple
        The model objects of the leads, in the order the policy lists them.

    Raises
    ------
    UnknownNodeError
        If no node has the id; the message names close matches.
    WrongKindError
        If the id names no theme or speerpunt.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> [m.name for m in leads_of(build_graph(ivb.load()), "maatschappelijke-onrust")]
    ['Urk']
    """
    return tuple(cast(Lead, G.nodes[n]["obj"]) for n in _core.lead_ids(G, theme))


def who_owns(G: GovernanceGraph) -> pd.DataFrame:
    """Every theme and speerpunt with its owner and coordinators.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``kind`` (``'theme'`` or ``'speerpunt'``), ``name``,
        ``owner`` and ``owner_name`` (the municipality), ``coordinators`` and
        ``coordinator_names`` (tuples, in the order the policy lists them).
        The themes first, then the speerpunten, each in file order.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> df = who_owns(build_graph(ivb.load()))
    >>> df.loc[df.kind == "theme", "owner"].tolist()
    ['noordoostpolder', 'dronten', 'urk']
    """
    return ownerships(G).to_frame()


def responsibilities(G: GovernanceGraph, actor: str, *, stated_only: bool = False) -> pd.DataFrame:
    """All that an actor owns, leads, sits on, has authority over, and the actions it is in.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    actor:
        Id of a municipality, role, partner or body.
    stated_only:
        Leave out what the policy derives rather than states (rows whose
        ``basis`` is not ``'stated'``).

    Returns
    -------
    pandas.DataFrame
        Columns ``actor``, ``relation``, ``id``, ``kind``, ``name``,
        ``detail`` (the scope of an authority or coordination; the fields
        naming the actor for ``'involved-in'``), ``basis`` (``'stated'``,
        ``'derived'`` or ``'ambiguous'``) and ``modality`` (``None``,
        ``'possible'`` or ``'planned'``). Rows follow the relations in the
        order ``owns, prioritises, shares, coordinates, leads, member-of,
        has-authority-over, adopts, controls, holds-office, prepares, informs,
        runs, uses, sets, agreed, drew-up, committed-to``, then
        ``involved-in`` (the actions the actor carries out or works with and
        the milestones that involve it: one row per action or milestone),
        each in graph order.

    Raises
    ------
    UnknownNodeError
        If no node has the id.
    WrongKindError
        If the id names no actor.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> df = responsibilities(build_graph(ivb.load()), "burgemeester-dronten")
    >>> df[["relation", "id"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['member-of', 'districtelijk-veiligheidscollege-flevoland'],
     ['holds-office', 'burgemeester']]
    """
    return responsibility_links(G, actor, stated_only=stated_only).to_frame()


def members(G: GovernanceGraph, body: str, *, stated_only: bool = False) -> tuple[Member, ...]:
    """The actors that sit on a consultation body, in the order the body lists them.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    body:
        Id of a consultation body.
    stated_only:
        Leave out what the policy derives rather than states (rows whose
        ``basis`` is not ``'stated'``).

    Returns
    -------
    tuple
        Model objects: :class:`~ivb.model.Municipality`, :class:`~ivb.model.Role`,
        :class:`~ivb.model.Partner` or :class:`~ivb.model.ConsultationBody`.

    Raises
    ------
    UnknownNodeError
        If no node has the id.
    WrongKindError
        If the id names no body.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> G = build_graph(ivb.load())
    >>> seated = members(G, "districtelijk-veiligheidscollege-flevoland")
    >>> [m.id for m in seated]  # doctest: +NORMALIZE_WHITESPACE
    ['burgemeester-dronten', 'burgemeester-noordoostpolder', 'burgemeester-urk',
     'openbaar-ministerie', 'politie-midden-nederland']
    """
    return cast("tuple[Member, ...]", _core.member_objects(G, body, stated_only=stated_only))


def preparation_chain(G: GovernanceGraph, body: str, *, stated_only: bool = False) -> pd.DataFrame:
    """What feeds a decision body: who prepares or informs it, transitively.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    body:
        Id of the body (or of another actor, such as a role that is informed).
    stated_only:
        Leave out what the policy derives rather than states (rows whose
        ``basis`` is not ``'stated'``).

    Returns
    -------
    pandas.DataFrame
        One row per ``prepares`` or ``informs`` edge on the way in: ``depth``
        (1 for what feeds *body* directly), ``id``, ``kind``, ``name``,
        ``relation`` and ``feeds`` (the id it prepares or informs). Nearest
        first; within a depth in graph order. Empty if nothing feeds it.

    Raises
    ------
    UnknownNodeError
        If no node has the id.
    WrongKindError
        If the id names no actor.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> G = build_graph(ivb.load())
    >>> chain = preparation_chain(G, "districtelijk-veiligheidscollege-flevoland")
    >>> chain[["depth", "id", "relation"]].values.tolist()
    [[1, 'ambtelijk-vooroverleg', 'prepares']]
    """
    return chain_links(G, body, stated_only=stated_only).to_frame()


def escalation_path(
    G: GovernanceGraph, start: str, *, stated_only: bool = False
) -> tuple[Entity, ...]:
    """Where a case escalates from *start*: *start* first, then each step up.

    Follows ``escalates-to`` edges breadth first, each node once.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    start:
        Id of a body (or any node).
    stated_only:
        Leave out what the policy derives rather than states (rows whose
        ``basis`` is not ``'stated'``).

    Returns
    -------
    tuple of Entity
        Model objects (bodies, partners, ...), *start* first.

    Raises
    ------
    UnknownNodeError
        If no node has the id.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> G = build_graph(ivb.load())
    >>> [x.name for x in escalation_path(G, "zorg-en-veiligheidstafel-urk")]
    ['Zorg- en Veiligheidstafel', 'Zorg- en Veiligheidshuis Flevoland']
    """
    return cast("tuple[Entity, ...]", _core.escalation(G, start, stated_only=stated_only))


def authority_over(G: GovernanceGraph, actor: str, *, stated_only: bool = False) -> pd.DataFrame:
    """Legal authority that an actor holds, and that is held over it.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    actor:
        Id of a role (the holder), or of the actor under authority (e.g. the police).
    stated_only:
        Leave out what the policy derives rather than states (rows whose
        ``basis`` is not ``'stated'``).

    Returns
    -------
    pandas.DataFrame
        Columns ``holder``, ``holder_name``, ``over``, ``over_name``,
        ``scope``, ``legal_basis`` (a tuple) and ``source``. Authority the
        actor holds first, then authority over it, each in graph order.

    Raises
    ------
    UnknownNodeError
        If no node has the id.
    WrongKindError
        If the id names no actor.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> G = build_graph(ivb.load())
    >>> authority_over(G, "politie-midden-nederland")[["holder", "scope"]].values.tolist()[1]
    ['officier-van-justitie', 'strafrechtelijke handhaving']
    """
    return authority_links(G, actor, stated_only=stated_only).to_frame()


def partners_of(
    G: GovernanceGraph, theme_or_speerpunt: str, *, stated_only: bool = False
) -> tuple[Partner, ...]:
    """The partners a theme or speerpunt works with.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    theme_or_speerpunt:
        Id of a theme or speerpunt.
    stated_only:
        Leave out what the policy derives rather than states (rows whose
        ``basis`` is not ``'stated'``).

    Returns
    -------
    tuple of Partner
        Partners its actions involve, in the order of the actions, then
        partners that coordinate it; each once.

    Raises
    ------
    UnknownNodeError
        If no node has the id.
    WrongKindError
        If the id names no theme or speerpunt.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> G = build_graph(ivb.load())
    >>> "veiligheidscoalitie-midden-nederland" in [p.id for p in partners_of(G, "ondermijning")]
    True
    """
    return cast(
        "tuple[Partner, ...]",
        tuple(_core.partner_objects(G, theme_or_speerpunt, stated_only=stated_only)),
    )


def alignment(G: GovernanceGraph, theme: str, *, stated_only: bool = False) -> pd.DataFrame:
    """Which agenda themes, at which level, a theme serves; and the agendas it builds on.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    theme:
        Id of a theme (a speerpunt has no alignment and gives an empty frame).
    stated_only:
        Leave out what the policy derives rather than states (rows whose
        ``basis`` is not ``'stated'``).

    Returns
    -------
    pandas.DataFrame
        Columns ``theme``, ``relation`` (``'aligns-with'`` an agenda theme,
        ``'builds-on'`` an agenda), ``level`` (``national``, ``regional``,
        ``district``, ``local``), ``agenda``, ``agenda_name``,
        ``agenda_theme`` and ``agenda_theme_name`` (``None`` for
        ``builds-on``). National first; within a level, alignments before
        agendas built on, each in the order the theme lists them.

    Raises
    ------
    UnknownNodeError
        If no node has the id.
    WrongKindError
        If the id names no theme or speerpunt.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> df = alignment(build_graph(ivb.load()), "ondermijning")
    >>> sorted(set(df.level))
    ['district', 'national', 'regional']
    """
    return alignment_links(G, theme, stated_only=stated_only).to_frame()


def escalation_steps(G: GovernanceGraph, start: str, *, stated_only: bool = False) -> pd.DataFrame:
    """The steps of an escalation path, each with whether it is a rule or a possibility.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    start:
        Id of a body (or any node).
    stated_only:
        Leave out steps the policy derives rather than states.

    Returns
    -------
    pandas.DataFrame
        One row per step: ``depth``, ``source`` (where the case is), ``id``,
        ``kind``, ``name``, ``modality`` (``'possible'`` where the source says
        a case *can* be escalated, else None) and ``basis``. Breadth first.

    Raises
    ------
    UnknownNodeError
        If no node has the id.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> steps = escalation_steps(build_graph(ivb.load()), "zorg-en-veiligheidstafel-urk")
    >>> print(steps[["id", "modality"]].to_string(index=False))
                                   id modality
    zorg-en-veiligheidshuis-flevoland possible
    """
    return escalation_links(G, start, stated_only=stated_only).to_frame()
