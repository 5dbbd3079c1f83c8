"""What holds for every example policy: valid by the console script and by the JSON Schema,
exports that read back, a diff between the two, and clear errors when a fact is bent."""

from __future__ import annotations

import html as html_text
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

import ivb
from ivb.governance import (
    MeetingCalendar,
    build_graph,
    from_dot,
    from_graphml,
    from_mermaid,
    from_node_link,
    from_popolo,
)

from .conftest import ALL, HEUVELLAND, SHERTOGENBOSCH, Runner

IDS = [p.stem for p in ALL]


def test_console_script_validates_both() -> None:
    ivb_script = shutil.which("ivb")
    cmd = [ivb_script] if ivb_script else [sys.executable, "-m", "ivb"]
    result = subprocess.run(
        [*cmd, "validate", *map(str, ALL)],
        capture_output=True,
        text=True,
        timeout=120,
        encoding="utf-8",
        env={**os.environ, "IVB_LANG": "en"},
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [f"{path}: valid" for path in ALL]


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_json_schema_accepts(cli: Runner, path: Path) -> None:
    schema = json.loads(cli("schema").out)  # what an editor gets from `ivb schema`
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text("utf-8")))


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_header_names_the_source_address(path: Path) -> None:
    header = path.read_text("utf-8").split("schema_version:")[0]
    assert "https://" in header
    assert "Left out" in header


@pytest.mark.parametrize("path", ALL, ids=IDS)
@pytest.mark.parametrize(
    ("fmt", "reader"),
    [
        ("graphml", from_graphml),
        ("json", from_node_link),
        ("dot", from_dot),
        ("mermaid", from_mermaid),
        ("popolo", from_popolo),
    ],
)
def test_export_reads_back(cli: Runner, path: Path, fmt: str, reader: object) -> None:
    G = build_graph(ivb.load(path))
    # a Mermaid diagram reads back whole only with its data lines
    extra = ("--mermaid-data",) if fmt == "mermaid" else ()
    result = cli("export", "--format", fmt, *extra, "--policy", path)
    assert (result.status, result.err) == (0, "")
    back = reader(result.out)  # type: ignore[operator]
    if fmt == "popolo":
        actors = ("municipality", "role", "partner", "body")
        assert set(back) == {n for n, k in G.nodes(data="kind") if k in actors}
    else:
        assert list(back) == list(G)
        assert back.number_of_edges() == G.number_of_edges()


@pytest.mark.parametrize(
    ("path", "year", "unscheduled"),
    [(HEUVELLAND, 2020, ("driehoek-heuvelland",)), (SHERTOGENBOSCH, 2019, ())],
    ids=IDS,
)
def test_export_ics_has_no_invented_meetings(
    cli: Runner, path: Path, year: int, unscheduled: tuple[str, ...]
) -> None:
    calendar = MeetingCalendar.from_ical(cli("export", "-f", "ics", "--policy", path).out)
    assert calendar.year == year  # the first year of the policy
    assert calendar.meetings == ()
    assert tuple(calendar.unscheduled) == unscheduled


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_export_governance_view(cli: Runner, path: Path) -> None:
    back = from_mermaid(cli("export", "-f", "mermaid", "--governance", "--policy", path).out)
    assert {k for _, k in back.nodes(data="kind")} <= {
        "municipality",
        "theme",
        "role",
        "partner",
        "body",
        "policy",
    }


def test_diff_between_the_two(cli: Runner) -> None:
    result = cli("diff", HEUVELLAND, SHERTOGENBOSCH, "--json")
    assert result.status == 1
    data = result.json()
    assert (data["a"], data["b"]) == (
        "ivp-heuvelland-2020-2023",
        "veiligheidsplan-shertogenbosch-2019-2022",
    )
    kinds = {(c["change"], c["kind"]) for c in data["changes"]}
    assert ("removed", "theme") in kinds and ("added", "speerpunt") in kinds
    assert cli("diff", HEUVELLAND, HEUVELLAND).out == (
        f"{HEUVELLAND} (ivp-heuvelland-2020-2023) en {HEUVELLAND} (ivp-heuvelland-2020-2023) "
        "zijn gelijk\n"
    )


def test_schema_command(cli: Runner) -> None:
    result = cli("schema")
    assert result.status == 0
    properties = json.loads(result.out)["properties"]
    assert {"areas", "tiers", "themes", "speerpunten", "indicators", "targets"} <= set(properties)


# -- bending a fact is refused, with its path -----------------------------------------


def _broken(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text("utf-8")
    assert text.count(old) >= 1, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_lead_outside_the_theme_is_refused(cli: Runner, tmp_path: Path) -> None:
    path = _broken(
        tmp_path,
        HEUVELLAND,
        "    tier: bovenlokale-prioriteit\n",
        "    tier: bovenlokale-prioriteit\n    leads: [maastricht]\n",
    )
    result = cli("validate", path)
    assert result.status == 1
    assert "themes[0].leads" in result.out + result.err


def test_an_unknown_area_is_refused(cli: Runner, tmp_path: Path) -> None:
    path = _broken(tmp_path, SHERTOGENBOSCH, "areas: [noord]", "areas: [nergens]")
    result = cli("validate", path)
    assert result.status == 1
    assert "nergens" in result.out + result.err


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_report_and_export_to_files(cli: Runner, path: Path, tmp_path: Path) -> None:
    report = tmp_path / "voortgang.html"
    result = cli("report", "--policy", path, "--date", "2024-01-01", "-o", report)
    assert (result.status, result.out) == (0, f"{report} geschreven\n")
    html = report.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.lower().startswith("<!doctype html>")
    assert ivb.load(path).title in html_text.unescape(html)
    graph = tmp_path / "beleid.graphml"
    summary = cli("export", "-f", "graphml", "-o", graph, "--json", "--policy", path).json()
    assert (summary["format"], summary["output"], summary["bytes"]) == (
        "graphml",
        str(graph),
        len(graph.read_bytes()),
    )
