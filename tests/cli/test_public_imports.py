"""The command line is a client of the public API: it imports no private names of ivb.

Within ``ivb.cli`` its own modules may import each other; from the rest of ivb
only public modules (no path part starting with ``_``) and names in their
``__all__`` are allowed, and the message catalogs (:data:`INFRASTRUCTURE`), which
the command line and the report share and which are no part of the policy API.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[2] / "src" / "ivb" / "cli"
#: Private modules the command line may import: language choice and message catalogs.
INFRASTRUCTURE = frozenset({"ivb._i18n"})


def _imports(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """``(line, module, names)`` of every ``ivb`` import in *path*, nested ones included."""
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] == "ivb":
                found.append((node.lineno, node.module, tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "ivb":
                    found.append((node.lineno, alias.name, ()))
    return sorted(found)


def private_imports(path: Path) -> list[str]:
    """What *path* imports from ivb outside the public API, as ``file:line: what``."""
    bad = []
    for line, module, names in _imports(path):
        where = f"{path.name}:{line}"
        if module == "ivb.cli" or module.startswith("ivb.cli.") or module in INFRASTRUCTURE:
            continue
        if any(part.startswith("_") for part in module.split(".")):
            bad.append(f"{where}: module {module}")
            continue
        public = set(getattr(importlib.import_module(module), "__all__", ()))
        bad.extend(
            f"{where}: {module}.{name} is not in its __all__"
            for name in names
            if name not in public
        )
    return bad


def test_every_cli_module_is_scanned() -> None:
    names = {p.name for p in CLI.glob("*.py")}
    assert {"_commands.py", "_governance.py", "_overview.py", "_report.py"} <= names
    assert sum(len(_imports(p)) for p in CLI.glob("*.py")) > 20


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_imports_only_public_names(path: Path) -> None:
    assert private_imports(path) == []


def test_the_scan_finds_private_imports(tmp_path: Path) -> None:
    module = tmp_path / "_probe.py"
    module.write_text(
        "from ivb._errors import close_matches\n"
        "from ivb.cli._main import main\n"
        "def f():\n"
        "    from ivb.governance import build_graph, owner_of\n"
        "    from ivb.governance import frame_of_nothing\n"
        "    import ivb.governance._core\n",
        encoding="utf-8",
    )
    assert private_imports(module) == [
        "_probe.py:1: module ivb._errors",
        "_probe.py:5: ivb.governance.frame_of_nothing is not in its __all__",
        "_probe.py:6: module ivb.governance._core",
    ]
