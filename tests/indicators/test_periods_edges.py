"""A period of ten characters is a day only when it is written as one."""

from __future__ import annotations

import pytest

from ivb.indicators import IndicatorError, period_bounds


@pytest.mark.parametrize("text", ["2023-W01-1", "20230101xx"])
def test_ten_characters_that_are_no_day_are_refused(text: str) -> None:
    with pytest.raises(IndicatorError) as info:
        period_bounds(text)
    assert str(info.value).startswith("period: expected a year (2022), ")
    assert str(info.value).endswith(f"got {text!r}")
