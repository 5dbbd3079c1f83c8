"""Monitoring a target: Noordoostpolder's veiligheidsbeleving with new measurements.

Noordoostpolder (CBS code GM0171) wants the veiligheidsbeleving of its
residents to be higher than in the previous policy period; the baseline is the
rapportcijfer 7,6 of the most recent Veiligheidsmonitor. Its sub-goals are
fewer high impact crimes, less veelvoorkomende criminaliteit and less overlast
with a high impact. Noordoostpolder intends to take part in the
Veiligheidsmonitor again in 2025.

This example feeds the targets new measurements, the way a policy officer
would:

1. a Veiligheidsmonitor result, as a tidy CSV (``read_measurements``);
2. registered crimes, as police open data table 47013NED comes when
   downloaded (``read_police_table``), summed into the policy's categories
   (``police_measurements``);

and prints the status of every target (``evaluate_targets``) and writes the
progress report for the council (``write_report``).

ALL NUMBERS FED IN HERE ARE HYPOTHETICAL: made up for the example, not
published figures. Only the target, its baseline 7,6 and its rules come from
the policy.

Run it with ``python examples/monitor_veiligheidsbeleving.py``.
"""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import pandas as pd

import ivb
from ivb.indicators import (
    TargetResult,
    evaluate_targets,
    police_categories,
    police_measurements,
    read_measurements,
    read_police_table,
    report_data,
    write_report,
)
from ivb.model import Target

#: The target this example monitors.
TARGET = "noordoostpolder-veiligheidsbeleving-target"
#: Width to which long texts are wrapped.
WIDTH = 96

#: HYPOTHETICAL Veiligheidsmonitor result, as a tidy measurements CSV (decimal comma, ';').
VEILIGHEIDSMONITOR_CSV = """\
indicator;region;period;value;unit;source
veiligheidsbeleving;GM0171;2025;7,8;rapportcijfer;HYPOTHETICAL Veiligheidsmonitor 2025
"""

#: HYPOTHETICAL registered crimes in Noordoostpolder per SoortMisdrijf code: (2023, 2025).
POLICE_COUNTS = {
    "1.1.1": (62, 48),  # diefstal/inbraak woning
    "1.4.1": (9, 8),  # zedenmisdrijf
    "1.4.2": (0, 1),  # moord, doodslag
    "1.4.3": (6, 4),  # openlijk geweld (persoon)
    "1.4.4": (41, 37),  # bedreiging
    "1.4.5": (118, 107),  # mishandeling
    "1.4.6": (2, 2),  # straatroof
    "1.4.7": (1, 0),  # overval
    "1.2.1": (64, 70),  # diefstal uit/vanaf motorvoertuigen
    "1.2.3": (151, 162),  # diefstal van brom-, snor-, fietsen
    "1.2.4": (4, 5),  # zakkenrollerij
    "2.2.1": (196, 201),  # vernieling cq. zaakbeschadiging
    "2.5.2": (83, 92),  # winkeldiefstal
}


def police_csv() -> str:
    """The HYPOTHETICAL counts as table 47013NED's CSV export: ';', quoted, padded codes."""
    lines = ['"ID";"SoortMisdrijf";"RegioS";"Perioden";"GeregistreerdeMisdrijven_1"']
    row = 0
    for code, counts in POLICE_COUNTS.items():
        for period, count in zip(("2023JJ00", "2025JJ00"), counts, strict=True):
            lines.append(f'"{row}";"{code} ";"GM0171    ";"{period}";"{count}"')
            row += 1
    return "\n".join(lines) + "\n"


def wrap(text: str, indent: str, hanging: str = "") -> str:
    """*text* wrapped to WIDTH, indented by *indent* (and *hanging* more after the first line)."""
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + hanging,
        break_on_hyphens=False,
    )


def all_targets(target: Target) -> list[Target]:
    """The target and its sub-goals, depth first."""
    out = [target]
    for sub in target.subtargets:
        out.extend(all_targets(sub))
    return out


