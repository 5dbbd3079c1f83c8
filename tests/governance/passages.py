"""The sections of the bundled policy's source texts, found by their headings.

The source texts (``shared/seeds``, plain-text OCR of the PDFs) lost some headings
(the chapter titles "Voorwoord", "Rollen en overlegstructuren", ...); the data
describes those in [square brackets]. Each document has an *outline* here: its
headings in reading order with their level and the text where the section starts
in the OCR text (the heading as the OCR printed it, or the first words of a section
whose heading was lost). A section runs from its start to the start of the next
heading of the same or a higher level; a footnote (``voetnoot N``) is one paragraph.

Two-column pages are sometimes interleaved in the OCR text, so a sentence of one
section can stand in the next; the outline places each start where the section's
first words are.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

#: One heading: level (1 = chapter), title as the data spells it, where it starts in the text.
Heading = tuple[int, str, str]

#: The outline of each source document (document id -> headings in reading order).
OUTLINES: dict[str, tuple[Heading, ...]] = {
    "ivb": (
        (1, "Voorwoord", "Met groot genoegen presenteren wij"),
        (1, "Inleiding", "In 2020 hebben de gemeenten Dronten, Noordoostpolder"),
        (
            1,
            "Gezamenlijke prioritering en lokale speerpunten",
            "Gezamenlijke prioritering en lokale speerpunten",
        ),
        (1, "Rollen en overlegstructuren", "De gemeente is regievoerder van het integrale"),
        (2, "De burgemeester", "De burgemeester De burgemeester is wettelijk"),
        (
            2,
            "Het college van burgemeester en wethouders",
            "Het college van burgemeester en wethouders",
        ),
        (2, "De gemeenteraad", "De gemeenteraad De gemeenteraad stelt"),
        (
            2,
            "Strategische en tactische overlegstructuren",
            "Strategische en tactische overlegstructuren",
        ),
        (
            3,
            "Districtelijk Veiligheidscollege Flevoland",
            "Districtelijk Veiligheidscollege Flevoland Op",
        ),
        (3, "Ambtelijk Vooroverleg", "Ambtelijk Vooroverleg Vier keer"),
        (
            3,
            "Basisteamdriehoek Dronten, Noordoostpolder en Urk",
            "Basisteamdriehoek Dronten, Noordoostpolder en Urk In",
        ),
        (3, "Ambtelijke basisteamdriehoek", "Ambtelijke basisteamdriehoek De ambtelijke"),
        (2, "Bekostiging", "Bekostiging De activiteiten"),
        (1, "Trends en ontwikkelingen", "De wereld om ons heen verandert continue"),
        (2, "Digitalisering", "Digitalisering De ontwikkelingen"),
        (2, "Polarisatie", "Polarisatie De afgelopen jaren"),
        (2, "Demografische verandering", "Demografische verandering Demografische"),
        (2, "Economische ontwikkelingen", "Economische ontwikkelingen In de huidige"),
        (2, "Veiligheidsbeeld- en cijfers", "Veiligheidsbeeld- en cijfers De totale"),
        (2, "Landelijke Veiligheidsagenda 2023-2026", "Landelijke Veiligheidsagenda 2023-2026 Op"),
        (
            2,
            "Regionale Veiligheidsstrategie 2023-2026",
            "Regionale Veiligheidsstrategie 2023-2026 In",
        ),
        (1, "Cybercrime en digitale veiligheid", "CYBERCRIME EN DIGITALE VEILIGHEID"),
        (1, "Ondermijning", "Ondermijning verstoort de sociale cohesie"),
        (1, "Maatschappelijke onrust", "Het kunnen uiten van je mening is essentieel"),
        (1, "Lokale speerpunten gemeente Dronten", "Inleiding De gemeente Dronten zet"),
        (2, "Inleiding", "Inleiding De gemeente Dronten zet"),
        (
            2,
            "Veiligheidsbeeld",
            "Veiligheidsbeeld De totale geregistreerde criminaliteit in Dronten",
        ),
        (2, "Zorg & Veiligheid", "Zorg ä Veiligheid Door de toenemende"),
        (3, "voetnoot 1", "1 Een persoonsgericht aanpak (PGA)"),
        (2, "Evenementen", "Evenementen Na een uitdagende"),
        (2, "Crisisorganisatie", "Crisisorganisatie De samenleving verandert"),
        (
            1,
            "Lokale speerpunten gemeente Noordoostpolder",
            "LOKALE SPEERPUNTEN GEMEENTE NOORDOOSTPOLDER",
        ),
        (2, "Inleiding", "Inleiding De gemeente Noordoostpolder wil"),
        (2, "Evaluatie 2020-2023", "Evaluatie 2020-2023 Uit de evaluatie"),
        (2, "Veiligheidsbeeld", "Veiligheidsbeeld De Noordoostpolder is"),
        (
            2,
            "1. Veiligheid in het sociaal domein",
            "1. Veiligheid in het sociaal domein De gemeente",
        ),
        (3, "voetnoot 2", "2 Je spreekt van multiproblematiek"),
        (3, "voetnoot 3", '3 Openbaar Ministerie, "Multiprobleemverdachten'),
        (3, "voetnoot 4", '4 Data Politie, "Geregistreerde overlast'),
        (2, "2. Jeugd en veiligheid", "2. Jeugd en veiligheid Binnen het lokale"),
        (2, "3. Veiligheidsbeleving", "3. Veiligheidsbeleving De gemeente"),
        # the Urk chapter lost its heading and introduction: it starts at its first section
        (1, "Lokale speerpunten gemeente Urk", "Persoonsgerichte aanpak Voor inwoners"),
        (2, "Persoonsgerichte aanpak", "Persoonsgerichte aanpak Voor inwoners"),
        (
            2,
            "Aanpak overlastgevende en problematische jeugd",
            "Aanpak overlastgevende en problematische jeugd Urk kent",
        ),
        (3, "voetnoot 5", "5 CBS Centraal bureau voor de statistiek"),
        (2, "Verkeersoverlast", "Verkeersoverlast Op Urk"),
        (2, "Vuurwerk", "Vuurwerk De aanpak van illegaal"),
        (2, "Veilig Uitgaan", "Veilig Uitgaan Eind 2022"),
        (1, "Bijlage", "BIJLAGE Deelnemende organisaties"),
    ),
    "raadssessie-2023-10-31": (
        (1, "Programma", "Programma"),
        (1, "Opening burgemeester Roger de Groot", "Opening burgermeester Roger de Groot"),
        (1, "Toelichting politiecijfers", "Toelichting politiecijfers"),
        (
            1,
            "Proces Integraal veiligheidsbeleid 2024 - 2027",
            "Proces Integraal veiligheidsbeleid 2024 - 2027",
        ),
        (2, "Aanleiding", "Aanleiding"),
        (1, "De 6 themasessies", "De 6 themasessies"),
        (2, "Cybercrime", "Cybercrime - Trends en ontwikkelingen"),
        (2, "Ondermijning", "Ondermijning - Trends en ontwikkelingen"),
        (2, "Maatschappelijke onrust", "Maatschappelijke onrust - Trends en ontwikkelingen"),
        (2, "Zorg en veiligheid", "Zorg en veiligheid - Trends en ontwikkelingen"),
        (2, "Evenementen", "Evenementen - Trends en ontwikkelingen"),
        (2, "Crisisorganisatie", "Crisisorganisatie - Trends en ontwikkelingen"),
        (1, "Proces en planning", "Proces en planning"),
        (1, "Vragen en kaders voor de gemeenteraad", "Vragen en kaders voor de gemeenteraad"),
        (1, "Einde", "Einde"),
    ),
}

#: Text that belongs to a section but stands elsewhere in the OCR text (two-column pages
#: interleaved): document -> section path -> (first words, last words) of each piece.
MOVED: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "ivb": {
        # Tabel 1 and 2 of the Veiligheidsbeeld stand after the next section's heading
        "Trends en ontwikkelingen > Veiligheidsbeeld- en cijfers": (
            (
                "Gedigitaliseerde criminaliteit 2019 2020 2021 2022",
                "Tabel 2: overzicht overlastmeldingen personen met onbegrepen gedrag.",
            ),
        ),
        # the end of the Verkeersoverlast section stands inside the jeugd section before it
        "Lokale speerpunten gemeente Urk > Verkeersoverlast": (
            (
                "Ook in het kader van openbare orde",
                "aan verdere bewustwording bij ouders en jongeren worden gewerkt.",
            ),
        ),
    },
}

#: The file of each source document in the seeds directory.
FILES = {"ivb": "000_*.txt", "raadssessie-2023-10-31": "002_*.txt"}


class SectionNotFound(LookupError):
    """A section path names no heading of the document's outline."""


