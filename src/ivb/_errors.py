"""The exception hierarchy of ivb, rooted in :class:`IvbError`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import attrs

from ivb._message import Message, join, message_of, render

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
    """Root of every error that ivb raises on purpose.

    Its message is English (``str(error)``); :meth:`render` tells it in another
    language of the catalogs.
    """

    def render(self, lang: str) -> str:
        """The message of this error in the language *lang* (``"nl"`` or ``"en"``).

        Parts taken from the data (ids, names, field names, the text of a
        file) stay as they are; a message without a catalog entry stays English.
        """
        return render(message_of(self), lang)


@attrs.frozen
class Problem:
    """One thing wrong with a policy file or policy.

    Attributes
    ----------
    path:
        Where the problem is, as a path inside the file (``themes[2].owner``);
        ``""`` for the file as a whole.
    message:
        What was expected and what came, in English. When it is a
        :class:`~ivb._message.Message` (as every problem ivb finds is), it also
        keeps its message id and parameters, and :meth:`render` tells it in
        another language.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def render(self, lang: str) -> str:
        """This problem (path and message) in the language *lang*; the path stays as it is.

        Examples
        --------
        >>> from ivb._message import Message
        >>> Problem("themes[0].owner", Message("expected text, got {got}", got="5")).render("nl")
        'themes[0].owner: verwacht tekst, kreeg 5'
        """
        text = render(self.message, lang)
        return f"{self.path}: {text}" if self.path else text


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
        count = len(self.problems)
        self.head: Message = (
            Message.counted(
                "{n} problem in {origin}:", "{n} problems in {origin}:", count, origin=origin
            )
            if origin
            else Message.counted("{n} problem:", "{n} problems:", count)
        )
        super().__init__("\n".join([self.head, *(f"  {p}" for p in self.problems)]))

    def __reduce__(self) -> tuple[object, ...]:
        return (_remake_validation_error, (type(self), self.problems, self.origin))

    def render(self, lang: str) -> str:
        """The head line and every problem in the language *lang*."""
        lines = [render(self.head, lang), *(f"  {p.render(lang)}" for p in self.problems)]
        return "\n".join(lines)


def _remake_validation_error(
    cls: type[PolicyValidationError], problems: Sequence[Problem], origin: str | None
) -> PolicyValidationError:
    return cls(problems, origin=origin)


class MigrationError(IvbError, ValueError):
    """A policy file cannot be upgraded to the current format version.

    The message names the place in the file (a path such as ``themes[0].owner``)
    and what was expected there.
    """


#: The words of a lookup message that are not the kind of an entity.
_LOOKUP_WORDS = {
    "entity": Message("entity"),
    "id": Message("id"),
    "id or name": Message("id or name"),
    "theme or speerpunt": Message("theme or speerpunt"),
    "municipality": Message("municipality"),
}


def _lookup_words(text: str) -> str:
    """*text* with the words of :data:`_LOOKUP_WORDS` (and " or ") as messages."""
    if text in _LOOKUP_WORDS or " or " not in text:
        return _LOOKUP_WORDS.get(text, text)
    return join([_LOOKUP_WORDS.get(t, t) for t in text.split(" or ")], Message(" or "))


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
        what = _lookup_words(what)
        by = _lookup_words(by)
        if suggestions:
            message = Message(
                "no {what} with {by} {id!r}; did you mean {suggestions}?",
                what=what,
                by=by,
                id=id,
                suggestions=", ".join(repr(s) for s in self.suggestions),
            )
        else:
            message = Message("no {what} with {by} {id!r}", what=what, by=by, id=id)
        super().__init__(message)

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
        super().__init__(
            Message(
                "name {name!r} is ambiguous: {candidates}; give the id",
                name=name,
                candidates=listed,
            )
        )

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
