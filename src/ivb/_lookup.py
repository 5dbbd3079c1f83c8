"""Finding the entity a person means: by id, then by name, with suggestions.

Shared by :meth:`ivb.Policy.find` and :func:`ivb.governance.resolve`; both give
the entries of their own index as ``(id, kind, name)``.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Sequence

from ivb._errors import AmbiguousNameError

__all__ = ["PREFERRED_KINDS", "find_id", "suggestions"]

#: When one name belongs to entities of several kinds, the kind a person most likely
#: means, first first: the priorities, then the actors.
PREFERRED_KINDS = ("theme", "speerpunt", "body", "municipality", "partner", "role")

Entry = tuple[str, str, str]


def _pick(text: str, matches: Sequence[Entry]) -> str | None:
    """The id among *matches* (entries named *text*) a person means; ambiguity raises."""
    if not matches:
        return None
    for kind in PREFERRED_KINDS:
        of_kind = [m for m in matches if m[1] == kind]
        if len(of_kind) == 1:
            return of_kind[0][0]
        if of_kind:
            raise AmbiguousNameError(text, [(k, i) for i, k, _ in of_kind])
    if len(matches) == 1:
        return matches[0][0]
    raise AmbiguousNameError(text, [(k, i) for i, k, _ in matches])


def find_id(text: str, entries: Iterable[Entry], kinds: Collection[str] = ()) -> str | None:
    """The id that *text* names among *entries* (of *kinds*, if given), or ``None``.

    An exact id wins; then an exact name, then a name equal but for case and
    spacing. Where several entities share that name, the first kind of
    :data:`PREFERRED_KINDS` among them wins.

    Raises
    ------
    AmbiguousNameError
        If the name belongs to several entities of the winning kind (or, none of
        them of a preferred kind, to several entities).

    Examples
    --------
    >>> entries = [("ondermijning", "theme", "Ondermijning"),
    ...            ("sessie-ondermijning", "session", "Ondermijning")]
    >>> find_id("Ondermijning", entries)
    'ondermijning'
    >>> find_id("sessie-ondermijning", entries)
    'sessie-ondermijning'
    >>> find_id("ONDERMIJNING", entries, kinds=("session",))
    'sessie-ondermijning'
    """
    pool = [e for e in entries if not kinds or e[1] in kinds]
    for ident, _, _ in pool:
        if ident == text:
            return ident
    exact = [e for e in pool if e[2] == text]
    if exact:
        return _pick(text, exact)
    folded = " ".join(text.split()).casefold()
    return _pick(text, [e for e in pool if " ".join(e[2].split()).casefold() == folded])


def suggestions(text: str, entries: Iterable[Entry], n: int = 3) -> tuple[str, ...]:
    """Up to *n* ids that *text* may mean: ids or names containing it, then ids like it.

    Ids and names that contain *text* (any case) come first, those that start
    with it before the others, shorter before longer; then ids that look like
    *text* (:func:`difflib.get_close_matches`).

    Examples
    --------
    >>> entries = [("polarisatie", "trend", "Polarisatie"),
    ...            ("politie-midden-nederland", "partner", "Politie Midden-Nederland")]
    >>> suggestions("politie", entries)
    ('politie-midden-nederland', 'polarisatie')
    """
    pool = list(entries)
    word = " ".join(text.split()).casefold()
    found: dict[str, None] = {}
    if word:
        hits: list[tuple[int, int, str]] = []
        for ident, _, name in pool:
            best: tuple[int, int] | None = None
            for label in (ident, name.casefold()):
                at = label.find(word)
                if at >= 0:
                    rank = (0 if at == 0 else 1, len(label))
                    best = rank if best is None else min(best, rank)
            if best is not None:
                hits.append((*best, ident))
        for *_, ident in sorted(hits):
            found.setdefault(ident, None)
    ids = sorted({ident for ident, _, _ in pool})
    for ident in difflib.get_close_matches(text, ids, n=n, cutoff=0.6):
        found.setdefault(ident, None)
    return tuple(found)[:n]
