"""Reading and writing policy files (YAML, or JSON as its subset)."""

from __future__ import annotations

import functools
import math
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

from ivb._errors import PolicyFileError, PolicyFileNotFoundError, PolicyValidationError, Problem
from ivb._message import N_, Message, at
from ivb.model import Policy
from ivb.model._base import char_problem

__all__ = ["BUNDLED", "MAX_BYTES", "check_tree", "dump", "dumps", "load", "loads", "read_data"]

#: Largest policy file ivb reads, in bytes. A real policy is well under 1 MiB.
MAX_BYTES = 8 * 1024 * 1024
#: Name of the bundled policy file inside the package's ``data`` folder.
BUNDLED = "dnu-ivb-2024-2027.yaml"
#: Name of the JSON Schema file inside the package's ``data`` folder.
SCHEMA_FILE = "ivb-policy.schema.json"


# The YAML 1.2 core schema: only these plain scalars are anything but text. No
# YAML 1.1 octal (``010``), sexagesimal (``1:30``), ``yes``/``no``/``on``/``off``
# booleans, merge keys or timestamps; ``010`` is the decimal 10.
_CORE_RESOLVERS: tuple[tuple[str, re.Pattern[str], str | list[str]], ...] = (
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
)


def _core_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, regexp, firsts in _CORE_RESOLVERS:  # "" is the empty scalar
        for first in firsts:
            table.setdefault(first, []).append((tag, regexp))
    return table


