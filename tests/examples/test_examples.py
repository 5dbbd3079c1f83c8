"""The runnable examples in examples/: each runs and prints exactly its snapshot.

Every ``examples/<name>.py`` is run in a fresh interpreter and its standard
output compared with ``examples/expected/<name>.txt``. To regenerate the
snapshots after a deliberate change, run with ``IVB_UPDATE_EXAMPLES=1`` and
read the differences before keeping them.
"""

from __future__ import annotations

import ast
import difflib
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import ivb
from ivb.governance import build_graph

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPECTED = EXAMPLES / "expected"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
UPDATE = os.environ.get("IVB_UPDATE_EXAMPLES") == "1"


def run(script: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run *script* with *args* in a fresh interpreter, in *cwd*, offline-safe and UTF-8."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONUTF8="1")
    env.pop("IVB_UPDATE_EXAMPLES", None)
    # a random hash seed in every run: output that depends on set order fails the snapshot
    env.pop("PYTHONHASHSEED", None)
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        check=False,
        timeout=300,  # a guard against a hang, not a speed test
    )


def unified(expected: str, actual: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"expected/{name}.txt",
            tofile=f"{name}.py output",
        )
    )


def test_there_are_examples() -> None:
    names = {p.stem for p in SCRIPTS}
    assert {
        "who_owns_what",
        "preparation_flow",
        "escalation_path",
        "monitor_veiligheidsbeleving",
        "encode_own_policy",
        "export_for_gephi",
    } <= names


def test_every_example_has_a_snapshot_and_every_snapshot_an_example() -> None:
    scripts = {p.stem for p in SCRIPTS}
    snapshots = {p.stem for p in EXPECTED.glob("*.txt")}
    assert scripts - snapshots == set(), "examples without expected/<name>.txt"
    assert snapshots - scripts == set(), "snapshots without an example"


def test_the_readme_lists_every_example() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in SCRIPTS if f"[`{p.name}`]({p.name})" not in readme]
    assert missing == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_example_is_a_documented_script(script: Path) -> None:
    tree = ast.parse(script.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring, f"{script.name}: no module docstring"
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert "main" in functions, f"{script.name}: no main()"
    guards = [
        n
        for n in tree.body
        if isinstance(n, ast.If) and ast.unparse(n.test) == "__name__ == '__main__'"
    ]
    assert len(guards) == 1, f"{script.name}: no if __name__ == '__main__' guard"
    assert ast.unparse(guards[0].body[0]) == "main()"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_example_prints_its_snapshot(script: Path, tmp_path: Path) -> None:
    result = run(script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    snapshot = EXPECTED / f"{script.stem}.txt"
    if UPDATE:
        snapshot.write_text(result.stdout, encoding="utf-8")
        pytest.skip(f"wrote {snapshot.name}")
    expected = snapshot.read_text(encoding="utf-8")
    assert result.stdout == expected, unified(expected, result.stdout, script.stem)
    assert list(tmp_path.iterdir()) == [], "the example left files in the working folder"


def test_export_for_gephi_writes_to_the_path_given(tmp_path: Path) -> None:
    out = tmp_path / "graph" / "ivb.graphml"
    out.parent.mkdir()
    result = run(EXAMPLES / "export_for_gephi.py", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Wrote ivb.graphml: ")
    G = nx.read_graphml(out)
    original = build_graph(ivb.load())
    assert (G.number_of_nodes(), G.number_of_edges()) == (
        original.number_of_nodes(),
        original.number_of_edges(),
    )
    assert G.nodes["ondermijning"]["kind"] == "theme"
    # the rest of the output is the snapshot's
    expected = (EXPECTED / "export_for_gephi.txt").read_text(encoding="utf-8")
    assert result.stdout.splitlines()[1:] == expected.splitlines()[1:]


def test_monitor_writes_the_report_only_where_it_is_asked_to(tmp_path: Path) -> None:
    out = tmp_path / "voortgang.html"
    result = run(EXAMPLES / "monitor_veiligheidsbeleving.py", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "  written to voortgang.html"
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "7,6" in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["voortgang.html"]
