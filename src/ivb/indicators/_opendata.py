"""Shared reading of CBS open-data tables: sources, padded codes, empty and ``.`` cells.

A source is a CSV file (the CBS/OData export, comma- or semicolon-separated), a
DataFrame of it, or its records (a list of mappings, as the OData API returns them).
Every error names the place: ``file, line N, column 'X'`` for files (line 1 is the
header), ``records, record N, column 'X'`` otherwise.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ivb._message import Message, at, message_of
from ivb.indicators._errors import IndicatorError, OpenDataError

__all__ = [
    "MISSING_CELLS",
    "Source",
    "check_field_counts",
    "csv_separator",
    "dataset_records",
    "numbers",
    "place",
    "read_source",
    "stripped_codes",
]

#: Cell texts that mean *not published* (CBS writes ``.`` for "gegevens ontbreken").
MISSING_CELLS = frozenset({"", "."})

Source = str | os.PathLike[str] | pd.DataFrame | Iterable[Mapping[str, Any]]


def place(what: str, row: int, column: str, *, is_file: bool) -> str:
    """``file, line N, column 'X'`` for a 0-based data *row* (the header is line 1)."""
    if is_file:
        return Message(
            "{what}, line {line}, column {column!r}", what=what, line=row + 2, column=column
        )
    return Message(
        "{what}, record {record}, column {column!r}", what=what, record=row + 1, column=column
    )


def csv_separator(path: Path) -> str:
    """``;`` or ``,``, whichever the header line has more of."""
    with path.open("rb") as fh:  # the first line only: a bad byte further on is read later
        head = fh.readline().decode("utf-8-sig", errors="replace")
    return ";" if head.count(";") > head.count(",") else ","


#: Bytes of a CSV file read at a time by :func:`check_field_counts`.
_BLOCK = 1 << 22


def check_field_counts(path: Path, sep: str) -> None:
    """Refuse a CSV file with a line of more or fewer fields than its header.

    pandas gives the missing fields of a short line (a download cut off, say) as empty
    cells, which the readers take for *not published*, and pandas 2 may drop an extra
    field of a line read in chunks. So the separators of every line are counted first,
    in one pass over the bytes (numpy); a line whose count differs from the header's is
    read by the csv module, which counts its fields exactly (a quoted separator is no
    separator). Blank lines are skipped, as pandas skips them. A quoted line break
    makes the lines of the file differ from its records: then the csv module reads the
    whole file.

    Raises
    ------
    OpenDataError
        Naming the line, the number of fields expected and the number found.
    """
    with path.open("rb") as fh:
        first = fh.readline()
        header = next(csv.reader([first.decode("utf-8-sig", errors="replace")], delimiter=sep), [])
        expected = len(header)
        mark, quote = sep.encode()[0], ord('"')
        line = 1  # lines before the block
        rest = b""
        while True:
            block = fh.read(_BLOCK)
            data = rest + block
            if not block:
                if not data:
                    return
                data += b"\n"  # a last line without its line break
            end = data.rfind(b"\n") + 1
            data, rest = data[:end], data[end:]
            if not data:
                continue
            arr = np.frombuffer(data, dtype=np.uint8)
            ends = np.flatnonzero(arr == 10)
            starts = np.concatenate(([0], ends[:-1] + 1))
            seps = np.add.reduceat((arr == mark).view(np.uint8), starts, dtype=np.int32)
            quotes = np.add.reduceat((arr == quote).view(np.uint8), starts, dtype=np.int32)
            odd = np.flatnonzero((seps != expected - 1) | (quotes % 2 == 1))
            for i in odd.tolist():
                text = data[starts[i] : ends[i] + 1].decode("utf-8", errors="replace")
                if not text.strip():
                    continue
                if quotes[i] % 2 == 1:
                    _check_records(path, sep, expected)
                    return
                fields = len(next(csv.reader([text], delimiter=sep)))
                if fields != expected:
                    raise _field_error(path, line + i + 1, expected, fields)
            line += len(ends)


def _check_records(path: Path, sep: str, expected: int) -> None:
    """:func:`check_field_counts` by the csv module, record by record."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter=sep)
        start = 1
        try:
            for record in reader:
                if record and not (len(record) == 1 and not record[0].strip()):
                    if len(record) != expected:
                        raise _field_error(path, start, expected, len(record))
                start = reader.line_num + 1
        except csv.Error:
            return  # pandas names what it cannot read


def _field_error(path: Path, line: int, expected: int, fields: int) -> OpenDataError:
    return OpenDataError(
        at(
            path,
            Message(
                "line {line}: expected {expected} fields as in the header, got {fields}",
                line=line,
                expected=expected,
                fields=fields,
            ),
        )
    )


