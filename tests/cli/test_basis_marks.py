"""Every view of the command line marks what ivb derives or finds ambiguous, with why.

The bundled policy derives the members of the basisteamdriehoeken; a copy of it (see
``tests/indicators/marked.py``) derives a lead and makes the actors of some actions
ambiguous. Each view names such a fact with a mark ("afgeleid", "meerduidig") and
gives the reasoning or the readings.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest

import ivb
from ivb.cli._main import main
from ivb.model import Citation, SourceRef
from tests.indicators.marked import LEAD_NOTE, READINGS, marked_policy


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IVB_LANG", "nl")
    monkeypatch.setenv("COLUMNS", "250")

    def cli(*args: str | Path) -> str:
        out = io.StringIO()
        assert main([str(a) for a in args], out) == 0
        return out.getvalue()

    return cli


#: The reasoning of the derived step of the chain.
CHAIN_NOTE = "Het vooroverleg heet voorbereidend; wat het voorbereidt, volgt uit de volgorde."


@pytest.fixture
def marked_file(tmp_path: Path) -> Path:
    policy = marked_policy()
    body = "basisteamdriehoek-dnu"
    # one member of a body ambiguous, with its readings
    keep = [
        c
        for c in policy.citations
        if (c.holder, c.field, c.target) != (body, "members", "basisteamchef")
    ]
    keep.append(
        Citation(
            holder=body,
            field="members",
            target="basisteamchef",
            source=SourceRef("ivb", "Basisteamdriehoek", basis="ambiguous", readings=READINGS),
        )
    )
    # one step of a preparation chain derived
    keep = [c for c in keep if (c.holder, c.field) != ("ambtelijk-vooroverleg", "prepares")]
    keep.append(
        Citation(
            holder="ambtelijk-vooroverleg",
            field="prepares",
            target="districtelijk-veiligheidscollege-flevoland",
            source=SourceRef("ivb", "Ambtelijk Vooroverleg", CHAIN_NOTE, basis="derived"),
        )
    )
    path = tmp_path / "marked.yaml"
    ivb.dump(attrs.evolve(policy, citations=tuple(keep)), path)
    return path


def test_bodies_marks_the_derived_members_with_why(run) -> None:  # type: ignore[no-untyped-def]
    out = run("bodies")
    assert (
        "    leden: Portefeuillehouders Openbare orde en veiligheid (afgeleid), "
        "Officier van Justitie (afgeleid), Basisteamchef (afgeleid)\n"
    ) in out
    assert "      Basisteamchef (afgeleid): De tekst somt de leden van de basisteamdriehoek" in out
    # the stated members of the other bodies carry no mark
    assert "    voorbereid door: Ambtelijk Vooroverleg\n" in out
    # each entry that is not stated: marked in its list and once more with why
    notes = [n for r in json.loads(run("bodies", "--json")) for n in r["notes"]]
    assert out.count("(afgeleid)") + out.count("(meerduidig)") == 2 * len(notes) >= 8


def test_bodies_json_lists_what_is_not_stated(run) -> None:  # type: ignore[no-untyped-def]
    rows = {r["id"]: r for r in json.loads(run("bodies", "--json"))}
    notes = rows["basisteamdriehoek-dnu"]["notes"]
    assert [(n["field"], n["id"], n["basis"]) for n in notes] == [
        ("members", "portefeuillehouders-oov", "derived"),
        ("members", "officier-van-justitie", "derived"),
        ("members", "basisteamchef", "derived"),
    ]
    assert rows["ambtelijk-vooroverleg"]["notes"] == []


def test_an_ambiguous_member_shows_its_readings(run, marked_file: Path) -> None:  # type: ignore[no-untyped-def]
    out = run("bodies", "--policy", marked_file)
    assert "Basisteamchef (meerduidig)" in out
    assert f"Basisteamchef (meerduidig): lezingen: {READINGS[0]}; {READINGS[1]}" in out
    shown = run("show", "basisteamdriehoek-dnu", "--policy", marked_file)
    assert "Basisteamchef [basisteamchef]  (meerduidig)" in shown
    assert f"lezingen: {READINGS[0]}; {READINGS[1]}" in shown


def test_who_owns_and_overview_mark_a_derived_lead(run, marked_file: Path) -> None:  # type: ignore[no-untyped-def]
    out = run("who-owns", "--policy", marked_file)
    assert "Noordoostpolder (afgeleid) (thematrekker)" in out
    assert f"  Noordoostpolder, Cybercrime en digitale veiligheid (afgeleid): {LEAD_NOTE}" in out
    assert "Dronten (thematrekker)" in out  # a stated lead: no mark
    overview = run("overview", "--policy", marked_file)
    assert "  Cybercrime en digitale veiligheid (Noordoostpolder (afgeleid))\n" in overview
    assert f"    afgeleid: {LEAD_NOTE}\n" in overview
    # a lead the policy states has no mark, in the bundled policy as in the copy
    assert "Dronten (thematrekker)" in run("who-owns")


def test_show_gives_the_reasoning_of_each_derived_relation(run) -> None:  # type: ignore[no-untyped-def]
    out = run("show", "basisteamchef")
    assert (
        "Basisteamdriehoek Dronten, Noordoostpolder en Urk [basisteamdriehoek-dnu]  (afgeleid)"
        in out
    )
    assert "De tekst somt de leden van de basisteamdriehoek niet op." in out
    data = json.loads(run("show", "basisteamchef", "--json"))
    (row,) = [r for r in data["out"] if r["relation"] == "member-of"]
    assert row["basis"] == "derived" and row["reasoning"].startswith("De tekst somt")


def test_english_marks(run, marked_file: Path) -> None:  # type: ignore[no-untyped-def]
    out = run("--lang", "en", "bodies", "--policy", marked_file)
    assert "Basisteamchef (ambiguous): readings: " in out
    assert "Officier van Justitie (derived)" in out


def test_show_marks_derived_ids_among_the_fields(run) -> None:  # type: ignore[no-untyped-def]
    out = run("show", "ondermijning")
    fields = out[: out.index("Uitgaand")]
    assert "landelijke-veiligheidsagenda-2023-2026.mensenhandel (afgeleid)" in fields
    assert "wie-praat-die-gaat-3.0.ondermijnende-criminaliteit (afgeleid)" not in fields
    assert fields.count("(afgeleid)") >= 3


def test_chain_marks_a_derived_step_with_why(run, marked_file: Path) -> None:  # type: ignore[no-untyped-def]
    out = run("chain", "districtelijk-veiligheidscollege-flevoland", "--policy", marked_file)
    assert "bereidt voor Districtelijk Veiligheidscollege Flevoland (afgeleid)\n" in out
    assert f"    {CHAIN_NOTE}\n" in out
    assert "(afgeleid)" not in run("chain", "districtelijk-veiligheidscollege-flevoland")
