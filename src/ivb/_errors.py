"""The exception hierarchy of ivb, rooted in :class:`IvbError`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "AmbiguousNameError",
    "DuplicateIdError",
    "IvbError",
    "MigrationError",
    "PolicyFileError",
    "PolicyFileNotFoundError",
    "PolicyValidationError",
    "Problem",
    "UnknownIdError",
    "close_matches",
    "validation_error",
]


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> tuple[str, ...]:
    """Return up to *n* candidates that look like *word*, best first.

    Examples
    --------
    >>> close_matches("ondermijnig", ["ondermijning", "cybercrime"])
    ('ondermijning',)
    """
    pool = sorted(set(candidates))
    found = difflib.get_close_matches(word, pool, n=n, cutoff=0.6)
    if len(found) < n:
        extra = [c for c in pool if word and word in c and c not in found]
        found.extend(extra[: n - len(found)])
    return tuple(found)


class IvbError(Exception):
    """Root of every error that ivb raises on purpose."""


@attrs.frozen
class Problem:
    """One thing wrong with a policy file or policy.

    Attributes
    ----------
    path:
        Where the problem is, as a path inside the file (``themes[2].owner``);
        ``""`` for the file as a whole.
    message:
        What was expected and what came.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class PolicyFileError(IvbError, ValueError):
    """A policy file could not be read or parsed."""


class PolicyFileNotFoundError(IvbError, FileNotFoundError):
    """The policy file does not exist or is not a file."""


class PolicyValidationError(PolicyFileError):
    """A policy (file) breaks the format: one or more :class:`Problem`.

    The message lists every problem on its own line, each with its path.
    """

    def __init__(self, problems: Sequence[Problem], *, origin: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.origin = origin
        where = f" in {origin}" if origin else ""
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}{where}:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class MigrationError(IvbError, ValueError):
    """A policy file cannot be upgraded to the current format version.

    The message names the place in the file (a path such as ``themes[0].owner``)
    and what was expected there.
    """


class UnknownIdError(IvbError, LookupError):
    """An id that names no entity of the policy.

    Attributes
    ----------
    id:
        The id that was asked for.
    suggestions:
        Known ids that look like it, best first.

    *what* names the kind looked for (``"theme"``) and *by* what it was looked
    up by (``"id"``, ``"id or name"``).
    """

    def __init__(
        self, id: str, suggestions: Sequence[str] = (), *, what: str = "entity", by: str = "id"
    ) -> None:
        self.id = id
        self.suggestions = tuple(suggestions)
        hint = (
            f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if suggestions else ""
        )
        super().__init__(f"no {what} with {by} {id!r}{hint}")

    def __str__(self) -> str:  # LookupError would quote the message otherwise
        return str(self.args[0])


class AmbiguousNameError(IvbError, LookupError):
    """A name that several entities share, none of them the one a person most likely means.

    Attributes
    ----------
    name:
        The name that was asked for.
    candidates:
        ``(kind, id)`` of every entity it may mean, in file order.

    Examples
    --------
    >>> str(AmbiguousNameError("Jeugd", [("speerpunt", "jeugd-urk"), ("trend", "jeugd")]))
    "name 'Jeugd' is ambiguous: speerpunt 'jeugd-urk', trend 'jeugd'; give the id"
    """

    def __init__(self, name: str, candidates: Sequence[tuple[str, str]]) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        listed = ", ".join(f"{kind} {ident!r}" for kind, ident in self.candidates)
        super().__init__(f"name {name!r} is ambiguous: {listed}; give the id")

    def __str__(self) -> str:  # LookupError would quote the message otherwise
        return str(self.args[0])


class DuplicateIdError(PolicyValidationError):
    """Two entities of one policy share an id."""


#: Text by which a duplicate-id problem is recognised.
DUPLICATE_MARK = "is used twice"


def validation_error(
    problems: Sequence[Problem], *, origin: str | None = None
) -> PolicyValidationError:
    """The error for *problems*: a :class:`DuplicateIdError` if any is a duplicate id."""
    dup = any(DUPLICATE_MARK in p.message for p in problems)
    return (DuplicateIdError if dup else PolicyValidationError)(problems, origin=origin)


# Shown as ``ivb.UnknownIdError`` etc. in tracebacks: the public names.
for _cls in (
    AmbiguousNameError,
    IvbError,
    Problem,
    PolicyFileError,
    PolicyFileNotFoundError,
    PolicyValidationError,
    UnknownIdError,
    DuplicateIdError,
):
    _cls.__module__ = "ivb"
del _cls
