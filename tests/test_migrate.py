"""`ivb migrate`: version 1 files become version 2, comments and key order kept."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

import ivb
from ivb import MigrationError
from ivb._migrate import migrate
from ivb.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
V1_DNU = FIXTURES / "dnu-ivb-v1.yaml"


@pytest.fixture(scope="module")
def migrated_dnu() -> str:
    return migrate(V1_DNU.read_text(encoding="utf-8"), origin=str(V1_DNU)).text


def _top_keys(text: str) -> list[str]:
    return re.findall(r"^([a-z_]+):", text, flags=re.MULTILINE)


def test_v1_fixture_is_refused_with_the_command_to_run() -> None:
    with pytest.raises(ivb.PolicyValidationError, match=r"run `ivb migrate .*dnu-ivb-v1\.yaml`"):
        ivb.load(V1_DNU)


def test_migrated_dnu_loads_and_keeps_the_pinned_facts(migrated_dnu: str) -> None:
    policy = ivb.loads(migrated_dnu)
    assert policy.schema_version == 2
    assert [(t.id, t.leads, t.tier) for t in policy.themes] == [
        ("cybercrime", ("noordoostpolder",), "gezamenlijk-thema"),
        ("ondermijning", ("dronten",), "gezamenlijk-thema"),
        ("maatschappelijke-onrust", ("urk",), "gezamenlijk-thema"),
    ]
    assert [len(policy.speerpunten_of(m.id)) for m in policy.municipalities] == [3, 3, 5]
    assert [t.heading for t in policy.tiers] == ["Gezamenlijke thema's", "Lokale speerpunten"]
    assert policy.process is not None
    assert len(policy.process.sessions) == 6 and len(policy.process.participants) == 53
    assert policy.process.session_label == "themasessie"
    assert sum(t.session is not None for t in policy.trends) == 18
    burgemeester = policy.get("burgemeester")
    assert burgemeester.duties[0].text.startswith("Handhaving van de openbare orde")  # type: ignore[union-attr]
    meets = {b.id: (b.meets.value, b.meetings_per_year) for b in policy.bodies}
    assert meets["basisteamdriehoek-dnu"] == ("fixed", 4)
    assert meets["ambtelijke-basisteamdriehoek"] == ("not-stated", None)
    # everything else is as it was: the same entities and actions (the bundled policy has
    # since moved six statements that the text places under no speerpunt to its principles)
    bundled = ivb.load()
    assert sorted(a.id for a in policy.actions) == sorted(a.id for a in bundled.actions)
    assert [p.id for p in policy.partners] == [p.id for p in bundled.partners if p.id != "politie"]


def test_comments_and_key_order_are_kept(migrated_dnu: str) -> None:
    v1 = V1_DNU.read_text(encoding="utf-8")
    comments = [line for line in v1.splitlines() if line.lstrip().startswith("#")]
    out = migrated_dnu.splitlines()
    assert all(c in out for c in comments)
    assert out[0] == "# yaml-language-server: $schema=ivb-policy.schema.json"
    keys = _top_keys(migrated_dnu)
    old = _top_keys(v1)
    assert [k for k in keys if k in old] == old
    assert keys.index("tiers") == keys.index("themes") - 1
    # untouched lines stay byte for byte: the long folded summaries, flow maps, quotes
    assert 'date: "2023-10-31"' in migrated_dnu
    assert "    source: {document: ivb, section: Inleiding}" in migrated_dnu


def test_theme_keys_in_place(migrated_dnu: str) -> None:
    block = migrated_dnu[migrated_dnu.index("  - id: ondermijning\n") :][:200]
    assert block.splitlines()[1:5] == [
        "    name: Ondermijning",
        "    tier: gezamenlijk-thema",
        "    leads: [dronten]",
        "    municipalities: [dronten, noordoostpolder, urk]",
    ]


def test_mini_v1_migrates_to_the_fixture(mini_text: str) -> None:
    v1 = (
        mini_text.replace("schema_version: 2", "schema_version: 1")
        .replace("    tier: gezamenlijk-thema\n    leads: [voorbeeld]\n", "    owner: voorbeeld\n")
        .replace(
            "    tier: lokaal-speerpunt\n    municipalities: [voorbeeld]\n",
            "    municipality: voorbeeld\n",
        )
        .replace(
            "    duties:\n      - text: Handhaving van de openbare orde\n",
            "    duties: [Handhaving van de openbare orde]\n",
        )
        .replace("    meets: fixed\n", "")
    )
    start = v1.index("# Tiers of priorities")
    v1 = v1[:start] + v1[v1.index("themes:\n") :]
    assert migrate(v1).text == mini_text


def test_version_2_is_returned_unchanged(mini_text: str) -> None:
    result = migrate(mini_text)
    assert (result.text, result.from_version, result.notes) == (mini_text, 2, ())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version: 7\nid: x\n", "schema_version: expected 1 (to upgrade) or 2, got 7"),
        ("id: x\n", "schema_version: expected 1 (to upgrade) or 2, got None"),
        ("- a\n- b\n", "expected a mapping at the top of the file"),
        ("a: [\n", "invalid YAML"),
        (
            "schema_version: 1\nthemes:\n  - id: t\n",
            "themes[0]: expected an 'owner' (version 1 requires one)",
        ),
        (
            "schema_version: 1\nroles:\n  - id: r\n    duties: [{a: b}]\n",
            "roles[0].duties[0]: expected text, got CommentedMap",
        ),
        ("schema_version: 1\nthemes: 3\n", "themes: expected a list, got int"),
    ],
)
def test_errors_name_the_place(text: str, message: str) -> None:
    with pytest.raises(MigrationError) as info:
        migrate(text, origin="oud.yaml")
    assert message in str(info.value)


def test_cli_writes_stdout_file_or_in_place(tmp_path: Path) -> None:
    src = tmp_path / "oud.yaml"
    src.write_text(V1_DNU.read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()
    assert main(["migrate", str(src)], out=out) == 0
    text = out.getvalue()
    assert "schema_version: 2\n" in text
    target = tmp_path / "nieuw.yaml"
    assert main(["migrate", str(src), "-o", str(target)], out=io.StringIO()) == 0
    assert target.read_text(encoding="utf-8") == text
    assert "schema_version: 1\n" in src.read_text(encoding="utf-8")
    assert main(["migrate", str(src), "--in-place"], out=io.StringIO()) == 0
    assert src.read_text(encoding="utf-8") == text
    assert ivb.load(src).id == "dnu-ivb-2024-2027"


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", str(tmp_path / "geen.yaml")], out=io.StringIO()) == 1
    bad = tmp_path / "v9.yaml"
    bad.write_text("schema_version: 9\n", encoding="utf-8")
    assert main(["migrate", str(bad), "--lang", "en"], out=io.StringIO()) == 1
    assert "schema_version: expected 1 (to upgrade) or 2, got 9" in capsys.readouterr().err
    assert main(["migrate", str(bad), "--lang", "nl"], out=io.StringIO()) == 1
    assert "schema_version: verwacht 1 (om bij te werken) of 2, kreeg 9" in capsys.readouterr().err


def test_ruamel_is_imported_only_to_migrate() -> None:
    import subprocess
    import sys

    code = "import sys, ivb; ivb.load(); print('ruamel' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_validate_tells_to_migrate(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["validate", str(V1_DNU), "--lang", "en"], out=out) == 1
    assert out.getvalue() == (
        f"{V1_DNU}: schema_version: this is a version 1 file; this ivb reads version 2: "
        f"run `ivb migrate {V1_DNU}` to upgrade it\n"
    )
    out = io.StringIO()
    assert main(["validate", str(V1_DNU), "--lang", "nl"], out=out) == 1
    assert out.getvalue() == (
        f"{V1_DNU}: schema_version: dit is een bestand van versie 1; deze ivb leest versie 2: "
        f"werk het bij met `ivb migrate {V1_DNU}`\n"
    )


def test_cli_json_reports_the_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    target = tmp_path / "nieuw.yaml"
    assert main(["migrate", str(V1_DNU), "-o", str(target), "--json"], out=io.StringIO()) == 0
    report = json.loads(capsys.readouterr().err)
    assert (report["from_version"], report["written_to"]) == (1, str(target))
    assert any("duties" in note for note in report["notes"])
