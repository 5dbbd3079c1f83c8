"""Hypothesis strategies for ivb tests: the one place they live."""

from __future__ import annotations

import string
from typing import Any

import attrs
from hypothesis import strategies as st

from ivb.model import (
    PROVINCES,
    Action,
    ActionKind,
    ActionStatus,
    Area,
    AreaKind,
    BudgetLine,
    ConsultationBody,
    Duty,
    MeetingKind,
    Municipality,
    Partner,
    PartnerCategory,
    Policy,
    PriorityTier,
    Process,
    Role,
    RoleKind,
    Scope,
    Session,
    SourceRef,
    Speerpunt,
    Theme,
    Tier,
    VeiligheidsVeld,
)

__all__ = [
    "counts",
    "csv_mutants",
    "digraphs",
    "governance_policies",
    "json_junk",
    "measured_values",
    "nasty_scalars",
    "nasty_values",
    "policies",
    "policy_mutants",
    "slugs",
    "texts",
    "tidy_frames",
]

_ALPHABET = string.ascii_lowercase + string.digits

#: Slug ids: lower-case letters and digits joined by '-'.
slugs = st.lists(st.text(_ALPHABET, min_size=1, max_size=6), min_size=1, max_size=3).map("-".join)

#: Non-empty text, including Dutch letters and quotes that YAML must escape.
texts = (
    st.text(
        st.characters(
            codec="utf-8",
            categories=["L", "N", "P", "Zs"],
            exclude_characters="\x85\u2028\u2029",
        ),
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)

_sources = st.builds(
    SourceRef,
    document=st.just("doc"),
    section=texts,
    note=st.none() | texts,
)

#: Values of any JSON/YAML shape, to put where they do not belong.
json_junk: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    """Valid policies of one to four municipalities with tiers, themes (with none, one or
    several leads), speerpunten of one or more municipalities, areas, bodies, sessions and
    budget lines."""
    used: set[str] = {"doc"}

    def fresh(prefix: str) -> str:
        ident = draw(slugs.filter(lambda s: f"{prefix}-{s}" not in used))
        used.add(f"{prefix}-{ident}")
        return f"{prefix}-{ident}"

    n = draw(st.integers(1, 4))
    municipalities = []
    for _ in range(n):
        code = f"GM{draw(st.integers(0, 9999)):04d}"
        municipalities.append(
            Municipality(
                id=fresh("m"),
                name=draw(texts),
                cbs_code=code,
                **dict(
                    zip(
                        ("province_code", "province"),
                        draw(
                            st.sampled_from(
                                [(c, name) for c, names in PROVINCES.items() for name in names]
                            )
                        ),
                        strict=True,
                    )
                ),
                tooi=f"https://identifier.overheid.nl/tooi/id/gemeente/{code.lower()}",
                source=draw(_sources),
            )
        )
    m_ids = [m.id for m in municipalities]
    partners = [
        Partner(
            id=fresh("p"),
            name=draw(texts),
            category=draw(st.sampled_from(PartnerCategory)),
            expansion=draw(st.none() | texts),
            abbreviation=draw(st.none() | texts),
            source=draw(_sources),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    roles = [
        Role(
            id=fresh("r"),
            name=draw(texts),
            kind=draw(st.sampled_from(RoleKind)),
            municipalities=draw(st.lists(st.sampled_from(m_ids), unique=True, max_size=n)),
            duties=[
                Duty(text=t, legal_basis=draw(st.lists(texts, max_size=2)))
                for t in draw(st.lists(texts, max_size=2))
            ],
            source=draw(_sources),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    actors = m_ids + [p.id for p in partners] + [r.id for r in roles]
    areas: list[Area] = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(AreaKind))
        municipality = draw(st.sampled_from(m_ids))
        code = None
        if kind is AreaKind.WIJK and draw(st.booleans()):
            code = f"WK{draw(st.integers(0, 999999)):06d}"
        if kind is AreaKind.BUURT and draw(st.booleans()):
            code = f"BU{draw(st.integers(0, 99999999)):08d}"
        same = [a.id for a in areas if a.municipality == municipality]
        areas.append(
            Area(
                id=fresh("area"),
                name=draw(texts),
                kind=kind,
                municipality=municipality,
                code=code,
                parent=draw(st.none() | st.sampled_from(same)) if same else None,
                source=draw(_sources),
            )
        )
    area_ids = [a.id for a in areas]
    tiers = [
        PriorityTier(
            id=fresh("tier"),
            name=draw(texts),
            heading=draw(texts),
            lead_label=draw(st.none() | texts),
        )
        for _ in range(draw(st.integers(1, 2)))
    ]
    tier_ids = [t.id for t in tiers]

    def actions() -> list[Action]:
        out = []
        for _ in range(draw(st.integers(0, 3))):
            dated = draw(st.booleans())
            start = draw(st.none() | st.integers(2000, 2030).map(str))
            out.append(
                Action(
                    id=fresh("a"),
                    text=draw(texts),
                    kind=draw(st.sampled_from(ActionKind)),
                    actors=(
                        doers := draw(st.lists(st.sampled_from(actors), unique=True, max_size=2))
                    ),
                    # a partner that carries the action out is an actor, not also a partner
                    partners=[
                        p
                        for p in draw(
                            st.lists(
                                st.sampled_from([p.id for p in partners]), unique=True, max_size=2
                            )
                            if partners
                            else st.just([])
                        )
                        if p not in doers
                    ],
                    areas=draw(st.lists(st.sampled_from(area_ids), unique=True, max_size=2))
                    if area_ids
                    else [],
                    date=f"{draw(st.integers(2000, 2030))}" if dated else None,
                    timing=draw(st.sampled_from(["started", "planned", "expected"]))
                    if dated
                    else None,
                    status=draw(st.none() | st.sampled_from(ActionStatus)),
                    start=start,
                    end=None if start is None else f"{int(start) + draw(st.integers(0, 3))}",
                    source=draw(_sources),
                )
            )
        return out

    lead_pool = m_ids + [r.id for r in roles]

    def leads() -> dict[str, Any]:
        chosen = draw(st.lists(st.sampled_from(lead_pool), unique=True, max_size=2))
        return {"leads": chosen, "no_lead": not chosen and draw(st.booleans())}

    themes = [
        Theme(
            id=fresh("t"),
            name=draw(texts),
            tier=draw(st.sampled_from(tier_ids)),
            **leads(),
            municipalities=m_ids,
            areas=draw(st.lists(st.sampled_from(area_ids), unique=True, max_size=2))
            if area_ids
            else [],
            summary=draw(texts),
            fields=draw(st.lists(st.sampled_from(VeiligheidsVeld), unique=True, max_size=2)),
            actions=actions(),
            source=draw(_sources),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    speerpunten = [
        Speerpunt(
            id=fresh("s"),
            name=draw(texts),
            tier=draw(st.sampled_from(tier_ids)),
            municipalities=draw(st.lists(st.sampled_from(m_ids), unique=True, min_size=1)),
            number=draw(st.none() | st.integers(1, 9)),
            summary=draw(texts),
            actions=actions(),
            source=draw(_sources),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    bodies: list[ConsultationBody] = []
    for _ in range(draw(st.integers(0, 3))):
        bodies.append(
            ConsultationBody(
                id=fresh("b"),
                name=draw(texts),
                tier=draw(st.sampled_from(Tier)),
                scope=draw(st.sampled_from(Scope)),
                purpose=draw(texts),
                members=draw(st.lists(st.sampled_from(actors), unique=True, max_size=3)),
                **_meets(draw),
                prepares=[b.id for b in bodies[-1:]] if draw(st.booleans()) else [],
                source=draw(_sources),
            )
        )
    from ivb.model import Document, DocumentKind

    sessions = [
        Session(
            id=fresh("session"),
            name=draw(texts),
            participants=draw(st.lists(st.sampled_from(actors), unique=True, max_size=2)),
            source=draw(_sources),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    process = Process(
        summary=draw(texts),
        session_label=draw(st.none() | texts),
        participants=draw(
            st.lists(st.sampled_from([p.id for p in partners]), unique=True)
            if partners
            else st.just([])
        ),
        sessions=sessions,
        source=draw(_sources),
    )
    budget = [
        BudgetLine(
            year=draw(st.integers(2020, 2030)),
            amount=draw(st.integers(0, 10**7) | st.floats(0, 1e7)),
            purpose=draw(texts),
            municipality=draw(st.none() | st.sampled_from(m_ids)),
            source=draw(_sources),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]

    return Policy(
        schema_version=2,
        id=fresh("policy"),
        title=draw(texts),
        period=(2024, 2024 + draw(st.integers(0, 6))),
        summary=draw(texts),
        documents=[Document(id="doc", title=draw(texts), kind=DocumentKind.POLICY)],
        municipalities=municipalities,
        areas=areas,
        partners=partners,
        roles=roles,
        process=process,
        tiers=tiers,
        themes=themes,
        speerpunten=speerpunten,
        bodies=bodies,
        budget=budget,
    )


def _meets(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(MeetingKind))
    n = draw(st.integers(1, 366)) if kind is MeetingKind.FIXED else None
    return {"meets": kind, "meetings_per_year": n}


# -- indicators: tidy statistics frames ---------------------------------------------

_REGION_CODES = ("GM0303", "GM0171", "GM0184", "GM0034", "GM0995")
_PERIODS = ("2019", "2020", "2021", "2022", "2023", "2024")

#: A published count (registrations, reports) as a float.
counts = st.integers(min_value=0, max_value=10**6).map(float)

#: A measured value: a count, or NaN for "not published".
measured_values = st.one_of(counts, st.just(float("nan")))


@st.composite
def tidy_frames(draw: st.DrawFn, *, min_regions: int = 1, allow_nan: bool = True) -> Any:
    """Tidy statistics frames: one row per indicator, region and period (a pandas DataFrame).

    Periods are years; every series has every period of the frame; values may be NaN
    (not published) unless *allow_nan* is false.
    """
    import pandas as pd

    indicators = draw(
        st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=2, unique=True)
    )
    regions = draw(
        st.lists(st.sampled_from(_REGION_CODES), min_size=min_regions, max_size=5, unique=True)
    )
    n_periods = draw(st.integers(2, len(_PERIODS)))
    periods = list(_PERIODS[:n_periods])
    value = measured_values if allow_nan else counts
    rows = [
        {
            "indicator": i,
            "region": r,
            "period": p,
            "value": draw(value),
            "unit": "count",
            "source": "test",
        }
        for i in indicators
        for r in regions
        for p in periods
    ]
    frame = pd.DataFrame(rows, columns=["indicator", "region", "period", "value", "unit", "source"])
    if draw(st.booleans()):
        frame = frame.sample(frac=1.0, random_state=draw(st.integers(0, 2**16))).reset_index(
            drop=True
        )
    return frame


#: Periods of :func:`uneven_series_frames`: years, or months of three years.
_SERIES_PERIODS = {
    "year": tuple(str(y) for y in range(2018, 2027)),
    "month": tuple(f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)),
}


@st.composite
def uneven_series_frames(draw: st.DrawFn) -> tuple[Any, tuple[str, ...]]:
    """Tidy frames of series as real tables give them, and the frame's periods in order.

    Periods are years or months. Each series (of a region and a category) has its own
    run of periods, so series start and end at different periods and may have gaps;
    values may be NaN (not published); the category may be missing (None) or empty
    (``""``), two different keys; and every other frame has a second row for one
    series and period. A pandas DataFrame, rows in any order.
    """
    import pandas as pd

    kind = draw(st.sampled_from(sorted(_SERIES_PERIODS)))
    every = _SERIES_PERIODS[kind]
    n = draw(st.integers(2, 8 if kind == "year" else 14))
    first = draw(st.integers(0, len(every) - n))
    periods = every[first : first + n]
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(_REGION_CODES[:3]), st.sampled_from([None, None, "", "x"])),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    rows: list[tuple[Any, ...]] = []
    for region, category in keys:
        own = draw(st.lists(st.sampled_from(periods), min_size=1, max_size=n, unique=True))
        for period in own:
            rows.append((region, category, period, draw(measured_values)))
    if draw(st.booleans()):
        twice = draw(st.sampled_from(rows))
        rows.append((*twice[:3], draw(measured_values)))
    order = draw(st.permutations(range(len(rows))))
    frame = pd.DataFrame(
        [rows[i] for i in order], columns=["region", "category", "period", "value"]
    )
    frame.insert(0, "indicator", "x")
    frame["category"] = frame["category"].astype(object)
    return frame, periods


@st.composite
def governance_policies(draw: st.DrawFn) -> Policy:
    """Policies of :func:`policies` plus what the governance graph reads.

    Adds a gemeenteraad (that adopts and controls the policy) and a college, an
    office with authority over a partner that took part in the themasessies, an
    ambtelijk body that prepares and informs a bestuurlijk one, which escalates
    to a partner, and an agenda whose theme the first theme (if any) aligns with.
    Their ids start with ``gov-``. The roles of :func:`policies` may adopt or
    control the policy too, whatever their names.
    """
    from ivb.model import Agenda, AgendaKind, AgendaTheme, Authority, Level

    base = draw(policies())
    m_ids = [m.id for m in base.municipalities]
    raad = Role(
        id="gov-raad",
        name="De gemeenteraad",
        kind=RoleKind.COUNCIL,
        municipalities=m_ids,
        adopts_policy=True,
        controls_policy=True,
        source=draw(_sources),
    )
    college = Role(
        id="gov-college",
        name="College van B en W",
        kind=RoleKind.COUNCIL,
        municipalities=m_ids[:1],
        source=draw(_sources),
    )
    politie = Partner(
        id="gov-politie",
        name=draw(texts),
        category=PartnerCategory.POLICE_AND_JUSTICE,
        source=draw(_sources),
    )
    huis = Partner(
        id="gov-huis", name=draw(texts), category=PartnerCategory.CARE, source=draw(_sources)
    )
    office = Role(
        id="gov-burgemeester",
        name=draw(texts),
        kind=RoleKind.OFFICE,
        municipalities=m_ids,
        authority=[
            Authority(
                over="gov-politie",
                scope=draw(texts),
                legal_basis=draw(st.lists(texts, max_size=2)),
                source=draw(_sources),
            )
        ],
        source=draw(_sources),
    )
    bestuurlijk = ConsultationBody(
        id="gov-bestuurlijk",
        name=draw(texts),
        tier=Tier.BESTUURLIJK,
        scope=draw(st.sampled_from(Scope)),
        purpose=draw(texts),
        members=["gov-burgemeester", "gov-politie", m_ids[0]],
        **_meets(draw),
        escalates_to=["gov-huis"],
        source=draw(_sources),
    )
    ambtelijk = ConsultationBody(
        id="gov-ambtelijk",
        name=draw(texts),
        tier=Tier.AMBTELIJK,
        scope=draw(st.sampled_from(Scope)),
        purpose=draw(texts),
        members=["gov-college"],
        prepares=["gov-bestuurlijk"],
        informs=["gov-burgemeester"],
        coordinators=["gov-college"],
        source=draw(_sources),
    )
    agenda = Agenda(
        id="gov-agenda",
        name=draw(texts),
        level=draw(st.sampled_from(Level)),
        kind=AgendaKind.AGENDA,
        made_by=[m_ids[0]],
        themes=[AgendaTheme(id="gov-agenda.thema", name=draw(texts))],
        source=draw(_sources),
    )
    themes = list(base.themes)
    if themes:
        themes[0] = attrs.evolve(
            themes[0], aligns_with=("gov-agenda.thema",), programmes=("gov-agenda",)
        )
    roles = tuple(
        attrs.evolve(r, adopts_policy=draw(st.booleans()), controls_policy=draw(st.booleans()))
        for r in base.roles
    )
    process = base.process
    if process is not None:
        process = attrs.evolve(process, participants=(*process.participants, "gov-politie"))
    return attrs.evolve(
        base,
        process=process,
        roles=(*roles, raad, college, office),
        partners=(*base.partners, politie, huis),
        bodies=(*base.bodies, ambtelijk, bestuurlijk),
        agendas=(agenda,),
        themes=tuple(themes),
    )


@st.composite
def digraphs(draw: st.DrawFn, *, max_nodes: int = 9) -> tuple[list[str], list[tuple[str, str]]]:
    """Small directed graphs for layout tests: node ids in order, and edges between them.

    Cycles, self-loops, parallel edges and isolated nodes all occur.
    """
    ids = draw(st.lists(slugs, min_size=1, max_size=max_nodes, unique=True))
    edges = draw(
        st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=3 * len(ids))
    )
    return ids, edges


# -- mutants: broken policy files and CSV files, for the fuzzer ----------------

#: Values that broke ivb once or could: YAML 1.1 readings, non-finite and huge
#: numbers, out-of-range years, control characters, separators, surrogates.
nasty_scalars: st.SearchStrategy[Any] = st.sampled_from(
    [
        "010",
        "1:30",
        "yes",
        "off",
        ".inf",
        "-.inf",
        ".nan",
        "1e309",
        "1e308",
        "-1",
        "0",
        "0000",
        "100000000",
        "99999999999999999999999",
        "~",
        "''",
        '"a\\x01b"',
        '"\\e[2J"',
        '"x\\0y"',
        '"\\uFFFE"',
        '"a\\u2028b"',
        '"\\b"',
        "[]",
        "{}",
        "!!binary aGVsbG8=",
        "!!python/object:object {}",
        "*nothing",
        "&anchor 1",
        "2024-01-01",
        "<<: {a: 1}",
    ]
)

nasty_values: st.SearchStrategy[Any] = st.sampled_from(
    [
        float("inf"),
        float("-inf"),
        float("nan"),
        1e308,
        -1,
        0,
        10**8,
        10**30,
        "a\x01b",
        "\x1b[2J",
        "x\x00y",
        "\ufffe",
        "a\u2028b",
        "\b",
        "",
        " ",
        "0000",
        "a" * 5000,
        True,
        [],
        {},
    ]
)


def _paths_of(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_paths_of(v, (*path, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_paths_of(v, (*path, i)))
    return out


@st.composite
def policy_mutants(draw: st.DrawFn, base: str) -> str:
    """Policy file text: *base* changed in one to three places.

    A change replaces a value (with junk or a nasty value), deletes a key,
    repeats a list item (a duplicate id), or edits the text itself (a nasty
    scalar in place of one, a character inserted or removed, the end cut off).
    """
    import copy

    import yaml

    data = yaml.safe_load(base)
    text: str | None = None
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["replace", "delete", "repeat", "text"]))
        if how == "text":
            text = text if text is not None else yaml.safe_dump(data, allow_unicode=True)
            lines = text.splitlines(keepends=True)
            if not lines:
                continue
            i = draw(st.integers(0, len(lines) - 1))
            edit = draw(st.sampled_from(["scalar", "insert", "delete", "cut"]))
            line = lines[i]
            if edit == "scalar" and ":" in line:
                head = line.split(":", 1)[0]
                lines[i] = f"{head}: {draw(nasty_scalars)}\n"
            elif edit == "insert":
                at = draw(st.integers(0, len(line)))
                ch = draw(
                    st.characters(codec="utf-8") | st.sampled_from(list("\t:-[]{}&*!|>'\"#%@`"))
                )
                lines[i] = line[:at] + ch + line[at:]
            elif edit == "delete" and line:
                at = draw(st.integers(0, len(line) - 1))
                lines[i] = line[:at] + line[at + 1 :]
            else:
                lines = lines[:i]
            text = "".join(lines)
            continue
        if text is not None:  # structural changes work on data; later text edits win
            continue
        paths = _paths_of(data)
        path = draw(st.sampled_from(paths[1:] or paths))
        data = copy.deepcopy(data)
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1] if path else None
        if how == "replace" and path:
            parent[key] = draw(json_junk | nasty_values)
        elif how == "delete" and path:
            del parent[key]
        elif how == "repeat" and path and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
    if text is None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text


_CSV_CELLS = st.sampled_from(
    [
        "-1",
        "-0",
        "inf",
        "Infinity",
        "1e309",
        "1e308",
        "NaN",
        "",
        ".",
        "7,8",
        "0000",
        "2025MM13",
        "x\x01y",
        "\x1b[2J",
        "1 000",
        "12",
        "3.5",
        '"',
        "a;b",
        "a,b",
    ]
)


@st.composite
def csv_mutants(draw: st.DrawFn, base: str) -> bytes:
    """CSV file bytes: *base* with cells, rows, fields or the encoding changed."""
    lines = base.splitlines()
    sep = ";" if lines[0].count(";") > lines[0].count(",") else ","
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["cell", "repeat", "field", "drop", "header", "blank"]))
        i = draw(st.integers(1, len(lines) - 1)) if len(lines) > 1 else 0
        cells = lines[i].split(sep)
        if how == "cell":
            j = draw(st.integers(0, len(cells) - 1))
            cells[j] = draw(_CSV_CELLS)
            lines[i] = sep.join(cells)
        elif how == "repeat":
            lines.insert(i, lines[i])
        elif how == "field":
            lines[i] = lines[i] + sep + draw(_CSV_CELLS)
        elif how == "drop" and len(cells) > 1:
            lines[i] = sep.join(cells[:-1])
        elif how == "header":
            head = lines[0].split(sep)
            j = draw(st.integers(0, len(head) - 1))
            head[j] = draw(st.sampled_from(["", "value", "x", head[0], "period"]))
            lines[0] = sep.join(head)
        else:
            lines.insert(i, "")
    text = "\n".join(lines) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()) and draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]
    return data


# =============================================================================
# Broken policy files: mutated data and damaged text
#
# Valid policies (from ``policies()``) as plain data or YAML text, then broken in
# one of the ways a hand-edited file is: a value replaced by junk of another shape,
# a key deleted, the text cut short or a YAML token inserted.
# =============================================================================

__all__ += [
    "YAML_JUNK",
    "damaged_policy_texts",
    "data_paths",
    "mutated_policy_data",
    "near_misses",
    "policy_data_without_a_key",
]


def data_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys and list indices) into plain *data*, the root ``()`` first."""
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(data_paths(v, (*path, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(data_paths(v, (*path, i)))
    return out


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


def _field_of(path: tuple[Any, ...]) -> str:
    """The field a path ends in (``themes[0].actions[1].partners[0]`` -> ``partners``)."""
    names = [s for s in path if isinstance(s, str)]
    return names[-1] if names else ""


def near_misses(value: Any) -> list[Any]:
    """Values of almost the right type: what a hand-edited file puts in place of *value*."""
    if isinstance(value, bool):
        return [int(value), str(value).lower(), "ja", None, []]
    if isinstance(value, int):
        return [True, False, float(value), value + 0.5, str(value), [value], None]
    if isinstance(value, float):
        return [str(value), True, float("nan"), float("inf"), [value], None]
    if isinstance(value, str):
        return [value.upper(), f" {value}", "", 1, 2024, 1.5, True, [value], {value: value}, None]
    if isinstance(value, list):
        return [value[0] if value else "x", {}, [value], "x", None]
    return [list(value.values())[:1], [value], "x", None, {}]


@st.composite
def mutated_policy_data(draw: st.DrawFn) -> tuple[Policy, Any, tuple[tuple[Any, ...], ...]]:
    """A policy, its plain data with one to three values replaced by junk or near misses,
    and the paths of the replaced values.

    Fields are drawn first, then a place of that field, so that rare fields (an integer
    here and there) are hit as often as texts. The document itself is never replaced
    (a file that is no mapping is tested on its own).
    """
    import copy

    from ivb._convert import unstructure_policy

    policy = draw(policies())
    plain = unstructure_policy(policy)
    changed: list[tuple[Any, ...]] = []
    for _ in range(draw(st.integers(1, 3))):
        by_field: dict[str, list[tuple[Any, ...]]] = {}
        for path in data_paths(plain)[1:]:
            by_field.setdefault(_field_of(path), []).append(path)
        field = draw(st.sampled_from(sorted(by_field)))
        path = draw(st.sampled_from(by_field[field]))
        old: Any = plain
        for step in path:
            old = old[step]
        new = draw(
            json_junk | (st.sampled_from(near_misses(old)) if old is not None else json_junk)
        )
        plain = _replace(copy.deepcopy(plain), path, new)
        changed.append(path)
    return policy, plain, tuple(changed)


@st.composite
def policy_data_without_a_key(draw: st.DrawFn) -> tuple[Policy, Any, tuple[Any, ...]]:
    """A policy, its plain data with one mapping key deleted, and the deleted key's path."""
    from ivb._convert import unstructure_policy

    policy = draw(policies())
    plain = unstructure_policy(policy)
    path = draw(st.sampled_from([p for p in data_paths(plain) if p and isinstance(p[-1], str)]))
    parent = plain
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return policy, plain, path


#: YAML tokens that break or change a policy text where they are inserted.
YAML_JUNK = (":", "- ", "\n", "'", '"', "[", "{", "&a ", "*a", "!!str ", "\t", "#")


@st.composite
def damaged_policy_texts(draw: st.DrawFn) -> tuple[Policy, str]:
    """A policy, and its YAML text cut short or with a YAML token inserted."""
    import ivb

    policy = draw(policies())
    text = ivb.dumps(policy)
    if draw(st.booleans()):
        return policy, text[: draw(st.integers(0, len(text)))]
    at = draw(st.integers(0, max(len(text) - 1, 0)))
    return policy, text[:at] + draw(st.sampled_from(YAML_JUNK)) + text[at:]