def print_result(result: TargetResult, depth: int = 1) -> None:
    """The status of a target and why, then those of its sub-goals, indented."""
    print(f"{'  ' * depth}[{result.status.label}] {result.name}")
    print(wrap(result.reason, "  " * depth + "    "))
    for sub in result.subresults:
        print_result(sub, depth + 1)


def main() -> None:
    policy = ivb.load()
    target = policy.get(TARGET, Target)
    municipality = policy.municipality(target.municipalities[0])
    region = municipality.cbs_code

    print(f"Monitoring a target of {municipality.name} ({region})")
    print(f"  {target.name}")
    print(wrap(f"statement: {target.statement}", "    ", hanging="  "))
    baseline = target.baseline
    assert baseline is not None
    print(
        f"    baseline: {baseline.value} {baseline.unit.value} ({baseline.measured_by}; "
        f"period {baseline.period or 'not given'})"
    )
    horizon = target.horizon_or(policy.period[1])
    assert target.comparison is not None and target.better is not None
    print(
        f"    {target.comparison.value} the baseline (better is {target.better.value}); "
        f"horizon {horizon}"
    )
    for sub in target.subtargets:
        better = sub.better.value if sub.better else "not stated"
        what = f"sub-goal: {sub.name} (indicator {', '.join(sub.indicators)}, better is {better})"
        print(wrap(what, "    ", hanging="  "))
        if sub.baseline is None:
            first = policy.period[0]
            print(f"      no baseline in the policy: the last measurement before {first} is used")
    speerpunt = policy.get(target.priority) if target.priority else None
    planned = [a for a in getattr(speerpunt, "actions", ()) if a.timing is not None]
    for action in planned:
        print(wrap(f"planned ({action.date}): {action.text}", "    ", hanging="  "))
    print()

    with tempfile.TemporaryDirectory(prefix="ivb-monitor-") as tmp:
        feed(policy, target, Path(tmp))


def feed(policy: ivb.Policy, target: Target, workdir: Path) -> None:
    """Read the new measurements from files in *workdir*, evaluate and report."""
    region = policy.municipality(target.municipalities[0]).cbs_code
    print("New measurements (HYPOTHETICAL, made up for this example):")
    vm_path = workdir / "veiligheidsmonitor-2025.csv"
    vm_path.write_text(VEILIGHEIDSMONITOR_CSV, encoding="utf-8")
    vm = read_measurements(vm_path)
    for row in vm.itertuples(index=False):
        what = f"{row.indicator}, {row.region}, {row.period}: {row.value} {row.unit}"
        print(f"  {what} ({row.source})")

    police_path = workdir / "47013NED-GM0171.csv"
    police_path.write_text(police_csv(), encoding="utf-8")
    raw = read_police_table(police_path, measures=["GeregistreerdeMisdrijven_1"])
    wanted = {i for t in all_targets(target) for i in t.indicators}
    categories = [c for c in police_categories(policy) if c.id in wanted]
    police = police_measurements(raw, categories)
    table = police.pivot(index="indicator", columns="period", values="value")
    print(f"  registered crimes, {region} (HYPOTHETICAL, in the layout of police table 47013NED):")
    for indicator, values in table.iterrows():
        counts = ", ".join(f"{period}: {int(v)}" for period, v in values.items())
        print(f"    {indicator}: {counts}")
    missing = sorted(wanted - {c.id for c in categories} - set(vm["indicator"]))
    for indicator in missing:
        print(f"  {indicator}: no police category and no other source, so no measurement")
    print()

    measurements = pd.concat([vm, police], ignore_index=True)
    print("Target statuses:")
    results = evaluate_targets(policy, measurements)
    for result in (r for r in results if r.target == TARGET):
        print_result(result)
    print()

    summary = report_data(policy, measurements)["summary"]["targets"]
    counts = ", ".join(f"{status}: {n}" for status, n in sorted(summary.items()))
    report = write_report(policy, workdir / "voortgang.html", measurements)
    print(f"Progress report for the council made ({counts}).")
    print(
        f"  ({report.name} was made in a temporary folder that is removed when this example "
        "ends;\n  keep one with: ivb report --measurements FILE -o voortgang.html)"
    )


if __name__ == "__main__":
    main()
