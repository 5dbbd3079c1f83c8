"""The message catalogs and the choice of language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ivb._i18n import LANGUAGES, UnknownLanguageError, resolve_language, translation

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
