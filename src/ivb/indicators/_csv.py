"""Reading CSV files of measurements and statistics strictly.

Every CSV source of ivb reads through :func:`read_csv_table`: it detects the
encoding (UTF-8, UTF-8 with BOM, UTF-16 with BOM, Windows-1252 as spreadsheet
programs save it), sniffs the separator, and refuses what would otherwise give a
silently wrong table: a row with more or fewer fields than the header, a cell
with control characters, an unreadable file. Every message names the file and
the line.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ivb._message import Message, at, message_of
from ivb.indicators._errors import IndicatorError

__all__ = ["CsvTable", "check_numbers", "decode", "read_csv_table", "refuse_duplicates"]

#: Largest CSV file ivb reads, in bytes.
MAX_CSV_BYTES = 512 * 1024 * 1024

#: Largest size of a number ivb reads from a CSV file: beyond it, a number is a mistake
#: (no statistic of a municipality comes near) and charts cannot scale it.
MAX_ABS_VALUE = 1e15

_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u2028\\u2029]")


def decode(data: bytes, *, what: str, error: type[IndicatorError]) -> tuple[str, str]:
    """The text of *data* and the encoding it was read in.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised by their
    bytes; text that is no UTF-8 is read as Windows-1252 when every byte is
    defined there.

    Examples
    --------
    >>> from ivb.indicators import MeasurementsError
    >>> decode("a;b\\n".encode("utf-16"), what="f.csv", error=MeasurementsError)
    ('a;b\\n', 'utf-16')
    >>> decode("é".encode("cp1252"), what="f.csv", error=MeasurementsError)
    ('é', 'cp1252')
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            last = exc
    raise error(
        at(
            what,
            Message(
                "expected text in UTF-8, UTF-16 (with BOM) or Windows-1252, got the undecodable "
                "byte {data!r} at offset {start}",
                data=data[last.start : last.start + 1],
                start=last.start,
            ),
        )
    ) from None


