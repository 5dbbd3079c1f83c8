"""The contract of the command line: bad input gives one clear message, never a traceback.

Every subcommand meets every class of bad input that applies to it: missing,
unreadable or wrong-type files; unwritable outputs; broken encodings;
out-of-range options; malformed CSV and policy files. Each must exit 1 (a
finding) or 2 (wrong usage) with one message on standard error and no
"Traceback". Most cases run in-process; a few run the console script, for
what only a real process shows (encodings of standard output, a full disk).
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from ivb.cli._main import main
from ivb.cli._output import TerminalText, terminal_safe

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI = (FIXTURES / "mini-ivb.yaml").read_text(encoding="utf-8")
VM = (
    Path(__file__).resolve().parents[1] / "indicators" / "fixtures" / "measurements-vm.csv"
).read_text(encoding="utf-8")
POLICE = (
    Path(__file__).resolve().parents[1] / "indicators" / "fixtures" / "47013NED-sample.csv"
).read_text(encoding="utf-8-sig")

#: Every subcommand with the arguments it needs; {policy} is where a policy file goes.
COMMANDS: dict[str, list[str]] = {
    "overview": ["overview", "--policy", "{policy}"],
    "validate": ["validate", "{policy}"],
    "report": ["report", "--policy", "{policy}"],
    "who-owns": ["who-owns", "--policy", "{policy}"],
    "show": ["show", "driehoek", "--policy", "{policy}"],
    "bodies": ["bodies", "--policy", "{policy}"],
    "chain": ["chain", "driehoek", "--policy", "{policy}"],
    "export-graphml": ["export", "-f", "graphml", "--policy", "{policy}"],
    "export-json": ["export", "-f", "json", "--policy", "{policy}"],
    "export-dot": ["export", "-f", "dot", "--policy", "{policy}"],
    "export-mermaid": ["export", "-f", "mermaid", "--policy", "{policy}"],
    "export-popolo": ["export", "-f", "popolo", "--policy", "{policy}"],
    "export-ics": ["export", "-f", "ics", "--policy", "{policy}"],
    "diff": ["diff", "{policy}", "--policy", str(FIXTURES / "mini-ivb.yaml")],
}


def run(argv: list[str], out: io.TextIOBase | None = None) -> tuple[int, str, str]:
    """Run ``ivb`` in-process; return exit status, standard output and standard error."""
    stream = out if out is not None else io.StringIO()
    err = io.StringIO()
    with redirect_stderr(err):
        try:
            code = main(argv, out=stream)  # type: ignore[arg-type]
        except SystemExit as exc:  # argparse: wrong usage
            code = int(exc.code or 0)
    text = stream.getvalue() if isinstance(stream, io.StringIO) else ""
    return code, text, err.getvalue()


def assert_refused(command: str, code: int, out: str, err: str) -> None:
    """Exit 1 or 2, one message, no traceback."""
    assert code in (1, 2), (code, out, err)
    assert "Traceback" not in out + err
    if command == "validate" and code == 1 and not err:  # validate reports on stdout
        assert out.strip() and "valid\n" not in out
        return
    messages = [line for line in err.splitlines() if line.startswith(("ivb ", "ivb:"))]
    assert len(messages) == 1, err
    assert len(messages[0]) > len("ivb x: "), err


def argv_for(command: str, policy: str) -> list[str]:
    return [a.replace("{policy}", policy) for a in COMMANDS[command]]


# -- policy files ----------------------------------------------------------

#: Broken policy files: (name, file content as bytes).
BAD_POLICIES: list[tuple[str, bytes]] = [
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"),
    ("utf16", MINI.encode("utf-16")),
    ("not-yaml", b"title: [unclosed\n"),
    ("not-a-mapping", b"- 1\n- 2\n"),
    ("empty", b""),
    ("infinite", MINI.replace("meetings_per_year: 4", "meetings_per_year: .inf").encode()),
    ("nan-number", MINI.replace("period: [2025, 2028]", "period: [2025, .nan]").encode()),
    ("sexagesimal", MINI.replace("meetings_per_year: 4", "meetings_per_year: 1:30").encode()),
    (
        "yes-bool",
        MINI.replace("meetings_per_year: 4", "meetings_per_year: 4\n    planned: yes").encode(),
    ),
    ("control-char", MINI.replace("name: Driehoek", 'name: "Drie\\x1b[2Jhoek"').encode()),
    ("nul", MINI.replace("name: Driehoek", 'name: "Drie\\0hoek"').encode()),
    ("nonchar", MINI.replace("name: Driehoek", 'name: "Drie\\uFFFEhoek"').encode()),
    ("line-separator", MINI.replace("name: Driehoek", 'name: "Drie\\u2028hoek"').encode()),
    ("merge-key", MINI.replace("bodies:\n", "bodies:\n  - <<: {id: x}\n    name: y\n", 1).encode()),
    ("alias", MINI.replace("period: [2025, 2028]", "period: &p [2025, 2028]\nx: *p").encode()),
    ("too-often", MINI.replace("meetings_per_year: 4", "meetings_per_year: 100000000").encode()),
    ("year-zero", MINI.replace("period: [2025, 2028]", "period: [0, 2028]").encode()),
    ("year-huge", MINI.replace("period: [2025, 2028]", "period: [2025, 10000]").encode()),
    ("duplicate-key", MINI.replace("title:", "title: a\ntitle:", 1).encode()),
    ("object-tag", b"title: !!python/object:object {}\n"),
    ("bad-utf8", MINI.encode() + b"\n# \xff\xfe\n"),
]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(("kind", "content"), BAD_POLICIES, ids=[k for k, _ in BAD_POLICIES])
def test_broken_policy_files(tmp_path: Path, command: str, kind: str, content: bytes) -> None:
    path = tmp_path / "policy.yaml"
    path.write_bytes(content)
    assert_refused(command, *run(argv_for(command, str(path))))


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", ["missing", "directory", "empty-name"])
def test_missing_or_wrong_type_policy(tmp_path: Path, command: str, kind: str) -> None:
    path = {"missing": str(tmp_path / "nope.yaml"), "directory": str(tmp_path), "empty-name": ""}
    assert_refused(command, *run(argv_for(command, path[kind])))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unreadable_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(MINI, encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert_refused(command, *run(argv_for(command, str(path))))


# -- outputs ---------------------------------------------------------------


class FullStream(io.StringIO):
    """Standard output on a full disk."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_full_standard_output(command: str) -> None:
    argv = argv_for(command, str(FIXTURES / "mini-ivb.yaml"))
    if command == "diff":  # differences would be printed; compare two different files
        argv = ["diff", str(FIXTURES / "mini-ivb.yaml")]
    code, _, err = run(argv, out=FullStream())
    assert code == 1 and "Traceback" not in err
    assert err.count("ivb ") == 1 and "No space left on device" in err


