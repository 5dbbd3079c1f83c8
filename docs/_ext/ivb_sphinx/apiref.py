"""The API reference: one reST page per public package, every name of its ``__all__``.

Names are grouped by the private module that defines them, under that
module's one-line summary. Classes and functions go through autodoc; module
constants become ``py:data`` entries carrying the ``#:`` comment written
above them in their defining module (autodoc would look in the package
``__init__``, where re-exported constants have none).
"""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterable, Sequence
from functools import cache
from types import ModuleType
from typing import Any

import attrs
from sphinx.pycode import ModuleAnalyzer

__all__ = ["attrs_signature", "field_lines", "pages", "undocumented"]

#: Longest constant value shown as ``:value:``; longer ones are left out.
MAX_VALUE = 70


def _submodules(package: ModuleType) -> list[ModuleType]:
    """The package and its direct modules (private ones included), in name order."""
    out = [package]
    path = getattr(package, "__path__", None)
    if path is None:
        return out
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if info.name == "__main__":
            continue
        out.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return out


@cache
def _attr_docs(module_name: str) -> dict[str, str]:
    """Module-level ``#:`` comments and docstrings after assignments, by name."""
    try:
        analyzer = ModuleAnalyzer.for_module(module_name)
        analyzer.analyze()
    except Exception:
        return {}
    return {
        name: "\n".join(lines).strip()
        for (cls, name), lines in analyzer.find_attr_docs().items()
        if cls == ""
    }


def _is_routine(obj: Any) -> bool:
    return inspect.isroutine(obj) or (callable(obj) and hasattr(obj, "__wrapped__"))


def kind_of(obj: Any) -> str:
    """``exception``, ``enum``, ``class``, ``function`` or ``data``."""
    if inspect.isclass(obj):
        if issubclass(obj, BaseException):
            return "exception"
        if issubclass(obj, enum.Enum):
            return "enum"
        return "class"
    if _is_routine(obj):
        return "function"
    return "data"


def _home(package: ModuleType, name: str, obj: Any) -> ModuleType:
    """The module that defines *name*: the one listing it in its own ``__all__``."""
    for module in _submodules(package)[1:]:
        if name in getattr(module, "__all__", ()) and getattr(module, name, None) is obj:
            return module
    module_name = getattr(obj, "__module__", None)
    if kind_of(obj) != "data" and module_name:
        return importlib.import_module(module_name)
    return package


def data_doc(package: ModuleType, name: str) -> str:
    """The ``#:`` documentation of constant *name* of *package* ('' if it has none)."""
    obj = getattr(package, name)
    home = _home(package, name, obj)
    for module in (home, package):
        doc = _attr_docs(module.__name__).get(name)
        if doc:
            return doc
    return ""


def _summary(module: ModuleType) -> str:
    doc = inspect.getdoc(module) or module.__name__
    return doc.strip().split("\n\n")[0].replace("\n", " ").rstrip(".")


def _heading(text: str, char: str) -> list[str]:
    return [text, char * len(text), ""]


def _value(obj: Any) -> str | None:
    if isinstance(obj, str | int | float | tuple | frozenset) and not isinstance(obj, bool):
        text = repr(obj)
        if len(text) <= MAX_VALUE and "\n" not in text:
            return text
    return None


def _public_home(obj: Any) -> str | None:
    """The public package a class or function belongs to: its module up to the first ``._``."""
    module = getattr(obj, "__module__", None)
    return module.split("._")[0] if isinstance(module, str) else None


def _entry(package: ModuleType, name: str) -> list[str]:
    obj = getattr(package, name)
    full = f"{package.__name__}.{name}"
    kind = kind_of(obj)
    home = _public_home(obj)
    if kind != "data" and home is not None and home != package.__name__:
        # a re-export of another public package: an alias entry that points there
        objtype = kind if kind in ("function", "exception") else "class"
        return [
            f".. ivb-alias:: {full}",
            f"   :target: {home}.{name}",
            f"   :type: {objtype}",
            "",
        ]
    if kind == "function":
        return [f".. autofunction:: {full}", ""]
    if kind == "exception":
        return [f".. autoexception:: {full}", "   :members:", "   :show-inheritance:", ""]
    if kind == "enum":
        return [
            f".. autoclass:: {full}",
            "   :members:",
            "   :undoc-members:",
            "   :member-order: bysource",
            "",
        ]
    if kind == "class":
        return [f".. autoclass:: {full}", "   :members:", "   :member-order: bysource", ""]
    lines = [f".. py:data:: {name}"]
    value = _value(obj)
    if value is not None:
        lines.append(f"   :value: {value}")
    lines.append("")
    doc = data_doc(package, name)
    for line in doc.splitlines() or [""]:
        lines.append(f"   {line}" if line else "")
    lines.append("")
    return lines


