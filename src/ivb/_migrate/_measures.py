"""The measures part of the upgrade from format version 1 to 2.

Version 1 kept part of what a policy says about numbers in the library: a fixed set
of regions outside the policy, and an indicator was only an id. Version 2 holds
them in the file. The upgrade, on a round-trip YAML map (comments and key order
kept):

- adds an ``indicators`` registry with every indicator id the file uses; the unit is
  taken from the tables, figures and baselines that use it, the name is made from the
  id, and the data source is ``not-stated`` (notes say what to check);
- adds ``outside_regions`` for the regions outside the policy that version 1 knew
  without declaring them (with their CBS codes, from package data), for those the
  figures use;
- turns each target's ``municipality`` into ``municipalities``, ``speerpunt`` into
  ``priority``, ``indicator`` into ``indicators`` and its ``direction`` into a
  ``comparison`` against the baseline (``higher``: ``more-than``, ``lower``:
  ``less-than``), for sub-goals too.

Claim rules (a figure's ``check``) and trend statements (``trend_claims``) were not in
version 1 files; the notes say where to add them.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping, MutableSequence
from functools import cache
from importlib import resources
from typing import Any

from ivb._errors import MigrationError
from ivb._message import Message, at
from ivb._migrate._core import _cmap, _flow_list, _insert_before, _items, _replace_key

__all__ = ["migrate_measures"]

_YEAR_PERIOD = re.compile(r"^\d{4}(?:-\d{4})?$")
_COMPARISON = {"higher": "more-than", "lower": "less-than"}


@cache
def _v1_outside_regions() -> dict[str, dict[str, str]]:
    """The regions outside a policy that version 1 accepted, by id, with their codes."""
    import yaml

    text = resources.files("ivb.data").joinpath("v1-outside-regions.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {str(r["id"]): {k: str(v) for k, v in r.items()} for r in data["regions"]}


def migrate_measures(doc: Any) -> list[str]:
    """Upgrade the measures sections of a version 1 policy map, in place.

    Parameters
    ----------
    doc:
        The whole policy file as a ruamel.yaml round-trip map (``CommentedMap``).

    Returns
    -------
    list of str
        Notes on what a person should check or add, one line each.

    Raises
    ------
    MigrationError
        If a measures section has a shape version 1 did not allow; the message names
        its path.

    Examples
    --------
    >>> from ruamel.yaml import YAML
    >>> doc = YAML().load('''
    ... municipalities: [{id: a, name: A}]
    ... targets:
    ...   - id: t
    ...     municipality: a
    ...     indicator: overlast  # the police count
    ...     direction: lower
    ...     baseline: {value: 10, unit: count}
    ... ''')
    >>> notes = migrate_measures(doc)
    >>> dict(doc["targets"][0])  # doctest: +NORMALIZE_WHITESPACE
    {'id': 't', 'municipalities': ['a'], 'indicators': ['overlast'],
     'comparison': 'less-than', 'baseline': {'value': 10, 'unit': 'count'}}
    >>> doc["indicators"][0]["unit"], doc["indicators"][0]["data_source"]["kind"]
    ('count', 'not-stated')
    """
    notes: list[str] = []
    _targets(doc, notes)
    _indicators(doc, notes)
    _outside_regions(doc, notes)
    if _items(doc, "figures"):
        notes.append(
            at(
                "figures",
                Message(
                    "claim rules are data now: give a figure a 'check' (against: target-baseline, "
                    "count-session-partners, count-sessions or not-checkable with a reason) where "
                    "its tables cannot check it"
                ),
            )
        )
    if _items(doc, "tables"):
        notes.append(
            at(
                "trend_claims",
                Message(
                    'statements the text makes about a table ("elk jaar verder toe") can be '
                    "added, each naming its table by id"
                ),
            )
        )
    return notes


# -- targets -------------------------------------------------------------------------------


def _targets(doc: Any, notes: list[str]) -> None:
    for path, target in _items(doc, "targets"):
        _target(target, path, notes)


def _target(target: Any, path: str, notes: list[str]) -> None:
    if "municipality" in target:
        value = target["municipality"]
        if not isinstance(value, str):
            raise MigrationError(
                Message(
                    "{path}.municipality: expected an id, got {value!r}", path=path, value=value
                )
            )
        _replace_key(target, "municipality", "municipalities", _flow_list([value]))
    if "speerpunt" in target:
        _replace_key(target, "speerpunt", "priority", target["speerpunt"])
    if "indicator" in target:
        value = target["indicator"]
        if not isinstance(value, str):
            raise MigrationError(
                Message("{path}.indicator: expected an id, got {value!r}", path=path, value=value)
            )
        _replace_key(target, "indicator", "indicators", _flow_list([value]))
    if "direction" in target:
        direction = target["direction"]
        if direction not in _COMPARISON:
            raise MigrationError(
                Message(
                    "{path}.direction: expected 'higher' or 'lower', got {direction!r}",
                    path=path,
                    direction=direction,
                )
            )
        _replace_key(target, "direction", "comparison", _COMPARISON[direction])
    baseline = target.get("baseline")
    if isinstance(baseline, MutableMapping):
        period = baseline.get("period")
        if period is not None and not _YEAR_PERIOD.match(str(period)):
            measured = baseline.get("measured_by")
            said = f"{measured} ({period})" if measured else str(period)
            baseline["measured_by"] = said
            baseline["period"] = None
            notes.append(
                Message(
                    "{path}.baseline.period: {period!r} is no year; moved into measured_by (give "
                    "the year of the measurement if the source says it)",
                    path=path,
                    period=period,
                )
            )
    horizon = target.get("horizon")
    if horizon is not None and not _YEAR_PERIOD.match(str(horizon)):
        notes.append(
            Message(
                "{path}.horizon: {horizon!r} is no year or span of years (2027, 2024-2027); set "
                "one, or remove it to use the policy's last year",
                path=path,
                horizon=horizon,
            )
        )
    subs = target.get("subtargets")
    if isinstance(subs, MutableSequence):
        for i, sub in enumerate(subs):
            if not isinstance(sub, MutableMapping):
                raise MigrationError(
                    Message("{path}.subtargets[{i}]: expected a mapping", path=path, i=i)
                )
            _target(sub, f"{path}.subtargets[{i}]", notes)


# -- indicator registry --------------------------------------------------------------------


def _walk_targets(doc: Any) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    stack = list(_items(doc, "targets"))
    while stack:
        path, t = stack.pop(0)
        out.append((path, t))
        subs = t.get("subtargets")
        if isinstance(subs, MutableSequence):
            stack[:0] = [(f"{path}.subtargets[{i}]", s) for i, s in enumerate(subs)]
    return out


def _all_ids(node: object) -> set[str]:
    """Every ``id`` of a mapping anywhere in *node*."""
    out: set[str] = set()
    if isinstance(node, MutableMapping):
        ident = node.get("id")
        if isinstance(ident, str):
            out.add(ident)
        for value in node.values():
            out |= _all_ids(value)
    elif isinstance(node, MutableSequence):
        for item in node:
            out |= _all_ids(item)
    return out


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate = f"{wanted}-indicator"
    n = 2
    while candidate in taken:
        candidate = f"{wanted}-indicator-{n}"
        n += 1
    return candidate


def _indicators(doc: Any, notes: list[str]) -> None:
    if "indicators" in doc:
        return
    found: dict[str, dict[str, Any]] = {}
    taken = _all_ids(doc)
    renamed: dict[str, str] = {}

    def rename(ind: str) -> str:
        """The indicator's id: its version-1 id, unless an entity of the file has it."""
        if ind in renamed:
            return renamed[ind]
        new = _free_id(ind, taken) if ind in taken else ind
        if new != ind:
            taken.add(new)
            notes.append(
                at(
                    "indicators",
                    Message(
                        "{indicator!r} is also the id of another entity; the indicator is {new!r} "
                        "(rename it if you like)",
                        indicator=ind,
                        new=new,
                    ),
                )
            )
        renamed[ind] = new
        return new

    def use(ind: object, path: str, unit: object, source: object) -> None:
        if not isinstance(ind, str):
            raise MigrationError(
                at(path, Message("expected an indicator id, got {value!r}", value=ind))
            )
        entry = found.setdefault(ind, {"unit": None, "source": source, "path": path})
        if entry["unit"] is None and isinstance(unit, str) and unit != "percent-change":
            entry["unit"] = unit

    for path, table in _items(doc, "tables"):
        use(table.get("indicator"), f"{path}.indicator", table.get("unit"), table.get("source"))
        table["indicator"] = rename(table["indicator"])
    for path, fig in _items(doc, "figures"):
        use(fig.get("indicator"), f"{path}.indicator", fig.get("unit"), fig.get("source"))
        fig["indicator"] = rename(fig["indicator"])
    for path, target in _walk_targets(doc):
        baseline = target.get("baseline")
        unit = baseline.get("unit") if isinstance(baseline, MutableMapping) else None
        inds: Any = target.get("indicators")
        if not isinstance(inds, MutableSequence):
            continue
        for i, ind in enumerate(inds):
            use(ind, f"{path}.indicators[{i}]", unit, target.get("source"))
            inds[i] = rename(ind)
    if not found:
        return
    registry = []
    for ind, entry in found.items():
        unit = entry["unit"]
        if unit is None:
            unit = "count"
            notes.append(
                at(
                    "indicators",
                    Message(
                        "{indicator!r} is only stated as a change; unit 'count' assumed, check it",
                        indicator=ind,
                    ),
                )
            )
        item = _cmap(
            {
                "id": renamed.get(ind, ind),
                "name": ind.replace("-", " ").capitalize(),
                "unit": unit,
                "data_source": _cmap({"kind": "not-stated"}),
            }
        )
        source = entry["source"]
        if isinstance(source, MutableMapping):
            item["source"] = _cmap({k: source[k] for k in ("document", "section") if k in source})
        registry.append(item)
    before = "tables" if "tables" in doc else ("figures" if "figures" in doc else "targets")
    _insert_before(doc, before, "indicators", registry)
    doc.yaml_set_comment_before_after_key(
        "indicators",
        before="What the policy measures, added by `ivb migrate` from the ids the file uses:\n"
        "give each its Dutch name and where its numbers come from (data_source).",
    )
    notes.append(
        at(
            "indicators",
            Message(
                "{count} added with a name made from the id and data source 'not-stated'; give "
                "their names and sources (police or CBS table and codes, Veiligheidsmonitor, own "
                "registration)",
                count=len(registry),
            ),
        )
    )


