"""The subcommands of ``ivb``. Each keeps its heavy imports inside its function."""

from __future__ import annotations

import argparse
from typing import TextIO

from ivb.cli._main import (
    EXIT_FINDING,
    EXIT_OK,
    load_policy,
    output_width,
    print_json,
    register,
)
from ivb.cli._text import N_, _, language

__all__: list[str] = []


def _no_options(parser: argparse.ArgumentParser) -> None:
    return None


@register(
    "overview", N_("municipalities, joint themes, speerpunten and consultation bodies"), _no_options
)
def overview(args: argparse.Namespace, out: TextIO) -> int:
    from ivb.cli._overview import overview_data, render_overview

    data = overview_data(load_policy(args))
    if args.json:
        print_json(data, out)
    else:
        out.write(render_overview(data, output_width(args)))
    return EXIT_OK


def _validate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help=_("policy files to check"))


@register(
    "validate", N_("check policy files; print every problem with its path"), _validate_options
)
def validate(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from ivb import IvbError, PolicyValidationError, load
    from ivb._i18n import render

    lang = language()
    results = []
    told: dict[int, str] = {}  # problems in the language of the run, by id of the result entry
    for name in args.files:
        where = Path(name)
        if name and where.is_dir():
            problem = _("is a directory, not a policy file")
            results.append(
                {"file": name, "valid": False, "problems": [{"path": "", "message": problem}]}
            )
            continue
        if name and not where.exists():
            problem = _("does not exist")
            results.append(
                {"file": name, "valid": False, "problems": [{"path": "", "message": problem}]}
            )
            continue
        try:
            load(name)
        except PolicyValidationError as exc:
            found = [{"path": p.path, "message": p.message} for p in exc.problems]
            told.update(
                (id(f), render(p.message, lang)) for f, p in zip(found, exc.problems, strict=True)
            )
            results.append({"file": name, "valid": False, "problems": found})
        except IvbError as exc:
            entry = {"path": "", "message": _without_file(str(exc), name)}
            told[id(entry)] = _without_file(exc.render(lang), name)
            results.append({"file": name, "valid": False, "problems": [entry]})
        else:
            results.append({"file": name, "valid": True, "problems": []})
    if args.json:
        print_json(results, out)
    else:  # one problem a line, never wrapped: editors and grep read these lines
        lines = []
        for r in results:
            if r["valid"]:
                lines.append(_("{file}: valid").format(file=r["file"]))
            for p in r["problems"]:
                place = f"{p['path']}: " if p["path"] else ""
                lines.append(f"{r['file']}: {place}{told.get(id(p), p['message'])}")
        out.write("\n".join(lines) + "\n")
    return EXIT_OK if all(r["valid"] for r in results) else EXIT_FINDING


def _without_file(message: str, name: str) -> str:
    """*message* without the file name it starts with (the line names the file already)."""
    for quoted in (name, repr(name)):
        for sep in (": ", ", "):
            if message.startswith(quoted + sep):
                return message[len(quoted) + len(sep) :]
    for lead in (f"policy file {name!r} ", f"policy file {name} "):
        if message.startswith(lead):
            return message[len(lead) :]
    return message


@register("schema", N_("print the JSON Schema of the policy file format"), _no_options)
def schema(args: argparse.Namespace, out: TextIO) -> int:
    from ivb import schema_text

    out.write(schema_text())
    return EXIT_OK


def _period(text: str) -> str:
    from ivb import IvbError
    from ivb.indicators import period_bounds

    try:
        period_bounds(text)
    except IvbError as exc:
        raise argparse.ArgumentTypeError(exc.render(language())) from None
    return text


def _plain_text(text: str) -> str:
    from ivb.cli._output import terminal_safe

    if terminal_safe(text) != text:
        raise argparse.ArgumentTypeError(
            _("expected text without control characters, got {text!r}").format(
                text=terminal_safe(text)
            )
        )
    return text


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("write the HTML report here (default: standard output)"),
    )
    parser.add_argument(
        "--measurements",
        metavar="FILE",
        action="append",
        default=[],
        help=_(
            "tidy CSV of measurements (indicator, region, period, value[, unit, source]), "
            "e.g. a new Veiligheidsmonitor result; may be given more than once"
        ),
    )
    parser.add_argument(
        "--police",
        metavar="FILE",
        action="append",
        default=[],
        help=_(
            "police open-data table 47013NED or 47021NED as downloaded (CSV); "
            "may be given more than once"
        ),
    )
    parser.add_argument(
        "--veiligheidsmonitor",
        metavar="FILE",
        action="append",
        default=[],
        help=_(
            "Veiligheidsmonitor table 85146NED as downloaded (CSV); may be given more than once"
        ),
    )
    parser.add_argument(
        "--history",
        metavar="FILE",
        action="append",
        default=[],
        help=_(
            "measurements of earlier reports, so every target shows its history: a tidy CSV "
            "or the JSON of an earlier 'ivb report --json'; may be given more than once"
        ),
    )
    parser.add_argument(
        "--as-of",
        type=_period,
        metavar="DATE",
        help=_(
            "judge horizons as of this date (YYYY, YYYY-MM or YYYY-MM-DD); "
            "default: only measurements decide"
        ),
    )
    parser.add_argument(
        "--date",
        type=_plain_text,
        metavar="DATE",
        help=_("date printed on the report (default: today)"),
    )
    parser.add_argument(
        "--pdf",
        metavar="FILE",
        help=_("also print the report to this PDF file (A4, through headless Chromium)"),
    )
    parser.add_argument(
        "--template",
        metavar="FILE",
        help=_(
            "own Jinja2 template for the report (house style); it may extend 'ivb/report.html.j2'"
        ),
    )
    parser.add_argument(
        "--stylesheet",
        metavar="FILE",
        help=_("own CSS added after the report's style (house style)"),
    )


