"""The message catalogs and the choice of language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ivb._i18n import LANGUAGES, UnknownLanguageError, resolve_language, translation
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent


def test_compiled_catalogs_are_up_to_date() -> None:
    pytest.importorskip("babel")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "compile_catalogs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("given", "expected"),
    [("nl", "nl"), ("NL", "nl"), ("en", "en"), ("en_GB.UTF-8", "en"), ("nl-BE", "nl")],
)
def test_explicit_language_wins(given: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IVB_LANG", "en" if expected == "nl" else "nl")
    assert resolve_language(given) == expected


def test_unknown_language_is_refused_with_its_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IVB_LANG", raising=False)
    with pytest.raises(UnknownLanguageError, match=r"--lang: expected one of nl, en, got 'fr'"):
        resolve_language("fr")
    monkeypatch.setenv("IVB_LANG", "de")
    with pytest.raises(UnknownLanguageError, match=r"IVB_LANG: expected one of nl, en, got 'de'"):
        resolve_language()


def test_locale_chooses_only_when_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("IVB_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert resolve_language() == "en"
    assert resolve_language(use_locale=False) == "nl"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert resolve_language() == "nl"
    monkeypatch.setenv("LANGUAGE", "fr:en")
    assert resolve_language() == "en"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("domain", ["ivb", "report"])
def test_every_catalog_loads(lang: str, domain: str) -> None:
    catalog = translation(lang, domain)
    assert catalog.info()["language"] == lang


def test_unknown_domain_is_refused() -> None:
    with pytest.raises(UnknownLanguageError, match="domain"):
        translation("nl", "nope")


# -- messages made inside the library ---------------------------------------------


def _catalog_tool() -> object:
    return load_script("tools/update_cli_catalogs.py")


def test_every_library_message_is_in_both_catalogs() -> None:
    pytest.importorskip("babel")
    tool = _catalog_tool()
    messages = tool.library_messages()  # type: ignore[attr-defined]
    assert len(messages) > 250
    ids = {singular for singular, _plural in messages}
    assert "expected text, got {got}" in ids
    assert "expected the id of a {kind}, got unknown id {ref!r}; did you mean {suggestions}?" in ids
    assert ("{n} problem:", "{n} problems:") in messages
    assert "type\x04number" in ids  # a message id with a context
    for lang in ("nl", "en"):
        assert tool.missing(lang, messages) == [], lang  # type: ignore[attr-defined]


def test_catalog_check_passes() -> None:
    pytest.importorskip("babel")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_cli_catalogs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_extraction_finds_every_marker(tmp_path: Path) -> None:
    tool = _catalog_tool()
    module = tmp_path / "probe.py"
    module.write_text(
        "Message('a {x}', x=1)\n"
        "Message.counted('{n} b', '{n} bs', 2)\n"
        "Message.in_context('type', 'c')\n"
        "N_('d')\n"
        "Message(text)\n"
        "_('e')\n",
        encoding="utf-8",
    )
    found = tool.extract([module], tool.LIBRARY_MARKERS)  # type: ignore[attr-defined]
    assert found == [("a {x}", None), ("{n} b", "{n} bs"), ("type\x04c", None), ("d", None)]


def test_a_message_is_its_english_text() -> None:
    import pickle

    from ivb._message import Message, at, join, render, split_field

    m = at(
        "owner",
        Message(
            "expected text, got {got}",
            got=Message("{kind} {value}", kind=Message("integer"), value="5"),
        ),
    )
    assert m == "owner: expected text, got integer 5"
    assert isinstance(m, str)
    assert render(m, "nl") == "owner: verwacht tekst, kreeg geheel getal 5"
    assert render(m, "en") == m
    assert split_field(m) == ("owner", "expected text, got integer 5")
    assert render(split_field(m)[1], "nl") == "verwacht tekst, kreeg geheel getal 5"
    copy = pickle.loads(pickle.dumps(m))
    assert copy == m and render(copy, "nl") == render(m, "nl")
    assert render("plain text", "nl") == "plain text"
    two = Message.counted("{n} problem:", "{n} problems:", 2)
    assert (two, render(two, "nl")) == ("2 problems:", "2 problemen:")
    assert render(pickle.loads(pickle.dumps(two)), "nl") == "2 problemen:"
    number = Message.in_context("type", "number")
    assert (number, render(number, "nl")) == ("number", "getal")
    assert render(pickle.loads(pickle.dumps(number)), "nl") == "getal"
    either = join(["'a'", "'b'"], Message(" or "))
    assert (either, render(either, "nl")) == ("'a' or 'b'", "'a' of 'b'")
    assert render(Message("no such id in the catalog: {x}", x=1), "nl") == (
        "no such id in the catalog: 1"
    )


def test_errors_render_in_a_language_and_keep_their_english() -> None:
    import ivb

    with pytest.raises(ivb.PolicyValidationError) as info:
        ivb.loads(
            "schema_version: 2\nid: x\ntitle: t\nperiod: [2024, 2027]\nsummary: s\n"
            "themes: 5\nfoo: 1\n",
            origin="f.yaml",
        )
    exc = info.value
    assert str(exc) == (
        "2 problems in f.yaml:\n"
        "  themes: expected a list, got integer 5\n"
        "  foo: unexpected field 'foo' for Policy; allowed: "
        + ", ".join(sorted(a.name for a in __import__("attrs").fields(ivb.Policy) if a.init))
    )
    nl = exc.render("nl").splitlines()
    assert nl[0] == "2 problemen in f.yaml:"
    assert nl[1] == "  themes: verwacht een lijst, kreeg geheel getal 5"
    assert nl[2].startswith("  foo: onbekend veld 'foo' voor Policy; toegestaan: ")
    assert exc.render("en") == str(exc)
    assert [p.render("en") for p in exc.problems] == [str(p) for p in exc.problems]
    with pytest.raises(ivb.UnknownIdError) as lookup:
        ivb.load().get("ondermijnig")
    assert str(lookup.value).startswith("no entity with id 'ondermijnig'; did you mean ")
    assert lookup.value.render("nl").startswith("geen onderdeel met id 'ondermijnig'; bedoelt u ")
    with pytest.raises(UnknownLanguageError) as bad:
        resolve_language("fr")
    assert bad.value.render("nl") == "--lang: verwacht een van nl, en, kreeg 'fr'"


def test_importing_ivb_reads_no_catalog() -> None:
    code = (
        "import sys, ivb\n"
        "try:\n"
        "    ivb.loads('a: [1')\n"
        "except ivb.IvbError as exc:\n"
        "    error = exc\n"
        "print('gettext' in sys.modules, 'ivb._i18n' in sys.modules)\n"
        "error.render('nl')\n"
        "print('ivb._i18n' in sys.modules, 'babel' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "True", "False"]
