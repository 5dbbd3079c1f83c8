"""The language of one ``ivb`` run: messages, labels, numbers, dates and the line width.

Every text the command line shows a person goes through :func:`_` (or
:func:`ngettext` when it counts something) with an English message id; the
``ivb`` catalog gives the Dutch. :func:`use_language` chooses the language once
per run, before the argument parser is built, so that help, headings, table
columns, labels and messages are all in that one language. Identifiers and
JSON output are never translated.

Numbers and dates are written by Babel for the language (``7,6``, ``1.225``,
``16 november 2024``); Babel is imported only when a number or date is
written, so quick queries stay quick.
"""

from __future__ import annotations

import argparse
import datetime
import gettext
import shutil
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ivb._i18n import resolve_language, translation

__all__ = [
    "ARGPARSE_MESSAGES",
    "N_",
    "_",
    "fit",
    "format_date",
    "format_number",
    "language",
    "ngettext",
    "table",
    "terminal_width",
    "use_language",
]

_state: dict[str, object] = {"lang": "en", "catalog": gettext.NullTranslations()}


def N_(message: str) -> str:
    """Mark *message* for the catalog without translating it (translated where shown)."""
    return message


def _catalog() -> gettext.NullTranslations:
    catalog = _state["catalog"]
    assert isinstance(catalog, gettext.NullTranslations)
    return catalog


def _(message: str) -> str:
    """*message* (an English message id) in the language of this run."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for *n*, in the language of this run."""
    return _catalog().ngettext(singular, plural, n)


def language() -> str:
    """The language of this run: ``"nl"`` or ``"en"``."""
    return str(_state["lang"])


#: The texts of :mod:`argparse` (usage, option groups, its errors), so that help and
#: usage errors are in the language of the run too.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Run the block in the language *lang* (``--lang``; else ``IVB_LANG`` or the locale).

    :mod:`argparse` writes its own texts (``usage:``, its errors) through the
    same catalog while the block runs.

    Raises
    ------
    ivb.UnknownLanguageError
        If *lang* or ``IVB_LANG`` names no supported language.
    """
    code = resolve_language(lang)
    saved = dict(_state)
    saved_argparse = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
    _state["lang"] = code
    _state["catalog"] = translation(code, "ivb")
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    try:
        yield code
    finally:
        _state.update(saved)
        argparse._, argparse.ngettext = saved_argparse  # type: ignore[attr-defined]


def format_number(value: float, *, digits: int | None = None) -> str:
    """*value* written for the language of this run (``1.225``, ``7,6`` in Dutch).

    With *digits*, exactly that many decimals.
    """
    from babel.numbers import format_decimal

    if isinstance(value, bool):
        return str(value)
    if digits is not None:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return str(format_decimal(value, format=pattern, locale=language()))
    return str(format_decimal(value, locale=language()))


def format_date(value: datetime.date | str) -> str:
    """A date (or an ISO date text) written out for the language: ``16 november 2024``.

    Text that is not a full ISO date (``2024``, ``2024-11``) comes back as it is.
    """
    from babel.dates import format_date as babel_date

    if isinstance(value, str):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    return str(babel_date(day, format="long", locale=language()))


# -- the width of the terminal ----------------------------------------------

#: The narrowest width that output is fitted to; below it lines are left alone.
MIN_WIDTH = 40


def terminal_width(wide: bool = False) -> int | None:
    """The width to fit output to: ``COLUMNS``, the terminal, or 80; ``None`` with *wide*."""
    if wide:
        return None
    return max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH)


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def fit(text: str, width: int | None, *, hang: int = 4) -> str:
    """*text* with every line longer than *width* wrapped at spaces.

    A wrapped line continues *hang* spaces deeper than it starts; a word longer
    than a line is cut (never lost: it continues on the next line). ``None``
    keeps lines whole (``--wide``).

    Examples
    --------
    >>> print(fit("  a b c d e f g h i j k l m n o p q r s t", 40 // 2), end="")
      a b c d e f g h i
          j k l m n o p
          q r s t
    """
    if width is None:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = _indent_of(line)
        deeper = indent + " " * hang
        if len(deeper) > width // 2:
            deeper = indent
        out.extend(
            textwrap.wrap(
                line[len(indent) :],
                width=width,
                initial_indent=indent,
                subsequent_indent=deeper,
                break_on_hyphens=False,
            )
            or [line]
        )
    return "\n".join(out)


def _wrap_cell(cell: str, width: int, hang: str = "") -> list[str]:
    # ids break after a hyphen rather than inside a word
    return textwrap.wrap(cell, width=width, subsequent_indent=hang) or [""]


def _records(rows: Sequence[Sequence[str]], width: int, indent: str) -> list[str]:
    """*rows* as blocks, one per row: its first cell, then ``title: value`` lines."""
    titles = rows[0]
    lines: list[str] = []
    for r in rows[1:]:
        lines.append("")
        lines.append(fit(indent + r[0], width))
        for title, cell in zip(titles[1:], r[1:], strict=True):
            lines.append(fit(f"{indent}  {title}: {cell}", width))
    return lines


def table(rows: Sequence[Sequence[str]], width: int | None, *, indent: str = "  ") -> list[str]:
    """*rows* (the first the column titles) as aligned lines within *width*.

    When the table is wider, the widest columns are narrowed (not below their
    longest word, nor below 12 characters) and their cells wrapped onto more
    lines (with a blank line between rows when more than a third of them
    wrap). When even that is too wide, each
    row becomes a block: its first cell, then one ``title: value`` line per
    column. ``None`` keeps every row on one line.

    Examples
    --------
    >>> rows = [["name", "kind"], ["Cybercrime en digitale veiligheid", "joint theme"]]
    >>> for line in table(rows, 32):
    ...     print(line)
      name               kind
    <BLANKLINE>
      Cybercrime en      joint theme
        digitale
        veiligheid
    >>> for line in table(rows, 20):
    ...     print(line)
    <BLANKLINE>
      Cybercrime en
          digitale
          veiligheid
        kind: joint
            theme
    """
    if not rows:
        return []
    ncols = len(rows[0])
    widths = [max(len(r[i]) for r in rows) for i in range(ncols)]
    if width is not None:
        floors = [
            min(max(12, *(len(word) for r in rows for word in r[i].split() or [""])), 24)
            for i in range(ncols)
        ]
        room = width - len(indent) - 2 * (ncols - 1)
        if sum(min(f, w) for f, w in zip(floors, widths, strict=True)) > room:
            return [line for block in _records(rows, width, indent) for line in block.split("\n")]
        while sum(widths) > room:
            narrower = [i for i in range(ncols) if widths[i] > floors[i]]
            if not narrower:
                break
            widest = max(narrower, key=lambda i: widths[i])
            widths[widest] -= 1
    # the first column continues two spaces in; rows are set apart by a blank line
    # when many of them take more than one line
    wrapped = [
        [
            _wrap_cell(c, w, "  " if i == 0 else "")
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        for r in rows
    ]
    tall = sum(any(len(cell) > 1 for cell in cells) for cells in wrapped)
    spaced = tall * 3 > len(rows)
    lines = []
    for n, cells in enumerate(wrapped):
        if spaced and n:
            lines.append("")
        for k in range(max(len(c) for c in cells)):
            parts = [
                (c[k] if k < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)
            ]
            lines.append((indent + "  ".join(parts)).rstrip())
    return lines
