"""`ivb overview`, `ivb validate` and `ivb schema`, run as the installed console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.cli.console import console_script
from tests.strategies import governance_policies

IVB = console_script("ivb")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [IVB] if IVB else [sys.executable, "-m", "ivb"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120)


def test_overview_text() -> None:
    result = run("overview")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Integraal Veiligheidsbeleid 2024-2027 (2024-2027)\n")
    assert "  Dronten (GM0303)\n  Noordoostpolder (GM0171)\n  Urk (GM0184)\n" in out
    # the headings are the policy's tier labels
    assert "\nGezamenlijke thema's (thematrekker)\n" in out
    assert "\nLokale speerpunten\n  Dronten\n" in out
    assert "  Cybercrime en digitale veiligheid (Noordoostpolder)\n" in out
    assert "  Ondermijning (Dronten)\n" in out
    assert "  Maatschappelijke onrust (Urk)\n" in out
    assert "    3. Veiligheidsbeleving\n" in out
    assert "    - Veilig Uitgaan\n" in out
    dvc = next(line for line in out.splitlines() if "Districtelijk Veiligheidscollege" in line)
    assert dvc.split()[-4:] == ["4", "keer", "per", "jaar"]


def test_overview_json() -> None:
    result = run("overview", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [m["cbs_code"] for m in data["municipalities"]] == ["GM0303", "GM0171", "GM0184"]
    assert {t["id"]: t["leads"] for t in data["themes"]} == {
        "cybercrime": ["noordoostpolder"],
        "ondermijning": ["dronten"],
        "maatschappelijke-onrust": ["urk"],
    }
    assert [(t["id"], t["heading"], t["lead_label"]) for t in data["tiers"]] == [
        ("gezamenlijk-thema", "Gezamenlijke thema's", "thematrekker"),
        ("lokaal-speerpunt", "Lokale speerpunten", None),
    ]
    assert [len(m["speerpunten"]) for m in data["municipalities"]] == [3, 3, 5]
    bodies = {b["id"]: b["meetings_per_year"] for b in data["bodies"]}
    assert bodies["districtelijk-veiligheidscollege-flevoland"] == 4
    assert bodies["ambtelijk-vooroverleg"] == 4


def test_overview_of_other_policy(mini_path: Path) -> None:
    result = run("overview", "--policy", str(mini_path))
    assert result.returncode == 0, result.stderr
    assert "Ondermijning (Voorbeeld)" in result.stdout


def test_overview_of_broken_policy(tmp_path: Path, mini_text: str) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text(mini_text.replace("leads: [voorbeeld]", "leads: [voorbeelt]"), encoding="utf-8")
    result = run("overview", "--policy", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "themes[0].leads[0]: verwacht de id van een municipality/role/body" in result.stderr
    assert "bedoelt u 'voorbeeld'?" in result.stderr
    result = run("overview", "--policy", str(path), "--lang", "en")
    assert "themes[0].leads[0]: expected the id of a municipality/role/body" in result.stderr
    assert "did you mean 'voorbeeld'?" in result.stderr


def test_validate(tmp_path: Path, mini_path: Path, mini_text: str) -> None:
    bad = tmp_path / "kapot.yaml"
    bad.write_text(
        mini_text.replace("tier: bestuurlijk", "tier: bestuur").replace("number: 1", "number: een"),
        encoding="utf-8",
    )
    ok = run("validate", str(mini_path))
    assert (ok.returncode, ok.stdout) == (0, f"{mini_path}: geldig\n")
    result = run("validate", str(bad))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{bad}: bodies[0].tier: verwacht een van")
    assert lines[0].endswith(", kreeg tekst 'bestuur'")
    assert lines[1].startswith(f"{bad}: speerpunten[0].number: verwacht een geheel getal")
    english = run("validate", str(bad), "--lang", "en").stdout.splitlines()
    assert english[0].startswith(f"{bad}: bodies[0].tier: expected one of")
    assert english[1].startswith(f"{bad}: speerpunten[0].number: expected an integer")
    parsed = json.loads(run("validate", "--json", str(bad), str(mini_path)).stdout)
    assert [(r["valid"], len(r["problems"])) for r in parsed] == [(False, 2), (True, 0)]
    # JSON output is never translated
    assert parsed[0]["problems"][0]["message"].startswith("expected one of")


def test_validate_missing_file(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert result.stdout == f"{tmp_path / 'nope.yaml'}: bestaat niet\n"


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("no-such-command").returncode == 2
    assert run("validate").returncode == 2


def test_help_on_every_subcommand() -> None:
    for command in ("overview", "validate", "schema"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "--policy" in result.stdout and "--json" in result.stdout


@pytest.mark.parametrize("command", ["overview"])
def test_cold_query_does_not_import_pandas(command: str) -> None:
    code = (
        f"import sys; from ivb.cli import main; import io; main([{command!r}], io.StringIO()); "
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _rows_or_error(func: object, *args: object) -> object:
    try:
        return func(*args)  # type: ignore[operator]
    except Exception as exc:
        return (type(exc).__name__, str(exc))


def _same_owners(policy: object) -> None:
    from ivb.cli._governance import who_owns_data
    from ivb.cli._overview import who_owns_rows
    from ivb.governance import build_graph

    G = build_graph(policy)  # type: ignore[arg-type]
    asked: list[str | None] = [None, "nope", "NOPE", str(G.graph["policy"])]
    for n, d in G.nodes(data=True):
        asked += [n, str(d.get("name", "")).upper()]
    for theme in asked:
        assert _rows_or_error(who_owns_rows, policy, theme) == _rows_or_error(
            who_owns_data, G, theme
        ), theme


def test_who_owns_from_the_model_equals_the_graph(mini_path: Path) -> None:
    import ivb

    _same_owners(ivb.load())
    _same_owners(ivb.load(mini_path))


@given(policy=governance_policies())
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_who_owns_from_the_model_equals_the_graph_generated(policy: object) -> None:
    _same_owners(policy)
