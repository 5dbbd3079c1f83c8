"""Argument parsing and dispatch for the ``ivb`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from ivb._errors import IvbError

__all__ = ["Command", "main", "register"]

#: Exit status: success.
EXIT_OK = 0
#: Exit status: a finding, such as an invalid policy file or an unknown id.
EXIT_FINDING = 1
#: Exit status: the command line itself is wrong.
EXIT_USAGE = 2

#: A command: takes parsed arguments and an output stream, returns an exit status.
Command = Callable[[argparse.Namespace, TextIO], int]

_COMMANDS: list[tuple[str, str, Callable[[argparse.ArgumentParser], None], Command]] = []


def register(
    name: str, help: str, configure: Callable[[argparse.ArgumentParser], None]
) -> Callable[[Command], Command]:
    """Register a subcommand (decorator)."""

    def deco(func: Command) -> Command:
        _COMMANDS.append((name, help, configure, func))
        return func

    return deco


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        metavar="FILE",
        help="policy file to work on (default: the bundled DNU IVB 2024-2027)",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    from ivb.cli import _commands  # noqa: F401  (registers the subcommands)

    parser = argparse.ArgumentParser(
        prog="ivb",
        description="Query an integral safety policy (Integraal Veiligheidsbeleid).",
        epilog="Exit status: 0 success, 1 a finding (invalid file, unknown id), 2 wrong usage.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text, configure, func in _COMMANDS:
        p = sub.add_parser(name, help=help_text, description=help_text)
        configure(p)
        _common(p)
        p.set_defaults(func=func)
    return parser


def load_policy(args: argparse.Namespace) -> Any:
    """The policy a command works on: ``--policy FILE`` or the bundled one."""
    from ivb._io import load

    return load(args.policy) if getattr(args, "policy", None) else load()


def print_json(data: object, out: TextIO) -> None:
    """Write *data* as indented JSON, keeping non-ASCII text readable."""
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the ``ivb`` command line; return the exit status."""
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from ivb import __version__

        out.write(f"ivb {__version__}\n")
        return EXIT_OK
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    try:
        status: int = args.func(args, out)
    except IvbError as exc:
        if getattr(args, "json", False):
            print_json({"error": type(exc).__name__, "message": str(exc)}, out)
        sys.stderr.write(f"ivb {args.command}: {exc}\n")
        return EXIT_FINDING
    except BrokenPipeError:  # pragma: no cover - e.g. `ivb overview | head`
        return EXIT_OK
    return status
