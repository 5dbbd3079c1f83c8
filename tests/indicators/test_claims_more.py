"""Claim checks: what a figure the policy marks as not checkable says, and sign errors."""

from __future__ import annotations

import attrs

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


def test_a_reason_given_by_hand_is_the_detail_as_folded(policy: Policy) -> None:
    reason = FigureCheck(against="not-checkable", reason="  geen\n  landelijke cijfers ")
    changed = _with_check(policy, NATIONAL, reason)
    check = next(c for c in verify_claims(changed) if c.id == NATIONAL)
    assert (check.verdict, check.computed, check.checked_against, check.detail) == (
        Verdict.NOT_CHECKABLE,
        None,
        None,
        "geen landelijke cijfers",
    )