@register(
    "report",
    N_("progress report for the council: targets, statistics with charts, claim checks (HTML)"),
    _report_options,
)
def report(args: argparse.Namespace, out: TextIO) -> int:
    from ivb.cli._report import gather_measurements
    from ivb.indicators import render_report, report_data, write_pdf

    policy = load_policy(args)
    measurements = gather_measurements(
        policy, args.measurements, args.police, args.veiligheidsmonitor
    )
    data = report_data(
        policy, measurements, as_of=args.as_of, generated=args.date, history=args.history
    )
    if args.json:
        print_json(data, out)
        return EXIT_OK
    page = render_report(
        data,
        lang=getattr(args, "lang", None),
        template=args.template,
        stylesheet=args.stylesheet,
    )
    if args.pdf is not None:
        write_pdf(page, args.pdf)
    if args.output is not None:
        from ivb.cli._output import write_file

        write_file(args.output, page)
        out.write(_("wrote {file}").format(file=args.output) + "\n")
    elif args.pdf is not None:
        out.write(_("wrote {file}").format(file=args.pdf) + "\n")
    else:
        out.write(page)
    return EXIT_OK


# -- governance graph ------------------------------------------------------


def _who_owns_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "theme",
        nargs="?",
        metavar="THEME",
        help=_("id or name of one theme or speerpunt (default: all)"),
    )


@register(
    "who-owns",
    N_("leads, municipalities and coordinators of the priorities (themes and speerpunten)"),
    _who_owns_options,
)
def who_owns(args: argparse.Namespace, out: TextIO) -> int:
    from ivb.cli._overview import render_who_owns, who_owns_notes, who_owns_rows

    policy = load_policy(args)
    rows = who_owns_rows(policy, args.theme)
    if args.json:
        print_json(rows, out)
    else:
        out.write(render_who_owns(rows, output_width(args), who_owns_notes(policy, rows)))
    return EXIT_OK


def _show_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "id", metavar="ID", help=_("id (or exact name) of any entity of the policy")
    )


@register("show", N_("one entity: its fields and every relation in and out"), _show_options)
def show(args: argparse.Namespace, out: TextIO) -> int:
    from ivb.cli._governance import render_show, show_data
    from ivb.governance import build_graph

    G = build_graph(load_policy(args))
    data = show_data(G, args.id)
    if args.json:
        print_json(data, out)
    else:
        out.write(render_show(data, output_width(args), G))
    return EXIT_OK


@register(
    "bodies",
    N_("the consultation bodies: tier, frequency, members, who prepares what"),
    _no_options,
)
def bodies(args: argparse.Namespace, out: TextIO) -> int:
    from ivb.cli._governance import bodies_data, render_bodies
    from ivb.governance import build_graph

    G = build_graph(load_policy(args))
    rows = bodies_data(G)
    if args.json:
        print_json(rows, out)
    else:
        out.write(render_bodies(G, rows, output_width(args)))
    return EXIT_OK


def _chain_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("body", metavar="BODY", help=_("id or name of a decision body (or actor)"))


@register("chain", N_("what prepares or informs a decision body, transitively"), _chain_options)
def chain(args: argparse.Namespace, out: TextIO) -> int:
    from ivb.cli._governance import chain_data, render_chain
    from ivb.governance import build_graph

    G = build_graph(load_policy(args))
    data = chain_data(G, args.body)
    if args.json:
        print_json(data, out)
    else:
        out.write(render_chain(G, data, output_width(args)))
    return EXIT_OK


def _year(text: str) -> int:
    from ivb.model import MAX_YEAR, MIN_YEAR

    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a year, got {text!r}").format(text=text)
        ) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            _("expected a year from {first} to {last}, got {text!r}").format(
                first=MIN_YEAR, last=MAX_YEAR, text=text
            )
        )
    return year


_EXPORT_FORMATS = ("graphml", "json", "dot", "mermaid", "popolo", "ics")


