"""Bring the ``ivb`` message catalogs up to date with the texts of the command line and library.

Reads every ``_("...")``, ``N_("...")`` and ``ngettext("...", "...", n)`` in
``src/ivb/cli``, and every ``Message("...")``, ``Message.counted("...", "...", n)``
and ``N_("...")`` in the rest of ``src/ivb`` (the messages the library makes:
problems, errors, migration notes), and merges them into
``src/ivb/locale/{nl,en}/LC_MESSAGES/ivb.po``:
translations already there are kept, new message ids are added (empty in
Dutch, to be translated; the same text in English), ids no longer used are
dropped. Then run ``python tools/compile_catalogs.py``. ``--check`` exits 1 when
a catalog lacks a message id or a Dutch translation. Needs Babel.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "ivb"
CLI = SRC / "cli"
LOCALE = SRC / "locale"
MARKERS = ("_", "N_", "ngettext")
#: Markers of library messages: ``Message(id, ...)``, ``Message.counted(singular, plural, n)``
#: and ``N_(id)`` for ids kept in a table.
LIBRARY_MARKERS = ("Message", "Message.counted", "Message.in_context", "N_")
#: Separates the context of a message id from the id (as in compiled catalogs).
CONTEXT = "\x04"
#: Modules whose texts belong to another domain (the progress report); only their
#: ``Message`` ids (the errors they raise) are read.
OTHER_DOMAINS = (SRC / "indicators" / "_report.py",)

Message = tuple[str, str | None]


def _marker(func: ast.expr) -> str:
    """``_``, ``Message.counted``, ...: the name a call is made through."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return ""


def extract(paths: list[Path], markers: tuple[str, ...] = MARKERS) -> list[Message]:
    """The message ids of *paths*, in order of appearance: ``(singular, plural or None)``.

    A marker called with something other than a text (``Message(text)``) adds nothing:
    such a text must be a message id marked elsewhere.
    """
    found: dict[Message, None] = {}
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            marker = _marker(node.func)
            if marker not in markers:
                continue
            plural = marker in ("ngettext", "Message.counted")
            texts = [
                a.value
                for a in node.args[: 2 if plural or marker == "Message.in_context" else 1]
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if marker == "Message.in_context" and len(texts) == 2:
                found[(texts[0] + CONTEXT + texts[1], None)] = None
            elif plural and len(texts) == 2:
                found[(texts[0], texts[1])] = None
            elif not plural and texts and texts[0]:
                found[(texts[0], None)] = None
    return list(found)


def cli_messages() -> list[Message]:
    """Every message id of the command line."""
    return extract(sorted(CLI.glob("*.py")))


def library_messages() -> list[Message]:
    """Every message id the library makes (problems, errors, notes), outside the command line."""
    paths = [p for p in sorted(SRC.rglob("*.py")) if CLI not in p.parents]
    own = extract([p for p in paths if p not in OTHER_DOMAINS], LIBRARY_MARKERS)
    # a module of another domain marks its own texts with N_; its errors are Messages
    other = extract([p for p in paths if p in OTHER_DOMAINS], ("Message", "Message.counted"))
    return list(dict.fromkeys([*own, *other]))


def all_messages() -> list[Message]:
    """The message ids of the ``ivb`` catalog: the command line's, then the library's."""
    return list(dict.fromkeys([*cli_messages(), *library_messages()]))


def _read(po: Path, lang: str) -> Catalog:
    with po.open("rb") as fh:
        return read_po(fh, locale=lang, domain="ivb")


def _split(key: str) -> tuple[str | None, str]:
    """``(context or None, message id)`` of an extracted key."""
    context, sep, singular = key.rpartition(CONTEXT)
    return (context if sep else None), singular


def update(lang: str, messages: list[Message]) -> Catalog:
    """The catalog of *lang* with exactly *messages*, old translations kept."""
    po = LOCALE / lang / "LC_MESSAGES" / "ivb.po"
    old = _read(po, lang)
    new = Catalog(
        locale=lang,
        domain="ivb",
        project="ivb",
        header_comment=old.header_comment,
        charset="utf-8",
    )
    new.fuzzy = False
    new.creation_date = old.creation_date  # the header changes only when a translator's does
    new.revision_date = old.revision_date
    for key, plural in messages:
        context, singular = _split(key)
        kept = old.get(singular, context=context)
        if kept is not None and kept.string and (plural is None) == (not kept.pluralizable):
            string = kept.string
        elif lang == "en":
            string = singular if plural is None else (singular, plural)
        else:
            string = "" if plural is None else ("", "")
        new.add(singular if plural is None else (singular, plural), string, context=context)
    with po.open("wb") as fh:
        write_po(fh, new, width=100, omit_header=False, sort_output=False)
    return new


def missing(lang: str, messages: list[Message]) -> list[str]:
    """Message ids without a translation in the catalog of *lang*."""
    catalog = _read(LOCALE / lang / "LC_MESSAGES" / "ivb.po", lang)
    out = []
    for key, _plural in messages:
        context, singular = _split(key)
        entry = catalog.get(singular, context=context)
        string = None if entry is None else entry.string
        strings = (string,) if isinstance(string, str) or string is None else tuple(string)
        if not all(strings):
            out.append(singular)
    return out


def main(argv: list[str]) -> int:
    messages = all_messages()
    if "--check" in argv:
        gaps = [(lang, m) for lang in ("nl", "en") for m in missing(lang, messages)]
        for lang, m in gaps:
            print(f"{lang}: no translation of {m!r}", file=sys.stderr)
        return 1 if gaps else 0
    for lang in ("nl", "en"):
        update(lang, messages)
        print(f"updated {lang}/LC_MESSAGES/ivb.po ({len(messages)} messages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
