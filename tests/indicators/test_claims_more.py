"""Claim checks: what a figure the policy marks as not checkable says, and sign errors."""

from __future__ import annotations

import attrs
import pytest

from ivb.indicators import Verdict, verify_claims
from ivb.model import FigureCheck, Policy

NATIONAL = "nederland-slachtoffers-digitale-criminaliteit"


def _with_check(policy: Policy, figure_id: str, check: FigureCheck) -> Policy:
    figures = [attrs.evolve(f, check=check) if f.id == figure_id else f for f in policy.figures]
    return attrs.evolve(policy, figures=figures)


def test_a_figure_not_checkable_gives_the_policy_s_reason(policy: Policy) -> None:
    check = next(c for c in verify_claims(policy) if c.id == NATIONAL)
    assert (check.verdict, check.detail) == (
        Verdict.NOT_CHECKABLE,
        "een landelijk cijfer uit onderzoek van het CBS; het beleid bevat geen landelijke cijfers",
    )


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_blank_reason_says_the_policy_has_no_data(policy: Policy, reason: str) -> None:
    blank = _with_check(policy, NATIONAL, FigureCheck(against="not-checkable", reason=reason))
    check = next(c for c in verify_claims(blank) if c.id == NATIONAL)
    assert (check.verdict, check.computed, check.checked_against, check.detail) == (
        Verdict.NOT_CHECKABLE,
        None,
        None,
        "no data in the policy",
    )
