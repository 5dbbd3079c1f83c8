"""The facts the examples print, checked on their own against the source text.

The snapshots in ``examples/expected`` catch any change of output; these tests say
which printed facts are right, so that a regenerated snapshot cannot carry a wrong one.
Quotes are from the policy (``Integraal Veiligheidsbeleid 2024-2027``).
"""

from __future__ import annotations

import re

import pytest

from tests.examples.test_examples import EXAMPLES, run

_OUTPUT: dict[str, str] = {}


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def get(name: str) -> str:
        if name not in _OUTPUT:
            result = run(EXAMPLES / f"{name}.py", cwd=tmp_path_factory.mktemp(name))
            assert result.returncode == 0, result.stderr
            _OUTPUT[name] = result.stdout
        return _OUTPUT[name]

    return get


def _block(text: str, heading: str) -> list[str]:
    """The indented lines under the line *heading* (up to the next line as little indented)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == heading.strip())
    indent = len(lines[start]) - len(lines[start].lstrip())
    out = []
    for line in lines[start + 1 :]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        out.append(line)
    return [line for line in out if line.strip()]


def test_who_owns_what(output) -> None:  # type: ignore[no-untyped-def]
    text = output("who_owns_what")
    # "Gemeente Dronten thema ondermijning, Gemeente Noordoostpolder thema cybercrime en
    # digitale veiligheid, Gemeente Urk thema maatschappelijke onrust"
    trekkers = dict(re.findall(r"^  (\S.*)\n    thematrekker:\s+(\S.*)$", text, flags=re.MULTILINE))
    assert trekkers == {
        "Cybercrime en digitale veiligheid": "Noordoostpolder",
        "Ondermijning": "Dronten",
        "Maatschappelijke onrust": "Urk",
    }
    assert text.count("shared by:      Dronten, Noordoostpolder, Urk") == 3
    # three local speerpunten each for Dronten and Noordoostpolder, five for Urk
    for municipality, n in (("Dronten (GM0303)", 3), ("Noordoostpolder (GM0171)", 3)):
        block = _block(text, f"  {municipality}")
        assert [line.split(".")[0].strip() for line in block] == [str(i) for i in range(1, n + 1)]
    urk = [line.strip().split(" (")[0] for line in _block(text, "  Urk (GM0184)")]
    assert urk == [
        "Persoonsgerichte aanpak",
        "Aanpak overlastgevende en problematische jeugd",
        "Verkeersoverlast",
        "Vuurwerk",
        "Veilig Uitgaan",
    ]
    assert "owner_of(G, 'ondermijning') -> Dronten" in text
    # "Zij regisseren in brede zin de implementatie van het IVB, interveniëren bij
    # knelpunten in de aanpak en pakken nieuwe veiligheidsvraagstukken op."
    duties = _block(text, "What the Afdelingen / teams Veiligheid do, in the words of the source:")
    assert "  - Regisseren in brede zin van de implementatie van het IVB." in duties
    assert "  - Interveniëren bij knelpunten in de aanpak." in duties
    assert "did you mean 'ondermijning'?" in text


def test_escalation_path(output) -> None:  # type: ignore[no-untyped-def]
    text = output("escalation_path")
    # "... kan opgeschaald worden naar het Zorg- en Veiligheidshuis Flevoland."
    steps = re.findall(r"^  (\d)\. (.+?) \(", text, flags=re.MULTILINE)
    assert steps == [
        ("1", "Zorg- en Veiligheidstafel"),
        ("2", "Zorg- en Veiligheidshuis Flevoland"),
    ]
    assert "justitiële deskundigheid" in text
    assert "Beyond the Zorg- en Veiligheidshuis Flevoland: no further step" in text
    # "kan opgeschaald worden": a possibility, said as one
    assert "When a case can be escalated, as the source says:" in text
    assert " is escalated" not in text
    assert "(possible: 'kan opgeschaald worden')" in text
    # "De adviseur zorg en veiligheid leidt de PGA binnen de gemeente": the method, not the table
    assert "the method is led by: Adviseur zorg en veiligheid" in text
    assert "- Leidt de PGA binnen de gemeente." in text
    # "het risico op recidive en contacten met politie en justitie te verminderen"
    assert "recidive" in text
    # the table's members are the chain partners with the resident, in the source's words
    assert "betrokken ketenpartners, samen met de betrokken inwoner" in text
    partners = [
        line.strip() for line in _block(text, "Partners of the speerpunt Persoonsgerichte aanpak:")
    ]
    assert "Zorg- en Veiligheidshuis Flevoland" in partners
    assert len(partners) == len(set(partners))


def test_preparation_flow(output) -> None:  # type: ignore[no-untyped-def]
    text = output("preparation_flow")
    # the Ambtelijk Vooroverleg prepares the Districtelijk Veiligheidscollege; both meet
    # "vier keer per jaar"
    assert re.search(
        r"Districtelijk Veiligheidscollege Flevoland \(bestuurlijk, district; meets vier keer per "
        r"jaar\)\n\s+prepared by Ambtelijk Vooroverleg \(ambtelijk, district",
        text,
    )
    assert "prepared by Ambtelijke basisteamdriehoek" in text
    # "Zij [de teams Veiligheid] informeren en adviseren de portefeuillehouders, de
    # basisteamchef en de Officier van Justitie"
    assert re.search(
        r"the source, as a duty of the Afdelingen / teams Veiligheid:\n\s+Informeren en "
        r"adviseren van de portefeuillehouders, de basisteamchef en de Officier van",
        text,
    )
    # the basisteamdriehoek's members are not listed in the source: marked as derived
    assert "the source lists no members: ivb derives them" in text
    # "de zes Flevolandse burgemeesters, het OM en de politie"
    assert (
        "Burgemeester van Dronten, Burgemeester van Noordoostpolder, Burgemeester van Urk, "
        "Openbaar Ministerie, Politie Midden-Nederland"
    ) in text
    # the burgemeester's authority over the police rests on the Politiewet 2012
    authority = _block(
        text, "5. Who has authority over the police (Politie Midden-Nederland), and for what"
    )
    holders = [line.split(":")[0].strip() for line in authority if not line.startswith("    ")]
    assert holders == ["Burgemeester", "Officier van Justitie"]
    assert authority[1].strip() == "legal basis: Politiewet 2012"


def test_monitor_veiligheidsbeleving(output) -> None:  # type: ignore[no-untyped-def]
    text = output("monitor_veiligheidsbeleving")
    # "... dit betreft een 7,6"; higher is better, by 2027
    assert "baseline: 7.6 rapportcijfer" in text
    assert "more-than the baseline (better is higher); horizon 2027" in text
    statuses = re.findall(
        r"^\s+\[(on track|off track|not achieved|no data|achieved)\] (.+)$", text, re.M
    )
    # before the horizon a worse result is off track, not yet "not achieved"
    assert [s for s, _ in statuses] == ["on track", "on track", "off track", "no data"]
    # each status follows from the numbers printed with it
    pairs = re.findall(
        r"(\d+(?:\.\d+)?) in 2025 is (not )?(higher|lower) than the baseline (\d+(?:\.\d+)?)", text
    )
    assert len(pairs) == 3
    for latest, negated, word, base in pairs:
        better = float(latest) > float(base) if word == "higher" else float(latest) < float(base)
        assert better is (negated == "")
    counts = re.search(r"\(no-data: (\d), off-track: (\d), on-track: (\d)\)", text)
    # nothing is said to be written that the example does not keep
    assert "written to" not in text and "not written: give a file name" in text
    assert counts is not None
    assert [int(c) for c in counts.groups()] == [
        sum(s == "no data" for s, _ in statuses),
        sum(s == "off track" for s, _ in statuses),
        sum(s == "on track" for s, _ in statuses),
    ]


def test_encode_own_policy(output) -> None:  # type: ignore[no-untyped-def]
    text = output("encode_own_policy")
    round1 = re.search(r"Round 1, with (\d) mistakes:", text)
    round2 = re.search(r"Round 2, the shapes fixed, with (\d) mistakes:", text)
    assert round1 and round2
    # shape problems first (3 of the 5 mistakes), then the 2 reference problems
    assert re.search(r"(\d) problems in <tmp>/zuiderwaard-ivb-broken.yaml:", text)
    found = [int(n) for n in re.findall(r"(\d) problems in <tmp>", text)]
    assert found == [3, 2] and sum(found) == int(round1[1]) and found[1] == int(round2[1])
    assert "cbs_code: expected 'GM' and four digits, got 'GM991'" in text
    assert "did you mean 'zuiderwaard'?" in text
    assert "read back equal to the original: True" in text
    assert "differences found by ivb.governance.diff: 0" in text


def test_export_for_gephi(output) -> None:  # type: ignore[no-untyped-def]
    text = output("export_for_gephi")
    n, m = map(int, re.search(r"(\d+) nodes, (\d+) edges", text).groups())  # type: ignore[union-attr]
    kinds = {
        k: int(v)
        for k, v in re.findall(
            r"^  ([a-z-]+)\s+(\d+)$", "\n".join(_block(text, f"Nodes per kind ({n} in all):")), re.M
        )
    }
    assert sum(kinds.values()) == n
    # three municipalities, three joint themes, eleven speerpunten (3 + 3 + 5)
    assert (kinds["municipality"], kinds["theme"], kinds["speerpunt"]) == (3, 3, 11)
    relations = re.findall(
        r"^  ([a-z-]+)\s+(\d+)  ",
        "\n".join(_block(text, f"Edges per relation ({m} in all):")),
        re.M,
    )
    assert sum(int(v) for _, v in relations) == m
    assert "same nodes, edges and objects: True" in text


def test_preparation_flow_names_the_teams_as_who_informs(output) -> None:  # type: ignore[no-untyped-def]
    # "Zij [de teams Veiligheid] informeren en adviseren de portefeuillehouders, de
    # basisteamchef en de Officier van Justitie"
    heading = "2. Who informs and advises the members of the basisteamdriehoek"
    block = _block(output("preparation_flow"), heading)
    assert "  Basisteamchef: informed by Afdelingen / teams Veiligheid" in block
