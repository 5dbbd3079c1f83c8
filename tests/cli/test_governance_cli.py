"""`ivb who-owns`, `show`, `bodies`, `chain`, `export`, `diff`: the installed console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import ivb
from ivb.governance import (
    MeetingCalendar,
    build_graph,
    from_dot,
    from_graphml,
    from_mermaid,
    from_node_link,
    from_popolo,
)
from tests.cli.console import console_script
from tests.governance.test_diff import _mini_with_records

IVB = console_script("ivb")
COMMANDS = ("who-owns", "show", "bodies", "chain", "export", "diff")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [IVB] if IVB else [sys.executable, "-m", "ivb"]
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, timeout=120, env=env, encoding="utf-8"
    )


def ok(*args: str) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def finding(*args: str) -> subprocess.CompletedProcess[str]:
    result = run(*args)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "kapot.yaml"
    path.write_text("title: [unclosed\n", encoding="utf-8")
    return path


def test_console_script_is_installed() -> None:
    assert IVB is not None, (
        f"pip install -e . should install the ivb console script in {Path(sys.executable).parent}"
    )
    result = subprocess.run([IVB, "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "gebruik: ivb" in result.stdout, result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_help_on_every_subcommand(command: str) -> None:
    out = ok(command, "--help")
    assert f"gebruik: ivb {command}" in out
    assert "--policy FILE" in out
    assert "--json" in out


def test_usage_errors_exit_2() -> None:
    assert run("chain").returncode == 2
    assert run("export").returncode == 2
    assert run("export", "--format", "svg").returncode == 2
    assert run("who-owns", "a", "b").returncode == 2


# -- who-owns -------------------------------------------------------------------


def test_who_owns_text() -> None:
    lines = ok("who-owns").splitlines()
    assert lines[0] == "Trekkers, gemeenten en coördinatie"
    assert lines[1].split() == ["naam", "soort", "trekker", "gemeenten", "coördinatie"]
    row = next(line for line in lines if "[ondermijning]" in line)
    # the kind and the lead's label are the policy's tier labels
    assert row.split()[:7] == [
        "Ondermijning",
        "[ondermijning]",
        "gezamenlijk",
        "thema",
        "Dronten",
        "(thematrekker)",
        "Dronten,",
    ]
    assert sum("lokaal speerpunt" in line for line in lines[2:]) == 11
    assert sum("niet vermeld" in line for line in lines[2:]) == 11


def test_who_owns_json() -> None:
    rows = json.loads(ok("who-owns", "--json"))
    assert {r["id"]: r["leads"] for r in rows if r["kind"] == "theme"} == {
        "cybercrime": ["noordoostpolder"],
        "ondermijning": ["dronten"],
        "maatschappelijke-onrust": ["urk"],
    }
    assert {r["id"]: r["owner"] for r in rows if r["kind"] == "theme"} == {
        "cybercrime": "noordoostpolder",
        "ondermijning": "dronten",
        "maatschappelijke-onrust": "urk",
    }
    assert {(r["tier_name"], r["lead_label"]) for r in rows} == {
        ("gezamenlijk thema", "thematrekker"),
        ("lokaal speerpunt", None),
    }
    assert len(rows) == 14
    # the teams Veiligheid coordinate the IVB as a whole, not each theme
    assert rows[0]["coordinators"] == []


def test_who_owns_one_theme_by_id_or_name() -> None:
    by_id = json.loads(ok("who-owns", "cybercrime", "--json"))
    by_name = json.loads(ok("who-owns", "cybercrime en digitale veiligheid", "--json"))
    assert by_id == by_name
    assert [(r["id"], r["owner_name"]) for r in by_id] == [("cybercrime", "Noordoostpolder")]


def test_who_owns_unknown_theme() -> None:
    result = finding("who-owns", "ondermijnig")
    assert result.stdout == ""
    assert result.stderr == (
        "ivb who-owns: geen thema of speerpunt met id 'ondermijnig'; bedoelt u 'ondermijning'?\n"
    )


def test_who_owns_unknown_theme_json() -> None:
    result = finding("who-owns", "ondermijnig", "--json")
    data = json.loads(result.stdout)
    assert data["error"] == "UnknownNodeError"
    assert "did you mean 'ondermijning'?" in data["message"]


def test_who_owns_wrong_kind() -> None:
    result = finding("who-owns", "urk")
    assert (
        "verwacht de id van een thema of speerpunt, kreeg 'urk', en dat is een gemeente"
        in result.stderr
    )
    english = run("who-owns", "urk", "--lang", "en")
    assert english.stderr == (
        "ivb who-owns: expected the id of a theme or speerpunt, got 'urk', "
        "which is a municipality\n"
    )


_MODULES = """
import io, sys
from ivb.cli import main
status = main(sys.argv[1:], io.StringIO())
heavy = ("networkx", "pandas", "yaml", "cattrs")
print(status, *(any(m == h or m.startswith(h + ".") for m in sys.modules) for h in heavy))
"""


@pytest.mark.parametrize(
    "args",
    [("who-owns",), ("who-owns", "ondermijning", "--json"), ("overview",), ("overview", "--json")],
)
def test_who_owns_and_overview_import_neither_networkx_nor_pandas(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    env = {**os.environ, "IVB_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", _MODULES, *args],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout.split()
        for _ in range(2)
    ]
    # the first run parses the policy (YAML, cattrs) and fills the cache; the second reads it
    assert runs[0] == ["0", "False", "False", "True", "True"]
    assert runs[1] == ["0", "False", "False", "False", "False"]


def test_who_owns_other_policy(mini_path: Path) -> None:
    rows = json.loads(ok("who-owns", "--policy", str(mini_path), "--json"))
    assert [(r["id"], r["owner"]) for r in rows] == [
        ("ondermijning", "voorbeeld"),
        ("voorbeeld-jeugd", "voorbeeld"),
    ]


def test_broken_policy_file(broken: Path) -> None:
    for command in (
        ["who-owns"],
        ["bodies"],
        ["show", "x"],
        ["chain", "x"],
        ["export", "-f", "dot"],
    ):
        result = finding(*command, "--policy", str(broken))
        assert str(broken) in result.stderr
        assert "regel 2, kolom 1" in result.stderr  # the Dutch of the run
    result = finding("who-owns", "--policy", "/nonexistent/policy.yaml")
    assert "bestaat niet" in result.stderr
    result = finding("who-owns", "--policy", "/nonexistent/policy.yaml", "--lang", "en")
    assert "does not exist" in result.stderr


# -- show, bodies, chain ----------------------------------------------------------


def test_show_text() -> None:
    out = ok("show", "ambtelijk-vooroverleg")
    lines = out.splitlines()
    assert lines[:2] == ["Ambtelijk Vooroverleg", "  overlegstructuur [ambtelijk-vooroverleg]"]
    assert (
        "  -> bereidt voor  Districtelijk Veiligheidscollege Flevoland "
        "[districtelijk-veiligheidscollege-flevoland]" in lines
    )
    assert any(
        line.strip().startswith("vergaderingen per jaar") and line.endswith("4") for line in lines
    )
    # enum values by their label, in the language of the run
    assert any(line.split() == ["laag", "ambtelijk"] for line in lines)
    assert any(line.split() == ["schaal", "district"] for line in lines)
    english = ok("show", "ambtelijk-vooroverleg", "--lang", "en").splitlines()
    assert english[1] == "  consultation body [ambtelijk-vooroverleg]"
    assert any(line.split() == ["tier", "official"] for line in english)
    assert "Outgoing" in english and "Uitgaand" not in english


def test_show_json() -> None:
    data = json.loads(ok("show", "burgemeester", "--json"))
    assert (data["id"], data["kind"], data["name"]) == ("burgemeester", "role", "Burgemeester")
    assert data["data"]["legal_basis"] == ["Gemeentewet, artikel 172", "Politiewet 2012"]
    out = {(r["relation"], r["id"]) for r in data["out"]}
    assert ("has-authority-over", "politie-midden-nederland") in out
    # the office; each municipality's burgemeester sits on the DVC and holds the office
    assert ("member-of", "districtelijk-veiligheidscollege-flevoland") not in out
    into = {(r["relation"], r["id"]) for r in data["in"]}
    assert ("holds-office", "burgemeester-urk") in into
    # the gemeenteraad's control is of the policy, not of the burgemeester
    assert "controls" not in {r["relation"] for r in data["in"]}
    raad = json.loads(ok("show", "gemeenteraad-urk", "--json"))
    assert [(r["relation"], r["id"], r["kind"]) for r in raad["out"]][-2:] == [
        ("adopts", "dnu-ivb-2024-2027", "policy"),
        ("controls", "dnu-ivb-2024-2027", "policy"),
    ]
    assert raad["data"]["adopts_policy"] is True
    assert raad["data"]["controls_policy"] is True


def test_show_by_name() -> None:
    data = json.loads(ok("show", "Officier van Justitie", "--json"))
    assert data["id"] == "officier-van-justitie"


def test_show_unknown_id() -> None:
    result = finding("show", "burgemeestr")
    assert result.stderr.startswith(
        "ivb show: geen onderdeel met id 'burgemeestr'; bedoelt u 'burgemeester'"
    )


def test_bodies_text() -> None:
    out = ok("bodies")
    assert out.startswith("Overlegstructuren\n")
    assert (
        "  Ambtelijk Vooroverleg [ambtelijk-vooroverleg]\n"
        "    ambtelijk, district, 4 keer per jaar\n" in out
    )
    assert "    bereidt voor: Districtelijk Veiligheidscollege Flevoland\n" in out
    assert "    schaalt op naar: Zorg- en Veiligheidshuis Flevoland\n" in out


def test_bodies_json() -> None:
    rows = json.loads(ok("bodies", "--json"))
    assert len(rows) == 9
    by_id = {r["id"]: r for r in rows}
    assert by_id["districtelijk-veiligheidscollege-flevoland"]["prepared_by"] == [
        "ambtelijk-vooroverleg"
    ]
    assert by_id["basisteamdriehoek-dnu"]["members"] == [
        "portefeuillehouders-oov",
        "officier-van-justitie",
        "basisteamchef",
    ]
    assert by_id["jeugd-interventietafel-urk"]["planned"] is True


def test_chain() -> None:
    out = ok("chain", "districtelijk-veiligheidscollege-flevoland")
    assert out == (
        "Wat Districtelijk Veiligheidscollege Flevoland "
        "[districtelijk-veiligheidscollege-flevoland] voedt\n"
        "  Ambtelijk Vooroverleg [ambtelijk-vooroverleg] bereidt voor"
        " Districtelijk Veiligheidscollege Flevoland\n"
    )
    data = json.loads(ok("chain", "Basisteamdriehoek Dronten, Noordoostpolder en Urk", "--json"))
    assert data["id"] == "basisteamdriehoek-dnu"
    assert [(c["depth"], c["id"], c["relation"]) for c in data["chain"]] == [
        (1, "ambtelijke-basisteamdriehoek", "prepares")
    ]
    assert ok("chain", "ambtelijk-vooroverleg").startswith("Niets bereidt Ambtelijk Vooroverleg")


def test_chain_unknown_body() -> None:
    result = finding("chain", "districtelijk-veiligheidscolege")
    assert "bedoelt u 'districtelijk-veiligheidscollege-flevoland'" in result.stderr


# -- export -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "reader"),
    [
        ("graphml", from_graphml),
        ("json", from_node_link),
        ("dot", from_dot),
        ("mermaid", from_mermaid),
        ("popolo", from_popolo),
    ],
)
def test_export_reads_back(fmt: str, reader: object) -> None:
    import ivb

    G = build_graph(ivb.load())
    extra = ["--mermaid-data"] if fmt == "mermaid" else []
    back = reader(ok("export", "--format", fmt, *extra))  # type: ignore[operator]
    if fmt == "popolo":
        assert set(back) == {
            n for n, k in G.nodes(data="kind") if k in ("municipality", "role", "partner", "body")
        }
    else:
        assert list(back) == list(G)
        assert back.number_of_edges() == G.number_of_edges()
        assert back.nodes["ondermijning"]["obj"] == G.nodes["ondermijning"]["obj"]


def test_export_governance_view() -> None:
    kinds = {"municipality", "role", "partner", "body", "policy", "theme"}
    plain = ok("export", "-f", "mermaid", "--governance")
    assert "%% ivb:" not in plain and len(plain) <= 50_000
    assert {k for _, k in from_mermaid(plain).nodes(data="kind")} == kinds
    back = from_mermaid(ok("export", "-f", "mermaid", "--governance", "--mermaid-data"))
    assert {k for _, k in back.nodes(data="kind")} == kinds
    assert back.has_edge("gemeenteraad-urk", "dnu-ivb-2024-2027", "controls")


def test_export_past_mermaids_limits_is_a_clear_error() -> None:
    result = run("export", "-f", "mermaid")
    assert result.returncode == 1
    assert "826 edges, but Mermaid draws fewer than 500" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_ics(tmp_path: Path) -> None:
    text = ok("export", "--format", "ics", "--year", "2025")
    assert text.startswith("BEGIN:VCALENDAR")
    cal = MeetingCalendar.from_ical(text)
    assert cal.year == 2025
    assert len(cal.meetings) == 12
    default = MeetingCalendar.from_ical(ok("export", "--format", "ics"))
    assert default.year == 2024  # the first year of the policy
    path = tmp_path / "dnu.ics"
    summary = json.loads(ok("export", "-f", "ics", "-o", str(path), "--json"))
    assert summary["format"] == "ics" and summary["output"] == str(path)
    raw = path.read_bytes()
    assert summary["bytes"] == len(raw)
    assert b"\r\n" in raw and b"\r\r\n" not in raw


def test_export_to_unwritable_file(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.json"
    result = finding("export", "-f", "json", "-o", str(target))
    assert f"ivb export: --output: kan '{target}' niet schrijven (" in result.stderr
    result = finding("export", "-f", "json", "-o", str(target), "--lang", "en")
    assert f"ivb export: --output: cannot write '{target}' (" in result.stderr


# -- diff -------------------------------------------------------------------------


def test_diff_same(mini_path: Path) -> None:
    assert ok("diff", str(mini_path), str(mini_path)) == (
        f"{mini_path} (voorbeeld-ivb-2025-2028) en {mini_path} (voorbeeld-ivb-2025-2028) "
        "zijn gelijk\n"
    )


def test_diff_changes(tmp_path: Path, mini_path: Path, mini_text: str) -> None:
    new = tmp_path / "nieuw.yaml"
    new.write_text(
        mini_text.replace("meetings_per_year: 4", "meetings_per_year: 6"), encoding="utf-8"
    )
    result = finding("diff", str(mini_path), str(new))
    assert result.stdout.splitlines() == [
        f"--- {mini_path} (voorbeeld-ivb-2025-2028)",
        f"+++ {new} (voorbeeld-ivb-2025-2028)",
        "",
        "~ overlegstructuur Driehoek [driehoek]",
        "    vergaderingen per jaar: 4 -> 6",
        "",
        "1 verschil in totaal (--json noemt elk afzonderlijk)",
    ]
    data = json.loads(finding("diff", str(mini_path), str(new), "--json").stdout)
    assert data["changes"] == [
        {
            "change": "changed",
            "kind": "body",
            "id": "driehoek",
            "field": "meetings_per_year",
            "old": 4,
            "new": 6,
        }
    ]


def test_diff_names_records_by_what_identifies_them(tmp_path: Path, mini_path: Path) -> None:
    old = _mini_with_records(mini_path)
    new = attrs.evolve(
        old,
        citations=(attrs.evolve(old.citations[1], reason="Staat in de tabel."),),
        budget=old.budget[:1],
    )
    (tmp_path / "a.yaml").write_text(ivb.dumps(old), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(ivb.dumps(new), encoding="utf-8")
    result = finding("diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert result.stdout.splitlines()[2:] == [
        "",
        "- begrotingspost [2025: Camera's #2]",
        "",
        "- bronverwijzing [driehoek.members -> burgemeester]",
        "",
        "~ bronverwijzing [driehoek.members -> politie]",
        "    reden: - -> Staat in de tabel.",
        "",
        "3 verschillen in totaal (--json noemt elk afzonderlijk)",
    ]


def test_diff_against_the_bundled_policy(mini_path: Path) -> None:
    result = finding("diff", str(mini_path), "--json")
    data = json.loads(result.stdout)
    assert (data["a"], data["b"]) == ("voorbeeld-ivb-2025-2028", "dnu-ivb-2024-2027")
    assert {
        "change": "added",
        "kind": "municipality",
        "id": "urk",
        "field": None,
        "old": None,
        "new": None,
    } in data["changes"]


def test_diff_broken_file(broken: Path, mini_path: Path) -> None:
    result = finding("diff", str(mini_path), str(broken))
    assert str(broken) in result.stderr
