"""Loading and dumping policy files, and the errors bad input gets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import ivb
from ivb import (
    DuplicateIdError,
    IvbError,
    PolicyFileError,
    PolicyFileNotFoundError,
    PolicyValidationError,
    UnknownIdError,
)


def problems_of(text: str) -> list[str]:
    with pytest.raises(PolicyValidationError) as info:
        ivb.loads(text)
    return [str(p) for p in info.value.problems]


def test_load_small_file(mini_path: Path) -> None:
    policy = ivb.load(mini_path)
    assert policy.id == "voorbeeld-ivb-2025-2028"
    assert policy.get("ondermijning").leads == ("voorbeeld",)
    assert policy.kind_of("driehoek") == "body"


def test_load_accepts_json(tmp_path: Path, mini_text: str) -> None:
    data = yaml.safe_load(mini_text)
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert ivb.load(path) == ivb.loads(mini_text)


def test_dump_round_trips(tmp_path: Path, mini_text: str) -> None:
    policy = ivb.loads(mini_text)
    written = ivb.dump(policy, tmp_path / "out.yaml")
    assert ivb.load(written) == policy


def test_dumps_can_point_editors_at_the_schema(mini_text: str) -> None:
    text = ivb.dumps(ivb.loads(mini_text), schema="ivb-policy.schema.json")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=ivb-policy.schema.json"


def test_dump_refuses_other_objects(tmp_path: Path) -> None:
    with pytest.raises(IvbError, match="expected a Policy"):
        ivb.dump({"id": "x"}, tmp_path / "x.yaml")  # type: ignore[arg-type]


def test_bundled_policy_is_cached_and_frozen() -> None:
    policy = ivb.load()
    assert ivb.load() is policy
    with pytest.raises(AttributeError):
        policy.title = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        policy.themes[0].leads = ("urk",)  # type: ignore[misc]
    with pytest.raises(TypeError):
        policy.themes[0] = policy.themes[1]  # type: ignore[index]


def test_missing_file() -> None:
    with pytest.raises(PolicyFileNotFoundError, match="does not exist"):
        ivb.load("no/such/file.yaml")
    with pytest.raises(FileNotFoundError):
        ivb.load("no/such/file.yaml")


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileNotFoundError, match="is not a file"):
        ivb.load(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Crisisorganisatie \xe9\n".encode("latin-1"))
    with pytest.raises(PolicyFileError, match="expected UTF-8"):
        ivb.load(path)


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("x" * (ivb._io.MAX_BYTES + 1), encoding="utf-8")
    with pytest.raises(PolicyFileError, match="at most"):
        ivb.load(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: [unclosed", r"line \d+, column \d+: did not find expected"),
        ("a: 1\na: 2\n", "key 'a' appears twice"),
        ("a: &x [1, 2]\nb: *x\n", "aliases"),
        ("a: !!python/object/apply:os.system ['true']\n", "could not determine a constructor"),
        ("a: !!binary aGVsbG8=\n", "missing required fields"),
    ],
)
def test_bad_yaml(text: str, message: str) -> None:
    with pytest.raises(IvbError, match=message):
        ivb.loads(text)


def test_alias_bomb_is_refused_fast() -> None:
    layers = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        layers.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(PolicyFileError, match="aliases"):
        ivb.loads("\n".join(layers))


@pytest.mark.parametrize("text", ["", "just text", "- a list\n", "42"])
def test_top_level_must_be_a_mapping(text: str) -> None:
    assert problems_of(text)[0].startswith("expected a mapping at the top of the file")


def test_wrong_type_names_path(mini_text: str) -> None:
    text = mini_text.replace("meetings_per_year: 4", "meetings_per_year: vier")
    assert problems_of(text) == [
        "bodies[0].meetings_per_year: expected an integer, got text 'vier'"
    ]


def test_text_where_list_expected(mini_text: str) -> None:
    text = mini_text.replace("members: [burgemeester, politie]", "members: burgemeester")
    assert problems_of(text) == ["bodies[0].members: expected a list, got text 'burgemeester'"]


def test_bad_enum_value_lists_choices(mini_text: str) -> None:
    text = mini_text.replace("tier: bestuurlijk", "tier: bestuur")
    (problem,) = problems_of(text)
    assert problem.startswith("bodies[0].tier: expected one of 'bestuurlijk', 'ambtelijk'")
    assert problem.endswith("got text 'bestuur'")


def test_extra_field(mini_text: str) -> None:
    text = mini_text.replace("    meetings_per_year: 4", "    meetings_per_year: 4\n    chair: x")
    (problem,) = problems_of(text)
    assert problem.startswith(
        "bodies[0].chair: unexpected field 'chair' for ConsultationBody; allowed:"
    )


def test_missing_field(mini_text: str) -> None:
    text = mini_text.replace("    purpose: Afstemming over de inzet van de politie.\n", "")
    assert problems_of(text) == ["bodies[0]: missing required field 'purpose' of ConsultationBody"]


def test_unknown_reference_suggests(mini_text: str) -> None:
    text = mini_text.replace("    leads: [voorbeeld]", "    leads: [voorbeelt]")
    assert problems_of(text) == [
        "themes[0].leads[0]: expected the id of a municipality/role/body, got unknown id "
        "'voorbeelt'; "
        "did you mean 'voorbeeld'?"
    ]


def test_reference_of_wrong_kind(mini_text: str) -> None:
    text = mini_text.replace("    leads: [voorbeeld]", "    leads: [politie]")
    assert problems_of(text) == [
        "themes[0].leads[0]: expected the id of a municipality or role or body, got 'politie', "
        "which is a partner"
    ]


def test_nested_reference_path(mini_text: str) -> None:
    text = mini_text.replace("partners: [politie]", "partners: [polite]")
    assert problems_of(text) == [
        "themes[0].actions[0].partners[0]: expected the id of a partner, "
        "got unknown id 'polite'; did you mean 'politie'?"
    ]


def test_duplicate_id(mini_text: str) -> None:
    text = mini_text.replace("  - id: driehoek", "  - id: burgemeester")
    with pytest.raises(DuplicateIdError) as info:
        ivb.loads(text)
    assert [str(p) for p in info.value.problems] == [
        "bodies[0].id: id 'burgemeester' is used twice; first at roles[0].id"
    ]


def test_validator_message_gets_path(mini_text: str) -> None:
    text = mini_text.replace("cbs_code: GM9999", "cbs_code: XX9999")
    problems = problems_of(text)
    assert problems == ["municipalities[0].cbs_code: expected 'GM' and four digits, got 'XX9999'"]


def test_number_where_text_expected(mini_text: str) -> None:
    text = mini_text.replace("cbs_code: GM9999", "cbs_code: 9999")
    assert problems_of(text) == ["municipalities[0].cbs_code: expected text, got integer 9999"]


def test_bad_slug(mini_text: str) -> None:
    text = mini_text.replace("  - id: driehoek", "  - id: Driehoek")
    (problem,) = problems_of(text)
    assert problem.startswith("bodies[0].id: expected a slug id")


def test_bad_date(mini_text: str) -> None:
    text = mini_text.replace('date: "2026"', 'date: "2026-13"')
    (problem,) = problems_of(text)
    assert problem == (
        "themes[0].actions[0].date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '2026-13'"
    )


def test_many_problems_are_all_reported(mini_text: str) -> None:
    text = mini_text.replace("tier: bestuurlijk", "tier: 3").replace("number: 1", "number: een")
    problems = problems_of(text)
    assert len(problems) == 2
    assert problems[0].startswith("bodies[0].tier:")
    assert problems[1].startswith("speerpunten[0].number:")


def test_error_names_origin(tmp_path: Path, mini_text: str) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text(mini_text.replace("number: 1", "number: een"), encoding="utf-8")
    with pytest.raises(PolicyValidationError, match=r"1 problem in .*kapot\.yaml"):
        ivb.load(path)


def test_get_unknown_id_suggests() -> None:
    policy = ivb.load()
    with pytest.raises(UnknownIdError) as info:
        policy.get("ondermijnig")
    assert "ondermijning" in info.value.suggestions
    assert str(info.value).startswith("no entity with id 'ondermijnig'; did you mean")
    assert isinstance(info.value, LookupError)


def test_errors_share_one_root() -> None:
    for cls in (
        PolicyFileError,
        PolicyFileNotFoundError,
        PolicyValidationError,
        DuplicateIdError,
        UnknownIdError,
    ):
        assert issubclass(cls, IvbError)
    assert issubclass(PolicyValidationError, ValueError)
    assert issubclass(UnknownIdError, LookupError)


def test_import_ivb_does_not_import_pandas_or_networkx() -> None:
    lazy = ["pandas", "networkx", "ivb._schema", "ivb._migrate", "ruamel"]
    code = f"import sys, ivb; ivb.load(); print(*[m in sys.modules for m in {lazy!r}])"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert dict(zip(lazy, out.split(), strict=True)) == dict.fromkeys(lazy, "False")


def test_lazily_imported_public_names() -> None:
    from ivb._migrate import Migration, migrate
    from ivb._schema import json_schema, schema_text

    assert (ivb.Migration, ivb.migrate) == (Migration, migrate)
    assert (ivb.json_schema, ivb.schema_text) == (json_schema, schema_text)
    assert {"Migration", "json_schema", "migrate", "schema_text"} <= set(dir(ivb))
    with pytest.raises(AttributeError, match="no attribute 'not_a_name'"):
        ivb.not_a_name  # noqa: B018


def test_missing_field_does_not_hide_other_problems(mini_text: str) -> None:
    text = mini_text.replace("    purpose: Afstemming over de inzet van de politie.\n", "").replace(
        "tier: bestuurlijk", "tier: bestuur"
    )
    problems = problems_of(text)
    assert problems[0] == "bodies[0]: missing required field 'purpose' of ConsultationBody"
    assert problems[1].startswith("bodies[0].tier: expected one of 'bestuurlijk'")
    assert len(problems) == 2


def test_unexpected_top_level_field_is_named_at_its_place(mini_text: str) -> None:
    text = mini_text.replace("municipalities:", "muni:cipalities:", 1)
    problems = problems_of(text)
    assert problems[0].startswith("muni:cipalities: unexpected field 'muni:cipalities' for Policy")


def test_a_misspelt_field_is_named_with_the_missing_one(mini_text: str) -> None:
    text = mini_text.replace("    purpose: Afstemming", "    purpsoe: Afstemming", 1)
    problems = problems_of(text)
    assert problems[0] == "bodies[0]: missing required field 'purpose' of ConsultationBody"
    assert problems[1].startswith(
        "bodies[0].purpsoe: unexpected field 'purpsoe' for ConsultationBody; allowed:"
    )
    assert len(problems) == 2