@pytest.mark.parametrize("command", ["report", "export-dot", "export-ics"])
@pytest.mark.parametrize("target", ["missing-dir", "directory", "under-a-file", "empty"])
def test_unwritable_output_file(tmp_path: Path, command: str, target: str) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    output = {
        "missing-dir": str(tmp_path / "nodir" / "out"),
        "directory": str(tmp_path),
        "under-a-file": str(tmp_path / "file" / "out"),
        "empty": "",
    }[target]
    argv = [*argv_for(command, str(FIXTURES / "mini-ivb.yaml")), "-o", output]
    code, out, err = run(argv)
    assert_refused(command, code, out, err)
    assert "--output" in err


# -- options ---------------------------------------------------------------

BAD_OPTIONS: list[list[str]] = [
    ["export", "-f", "ics", "--year", "0"],
    ["export", "-f", "ics", "--year", "-1"],
    ["export", "-f", "ics", "--year", "10000"],
    ["export", "-f", "ics", "--year", "100000000000000000000"],
    ["export", "-f", "ics", "--year", "abc"],
    ["export", "-f", "pdf"],
    ["export"],
    ["report", "--as-of", "0000"],
    ["report", "--as-of", "soon"],
    ["report", "--date", "\x1b[2J"],
    ["show"],
    ["chain"],
    ["validate"],
    ["diff"],
    ["nonsense"],
    ["overview", "--no-such-option"],
]


