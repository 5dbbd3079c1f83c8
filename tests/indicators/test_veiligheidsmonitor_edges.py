"""An empty period code of a Veiligheidsmonitor file is named by its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivb.indicators import OpenDataError, read_veiligheidsmonitor

SAMPLE = Path(__file__).parent / "fixtures" / "85146NED-sample.csv"


def test_an_empty_period_code_is_named_by_its_line_and_column(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "vm.csv"
    bad.write_text(
        "\n".join([*text[:3], text[3].replace('"2021JJ00"', '"        "'), *text[4:]]) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(OpenDataError) as info:
        read_veiligheidsmonitor(bad)
    assert str(info.value).startswith(f"{bad}, line 4, column 'Perioden': ")
    assert "empty" in str(info.value)
