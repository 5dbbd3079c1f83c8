"""The check of every line's number of fields in CBS open-data files, at its edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivb.indicators import OpenDataError, read_population


def test_a_record_across_lines_with_a_field_too_many(tmp_path: Path) -> None:
    # each line has the header's one separator, but the quoted line break makes one
    # record of three fields: the odd quotes send the check to the csv module
    path = tmp_path / "kwb.csv"
    path.write_bytes(b'"WijkenEnBuurten";"AantalInwoners_5"\n"GM0171";"5\n0";"1"\n')
    with pytest.raises(OpenDataError) as info:
        read_population(path)
    assert str(info.value) == f"{path}: line 2: expected 2 fields as in the header, got 3"


def test_a_line_of_another_length_with_a_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "kwb.csv"
    path.write_bytes(b"WijkenEnBuurten;AantalInwoners_5\nGM0171;1\nGM\xff303;2;3\n")
    with pytest.raises(OpenDataError) as info:
        read_population(path)
    assert str(info.value) == f"{path}: line 3: expected 2 fields as in the header, got 3"


def test_a_bad_byte_in_a_file_read_record_by_record(tmp_path: Path) -> None:
    # a quoted line break makes the check read the file record by record; a bad byte
    # there is left to the parser, which names it
    path = tmp_path / "kwb.csv"
    path.write_bytes(
        b'"WijkenEnBuurten";"AantalInwoners_5";"Naam"\n'
        b'"GM0171";"1";"Noord\noostpolder"\n'
        b'"GM0303";"2";"Dr\xffnten"\n'
    )
    with pytest.raises(OpenDataError) as info:
        read_population(path)
    assert str(info.value).startswith(f"{path}: cannot read as CSV: 'utf-8' codec can't decode")
