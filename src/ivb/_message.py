"""Messages made inside the library that can be told in any language of the catalogs.

A :class:`Message` *is* its English text (a :class:`str`), so ``str(problem)``,
``problem.message`` and ``str(error)`` read as they always have. It also keeps
its message id (English with named placeholders, ``"expected text, got {got}"``)
and the values for those placeholders, so that :func:`render` can tell it in
another language. A value that is itself a :class:`Message` (``"integer"``,
``"a mapping"``) is rendered too; any other value (an id, a name, a field name,
the text of the file) is written as it is.

This module imports nothing heavy: a catalog is read only when a message is
rendered in a language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["N_", "Message", "at", "join", "message_of", "render", "split_field"]


def N_(text: str) -> str:
    """Mark *text* as a message id without making a :class:`Message` of it."""
    return text


class Message(str):
    """English text that remembers its message id and parameters.

    Parameters
    ----------
    template
        The message id: English, with ``{name}`` placeholders (``{name!r}``
        quotes the value as Python does).
    **params
        The value of each placeholder.

    Examples
    --------
    >>> text = Message("{kind} {value}", kind=Message("text"), value="'x'")
    >>> m = Message("expected a list, got {got}", got=text)
    >>> m
    "expected a list, got text 'x'"
    >>> m.template, render(m, "nl")
    ('expected a list, got {got}', "verwacht een lijst, kreeg tekst 'x'")
    """

    template: str
    params: Mapping[str, Any]
    plural: str | None
    n: int | None
    context: str | None

    def __new__(cls, template: str, /, **params: Any) -> Message:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = params
        self.plural = None
        self.n = None
        self.context = None
        return self

    @classmethod
    def in_context(cls, context: str, text: str) -> Message:
        """*text* (no placeholders) as a message id of *context* (``pgettext``).

        For a word that the catalog translates otherwise where it stands alone:
        ``Message.in_context("type", "number")`` is the kind of a value.
        """
        self = cls(text)
        self.context = context
        return self

    @classmethod
    def counted(cls, singular: str, plural: str, n: int, /, **params: Any) -> Message:
        """The singular or plural form for *n*, as ``ngettext`` chooses (``{n}`` is *n*).

        Examples
        --------
        >>> Message.counted("{n} problem", "{n} problems", 2)
        '2 problems'
        """
        self = super().__new__(cls, (singular if n == 1 else plural).format(n=n, **params))
        self.template = singular
        self.params = {"n": n, **params}
        self.plural = plural
        self.n = n
        self.context = None
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, dict(self.params), self.plural, self.n, self.context))

    def __copy__(self) -> Message:
        return self

    def __deepcopy__(self, memo: object) -> Message:
        return self


def _rebuild(
    template: str,
    params: dict[str, Any],
    plural: str | None,
    n: int | None,
    context: str | None = None,
) -> Message:
    if context is not None:
        return Message.in_context(context, template)
    if plural is not None and n is not None:
        params = {k: v for k, v in params.items() if k != "n"}
        return Message.counted(template, plural, n, **params)
    return Message(template, **params)


def join(items: Iterable[str], separator: str = ", ") -> Message:
    """*items* joined by *separator*, each rendered in the language asked for later.

    Examples
    --------
    >>> render(join([Message("text"), Message("a list")], Message(" or ")), "nl")
    'tekst of een lijst'

    A *separator* that is a :class:`Message` is translated too.
    """
    parts = tuple(items)
    names = {f"p{i}": part for i, part in enumerate(parts)}
    template = "{sep}".join(f"{{p{i}}}" for i in range(len(parts)))
    return Message(template, **names, sep=separator) if parts else Message("")


def message_of(exc: BaseException) -> str:
    """The message of *exc*: its :class:`Message` when it was raised with one, else its text."""
    args = exc.args
    if len(args) == 1 and isinstance(args[0], Message):
        return args[0]
    return str(exc)


def render(text: str, lang: str) -> str:
    """*text* in the language *lang*: a :class:`Message` translated, other text as it is.

    Parameters
    ----------
    text
        A :class:`Message` or plain text.
    lang
        One of :data:`ivb._i18n.LANGUAGES`.

    Returns
    -------
    str
        Plain text. A message id the catalog lacks stays English.
    """
    if not isinstance(text, Message):
        return str(text)
    from ivb._i18n import translation

    catalog = translation(lang, "ivb")
    if text.plural is not None and text.n is not None:
        template = catalog.ngettext(text.template, text.plural, text.n)
    elif text.context is not None:
        template = catalog.pgettext(text.context, text.template)
    else:
        template = catalog.gettext(text.template) if text.template else ""
    if not text.params:
        return template
    params = {k: render(v, lang) if isinstance(v, Message) else v for k, v in text.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a catalog entry that does not fit: the English
        return text.template.format(**params) if text.plural is None else str(text)


def at(field: object, problem: str) -> Message:
    """*problem* said of *field*: ``"field: problem"``, as validators raise it.

    Examples
    --------
    >>> m = at("owner", Message("expected non-empty text, got ''"))
    >>> m, split_field(m)
    ("owner: expected non-empty text, got ''", ('owner', "expected non-empty text, got ''"))
    """
    return Message("{field}: {problem}", field=field, problem=problem)


def split_field(message: str) -> tuple[str, str]:
    """``(field, rest)`` of a message made by :func:`at` (or of plain ``"field: rest"`` text).

    The field is ``""`` when the message names none.
    """
    if isinstance(message, Message) and message.template == "{field}: {problem}":
        return str(message.params["field"]), message.params["problem"]
    head, sep, rest = message.partition(": ")
    return (head, rest) if sep else ("", message)