def read_source(source: object, *, what: str = "source") -> tuple[pd.DataFrame, str, bool]:
    """The raw table of *source* as text cells, its name for messages, whether a file.

    Raises
    ------
    OpenDataError
        If the file does not exist or is no CSV, or *source* is of another kind.
    """
    if isinstance(source, pd.DataFrame):
        return source, "frame", False
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise OpenDataError(at(path, Message("no such file")))
        sep = csv_separator(path)
        check_field_counts(path, sep)
        try:
            frame = pd.read_csv(
                path,
                sep=sep,
                dtype=str,
                keep_default_na=False,
                encoding="utf-8-sig",
            )
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise OpenDataError(
                at(path, Message("cannot read as CSV: {exc}", exc=message_of(exc)))
            ) from None
        frame.columns = [str(c).strip() for c in frame.columns]
        return frame, str(path), True
    if isinstance(source, Iterable):
        records = list(source)
        if not all(isinstance(r, Mapping) for r in records):
            raise OpenDataError(
                at(
                    "records",
                    Message("expected mappings (one per row, as the OData API returns them)"),
                )
            )
        return pd.DataFrame.from_records(records), "records", False
    raise OpenDataError(
        at(
            what,
            Message(
                "expected a CSV path, a DataFrame or a list of records, got {cls}",
                cls=type(source).__name__,
            ),
        )
    )


def _row(position: int, rows: npt.NDArray[np.int64] | None, offset: int) -> int:
    """The data row (0-based, in the whole file) of a *position* in a column."""
    return (int(rows[position]) if rows is not None else position) + offset


def stripped_codes(
    column: pd.Series,
    what: str,
    name: str,
    *,
    is_file: bool,
    rows: npt.NDArray[np.int64] | None = None,
    offset: int = 0,
) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Codes of a padded code column: integer codes and the distinct stripped codes.

    Each distinct value is stripped once. An empty code is an error naming its place:
    position ``i`` of the column is data row ``rows[i]`` (default ``i``) plus *offset*
    (the rows of earlier chunks).
    """
    raw, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    cleaned = ["" if u is None else str(u).strip() for u in uniques]
    empty = [i for i, c in enumerate(cleaned) if not c]
    bad = (raw < 0) | np.isin(raw, empty)
    if bad.any():
        row = _row(int(np.flatnonzero(bad)[0]), rows, offset)
        raise OpenDataError(
            at(place(what, row, name, is_file=is_file), Message("the code is empty"))
        )
    recoded, cats = pd.factorize(np.asarray(cleaned, dtype=object))
    return recoded[raw].astype(np.int64), [str(c) for c in cats]


def numbers(
    column: pd.Series,
    what: str,
    name: str,
    *,
    is_file: bool,
    rows: npt.NDArray[np.int64] | None = None,
    offset: int = 0,
) -> npt.NDArray[np.float64]:
    """The numbers of a measure column; empty and ``.`` cells are NaN (not published).

    A decimal comma or any other text is refused with the place of its first cell.
    """
    if pd.api.types.is_numeric_dtype(column):
        return column.to_numpy(dtype=float, na_value=np.nan)
    raw, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    parsed = np.empty(len(uniques), dtype=float)
    for i, u in enumerate(uniques):
        text = "" if u is None else str(u).strip()
        if text in MISSING_CELLS:
            parsed[i] = np.nan
            continue
        try:
            parsed[i] = float(text)
        except ValueError:
            row = _row(int(np.flatnonzero(raw == i)[0]), rows, offset)
            raise OpenDataError(
                at(
                    place(what, row, name, is_file=is_file),
                    Message(
                        "expected a number with a decimal point, or an empty cell or '.' (not "
                        "published); got {cell!r}",
                        cell=u,
                    ),
                )
            ) from None
    out = np.full(len(raw), np.nan)
    ok = raw >= 0
    out[ok] = parsed[raw[ok]]
    return out


def dataset_records(
    data: object, table: str, *, error: type[IndicatorError] = OpenDataError
) -> list[Mapping[str, Any]]:
    """The rows of a ``cbsodata.download_data`` result.

    The rows are in ``TypedDataSet`` (numbers as numbers) or ``UntypedDataSet``
    (numbers as padded text, ``"       ."`` for not published); either is read. cbsodata
    1.3 returns the untyped rows when asked for the typed ones (it leaves out the data
    set it was asked for), so a download may hold either.

    Raises
    ------
    IndicatorError
        (*error*) If the download holds neither, or its rows are no records.
    """
    records = None
    if isinstance(data, Mapping):
        records = data.get("TypedDataSet")
        if records is None:
            records = data.get("UntypedDataSet")
    if records is None:
        keys = ", ".join(map(str, data)) if isinstance(data, Mapping) else type(data).__name__
        raise error(
            at(
                table,
                Message(
                    "the download has no TypedDataSet or UntypedDataSet (it has {keys})",
                    keys=keys or Message("none"),
                ),
            )
        )
    if not isinstance(records, list) or not all(isinstance(r, Mapping) for r in records):
        raise error(at(table, Message("the rows of the download are not a list of records")))
    return records