@pytest.mark.parametrize("argv", BAD_OPTIONS, ids=" ".join)
def test_out_of_range_or_wrong_options(argv: list[str]) -> None:
    code, out, err = run(argv)
    assert code == 2
    assert_refused(argv[0], code, out, err)


@pytest.mark.parametrize(
    "argv",
    [["show", "\x1b[2J"], ["chain", "nope"], ["who-owns", "nope"], ["show", "\ud800"]],
    ids=["escape", "chain", "who-owns", "surrogate"],
)
def test_unknown_ids(argv: list[str]) -> None:
    code, out, err = run(argv)
    assert code == 1
    assert_refused(argv[0], code, out, err)
    assert "\x1b" not in err and "\ud800" not in err


# -- CSV files ---------------------------------------------------------------

_VM_HEAD = "indicator,region,period,value,unit\n"
BAD_MEASUREMENTS: list[tuple[str, bytes]] = [
    ("decimal-comma", b"indicator,region,period,value\nveiligheidsbeleving,GM0171,2025,7,8\n"),
    ("duplicate", (_VM_HEAD + "x,GM0171,2025,41,count\nx,GM0171,2025,41,count\n").encode()),
    ("negative", (_VM_HEAD + "x,GM0171,2025,-4,count\n").encode()),
    ("inf", (_VM_HEAD + "x,GM0171,2025,inf,count\n").encode()),
    ("Infinity", (_VM_HEAD + "x,GM0171,2025,Infinity,count\n").encode()),
    ("1e309", (_VM_HEAD + "x,GM0171,2025,1e309,count\n").encode()),
    ("1e308", (_VM_HEAD + "x,GM0171,2025,1e308,count\n").encode()),
    ("period-0000", (_VM_HEAD + "x,GM0171,0000,7,count\n").encode()),
    ("not-a-number", (_VM_HEAD + "x,GM0171,2025,hoog,count\n").encode()),
    ("control-char", (_VM_HEAD + "x\x1b[2J,GM0171,2025,7,count\n").encode()),
    ("missing-column", b"indicator,region,value\nx,GM0171,7\n"),
    ("empty", b""),
    ("binary", b"\x00\x01\x02\x03\xff\xfe\x81"),
    ("undefined-cp1252", (_VM_HEAD + "x\x81,GM0171,2025,7,count\n").encode("latin-1")),
    ("short-row", (_VM_HEAD + "x,GM0171,2025\n").encode()),
    ("unclosed-quote", (_VM_HEAD + 'x,"GM0171,2025,7,count\n').encode()),
]
_P_HEAD = POLICE.splitlines()[0]
_P_ROW = next(line for line in POLICE.splitlines() if '"GM0171 ' in line and "2019JJ00" in line)
BAD_POLICE: list[tuple[str, bytes]] = [
    ("duplicate", f"{_P_HEAD}\n{_P_ROW}\n{_P_ROW}\n".encode()),
    ("negative", (_P_HEAD + "\n" + _P_ROW.replace('"3000"', '"-5"') + "\n").encode()),
    ("inf", (_P_HEAD + "\n" + _P_ROW.replace('"3000"', '"inf"') + "\n").encode()),
    ("1e309", (_P_HEAD + "\n" + _P_ROW.replace('"3000"', '"1e309"') + "\n").encode()),
    ("extra-field", f'{_P_HEAD}\n{_P_ROW};"7"\n'.encode()),
    ("bad-period", f"{_P_HEAD}\n{_P_ROW.replace('2019JJ00', '0000JJ00')}\n".encode()),
    ("not-police", b"a;b\n1;2\n"),
    ("empty", b""),
    ("binary", b"\x00\x01\x02\x03\xff\xfe\x81"),
]


