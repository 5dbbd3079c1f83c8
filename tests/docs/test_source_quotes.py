"""What the governance pages and the glossary quote is in the policy text, word for word.

The pages separate the policy from ivb's reading: each step of a flow page is a Dutch
quote of the source (a block quote ending in ``— *section*``) followed by ivb's reading,
marked **Stated**, **Derived** or **Ambiguous**; the glossary quotes the source between
“ and ” and labels everything else as general background. These tests check each
quote against the text of the policy (OCR, so compared on letters and digits only; an
ellipsis … marks left-out words) and that each quote is followed by its marking.

The source text is not part of the package: it is looked for in ``shared/seeds`` beside
or above the repository (or in ``$IVB_SOURCE_DIR``).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted((DOCS / "governance").glob("*.md"))
FLOW_PAGES = [p for p in PAGES if p.name != "index.md"]
GLOSSARY = DOCS / "glossary.md"
MARKS = ("**Stated", "**Derived", "**Ambiguous")


def _source_text() -> str | None:
    places = [Path(os.environ["IVB_SOURCE_DIR"])] if os.environ.get("IVB_SOURCE_DIR") else []
    places += [parent / "shared" / "seeds" for parent in ROOT.parents]
    for place in places:
        found = sorted(place.glob("000_*.txt")) if place.is_dir() else []
        if found:
            return found[0].read_text(encoding="utf-8")
    return None


def letters(text: str) -> str:
    """*text* reduced to its lower-case letters and digits (OCR breaks, hyphens, quotes go)."""
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


@pytest.fixture(scope="module")
def source() -> str:
    text = _source_text()
    if text is None:
        pytest.skip("the policy text (shared/seeds/000_*.txt) is not beside this repository")
    return letters(text)


def _outside_code(text: str) -> str:
    """*text* with the lines of fenced code blocks blanked."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else line)
    return "\n".join(out)


def block_quotes(text: str) -> list[tuple[str, str, str]]:
    """(quote, section, the paragraph after it) for every block quote of a page."""
    out = []
    lines = _outside_code(text).splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith(">"):
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i].startswith(">"):
            block.append(lines[i][1:].strip())
            i += 1
        joined = " ".join(block)
        quote, _, section = joined.partition("— ")
        while i < len(lines) and not lines[i].strip():
            i += 1
        after = lines[i] if i < len(lines) else ""
        out.append((quote.strip(), section.strip().strip("*"), after))
    return out


def inline_quotes(text: str) -> list[str]:
    text = _outside_code(text) if "```{glossary}" not in text else text
    return [" ".join(q.split()) for q in re.findall(r"“([^”]+)”", text, flags=re.S)]


def found_in_order(quote: str, source: str) -> bool:
    at = 0
    for part in quote.split("…"):
        part = letters(part)
        if not part:
            continue
        at = source.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def test_every_flow_page_quotes_the_source_step_by_step() -> None:
    for page in FLOW_PAGES:
        quotes = block_quotes(page.read_text(encoding="utf-8"))
        assert len(quotes) >= 3, page.name
        for quote, section, after in quotes:
            assert section, f"{page.name}: a quote without its section: {quote[:60]}"
            assert after.startswith(MARKS), f"{page.name}: no marking after {quote[:60]}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_quotes_of_a_governance_page_are_in_the_source(page: Path, source: str) -> None:
    text = page.read_text(encoding="utf-8")
    missing = [q for q, _, _ in block_quotes(text) if not found_in_order(q, source)]
    missing += [q for q in inline_quotes(text) if not found_in_order(q, source)]
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_sections_a_governance_page_cites_are_headings_of_the_source(
    page: Path, source: str
) -> None:
    for _, section, _ in block_quotes(page.read_text(encoding="utf-8")):
        for heading in re.split(r" > |;\s*", section):
            heading = heading.strip().strip("*")
            if not heading.startswith("["):  # [lost in the text extraction]
                assert letters(heading) in source, f"{page.name}: {heading}"


def test_the_glossary_quotes_only_the_source(source: str) -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    quotes = inline_quotes(text)
    assert len(quotes) >= 20
    assert [q for q in quotes if not found_in_order(q, source)] == []


def test_the_glossary_says_where_each_definition_comes_from() -> None:
    """Each term either quotes the source or is labelled general background with a reference."""
    text = GLOSSARY.read_text(encoding="utf-8").split("```{glossary}", 1)[1]
    entries = re.split(r"\n(?=\S)", text.strip())
    for entry in entries[1:]:
        if entry.startswith("```"):
            continue
        term = entry.splitlines()[0]
        assert "“" in entry or "*General background" in entry, term
        if "*General background" in entry:
            assert re.search(r"General background[^.]*\(", entry), f"{term}: no reference"


def test_the_checks_catch_a_quote_that_is_not_in_the_source() -> None:
    source = letters("De ambtelijke basisteamdriehoek bereidt de bestuurlijke voor. Zij doen.")
    assert found_in_order("De ambtelijke basisteamdriehoek … bereidt", source)
    assert not found_in_order("De ambtelijke basisteamdriehoek informeert", source)
    assert not found_in_order("bereidt … De ambtelijke", source)
    page = "> Zij informeren.\n>\n> — *Kop*\n\n**Derived.** ivb reads ...\n"
    assert block_quotes(page) == [("Zij informeren.", "Kop", "**Derived.** ivb reads ...")]
