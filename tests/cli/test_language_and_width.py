"""One language per run, every text in the catalogs, output that fits the terminal."""

from __future__ import annotations

import enum
import io
import re
import sys
from collections import Counter
from contextlib import redirect_stderr
from pathlib import Path

import attrs
import pytest

import ivb.model
from ivb.cli._labels import _ANY_VALUE, _FIELDS, _KINDS, _RELATIONS, _VALUES
from ivb.cli._main import main
from ivb.cli._text import format_date, format_number, use_language
from ivb.governance._relations import RELATIONS
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _tool() -> object:
    return load_script("tools/update_cli_catalogs.py")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        try:
            code = main(list(argv), out=out)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def text(*argv: str) -> str:
    code, out, err = run(*argv)
    assert code == 0 and err == "", (code, err)
    return out


# -- the catalogs -------------------------------------------------------------


def test_every_message_of_the_command_line_is_in_both_catalogs() -> None:
    pytest.importorskip("babel")
    tool = _tool()
    messages = tool.cli_messages()  # type: ignore[attr-defined]
    assert len(messages) > 300
    assert ("{n} time a year", "{n} times a year") in messages
    for lang in ("nl", "en"):
        assert tool.missing(lang, messages) == [], lang  # type: ignore[attr-defined]


def test_translations_keep_their_placeholders() -> None:
    from babel.messages.pofile import read_po

    placeholder = re.compile(r"\{[a-z_]*(?:![rs])?\}|%\([a-z_]+\)[sdr]|%[sdr]")
    po = ROOT / "src" / "ivb" / "locale" / "nl" / "LC_MESSAGES" / "ivb.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="nl", domain="ivb")
    checked = 0
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(placeholder.findall(ids[-1]))
        for string in strings:
            assert sorted(placeholder.findall(string)) == wanted, (message.id, string)
        checked += 1
    assert checked > 300


def test_every_enum_value_kind_relation_and_field_has_a_label() -> None:
    enums = {
        cls.__name__: cls
        for module in (ivb.model._base, ivb.model._measures)
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, enum.Enum) and list(cls)
    }
    for name, cls in enums.items():
        labelled = set(_VALUES.get(name, {})) | set(_ANY_VALUE)
        assert {m.value for m in cls} <= labelled, f"{name}: add its labels to ivb.cli._labels"
    assert set(RELATIONS) <= set(_RELATIONS), "add the labels of new relations to ivb.cli._labels"
    assert set(ivb.model.KINDS.values()) <= set(_KINDS)
    classes = [*ivb.model.KINDS, ivb.model.Policy]
    fields = {a.name for cls in classes for a in attrs.fields(cls) if a.init} - {"id", "name"}
    assert fields <= set(_FIELDS)


# -- one language per run ------------------------------------------------------


def test_bodies_speak_one_language() -> None:
    nl = text("bodies")
    en = text("bodies", "--lang", "en")
    assert "    uitvoerend, lokaal, frequentie niet genoemd\n" in nl
    assert "    operational, local, frequency not stated\n" in en
    assert "local" not in nl.replace("Intergemeentelijke", "")
    for dutch in ("leden:", "bereidt voor", "keer per jaar", "in oprichting", "uitvoerend"):
        assert dutch not in en
    assert "4 times a year" in en and "being set up" in en


def test_who_owns_and_overview_in_english() -> None:
    en = text("--lang", "en", "who-owns").splitlines()
    assert en[0] == "Leads, municipalities and coordination"
    assert en[1].split() == ["name", "kind", "lead", "municipalities", "coordination"]
    assert sum("not stated" in line for line in en) == 11
    overview = text("overview", "--lang=en")
    assert "\nMunicipalities\n" in overview and "\nConsultation bodies (how often)\n" in overview
    assert "Gemeenten\n" not in overview