def _export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        choices=_EXPORT_FORMATS,
        help=_("graphml, json (node-link), dot, mermaid, popolo, or ics (meeting calendar)"),
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help=_("write to FILE instead of standard output")
    )
    parser.add_argument(
        "--governance",
        action="store_true",
        help=_(
            "only the actors, the policy and the governance relations among them (for diagrams)"
        ),
    )
    parser.add_argument(
        "--mermaid-data",
        action="store_true",
        help=_(
            "mermaid: add every attribute as %%%% ivb: comment lines, to read the graph back "
            "whole (the text may then be past what Mermaid draws)"
        ),
    )
    parser.add_argument(
        "--year",
        type=_year,
        metavar="YEAR",
        help=_("year of the meeting calendar (ics; default: the first year of the policy)"),
    )
    parser.epilog = _(
        "With --output and --json, prints a JSON summary of what was written; "
        "without --output the export itself goes to standard output."
    )


@register(
    "export",
    N_("the governance graph as GraphML, JSON, DOT, Mermaid, Popolo or iCalendar"),
    _export_options,
)
def export(args: argparse.Namespace, out: TextIO) -> int:
    policy = load_policy(args)
    if args.format == "ics":
        from ivb.governance import meeting_calendar

        year = args.year if args.year is not None else policy.period[0]
        text = meeting_calendar(policy, year).to_ical()
    else:
        from ivb.governance import build_graph, export_graph, governance_view

        G = build_graph(policy)
        H = governance_view(G) if args.governance else G
        if args.format == "mermaid" and args.mermaid_data:
            from ivb.governance import to_mermaid

            text = to_mermaid(H, data=True, check_limits=False)
        else:
            text = export_graph(H, args.format)
    if args.output is None:
        out.write(text)
        return EXIT_OK
    from ivb.cli._output import write_file

    path = write_file(args.output, text)  # iCalendar lines end in CRLF; written as they are
    if args.json:
        print_json({"format": args.format, "output": str(path), "bytes": len(text.encode())}, out)
    return EXIT_OK


def _diff_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file_a", metavar="FILE_A", help=_("the old policy file"))
    parser.add_argument(
        "file_b",
        metavar="FILE_B",
        nargs="?",
        help=_("the new policy file (default: --policy, or the bundled policy)"),
    )
    parser.epilog = _(
        "Exit status: 0 the same, 1 differences found (or a broken file), 2 wrong usage."
    )


@register("diff", N_("what was added, removed and changed between two policy files"), _diff_options)
def diff(args: argparse.Namespace, out: TextIO) -> int:
    from ivb import load
    from ivb.governance import diff as policy_diff

    old = load(args.file_a)
    new = load(args.file_b) if args.file_b else load_policy(args)
    result = policy_diff(old, new)
    if args.json:
        print_json({"a": result.a, "b": result.b, "changes": result.to_records()}, out)
    else:
        from ivb.cli._diffview import render_diff

        new_name = args.file_b or args.policy or _("the bundled policy")
        names = (f"{args.file_a} ({old.id})", f"{new_name} ({new.id})")
        out.write(render_diff(result.changes, names, (old, new), output_width(args)))
    return EXIT_FINDING if result else EXIT_OK


def _migrate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=_("policy file of an earlier format version"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help=_("write the result to OUT"))
    where.add_argument("--in-place", action="store_true", help=_("overwrite FILE with the result"))


@register(
    "migrate",
    N_("upgrade a policy file to the current format version, keeping comments and key order"),
    _migrate_options,
)
def migrate(args: argparse.Namespace, out: TextIO) -> int:
    import sys
    from pathlib import Path

    from ivb import PolicyFileError, PolicyFileNotFoundError
    from ivb import migrate as run

    path = Path(args.file)
    if not path.is_file():
        what = _("is a directory, not a policy file") if path.is_dir() else _("does not exist")
        raise PolicyFileNotFoundError(f"{args.file}: {what}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyFileError(
            _("{file}: expected UTF-8 text, got an undecodable byte at offset {offset}").format(
                file=path, offset=exc.start
            )
        ) from None
    result = run(text, origin=str(path))
    target = path if args.in_place else Path(args.output) if args.output else None
    if target is None:
        out.write(result.text)
    else:
        target.write_text(result.text, encoding="utf-8")
    if args.json:
        print_json(
            {
                "file": str(path),
                "from_version": result.from_version,
                "written_to": str(target) if target else None,
                "notes": list(result.notes),
            },
            sys.stderr,
        )
    else:
        from ivb._i18n import render

        for note in result.notes:
            sys.stderr.write(_("note: {note}").format(note=render(note, language())) + "\n")
        if target is not None:
            sys.stderr.write(
                _("{file}: version {old} -> 2, written to {target}").format(
                    file=path, old=result.from_version, target=target
                )
                + "\n"
            )
    return EXIT_OK
