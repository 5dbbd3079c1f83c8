"""The progress report: self-contained HTML, the matching CLI, and a headless Chromium check."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ivb.cli import main
from ivb.indicators import report_data, report_html, write_report
from ivb.model import Policy

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _assert_self_contained(page: str) -> None:
    assert "<script" not in page.lower()
    assert "<link" not in page.lower() and "@import" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    without_ns = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http://" not in without_ns and "https://" not in without_ns


def test_report_data_pins_the_bundled_policy(policy: Policy) -> None:
    data = report_data(policy, generated="2025-01-31")
    assert data["generated"] == "2025-01-31" and data["as_of"] is None
    assert data["summary"] == {
        "targets": {"no-data": 4},
        "claims": {"not-checkable": 23, "consistent": 17, "inconsistent": 1},
    }
    assert [t["depth"] for t in data["targets"]] == [0, 1, 1, 1]
    assert data["targets"][0]["priority_name"] == "Veiligheidsbeleving"
    assert data["targets"][0]["scope_name"] == "Noordoostpolder"
    assert data["targets"][0]["horizon"] == "2027"  # the policy's last year
    joint, local = data["priorities"]
    assert (joint["heading"], joint["lead_label"]) == ("Gezamenlijke thema's", "thematrekker")
    assert [(t["name"], t["leads"]) for t in joint["items"]] == [
        ("Cybercrime en digitale veiligheid", ["Noordoostpolder"]),
        ("Ondermijning", ["Dronten"]),
        ("Maatschappelijke onrust", ["Urk"]),
    ]
    assert local["heading"] == "Lokale speerpunten" and len(local["items"]) == 11
    table2 = data["statistics"][1]
    assert [r["region"] for r in table2["rows"]] == ["GM0303", "GM0171", "GM0184", "DNU"]
    assert table2["rows"][3]["values"] == [470, 509, 474, 590]
    json.dumps(data, allow_nan=False)  # valid JSON: no NaN


def test_report_is_self_contained_html(policy: Policy, vm_csv: Path) -> None:
    page = report_html(policy, vm_csv, generated="2025-01-31")
    assert page.startswith("<!DOCTYPE html>")
    _assert_self_contained(page)
    # the target's chart, tables 1 and 2, and the Veiligheidsmonitor among all measurements
    assert page.count("<svg") == 4
    for section in ("summary", "priorities", "statistics", "claims"):
        assert f'id="{section}"' in page
    # the summary count, the target row, its chart's caption and its speerpunt's row
    assert page.count('class="badge on-track"') == 4
    assert "Thematrekker" in page and "Noordoostpolder" in page
    assert page.count('<q lang="nl">') == 41 + 1  # every claim, the contradicted one twice


def test_report_escapes_text(policy: Policy) -> None:
    import attrs

    evil = attrs.evolve(policy, title="<script>alert(1)</script>")
    page = report_html(evil, generated="2025-01-31")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_write_report(policy: Policy, tmp_path: Path) -> None:
    out = write_report(policy, tmp_path / "voortgang.html", generated="2025-01-31")
    assert out.read_text(encoding="utf-8") == report_html(policy, generated="2025-01-31")


def test_cli_report_to_stdout_and_file(
    tmp_path: Path, vm_csv: Path, crimes_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IVB_LANG", "nl")  # the language of the command line's own message
    out = io.StringIO()
    assert main(["report", "--date", "2025-01-31"], out=out) == 0
    assert out.getvalue().startswith("<!DOCTYPE html>")
    target = tmp_path / "r.html"
    out = io.StringIO()
    code = main(
        [
            "report",
            "--measurements",
            str(vm_csv),
            "--police",
            str(crimes_csv),
            "--date",
            "2025-01-31",
            "-o",
            str(target),
        ],
        out=out,
    )
    assert code == 0 and out.getvalue() == f"{target} geschreven\n"
    page = target.read_text(encoding="utf-8")
    _assert_self_contained(page)
    # charts of three targets (VM, HIC, VVC), tables 1 and 2, and 14 measured indicators
    assert page.count("<svg") == 3 + 2 + 14


def test_cli_report_json(vm_csv: Path, crimes_csv: Path) -> None:
    out = io.StringIO()
    assert (
        main(
            [
                "report",
                "--json",
                "--date",
                "2025-01-31",
                "--measurements",
                str(vm_csv),
                "--police",
                str(crimes_csv),
            ],
            out=out,
        )
        == 0
    )
    data = json.loads(out.getvalue())
    assert [t["status"] for t in data["targets"]] == [
        "on-track",
        "on-track",
        "off-track",  # before the horizon
        "no-data",
    ]
    sub = data["targets"][1]
    assert (sub["baseline"], sub["latest"], sub["region"]) == (1400, 1225, "GM0171")


def test_cli_report_bad_measurements(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,region,period,value\nx,GM0171,2025,hoog\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["report", "--measurements", str(bad), "--lang", "en"], out=out) == 1
    assert "line 2, column 'value': expected a number" in capsys.readouterr().err
    assert main(["report", "--measurements", str(bad), "--lang", "nl"], out=out) == 1
    assert "regel 2, kolom 'value': verwacht een getal" in capsys.readouterr().err


def test_import_ivb_and_the_cli_parser_do_not_import_pandas() -> None:
    code = (
        "import sys, ivb; from ivb.cli._main import build_parser; build_parser(); "
        "print('pandas' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)")
def test_report_renders_in_headless_chromium(policy: Policy, tmp_path: Path, vm_csv: Path) -> None:
    page = write_report(policy, tmp_path / "voortgang.html", vm_csv, generated="2025-01-31")
    args = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [*args, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    # the browser parsed the page: the SVG charts and every section are in its DOM
    assert dom.count("<svg") == 4 and dom.count("<polyline") >= 8
    assert 'id="claims"' in dom and "Voortgangsrapportage" in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*args, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 30_000  # a page, not a blank