def seeds_dir() -> Path | None:
    """The directory of the source texts: ``$IVB_SOURCE_DIR`` or a ``shared/seeds`` above."""
    env = os.environ.get("IVB_SOURCE_DIR")
    if env:
        return Path(env)
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


def _key(title: str) -> str:
    """A heading compared by its letters and digits (no brackets, case or punctuation)."""
    return re.sub(r"[^0-9a-zà-ÿ]", "", title.casefold().replace("&", "en"))


def _pattern(start: str) -> re.Pattern[str]:
    """*start* as a pattern that lets any white space (line ends, bullets' spaces) stand."""
    words = [re.escape(w) for w in start.split()]
    return re.compile(r"\s+".join(words))


@cache
def _text(document: str) -> str:
    seeds = seeds_dir()
    if seeds is None:
        raise FileNotFoundError("the source texts (shared/seeds) are not here")
    found = sorted(seeds.glob(FILES[document]))
    if not found:
        raise FileNotFoundError(f"no {FILES[document]} in {seeds}")
    return "".join(p.read_text("utf-8") for p in found)


def available() -> bool:
    """Whether the source texts are here."""
    try:
        for document in FILES:
            _text(document)
    except FileNotFoundError:
        return False
    return True


@cache
def _starts(document: str) -> tuple[int, ...]:
    """Where each heading of the outline starts in the text; each after the one before."""
    text = _text(document)
    starts: list[int] = []
    at = 0
    for _, title, start in OUTLINES[document]:
        m = _pattern(start).search(text, at)
        if m is None:
            raise AssertionError(f"{document}: the start of {title!r} ({start!r}) is not found")
        starts.append(m.start())
        # a chapter may start where its first section starts: the next search starts here
        at = m.start()
    return tuple(starts)


