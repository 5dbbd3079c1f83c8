"""The command line finds the entity a person means: by id, by name (a theme before a
themasessie or an agenda theme), an ambiguous name refused with its candidates, suggestions
that contain what was typed; and it lists each related entity once."""

from __future__ import annotations

import io
import json

import pytest

from ivb.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    status = main(list(args), out)
    return status, out.getvalue(), capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ondermijning", "ondermijning"),
        ("Maatschappelijke onrust", "maatschappelijke-onrust"),
        ("officier van justitie", "officier-van-justitie"),
    ],
)
def test_show_by_name(capsys: pytest.CaptureFixture[str], text: str, expected: str) -> None:
    status, out, _ = _run(capsys, "show", text, "--json")
    assert status == 0
    assert json.loads(out)["id"] == expected


def test_show_an_ambiguous_name_lists_the_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "--lang", "en", "show", "Polarisatie")
    assert (status, out) == (1, "")
    assert "'Polarisatie' is ambiguous: trend 'polarisatie', term 'term-polarisatie'" in err
    status, out, err = _run(capsys, "--lang", "nl", "show", "Polarisatie")
    assert (status, out) == (1, "")
    assert "'Polarisatie' is niet eenduidig: trend 'polarisatie', begrip 'term-polarisatie'" in err


def test_show_suggests_ids_that_contain_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "--lang", "en", "show", "politi")
    assert status == 1
    assert "did you mean 'politie', 'politie-midden-nederland'" in err
    status, _, err = _run(capsys, "--lang", "nl", "show", "politi")
    assert "bedoelt u 'politie', 'politie-midden-nederland'" in err


def test_show_lists_each_related_entity_once(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "show", "politie-midden-nederland", "--json")
    assert status == 0
    data = json.loads(out)
    for direction in ("in", "out"):
        pairs = [(r["relation"], r["id"]) for r in data[direction]]
        assert len(pairs) == len(set(pairs)), direction
    # the police carries this action out; it is not also listed as working with it
    related = {
        r["relation"] for r in data["in"] if r["id"] == "urk-vuurwerk.controles-en-onderzoeken"
    }
    assert related == {"carried-out-by"}


def test_who_owns_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "who-owns", "Maatschappelijke onrust", "--json")
    assert status == 0
    assert [row["id"] for row in json.loads(out)] == ["maatschappelijke-onrust"]
