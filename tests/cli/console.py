"""Finding the installed ``ivb`` console script."""

from __future__ import annotations

import sys
from pathlib import Path


def console_script(name: str = "ivb") -> str | None:
    """The console script *name* installed beside the running interpreter, or None.

    Looked for next to ``sys.executable`` (``bin/`` or ``Scripts\\``), not on PATH: the
    tests must run the script of the environment they run in, activated or not.
    """
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    return None
