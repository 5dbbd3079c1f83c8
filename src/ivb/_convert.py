"""The cattrs converter that turns plain data into model objects and back."""

from __future__ import annotations

import enum
import typing
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from ivb._errors import PolicyValidationError, Problem, validation_error
from ivb._message import Message, message_of, split_field
from ivb.model import Policy
from ivb.model._policy import SCHEMA_VERSION, schema_version_message

__all__ = ["converter", "structure_policy", "unstructure_policy"]


#: What a value of each type is called in a message.
_TYPE_NAMES: dict[type, Message] = {
    str: Message("text"),
    int: Message("integer"),
    float: Message.in_context("type", "number"),
    bool: Message("true/false"),
    list: Message("a list"),
    dict: Message("a mapping"),
    type(None): Message("null"),
}


def _type_name(value: object) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _Expected(TypeError):
    """A value of the wrong type; the message says what was expected and what came."""


def _shown(value: object) -> str:
    if isinstance(value, (dict, list)):
        return _type_name(value)
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return Message("{kind} {value}", kind=_type_name(value), value=shown)


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _Expected(Message("expected text, got {got}", got=_shown(value)))
    return value


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Expected(Message("expected an integer, got {got}", got=_shown(value)))
    return value


def _strict_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Expected(Message("expected a number, got {got}", got=_shown(value)))
    return float(value)


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _Expected(Message("expected true or false, got {got}", got=_shown(value)))
    return value


#: isinstance(value, str), as a function of one argument (the text hook's check)
_is_text = str.__instancecheck__


def _is_tuple(t: Any) -> bool:
    return typing.get_origin(t) is tuple


def _make_tuple_hook(conv: cattrs.Converter, t: Any) -> Any:
    args = typing.get_args(t)
    variadic = len(args) == 2 and args[1] is Ellipsis
    texts = variadic and args[0] is str

    def hook(value: object, cl: Any) -> Any:
        if not isinstance(value, list):
            raise _Expected(Message("expected a list, got {got}", got=_shown(value)))
        if texts and all(map(_is_text, value)):
            return tuple(value)  # what the text hook makes of each item
        if not variadic and len(value) != len(args):
            raise _Expected(
                Message("expected a list of {n} items, got {count}", n=len(args), count=len(value))
            )
        out = []
        errors: list[Exception] = []
        for ix, item in enumerate(value):
            item_type = args[0] if variadic else args[ix]
            try:
                out.append(conv.structure(item, item_type))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {t} @ index {ix}", ix, item_type),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return tuple(out)

    return hook


def _structure_enum(value: object, cl: type[enum.StrEnum]) -> enum.StrEnum:
    try:
        return cl(value)  # type: ignore[arg-type]
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cl)
        raise _Expected(
            Message("expected one of {allowed}, got {got}", allowed=allowed, got=_shown(value))
        ) from None


def _make_attrs_hook(conv: cattrs.Converter, t: type) -> Any:
    inner: Any = cattrs.gen.make_dict_structure_fn(t, conv, _cattrs_forbid_extra_keys=True)
    required = [a.name for a in attrs.fields(t) if a.init and a.default is attrs.NOTHING]
    known = frozenset(a.name for a in attrs.fields(t) if a.init)

    def hook(value: object, cl: type) -> Any:
        if type(value) is t:
            return value  # structured already (it was checked when it was made)
        if not isinstance(value, dict):
            raise _Expected(
                Message("expected a mapping ({cls}), got {got}", cls=t.__name__, got=_shown(value))
            )
        bad = [k for k in value if not isinstance(k, str)]
        if bad:
            # Named at the key's own place, as the file spells it.
            raise PolicyValidationError(
                [
                    Problem(str(k), Message("expected a text key, got {got}", got=_shown(k)))
                    for k in bad
                ]
            )
        missing = [n for n in required if n not in value]
        if missing:
            # Report the missing fields and, with them, what is wrong in the fields present.
            errors: list[Exception] = [
                _Expected(
                    Message.counted(
                        "missing required field {fields} of {cls}",
                        "missing required fields {fields} of {cls}",
                        len(missing),
                        fields=", ".join(repr(m) for m in missing),
                        cls=t.__name__,
                    )
                )
            ]
            # ... and the keys that are no field (often the misspelt name of a missing one)
            extra = {k for k in value if k not in known}
            if extra:
                errors.append(ForbiddenExtraKeysError("", t, extra))
            hints = typing.get_type_hints(t)
            for a in attrs.fields(t):
                if a.init and a.name in value:
                    try:
                        conv.structure(value[a.name], hints[a.name])
                    except Exception as exc:  # collected and re-raised as a group
                        exc.__notes__ = [
                            *getattr(exc, "__notes__", []),
                            AttributeValidationNote(
                                f"Structuring class {t.__name__} @ attribute {a.name}",
                                a.name,
                                hints[a.name],
                            ),
                        ]
                        errors.append(exc)
            raise ClassValidationError(f"While structuring {t.__name__}", errors, t)
        return inner(value, cl)

    return hook


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(
        omit_if_default=True,
        forbid_extra_keys=True,
        detailed_validation=True,
        unstruct_collection_overrides={tuple: list},
    )
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(bool, _strict_bool)
    # The model's enums are str subclasses: this more specific hook keeps them from the str one.
    conv.register_structure_hook(enum.StrEnum, _structure_enum)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and attrs.has(t), lambda t: _make_attrs_hook(conv, t)
    )
    conv.register_structure_hook_factory(_is_tuple, lambda t: _make_tuple_hook(conv, t))
    return conv


