"""Compile the message catalogs (``.po``) of ``src/ivb/locale`` to ``.mo``.

Run ``python tools/compile_catalogs.py`` after editing a ``.po`` file;
``--check`` exits 1 when a ``.mo`` file is missing or out of date.
Needs Babel (in the ``dev`` and ``test`` extras).
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "ivb" / "locale"


def compiled(po: Path) -> bytes:
    """Return the ``.mo`` bytes of *po* (fuzzy entries left out).

    The result depends on the ``.po`` file alone: a date header the file does not
    give is written as the epoch, not as the time of the run.
    """
    text = po.read_bytes()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=po.parent.parent.name, domain=po.stem)
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    if b"POT-Creation-Date:" not in text:
        catalog.creation_date = epoch
    if b"PO-Revision-Date:" not in text:
        catalog.revision_date = epoch
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _messages(data: bytes) -> tuple[dict[object, str], str | None]:
    """The translations of compiled catalog *data* and its plural rule.

    The header entry is left out of the comparison but for its plural rule: Babel writes
    its own version into it, which says nothing about the messages.
    """
    translations = gettext.GNUTranslations(io.BytesIO(data))
    messages = dict(translations._catalog)  # type: ignore[attr-defined]
    messages.pop("", None)
    return messages, translations.info().get("plural-forms")


def current(mo: Path, data: bytes) -> bool:
    """Whether the compiled file *mo* holds the same messages as *data*."""
    if not mo.is_file():
        return False
    existing = mo.read_bytes()
    return existing == data or _messages(existing) == _messages(data)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        data = compiled(po)
        if current(mo, data):
            continue
        if check:
            stale.append(mo)
        else:
            mo.write_bytes(data)
            print(f"wrote {mo.relative_to(LOCALE.parent.parent.parent)}")
    for mo in stale:
        print(f"out of date: {mo}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
