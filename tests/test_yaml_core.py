"""Policy files on the YAML 1.2 core schema; values refused on the parsed tree; bounds."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import ivb
from ivb import PolicyFileError, PolicyFileNotFoundError, PolicyValidationError
from ivb._io import MAX_BYTES, check_tree, read_data


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("010", 10),
        ("0o17", 15),
        ("0x1F", 31),
        ("+12", 12),
        ("1:30", "1:30"),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("Y", "Y"),
        ("true", True),
        ("False", False),
        ("1_000", "1_000"),
        ("2026-01-01", "2026-01-01"),
        ("1e3", 1000.0),
        ("-.5", -0.5),
        ("~", None),
        ("null", None),
        ("", None),
        ("'010'", "010"),
    ],
)
def test_core_schema_scalars(text: str, value: object) -> None:
    got = read_data(f"v: {text}")["v"]
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("text", [".inf", "-.inf", ".nan", ".NaN", "1e309"])
def test_non_finite_numbers_read_as_floats(text: str) -> None:
    assert not math.isfinite(read_data(f"v: {text}")["v"])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("meetings_per_year: 4", "meetings_per_year: 1:30", "expected an integer, got text '1:30'"),
        ("period: [2025, 2028]", "period: [2025, .inf]", "period[1]: expected a finite number"),
        ("period: [2025, 2028]", "period: [2025, 1e309]", "period[1]: expected a finite number"),
        (
            "meetings_per_year: 4",
            "meetings_per_year: 4\n    planned: yes",
            "planned: expected true or false, got text 'yes'",
        ),
        ("name: Driehoek", 'name: "Drie\\x01hoek"', "bodies[0].name: expected text without"),
        ("name: Driehoek", 'name: "Drie\\ehoek"', "'\\x1b'"),
        ("name: Driehoek", 'name: "Drie\\bhoek"', "'\\x08'"),
        ("name: Driehoek", 'name: "Drie\\0hoek"', "'\\x00'"),
        ("name: Driehoek", 'name: "Drie\\uFFFEhoek"', "'\\ufffe'"),
        ("name: Driehoek", 'name: "Drie\\u2028hoek"', "'\\u2028'"),
        ("meetings_per_year: 4", "meetings_per_year: 100000000", "at most daily"),
        ("meetings_per_year: 4", "meetings_per_year: 367", "at most daily"),
        ("meetings_per_year: 4", "meetings_per_year: 0", "expected 1 to 366"),
        ("period: [2025, 2028]", "period: [0, 2028]", "period[0]: expected a year from 1800"),
        ("period: [2025, 2028]", "period: [2025, 2201]", "period[1]: expected a year from 1800"),
        ("number: 1", "number: -3", "number: expected a whole number of at least 1"),
    ],
)
def test_bad_values_are_refused_with_their_path(
    mini_text: str, old: str, new: str, message: str
) -> None:
    assert old in mini_text
    with pytest.raises(PolicyValidationError) as info:
        ivb.loads(mini_text.replace(old, new, 1))
    assert message in str(info.value)


def test_newline_and_tab_in_long_text_are_fine(mini_text: str) -> None:
    text = mini_text.replace(
        "summary: Een klein voorbeeldbeleid van één gemeente.",
        'summary: "Een klein\\tvoorbeeldbeleid\\nvan één gemeente."',
    )
    assert ivb.loads(text).summary == "Een klein voorbeeldbeleid van één gemeente."


def test_check_tree_holds_for_every_field() -> None:
    problems = check_tree({"a": [{"b": float("nan")}], "c\n": 1, "d": {"e": "\x7f", "f\x1bg": 2}})
    assert sorted(str(p) for p in problems) == [
        "a[0].b: expected a finite number, got nan",
        "d.e: expected text without control characters, got '\\x7f' at character 1",
        "d: expected a key without control characters or line breaks, got 'f\\x1bg'",
        "expected a key without control characters or line breaks, got 'c\\n'",
    ]


def test_region_code_is_normalised(mini_text: str) -> None:
    text = mini_text.replace(
        "bodies:",
        "regions:\n  - id: r\n    name: R\n    code: 'D  N'\n    members: "
        "[voorbeeld]\n    source: {document: ivb, section: Inleiding}\nbodies:",
    )
    assert ivb.loads(text).regions[0].code == "D N"


@pytest.mark.parametrize(
    "text",
    ["a: &x {b: 1}\nc:\n  <<: *x\n", "c:\n  <<: {d: 1}\n", "c:\n  '<<': 1\n"],
)
def test_merge_keys_are_refused(text: str) -> None:
    with pytest.raises(PolicyFileError, match=r"aliases|merge keys"):
        ivb.loads(text)


def test_lone_surrogate_is_a_clear_error() -> None:
    with pytest.raises(PolicyFileError, match="lone surrogate '\\\\ud800' at character 8"):
        ivb.loads("title: \ud800")


def test_size_limit_counts_bytes() -> None:
    text = "title: " + "é" * (MAX_BYTES // 2)  # fewer characters than the limit, more bytes
    assert len(text) < MAX_BYTES < len(text.encode())
    with pytest.raises(PolicyFileError, match=f"expected at most {MAX_BYTES} bytes"):
        ivb.loads(text)


def test_empty_path_is_an_error() -> None:
    with pytest.raises(PolicyFileNotFoundError, match="expected a path, got ''"):
        ivb.load("")


def test_dump_keeps_integers_and_quotes_ambiguous_text(tmp_path: Path) -> None:
    policy = ivb.load()
    text = ivb.dumps(policy)
    assert "values: [204" in text or "- 204\n" in text
    assert "204.0" not in text
    assert ivb.load(ivb.dump(policy, tmp_path / "p.yaml")) == policy


@pytest.mark.parametrize("value", ["010", "1:30", "yes", "1E100", ".5", "NULL", "0o7"])
def test_dumped_text_that_looks_like_a_number_stays_text(mini_text: str, value: str) -> None:
    import attrs

    policy = ivb.loads(mini_text)
    changed = attrs.evolve(policy, summary=value)
    assert ivb.loads(ivb.dumps(changed)).summary == value


def test_dump_to_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError, match="cannot be written"):
        ivb.dump(ivb.load(), tmp_path / "nodir" / "p.yaml")