converter: cattrs.Converter = _make_converter()


def _problems(exc: BaseException, path: str) -> list[Problem]:
    """Flatten a cattrs exception tree into problems with paths inside the file."""
    if isinstance(exc, PolicyValidationError):
        return [
            Problem(".".join(p for p in (path, q.path) if p).replace(".[", "["), q.message)
            for q in exc.problems
        ]
    if isinstance(exc, ForbiddenExtraKeysError):
        # Each unexpected key is its own problem, at its own place, so an editor can point at it.
        allowed = sorted(a.name for a in attrs.fields(exc.cl) if a.init)
        return [
            Problem(
                f"{path}.{key}" if path else str(key),
                Message(
                    "unexpected field {key!r} for {cls}; allowed: {allowed}",
                    key=key,
                    cls=exc.cl.__name__,
                    allowed=", ".join(allowed),
                ),
            )
            for key in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        out: list[Problem] = []
        for sub in exc.exceptions:  # in the order they were found
            notes = [
                n
                for n in getattr(sub, "__notes__", [])
                if isinstance(n, (IterableValidationNote, AttributeValidationNote))
            ]
            if not notes:
                sub_path = path
            elif isinstance(notes[-1], IterableValidationNote):
                sub_path = f"{path}[{notes[-1].index}]"
            else:
                sub_path = f"{path}.{notes[-1].name}" if path else notes[-1].name
            out.extend(_problems(sub, sub_path))
        return out
    if isinstance(exc, ExceptionGroup):  # pragma: no cover - defensive
        return [p for sub in exc.exceptions for p in _problems(sub, path)]
    message = message_of(exc)
    if isinstance(exc, (ValueError, TypeError)) and ": " in message and path:
        head, rest = split_field(message)
        if head.isidentifier() and not path.endswith(head):
            path = f"{path}.{head}"
            message = rest
        elif head.isidentifier():
            message = rest
    elif isinstance(exc, (ValueError, TypeError)) and ": " in message:
        head, rest = split_field(message)
        if head.isidentifier():
            path, message = head, rest
    if isinstance(exc, (KeyError, AttributeError)) or not message:
        message = Message(
            "invalid value ({error}: {detail})",
            error=type(exc).__name__,
            detail=message or Message("no detail"),
        )
    return [Problem(path, message)]


def structure_policy(data: object, *, origin: str | None = None) -> Policy:
    """Turn plain data (as parsed from YAML or JSON) into a :class:`Policy`.

    Raises
    ------
    PolicyValidationError
        Listing every problem found, each with its path inside the data.
    """
    if not isinstance(data, dict):
        raise PolicyValidationError(
            [
                Problem(
                    "",
                    Message(
                        "expected a mapping at the top of the file, got {got}", got=_shown(data)
                    ),
                )
            ],
            origin=origin,
        )
    version = data.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version != SCHEMA_VERSION:
        # Another version's fields would bury this in problems: say it alone.
        raise PolicyValidationError(
            [Problem("schema_version", split_field(schema_version_message(version, origin))[1])],
            origin=origin,
        )
    try:
        return converter.structure(data, Policy)
    except (ClassValidationError, IterableValidationError, ValueError, TypeError) as exc:
        raise validation_error(_problems(exc, ""), origin=origin) from None


def unstructure_policy(policy: Policy) -> dict[str, Any]:
    """Turn a :class:`Policy` into plain data: dicts, lists, text and numbers."""
    data = _plain(converter.unstructure(policy))
    assert isinstance(data, dict)
    return data


def _plain(value: Any) -> Any:
    """Replace enum members (str subclasses that cattrs passes through) with their values."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