def _separator(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


class CsvTable:
    """The cells of a CSV file as text, with the line each row starts on.

    Attributes
    ----------
    frame:
        One text column per header field.
    lines:
        The line number (1-based, in the file) of each row of *frame*.
    what:
        The name of the file, for messages.
    encoding:
        The encoding the file was read in.
    """

    __slots__ = ("encoding", "frame", "lines", "what")

    def __init__(self, frame: pd.DataFrame, lines: np.ndarray, what: str, encoding: str) -> None:
        self.frame = frame
        self.lines = lines
        self.what = what
        self.encoding = encoding

    def line(self, row: int) -> int:
        """The line of row *row* (0-based) of :attr:`frame`."""
        return int(self.lines[row])


def read_csv_table(
    path: str | os.PathLike[str], *, error: type[IndicatorError], what: str | None = None
) -> CsvTable:
    """Read a CSV file into text cells, strictly.

    Parameters
    ----------
    path:
        The file.
    error:
        The error class to raise (e.g. :class:`MeasurementsError`).
    what:
        Name of the file in messages (default: its path).

    Returns
    -------
    CsvTable

    Raises
    ------
    IndicatorError
        Of class *error*: if the file is missing, unreadable, too large, in no
        known encoding, has no header, a duplicate or empty column name, a row
        whose field count differs from the header, or a control character in a
        cell; the message names the line (and column).
    """
    p = Path(path)
    name = what or str(p)
    if not os.fspath(path):
        raise error(Message("expected the path of a CSV file, got ''"))
    try:
        if not p.is_file():
            raise error(
                at(name, Message("no such file") if not p.exists() else Message("is not a file"))
            )
        if p.stat().st_size > MAX_CSV_BYTES:
            raise error(
                at(
                    name,
                    Message("expected at most {max_csv_bytes} bytes", max_csv_bytes=MAX_CSV_BYTES),
                )
            )
        data = p.read_bytes()
    except OSError as exc:
        raise error(
            at(name, Message("cannot be read ({value})", value=exc.strerror or exc))
        ) from None
    text, encoding = decode(data, what=name, error=error)
    first_line = text.split("\n", 1)[0]
    sep = _separator(first_line)
    physical = text.splitlines(keepends=True)
    try:
        records = list(csv.reader(physical, delimiter=sep, strict=True))
    except csv.Error:
        records = []  # the careful pass below names the line
    if len(records) == len(physical):  # one record a line: line numbers are positions
        header, rows, lines = _fast_rows(records, name=name, error=error)
    else:  # quoted line breaks or a broken quote: follow the reader line by line
        header, rows, lines = _careful_rows(physical, sep, name=name, error=error)
    if header is None:
        raise error(at(name, Message("expected a header line, got an empty file")))
    for i, col in enumerate(header):
        bad = _CONTROL.search(col)
        if not col or bad:
            raise error(
                at(
                    name,
                    Message(
                        "line 1: column {value} of the header is empty or unreadable", value=i + 1
                    ),
                )
            )
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        raise error(
            at(
                name,
                Message("line 1: column {column!r} appears twice in the header", column=dupes[0]),
            )
        )
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    for col, cells in zip(header, columns, strict=True):
        if not _CONTROL.search("\n".join(cells)):  # one search per column
            continue
        for row, cell in enumerate(cells):
            if _CONTROL.search(cell):
                raise error(
                    at(
                        name,
                        Message(
                            "line {line}, column {column!r}: expected text without control "
                            "characters, got {cell!r}",
                            line=lines[row],
                            column=col,
                            cell=cell,
                        ),
                    )
                )
    frame = pd.DataFrame(
        {col: pd.Series(cells, dtype=object) for col, cells in zip(header, columns, strict=True)},
        columns=header,
    )
    return CsvTable(frame, np.asarray(lines, dtype=np.int64), name, encoding)


def _short_row(name: str, line: int, expected: int, got: int) -> str:
    return (
        f"{name}: line {line}: expected {expected} fields as in the header, got {got} "
        "(is a decimal comma unquoted in a comma-separated file?)"
    )


def _is_blank(record: list[str]) -> bool:
    return not record or (len(record) == 1 and not record[0].strip())


def _fast_rows(
    records: list[list[str]], *, name: str, error: type[IndicatorError]
) -> tuple[list[str] | None, list[list[str]], list[int]]:
    lengths = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
    blank = lengths == 0
    for i in np.flatnonzero(lengths == 1):
        blank[i] = _is_blank(records[int(i)])
    filled = np.flatnonzero(~blank)
    if not len(filled):
        return None, [], []
    first = int(filled[0])
    header = [c.strip() for c in records[first]]
    body = filled[1:]
    wrong = body[lengths[body] != len(header)]
    if len(wrong):
        row = int(wrong[0])
        raise error(_short_row(name, row + 1, len(header), int(lengths[row])))
    return header, [records[int(i)] for i in body], (body + 1).tolist()


def _careful_rows(
    physical: list[str], sep: str, *, name: str, error: type[IndicatorError]
) -> tuple[list[str] | None, list[list[str]], list[int]]:
    reader = csv.reader(physical, delimiter=sep, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    start = 1
    try:
        for record in reader:
            if _is_blank(record):
                start = reader.line_num + 1
                continue
            if header is None:
                header = [c.strip() for c in record]
            else:
                if len(record) != len(header):
                    raise error(_short_row(name, start, len(header), len(record)))
                rows.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise error(
            at(
                name,
                Message(
                    "line {line}: cannot read as CSV ({exc})",
                    line=reader.line_num,
                    exc=message_of(exc),
                ),
            )
        ) from None
    return header, rows, lines


def check_numbers(
    values: np.ndarray,
    table: CsvTable | None,
    column: str,
    *,
    error: type[IndicatorError],
    what: str,
    nonnegative: np.ndarray | bool = False,
    cells: Sequence[object] | None = None,
) -> None:
    """Refuse non-finite numbers (and negative ones where *nonnegative*) in *values*.

    NaN means *not published* and passes. Row numbers in messages are file lines
    when *table* is given, else 1-based rows; *cells* are the values as written.
    """

    def shown(row: int) -> str:
        return repr(cells[row]) if cells is not None else f"{float(arr[row]):g}"

    arr = np.asarray(values, dtype=float)
    bad = np.abs(arr) > MAX_ABS_VALUE
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        where = (
            Message("line {line}", line=table.line(row))
            if table is not None
            else Message("row {row}", row=row + 1)
        )
        raise error(
            at(
                what,
                Message(
                    "{where}, column {column!r}: expected a finite number of at most "
                    "{max_abs_value:g} in size, got {value}",
                    where=where,
                    column=column,
                    max_abs_value=MAX_ABS_VALUE,
                    value=shown(row),
                ),
            )
        )
    neg = (arr < 0) & np.asarray(nonnegative, dtype=bool)
    if neg.any():
        row = int(np.flatnonzero(neg)[0])
        where = (
            Message("line {line}", line=table.line(row))
            if table is not None
            else Message("row {row}", row=row + 1)
        )
        raise error(
            at(
                what,
                Message(
                    "{where}, column {column!r}: expected a count of at least 0, got {value}",
                    where=where,
                    column=column,
                    value=shown(row),
                ),
            )
        )


def refuse_duplicates(
    frame: pd.DataFrame,
    keys: Sequence[str],
    table: CsvTable | None,
    *,
    error: type[IndicatorError],
    what: str,
) -> None:
    """Refuse two rows of *frame* with the same *keys*, naming both lines."""
    if len(frame) < 2:
        return
    dup = frame.duplicated(list(keys), keep=False).to_numpy()
    if not dup.any():
        return
    rows = np.flatnonzero(dup)
    first = int(rows[0])
    key = tuple(frame[k].iloc[first] for k in keys)
    same = frame.iloc[rows][list(keys)].apply(tuple, axis=1).to_numpy()
    second = int(next(r for r, k in zip(rows[1:], same[1:], strict=True) if k == key))

    def where(row: int) -> str:
        if table is not None:
            return Message("line {line}", line=table.line(row))
        return Message("row {row}", row=row + 1)

    shown = ", ".join(f"{k}={str(v).strip()!r}" for k, v in zip(keys, key, strict=True))
    raise error(
        at(
            what,
            Message(
                "{first} and {second} have the same {key}; pass aggregate= to combine such rows",
                first=where(first),
                second=where(second),
                key=shown,
            ),
        )
    )
