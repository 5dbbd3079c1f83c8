"""Bring the ``ivb`` message catalogs up to date with the texts of the command line.

Reads every ``_("...")``, ``N_("...")`` and ``ngettext("...", "...", n)`` in
``src/ivb/cli`` and merges them into ``src/ivb/locale/{nl,en}/LC_MESSAGES/ivb.po``:
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
CLI = ROOT / "src" / "ivb" / "cli"
LOCALE = ROOT / "src" / "ivb" / "locale"
MARKERS = ("_", "N_", "ngettext")

Message = tuple[str, str | None]


def extract(paths: list[Path]) -> list[Message]:
    """The message ids of *paths*, in order of appearance: ``(singular, plural or None)``."""
    found: dict[Message, None] = {}
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
            ):
                continue
            texts = [
                a.value
                for a in node.args[: 2 if node.func.id == "ngettext" else 1]
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if node.func.id == "ngettext" and len(texts) == 2:
                found[(texts[0], texts[1])] = None
            elif node.func.id != "ngettext" and texts:
                found[(texts[0], None)] = None
    return list(found)


def cli_messages() -> list[Message]:
    """Every message id of the command line."""
    return extract(sorted(CLI.glob("*.py")))


def _read(po: Path, lang: str) -> Catalog:
    with po.open("rb") as fh:
        return read_po(fh, locale=lang, domain="ivb")


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
    for singular, plural in messages:
        kept = old.get(singular)
        if kept is not None and kept.string and (plural is None) == (not kept.pluralizable):
            string = kept.string
        elif lang == "en":
            string = singular if plural is None else (singular, plural)
        else:
            string = "" if plural is None else ("", "")
        new.add(singular if plural is None else (singular, plural), string)
    with po.open("wb") as fh:
        write_po(fh, new, width=100, omit_header=False, sort_output=False)
    return new


def missing(lang: str, messages: list[Message]) -> list[str]:
    """Message ids without a translation in the catalog of *lang*."""
    catalog = _read(LOCALE / lang / "LC_MESSAGES" / "ivb.po", lang)
    out = []
    for singular, _plural in messages:
        entry = catalog.get(singular)
        string = None if entry is None else entry.string
        strings = (string,) if isinstance(string, str) or string is None else tuple(string)
        if not all(strings):
            out.append(singular)
    return out


def main(argv: list[str]) -> int:
    messages = cli_messages()
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
