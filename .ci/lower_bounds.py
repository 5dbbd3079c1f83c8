"""Print pip constraints that pin every dependency of ivb to its lowest allowed version.

Reads ``pyproject.toml``: the dependencies and the extras named on the command line (default
``test docs dev``). Every requirement with a lower bound (``name>=X``) becomes ``name==X``;
requirements without one are left to pip. Used by ``.ci/run`` for the lowest-versions job.

Run: ``python .ci/lower_bounds.py [EXTRA ...] > constraints.txt``
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_LOWER = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def lower_bounds(pyproject: Path, extras: list[str]) -> list[str]:
    """``name==version`` for every requirement with a ``>=`` bound."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in extras:
        requirements += project.get("optional-dependencies", {}).get(extra, [])
    pins = {}
    for requirement in requirements:
        m = _LOWER.match(requirement)
        if m:
            pins[m.group(1).lower()] = f"{m.group(1)}=={m.group(2)}"
    return sorted(pins.values(), key=str.lower)


def main() -> None:
    extras = sys.argv[1:] or ["test", "docs", "dev"]
    root = Path(__file__).resolve().parents[1]
    print("\n".join(lower_bounds(root / "pyproject.toml", extras)))


if __name__ == "__main__":
    main()
