"""The package is typed: mypy --strict passes on src/ (settings in pyproject.toml), and on
the code a reader copies: the README, the documentation pages and the examples."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: A fenced block of Python source (not a console session) in a Markdown page.
_FENCE_RE = re.compile(
    r"^(?P<fence>```+|~~~+)[ \t]*(?:python|py|python3)[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.M | re.S,
)

#: Names the documentation's doctests get from their pytest set-up (docs/conftest.py).
_DOCS_NAMESPACE = {"example_file": "str"}


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_py_typed_marker_ships() -> None:
    assert (ROOT / "src" / "ivb" / "py.typed").is_file()


def test_mypy_strict_on_src() -> None:
    result = _mypy()
    assert result.returncode == 0, result.stdout + result.stderr


def markdown_code(text: str) -> str:
    """The Python of a Markdown page as one module, in page order.

    Doctest examples (``>>>`` and ``...`` lines, in any block or none) become
    statements; fenced ``python`` blocks without prompts are taken whole. A page's
    doctests share one namespace, as they do when pytest runs them.
    """
    pieces: list[tuple[int, str]] = []
    for match in _FENCE_RE.finditer(text):
        body = match.group("body")
        if ">>>" not in body:
            pieces.append((text.count("\n", 0, match.start()), body))
    for part in doctest.DocTestParser().parse(text):
        if isinstance(part, doctest.Example):
            pieces.append((part.lineno, part.source))
    pieces.sort(key=lambda p: p[0])
    return "".join(src if src.endswith("\n") else src + "\n" for _, src in pieces)


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    return "snippet_" + re.sub(r"\W", "_", str(rel))


def snippet_files(tmp: Path) -> dict[Path, Path]:
    """Write the README's, the docs pages' and the examples' code to *tmp*; map file to origin."""
    out: dict[Path, Path] = {}
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for page in pages:
        if "_build" in page.parts or "_generated" in page.parts:
            continue
        code = markdown_code(page.read_text(encoding="utf-8"))
        if not code.strip():
            continue
        prelude = "".join(
            f"{name}: {hint} = ...  # type: ignore[assignment]\n"
            for name, hint in _DOCS_NAMESPACE.items()
            if re.search(rf"\b{name}\b", code)
        )
        target = tmp / f"{_module_name(page)}.py"
        target.write_text(prelude + code, encoding="utf-8")
        out[target] = page
    for example in sorted((ROOT / "examples").glob("*.py")):
        target = tmp / f"{_module_name(example)}.py"
        target.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
        out[target] = example
    return out


def test_markdown_code_takes_doctests_and_fenced_blocks() -> None:
    page = (
        "Intro\n\n```pycon\n>>> import ivb\n>>> for t in ivb.load().themes:\n"
        "...     print(t.id)\ncybercrime\n```\n\n```python\nx: int = 1\n```\n\n"
        "```sh\nivb overview\n```\n"
    )
    code = markdown_code(page)
    assert code == "import ivb\nfor t in ivb.load().themes:\n    print(t.id)\nx: int = 1\n"


def test_mypy_strict_on_readme_docs_and_examples(tmp_path: Path) -> None:
    files = snippet_files(tmp_path)
    assert any(origin.name == "README.md" for origin in files.values())
    assert any(origin.parent.name == "examples" for origin in files.values())
    result = _mypy(
        "--strict",
        "--allow-redefinition",
        "--cache-dir",
        str(ROOT / ".mypy_cache"),
        *map(str, files),
    )
    report = result.stdout + result.stderr
    for target, origin in files.items():
        # mypy may name a file by the path it had when cached: match on the file name
        pattern = rf"\S*{re.escape(target.name)}"
        report = re.sub(pattern, f"{origin.relative_to(ROOT)} (extracted)", report)
    if result.returncode != 0:
        pytest.fail("mypy --strict on the code of the README, docs and examples:\n" + report)


#: What a type checker must infer for the public API (``assert_type`` fails mypy otherwise).
API_TYPES = """
from typing import assert_type

import pandas as pd

import ivb
from ivb.governance import (
    ChainLink, Lead, Member, Ownership, Records, build_graph, chain_links, escalation_path,
    leads_of, members, owner_of, ownerships, partners_of, who_owns,
)
from ivb.indicators import ClaimCheck, verify_claims
from ivb.model import Entity, Municipality, Partner, Role, Theme

policy = ivb.load()
theme = policy.get("ondermijning", Theme)
assert_type(theme, Theme)
assert_type(policy.get("x"), Entity)
assert_type(policy.get("x").name, str)
assert_type(policy.get(theme.leads[0], Role).name, str)
assert_type(policy.find("Ondermijning"), Entity)
assert_type(policy.find("Urk", Municipality), Municipality)
assert_type(policy.resolve(theme.municipalities, Municipality), tuple[Municipality, ...])
assert_type(policy.actions[0].text, str)
G = build_graph(policy)
assert_type(owner_of(G, "ondermijning"), Lead)
assert_type(leads_of(G, "ondermijning"), tuple[Lead, ...])
assert_type(members(G, "x"), tuple[Member, ...])
assert_type(escalation_path(G, "x"), tuple[Entity, ...])
assert_type(partners_of(G, "x"), tuple[Partner, ...])
assert_type(ownerships(G), Records[Ownership])
assert_type(chain_links(G, "x")[0].depth, int)
assert_type(chain_links(G, "x"), Records[ChainLink])
assert_type(who_owns(G), pd.DataFrame)
assert_type(ownerships(G).to_frame(), pd.DataFrame)
assert_type(verify_claims(policy), Records[ClaimCheck])
"""


def test_the_public_api_is_typed(tmp_path: Path) -> None:
    module = tmp_path / "snippet_api_types.py"
    module.write_text(API_TYPES, encoding="utf-8")
    result = _mypy("--strict", "--cache-dir", str(ROOT / ".mypy_cache"), str(module))
    assert result.returncode == 0, result.stdout + result.stderr
