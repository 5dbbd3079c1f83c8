"""Where every ``ivb`` command writes: standard output or a file, safely.

Output goes through here so that a full disk, a missing folder, a read-only
file or a terminal that cannot show a character gives one clear message and
exit status 1, never a traceback; and so that control characters from any
source reach a terminal escaped, never as raw escape sequences.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from ivb import IvbError
from ivb.cli._text import _, language

__all__ = [
    "RAW_COMMANDS",
    "OutputError",
    "TerminalText",
    "abandon",
    "describe_error",
    "describe_os_error",
    "dumps_json",
    "prepare_stdout",
    "report",
    "terminal_safe",
    "write_file",
]


class OutputError(IvbError, OSError):
    """The output of a command could not be written; the message says where and why."""


#: Characters a terminal or a JSON reader must not get raw: control characters other
#: than newline and tab, surrogates, line and paragraph separators, noncharacters.
_UNSAFE = re.compile(
    "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_safe(text: str, *, json_text: bool = False) -> str:
    r"""*text* with every unsafe character written as an escape.

    Newline and tab stay. In JSON text (``json_text=True``) the escapes are JSON
    escapes (``\u001b``), so the text stays valid JSON.

    Examples
    --------
    >>> terminal_safe("a\x1b[2Jb\n")
    'a\\x1b[2Jb\n'
    >>> terminal_safe('"a\x85"', json_text=True)
    '"a\\u0085"'
    """
    return _UNSAFE.sub(_json_escape if json_text else _escape, text)


class TerminalText(io.TextIOBase):
    """A text stream that escapes unsafe characters before writing to *stream*."""

    def __init__(self, stream: TextIO, *, json_text: bool = False) -> None:
        super().__init__()
        self._stream = stream
        self._json = json_text

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text, json_text=self._json))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def writable(self) -> bool:
        return True


def dumps_json(data: object) -> str:
    r"""*data* as indented, strict JSON (no ``NaN`` or ``Infinity``), non-ASCII kept.

    Raises
    ------
    OutputError
        If *data* holds a number that JSON cannot represent.

    Examples
    --------
    >>> print(dumps_json({"a": 1}))
    {
      "a": 1
    }
    >>> dumps_json({"a": float("nan")})
    Traceback (most recent call last):
    ...
    ivb.cli._output.OutputError: cannot write JSON: Out of range float values are not JSON compliant: nan
    """  # noqa: E501
    try:
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError as exc:
        raise OutputError(_("cannot write JSON: {reason}").format(reason=exc)) from None


def write_file(path: str | os.PathLike[str], text: str, *, option: str = "--output") -> Path:
    """Write *text* to *path* as UTF-8, line ends as they are; return the path.

    Raises
    ------
    OutputError
        If the file cannot be written (a missing folder, a folder, no
        permission, a full disk) or *text* cannot be encoded; the message names
        *option* and the path.
    """
    p = Path(path)
    if not str(path):
        raise OutputError(_("{option}: expected a file name, got ''").format(option=option))
    try:
        with p.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(
            _("{option}: cannot write {file!r} ({reason})").format(
                option=option, file=str(p), reason=exc.strerror or exc
            )
        ) from None
    except UnicodeEncodeError as exc:
        raise OutputError(
            _("{option}: cannot write {file!r}: character {char!r} cannot be encoded").format(
                option=option, file=str(p), char=exc.object[exc.start]
            )
        ) from None
    return p


def prepare_stdout(stream: Any) -> None:
    """Let *stream* write characters it cannot encode as escapes instead of failing."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # pragma: no cover - a closed or odd stream
            pass


def abandon(stream: Any) -> None:
    """After a failed write, point *stream* at the null device so that the
    interpreter's final flush does not fail again."""
    try:
        fd = stream.fileno()
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except OSError:  # pragma: no cover - nothing more can be done
        pass


def describe_os_error(exc: OSError) -> str:
    """A one-line description of a failed write or read."""
    what = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is not None:
        return _("cannot use {file!r} ({reason})").format(file=str(exc.filename), reason=what)
    return _("cannot write to standard output ({reason})").format(reason=what)


def _quoted(items: tuple[str, ...]) -> str:
    return ", ".join(repr(i) for i in items)


def describe_error(exc: IvbError) -> str:
    """The message of *exc* for a person, in the language of the run.

    The errors a person meets most (an unknown id, an id of the wrong kind) are
    told in the run's language from their fields (with the labels of kinds); the
    others through their message ids (:meth:`ivb.IvbError.render`).
    """
    from ivb import AmbiguousNameError, UnknownIdError
    from ivb.cli._labels import kind_label

    if isinstance(exc, AmbiguousNameError):
        return _("name {name!r} is ambiguous: {candidates}; give the id").format(
            name=exc.name,
            candidates=", ".join(f"{kind_label(kind)} {ident!r}" for kind, ident in exc.candidates),
        )
    wrong_kind = type(exc).__name__ == "WrongKindError"
    if wrong_kind and hasattr(exc, "expected") and hasattr(exc, "kind"):
        return _("expected the id of a {expected}, got {id!r}, which is a {kind}").format(
            expected=_(" or ").join(kind_label(k) for k in exc.expected),
            id=getattr(exc, "id", ""),
            kind=kind_label(str(exc.kind)),
        )
    if isinstance(exc, UnknownIdError):
        found = re.match(r"no (.+?) with id ", str(exc))
        kinds = found.group(1).split(" or ") if found else []
        if kinds in ([], ["node"], ["entity"]):
            what = _("entity")
        else:
            what = _(" or ").join(kind_label(k) for k in kinds)
        if exc.suggestions:
            return _("no {what} with id {id!r}; did you mean {suggestions}?").format(
                what=what, id=exc.id, suggestions=_quoted(exc.suggestions)
            )
        return _("no {what} with id {id!r}").format(what=what, id=exc.id)
    return exc.render(language())


#: Commands whose output is a file format (written as it is, never escaped).
RAW_COMMANDS = frozenset({"export", "schema", "report"})


def report(command: str | None, message: str) -> None:
    """Write one error message for *command* (or for ``ivb`` itself) to standard error."""
    prefix = f"ivb {command}" if command else "ivb"
    line = f"{prefix}: {terminal_safe(message)}\n"
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, ValueError):  # pragma: no cover - no standard error to write to
        pass
    except UnicodeEncodeError:
        sys.stderr.write(line.encode("ascii", "backslashreplace").decode("ascii"))
