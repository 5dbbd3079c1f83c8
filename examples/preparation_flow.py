"""A governance flow: how the ambtelijke overleggen prepare the bestuurlijke ones.

The policy names two lines of preparation:

- in the district Flevoland, the Ambtelijk Vooroverleg prepares the
  Districtelijk Veiligheidscollege Flevoland;
- in the basisteam, the ambtelijke basisteamdriehoek prepares the
  bestuurlijke basisteamdriehoek DNU (the Basisteamdriehoek Dronten,
  Noordoostpolder en Urk), and informs and advises the portefeuillehouders,
  the basisteamchef and the Officier van Justitie.

This example follows both lines with ``chain_links`` (the records of
``preparation_chain``), shows who sits on each body (``members``) and, the other
way round, where each actor sits (``responsibilities``), and ends with who has
authority over the police for what (``authority_links``, the records of
``authority_over``).

Run it with ``python examples/preparation_flow.py``.
"""

from __future__ import annotations

import textwrap

import ivb
from ivb.governance import (
    authority_links,
    build_graph,
    chain_links,
    members,
    responsibilities,
)
from ivb.model import ConsultationBody

#: Width to which long source texts are wrapped.
WIDTH = 96
#: The two decision bodies (bestuurlijk) whose preparation the example follows.
DECISION_BODIES = ("districtelijk-veiligheidscollege-flevoland", "basisteamdriehoek-dnu")
#: The actors whose seats the example lists.
ACTORS = (
    "burgemeester",
    "portefeuillehouders-oov",
    "officier-van-justitie",
    "basisteamchef",
    "teams-veiligheid",
    "openbaar-ministerie",
    "politie-midden-nederland",
)

#: How a chain link reads from the body it feeds.
PASSIVE = {"prepares": "prepared by", "informs": "informed by"}


def describe_body(policy: ivb.Policy, body_id: str) -> str:
    """One line on a body: its name, tier and scope, and how often it meets."""
    body = policy.get(body_id, ConsultationBody)
    how_often = body.frequency or "frequency not given"
    return f"{body.name} ({body.tier.value}, {body.scope.value}; meets {how_often})"


def main() -> None:
    policy = ivb.load()
    G = build_graph(policy)

    print("1. Who prepares the bestuurlijke overleggen")
    for decision in DECISION_BODIES:
        print(f"  {describe_body(policy, decision)}")
        for row in chain_links(G, decision):
            indent = "  " * row.depth
            line = f"{PASSIVE[row.relation]} {describe_body(policy, row.id)}"
            if row.feeds != decision:
                line += f", which feeds {policy.get(row.feeds).name}"
            print(f"  {indent}{line}")
    print()

    print("2. What the ambtelijke basisteamdriehoek informs and advises")
    for role in ("portefeuillehouders-oov", "basisteamchef", "officier-van-justitie"):
        feeders = [r.name for r in chain_links(G, role) if r.relation == "informs"]
        print(f"  {policy.get(role).name}: informed by {', '.join(feeders)}")
    print()

    print("3. Who sits on each body")
    bodies = [
        "ambtelijk-vooroverleg",
        "districtelijk-veiligheidscollege-flevoland",
        "ambtelijke-basisteamdriehoek",
        "basisteamdriehoek-dnu",
    ]
    for body_id in bodies:
        body = policy.get(body_id, ConsultationBody)
        seated = [m.name for m in members(G, body_id)]
        print(f"  {body.name}:")
        print(f"    members (encoded): {', '.join(seated) if seated else 'none encoded'}")
        if body.members_text:
            words = f"described as: {body.members_text}"
        else:
            words = "described as: the source lists no members (see the source note)"
        print(textwrap.fill(words, width=WIDTH, initial_indent="    ", subsequent_indent="      "))
    print()

    print("4. Where each actor sits")
    for actor in ACTORS:
        frame = responsibilities(G, actor)
        seats = frame[frame.relation == "member-of"]["name"].tolist()
        print(f"  {policy.get(actor).name}: {', '.join(seats) if seats else 'no seat'}")
    print()

    police = policy.get("politie-midden-nederland")
    print(f"5. Who has authority over the police ({police.name}), and for what")
    for row in authority_links(G, police.id):
        basis = ", ".join(row.legal_basis) if row.legal_basis else "no law named in the source"
        print(f"  {row.holder_name}: {row.scope}")
        print(f"    legal basis: {basis}")
        print(f"    source: {row.source}")


if __name__ == "__main__":
    main()
