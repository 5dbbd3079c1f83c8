"""Headless Chromium for the report tests: layout height, axe-core, PDF.

The report itself has no script; these helpers put a copy of it next to a small
probe page (or add axe-core to a copy) and read the result from the DOM that
``chromium --dump-dom`` prints.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ivb.indicators import find_chromium
from ivb.indicators._report import CHROMIUM_FLAGS

CHROMIUM = find_chromium()
NPM = shutil.which("npm")

#: The library's flags, and what the probes need: no scrollbars in the layout, and a
#: probe page that reads the report next to it.
_FLAGS = (*CHROMIUM_FLAGS, "--hide-scrollbars", "--allow-file-access-from-files")


def chromium(*args: str, timeout: int = 120) -> str:
    """Run headless Chromium with a fresh profile; return what it prints."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="ivb-chromium-") as profile:
        result = subprocess.run(
            [CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    return result.stdout


_PROBE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>probe</title>
<style>body{{margin:0}} iframe{{border:0;width:{width}px;height:900px}}</style></head>
<body><iframe id="page" title="report" src="{src}"></iframe>
<script>
document.getElementById('page').addEventListener('load', function () {{
  var doc = this.contentDocument, root = doc.documentElement;
  var first = doc.querySelector('details');
  var r = {{height: root.scrollHeight, width: root.clientWidth, scrollWidth: root.scrollWidth,
           svgs: doc.querySelectorAll('svg').length,
           detailsTop: first ? first.getBoundingClientRect().top : null}};
  var pre = document.createElement('pre'); pre.id = 'probe';
  pre.textContent = JSON.stringify(r); document.body.appendChild(pre);
}});
</script></body></html>"""


def layout(page: Path, width: int) -> dict[str, float]:
    """The height and width of *page* laid out *width* CSS pixels wide (details closed)."""
    probe = page.with_name(f"probe-{width}.html")
    probe.write_text(_PROBE.format(width=width, src=page.name), encoding="utf-8")
    dom = chromium("--virtual-time-budget=5000", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom)
    assert found is not None, dom[-2000:]
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def axe_core(directory: Path) -> Path | None:
    """``axe.min.js`` installed with npm into *directory*, or None without npm or network."""
    if NPM is None:
        return None
    result = subprocess.run(
        [
            NPM,
            "install",
            "--no-audit",
            "--no-fund",
            "--silent",
            "--prefix",
            str(directory),
            "axe-core",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    script = directory / "node_modules" / "axe-core" / "axe.min.js"
    return script if result.returncode == 0 and script.is_file() else None


_AXE_RUN = """<script src="{axe}"></script><script>
var tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
axe.run(document, {{runOnly: {{type: 'tag', values: tags}},
                   resultTypes: ['violations']}}).then(function (r) {{
  var out = r.violations.map(function (v) {{
    return {{id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(function (n) {{ return n.target.join(' '); }})}};
  }});
  var pre = document.createElement('pre'); pre.id = 'axe-result';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
}});
</script>"""


def axe_violations(page: Path, axe: Path, width: int = 1280) -> list[dict[str, object]]:
    """The axe-core violations of *page* (a copy with axe added is checked)."""
    html = page.read_text(encoding="utf-8")
    checked = page.with_name(f"axe-{page.name}")
    checked.write_text(
        html.replace("</body>", _AXE_RUN.format(axe=axe.as_uri()) + "</body>"), encoding="utf-8"
    )
    dom = chromium(
        f"--window-size={width},900", "--virtual-time-budget=30000", "--dump-dom", checked.as_uri()
    )
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.S)
    assert found is not None, "axe-core did not finish"
    import html as _html

    return json.loads(_html.unescape(found.group(1)))  # type: ignore[no-any-return]
