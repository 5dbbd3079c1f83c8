"""Property tests: policies round-trip, and broken files fail only with ivb errors."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ivb
from ivb import IvbError
from ivb._convert import structure_policy, unstructure_policy
from ivb.model import Policy
from tests.strategies import json_junk, policies

_settings = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(policies())
def test_generated_policies_round_trip(policy: Policy) -> None:
    assert ivb.loads(ivb.dumps(policy)) == policy


@_settings
@given(policies())
def test_unstructure_structure_is_identity(policy: Policy) -> None:
    assert structure_policy(unstructure_policy(policy)) == policy


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_paths(v, (*path, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_paths(v, (*path, i)))
    return out


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


@_settings
@given(policies(), st.data())
def test_mutated_data_loads_or_raises_ivb_error(policy: Policy, data: st.DataObject) -> None:
    plain = unstructure_policy(policy)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(plain)))
        plain = _set(copy.deepcopy(plain), path, data.draw(json_junk))
    try:
        structure_policy(plain)
    except IvbError:
        pass


@_settings
@given(policies(), st.data())
def test_deleted_keys_load_or_raise_ivb_error(policy: Policy, data: st.DataObject) -> None:
    plain = unstructure_policy(policy)
    dict_paths = [p for p in _paths(plain) if p and isinstance(p[-1], str)]
    path = data.draw(st.sampled_from(dict_paths))
    parent = plain
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    try:
        structure_policy(plain)
    except IvbError:
        pass


@_settings
@given(policies(), st.data())
def test_truncated_text_loads_or_raises_ivb_error(policy: Policy, data: st.DataObject) -> None:
    text = ivb.dumps(policy)
    cut = data.draw(st.integers(0, len(text)))
    try:
        ivb.loads(text[:cut])
    except IvbError:
        pass


@_settings
@given(policies(), st.data())
def test_garbled_text_loads_or_raises_ivb_error(policy: Policy, data: st.DataObject) -> None:
    text = ivb.dumps(policy)
    at = data.draw(st.integers(0, max(len(text) - 1, 0)))
    junk = data.draw(
        st.sampled_from([":", "- ", "\n", "'", '"', "[", "{", "&a ", "*a", "!!str ", "\t", "#"])
    )
    try:
        ivb.loads(text[:at] + junk + text[at:])
    except IvbError:
        pass


def test_bundled_policy_round_trips() -> None:
    policy = ivb.load()
    assert ivb.loads(ivb.dumps(policy)) == policy
