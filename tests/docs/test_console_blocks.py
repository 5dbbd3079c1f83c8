"""The command lines shown in the documentation print what the pages say they print.

Every ```` ```console ```` block of the governance pages and the tutorial is read as a
shell session: a line ``$ ivb ...`` is a command, the lines up to the next command are
its output. A command shown with output is run in-process (in Dutch, 100 columns wide, as
the docs show it) and its output compared with the page's; a command shown without output
must at least be a valid command line (it is parsed, not run, since such lines write files or
redirect). ``IVB_UPDATE_DOCS=1`` writes the output of today into the pages instead: read the
diff before committing it.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from ivb.cli import main
from ivb.cli._main import build_parser

DOCS = Path(__file__).resolve().parents[2] / "docs"
#: The folders of the docs whose command lines run against the bundled policy.
FOLDERS = ("governance", "tutorial")
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.M | re.S)


def sessions() -> list[tuple[str, str, list[str]]]:
    """(page, command line, expected output lines) for every ``$ ivb`` line of the docs."""
    found = []
    for page in sorted(p for folder in FOLDERS for p in (DOCS / folder).rglob("*.md")):
        for block in _BLOCK.findall(page.read_text(encoding="utf-8")):
            command: str | None = None
            output: list[str] = []
            for line in block.splitlines():
                if line.startswith("$ "):
                    if command is not None:
                        found.append((page.relative_to(DOCS).as_posix(), command, output))
                    command, output = line[2:], []
                elif command is not None:
                    output.append(line)
            if command is not None:
                found.append((page.relative_to(DOCS).as_posix(), command, output))
    return found


SESSIONS = sessions()


@pytest.fixture(autouse=True)
def _dutch_and_100_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IVB_LANG", "nl")
    monkeypatch.setenv("COLUMNS", "100")


def _update(page: str, command: str, old: list[str], new: list[str]) -> None:
    path = DOCS / page
    text = path.read_text(encoding="utf-8")
    before = "\n".join([f"$ {command}", *old])
    after = "\n".join([f"$ {command}", *new])
    assert text.count(before) == 1, f"{page}: cannot find the block of {command!r} to update"
    path.write_text(text.replace(before, after), encoding="utf-8")


def test_the_docs_show_command_lines() -> None:
    pages = {page for page, _, _ in SESSIONS}
    assert {"governance/preparation.md", "tutorial/who-owns-what.md"} <= pages


@pytest.mark.parametrize(("page", "command", "output"), SESSIONS, ids=lambda x: str(x)[:60])
def test_a_command_line_of_the_docs(
    page: str, command: str, output: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    words = shlex.split(command, comments=True)
    if not words or words[0] != "ivb":
        pytest.skip(f"not an ivb command: {command}")
    args = [w for w in words[1:] if w not in (">", "|")]
    if ">" in words or "|" in words:
        args = words[1 : min(words.index(x) for x in (">", "|") if x in words)]
    if not any(line.strip() for line in output):
        build_parser().parse_args(args)  # a valid command line (SystemExit if not)
        return
    status = main(args)
    printed = capsys.readouterr().out
    assert status == 0, f"{page}: {command} exited with {status}"
    if os.environ.get("IVB_UPDATE_DOCS"):
        _update(page, command, output, printed.rstrip("\n").splitlines())
        return
    assert [line.rstrip() for line in printed.rstrip("\n").splitlines()] == [
        line.rstrip() for line in "\n".join(output).rstrip("\n").splitlines()
    ], f"{page}: {command}"