def page(package_name: str) -> str:
    """The reST source of the reference page of one package."""
    package = importlib.import_module(package_name)
    names = list(package.__all__)
    groups: dict[str, list[str]] = {}
    homes: dict[str, ModuleType] = {}
    for name in names:
        home = _home(package, name, getattr(package, name))
        groups.setdefault(home.__name__, []).append(name)
        homes[home.__name__] = home
    lines = [
        ".. This file is generated by docs/_ext/ivb_sphinx/apiref.py; do not edit.",
        "",
        *_heading(f"``{package_name}``", "="),
        f".. automodule:: {package_name}",
        "   :no-members:",
        "",
        f".. currentmodule:: {package_name}",
        "",
        *_summary_table(package, groups),
    ]
    order = sorted(groups, key=lambda m: (m == package_name, _order(homes[m], package)))
    for module_name in order:
        title = "Re-exported names" if module_name == package_name else _summary(homes[module_name])
        lines += _heading(title, "-")
        for name in groups[module_name]:
            lines += _entry(package, name)
    return "\n".join(lines).rstrip() + "\n"


def _order(module: ModuleType, package: ModuleType) -> int:
    """Sections in the order of the first import of each module in the package source."""
    try:
        source = inspect.getsource(package)
    except (OSError, TypeError):
        return 0
    match = re.search(rf"^from {re.escape(module.__name__)} import", source, re.M)
    return match.start() if match else len(source)


def _summary_table(package: ModuleType, groups: dict[str, list[str]]) -> list[str]:
    """A compact list of every name with its kind, linking to the entries below."""
    roles = {
        "function": "func",
        "class": "class",
        "enum": "class",
        "exception": "exc",
        "data": "data",
    }
    lines = [".. list-table::", "   :header-rows: 1", "   :widths: 30 12 58", ""]
    lines += ["   * - Name", "     - Kind", "     - Summary"]
    for name in package.__all__:
        obj = getattr(package, name)
        kind = kind_of(obj)
        if kind == "data":
            first = data_doc(package, name).split("\n\n")[0]
        else:
            first = (inspect.getdoc(obj) or "").split("\n\n")[0]
        first = _first_sentence(" ".join(first.split()))
        lines += [
            f"   * - :{roles[kind]}:`~{package.__name__}.{name}`",
            f"     - {'constant' if kind == 'data' else kind}",
            f"     - {first}" if first else "     -",
        ]
    lines.append("")
    return lines


def _first_sentence(text: str) -> str:
    """The first sentence of *text* (up to a full stop followed by a space)."""
    match = re.search(r"(?<!\be\.g)(?<!\bi\.e)\.\s", text)
    return text[: match.start() + 1] if match else text


def pages(packages: Sequence[str]) -> dict[str, str]:
    """File name -> reST text of every package's page."""
    return {f"{p}.rst": page(p) for p in packages}


def undocumented(package_name: str, documented: Iterable[str]) -> list[str]:
    """Problems: names of the package's ``__all__`` missing from *documented* or without docs."""
    package = importlib.import_module(package_name)
    have = set(documented)
    problems = []
    for name in package.__all__:
        full = f"{package_name}.{name}"
        obj = getattr(package, name)
        if full not in have:
            problems.append(f"{full} is in {package_name}.__all__ but not in the API reference")
            continue
        kind = kind_of(obj)
        doc = data_doc(package, name) if kind == "data" else inspect.getdoc(obj)
        if kind != "data" and obj.__doc__ is None:
            doc = ""
        if not (doc or "").strip():
            where = "a #: comment above it" if kind == "data" else "a docstring"
            problems.append(f"{full} is in {package_name}.__all__ but has no {where}")
    return problems


def field_lines(cls: Any, existing: Sequence[str]) -> list[str]:
    """``:ivar:`` lines for the fields of an attrs class that documents them in metadata.

    Classes with an ``Attributes`` section (already turned into ``:ivar:``) get nothing.
    """
    if not (inspect.isclass(cls) and attrs.has(cls)):
        return []
    if any(line.lstrip().startswith(":ivar") for line in existing):
        return []
    from ivb.model._base import field_doc, field_refs

    out: list[str] = []
    for a in attrs.fields(cls):
        if not a.init or a.name.startswith("_"):
            continue
        doc = field_doc(a)
        if doc is None:
            continue
        refs = field_refs(a)
        if refs:
            kinds = ", ".join(refs[:-1]) + (" or " if len(refs) > 1 else "") + refs[-1]
            article = "an" if kinds[0] in "aeiou" else "a"
            doc += f" Refers to {article} {kinds} by id."
        out.append(f":ivar {a.name}: {doc}")
        if a.type is not None:
            out.append(f":vartype {a.name}: {a.type}")
    return ["", *out, ""] if out else []


def _default_text(a: Any) -> str | None:
    """How a field's default reads in a signature (None: the field is required)."""
    default = a.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return "..."
        try:
            value = default.factory()
        except Exception:
            return "..."
        return repr(value) if len(repr(value)) <= 20 else "..."
    if isinstance(default, enum.Enum):
        return repr(default.value)
    return repr(default)


def attrs_signature(cls: Any) -> str | None:
    """A readable constructor signature of an attrs class: keyword fields with their types.

    attrs generates ``__init__``; its defaults (``NOTHING``, factories) read badly.
    """
    if not (inspect.isclass(cls) and attrs.has(cls)):
        return None
    parts = []
    star = False
    for a in attrs.fields(cls):
        if not a.init:
            continue
        if a.kw_only and not star:
            parts.append("*")
            star = True
        name = a.alias or a.name
        text = f"{name}: {a.type}" if isinstance(a.type, str) else name
        default = _default_text(a)
        parts.append(text if default is None else f"{text} = {default}")
    return "(" + ", ".join(parts) + ")"
