"""Hypothesis strategies for ivb tests: the one place they live."""

from __future__ import annotations

import string
from typing import Any

from hypothesis import strategies as st

from ivb.model import (
    Action,
    ActionKind,
    ConsultationBody,
    Municipality,
    Partner,
    PartnerCategory,
    Policy,
    Role,
    RoleKind,
    Scope,
    SourceRef,
    Speerpunt,
    Theme,
    Tier,
    VeiligheidsVeld,
)

__all__ = ["json_junk", "policies", "slugs", "texts"]

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
    """Valid policies of one to four municipalities with themes, speerpunten and bodies."""
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
                province=draw(texts),
                province_code=f"PV{draw(st.integers(20, 30))}",
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
            themasessie=draw(st.booleans()),
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
            duties=draw(st.lists(texts, max_size=2)),
            source=draw(_sources),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    actors = m_ids + [p.id for p in partners] + [r.id for r in roles]

    def actions() -> list[Action]:
        out = []
        for _ in range(draw(st.integers(0, 3))):
            dated = draw(st.booleans())
            out.append(
                Action(
                    id=fresh("a"),
                    text=draw(texts),
                    kind=draw(st.sampled_from(ActionKind)),
                    actors=draw(st.lists(st.sampled_from(actors), unique=True, max_size=2)),
                    partners=draw(
                        st.lists(st.sampled_from([p.id for p in partners]), unique=True, max_size=2)
                        if partners
                        else st.just([])
                    ),
                    date=f"{draw(st.integers(2000, 2030))}" if dated else None,
                    timing=draw(st.sampled_from(["started", "planned", "expected"]))
                    if dated
                    else None,
                    source=draw(_sources),
                )
            )
        return out

    themes = [
        Theme(
            id=fresh("t"),
            name=draw(texts),
            owner=draw(st.sampled_from(m_ids)),
            municipalities=m_ids,
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
            municipality=draw(st.sampled_from(m_ids)),
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
                meetings_per_year=draw(st.none() | st.integers(1, 52)),
                prepares=[b.id for b in bodies[-1:]] if draw(st.booleans()) else [],
                source=draw(_sources),
            )
        )
    from ivb.model import Document, DocumentKind

    return Policy(
        schema_version=1,
        id=fresh("policy"),
        title=draw(texts),
        period=(2024, 2024 + draw(st.integers(0, 6))),
        summary=draw(texts),
        documents=[Document(id="doc", title=draw(texts), kind=DocumentKind.POLICY)],
        municipalities=municipalities,
        partners=partners,
        roles=roles,
        themes=themes,
        speerpunten=speerpunten,
        bodies=bodies,
    )
