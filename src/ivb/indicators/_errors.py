"""Errors of :mod:`ivb.indicators`, all rooted in :class:`ivb.IvbError`."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from ivb._errors import IvbError
from ivb._message import Message, at

__all__ = [
    "IndicatorError",
    "MeasurementsError",
    "MissingExtraError",
    "OpenDataError",
    "PoliceDataError",
    "duplicate_error",
    "first_series",
    "require_columns",
    "require_text_periods",
]


class IndicatorError(IvbError, ValueError):
    """A statistic, period, target or claim cannot be computed as asked.

    The message names the argument or field and says what was expected and what came.
    """


class MeasurementsError(IndicatorError):
    """A measurements table (DataFrame or CSV) is not in the tidy shape.

    The message names the file or column and, where it can, the first rows at fault.
    """


class PoliceDataError(IndicatorError):
    """A police open-data table (47013NED, 47021NED) cannot be read.

    The message names the file, column or row and the value that came.
    """


class OpenDataError(IndicatorError):
    """An open-data file (CBS, police) cannot be read as its publisher documents it.

    The message names the file, the line (1 is the header) and the column, and the
    value that came.
    """


class MissingExtraError(IvbError, ImportError):
    """An optional dependency is needed but not installed.

    The message names the package and the ``pip install`` line that brings it.
    """


# Show the errors under the name users import them by.
for _cls in (
    IndicatorError,
    MeasurementsError,
    MissingExtraError,
    OpenDataError,
    PoliceDataError,
):
    _cls.__module__ = "ivb.indicators"


def _key_text(value: object) -> str | None:
    """A series key as text; None where it is missing (None, NaN, NA, NaT), which every
    engine writes in its own way."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return str(value)


def first_series(
    found: Iterable[tuple[Sequence[object], str]],
) -> tuple[tuple[str | None, ...], str]:
    """Of (series key values, period) pairs, the first by the key texts, a missing key
    first, then by period: the pair an error names, the same on every engine."""
    pairs = [(tuple(_key_text(v) for v in key), period) for key, period in found]
    return min(pairs, key=lambda kp: ([(t is not None, t or "") for t in kp[0]], kp[1]))


def duplicate_error(
    key_cols: Sequence[str], where: Sequence[str | None], period: str
) -> MeasurementsError:
    """The error for a series with more than one value for one period (a missing key
    value is written ``None``, a text in quotes)."""
    named = ", ".join(
        f"{k}={'None' if v is None else repr(v)}" for k, v in zip(key_cols, where, strict=True)
    )
    return MeasurementsError(
        at(
            "frame",
            Message(
                "more than one value for period {period!r} of the series {named}; "
                "give one row per series and period",
                period=period,
                named=named,
            ),
        )
    )


def require_columns(what: str, columns: Sequence[object], required: Sequence[str]) -> None:
    """Raise :class:`MeasurementsError` unless every *required* column is among *columns*.

    The message names *what* (a file or argument), the missing columns, all that are
    required, and the columns found.
    """
    missing = [c for c in required if c not in columns]
    if missing:
        raise MeasurementsError(
            at(
                what,
                Message(
                    "missing columns {missing}; expected at least {required} (found {found})",
                    missing=", ".join(missing),
                    required=", ".join(required),
                    found=", ".join(map(str, columns)) or Message("no columns"),
                ),
            )
        )


def require_text_periods(periods: Iterable[object]) -> None:
    """Raise :class:`MeasurementsError` unless each of the distinct *periods* is text.

    Period codes are text (``'2024'``, ``'2024-03'``, ``'2024KW1'``): a column of
    numbers would match no period given as text, so it is refused on every engine
    rather than read as no data.
    """
    # the first in a fixed order, so that every engine names the same one
    bad = sorted(
        (p for p in periods if p is not None and not isinstance(p, str)),
        key=lambda p: (type(p).__name__, repr(p)),
    )
    if bad:
        raise MeasurementsError(
            at(
                "period",
                Message(
                    "expected text period codes such as '2024' or '2024-03', got {cls} "
                    "{value!r}; convert the column to text first",
                    cls=type(bad[0]).__name__,
                    value=bad[0],
                ),
            )
        )
