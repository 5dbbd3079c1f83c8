"""The policy file format reference, generated from ``ivb._schema.json_schema()``.

One section per definition (the top level first, then the definitions in the
order the file meets them), each with a table of its fields: name, type,
whether it is required, and its description. Where a field holds ids, the
kinds of entity they must name are read from the model.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["markdown"]

SLUG = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"


def _label(name: str) -> str:
    return "format-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{text}`"


def _refs(definition: str, field: str) -> tuple[str, ...]:
    """The entity kinds an id field refers to, from the model (empty if none)."""
    import attrs

    import ivb.model
    from ivb.model._base import field_refs

    cls = getattr(ivb.model, definition, None)
    if cls is None or not attrs.has(cls):
        return ()
    found = attrs.fields_dict(cls).get(field)
    return field_refs(found) if found is not None else ()


def _type(schema: dict[str, Any], refs: tuple[str, ...] = ()) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"{{ref}}`{name} <{_label(name)}>`"
    if "anyOf" in schema:
        branches = [b for b in schema["anyOf"] if b.get("type") != "null"]
        text = " or ".join(_type(b, refs) for b in branches)
        if len(branches) < len(schema["anyOf"]):
            text += " or null"
        return text
    if "enum" in schema:
        return "one of " + ", ".join(_code(str(v)) for v in schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        if "prefixItems" in schema:
            return "[" + ", ".join(_type(s) for s in schema["prefixItems"]) + "]"
        text = "list of " + _plural(_type(schema.get("items", {}), refs))
        if schema.get("uniqueItems"):
            text += ", no repeats"
        return text
    if kind == "string":
        pattern = schema.get("pattern")
        if pattern == SLUG:
            return f"id of {_article(_alternatives(refs))}" if refs else "id"
        if pattern:
            return f"text matching {_code(pattern)}"
        if schema.get("minLength"):
            return "text, not empty"
        return "text"
    if kind == "integer":
        return "integer"
    if kind == "number":
        return "number"
    if kind == "boolean":
        return "true or false"
    if kind == "null":
        return "null"
    return "any"


def _article(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _alternatives(kinds: tuple[str, ...]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]


def _plural(text: str) -> str:
    if text.startswith("id of "):
        return "ids, each of " + text[len("id of ") :]
    return text


def _section(name: str, title: str, definition: dict[str, Any]) -> list[str]:
    model_name = "Policy" if name == "Policy" else name
    lines = [f"({_label(name)})=", f"## {title}", ""]
    description = definition.get("description", "")
    if description:
        lines += [description, ""]
    required = set(definition.get("required", ()))
    lines += ["| Field | Type | Required | Description |", "| --- | --- | --- | --- |"]
    for field, prop in definition.get("properties", {}).items():
        desc = prop.get("description", "")
        lines.append(
            "| "
            + " | ".join(
                [
                    _code(field),
                    _cell(_type(prop, _refs(model_name, field))),
                    "yes" if field in required else "",
                    _cell(desc),
                ]
            )
            + " |"
        )
    lines.append("")
    if definition.get("additionalProperties") is False:
        lines += ["No other fields are allowed.", ""]
    return lines


def _order(schema: dict[str, Any]) -> list[str]:
    """Definition names in the order a file meets them (breadth first from the top)."""
    seen: list[str] = []

    def refs(node: Any) -> list[str]:
        found: list[str] = []
        if isinstance(node, dict):
            if "$ref" in node:
                found.append(node["$ref"].rsplit("/", 1)[-1])
            for value in node.values():
                found += refs(value)
        elif isinstance(node, list):
            for value in node:
                found += refs(value)
        return found

    queue = refs(schema.get("properties", {}))
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.append(name)
        queue += refs(schema["$defs"][name].get("properties", {}))
    seen += [n for n in schema["$defs"] if n not in seen]
    return seen


def markdown() -> str:
    """The format reference as MyST Markdown (without a page title)."""
    from ivb._schema import SCHEMA_ID, json_schema

    schema = json_schema()
    lines = [
        "<!-- Generated by docs/_ext/ivb_sphinx/formatref.py from ivb._schema.json_schema(). -->",
        "",
        f"Schema: JSON Schema draft 2020-12, `$id` `{SCHEMA_ID}`. Types: *text* is a YAML "
        "string; an *id* is a lower-case slug (letters, digits, `-` or `.`, e.g. "
        "`ondermijning`) that is unique in the file; a field that holds ids must name an "
        "entity of the kind given. Fields that are not required may be left out.",
        "",
    ]
    lines += _section("Policy", "The policy (top level of the file)", schema)
    for name in _order(schema):
        lines += _section(name, name, schema["$defs"][name])
    return "\n".join(lines).rstrip() + "\n"
