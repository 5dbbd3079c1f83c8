"""Screenshots of the progress report for the docs, made in headless Chromium.

Run ``python tools/report_screenshots.py`` (needs Chromium). It renders the report of
the bundled policy with the sample measurements of ``tests/indicators/fixtures`` (a
Veiligheidsmonitor result, table 85146NED and police table 47013NED; invented values)
and of every policy in ``examples/policies/``, and writes for each a PNG of the whole
page (details folded) at 1280 px and at 390 px (a phone) to ``docs/monitoring/img/``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from ivb.indicators import find_chromium
from ivb.indicators._report import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "indicators" / "fixtures"
OUT = ROOT / "docs" / "monitoring" / "img"
_FLAGS = (*CHROMIUM_FLAGS, "--hide-scrollbars", "--allow-file-access-from-files")

_PROBE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title></head>
<body style="margin:0">
<iframe id="p" title="report" src="{src}" style="border:0;width:{w}px"></iframe>
<script>document.getElementById('p').addEventListener('load', function () {{
  var pre = document.createElement('pre'); pre.id = 'h';
  pre.textContent = this.contentDocument.documentElement.scrollHeight;
  document.body.appendChild(pre); }});</script></body></html>"""


def _chromium(browser: str, *args: str) -> str:
    with tempfile.TemporaryDirectory(prefix="ivb-shot-") as profile:
        return subprocess.run(
            [browser, *_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=180,
            check=True,
        ).stdout


def _height(browser: str, page: Path, width: int) -> int:
    probe = page.with_name(f"probe-{width}.html")
    probe.write_text(_PROBE.format(src=page.name, w=width), encoding="utf-8")
    dom = _chromium(browser, "--virtual-time-budget=5000", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="h">(\d+)</pre>', dom)
    if found is None:
        raise SystemExit(f"could not measure {page.name}")
    return int(found.group(1))


def reports(directory: Path) -> dict[str, Path]:
    """The reports to show: the bundled policy with sample measurements, and the examples."""
    import ivb
    from ivb.cli._report import gather_measurements
    from ivb.indicators import write_report

    policy = ivb.load()
    sample = gather_measurements(
        policy,
        [FIXTURES / "measurements-vm.csv"],
        [FIXTURES / "47013NED-sample.csv"],
        [FIXTURES / "85146NED-sample.csv"],
    )
    out = {"dnu": write_report(policy, directory / "dnu.html", sample, generated="2025-01-31")}
    for path in sorted((ROOT / "examples" / "policies").glob("*.yaml")):
        name = path.stem.split("-")[0]
        out[name] = write_report(ivb.load(path), directory / f"{name}.html", generated="2025-01-31")
    return out


def main() -> int:
    browser = find_chromium()
    if browser is None:
        print("needs headless Chromium (apt-get install chromium)", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = {}
    with tempfile.TemporaryDirectory(prefix="ivb-report-") as tmp:
        for name, page in reports(Path(tmp)).items():
            for width in (1280, 390):
                height = _height(browser, page, width)  # the whole page, at every width
                png = OUT / f"report-{name}-{width}.png"
                _chromium(
                    browser, f"--screenshot={png}", f"--window-size={width},{height}", page.as_uri()
                )
                sizes[png.name] = {"page_height": height, "shown": height}
                print(f"wrote {png.relative_to(ROOT)} ({width}x{height})")
    (OUT / "report-sizes.json").write_text(json.dumps(sizes, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
