"""The checks of the property tests fail when a loader is wrong.

``tests/model/test_roundtrip.py`` loads broken policy data and accepts either of two
outcomes: loaded exactly as written, or refused naming the place. These tests give those
checks what a wrong loader would produce (a number read from text, a key dropped, an
error at a place the file does not have, or far from what changed) and expect them to
fail, so that the property tests cannot pass whatever the loader does.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import ivb
from ivb import PolicyValidationError, Problem
from ivb._convert import structure_policy, unstructure_policy
from tests.model.test_roundtrip import (
    _accepted_as_written,
    _load_plain,
    _near,
    _refused_naming_the_place,
    _resolves,
)


@pytest.fixture
def plain(mini_text: str) -> dict[str, Any]:
    return unstructure_policy(ivb.loads(mini_text))


def test_the_data_as_written_pass(plain: dict[str, Any]) -> None:
    _accepted_as_written(_load_plain(plain), plain)


@pytest.mark.parametrize(
    ("path", "written"),
    [
        (("bodies", 0, "meetings_per_year"), "4"),  # text where a count belongs
        (("bodies", 0, "meetings_per_year"), 4.0),  # a float for an integer
        (("period", 0), "2025"),
        (("speerpunten", 0, "number"), True),
    ],
)
def test_a_value_read_as_something_else_fails_the_check(
    plain: dict[str, Any], path: tuple[Any, ...], written: object
) -> None:
    """A loader that turned *written* into the original value would be caught."""
    changed = copy.deepcopy(plain)
    parent: Any = changed
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = written
    coerced = structure_policy(copy.deepcopy(plain))  # what a lenient loader returns
    with pytest.raises(AssertionError):
        _accepted_as_written(coerced, changed)
    # and the real loader refuses it, at that place
    with pytest.raises(PolicyValidationError) as caught:
        _load_plain(changed)
    dotted = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path).lstrip(".")
    _refused_naming_the_place(caught.value, changed, changed=(dotted,))


def test_a_key_dropped_silently_fails_the_check(plain: dict[str, Any]) -> None:
    extra = copy.deepcopy(plain)
    extra["themes"][0]["colour"] = "blauw"
    with pytest.raises(AssertionError):
        _accepted_as_written(structure_policy(copy.deepcopy(plain)), extra)
    with pytest.raises(PolicyValidationError, match=r"themes\[0\]"):
        _load_plain(extra)


def _error(*problems: tuple[str, str]) -> PolicyValidationError:
    return PolicyValidationError([Problem(path, message) for path, message in problems])


@pytest.mark.parametrize(
    ("problems", "changed"),
    [
        # a place the file does not have
        ((("themes[7].name", "expected text"),), ()),
        ((("themes[0].naam", "expected text"),), ()),
        # the whole file blamed while it is a mapping
        ((("", "something is wrong"),), ()),
        # a place the file has, but nowhere near what changed
        ((("title", "expected text, got an integer"),), ("themes[0].name",)),
        ((("themes[0].summary", "expected text"),), ("themes[0].name",)),
    ],
)
def test_an_error_at_the_wrong_place_fails_the_check(
    plain: dict[str, Any], problems: tuple[tuple[str, str], ...], changed: tuple[str, ...]
) -> None:
    with pytest.raises(AssertionError):
        _refused_naming_the_place(_error(*problems), plain, changed=changed)


def test_an_error_that_is_no_policy_error_fails_the_check(plain: dict[str, Any]) -> None:
    with pytest.raises(AssertionError):
        _refused_naming_the_place(ivb.IvbError("themes[0].name: wrong"), plain)


@pytest.mark.parametrize(
    ("problem", "changed"),
    [
        ("themes[0].name", "themes[0].name"),  # the place itself
        ("themes[0]", "themes[0].name"),  # the mapping that holds it
        ("themes[0].actions[0].text", "themes[0].actions"),  # inside what was replaced
        ("themes[0].leads[0]", "roles[0].id"),  # an id left unknown by the change
    ],
)
def test_an_error_at_or_near_the_change_passes(
    plain: dict[str, Any], problem: str, changed: str
) -> None:
    message = "unknown id 'x'" if problem.endswith("leads[0]") else "expected text"
    if not _resolves(plain, problem):
        pytest.skip(f"the small policy has no {problem}")
    _refused_naming_the_place(_error((problem, message)), plain, changed=(changed,))


@pytest.mark.parametrize(
    ("path", "place", "near"),
    [
        ("themes[1]", "themes[1]", True),
        ("themes[1].name", "themes[1]", True),
        ("themes", "themes[1].name", True),
        ("themes[10]", "themes[1]", False),
        ("themes[1].name_long", "themes[1].name", False),
        ("title", "themes[1]", False),
        ("", "themes[1]", True),
    ],
)
def test_near_means_the_place_inside_or_a_parent(path: str, place: str, near: bool) -> None:
    assert _near(path, place) is near