def test_help_and_usage_errors_in_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--help")[0] == 0
    nl = capsys.readouterr().out
    assert nl.startswith("gebruik: ivb") and "\nopties:\n" in nl and "opdrachten" in nl
    assert run("--lang", "en", "show", "--help")[0] == 0
    en = capsys.readouterr().out
    assert en.startswith("usage: ivb show") and "id (or exact name)" in en
    code, _, err = run("chain")
    assert code == 2 and "fout: deze argumenten zijn verplicht: BODY" in err
    code, _, err = run("chain", "--lang", "en")
    assert code == 2 and "error: the following arguments are required: BODY" in err


def test_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IVB_LANG", "en")
    assert text("bodies").startswith("Consultation bodies\n")
    assert text("bodies", "--lang", "nl").startswith("Overlegstructuren\n")  # --lang wins
    monkeypatch.delenv("IVB_LANG")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert text("bodies").startswith("Consultation bodies\n")
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert text("bodies").startswith("Overlegstructuren\n")


def test_unknown_language_is_wrong_usage(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("IVB_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = run("--lang", "fr", "overview")
    assert (code, out) == (2, "")
    assert err == "ivb: --lang: verwacht een van nl, en, kreeg 'fr'\n"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")  # the locale tells it, as --lang cannot
    assert run("--lang", "fr", "overview")[2] == "ivb: --lang: expected one of nl, en, got 'fr'\n"


def test_json_stays_the_same_in_every_language() -> None:
    for argv in (["who-owns"], ["bodies"], ["show", "urk"], ["overview"]):
        assert text(*argv, "--json") == text(*argv, "--json", "--lang", "en")


def test_plurals(tmp_path: Path) -> None:
    once = tmp_path / "once.yaml"
    once.write_text(
        (FIXTURES / "mini-ivb.yaml")
        .read_text(encoding="utf-8")
        .replace("meetings_per_year: 4", "meetings_per_year: 1"),
        encoding="utf-8",
    )
    assert "1 keer per jaar" in text("bodies", "--policy", str(once))
    assert "    administrative, local, 1 time a year\n" in text(
        "bodies", "--policy", str(once), "--lang", "en"
    )
    code, out, _ = run("diff", str(FIXTURES / "mini-ivb.yaml"), str(once), "--lang", "en")
    assert code == 1 and out.endswith("\n1 difference in all (--json lists each one)\n")
    code, out, _ = run("diff", str(FIXTURES / "mini-ivb.yaml"), "--lang", "en")
    assert code == 1 and re.search(r"\n\d+ differences in all", out)
    assert "items)" not in text("show", "ondermijning", "--policy", str(once))
    shown = text("show", "ondermijning", "--policy", str(once), "--lang", "en")
    assert "(1 item)" in shown and "1 items" not in shown


def test_numbers_and_dates_follow_the_language() -> None:
    with use_language("nl"):
        assert (format_number(1225), format_number(7.6)) == ("1.225", "7,6")
        assert format_date("2024-11-16") == "16 november 2024"
        assert format_date("2024-11") == "2024-11"
    with use_language("en"):
        assert (format_number(1225), format_number(7.6)) == ("1,225", "7.6")
        assert format_date("2024-11-16") == "November 16, 2024"
    figure = "noordoostpolder-veiligheidsbeleving-rapportcijfer"
    assert re.search(r"\n  waarde +7,6\n", text("show", figure))
    assert re.search(r"\n  value +7\.6\n", text("show", figure, "--lang", "en"))
    assert re.search(r"\n  datum +31 oktober 2023\n", text("show", "raadssessie-2023-10-31"))


def test_statistics_get_a_caption_in_the_language() -> None:
    nl = text("show", "urk-openlijke-geweldpleging-2019")
    assert nl.startswith("Openlijke geweldpleging in Urk, 2019: 2\n  cijfer [")
    assert "Number of registered" not in nl
    en = text("show", "dnu-openlijke-geweldpleging-2022-vs-2019", "--lang", "en")
    assert en.startswith("Openlijke geweldpleging in ") and "2022 against 2019: +420%" in en
    claim = text("show", "tabel-2.dronten.ongeveer-gelijk", "--wide").splitlines()
    assert claim[:2] == [
        "overzicht overlastmeldingen personen met onbegrepen gedrag in Dronten, 2019 tot 2022: "
        "ongeveer gelijk",
        "  uitspraak over een trend [tabel-2.dronten.ongeveer-gelijk]",
    ]
    claim = text("show", "tabel-2.dronten.ongeveer-gelijk", "--wide", "--lang", "en")
    assert claim.split("\n")[0].endswith(" in Dronten, 2019 to 2022: about equal")


# -- the width of the terminal -------------------------------------------------


def _letters(text: str) -> Counter[str]:
    """The characters of *text* but spaces, line ends and what a table adds."""
    return Counter(c for c in text if not c.isspace() and c != ":")


WIDE_COMMANDS = [
    ["who-owns"],
    ["overview"],
    ["bodies"],
    ["show", "urk"],
    ["show", "politie-midden-nederland"],
    ["chain", "basisteamdriehoek-dnu"],
]


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("argv", WIDE_COMMANDS, ids=[" ".join(a) for a in WIDE_COMMANDS])
def test_output_fits_the_terminal(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    for lang in ("nl", "en"):
        out = text(*argv, "--lang", lang)
        assert max(len(line) for line in out.splitlines()) <= columns, (lang, out)
        whole = text(*argv, "--lang", lang, "--wide")
        # nothing is lost: every character is still there, only the layout differs
        assert not _letters(whole) - _letters(out)


def test_wide_keeps_lines_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    whole = text("who-owns", "--wide").splitlines()
    assert max(len(line) for line in whole) > 140
    assert len(whole) == 2 + 14
    assert text("--wide", "who-owns") == text("who-owns", "--wide")
    fitted = text("who-owns").splitlines()
    assert max(len(line) for line in fitted) <= 80
    for row in whole[2:]:  # every id is still there, whole
        ident = re.search(r"\[[^\]]+\]", row)
        assert ident is not None and any(ident.group() in line for line in fitted)


def test_width_from_the_terminal_when_columns_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS")
    # no terminal (a pipe): 80 columns
    assert max(len(line) for line in text("show", "urk").splitlines()) <= 80


# -- diff and validate -----------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_text() -> str:
    from importlib import resources

    return resources.files("ivb").joinpath("data", "dnu-ivb-2024-2027.yaml").read_text("utf-8")


def _without_first_speerpunt(text: str) -> str:
    first = text.index("\n  - id: ", text.index("\nspeerpunten:\n"))
    second = text.index("\n  - id: ", first + 1)
    ident = text[first:second].split("\n", 2)[1].removeprefix("  - id: ")
    # its citations go with it (else the file is refused)
    cited = rf"(?m)^  - holder: {re.escape(ident)}(?:\.\S*)?\n(?:    .*\n)*"
    return re.sub(cited, "", text[:first] + text[second:])


def test_diff_groups_a_removed_speerpunt(tmp_path: Path, bundled_text: str) -> None:
    old, new = tmp_path / "oud.yaml", tmp_path / "nieuw.yaml"
    old.write_text(bundled_text, encoding="utf-8")
    new.write_text(_without_first_speerpunt(bundled_text), encoding="utf-8")
    code, out, err = run("diff", str(old), str(new))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"--- {old} (dnu-ivb-2024-2027)",
        f"+++ {new} (dnu-ivb-2024-2027)",
        "",
        "- bronverwijzing [dronten-zorg-en-veiligheid.trends -> economische-ontwikkelingen, "
        "demografische-verandering, digitalisering, zorg-en-veiligheid.krapte-in-de-zorg, "
        "zorg-en-veiligheid.complexe-en-zwaardere-problematiek,",
        "    zorg-en-veiligheid.impact-social-media-op-jongeren]",
        "- bronverwijzing [dronten-zorg-en-veiligheid.tier -> *]",
        "",
        "- speerpunt Zorg & veiligheid [dronten-zorg-en-veiligheid]",
        "    met 8 onderliggende onderdelen (actie)",
        "    32 relaties verwijderd",
        "",
        "43 verschillen in totaal (--json noemt elk afzonderlijk)",
    ]
    code, out, _ = run("diff", str(old), str(new), "--json")
    assert len(__import__("json").loads(out)["changes"]) == 43


def test_diff_nests_what_an_entity_holds_not_what_shares_its_prefix() -> None:
    code, out, _ = run("diff", str(FIXTURES / "mini-ivb.yaml"), "--wide")
    assert code == 1
    assert out.startswith(
        f"--- {FIXTURES / 'mini-ivb.yaml'} (voorbeeld-ivb-2025-2028)\n"
        "+++ het meegeleverde beleid (dnu-ivb-2024-2027)\n\n~ het beleid\n"
    )
    # ids such as dnu.uitgangspunten start with "dnu." but are no part of the region
    assert (
        "\n+ regio DNU (Dronten, Noordoostpolder en Urk) [dnu]\n    3 relaties toegevoegd\n" in out
    )
    # records without ids are named by what identifies them, added ones in one block
    assert (
        "\n+ prioriteitsniveau [national]\n+ prioriteitsniveau [regional]\n"
        "+ prioriteitsniveau [district]\n+ prioriteitsniveau [local]\n\n"
    ) in out
    assert "\n+ bronverwijzing [cybercrime.leads -> noordoostpolder]\n" in out


def test_diff_shows_an_owner_change_once(tmp_path: Path, bundled_text: str) -> None:
    old, new = tmp_path / "oud.yaml", tmp_path / "nieuw.yaml"
    old.write_text(bundled_text, encoding="utf-8")
    changed = re.sub(
        r"(- id: ondermijning\n(?:    .*\n)*?    leads: )\[dronten\]", r"\1[urk]", bundled_text
    )
    # the citation of the lead names the new lead too (else the file is refused)
    cited = "  - holder: ondermijning\n    field: leads\n    target: "
    assert changed.count(cited + "dronten\n") == 1
    changed = changed.replace(cited + "dronten\n", cited + "urk\n")
    new.write_text(changed, encoding="utf-8")
    code, out, err = run("diff", str(old), str(new), "--lang", "en")
    assert (code, err) == (1, "")
    assert out.splitlines()[2:] == [
        "",
        "- citation [ondermijning.leads -> dronten]",
        "",
        "+ citation [ondermijning.leads -> urk]",
        "",
        "~ theme Ondermijning [ondermijning]",
        "    leads: [dronten] -> [urk]",
        "    1 relation removed, 1 relation added",
        "",
        "5 differences in all (--json lists each one)",
    ]


def test_validate_a_directory_and_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [x\n", encoding="utf-8")
    code, out, _ = run("validate", str(tmp_path), str(bad), str(tmp_path / "nope.yaml"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{tmp_path}: is een map, geen beleidsbestand"
    assert lines[1].startswith(f"{bad}: ") and lines[1].count("bad.yaml") == 1
    assert lines[2] == f"{tmp_path / 'nope.yaml'}: bestaat niet"
    code, out, _ = run("validate", str(tmp_path), "--lang", "en")
    assert out == f"{tmp_path}: is a directory, not a policy file\n"


def test_cli_queries_do_not_import_babel() -> None:
    import subprocess

    code = (
        "import io, sys\nfrom ivb.cli import main\n"
        "main(sys.argv[1:], io.StringIO())\n"
        "print(any(m == 'babel' or m.startswith('babel.') for m in sys.modules))"
    )
    for argv in (["who-owns"], ["overview"], ["who-owns", "--lang", "en"]):
        result = subprocess.run(
            [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "False", argv
