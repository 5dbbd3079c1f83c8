"""No knowledge of one policy in the library: every id, name and code lives in the data.

Every module of ``src/ivb`` is parsed with :mod:`ast`; docstrings (and so doctests,
which may show the bundled policy) are skipped. Any other string constant that is an
id, a name or a CBS code of the bundled policy fails the test, with its place.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import ivb
from ivb.model import Policy

SRC = Path(ivb.__file__).parent

#: Words of the file formats ivb reads and writes that a policy may also use as an id:
#: the package's own name (the bundled policy's document id is ``ivb``), identifier
#: schemes of exports, and keys of format version 1 that the migration reads.
#: Values of the model's enums and names of its fields are format words as well.
FORMAT_WORDS = frozenset({"ivb", "cbs", "tooi", "themasessie", "themasessies"})

#: Constants of national reference data, the same for every Dutch policy: the CBS
#: provinces with their codes, and the names of the VNG Kernbeleid Veiligheid fields.
#: Their strings may equal a policy's province or a priority named after a field.
REFERENCE_TABLES = frozenset({"PROVINCES", "_VELD_LABELS"})

#: Fields whose text names something (a name, a title, a caption, a defined term).
NAME_FIELDS = ("name", "title", "caption", "term", "province", "heading", "lead_label")
#: Fields that hold a CBS code: of a region, of a police or CBS category, of a topic.
CODE_FIELDS = ("cbs_code", "province_code", "code", "codes", "topic")


def _attrs_objects(obj: object) -> Iterator[object]:
    yield obj
    if not attrs.has(type(obj)):
        return
    for a in attrs.fields(type(obj)):
        value = getattr(obj, a.name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if attrs.has(type(item)):
                yield from _attrs_objects(item)


def _format_words() -> frozenset[str]:
    import enum

    import ivb.model as model

    words = set(FORMAT_WORDS)
    for name in model.__all__:
        obj = getattr(model, name)
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            words.update(str(m.value) for m in obj)
        elif isinstance(obj, type) and attrs.has(obj):
            words.update(a.name for a in attrs.fields(obj))
    return frozenset(words)


def policy_constants(policy: Policy) -> dict[str, str]:
    """Each id, name and code of *policy*, with what it is (format words left out)."""
    found = _policy_constants(policy)
    for word in _format_words():
        found.pop(word, None)
    return found


def _policy_constants(policy: Policy) -> dict[str, str]:
    found: dict[str, str] = {policy.id: "the policy id"}
    for ident in policy.ids():
        found.setdefault(ident, f"the id of a {policy.kind_of(ident)}")
    for obj in _attrs_objects(policy):
        for a in attrs.fields(type(obj)):
            if a.name not in NAME_FIELDS + CODE_FIELDS:
                continue
            value = getattr(obj, a.name)
            values = value if isinstance(value, tuple) else (value,)
            what = "a code" if a.name in CODE_FIELDS else "a name"
            for v in values:
                if isinstance(v, str) and v:
                    found.setdefault(v, f"{what} ({type(obj).__name__}.{a.name})")
    return found


def _docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                out.add(id(body[0].value))
    return out


def _reference_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id in REFERENCE_TABLES for t in targets):
            out |= {id(n) for n in ast.walk(node) if isinstance(n, ast.Constant)}
    return out


def string_constants(source: str) -> Iterator[tuple[int, str]]:
    """(line, value) of every string constant of *source*: no docstring, no reference table."""
    tree = ast.parse(source)
    skip = _docstring_nodes(tree) | _reference_nodes(tree)
    found = [
        (node.lineno, node.col_offset, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]
    for line, _, value in sorted(found):
        yield line, value


def offences(source: str, constants: dict[str, str]) -> list[tuple[int, str, str]]:
    return [(line, v, constants[v]) for line, v in string_constants(source) if v in constants]


MODULES = sorted(SRC.rglob("*.py"))


def test_the_scan_sees_the_whole_package() -> None:
    names = {p.relative_to(SRC).as_posix() for p in MODULES}
    assert {"__init__.py", "model/_measures.py", "indicators/_claims.py"} <= names
    assert any(n.startswith("governance/") for n in names)
    assert any(n.startswith("cli/") for n in names)


def test_the_scan_finds_a_planted_constant() -> None:
    policy = ivb.load()
    constants = policy_constants(policy)
    municipality = policy.municipalities[0]
    planted = (
        '"""Doc mentions ' + municipality.id + '."""\n'
        "def f():\n"
        '    """Docstring: ' + municipality.name + '."""\n'
        f"    return {municipality.cbs_code!r}, f'x{{1}}', {municipality.name!r}\n"
        f"PROVINCES = {{{municipality.province_code!r}: ({municipality.province!r},)}}\n"
        f"OTHER = {{{municipality.province_code!r}: 1}}\n"
    )
    found = offences(planted, constants)
    assert [(line, v) for line, v, _ in found] == [
        (4, municipality.cbs_code),
        (4, municipality.name),
        (6, municipality.province_code),
    ]
    assert constants[policy.indicators[0].id].startswith("the id of a")


def test_constants_include_regions_and_codes() -> None:
    policy = ivb.load()
    constants = policy_constants(policy)
    for r in policy.outside_regions:
        assert r.id in constants and r.code in constants and r.name in constants
    for g in policy.regions:
        assert g.code in constants
    for ind in policy.indicators:
        for code in ind.data_source.codes:
            assert code in constants


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_no_module_holds_an_id_name_or_code_of_the_bundled_policy(path: Path) -> None:
    constants = policy_constants(ivb.load())
    found = offences(path.read_text(encoding="utf-8"), constants)
    assert not found, "\n".join(
        f"{path.relative_to(SRC.parent)}:{line}: {value!r} is {what} of the bundled policy"
        for line, value, what in found
    )
