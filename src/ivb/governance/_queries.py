"""Queries on the governance graph: graph first, as in networkx.

Queries that answer with one or a few entities return model objects; those
that answer with a table return a :class:`pandas.DataFrame` with a fixed
column order and a stable row order. pandas is imported only inside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ivb.governance import _core
from ivb.model import ConsultationBody, Municipality, Partner, Role

if TYPE_CHECKING:
    import pandas as pd

    from ivb.governance._typing import GovernanceGraph

__all__ = [
    "alignment",
    "authority_over",
    "escalation_path",
    "escalation_steps",
    "leads_of",
    "members",
    "owner_of",
    "partners_of",
    "preparation_chain",
    "responsibilities",
    "who_owns",
]


def frame(records: Sequence[Any], cls: type) -> pd.DataFrame:
    """A DataFrame of attrs *records* of class *cls*, one column per field, in field order."""
    import pandas as pd

    columns = [a.name for a in attrs.fields(cls)]
    return pd.DataFrame({c: [getattr(r, c) for r in records] for c in columns}, columns=columns)


def owner_of(G: GovernanceGraph, theme: str) -> Municipality | Role | ConsultationBody:
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
    found: Municipality | Role | ConsultationBody = _core.owner(G, theme)
    return found


def leads_of(G: GovernanceGraph, theme: str) -> tuple[Municipality | Role | ConsultationBody, ...]:
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
    return tuple(G.nodes[n]["obj"] for n in _core.lead_ids(G, theme))


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
    return frame(_core.ownerships(G), _core.Ownership)


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
        Columns ``actor``, ``relation``, ``id``, ``kind``, ``name`` and
        ``detail`` (the scope of an authority; the action field naming the
        actor for ``'involved-in'``). Rows follow the relations in the order
        ``owns, prioritises, shares, coordinates, member-of,
        has-authority-over, adopts, controls, prepares, informs, runs, sets,
        agreed``, then ``involved-in`` (the actions and milestones that
        involve the actor), each in graph order.

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
    >>> df = responsibilities(build_graph(ivb.load()), "burgemeester")
    >>> df[["relation", "id"]].head(2).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['member-of', 'districtelijk-veiligheidscollege-flevoland'],
     ['has-authority-over', 'politie-midden-nederland']]
    """
    return frame(
        _core.responsibility_links(G, actor, stated_only=stated_only), _core.Responsibility
    )


def members(G: GovernanceGraph, body: str, *, stated_only: bool = False) -> tuple[Any, ...]:
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
    >>> [m.id for m in members(G, "districtelijk-veiligheidscollege-flevoland")]
    ['burgemeester', 'openbaar-ministerie', 'politie-midden-nederland']
    """
    return _core.member_objects(G, body, stated_only=stated_only)


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
    return frame(_core.chain_links(G, body, stated_only=stated_only), _core.ChainLink)


def escalation_path(
    G: GovernanceGraph, start: str, *, stated_only: bool = False
) -> tuple[Any, ...]:
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
    tuple
        Model objects, *start* first.

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
    return _core.escalation(G, start, stated_only=stated_only)


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
    return frame(_core.authority_links(G, actor, stated_only=stated_only), _core.AuthorityLink)


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
    return tuple(_core.partner_objects(G, theme_or_speerpunt, stated_only=stated_only))


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
    return frame(_core.alignment_links(G, theme, stated_only=stated_only), _core.AlignmentLink)


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
    return frame(_core.escalation_links(G, start, stated_only=stated_only), _core.EscalationLink)
