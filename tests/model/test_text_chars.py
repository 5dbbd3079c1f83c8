"""Every text field of the model refuses the characters the file format refuses."""

from __future__ import annotations

import functools
import sys
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

import ivb
from ivb import model
from ivb.model import Basis, BudgetLine, SourceRef
from ivb.model._base import BAD_CHARS, char_problem

EXAMPLES = Path(__file__).parents[2] / "examples" / "policies"


@functools.cache
def _bundled_instances() -> dict[type, Any]:
    """One instance of every model class: the bundled and the example policies have them."""
    found: dict[type, Any] = {}
    for path in [None, *sorted(EXAMPLES.glob("*.yaml"))]:
        for cls, instance in _instances(ivb.load(path)).items():
            found.setdefault(cls, instance)
    policy = ivb.load()
    found[BudgetLine] = BudgetLine(
        year=2024, amount=1.0, purpose="Camera's", source=policy.themes[0].source
    )
    return found


def _instances(root: object) -> dict[type, Any]:
    """One instance of every attrs class reachable from *root* (the first found)."""
    found: dict[type, Any] = {}
    stack = [root]
    while stack:
        value = stack.pop()
        if isinstance(value, tuple):
            stack.extend(value)
        elif attrs.has(type(value)):
            found.setdefault(type(value), value)
            stack.extend(getattr(value, a.name) for a in attrs.fields(type(value)) if a.init)
    return found


def _text_fields(cls: type) -> list[tuple[str, bool]]:
    """The init fields of *cls* that hold text: (name, holds a tuple of texts)."""
    hints = typing.get_type_hints(cls)
    fields = []
    for a in attrs.fields(cls):
        if not a.init:
            continue
        t = hints[a.name]
        args = [x for x in typing.get_args(t) if x is not type(None)]
        if t is str or (args == [str] and typing.get_origin(t) is not tuple):
            fields.append((a.name, False))
        elif typing.get_origin(t) is tuple and args == [str, Ellipsis]:
            fields.append((a.name, True))
    return fields


_CASES = [
    (cls, name, many)
    for cls, _ in sorted(_bundled_instances().items(), key=lambda kv: kv[0].__name__)
    for name, many in _text_fields(cls)
]


def test_the_walk_reaches_every_model_class() -> None:
    classes = {cls for cls, _, _ in _CASES}
    with_text = {
        cls
        for cls in map(vars(model).__getitem__, model.__all__)
        if isinstance(cls, type) and attrs.has(cls) and _text_fields(cls)
    }
    assert with_text <= classes
    assert len(_CASES) > 200


#: A control character, one that counts as white space (text is folded), a line
#: separator, a lone surrogate and a noncharacter.
@pytest.mark.parametrize("char", ["\x00", "\x1f", "\u2028", "\ud800", "\uffff"])
@pytest.mark.parametrize(("cls", "name", "many"), _CASES, ids=lambda v: getattr(v, "__name__", v))
def test_every_text_field_refuses_bad_characters(
    cls: type, name: str, many: bool, char: str
) -> None:
    instance = _bundled_instances()[cls]
    bad = f"a{char}b"
    changes: dict[str, object] = {name: ("ok", bad) if many else bad}
    if (cls, name) == (SourceRef, "readings"):
        changes["basis"] = Basis.AMBIGUOUS  # only an ambiguous fact has readings
    with pytest.raises(ValueError) as info:
        attrs.evolve(instance, **changes)
    message = str(info.value)
    where = f"{name}[1]" if many else name
    assert message.startswith((f"{where}: ", f"{name}: ")), message
    # Free text names the character and its place; a field with a pattern (ids, dates,
    # codes) says what it expected and shows the value, the character in it.
    if message != f"{where}: {char_problem(bad)}":
        assert repr(bad) in message, message


def test_char_problem_names_the_first_bad_character() -> None:
    assert char_problem("abc\u2029d\x00") == (
        "expected text without control characters, got '\\u2029' at character 4"
    )
    assert char_problem("tab\tand\nnewline, é, ‘quotes’, 😀") is None
    assert BAD_CHARS.search("\x7f") and BAD_CHARS.search("\x9f")


def test_tab_and_newline_are_folded_not_refused() -> None:
    theme = ivb.load().themes[0]
    assert attrs.evolve(theme, name="Twee\tregels\n en  meer").name == "Twee regels en meer"


def test_loader_and_model_give_the_same_message(mini_text: str) -> None:
    text = mini_text.replace("name: Voorbeeld", 'name: "Voor\\x00beeld"', 1)
    with pytest.raises(ivb.PolicyValidationError) as info:
        ivb.loads(text)
    [problem] = info.value.problems
    assert problem.message == char_problem("Voor\x00beeld")
    municipality = ivb.loads(mini_text).municipalities[0]
    with pytest.raises(ValueError) as refused:
        attrs.evolve(municipality, name="Voor\x00beeld")
    assert str(refused.value) == f"name: {problem.message}"


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [("municipality", "id", "voorbeeld\n"), ("document", "date", "2024\n")],
)
def test_a_pattern_does_not_take_a_trailing_newline(
    mini_text: str, kind: str, field: str, value: str
) -> None:
    policy = ivb.loads(mini_text)
    entity = {"municipality": policy.municipalities[0], "document": policy.documents[0]}[kind]
    with pytest.raises(ValueError, match=f"^{field}: expected"):
        attrs.evolve(entity, **{field: value})


def test_every_refused_character_is_unprintable() -> None:
    """The checks pass printable text without searching it: that must be sound."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    refused = [m.group() for m in BAD_CHARS.finditer(every)]
    assert len(refused) == 2151
    assert not any(c.isprintable() for c in refused)
