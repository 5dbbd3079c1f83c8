"""The typed public API of the model: entities with id, name and source; lookups by id or
name; short representations; one kind of accessor for collections; a clean ``dir(ivb)``."""

from __future__ import annotations

import pickle
import warnings

import pytest

import ivb
from ivb import AmbiguousNameError, UnknownIdError
from ivb.model import (
    KINDS,
    PREFERRED_KINDS,
    Area,
    Entity,
    Municipality,
    Policy,
    Role,
    SourceRef,
    Speerpunt,
    Theme,
)

SOURCE = SourceRef("ivb", "Kernen")


@pytest.fixture(scope="module")
def dnu() -> Policy:
    return ivb.load()


def _label(entity: Entity) -> str:
    return f"{entity.name} [{entity.id}]"


def test_every_entity_has_an_id_a_name_and_a_source(dnu: Policy) -> None:
    kinds = set()
    for entity in dnu.entities():
        assert isinstance(entity.name, str) and entity.name, entity.id
        assert entity.source is None or str(entity.source)
        kinds.add(type(entity))
        assert _label(entity).endswith(f"[{entity.id}]")
    assert kinds == set(KINDS) - {Area}  # the bundled policy names no areas
    area = Area(id="centrum", name="Centrum", kind="kern", municipality="urk", source=SOURCE)
    assert (area.id, area.name, str(area.source)) == ("centrum", "Centrum", "ivb § Kernen")


def test_get_by_class_is_typed_and_checked(dnu: Policy) -> None:
    theme = dnu.get("cybercrime", Theme)
    lead = dnu.get(theme.leads[0], Municipality)
    assert (lead.name, lead.cbs_code) == ("Noordoostpolder", "GM0171")
    assert [m.cbs_code for m in dnu.resolve(theme.municipalities, Municipality)] == [
        "GM0303",
        "GM0171",
        "GM0184",
    ]
    with pytest.raises(UnknownIdError, match=r"^no role with id 'urk'"):
        dnu.resolve(["burgemeester", "urk"], Role)


def test_reprs_are_short(dnu: Policy) -> None:
    assert repr(dnu) == (
        "<Policy dnu-ivb-2024-2027: 'Integraal Veiligheidsbeleid 2024-2027' (2024-2027), "
        f"{len(dnu.ids())} entities>"
    )
    assert repr(dnu.get("ondermijning")) == "<Theme ondermijning: 'Ondermijning'>"
    assert repr(dnu.get("urk")) == "<Municipality urk: 'Urk'>"
    for entity in dnu.entities():
        text = repr(entity)
        assert text.startswith(f"<{type(entity).__name__} {entity.id}"), text
        assert len(text) <= len(entity.id) + len(type(entity).__name__) + 70, text
    # a trend claim's name is its id: shown once
    claim = dnu.trend_claims[0]
    assert repr(claim) == f"<TrendClaim {claim.id}>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ondermijning", "ondermijning"),
        ("Ondermijning", "ondermijning"),  # theme before themasessie and term
        ("Maatschappelijke onrust", "maatschappelijke-onrust"),  # theme before agenda theme
        ("maatschappelijke   ONRUST", "maatschappelijke-onrust"),  # any case and spacing
        ("Evenementen", "dronten-evenementen"),  # speerpunt before session
        ("Officier van Justitie", "officier-van-justitie"),
        ("themasessie-ondermijning", "themasessie-ondermijning"),  # an id wins
    ],
)
def test_find_by_id_then_name_preferring_priorities_and_actors(
    dnu: Policy, text: str, expected: str
) -> None:
    assert dnu.find(text).id == expected


def test_the_preferred_kinds() -> None:
    assert PREFERRED_KINDS == ("theme", "speerpunt", "body", "municipality", "partner", "role")


def test_an_ambiguous_name_is_an_error_listing_the_candidates(dnu: Policy) -> None:
    with pytest.raises(AmbiguousNameError) as info:
        dnu.find("Cybercrime")
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, ivb.IvbError)
    assert info.value.candidates == (
        ("session", "themasessie-cybercrime"),
        ("indicator", "geregistreerde-cybercrime"),
        ("term", "term-cybercrime"),
    )
    assert str(info.value) == (
        "name 'Cybercrime' is ambiguous: session 'themasessie-cybercrime', "
        "indicator 'geregistreerde-cybercrime', term 'term-cybercrime'; give the id"
    )


def test_find_within_a_class_or_kinds(dnu: Policy) -> None:
    assert dnu.find("Ondermijning", Theme).id == "ondermijning"
    assert dnu.find("Cybercrime", kinds=("term",)).id == "term-cybercrime"
    assert dnu.find("Evenementen", Speerpunt).id == "dronten-evenementen"
    with pytest.raises(UnknownIdError, match=r"^no theme with id or name 'Evenementen'"):
        dnu.find("Evenementen", Theme)


def test_suggestions_match_parts_of_ids_and_names(dnu: Policy) -> None:
    with pytest.raises(UnknownIdError) as info:
        dnu.find("politi")
    assert info.value.suggestions[:2] == ("politie", "politie-midden-nederland")
    with pytest.raises(UnknownIdError) as info:
        dnu.find("Midden-Nederland politie")
    assert str(info.value).startswith("no entity with id or name 'Midden-Nederland politie'")
    with pytest.raises(UnknownIdError) as info:
        dnu.find("veiligheidshuis")
    assert info.value.suggestions[0] == "zorg-en-veiligheidshuis-flevoland"


def test_actions_is_a_tuple_like_themes(dnu: Policy) -> None:
    assert isinstance(dnu.actions, tuple) and isinstance(dnu.themes, tuple)
    assert len(dnu.actions) == len(dnu.ids("action"))
    with pytest.warns(DeprecationWarning, match=r"Policy\.actions\(\) is deprecated"):
        called = dnu.actions()
    assert called == dnu.actions
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert dnu.actions[0] is dnu.actions[0]


def test_dir_of_ivb_lists_the_public_names_only() -> None:
    names = dir(ivb)
    assert "__version__" in names and "load" in names and "AmbiguousNameError" in names
    assert not [n for n in names if n.startswith("_") and not n.startswith("__")]
    assert "version" not in names and "model" not in names
    assert set(ivb.__all__) <= set(names)


def test_a_policy_pickles_with_its_short_repr(dnu: Policy) -> None:
    again = pickle.loads(pickle.dumps(dnu.get("ondermijning")))
    assert repr(again) == "<Theme ondermijning: 'Ondermijning'>"