def _find(document: str, section: str) -> int:
    """The index in the outline of the heading that *section* ('A > B > C') names.

    Each part is looked for among the headings one level below the part before it
    (the first among the chapters), within that part's section.
    """
    outline = OUTLINES[document]
    found, level = -1, 0
    for part in (_key(p) for p in section.split(" > ")):
        for i in range(found + 1, len(outline)):
            lvl, title, _ = outline[i]
            if lvl <= level and found >= 0:
                raise SectionNotFound(f"{document}: no section {section!r}")
            if lvl == level + 1 and _key(title) == part:
                found, level = i, lvl
                break
        else:
            raise SectionNotFound(f"{document}: no section {section!r}")
    return found


def headings_above(document: str, section: str) -> list[str]:
    """The headings above *section* that the text prints (not those lost in the extraction).

    A heading is printed where its section starts with it; a chapter whose heading was
    lost starts with its first words or its first section.
    """
    outline = OUTLINES[document]
    found = _find(document, section)
    level = outline[found][0]
    above: list[str] = []
    for i in range(found - 1, -1, -1):
        lvl, title, start = outline[i]
        if lvl < level:
            level = lvl
            if _key(start).startswith(_key(title)):
                above.insert(0, title)
    return above


def section_text(document: str, section: str) -> str:
    """The text of *section* of *document*, from its start to the next heading of its level.

    Raises
    ------
    SectionNotFound
        If the path names no heading of the outline.
    """
    outline = OUTLINES[document]
    i = _find(document, section)
    starts = _starts(document)
    text = _text(document)
    level, title, _ = outline[i]
    begin = starts[i]
    if title.startswith("voetnoot "):
        paragraph = text.find("\n\n", begin)
        return text[begin : len(text) if paragraph < 0 else paragraph]
    end = len(text)
    for j in range(i + 1, len(outline)):
        if outline[j][0] <= level:
            end = starts[j]
            break
    pieces = [text[begin:end]]
    for key, moved in MOVED.get(document, {}).items():
        if _find(document, key) == i:
            pieces += [_piece(text, first, last) for first, last in moved]
    return "\n\n".join(pieces)


def _piece(text: str, first: str, last: str) -> str:
    """The text from *first* to the end of *last* (the next one after *first*)."""
    m = _pattern(first).search(text)
    n = None if m is None else _pattern(last).search(text, m.end())
    if m is None or n is None:
        raise AssertionError(f"a moved piece ({first!r} ... {last!r}) is not found")
    return text[m.start() : n.end()]
