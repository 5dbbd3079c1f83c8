"""The governance part of the upgrade from format version 1 to 2, and the driver."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, MutableMapping, MutableSequence
from typing import Any

import attrs

from ivb._errors import MigrationError
from ivb._message import Message, at

__all__ = ["Migration", "migrate"]

#: The version :func:`migrate` writes.
TARGET_VERSION = 2

#: Package data file with what version 1 implied (tier labels, the name of its sessions).
V1_DEFAULTS = "v1-defaults.yaml"


@functools.cache
def v1_defaults() -> dict[str, Any]:
    """What version 1 files implied, from :data:`V1_DEFAULTS` (read once)."""
    from importlib import resources

    import yaml

    text = resources.files("ivb.data").joinpath(V1_DEFAULTS).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


@attrs.frozen
class Migration:
    """The result of :func:`migrate`.

    Attributes
    ----------
    text:
        The upgraded file, comments and key order kept.
    from_version:
        The version the input had.
    notes:
        What a person should check in the result (one line each).
    """

    text: str
    from_version: int
    notes: tuple[str, ...] = ()


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the lines of the input
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def migrate(text: str, *, origin: str | None = None) -> Migration:
    """Upgrade policy-file text to the current format version (2).

    Comments, key order and quoting are kept; only what changed between the
    versions is rewritten.

    Parameters
    ----------
    text:
        A policy file of version 1 (or already 2, which is returned unchanged).
    origin:
        Name of the file, for messages.

    Returns
    -------
    Migration
        The new text and notes on what to check.

    Raises
    ------
    MigrationError
        If the text is no YAML mapping, has no known ``schema_version``, or
        holds a value where version 1 allows none; the message names its path.
    """
    from ruamel.yaml.error import YAMLError

    name = origin or "policy text"
    yaml = _yaml()
    try:
        doc = yaml.load(text)
    except YAMLError as exc:
        raise MigrationError(
            at(name, Message("invalid YAML ({value})", value=_first_line(exc)))
        ) from None
    if not isinstance(doc, MutableMapping):
        raise MigrationError(at(name, Message("expected a mapping at the top of the file")))
    version = doc.get("schema_version")
    if version == TARGET_VERSION and not isinstance(version, bool):
        return Migration(text=text, from_version=TARGET_VERSION, notes=())
    if version != 1 or isinstance(version, bool):
        raise MigrationError(
            at(
                name,
                Message(
                    "schema_version: expected 1 (to upgrade) or {target_version}, got {version!r}",
                    target_version=TARGET_VERSION,
                    version=version,
                ),
            )
        )
    notes: list[str] = []
    _v1_to_v2(doc, notes)
    notes.extend(_measures_hook()(doc))
    out = io.StringIO()
    yaml.dump(doc, out)
    return Migration(text=out.getvalue(), from_version=1, notes=tuple(notes))


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__


def _measures_hook() -> Callable[[Any], list[str]]:
    """The upgrade of the measures sections (indicators, tables, figures, targets, regions)."""
    from ivb._migrate._measures import migrate_measures

    return migrate_measures


# -- helpers on round-trip maps --------------------------------------------------------------


def _cmap(items: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(items)


def _flow_list(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _replace_key(m: Any, old: str, new: str, value: Any) -> None:
    """Put *new*: *value* where *old* was (keeping its comment), and drop *old*."""
    keys = list(m.keys())
    pos = keys.index(old)
    comment = m.ca.items.pop(old, None)
    del m[old]
    m.insert(pos, new, value)
    if comment is not None:
        m.ca.items[new] = comment


def _insert_before(m: Any, before: str | None, key: str, value: Any) -> None:
    keys = list(m.keys())
    pos = keys.index(before) if before in keys else len(keys)
    m.insert(pos, key, value)


def _items(doc: Any, key: str) -> list[tuple[str, Any]]:
    """The mappings of the list at *key*, with their paths; an error if it is no such list."""
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, MutableSequence):
        raise MigrationError(
            at(key, Message("expected a list, got {cls}", cls=type(value).__name__))
        )
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, MutableMapping):
            raise MigrationError(
                Message(
                    "{key}[{i}]: expected a mapping, got {cls}",
                    key=key,
                    i=i,
                    cls=type(item).__name__,
                )
            )
        out.append((f"{key}[{i}]", item))
    return out


def _text(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise MigrationError(
            at(path, Message("expected text, got {cls}", cls=type(value).__name__))
        )
    return value


# -- version 1 -> 2, governance sections -----------------------------------------------------


def _v1_to_v2(doc: Any, notes: list[str]) -> None:
    defaults = v1_defaults()
    doc["schema_version"] = TARGET_VERSION
    themes = _items(doc, "themes")
    speerpunten = _items(doc, "speerpunten")
    if themes or speerpunten:
        tiers = []
        if themes:
            tiers.append(_cmap(dict(defaults["tiers"]["joint"])))
        if speerpunten:
            tiers.append(_cmap(dict(defaults["tiers"]["local"])))
        first = "themes" if "themes" in doc else "speerpunten"
        _insert_before(doc, first, "tiers", tiers)
        doc.yaml_set_comment_before_after_key(
            "tiers",
            before="Tiers of priorities, added by `ivb migrate` with the labels version 1 "
            "implied;\nuse your policy's own words: overviews and reports show them.",
        )
    for path, theme in themes:
        if "owner" not in theme:
            raise MigrationError(at(path, Message("expected an 'owner' (version 1 requires one)")))
        owner = _text(theme["owner"], f"{path}.owner")
        _replace_key(theme, "owner", "leads", _flow_list([owner]))
        _insert_before(theme, "leads", "tier", defaults["tiers"]["joint"]["id"])
    for path, sp in speerpunten:
        if "municipality" not in sp:
            raise MigrationError(
                at(path, Message("expected a 'municipality' (version 1 requires one)"))
            )
        municipality = _text(sp["municipality"], f"{path}.municipality")
        _replace_key(sp, "municipality", "municipalities", _flow_list([municipality]))
        _insert_before(sp, "municipalities", "tier", defaults["tiers"]["local"]["id"])
    for path, role in _items(doc, "roles"):
        duties = role.get("duties")
        if duties is None:
            continue
        if not isinstance(duties, MutableSequence):
            raise MigrationError(Message("{path}.duties: expected a list of texts", path=path))
        for i, duty in enumerate(duties):
            duties[i] = _cmap({"text": _text(duty, f"{path}.duties[{i}]")})
        if hasattr(duties, "fa"):
            duties.fa.set_block_style()
        if duties and role.get("legal_basis"):
            notes.append(
                Message(
                    "{path}.duties: each duty may now carry its own legal_basis; the role's "
                    "legal_basis was kept for the role as a whole",
                    path=path,
                )
            )
    participants = []
    for path, partner in _items(doc, "partners"):
        if "themasessie" in partner:
            flag = partner["themasessie"]
            if not isinstance(flag, bool):
                raise MigrationError(
                    Message("{path}.themasessie: expected true or false", path=path)
                )
            if flag:
                participants.append(_text(partner.get("id"), f"{path}.id"))
            del partner["themasessie"]
    for path, body in _items(doc, "bodies"):
        if body.get("meetings_per_year") is not None:
            _insert_before(body, "meetings_per_year", "meets", "fixed")
        elif body.get("frequency"):
            notes.append(
                at(
                    path,
                    Message(
                        "frequency {body!r} has no number: set 'meets: ad-hoc' if the body meets "
                        "when there is cause (it now says not-stated)",
                        body=body["frequency"],
                    ),
                )
            )
    for _path, trend in _items(doc, "trends"):
        if trend.get("scope") == "themasessie":
            trend["scope"] = "session"
        if "themasessie" in trend:
            _replace_key(trend, "themasessie", "session", trend["themasessie"])
    process = doc.get("process")
    if isinstance(process, MutableMapping):
        if "themasessies" in process:
            _replace_key(process, "themasessies", "sessions", process["themasessies"])
        _insert_before(process, "method", "session_label", defaults["session_label"])
        if participants:
            _insert_before(process, "sessions", "participants", _flow_list(participants))
    elif participants:
        raise MigrationError(
            at(
                "partners",
                Message(
                    "some take part in themasessies, but the file has no 'process' to hold its "
                    "participants"
                ),
            )
        )
