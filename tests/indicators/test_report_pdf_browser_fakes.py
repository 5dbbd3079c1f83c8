"""``write_pdf`` with a stand-in for the browser: what it refuses, and what it says.

A real browser prints the report in tests/indicators/test_report_browser.py (where
one is installed); these stand-ins play the ways a browser can fail, on every
machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ivb.indicators import ReportError, write_pdf


def _browser(tmp_path: Path, body: str) -> str:
    """An executable that takes the browser's arguments and runs *body* (Python)."""
    script = tmp_path / "fake-chromium"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "pdf = next(a.split('=', 1)[1] for a in sys.argv if a.startswith('--print-to-pdf='))\n"
        f"{body}\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(script)


@pytest.mark.skipif(sys.platform == "win32", reason="a script with a #! line")
def test_an_empty_pdf_is_refused(tmp_path: Path) -> None:
    browser = _browser(tmp_path, "open(pdf, 'wb').close()")
    with pytest.raises(ReportError) as info:
        write_pdf("<p>x</p>", tmp_path / "out.pdf", chromium=browser)
    assert str(info.value) == (f"pdf: {browser} exited with status 0 and wrote no PDF (no output)")
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a script with a #! line")
def test_a_failing_browser_is_quoted(tmp_path: Path) -> None:
    browser = _browser(tmp_path, "sys.stderr.write('first\\nno display\\n'); sys.exit(3)")
    with pytest.raises(ReportError) as info:
        write_pdf("<p>x</p>", tmp_path / "out.pdf", chromium=browser)
    assert str(info.value) == f"pdf: {browser} exited with status 3 and wrote no PDF (no display)"


@pytest.mark.skipif(sys.platform == "win32", reason="a script with a #! line")
def test_what_the_browser_prints_is_written(tmp_path: Path) -> None:
    browser = _browser(tmp_path, "open(pdf, 'wb').write(b'%')")
    out = write_pdf("<p>x</p>", tmp_path / "out.pdf", chromium=browser)
    assert out == (tmp_path / "out.pdf").resolve()
    assert out.read_bytes() == b"%"
