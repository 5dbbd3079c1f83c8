"""Encoding your own policy: a small IVB of a fictional municipality, validated and dumped.

ivb is not only the DNU policy: the same file format holds the integral safety
policy of any municipality. This example writes a small policy of the
fictional municipality Zuiderwaard (CBS code GM9901, which no real
municipality has) to a temporary folder and

1. loads and validates it with ``ivb.load``, and queries it like the bundled
   policy (thematrekker, preparation chain, authority over the police);
2. breaks it in a few ways and shows ivb's error messages, each with the path
   of the problem in the file;
3. dumps it back with ``ivb.dump`` and checks that nothing was lost.

The same from the command line, for a policy file of your own::

    ivb validate zuiderwaard-ivb.yaml
    ivb who-owns --policy zuiderwaard-ivb.yaml

Run it with ``python examples/encode_own_policy.py``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import ivb
from ivb.governance import authority_over, build_graph, diff, owner_of, preparation_chain

#: The policy file of the fictional municipality Zuiderwaard.
POLICY_YAML = """\
# Integraal Veiligheidsbeleid 2025-2028 of the fictional municipality Zuiderwaard.
schema_version: 2
id: zuiderwaard-ivb-2025-2028
title: Integraal Veiligheidsbeleid Zuiderwaard 2025-2028
period: [2025, 2028]
summary: Een klein integraal veiligheidsbeleid van de (verzonnen) gemeente Zuiderwaard.
documents:
  - id: ivb
    title: Integraal Veiligheidsbeleid Zuiderwaard 2025-2028
    kind: policy
municipalities:
  - id: zuiderwaard
    name: Zuiderwaard
    cbs_code: GM9901
    province: Flevoland
    province_code: PV24
    tooi: https://identifier.overheid.nl/tooi/id/gemeente/gm9901
    source: {document: ivb, section: Inleiding}
roles:
  - id: burgemeester
    name: Burgemeester
    kind: office
    municipalities: [zuiderwaard]
    duties:
      - text: Handhaving van de openbare orde en veiligheid
    authority:
      - over: politie
        scope: openbare orde en hulpverlening
        legal_basis: [Politiewet 2012]
        source: {document: ivb, section: Rollen}
    source: {document: ivb, section: Rollen}
  - id: officier-van-justitie
    name: Officier van Justitie
    kind: office
    organisation: openbaar-ministerie
    authority:
      - over: politie
        scope: strafrechtelijke handhaving
        source: {document: ivb, section: Rollen}
    source: {document: ivb, section: Rollen}
  - id: team-veiligheid
    name: Team Veiligheid
    kind: team
    municipalities: [zuiderwaard]
    duties:
      - text: Ambtelijke coördinatie van het veiligheidsbeleid
    source: {document: ivb, section: Rollen}
partners:
  - id: politie
    name: Politie
    category: police-and-justice
    source: {document: ivb, section: Rollen}
  - id: openbaar-ministerie
    name: Openbaar Ministerie
    abbreviation: OM
    category: police-and-justice
    source: {document: ivb, section: Rollen}
bodies:
  - id: lokale-driehoek
    name: Lokale driehoek
    tier: bestuurlijk
    scope: local
    purpose: Burgemeester, OM en politie stemmen de inzet van de politie af.
    municipalities: [zuiderwaard]
    members: [burgemeester, officier-van-justitie, politie]
    meets: fixed
    meetings_per_year: 4
    source: {document: ivb, section: Overleg}
  - id: ambtelijke-driehoek
    name: Ambtelijke driehoek
    tier: ambtelijk
    scope: local
    purpose: Het team Veiligheid bereidt de lokale driehoek voor.
    municipalities: [zuiderwaard]
    members: [team-veiligheid]
    prepares: [lokale-driehoek]
    source: {document: ivb, section: Overleg}
# The tiers of priorities, in the policy's own words.
tiers:
  - id: gezamenlijk-thema
    name: gezamenlijk thema
    heading: Gezamenlijke thema's
    lead_label: thematrekker
  - id: lokaal-speerpunt
    name: lokaal speerpunt
    heading: Lokale speerpunten
themes:
  - id: ondermijning
    name: Ondermijning
    tier: gezamenlijk-thema
    leads: [zuiderwaard]
    municipalities: [zuiderwaard]
    coordinators: [team-veiligheid]
    summary: Vermenging van onder- en bovenwereld tegengaan.
    fields: [integriteit-en-veiligheid]
    actions:
      - id: ondermijning.weerbare-organisatie
        text: We versterken de weerbaarheid van de eigen organisatie.
        kind: effort
        actors: [zuiderwaard]
        partners: [politie]
        date: "2026"
        timing: planned
        source: {document: ivb, section: Ondermijning}
    source: {document: ivb, section: Ondermijning}
