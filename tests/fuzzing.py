"""The fuzzer's pipeline: run every stage of ivb on a mutant and judge the outcome.

A mutant either is refused with an :class:`ivb.IvbError`, or loads; one that
loads goes through the graph build, every export, the meeting calendar, the
report, a diff and a dump/load round trip. Any other exception, or a stage
slower than :data:`STAGE_SECONDS`, is a failure. Used by ``tests/test_fuzz.py``
(a short budget) and ``benchmarks/fuzz.py`` (a long one).
"""

from __future__ import annotations

import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import ivb
from ivb import IvbError

__all__ = ["STAGE_SECONDS", "Outcome", "run_csv", "run_policy_text"]

#: Most seconds any one stage may take (processor time, so that a busy machine does
#: not make a fast stage look slow).
STAGE_SECONDS = 5.0

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = (FIXTURES / "mini-ivb.yaml").read_text(encoding="utf-8")
INDICATOR_FIXTURES = Path(__file__).resolve().parent / "indicators" / "fixtures"


@attrs.define
class Outcome:
    """What happened to one mutant: ``loaded``, ``refused`` or ``failed`` (with why)."""

    status: str
    stage: str = ""
    detail: str = ""
    seconds: dict[str, float] = attrs.Factory(dict)


class _Failure(Exception):
    pass


def _stage(outcome: Outcome, name: str, func: Callable[[], Any]) -> Any:
    start = time.process_time()
    try:
        result = func()
    except IvbError:
        elapsed = time.process_time() - start
        if elapsed > STAGE_SECONDS:  # refused, but only after unbounded work
            outcome.stage = name
            outcome.detail = f"refusing took {elapsed:.1f} s (limit {STAGE_SECONDS} s)"
            raise _Failure from None
        raise
    except Exception as exc:
        outcome.stage = name
        outcome.detail = "".join(traceback.format_exception(exc)[-6:])
        raise _Failure from exc
    finally:
        elapsed = time.process_time() - start
        outcome.seconds[name] = elapsed
    if elapsed > STAGE_SECONDS:
        outcome.stage = name
        outcome.detail = f"took {elapsed:.1f} s (limit {STAGE_SECONDS} s)"
        raise _Failure
    return result


def _policy_stages(outcome: Outcome, policy: ivb.Policy, base: ivb.Policy) -> None:
    from ivb.governance import build_graph, diff, export_graph, governance_view, meeting_calendar
    from ivb.governance._exports import EXPORT_FORMATS
    from ivb.indicators import report_html

    G = _stage(outcome, "graph", lambda: build_graph(policy))
    for fmt in EXPORT_FORMATS:
        _stage(outcome, f"export-{fmt}", lambda fmt=fmt: export_graph(G, fmt))
    _stage(outcome, "export-governance", lambda: export_graph(governance_view(G), "dot"))
    _stage(outcome, "calendar", lambda: meeting_calendar(policy, policy.period[0]).to_ical())
    _stage(outcome, "report", lambda: report_html(policy, generated="2025-01-31"))

    def diffs() -> None:
        if diff(policy, policy):
            raise AssertionError("a policy differs from itself")
        diff(base, policy).render()

    _stage(outcome, "diff", diffs)

    def round_trip() -> None:
        again = ivb.loads(ivb.dumps(policy))
        if again != policy:
            raise AssertionError("dump/load changed the policy")

    _stage(outcome, "round-trip", round_trip)


def run_policy_text(text: str, base: ivb.Policy | None = None) -> Outcome:
    """Load policy *text* and, if it loads, run every stage on it."""
    outcome = Outcome("refused")
    base = base or ivb.loads(MINI)
    try:
        policy = _stage(outcome, "load", lambda: ivb.loads(text, origin="mutant.yaml"))
    except IvbError:
        return outcome
    except _Failure:
        outcome.status = "failed"
        return outcome
    outcome.status = "loaded"
    try:
        _policy_stages(outcome, policy, base)
    except IvbError as exc:
        outcome.status = "failed"
        outcome.stage = outcome.stage or "stages"
        outcome.detail = f"a policy that loads raised {type(exc).__name__}: {exc}"
    except _Failure:
        outcome.status = "failed"
    return outcome


def run_csv(data: bytes, kind: str, policy: ivb.Policy | None = None) -> Outcome:
    """Read CSV *data* (``kind`` is ``measurements`` or ``police``) and report on it."""
    from ivb.indicators import (
        police_measurements,
        read_measurements,
        read_police_table,
        render_report,
        report_data,
    )

    outcome = Outcome("refused")
    policy = policy or ivb.load()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{kind}.csv"
        path.write_bytes(data)
        try:
            if kind == "measurements":
                frame = _stage(outcome, "read", lambda: read_measurements(path))
            else:
                raw = _stage(outcome, "read", lambda: read_police_table(path))
                frame = _stage(outcome, "police", lambda: police_measurements(raw, policy))
        except IvbError:
            return outcome
        except _Failure:
            outcome.status = "failed"
            return outcome
    outcome.status = "loaded"
    try:
        data_ = _stage(
            outcome, "report-data", lambda: report_data(policy, frame, generated="2025-01-31")
        )
        _stage(outcome, "report", lambda: render_report(data_))
        from ivb.cli._output import dumps_json

        _stage(outcome, "report-json", lambda: dumps_json(data_))
    except IvbError:
        pass  # a measurement the report cannot use is refused there: fine
    except _Failure:
        outcome.status = "failed"
    return outcome


def base_csv(kind: str) -> str:
    """The CSV file the mutants of *kind* start from."""
    name = "measurements-vm.csv" if kind == "measurements" else "47013NED-sample.csv"
    text = (INDICATOR_FIXTURES / name).read_text(encoding="utf-8-sig")
    if kind == "police":  # a few rows keep each mutant fast
        text = "\n".join(text.splitlines()[:40]) + "\n"
    return text
