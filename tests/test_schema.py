"""The JSON Schema shipped for editors: in sync with the model, accepts good files, rejects bad."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from typing import Any

import jsonschema
import pytest
import yaml

import ivb
from ivb._io import read_data
from ivb._schema import bundled_schema, json_schema, schema_text


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = bundled_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schema_is_generated_from_model() -> None:
    assert bundled_schema() == json_schema(), (
        "src/ivb/data/ivb-policy.schema.json is stale: regenerate it with "
        "`ivb schema > src/ivb/data/ivb-policy.schema.json`"
    )


def test_every_field_is_documented() -> None:
    schema = json_schema()
    undocumented = [
        f"{name}.{prop}"
        for name, definition in {"Policy": schema, **schema["$defs"]}.items()
        for prop, spec in definition["properties"].items()
        if not spec.get("description")
    ]
    assert undocumented == []


def _bundled_data() -> Any:
    from importlib import resources

    text = resources.files("ivb.data").joinpath("dnu-ivb-2024-2027.yaml").read_text("utf-8")
    return read_data(text)


def test_schema_accepts_bundled_file(validator: jsonschema.Draft202012Validator) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(_bundled_data())]
    assert errors == []


def test_schema_accepts_small_file(
    validator: jsonschema.Draft202012Validator, mini_text: str
) -> None:
    assert list(validator.iter_errors(yaml.safe_load(mini_text))) == []


def test_schema_accepts_dumped_file(validator: jsonschema.Draft202012Validator) -> None:
    data = yaml.safe_load(ivb.dumps(ivb.load()))
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("municipalities", 0, "cbs_code"), "0303"),
        (("municipalities", 0, "tooi"), "https://example.org/gm0303"),
        (("themes", 0, "leads"), ["Noord Oost Polder"]),
        (("themes", 0, "leads"), "voorbeeld"),
        (("themes", 0, "no_lead"), "ja"),
        (("speerpunten", 0, "municipalities"), []),
        (("bodies", 0, "meetings_per_year"), 367),
        (("schema_version",), 1),
        (("documents", 0, "url"), "www.example.org"),
        (("themes", 0, "fields"), ["veiligheid"]),
        (("themes", 0, "actions", 0, "kind"), "wish"),
        (("bodies", 0, "meetings_per_year"), "vier"),
        (("period",), [2024]),
        (("schema_version",), "1"),
        (("themes", 0, "colour"), "blue"),
    ],
)
def test_schema_rejects_broken(
    validator: jsonschema.Draft202012Validator, mini_text: str, path: tuple[Any, ...], value: Any
) -> None:
    data = copy.deepcopy(yaml.safe_load(mini_text))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert list(validator.iter_errors(data)), f"schema accepted {path}={value!r}"
    with pytest.raises(ivb.IvbError):
        ivb.loads(json.dumps(data))


def test_schema_rejects_missing_required(
    validator: jsonschema.Draft202012Validator, mini_text: str
) -> None:
    data = yaml.safe_load(mini_text)
    del data["themes"][0]["tier"]
    assert [e.message for e in validator.iter_errors(data)] == ["'tier' is a required property"]


def test_cli_prints_the_schema() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ivb", "schema"], capture_output=True, text=True, check=True
    ).stdout
    assert out == schema_text()
