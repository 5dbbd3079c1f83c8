"""`overview` and `who-owns` on shapes version 1 could not say: no lead, co-leads, ad hoc bodies,
accents under a theme; headings come from the file's tiers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ivb.cli import main


def cli(*args: str) -> str:
    out = io.StringIO()
    assert main(list(args), out=out) == 0
    return out.getvalue()


@pytest.fixture
def shaped(tmp_path: Path, mini_text: str) -> Path:
    text = (
        mini_text.replace(
            "    heading: Gezamenlijke thema's\n", "    heading: Bovenlokale prioriteiten\n"
        )
        .replace("    lead_label: thematrekker\n", "    lead_label: trekker\n")
        .replace("    leads: [voorbeeld]\n", "    no_lead: true\n")
        .replace("    meets: fixed\n    meetings_per_year: 4\n", "    meets: ad-hoc\n")
    )
    text = text.replace(
        "  - id: lokaal-speerpunt\n    name: lokaal speerpunt\n    heading: Lokale speerpunten\n",
        "  - id: lokaal-speerpunt\n    name: lokaal speerpunt\n    heading: Lokale speerpunten\n"
        "  - id: accent\n    name: accent\n    heading: Accenten\n    parent: lokaal-speerpunt\n",
    )
    text += (
        "  - id: voorbeeld-jeugd.groepen\n    name: Jeugdgroepen\n    tier: accent\n"
        "    parent: voorbeeld-jeugd\n    municipalities: [voorbeeld]\n"
        "    leads: [voorbeeld, burgemeester]\n    summary: Problematische jeugdgroepen.\n"
        "    source: {document: ivb, section: Jeugd}\n"
    )
    path = tmp_path / "vorm.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_overview_headings_and_leads_come_from_the_file(shaped: Path) -> None:
    out = cli("overview", "--policy", str(shaped))
    assert "\nBovenlokale prioriteiten (trekker)\n  Ondermijning (geen trekker)\n" in out
    assert "Gezamenlijke thema's" not in out
    assert (
        "\nLokale speerpunten\n  Voorbeeld\n    1. Jeugd en veiligheid\n"
        "      accent: Jeugdgroepen (Voorbeeld, Burgemeester)\n"
    ) in out
    assert "Driehoek  bestuurlijk  ad hoc" in out


def test_who_owns_says_no_lead_and_co_leads(shaped: Path) -> None:
    rows = {r["id"]: r for r in json.loads(cli("who-owns", "--policy", str(shaped), "--json"))}
    assert (rows["ondermijning"]["leads"], rows["ondermijning"]["no_lead"]) == ([], True)
    assert rows["ondermijning"]["owner"] is None
    assert rows["voorbeeld-jeugd.groepen"]["lead_names"] == ["Voorbeeld", "Burgemeester"]
    assert rows["voorbeeld-jeugd.groepen"]["owner"] is None
    assert rows["voorbeeld-jeugd"]["owner"] == "voorbeeld"  # its one municipality
    text = cli("who-owns", "--policy", str(shaped))
    row = next(line for line in text.splitlines() if "[ondermijning]" in line)
    assert row.split()[2:7] == ["gezamenlijk", "thema", "geen", "trekker", "Voorbeeld"]
    row = next(line for line in text.splitlines() if "[voorbeeld-jeugd.groepen]" in line)
    assert "Voorbeeld, Burgemeester (trekker)" not in row  # the accent tier has no lead label
    assert "Voorbeeld, Burgemeester" in row


def test_report_uses_the_tiers_and_says_no_lead(shaped: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    cli("report", "--policy", str(shaped), "--date", "2026-01-01", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "<h3>Bovenlokale prioriteiten</h3>" in html
    assert '<th scope="col">Trekker</th>' in html
    assert '<th scope="row">Ondermijning</th><td>Voorbeeld</td>\n<td>geen trekker</td>' in html
    assert "<td>Voorbeeld, Burgemeester</td>" in html
    assert "Gezamenlijke thema" not in html and "thematrekker" not in html
