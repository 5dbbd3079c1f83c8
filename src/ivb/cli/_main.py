"""Argument parsing and dispatch for the ``ivb`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO, cast

from ivb import IvbError
from ivb.cli._text import _, terminal_width, use_language

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
    """Register a subcommand (decorator); *help* is an English message id (``N_("...")``)."""

    def deco(func: Command) -> Command:
        _COMMANDS.append((name, help, configure, func))
        return func

    return deco


def _language_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--lang`` and ``--wide``: before the subcommand or after it, with the same effect."""
    keep: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=_("language of the output: nl or en (default: IVB_LANG, else the locale, else nl)"),
        **({"default": None} if top else keep),
    )
    parser.add_argument(
        "--wide",
        action="store_true",
        help=_("keep lines whole instead of fitting them to the terminal width"),
        **keep,
    )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        metavar="FILE",
        help=_("policy file to work on (default: the bundled DNU IVB 2024-2027)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print machine-readable JSON"))
    _language_options(parser, top=False)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand, in the language of the run."""
    from ivb.cli import _commands  # noqa: F401  (registers the subcommands)

    parser = argparse.ArgumentParser(
        prog="ivb",
        description=_("Query an integral safety policy (Integraal Veiligheidsbeleid)."),
        epilog=_("Exit status: 0 success, 1 a finding (invalid file, unknown id), 2 wrong usage."),
    )
    parser.add_argument("--version", action="store_true", help=_("print the version and exit"))
    _language_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    for name, help_text, configure, func in _COMMANDS:
        p = sub.add_parser(name, help=_(help_text), description=_(help_text))
        configure(p)
        _common(p)
        p.set_defaults(func=func)
    return parser


def _chosen_language(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in *argv* (read before the parser is built)."""
    chosen = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return chosen


def load_policy(args: argparse.Namespace) -> Any:
    """The policy a command works on: ``--policy FILE`` or the bundled one."""
    from ivb import load

    return load(args.policy) if getattr(args, "policy", None) is not None else load()


def output_width(args: argparse.Namespace) -> int | None:
    """The width to fit text output to; ``None`` with ``--wide``."""
    return terminal_width(bool(getattr(args, "wide", False)))


def print_json(data: object, out: TextIO) -> None:
    """Write *data* as indented JSON, keeping non-ASCII text readable."""
    from ivb.cli._output import dumps_json

    out.write(dumps_json(data) + "\n")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the ``ivb`` command line; return the exit status."""
    from ivb._i18n import UnknownLanguageError, locale_language
    from ivb.cli import _output

    if out is None:
        out = sys.stdout
        _output.prepare_stdout(out)
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        with use_language(_chosen_language(arguments)):
            return _run(arguments, out)
    except UnknownLanguageError as exc:  # told in the language the locale asks for
        _output.report(None, exc.render(locale_language()))
        return EXIT_USAGE


def _run(argv: list[str], out: TextIO) -> int:
    from ivb.cli import _output

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from ivb import __version__

        out.write(f"ivb {__version__}\n")
        return EXIT_OK
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    sink: TextIO = out
    if args.command not in _output.RAW_COMMANDS:  # text for people: escape control characters
        sink = cast(TextIO, _output.TerminalText(out, json_text=bool(getattr(args, "json", False))))
    try:
        status: int = args.func(args, sink)
        sink.flush()
    except IvbError as exc:
        try:
            if getattr(args, "json", False):
                print_json({"error": type(exc).__name__, "message": str(exc)}, sink)
                sink.flush()
        except OSError:
            _output.abandon(out)
        _output.report(args.command, _output.describe_error(exc))
        return EXIT_FINDING
    except BrokenPipeError:  # e.g. `ivb overview | head`
        _output.abandon(out)
        return EXIT_OK
    except OSError as exc:  # standard output itself failed (a full disk, a closed pipe)
        _output.abandon(out)
        _output.report(args.command, _output.describe_os_error(exc))
        return EXIT_FINDING
    return status
