"""Looking entities up in a policy, and the errors that name what is wrong and where."""

from __future__ import annotations

import pytest

import ivb
from ivb import PolicyValidationError, UnknownIdError
from ivb.model import Policy, Theme


@pytest.fixture(scope="module")
def dnu() -> Policy:
    return ivb.load()


def test_an_unknown_id_names_close_matches(dnu: Policy) -> None:
    for lookup in (dnu.get, dnu.kind_of):
        with pytest.raises(UnknownIdError) as info:
            lookup("ondermijnig")
        assert info.value.id == "ondermijnig"
        assert info.value.suggestions[0] == "ondermijning"
        assert str(info.value).startswith(
            "no entity with id 'ondermijnig'; did you mean 'ondermijning', "
        )


def test_an_id_of_another_kind_names_the_kind_asked_for(dnu: Policy) -> None:
    with pytest.raises(UnknownIdError, match=r"^no theme with id 'urk'$"):
        dnu.get("urk", Theme)
    # a class that is no kind of entity is named by its class name
    with pytest.raises(UnknownIdError, match=r"^no str with id 'urk'"):
        dnu.get("urk", str)
    assert dnu.get("urk").name == "Urk" and dnu.kind_of("urk") == "municipality"


def test_entities_and_ids_of_one_kind(dnu: Policy) -> None:
    # the three joint themes of the DNU
    themes = ["cybercrime", "ondermijning", "maatschappelijke-onrust"]
    assert [e.id for e in dnu.entities("theme")] == themes
    assert list(dnu.ids("theme")) == themes
    assert len(list(dnu.entities())) == len(dnu.ids())
    assert {dnu.kind_of(e.id) for e in dnu.entities("municipality")} == {"municipality"}


def test_the_speerpunten_of_a_municipality(dnu: Policy) -> None:
    # Urk's five local speerpunten, by id or CBS code
    urk = [
        "urk-persoonsgerichte-aanpak",
        "urk-overlastgevende-jeugd",
        "urk-verkeersoverlast",
        "urk-vuurwerk",
        "urk-veilig-uitgaan",
    ]
    assert [s.id for s in dnu.speerpunten_of("urk")] == urk
    assert [s.id for s in dnu.speerpunten_of("GM0184")] == urk
    assert len(dnu.speerpunten_of("dronten")) == len(dnu.speerpunten_of("noordoostpolder")) == 3


def _problems(mini_text: str, old: str, new: str) -> list[str]:
    with pytest.raises(PolicyValidationError) as info:
        ivb.loads(mini_text.replace(old, new, 1))
    return [str(p) for p in info.value.problems]


def test_a_reference_to_an_entity_of_the_wrong_kind(mini_text: str) -> None:
    assert _problems(mini_text, "    leads: [voorbeeld]", "    leads: [politie]") == [
        "themes[0].leads[0]: expected the id of a municipality or role or body, "
        "got 'politie', which is a partner"
    ]


def test_a_reference_to_an_unknown_id_suggests_the_known_one(mini_text: str) -> None:
    assert _problems(mini_text, "    leads: [voorbeeld]", "    leads: [voorbeelt]") == [
        "themes[0].leads[0]: expected the id of a municipality/role/body, "
        "got unknown id 'voorbeelt'; did you mean 'voorbeeld'?"
    ]
    # nothing close: no suggestion
    assert _problems(mini_text, "    leads: [voorbeeld]", "    leads: [xyz]") == [
        "themes[0].leads[0]: expected the id of a municipality/role/body, got unknown id 'xyz'"
    ]


def test_an_id_listed_twice_is_named_alone(mini_text: str) -> None:
    old = "members: [burgemeester, politie]"
    assert _problems(mini_text, old, "members: [burgemeester, politie, burgemeester]") == [
        "bodies[0].members: ids listed twice: burgemeester"
    ]


def test_every_field_is_documented_and_undocumented_metadata_reads_as_none() -> None:
    import attrs

    from ivb.model._base import DOC, field_doc

    assert field_doc(attrs.fields(Theme).name) == "Name as in the source, in Dutch."
    assert field_doc(attrs.fields(Theme).id) == "Stable slug id, unique within the policy."
    assert all(field_doc(a) for a in attrs.fields(Theme))

    @attrs.frozen
    class Plain:
        bare: int = 0
        odd: int = attrs.field(default=0, metadata={DOC: 42})

    assert field_doc(attrs.fields(Plain).bare) is None
    assert field_doc(attrs.fields(Plain).odd) is None


def test_a_single_text_where_a_list_belongs_is_refused(dnu: Policy) -> None:
    import attrs

    with pytest.raises(TypeError, match=r"^expected a list of texts, got a single text$"):
        attrs.evolve(dnu.roles[0], legal_basis="Gemeentewet")


def test_a_figure_about_an_unknown_region_is_refused(dnu: Policy) -> None:
    import attrs

    wrong = attrs.evolve(dnu.figures[0], region="dronte")
    with pytest.raises(PolicyValidationError) as info:
        attrs.evolve(dnu, figures=[wrong, *dnu.figures[1:]])
    assert [str(p) for p in info.value.problems] == [
        "figures[0].region: expected the id of a municipality/region/outside-region, "
        "got unknown id 'dronte'; "
        "did you mean 'dronten'?"
    ]