# -- outside regions -----------------------------------------------------------------------


def _outside_regions(doc: Any, notes: list[str]) -> None:
    if "outside_regions" in doc:
        return
    inside = {str(m.get("id")) for _, m in _items(doc, "municipalities")}
    inside |= {str(g.get("id")) for _, g in _items(doc, "regions")}
    known = _v1_outside_regions()
    used: dict[str, Any] = {}
    for path, fig in _items(doc, "figures"):
        region = fig.get("region")
        if not isinstance(region, str) or region in inside or region in used:
            continue
        if region not in known:
            raise MigrationError(
                Message(
                    "{path}.region: {region!r} is no municipality or region group of the file and "
                    "no region version 1 knew",
                    path=path,
                    region=region,
                )
            )
        used[region] = fig.get("source")
    if not used:
        return
    regions = []
    for region, source in used.items():
        info = known[region]
        item = _cmap(
            {"id": region, "name": info["name"], "kind": info["kind"], "code": info["code"]}
        )
        if isinstance(source, MutableMapping):
            item["source"] = _cmap({k: source[k] for k in ("document", "section") if k in source})
        regions.append(item)
    before = next(
        (k for k in ("roles", "partners", "bodies", "indicators", "tables") if k in doc), None
    )
    _insert_before(doc, before, "outside_regions", regions)
    notes.append(
        at(
            "outside_regions",
            Message(
                "{items} added with their CBS codes (version 1 knew them without the file "
                "declaring them)",
                items=", ".join(used),
            ),
        )
    )
