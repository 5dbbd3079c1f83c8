"""The subcommands of ``ivb``. Each keeps its heavy imports inside its function."""

from __future__ import annotations

import argparse
from typing import TextIO

from ivb.cli._main import EXIT_FINDING, EXIT_OK, load_policy, print_json, register

__all__: list[str] = []


def _no_options(parser: argparse.ArgumentParser) -> None:
    return None


@register("overview", "municipalities, joint themes, speerpunten and consultation bodies", _no_options)
def overview(args: argparse.Namespace, out: TextIO) -> int:
    from ivb.cli._overview import overview_data, render_overview

    data = overview_data(load_policy(args))
    if args.json:
        print_json(data, out)
    else:
        out.write(render_overview(data))
    return EXIT_OK


def _validate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="policy files to check")


@register("validate", "check policy files; print every problem with its path", _validate_options)
def validate(args: argparse.Namespace, out: TextIO) -> int:
    from ivb._errors import IvbError, PolicyValidationError
    from ivb._io import load

    results = []
    for name in args.files:
        try:
            load(name)
        except PolicyValidationError as exc:
            results.append({"file": name, "valid": False, "problems": [
                {"path": p.path, "message": p.message} for p in exc.problems
            ]})
        except IvbError as exc:
            results.append({"file": name, "valid": False, "problems": [
                {"path": "", "message": str(exc)}
            ]})
        else:
            results.append({"file": name, "valid": True, "problems": []})
    if args.json:
        print_json(results, out)
    else:
        for r in results:
            if r["valid"]:
                out.write(f"{r['file']}: valid\n")
            for p in r["problems"]:
                where = f"{p['path']}: " if p["path"] else ""
                out.write(f"{r['file']}: {where}{p['message']}\n")
    return EXIT_OK if all(r["valid"] for r in results) else EXIT_FINDING


@register("schema", "print the JSON Schema of the policy file format", _no_options)
def schema(args: argparse.Namespace, out: TextIO) -> int:
    from ivb._schema import schema_text

    out.write(schema_text())
    return EXIT_OK
