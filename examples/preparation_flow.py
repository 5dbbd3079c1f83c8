"""A governance flow: how the ambtelijke overleggen prepare the bestuurlijke ones.

The policy names two lines of preparation:

- in the district Flevoland, the Ambtelijk Vooroverleg prepares the
  Districtelijk Veiligheidscollege Flevoland;
- in the basisteam, the ambtelijke basisteamdriehoek prepares the
  bestuurlijke basisteamdriehoek DNU (the Basisteamdriehoek Dronten,
  Noordoostpolder en Urk); the teams Veiligheid of the three municipalities
  inform and advise the portefeuillehouders, the basisteamchef and the
  Officier van Justitie ("Zij informeren en adviseren ...").

The same from the command line::

    ivb chain districtelijk-veiligheidscollege-flevoland
    ivb chain basisteamdriehoek-dnu
    ivb bodies

This example follows both lines with ``preparation_chain``, shows who sits on
each body (``members``, marked where ivb derives the members because the
source lists none) and, the other way round, where each actor sits
(``responsibilities``), and ends with who has authority over the police for
what (``authority_over``).

Run it with ``python examples/preparation_flow.py``.
"""

from __future__ import annotations

import textwrap

import ivb
from ivb.governance import (
    authority_over,
    build_graph,
    members,
    preparation_chain,
    responsibilities,
)
from ivb.model import ConsultationBody, Role

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
        chain = preparation_chain(G, decision)
        for row in chain.to_dict("records"):
            indent = "  " * row["depth"]
            line = f"{PASSIVE[row['relation']]} {describe_body(policy, row['id'])}"
            if row["feeds"] != decision:
                line += f", which feeds {policy.get(row['feeds']).name}"
            print(f"  {indent}{line}")
    print()

    print("2. Who informs and advises the members of the basisteamdriehoek")
    for role in ("portefeuillehouders-oov", "basisteamchef", "officier-van-justitie"):
        chain = preparation_chain(G, role)
        feeders = [r["name"] for r in chain.to_dict("records") if r["relation"] == "informs"]
        print(f"  {policy.get(role).name}: informed by {', '.join(feeders) or 'no one encoded'}")
    teams = policy.get("teams-veiligheid", Role)
    duty = next(d.text for d in teams.duties if d.text.startswith("Informeren"))
    print(f"  the source, as a duty of the {teams.name}:")
    print(textwrap.fill(duty, width=WIDTH, initial_indent="    ", subsequent_indent="    "))
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
            words = f"the source: {body.members_text}"
        else:
            words = "the source lists no members: ivb derives them (see the source note)"
        print(textwrap.fill(words, width=WIDTH, initial_indent="    ", subsequent_indent="      "))
    print()

    print("4. Where each actor sits")
    for actor in ACTORS:
        rows = responsibilities(G, actor).to_dict("records")
        seats = [row["name"] for row in rows if row["relation"] == "member-of"]
        print(f"  {policy.get(actor).name}: {', '.join(seats) if seats else 'no seat'}")
    print()

    police = policy.get("politie-midden-nederland")
    print(f"5. Who has authority over the police ({police.name}), and for what")
    for row in authority_over(G, police.id).to_dict("records"):
        basis = (
            ", ".join(row["legal_basis"]) if row["legal_basis"] else "no law named in the source"
        )
        print(f"  {row['holder_name']}: {row['scope']}")
        print(f"    legal basis: {basis}")
        print(f"    source: {row['source']}")


if __name__ == "__main__":
    main()
