"""Property tests: policies round-trip, and broken files fail only with ivb errors."""

from __future__ import annotations

import copy
import json
import os
import re
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings

import ivb
from ivb import IvbError, PolicyFileError, PolicyValidationError
from ivb._convert import structure_policy, unstructure_policy
from ivb._io import check_tree, read_data
from ivb._schema import bundled_schema
from ivb.governance import build_graph, members, partners_of, who_owns
from ivb.model import Policy
from tests.strategies import (
    damaged_policy_texts,
    data_paths,
    mutated_policy_data,
    near_misses,
    policies,
    policy_data_without_a_key,
)

# IVB_FUZZ_EXAMPLES raises the number of cases for a longer run by hand.
_settings = settings(
    max_examples=int(os.environ.get("IVB_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@_settings
@given(policies())
def test_generated_policies_round_trip(policy: Policy) -> None:
    assert ivb.loads(ivb.dumps(policy)) == policy
    _answers_queries(policy)


@_settings
@given(policies())
def test_unstructure_structure_is_identity(policy: Policy) -> None:
    assert structure_policy(unstructure_policy(policy)) == policy


# -- broken files: accepted exactly as written, or refused naming the place -----


def _dropped(data: Any) -> Any:
    """*data* without the empty lists and None values that the format leaves out, texts
    with their white space folded as the format folds it (runs of white space, line breaks
    included, to one space; none at either end)."""
    if isinstance(data, str):
        return " ".join(data.split())
    if isinstance(data, dict):
        return {k: _dropped(v) for k, v in data.items() if v is not None and v != []}
    if isinstance(data, list | tuple):
        return [_dropped(v) for v in data]
    return data


def _plain_json(data: Any) -> str:
    """*data* as canonical JSON: ``true``, ``1``, ``1.0`` and ``"1"`` stay different."""
    return json.dumps(_dropped(data), sort_keys=True, ensure_ascii=False)


_SCHEMA = jsonschema.Draft202012Validator(bundled_schema())


def _resolves(data: Any, path: str) -> bool:
    """Whether the problem path ``themes[1].actions[0].kind`` leads somewhere in *data*."""
    if path == "":
        return True
    if isinstance(data, list):
        m = re.match(r"\[(\d+)\]\.?", path)
        return bool(m) and int(m[1]) < len(data) and _resolves(data[int(m[1])], path[m.end() :])
    if isinstance(data, dict):
        for key in sorted(data, key=lambda k: len(str(k)), reverse=True):
            rest = path[len(str(key)) :]
            if path.startswith(str(key)) and (rest == "" or rest[0] in ".["):
                if _resolves(data[key], rest.removeprefix(".")):
                    return True
    return False


def _answers_queries(policy: Policy) -> None:
    """Every entity is found by its id, and the governance graph answers for each as the
    data say: the members of each body, the partners of each theme and speerpunt."""
    for entity in policy.entities():
        assert policy.get(entity.id) is entity
    G = build_graph(policy)
    assert len(who_owns(G)) == len(policy.themes) + len(policy.speerpunten)
    for body in policy.bodies:
        assert [m.id for m in members(G, body.id)] == list(body.members)
    partners = {p.id for p in policy.partners}
    for item in (*policy.themes, *policy.speerpunten):
        named = [
            ref
            for action in item.actions
            for ref in (*action.actors, *action.partners, *action.instruments, *action.bodies)
        ]
        expected = {ref for ref in (*named, *item.coordinators) if ref in partners}
        found = [p.id for p in partners_of(G, item.id)]
        assert len(found) == len(set(found)) and set(found) == expected, (item.id, found)


def _accepted_as_written(policy: Policy, plain: Any) -> None:
    """A loaded policy holds exactly the data given (nothing reinterpreted), which the
    published JSON Schema accepts too, and round-trips."""
    assert _plain_json(unstructure_policy(policy)) == _plain_json(plain)
    assert [e.message for e in _SCHEMA.iter_errors(_dropped(plain))] == []
    assert ivb.loads(ivb.dumps(policy)) == policy
    _answers_queries(policy)


def _load_plain(plain: Any) -> Policy:
    """*plain* loaded as a policy file's parsed data is: first the checks that hold for
    every value (finite numbers, no control characters), then the model."""
    problems = check_tree(plain)
    if problems:
        raise PolicyValidationError(problems)
    return structure_policy(copy.deepcopy(plain))


def _dotted(path: tuple[Any, ...]) -> str:
    return "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path).lstrip(".")


def _near(path: str, place: str) -> bool:
    """Whether problem *path* is *place*, inside it or one of its parents."""
    inner, outer = (path, place) if len(path) >= len(place) else (place, path)
    return inner.startswith(outer) and (outer == "" or inner[len(outer) :][:1] in ("", ".", "["))


def _refused_naming_the_place(
    error: IvbError,
    plain: Any,
    missing: str | None = None,
    changed: tuple[str, ...] = (),
) -> None:
    """The error lists its problems, each at a path of the input (or at the *missing*
    key), and says what came. The file as a whole (path ``""``) is blamed only when it is
    no mapping or lacks a key of its own (a missing key is reported at the mapping that
    lacks it). With *changed* places, at least one problem is at, inside or above one of
    them, or names an id that a change left unknown or doubled."""
    assert isinstance(error, PolicyValidationError), repr(error)
    assert error.problems
    text = str(error)
    for problem in error.problems:
        assert problem.message
        assert str(problem) in text
        assert _resolves(plain, problem.path) or problem.path == missing, (problem.path, text)
        lacks_a_key = problem.message.startswith("missing required field")
        # a key that cannot be written in a path is reported at the mapping that holds it
        bad_key = problem.message.startswith("expected a key without")
        assert problem.path or not isinstance(plain, dict) or lacks_a_key or bad_key, text
    if changed:
        assert any(
            any(_near(p.path, place) for place in changed)
            or "unknown id" in p.message
            or "duplicate" in p.message
            for p in error.problems
        ), (changed, text)


@_settings
@given(mutated_policy_data())
def test_mutated_data_is_accepted_as_written_or_refused(
    case: tuple[Policy, Any, tuple[tuple[Any, ...], ...]],
) -> None:
    _, plain, changed = case
    try:
        policy = _load_plain(plain)
    except IvbError as error:
        _refused_naming_the_place(error, plain, changed=tuple(_dotted(p) for p in changed))
    else:
        _accepted_as_written(policy, plain)


@_settings
@given(policy_data_without_a_key())
def test_a_deleted_key_is_optional_or_refused(case: tuple[Policy, Any, tuple[Any, ...]]) -> None:
    _, plain, path = case
    try:
        policy = _load_plain(plain)
    except IvbError as error:
        _refused_naming_the_place(error, plain, missing=_dotted(path))
        # a problem names the key that is missing (or what referred to the entity it held)
        assert any(
            path[-1] in str(p) or p.path.endswith("]") or "unknown id" in p.message
            for p in error.problems
        ), str(error)
    else:
        # only an optional key may go, and then the policy is as if it never was there
        _accepted_as_written(policy, plain)


def test_every_field_of_a_small_policy_refuses_near_misses_or_keeps_them(
    mini_text: str,
) -> None:
    """Each place of each field of the small fixture, given values of almost the right
    type (``true`` for a number, ``"2024"`` for a year, a list for a text, ...)."""
    original = unstructure_policy(ivb.loads(mini_text))
    by_field: dict[str, tuple[Any, ...]] = {}
    for path in data_paths(original):
        by_field.setdefault(_dotted(tuple(s if isinstance(s, str) else 0 for s in path)), path)
    tried = 0
    for path in by_field.values():
        value: Any = original
        for step in path:
            value = value[step]
        if value is None or not path:
            continue
        for new in near_misses(value):
            plain = copy.deepcopy(original)
            parent = plain
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = new
            tried += 1
            try:
                policy = _load_plain(plain)
            except IvbError as error:
                _refused_naming_the_place(error, plain)
            else:
                _accepted_as_written(policy, plain)
    assert tried > 300


def _line_column(message: str) -> tuple[int, int] | None:
    m = re.search(r"line (\d+), column (\d+)", message)
    return (int(m[1]), int(m[2])) if m else None


@_settings
@given(damaged_policy_texts())
def test_damaged_text_loads_a_valid_policy_or_is_refused(case: tuple[Policy, str]) -> None:
    _, text = case
    try:
        policy = ivb.loads(text)
    except PolicyValidationError as error:
        # the YAML parsed: each problem is at a path of what it parsed to
        _refused_naming_the_place(error, read_data(text))
    except PolicyFileError as error:
        # the YAML did not parse: the message names a line and column of the text
        where = _line_column(str(error))
        assert where is not None, str(error)
        line, column = where
        lines = text.split("\n")
        assert 1 <= line <= len(lines) + 1, (line, len(lines))
        assert column >= 1
    else:
        assert ivb.loads(ivb.dumps(policy)) == policy
        _answers_queries(policy)


def test_bundled_policy_round_trips() -> None:
    policy = ivb.load()
    assert ivb.loads(ivb.dumps(policy)) == policy
