"""The JSON Schema of the policy file format, generated from the model."""

from __future__ import annotations

import enum
import functools
import json
import types
import typing
from importlib import resources
from typing import Any

import attrs

from ivb.model import Policy
from ivb.model._base import SCHEMA, field_doc

__all__ = ["SCHEMA_ID", "bundled_schema", "json_schema"]

#: The ``$id`` of the schema.
SCHEMA_ID = "urn:ivb:schema:policy:2"


def _doc(cls: type) -> str:
    return (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def of_type(self, t: Any) -> dict[str, Any]:
        origin = typing.get_origin(t)
        if t is str:
            return {"type": "string"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is type(None):
            return {"type": "null"}
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if isinstance(t, type) and attrs.has(t):
            return self.of_class(t)
        if origin is tuple:
            args = typing.get_args(t)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.of_type(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.of_type(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [self.of_type(a) for a in typing.get_args(t)]}
        raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover - model is closed

    def of_class(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(cls)
            props: dict[str, Any] = {}
            required: list[str] = []
            for a in attrs.fields(cls):
                if not a.init:
                    continue
                prop = self.of_type(hints[a.name])
                extra = a.metadata.get(SCHEMA)
                if extra:
                    prop = _merge(prop, extra)
                doc = field_doc(a)
                if doc:
                    prop = {"description": doc, **prop}
                props[a.name] = prop
                if a.default is attrs.NOTHING:
                    required.append(a.name)
            self.defs[name] = {
                "type": "object",
                "description": _doc(cls),
                "properties": props,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}


def _merge(prop: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Apply extra keywords to the value schema, or to its non-null branch."""
    if "anyOf" in prop:
        return {"anyOf": [b if b.get("type") == "null" else {**b, **extra} for b in prop["anyOf"]]}
    if prop.get("type") == "array" and "items" in extra:
        return {**prop, **extra, "items": {**prop["items"], **extra["items"]}}
    return {**prop, **extra}


def json_schema() -> dict[str, Any]:
    """Build the JSON Schema (draft 2020-12) of a policy file from the model.

    Returns
    -------
    dict
        The schema, ready for :func:`json.dumps`.

    Examples
    --------
    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["Theme"]["properties"]["tier"]["description"]
    'The tier it belongs to (declared under tiers).'
    """
    builder = _Builder()
    root = builder.of_class(Policy)
    defs = dict(sorted(builder.defs.items()))
    body = defs.pop("Policy")
    del root
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ivb policy file",
        **{k: v for k, v in body.items() if k != "description"},
        "description": "An integral safety policy (Integraal Veiligheidsbeleid) in the ivb format.",
        "$defs": defs,
    }


@functools.cache
def _bundled_text() -> str:
    return resources.files("ivb.data").joinpath("ivb-policy.schema.json").read_text("utf-8")


def bundled_schema() -> dict[str, Any]:
    """The JSON Schema file shipped in the package (a fresh copy each call)."""
    data = json.loads(_bundled_text())
    assert isinstance(data, dict)
    return data


def schema_text() -> str:
    """The schema as the text of the shipped file."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
