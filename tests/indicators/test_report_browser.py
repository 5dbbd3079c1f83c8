"""The report in headless Chromium: height at 1280 and 390 px, axe-core, print to PDF.

Skipped, with the reason, where Chromium (or for axe-core npm, or a copy of
``axe.min.js`` named by ``IVB_AXE_CORE``) is not installed; ``.ci/run`` installs them.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

import ivb
from ivb.cli._report import gather_measurements
from ivb.indicators import write_pdf, write_report

from .browser import CHROMIUM, NPM, axe_core, layout
from .browser import axe_violations as run_axe
from .marked import marked_policy

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
POLICIES = [
    "bundled",
    "marked",
    *sorted(p.name for p in (ROOT / "examples" / "policies").glob("*.yaml")),
]

#: The summary, the priorities and the statistics must fit in this many CSS pixels at 1280.
MAX_HEIGHT = 3000

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs headless Chromium (apt-get install chromium)"
)


def _report(name: str, directory: Path) -> Path:
    if name == "bundled":
        policy = ivb.load()
        sample = gather_measurements(
            policy,
            [FIXTURES / "measurements-vm.csv"],
            [FIXTURES / "47013NED-sample.csv"],
            [FIXTURES / "85146NED-sample.csv"],
        )
        return write_report(policy, directory / "bundled.html", sample, generated="2025-01-31")
    if name == "marked":  # derived and ambiguous facts, each with its mark
        return write_report(marked_policy(), directory / "marked.html", generated="2025-01-31")
    policy = ivb.load(ROOT / "examples" / "policies" / name)
    return write_report(policy, directory / f"{Path(name).stem}.html", generated="2025-01-31")


@pytest.fixture(scope="module", params=POLICIES)
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _report(request.param, tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="session")
def axe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("IVB_AXE_CORE")
    if given and Path(given).is_file():
        return Path(given)
    if NPM is not None:
        root = subprocess.run([NPM, "root", "-g"], capture_output=True, text=True, check=False)
        found = Path(root.stdout.strip()) / "axe-core" / "axe.min.js"
        if root.returncode == 0 and found.is_file():
            return found
    script = axe_core(tmp_path_factory.mktemp("axe"))
    if script is None:
        pytest.skip("needs axe-core: npm (to install the npm package axe-core) or IVB_AXE_CORE")
    return script


def test_fits_in_3000_px_at_1280_before_the_folded_details(page: Path) -> None:
    box = layout(page, 1280)
    assert box["width"] == 1280 and box["scrollWidth"] <= 1280
    assert box["height"] <= MAX_HEIGHT, f"{page.name}: {box['height']} px"
    assert box["detailsTop"] is not None


def test_reads_on_a_phone_at_390(page: Path) -> None:
    box = layout(page, 390)
    assert box["width"] == 390
    assert box["scrollWidth"] <= 390, f"{page.name}: the page is {box['scrollWidth']} px wide"


def test_no_serious_or_critical_accessibility_violation(page: Path, axe: Path) -> None:
    for width in (1280, 390):
        found = run_axe(page, axe, width)
        bad = [v for v in found if v["impact"] in ("serious", "critical")]
        assert not bad, f"{page.name} at {width}: {bad}"


def test_prints_to_an_a4_pdf(page: Path) -> None:
    pdf = write_pdf(page.read_text(encoding="utf-8"), page.with_suffix(".pdf"))
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-"
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes and all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in boxes)


def test_the_numbers_checked_print_open(tmp_path: Path) -> None:
    page = _report("bundled", tmp_path)
    html = page.read_text(encoding="utf-8")
    folded = html.replace("details.verdict::details-content", "details.none::details-content")
    pages = []
    for name, text in (("open", html), ("folded", folded)):
        data = write_pdf(text, tmp_path / f"{name}.pdf").read_bytes()
        pages.append(len(re.findall(rb"/Type\s*/Page[^s]", data)))
    assert pages[0] > pages[1] >= 2
