"""The ``ivb`` command line.

Run ``ivb --help`` for the subcommands. Every subcommand takes ``--policy FILE``
to work on another policy file and ``--json`` for machine-readable output.
Exit codes: 0 success, 1 a finding (an invalid file, an unknown id), 2 wrong usage.
"""

from ivb.cli._main import main

__all__ = ["main"]