@functools.cache
def _yaml() -> tuple[Any, Any]:
    """The YAML loader and dumper classes of policy files, made on first use.

    Made here, not at import, so that a command answered from the cache
    imports no YAML code.
    """
    import yaml

    #: libyaml's parser where PyYAML was built with it (ten times faster), else the pure-Python one.
    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[valid-type,misc]
        """A safe YAML loader for policy files.

        Differences from :class:`yaml.SafeLoader`: plain values follow the YAML
        1.2 core schema (see ``_CORE_RESOLVERS``); aliases (``*name``) and merge
        keys (``<<``) are refused, so that no alias bomb can blow up memory or
        time; duplicate keys are an error; and dates stay text, as the format
        stores them. It keeps libyaml's parser where PyYAML has it.
        """

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # Every node is constructed once; meeting one again means an alias refers to it.
            if node in self.constructed_objects or node in self.recursive_objects:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    Message(
                        "YAML aliases (*name) are not allowed in a policy file; "
                        "the value anchored here is used again through one"
                    ),
                    node.start_mark,
                )
            return super().construct_object(node, deep=deep)

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: dict[tuple[str, str], Any] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError(
                        None, None, Message("a mapping key must be text"), key_node.start_mark
                    )
                if key_node.value == "<<":
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        Message(
                            "YAML merge keys (<<) are not allowed in a policy file; "
                            "write the fields out"
                        ),
                        key_node.start_mark,
                    )
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        Message(
                            "key {key!r} appears twice (first at line {line})",
                            key=key_node.value,
                            line=seen[key].line + 1,
                        ),
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark
            mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            return mapping

    _Loader.yaml_implicit_resolvers = _core_resolvers()

    def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
        value = str(node.value)
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value, 10)

    def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
        value = str(node.value).lower()
        if value.endswith((".inf", ".nan")):
            return float(value.replace(".", ""))
        return float(value)

    _Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)

    class _Dumper(yaml.SafeDumper):
        """Writes block-style YAML that keeps field order and non-ASCII text."""

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
            return super().increase_indent(flow, False)

    # Quote every text that a YAML 1.1 reader or the core schema would read as
    # something else, so the file means the same to both.
    quoting = {k: list(v) for k, v in yaml.SafeDumper.yaml_implicit_resolvers.items()}
    for first, resolvers in _core_resolvers().items():
        quoting.setdefault(first, []).extend(resolvers)
    _Dumper.yaml_implicit_resolvers = quoting

    def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def _float_presenter(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
        # A whole number is written as one (204, not 204.0); it loads back equal.
        if math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
            return dumper.represent_int(int(value))
        return dumper.represent_float(value)

    _Dumper.add_representer(str, _str_presenter)
    _Dumper.add_representer(float, _float_presenter)
    return _Loader, _Dumper


def _char_problem(value: str, path: str) -> Problem | None:
    problem = char_problem(value)  # the model's rule: every text field refuses the same
    return None if problem is None else Problem(path, problem)


def check_tree(data: Any, path: str = "") -> list[Problem]:
    r"""Problems of parsed policy data that hold for every field.

    Every number must be finite and every text free of control characters
    (other than newline and tab), surrogates, line separators and
    noncharacters; a mapping key must also be free of newline and tab.

    Examples
    --------
    >>> for problem in check_tree({"figures": [{"value": float("inf")}], "name": "a\x1b[2J"}):
    ...     print(problem)
    figures[0].value: expected a finite number, got inf
    name: expected text without control characters, got '\x1b' at character 2
    """
    problems: list[Problem] = []
    stack: list[tuple[Any, str]] = [(data, path)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, float):
            if not math.isfinite(value):
                problems.append(
                    Problem(where, Message("expected a finite number, got {value!r}", value=value))
                )
        elif isinstance(value, str):
            bad = _char_problem(value, where)
            if bad is not None:
                problems.append(bad)
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                child = f"{where}.{key}" if where else str(key)
                if isinstance(key, str):
                    # A key that cannot be written in a path is reported at its mapping.
                    bad = (
                        Problem(
                            where,
                            Message(
                                "expected a key without control characters or line breaks, "
                                "got {key!r}",
                                key=key,
                            ),
                        )
                        if "\n" in key or "\t" in key or char_problem(key) is not None
                        else None
                    )
                    if bad is not None:
                        problems.append(bad)
                        continue
                    stack.append((item, child))
                else:
                    stack.append((item, child))
        elif isinstance(value, list):
            for i in reversed(range(len(value))):
                stack.append((value[i], f"{where}[{i}]"))
    return problems


#: What the YAML parser (libyaml or PyYAML) says of text that is no YAML, as message ids:
#: these are told in the language of the run; others stay as the parser says them.
_YAML_PROBLEMS = frozenset(
    {
        N_("mapping values are not allowed here"),
        N_("mapping values are not allowed in this context"),
        N_("could not find expected ':'"),
        N_("did not find expected key"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected node content"),
        N_("did not find expected <document start>"),
        N_("did not find expected comment or line break"),
        N_("expected <block end>, but found '-'"),
        N_("expected <block end>, but found '<block mapping start>'"),
        N_("expected <block end>, but found '<scalar>'"),
        N_("expected <block end>, but found '?'"),
        N_("expected ',' or ']', but got ':'"),
        N_("expected ',' or '}', but got '<scalar>'"),
        N_("expected a single document in the stream"),
        N_("but found another document"),
        N_("found character that cannot start any token"),
        N_("found undefined tag handle"),
        N_("found unexpected end of stream"),
        N_("found unexpected ':'"),
        N_("found unknown escape character"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found duplicate anchor; first occurrence"),
        N_("found undefined alias"),
        N_("found unhashable key"),
        N_("block sequence entries are not allowed in this context"),
        N_("block sequence entries are not allowed here"),
        N_("control characters are not allowed"),
        N_("invalid leading UTF-8 octet"),
        N_("invalid trailing UTF-8 octet"),
        N_("incomplete UTF-8 octet sequence"),
        N_("found unexpected document indicator"),
        N_("could not find expected tag URI"),
        N_("did not find URI escaped octet"),
        N_("found a colon ':' in the middle of a plain scalar"),
    }
)


def _yaml_problem(exc: Any) -> str:
    """What a YAML error says is wrong: a message id where the parser's text is one."""
    problem = exc.problem
    if isinstance(problem, Message):
        return problem
    if not problem:
        return Message("invalid YAML")
    text = str(problem)
    if text in _YAML_PROBLEMS:
        return Message(text)
    if text.startswith("could not determine a constructor for the tag "):
        return Message(
            "could not determine a constructor for the tag {tag}",
            tag=text.removeprefix("could not determine a constructor for the tag "),
        )
    return text


def read_data(text: str, *, origin: str | None = None) -> Any:
    r"""Parse policy text (YAML or JSON) into plain data, safely.

    Plain values are read on the YAML 1.2 core schema: ``010`` is 10, and
    ``1:30``, ``yes`` or ``off`` are text. :func:`check_tree` then checks what
    holds for every value (finite numbers, no control characters).

    Raises
    ------
    PolicyFileError
        If the text is more than :data:`MAX_BYTES` bytes of UTF-8, holds a lone
        surrogate, is no valid YAML, uses aliases or merge keys, tags that
        construct objects, or repeats a key; the message gives line and column.

    Examples
    --------
    >>> read_data("a: 010\nb: 1:30\nc: yes\nd: 0x1F")
    {'a': 10, 'b': '1:30', 'c': 'yes', 'd': 31}
    """
    where = origin or Message("policy text")
    if not isinstance(text, str):
        raise PolicyFileError(
            at(where, Message("expected text, got {cls}", cls=type(text).__name__))
        )
    if len(text) > MAX_BYTES:  # a character is at least one byte
        raise PolicyFileError(
            at(where, Message("expected at most {max_bytes} bytes, got more", max_bytes=MAX_BYTES))
        )
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise PolicyFileError(
            at(
                where,
                Message(
                    "expected Unicode text, got the lone surrogate {text!r} at character {value}",
                    text=text[exc.start],
                    value=exc.start + 1,
                ),
            )
        ) from None
    if size > MAX_BYTES:
        raise PolicyFileError(
            at(
                where,
                Message(
                    "expected at most {max_bytes} bytes, got {size}", max_bytes=MAX_BYTES, size=size
                ),
            )
        )
    import yaml

    try:
        return yaml.load(text, Loader=_yaml()[0])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        place = (
            Message("line {line}, column {column}", line=mark.line + 1, column=mark.column + 1)
            if mark
            else Message("unknown place")
        )
        raise PolicyFileError(
            Message(
                "{origin}, {place}: {problem}",
                origin=where,
                place=place,
                problem=_yaml_problem(exc),
            )
        ) from None
    except yaml.YAMLError as exc:
        raise PolicyFileError(at(where, Message("invalid YAML ({exc})", exc=exc))) from None
    except RecursionError:
        raise PolicyFileError(at(where, Message("nesting is too deep"))) from None


def loads(text: str, *, origin: str | None = None) -> Policy:
    """Build a :class:`Policy` from policy text (YAML or JSON).

    Parameters
    ----------
    text:
        The content of a policy file.
    origin:
        Name used for the text in error messages (e.g. its file name).

    Returns
    -------
    Policy

    Raises
    ------
    PolicyFileError
        The text is no valid YAML (see :func:`read_data`).
    PolicyValidationError
        The data breaks the format; every problem with its path.

    Examples
    --------
    >>> loads("title: x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ivb.PolicyValidationError: 1 problem:
      missing required fields 'schema_version', 'id', 'period', 'summary' of Policy
    """
    from ivb._convert import structure_policy

    data = read_data(text, origin=origin)
    problems = check_tree(data)
    if problems:
        raise PolicyValidationError(problems, origin=origin)
    return structure_policy(data, origin=origin)


def load(path: str | os.PathLike[str] | None = None) -> Policy:
    """Load a policy: the bundled DNU policy, or the file at *path*.

    The bundled policy is parsed once per process and cached; every call
    returns the same immutable object.

    Parameters
    ----------
    path:
        A policy file (YAML or JSON). ``None`` for the bundled policy.

    Returns
    -------
    Policy

    Raises
    ------
    PolicyFileNotFoundError
        If *path* does not exist or is not a file.
    PolicyFileError
        If the file is not valid YAML, too large, or not UTF-8.
    PolicyValidationError
        If the data breaks the format.

    Examples
    --------
    >>> import ivb
    >>> policy = ivb.load()
    >>> policy.title
    'Integraal Veiligheidsbeleid 2024-2027'
    >>> ivb.load() is policy
    True
    """
    if path is None:
        return _bundled()
    if not os.fspath(path):
        raise PolicyFileNotFoundError(Message("policy file: expected a path, got ''"))
    p = Path(path)
    if not p.is_file():
        raise PolicyFileNotFoundError(
            Message("policy file {path!r} is not a file", path=str(p))
            if p.exists()
            else Message("policy file {path!r} does not exist", path=str(p))
        )
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise PolicyFileError(
            at(
                str(p),
                Message(
                    "expected at most {max_bytes} bytes, got {size}", max_bytes=MAX_BYTES, size=size
                ),
            )
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise PolicyFileError(
            at(str(p), Message("cannot be read ({strerror})", strerror=exc.strerror))
        ) from None
    return _load_bytes(data, str(p))


def _load_bytes(data: bytes, origin: str) -> Policy:
    """The policy in file bytes *data*: from the cache, or parsed and checked (then cached)."""
    from ivb._cache import cached

    def parse() -> Policy:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PolicyFileError(
                at(
                    origin,
                    Message(
                        "expected UTF-8 text, got an undecodable byte at offset {start}",
                        start=exc.start,
                    ),
                )
            ) from None
        # universal newlines, as when reading the file as text
        return loads(text.replace("\r\n", "\n").replace("\r", "\n"), origin=origin)

    return cached(data, parse)


@functools.cache
def _bundled() -> Policy:
    data = resources.files("ivb.data").joinpath(BUNDLED).read_bytes()
    return _load_bytes(data, f"ivb/data/{BUNDLED}")


def dumps(policy: Policy, *, schema: str | None = None) -> str:
    """Return *policy* as policy-file YAML text.

    Fields left at their defaults are omitted.

    Parameters
    ----------
    policy:
        The policy to write.
    schema:
        Path or address of the JSON Schema; when given, the first line is a
        ``yaml-language-server`` comment that points editors at it.
    """
    import yaml

    from ivb._convert import unstructure_policy

    data = unstructure_policy(policy)
    body = yaml.dump(
        data,
        Dumper=_yaml()[1],
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    head = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    return head + body


def dump(policy: Policy, path: str | os.PathLike[str]) -> Path:
    """Write *policy* to *path* as YAML (UTF-8); return the path written.

    What is kept: every value of the policy, with whole numbers written as
    integers (``204``, not ``204.0``), text that could be read as another type
    quoted, and the fields in the order of the model. What is dropped: fields
    left at their defaults, the key order and layout of the file the policy was
    read from, and its comments (a policy holds none of them).
    ``ivb.load(ivb.dump(policy, path)) == policy`` holds for every policy that
    was loaded from a file.

    Raises
    ------
    PolicyValidationError
        If *policy* is no :class:`Policy`.
    PolicyFileError
        If *path* cannot be written (a missing folder, a folder, no permission).
    """
    p = Path(path)
    if not isinstance(policy, Policy):
        raise PolicyValidationError(
            [
                Problem(
                    "", Message("expected a Policy to dump, got {cls}", cls=type(policy).__name__)
                )
            ]
        )
    text = dumps(policy)
    try:
        p.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PolicyFileError(
            at(str(p), Message("cannot be written ({value})", value=exc.strerror or exc))
        ) from None
    return p