@pytest.mark.parametrize(
    ("option", "kind", "content"),
    [("--measurements", k, c) for k, c in BAD_MEASUREMENTS]
    + [("--police", k, c) for k, c in BAD_POLICE],
    ids=[f"measurements-{k}" for k, _ in BAD_MEASUREMENTS] + [f"police-{k}" for k, _ in BAD_POLICE],
)
def test_malformed_csv(tmp_path: Path, option: str, kind: str, content: bytes) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    code, out, err = run(["report", option, str(path)])
    assert code == 1
    assert_refused("report", code, out, err)
    assert "data.csv" in err


@pytest.mark.parametrize("option", ["--measurements", "--police"])
@pytest.mark.parametrize("kind", ["missing", "directory", "empty-name", "unreadable"])
def test_missing_or_unreadable_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str, kind: str
) -> None:
    path = tmp_path / "data.csv"
    path.write_text(VM, encoding="utf-8")
    if kind == "unreadable":

        def refuse(*args: object, **kwargs: object) -> bytes:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

        monkeypatch.setattr(Path, "read_bytes", refuse)
    name = {"missing": str(tmp_path / "nope.csv"), "directory": str(tmp_path), "empty-name": ""}
    code, out, err = run(["report", option, name.get(kind, str(path))])
    assert code == 1
    assert_refused("report", code, out, err)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_csv_encodings_are_read(tmp_path: Path, encoding: str) -> None:
    vm = tmp_path / "vm.csv"
    vm.write_bytes(VM.replace("Veiligheidsmonitor", "Veiligheidsmonitor é").encode(encoding))
    police = tmp_path / "police.csv"
    police.write_bytes(POLICE.encode(encoding))
    code, out, err = run(["report", "--json", "--measurements", str(vm), "--police", str(police)])
    assert code == 0, err
    assert "Veiligheidsmonitor é" in out


# -- terminal output -----------------------------------------------------------


def test_terminal_text_escapes_control_characters() -> None:
    sink = io.StringIO()
    TerminalText(sink).write("Drie\x1b[2Jhoek\x00\u2028\n\tok")
    assert sink.getvalue() == "Drie\\x1b[2Jhoek\\x00\\u2028\n\tok"
    assert terminal_safe('"\x9b"', json_text=True) == '"\\u009b"'


# -- real processes: encodings of standard output, a full disk -------------------

IVB = shutil.which("ivb")


def _console(
    *args: str, env: dict[str, str] | None = None, stdout: object = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    cmd = [IVB] if IVB else [sys.executable, "-m", "ivb"]
    return subprocess.run(
        [*cmd, *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "args"),
    [
        ({"PYTHONIOENCODING": "ascii"}, ["who-owns"]),
        ({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}, ["who-owns"]),
        (
            {"PYTHONIOENCODING": "latin-1"},
            ["show", "noordoostpolder-jeugd-en-veiligheid", "--json"],  # its source note has "ŵ"
        ),
    ],
    ids=["ascii", "c-locale", "latin-1"],
)
def test_stdout_that_cannot_encode_falls_back_to_escapes(
    env: dict[str, str], args: list[str]
) -> None:
    result = _console(*args, env=env)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"\\x" in result.stdout or b"\\u" in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["overview"], ["schema"], ["export", "-f", "json"]])
def test_full_disk_on_standard_output(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = _console(*args, stdout=full)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "Traceback" not in err and "Exception ignored" not in err
    assert err.count("ivb ") == 1 and "No space left on device" in err
