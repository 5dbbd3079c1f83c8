"""The message ids of the progress report, read from its code and template with Babel."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "ivb"
SOURCES = (
    (SRC / "indicators" / "_report.py", "python", {}),
    (
        SRC / "templates" / "report.html.j2",
        "jinja2.ext:babel_extract",
        {"extensions": "jinja2.ext.i18n", "trimmed": "true"},
    ),
)


def report_messages() -> dict[str | tuple[str, str], list[tuple[str, int]]]:
    """Every message id (a pair for plurals) with where it stands."""
    from babel.messages.extract import extract_from_file

    out: dict[str | tuple[str, str], list[tuple[str, int]]] = {}
    for path, method, options in SOURCES:
        found = extract_from_file(
            method,
            str(path),
            keywords={"_": None, "gettext": None, "ngettext": (1, 2)},
            options=options,
        )
        for lineno, message, _comments, _context in found:
            key = message if isinstance(message, str) else (message[0], message[1])
            out.setdefault(key, []).append((f"{path.relative_to(SRC.parent)}", lineno))
    return out
