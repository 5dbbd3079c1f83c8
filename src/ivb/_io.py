"""Reading and writing policy files (YAML, or JSON as its subset)."""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from typing import Any

from ivb._errors import PolicyFileError, PolicyFileNotFoundError, PolicyValidationError, Problem
from ivb.model import Policy

__all__ = ["BUNDLED", "MAX_BYTES", "dump", "dumps", "load", "loads", "read_data"]

#: Largest policy file ivb reads, in bytes. A real policy is well under 1 MiB.
MAX_BYTES = 8 * 1024 * 1024
#: Name of the bundled policy file inside the package's ``data`` folder.
BUNDLED = "dnu-ivb-2024-2027.yaml"
#: Name of the JSON Schema file inside the package's ``data`` folder.
SCHEMA_FILE = "ivb-policy.schema.json"


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

        Differences from :class:`yaml.SafeLoader`: aliases (``*name``) are refused,
        so that no alias bomb can blow up memory or time; duplicate keys are an
        error; and dates stay text, as the format stores them.
        """

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # Every node is constructed once; meeting one again means an alias refers to it.
            if node in self.constructed_objects or node in self.recursive_objects:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "YAML aliases (*name) are not allowed in a policy file; "
                    "the value anchored here is used again through one",
                    node.start_mark,
                )
            return super().construct_object(node, deep=deep)

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: dict[tuple[str, str], Any] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError(
                        None, None, "a mapping key must be text", key_node.start_mark
                    )
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        f"key {key_node.value!r} appears twice "
                        f"(first at line {seen[key].line + 1})",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark
            mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            return mapping

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }

    class _Dumper(yaml.SafeDumper):
        """Writes block-style YAML that keeps field order and non-ASCII text."""

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
            return super().increase_indent(flow, False)

    def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str_presenter)
    return _Loader, _Dumper


def read_data(text: str, *, origin: str | None = None) -> Any:
    """Parse policy text (YAML or JSON) into plain data, safely.

    Raises
    ------
    PolicyFileError
        If the text is no valid YAML, uses aliases, tags that construct
        objects, or repeats a key; the message gives line and column.
    """
    if len(text) > MAX_BYTES:
        raise PolicyFileError(
            f"{origin or 'policy text'}: expected at most {MAX_BYTES} bytes, got {len(text)}"
        )
    import yaml

    loader, _ = _yaml()
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        what = exc.problem or "invalid YAML"
        raise PolicyFileError(f"{origin or 'policy text'}, {where}: {what}") from None
    except yaml.YAMLError as exc:
        raise PolicyFileError(f"{origin or 'policy text'}: invalid YAML ({exc})") from None
    except RecursionError:
        raise PolicyFileError(f"{origin or 'policy text'}: nesting is too deep") from None


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
    p = Path(path)
    if not p.is_file():
        what = "is not a file" if p.exists() else "does not exist"
        raise PolicyFileNotFoundError(f"policy file {str(p)!r} {what}")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise PolicyFileError(f"{p}: expected at most {MAX_BYTES} bytes, got {size}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise PolicyFileError(f"{p}: cannot be read ({exc.strerror})") from None
    return _load_bytes(data, str(p))


def _load_bytes(data: bytes, origin: str) -> Policy:
    """The policy in file bytes *data*: from the cache, or parsed and checked (then cached)."""
    from ivb._cache import cached

    def parse() -> Policy:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PolicyFileError(
                f"{origin}: expected UTF-8 text, got an undecodable byte at offset {exc.start}"
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
    """Write *policy* to *path* as YAML; return the path written.

    ``ivb.load(ivb.dump(policy, path)) == policy`` holds for every policy.
    """
    p = Path(path)
    if not isinstance(policy, Policy):
        raise PolicyValidationError(
            [Problem("", f"expected a Policy to dump, got {type(policy).__name__}")]
        )
    p.write_text(dumps(policy), encoding="utf-8")
    return p
