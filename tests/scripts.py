"""The project's scripts (``benchmarks/``, ``tools/``), loaded as modules for the tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_script(relative: str, *, register: bool = False) -> ModuleType:
    """The script at *relative* (to the project root) as a module named by its file.

    With *register* it is also put in ``sys.modules`` (for code that looks itself up
    by name, such as dataclasses or worker processes).
    """
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    if register:
        sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module
