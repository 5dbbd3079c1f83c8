"""A police table of another kind of source is refused, naming what it got."""

from __future__ import annotations

import pytest

from ivb.indicators import PoliceDataError, read_police_table


def test_a_source_of_another_kind_is_refused_by_its_type() -> None:
    with pytest.raises(PoliceDataError) as info:
        read_police_table(42)  # type: ignore[arg-type]
    assert str(info.value) == (
        "source: expected a CSV path, a DataFrame or a list of records, got int"
    )
