"""An earlier report's JSON as history that cannot be read: the error says why, in full."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivb.indicators import MeasurementsError, report_data
from ivb.model import Policy


def test_an_earlier_report_that_is_no_utf8_text(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "voortgang-2023.json"
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(MeasurementsError) as info:
        report_data(policy, history=path)
    assert str(info.value) == (
        f"{path}: cannot read the earlier report ('utf-8' codec can't decode byte 0xff in "
        "position 0: invalid start byte)"
    )


def test_an_earlier_report_that_is_not_there(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "voortgang-2022.json"
    with pytest.raises(MeasurementsError) as info:
        report_data(policy, history=[path])
    assert str(info.value) == (
        f"{path}: cannot read the earlier report ([Errno 2] No such file or directory: '{path}')"
    )
