"""Messages made inside the library follow the language of the run.

A corpus of broken inputs (one of each kind of problem the loader and the
readers of the command line report) is run through ``ivb`` in Dutch and in
English. In Dutch no English message text may be left: every message is a
Dutch catalog entry, and no English marker word appears outside the data
(quoted values, paths, field and class names). In English the output reads
as the Python API's messages do.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr
from pathlib import Path

import attrs
import pytest

import ivb
import ivb.model
from ivb._message import Message
from ivb.cli._main import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = (FIXTURES / "mini-ivb.yaml").read_text(encoding="utf-8")

#: English words that a Dutch message never holds (outside the data it quotes).
ENGLISH = (
    "expected",
    "got",
    "unexpected",
    "missing",
    "field",
    "fields",
    "unknown",
    "line",
    "column",
    "allowed",
    "did you mean",
    "problem",
    "problems",
    "invalid",
    "cannot",
    "must",
    "exist",
    "twice",
    "found",
    "not a",
    "file",
    "text",
    "integer",
    "a list",
    "a mapping",
    "should",
    "only",
    "needs",
    "which is",
    "the",
    "or",
    "and",
)


def _names() -> set[str]:
    """Field and class names of the model: data of a message, never translated."""
    names = {"Policy"}
    for cls in [*ivb.model.KINDS, ivb.model.Policy]:
        names.add(cls.__name__)
    stack = [*ivb.model.KINDS, ivb.model.Policy]
    seen: set[type] = set()
    while stack:
        cls = stack.pop()
        if cls in seen or not attrs.has(cls):
            continue
        seen.add(cls)
        names.add(cls.__name__)
        for a in attrs.fields(cls):
            names.add(a.name)
        for value in vars(ivb.model).values():
            if isinstance(value, type) and attrs.has(value) and value not in seen:
                stack.append(value)
    return names


NAMES = _names()
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")
_PATH = re.compile(r"(?<![\w-])[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)+|\b[a-z_]+\[\d+\]")


def english_left(output: str, tmp_path: Path) -> list[str]:
    """The English marker words of *output* outside its data."""
    # the usage lines of argparse name options and metavars (FILE), not messages
    lines = [
        line
        for line in output.splitlines()
        if not line.startswith(("gebruik: ", "usage: ")) and not line.startswith("   ")
    ]
    text = "\n".join(lines).replace(str(tmp_path), " ")
    text = _QUOTED.sub(" ", text)
    text = _PATH.sub(" ", text)
    words = re.findall(r"[A-Za-z_][\w-]*", text)
    text = " ".join(w for w in words if w not in NAMES)
    return [w for w in ENGLISH if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)]


# -- the corpus ------------------------------------------------------------------


def _policy(text: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        path = tmp / "beleid.yaml"
        path.write_text(text, encoding="utf-8")
        return ["validate", str(path)]

    return make


def _bytes(data: bytes) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        path = tmp / "beleid.yaml"
        path.write_bytes(data)
        return ["validate", str(path)]

    return make


def _command(*argv: str, files: dict[str, str] | None = None) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        for name, text in (files or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
        return [a.replace("{tmp}", str(tmp)) for a in argv]

    return make


CORPUS: dict[str, Callable[[Path], list[str]]] = {
    "bad-yaml": _policy("title: [unclosed\n"),
    "bad-yaml-indent": _policy("a: 1\n  b: 2\n"),
    "duplicate-key": _policy(MINI + "title: nog eens\n"),
    "alias": _policy("a: &x 1\nb: *x\n"),
    "merge-key": _policy("a: {c: 1}\nb:\n  <<: {c: 1}\n"),
    "tag": _policy("a: !!python/object:os.system x\n"),
    "top-level-list": _policy("- a\n- b\n"),
    "empty-file": _policy(""),
    "wrong-type": _policy(MINI.replace("number: 1", "number: een")),
    "wrong-type-list": _policy(MINI.replace("leads: [voorbeeld]", "leads: voorbeeld")),
    "mapping-expected": _policy(
        MINI.replace("    source: {document: ivb, section: Jeugd}", "    source: 5")
    ),
    "bool-expected": _policy(
        MINI.replace("    leads: [voorbeeld]", "    leads: [voorbeeld]\n    no_lead: ja")
    ),
    "unknown-field": _policy(
        MINI.replace("    tier: bestuurlijk", "    tier: bestuurlijk\n    chair: x")
    ),
    "missing-field": _policy(MINI.replace("    name: Driehoek\n", "")),
    "missing-fields": _policy("title: x\n"),
    "unknown-id": _policy(MINI.replace("leads: [voorbeeld]", "leads: [voorbeelt]")),
    "unknown-entity": _policy(MINI.replace("partners: [politie]", "partners: [politei]")),
    "wrong-kind": _policy(MINI.replace("leads: [voorbeeld]", "leads: [ivb]")),
    "duplicate-id": _policy(MINI.replace("  - id: driehoek", "  - id: politie")),
    "bad-enum": _policy(MINI.replace("tier: bestuurlijk", "tier: bestuur")),
    "bad-number": _policy(MINI.replace("meetings_per_year: 4", "meetings_per_year: 400")),
    "infinite-number": _policy(MINI.replace("meetings_per_year: 4", "meetings_per_year: .inf")),
    "float-for-integer": _policy(MINI.replace("number: 1", "number: 1.5")),
    "schema-version-old": _policy(MINI.replace("schema_version: 2", "schema_version: 1")),
    "schema-version-unknown": _policy(MINI.replace("schema_version: 2", "schema_version: 9")),
    "control-characters": _policy(MINI.replace("name: Driehoek", 'name: "Drie\\x1bhoek"')),
    "key-with-tab": _policy(MINI.replace("  - id: politie\n", '  - id: politie\n    "a\\tb": 1\n')),
    "non-text-key": _policy(MINI.replace("    name: Driehoek\n", "    name: Driehoek\n    1: x\n")),
    "bad-slug": _policy(MINI.replace("  - id: driehoek", "  - id: Drie Hoek")),
    "bad-date": _policy(MINI.replace('date: "2026"', 'date: "2026-13-45"')),
    "bad-cbs-code": _policy(MINI.replace("cbs_code: GM9999", "cbs_code: XX9999")),
    "bad-year": _policy(MINI.replace("period: [2025, 2028]", "period: [2025, 3028]")),
    "not-utf8": _bytes(b"title: caf\xe9\n"),
    "folder": _command("validate", "{tmp}"),
    "no-such-file": _command("validate", "{tmp}/nergens.yaml"),
    "policy-option-folder": _command("who-owns", "--policy", "{tmp}"),
    "policy-option-bad-yaml": _command(
        "bodies", "--policy", "{tmp}/kapot.yaml", files={"kapot.yaml": "a: [1\n"}
    ),
    "unknown-id-lookup": _command("show", "ondermijnig"),
    "bad-as-of": _command("report", "--as-of", "20x4"),
    "measurements-missing-column": _command(
        "report", "--measurements", "{tmp}/m.csv", files={"m.csv": "indicator,region\na,GM0303\n"}
    ),
    "measurements-bad-value": _command(
        "report",
        "--measurements",
        "{tmp}/m.csv",
        files={"m.csv": "indicator,region,period,value\nwoninginbraak,GM0303,2023,veel\n"},
    ),
}


def run(argv: list[str], lang: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        try:
            code = main([*argv, "--lang", lang], out=out)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("IVB_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_no_english_in_a_dutch_run(case: str, tmp_path: Path) -> None:
    argv = CORPUS[case](tmp_path)
    code, output = run(argv, "nl")
    assert code in (1, 2), output
    assert "Traceback" not in output
    assert output.strip(), case
    assert english_left(output, tmp_path) == [], output


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_english_run_speaks_english(case: str, tmp_path: Path) -> None:
    argv = CORPUS[case](tmp_path)
    code, output = run(argv, "en")
    assert code in (1, 2), output
    assert "Traceback" not in output
    assert english_left(output, tmp_path), output  # the same check finds English here


def _validate_cases() -> Iterator[str]:
    for case in sorted(CORPUS):
        if CORPUS[case].__qualname__.startswith(("_policy", "_bytes")):
            yield case


@pytest.mark.parametrize("case", list(_validate_cases()))
def test_english_output_is_the_message_of_the_python_api(case: str, tmp_path: Path) -> None:
    argv = CORPUS[case](tmp_path)
    path = argv[-1]
    try:
        ivb.load(path)
    except ivb.PolicyValidationError as exc:
        expected = [f"{path}: {p}" for p in exc.problems]
    except ivb.IvbError as exc:
        expected = [f"{path}: {str(exc).removeprefix(path).removeprefix(': ').removeprefix(', ')}"]
    else:  # pragma: no cover - every case is broken
        pytest.fail(f"{case} loads")
    assert run(argv, "en")[1].splitlines() == expected


def _templates(message: object) -> Iterator[Message]:
    if isinstance(message, Message):
        yield message
        for value in message.params.values():
            yield from _templates(value)


@pytest.mark.parametrize("case", list(_validate_cases()))
def test_every_problem_is_a_dutch_catalog_entry(case: str, tmp_path: Path) -> None:
    from ivb._i18n import translation

    catalog = translation("nl", "ivb")
    path = CORPUS[case](tmp_path)[-1]
    with pytest.raises(ivb.IvbError) as info:
        ivb.load(path)
    exc = info.value
    messages = (
        [p.message for p in exc.problems]
        if isinstance(exc, ivb.PolicyValidationError)
        else [exc.args[0]]
    )
    for message in messages:
        assert isinstance(message, Message), repr(message)
        for part in _templates(message):
            if not re.sub(r"\{[^}]*\}", "", part.template).strip(" ,:.-[]()"):
                continue  # placeholders and punctuation only: nothing to translate
            if part.context is not None:
                found = catalog.pgettext(part.context, part.template)
            elif part.plural is not None:
                found = catalog.ngettext(part.template, part.plural, 1)
            else:
                found = catalog.gettext(part.template)
            assert found != part.template or part.template in _SAME_IN_DUTCH, part.template


#: Message ids whose Dutch is the same text.
_SAME_IN_DUTCH = frozenset({"null", "id"})


def test_migration_notes_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "oud.yaml"
    path.write_text((FIXTURES / "dnu-ivb-v1.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, output = run(["migrate", str(path), "-o", str(tmp_path / "nieuw.yaml")], "nl")
    assert code == 0, output
    notes = [line for line in output.splitlines() if line.startswith("let op: ")]
    assert notes, output
    assert english_left("\n".join(notes), tmp_path) == [], notes
    code, english = run(["migrate", str(path), "-o", str(tmp_path / "nieuw.yaml")], "en")
    result = ivb.migrate(path.read_text(encoding="utf-8"), origin=str(path))
    assert [f"note: {n}" for n in result.notes] == [
        line for line in english.splitlines() if line.startswith("note: ")
    ]
