"""A figure check's reason: a not-checkable check says why; the other kinds take none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import ivb
from ivb import PolicyValidationError
from ivb._message import message_of, render
from ivb._schema import bundled_schema
from ivb.model import CheckKind, FigureCheck

MINI = Path(__file__).parents[1] / "fixtures" / "mini-ivb.yaml"
SRC = {"document": "ivb", "section": "Cijfers"}
BLANK_EN = "reason: expected text saying why the figure cannot be checked, got blank text"
BLANK_NL = (
    "reason: verwacht een tekst die zegt waarom het cijfer niet na te gaan is, kreeg lege tekst"
)


def _with_check(check: dict[str, Any]) -> dict[str, Any]:
    """The small policy with one figure carrying *check*."""
    data: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["indicators"] = [
        {
            "id": "woninginbraken",
            "name": "Woninginbraken",
            "unit": "count",
            "data_source": {"kind": "not-stated"},
            "source": SRC,
        }
    ]
    data["figures"] = [
        {
            "id": "inbraken-2023",
            "indicator": "woninginbraken",
            "description": "Burglaries in 2023",
            "region": "voorbeeld",
            "period": "2023",
            "value": 12,
            "unit": "count",
            "check": check,
            "source": SRC,
        }
    ]
    return data


@pytest.mark.parametrize("reason", ["", " ", "   ", "\n", " \t\n "])
def test_a_blank_reason_of_a_not_checkable_figure_is_refused(reason: str) -> None:
    with pytest.raises(ValueError) as info:
        FigureCheck(against="not-checkable", reason=reason)
    message = message_of(info.value)
    assert message == BLANK_EN
    assert render(message, "en") == BLANK_EN
    assert render(message, "nl") == BLANK_NL


def test_a_not_checkable_figure_keeps_its_reason_folded() -> None:
    check = FigureCheck(against="not-checkable", reason="  een landelijk\n  cijfer ")
    assert (check.against, check.target, check.reason) == (
        CheckKind.NOT_CHECKABLE,
        None,
        "een landelijk cijfer",
    )


def test_a_not_checkable_figure_without_a_reason_is_refused() -> None:
    with pytest.raises(ValueError) as info:
        FigureCheck(against="not-checkable")
    message = message_of(info.value)
    assert message == "reason: expected a reason exactly when against is 'not-checkable', got None"
    assert render(message, "nl") == (
        "reason: verwacht een reden precies als against 'not-checkable' is, kreeg None"
    )


@pytest.mark.parametrize(
    ("against", "target"),
    [("target-baseline", "doel"), ("count-sessions", None), ("count-session-partners", None)],
)
@pytest.mark.parametrize("reason", ["waarom", "", "  "])
def test_a_reason_on_another_kind_of_check_is_refused(
    against: str, target: str | None, reason: str
) -> None:
    with pytest.raises(ValueError) as info:
        FigureCheck(against=against, target=target, reason=reason)
    got = reason.strip()
    assert message_of(info.value) == (
        f"reason: expected a reason exactly when against is 'not-checkable', got {got!r}"
    )


def test_a_policy_file_with_a_blank_reason_names_the_figure() -> None:
    data = _with_check({"against": "not-checkable", "reason": "  "})
    with pytest.raises(PolicyValidationError) as info:
        ivb.loads(json.dumps(data))
    assert [(p.path, p.message) for p in info.value.problems] == [
        (
            "figures[0].check.reason",
            "expected text saying why the figure cannot be checked, got blank text",
        )
    ]
    assert info.value.problems[0].render("nl") == (
        "figures[0].check.reason: verwacht een tekst die zegt waarom het cijfer niet na te gaan "
        "is, kreeg lege tekst"
    )


def _leaves(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """The errors behind *errors*, through every anyOf."""
    out = []
    for error in errors:
        out.extend(_leaves(list(error.context)) if error.context else [error])
    return out


@pytest.mark.parametrize(
    ("reason", "valid"), [("een landelijk cijfer", True), ("", False), ("  \n", False)]
)
def test_the_schema_says_a_reason_is_not_blank(reason: str, valid: bool) -> None:
    data = _with_check({"against": "not-checkable", "reason": reason})
    errors = list(jsonschema.Draft202012Validator(bundled_schema()).iter_errors(data))
    # the check is a FigureCheck or null: the reason's own error is in the contexts
    found = [(c.json_path, c.validator) for c in _leaves(errors)]
    assert [e.json_path for e in errors] == ([] if valid else ["$.figures[0].check"])
    assert [f for f in found if f[1] == "pattern"] == (
        [] if valid else [("$.figures[0].check.reason", "pattern")]
    )


def test_the_bundled_policy_gives_every_not_checkable_figure_a_reason() -> None:
    checks = [f.check for f in ivb.load().figures if f.check is not None]
    reasons = [c.reason for c in checks if c.against is CheckKind.NOT_CHECKABLE]
    assert len(reasons) == 10
    assert all(r and r.strip() for r in reasons)
