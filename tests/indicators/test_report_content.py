"""The progress report as a council member reads it: Dutch, summary first, plain reasons."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from ivb.cli import main
from ivb.cli._report import gather_measurements
from ivb.indicators import ReportError, render_report, report_data, report_html
from ivb.model import Policy

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def sample(policy: Policy) -> pd.DataFrame:
    """The sample measurements: a Veiligheidsmonitor 2025 result, 85146NED and police figures."""
    return gather_measurements(
        policy,
        [FIXTURES / "measurements-vm.csv"],
        [FIXTURES / "47013NED-sample.csv"],
        [FIXTURES / "85146NED-sample.csv"],
    )


def _text(page: str) -> str:
    """The visible text of a page: no tags, no style."""
    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_the_report_is_dutch_by_default(policy: Policy, sample: pd.DataFrame) -> None:
    page = report_html(policy, sample, generated="2024-11-16")
    assert '<html lang="nl">' in page
    text = _text(page)
    for heading in ("Samenvatting", "Thema's en speerpunten", "Cijfers", "Nagerekende getallen"):
        assert f">{heading}</h2>" in page.replace("&#39;", "'")
    assert "gemaakt op 16 november 2024" in text
    # numbers in Dutch notation, in the row and the chart alike
    assert "1.225" in text and "7,6" in text and "nulmeting 7,6" in page
    assert "+14,4%" in text  # tabel 1, Noordoostpolder 2019-2022
    for english in (
        "Targets",
        "Baseline",
        "Statistics",
        "Claim checks",
        "Why",
        "baseline 7.6",
        "on track",
        "not checkable",
        "police_measurements",
        "pass ",
    ):
        assert english not in text, english


def test_english_on_request(policy: Policy) -> None:
    page = report_html(policy, generated="2024-11-16", lang="en")
    assert '<html lang="en">' in page
    text = _text(page)
    assert "Summary" in text and "made on November 16, 2024" in text
    assert "Samenvatting" not in text


def test_summary_shows_every_target_with_trend(policy: Policy, sample: pd.DataFrame) -> None:
    data = report_data(policy, sample, generated="2025-01-31")
    rows = [
        (t["target"].split(".")[-1], t["status"], t["latest"], t["baseline"], t["trend"])
        for t in data["targets"]
    ]
    assert rows == [
        (
            "noordoostpolder-veiligheidsbeleving-target",
            "on-track",
            7.8,
            7.6,
            {"period": "2023", "value": 7.8, "change": 0.0},
        ),
        (
            "afname-high-impact-crimes",
            "on-track",
            1225.0,
            1400.0,
            {"period": "2023", "value": 1400.0, "change": -175.0},
        ),
        (
            "afname-veelvoorkomende-criminaliteit",
            "off-track",
            1120.0,
            800.0,
            {"period": "2023", "value": 800.0, "change": 320.0},
        ),
        ("afname-overlast-hoge-impact", "no-data", None, None, None),
    ]
    # 85146NED gives the 2021 and 2023 grades, the Veiligheidsmonitor file 2025
    assert data["targets"][0]["series"][0]["points"] == [
        ["2021", 7.6],
        ["2023", 7.8],
        ["2025", 7.8],
    ]
    text = _text(report_html(policy, sample, generated="2025-01-31"))
    assert "−175 sinds 2023 (beter)" in text and "+320 sinds 2023 (slechter)" in text
    assert "±0 sinds 2023 (gelijk)" in text and "hoger dan 7,6" in text


def test_contradicted_numbers_come_first(policy: Policy) -> None:
    page = report_html(policy, generated="2025-01-31")
    summary = page[page.index('id="summary"') : page.index('id="priorities"')]
    assert "Getallen in het beleid die de eigen cijfers tegenspreken" in summary
    assert summary.count("<li>") == 1
    assert "ongeveer gelijk is gebleven" in summary and "Nagerekend: -11,1%." in summary


def test_claims_grouped_by_verdict_and_folded(policy: Policy) -> None:
    page = report_html(policy, generated="2025-01-31")
    claims = page[page.index('id="claims"') :]
    groups = re.findall(
        r'<details class="verdict">\s*<summary><span class="badge ([a-z-]+)">(\d+) ', claims
    )
    assert groups == [("inconsistent", "1"), ("consistent", "17"), ("not-checkable", "23")]
    assert "<script" not in page


def test_reasons_are_plain_dutch(policy: Policy) -> None:
    data = report_data(policy, generated="2025-01-31")
    codes = Counter(c["explain"]["reason"] for c in data["claims"])
    assert codes == {"computed": 18, "police-data": 12, "policy": 10, "police-code": 1}
    page = report_html(policy, generated="2025-01-31")
    claims = page[page.index('<summary><span class="badge not-checkable">') :]
    reasons = re.findall(r"<td>([^<]*)</td></tr>", claims)
    assert len(reasons) == 23
    assert (
        reasons.count(
            "Het beleid geeft geen cijfers over woninginbraken. De open data van de politie "
            "(tabel 47013NED) kunnen het nagaan: voeg die cijfers toe aan de rapportage."
        )
        == 1
    )
    for reason in reasons:
        assert not re.search(r"[a-z]+_[a-z]+|\(\.\.\.\)|\bpass\b|\bthe\b", reason), reason


def test_history_of_earlier_reports(policy: Policy, tmp_path: Path) -> None:
    earlier = pd.DataFrame(
        {
            "indicator": ["veiligheidsbeleving"],
            "region": ["GM0171"],
            "period": ["2023"],
            "value": [7.5],
            "unit": ["rapportcijfer"],
            "source": ["Veiligheidsmonitor 2023"],
        }
    )
    first = tmp_path / "voortgang-2023.json"
    first.write_text(json.dumps(report_data(policy, earlier, generated="2023-12-01")), "utf-8")
    now = FIXTURES / "measurements-vm.csv"
    data = report_data(policy, now, generated="2025-06-30", history=[first])
    target = data["targets"][0]
    assert target["series"][0]["points"] == [["2023", 7.5], ["2025", 7.8]]
    assert target["trend"]["period"] == "2023" and round(target["trend"]["change"], 6) == 0.3
    # a period measured now wins over the same period in the history
    again = pd.DataFrame({**earlier.to_dict("list"), "period": ["2025"], "value": [6.0]})
    data = report_data(policy, now, history=again)
    assert data["targets"][0]["latest"] == 7.8
    out = io.StringIO()
    assert (
        main(
            ["report", "--measurements", str(now), "--history", str(first), "--date", "2025-06-30"],
            out=out,
        )
        == 0
    )
    assert "+0,3 sinds 2023 (beter)" in _text(out.getvalue())


def test_history_that_is_no_report_is_refused(policy: Policy, tmp_path: Path) -> None:
    bad = tmp_path / "old.json"
    bad.write_text('{"targets": []}', encoding="utf-8")
    from ivb.indicators import MeasurementsError

    with pytest.raises(
        MeasurementsError, match=r"old.json: expected the JSON of an earlier report"
    ):
        report_data(policy, history=bad)


def test_house_style_template_and_stylesheet(policy: Policy, tmp_path: Path) -> None:
    own = tmp_path / "gemeente.html.j2"
    own.write_text(
        '{% extends "ivb/report.html.j2" %}'
        "{% block footer %}<footer>Gemeente Voorbeeld · {{ _('Summary') }}</footer>{% endblock %}",
        encoding="utf-8",
    )
    css = tmp_path / "huisstijl.css"
    css.write_text("header { background: #5a1e6e; }", encoding="utf-8")
    data = report_data(policy, generated="2025-01-31")
    page = render_report(data, template=own, stylesheet=css)
    assert "<footer>Gemeente Voorbeeld · Samenvatting</footer>" in page
    assert page.index("header { background: #5a1e6e; }") > page.index("--brand:")
    assert "Voortgangsrapportage" in page  # the rest is the bundled template
    # values stay escaped in an own template too
    import attrs

    evil = attrs.evolve(policy, title="<b>x</b>")
    assert "<b>x</b>" not in render_report(report_data(evil), template=own)
    out = io.StringIO()
    code = main(["report", "--template", str(own), "--stylesheet", str(css)], out=out)
    assert code == 0 and "Gemeente Voorbeeld" in out.getvalue()


def test_a_broken_template_is_reported(
    policy: Policy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = report_data(policy, generated="2025-01-31")
    with pytest.raises(ReportError, match=r"template: expected a Jinja2 template file"):
        render_report(data, template=tmp_path / "missing.j2")
    broken = tmp_path / "broken.j2"
    broken.write_text("{% block x %}", encoding="utf-8")
    with pytest.raises(ReportError, match=r"template broken.j2 \(line 1\)"):
        render_report(data, template=broken)
    assert main(["report", "--template", str(broken), "--lang", "en"], out=io.StringIO()) == 1
    assert "ivb report: template broken.j2 (line 1): " in capsys.readouterr().err
    assert main(["report", "--template", str(broken), "--lang", "nl"], out=io.StringIO()) == 1
    assert "ivb report: sjabloon broken.j2 (regel 1): " in capsys.readouterr().err


def test_cli_lang(policy: Policy) -> None:
    out = io.StringIO()
    assert main(["report", "--lang", "en", "--date", "2025-01-31"], out=out) == 0
    assert '<html lang="en">' in out.getvalue()
    out = io.StringIO()
    assert main(["report", "--date", "2025-01-31"], out=out) == 0
    assert '<html lang="nl">' in out.getvalue()


def test_cli_pdf_without_chromium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    out = io.StringIO()
    assert main(["report", "--pdf", str(tmp_path / "r.pdf"), "--lang", "en"], out=out) == 1
    err = capsys.readouterr().err
    assert "printing to PDF needs headless Chromium, and none was found" in err
    assert "Traceback" not in err and not (tmp_path / "r.pdf").exists()