speerpunten:
  - id: zuiderwaard-woninginbraak
    name: Woninginbraak
    tier: lokaal-speerpunt
    municipalities: [zuiderwaard]
    number: 1
    summary: Minder woninginbraken door preventie en buurtpreventie.
    fields: [veilige-woon-en-leefomgeving]
    source: {document: ivb, section: Woninginbraak}
# What the policy measures, added by `ivb migrate` from the ids the file uses:
# give each its Dutch name and where its numbers come from (data_source).
indicators:
  - id: woninginbraken
    name: Woninginbraken
    unit: count
    data_source:
      kind: not-stated
    source:
      document: ivb
      section: Woninginbraak
targets:
  - id: zuiderwaard-woninginbraak-target
    name: Minder woninginbraken
    municipalities: [zuiderwaard]
    priority: zuiderwaard-woninginbraak
    indicators: [woninginbraken]
    statement: Het aantal woninginbraken is in 2028 lager dan in 2024.
    comparison: less-than
    rule: lager dan in 2024
    baseline: {value: 40, unit: count, period: "2024"}
    horizon: "2028"
    source: {document: ivb, section: Woninginbraak}
"""

#: Mistakes in the shape of entities: (what is wrong, text to replace, replacement).
SHAPE_MISTAKES = (
    ("a CBS code with three digits", "cbs_code: GM9901", "cbs_code: GM991"),
    (
        "a body without its purpose",
        "    purpose: Burgemeester, OM en politie stemmen de inzet van de politie af.\n",
        "",
    ),
    ("a tier that does not exist", "tier: ambtelijk", "tier: ambtenaar"),
)
#: Mistakes in the references between entities.
REFERENCE_MISTAKES = (
    ("a typo in the thematrekker", "leads: [zuiderwaard]", "leads: [zuiderwaart]"),
    ("a theme as member of a body", "members: [team-veiligheid]", "members: [ondermijning]"),
)


Mistakes = tuple[tuple[str, str, str], ...]


def show_problems(folder: Path, label: str, mistakes: Mistakes) -> None:
    """Make *mistakes* in the policy, load it from *folder* and print what ivb finds."""
    text = POLICY_YAML
    print(f"  {label}, with {len(mistakes)} mistakes:")
    for what, old, new in mistakes:
        assert old in text, old
        text = text.replace(old, new, 1)
        print(f"    - {what}")
    path = folder / "zuiderwaard-ivb-broken.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        ivb.load(path)
    except ivb.PolicyValidationError as exc:
        print(f"    ivb.load raises {type(exc).__name__}:")
        for line in str(exc).replace(str(folder), "<tmp>").splitlines():
            print(f"      {line}")
    else:  # pragma: no cover - the mistakes above are always found
        raise AssertionError("the broken file loaded")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ivb-own-") as tmp:
        run(Path(tmp))


def run(folder: Path) -> None:
    """Write, validate, break and dump the policy in *folder*."""
    path = folder / "zuiderwaard-ivb.yaml"
    path.write_text(POLICY_YAML, encoding="utf-8")

    print(f"1. Validate {path.name} with ivb.load")
    policy = ivb.load(path)
    print(f"  valid: {policy.title} ({policy.period[0]}-{policy.period[1]})")
    for kind in ("municipality", "role", "partner", "body", "theme", "speerpunt", "target"):
        print(f"    {kind}: {len(policy.ids(kind))}")
    G = build_graph(policy)
    print(f"  thematrekker of Ondermijning: {owner_of(G, 'ondermijning').name}")
    for row in preparation_chain(G, "lokale-driehoek").to_dict("records"):
        print(f"  {row['name']} {row['relation']} {policy.get(row['feeds']).name}")
    for row in authority_over(G, "politie").to_dict("records"):
        print(f"  {row['holder_name']} has authority over {row['over_name']}: {row['scope']}")
    print()

    print("2. Broken versions, and what ivb says")
    print("  ivb checks the shape of every entity first, and the references between")
    print("  entities once the shapes are right; so a file can take two rounds of fixes.")
    show_problems(folder, "Round 1", SHAPE_MISTAKES + REFERENCE_MISTAKES)
    show_problems(folder, "Round 2, the shapes fixed", REFERENCE_MISTAKES)
    try:
        ivb.loads("schema_version: 2\nid: [zuiderwaard\n", origin="not-yaml.yaml")
    except ivb.PolicyFileError as exc:
        print(f"  Text that is no YAML: ivb.loads raises {type(exc).__name__}:")
        print(f"      {exc}")
    print()

    print("3. Dump it back with ivb.dump")
    out = ivb.dump(policy, folder / "zuiderwaard-ivb-dumped.yaml")
    again = ivb.load(out)
    print(f"  wrote {out.name}; read back equal to the original: {again == policy}")
    print(f"  differences found by ivb.governance.diff: {len(diff(policy, again))}")
    print("  its first lines:")
    for line in out.read_text(encoding="utf-8").splitlines()[:8]:
        print(f"    {line}")


if __name__ == "__main__":
    main()
