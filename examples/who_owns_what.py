"""Who owns what: the joint themes, their thematrekker, and each municipality's speerpunten.

Dronten, Noordoostpolder and Urk share three themes; each municipality is
thematrekker of one and works it out for all three. Next to these, every
municipality has its own local speerpunten. This example loads the bundled
policy, builds the governance graph and answers:

- which municipality is thematrekker of which theme, and who coordinates it
  (``ivb.governance.ownerships``, the records of ``who_owns``);
- which speerpunten each municipality owns;
- one owner looked up by id (``owner_of``), and what a typo in an id gives;
- everything the ambtelijke coordinators, the teams Veiligheid, answer for
  (``responsibilities``).

Run it with ``python examples/who_owns_what.py``.
"""

from __future__ import annotations

import ivb
from ivb.governance import UnknownNodeError, build_graph, owner_of, ownerships, responsibilities
from ivb.model import Municipality, Speerpunt, Theme


def main() -> None:
    policy = ivb.load()
    G = build_graph(policy)
    first, last = policy.period
    print(f"{policy.title} ({first}-{last})")
    print(f"Municipalities: {', '.join(m.name for m in policy.municipalities)}")
    print()

    owners = ownerships(G)
    print("Joint themes, each worked out by one thematrekker:")
    for row in (o for o in owners if o.kind == "theme"):
        theme = policy.get(row.id, Theme)
        shared = [m.name for m in policy.resolve(theme.municipalities, Municipality)]
        print(f"  {row.name}")
        print(f"    thematrekker:   {row.owner_name}")
        print(f"    shared by:      {', '.join(shared)}")
        print(f"    coordinated by: {', '.join(row.coordinator_names)}")
    print()

    print("Local speerpunten, each owned by one municipality:")
    speerpunten = [o for o in owners if o.kind == "speerpunt"]
    for municipality in policy.municipalities:
        print(f"  {municipality.name} ({municipality.cbs_code})")
        for row in (s for s in speerpunten if s.owner == municipality.id):
            number = policy.get(row.id, Speerpunt).number
            label = f"{number}. {row.name}" if number is not None else row.name
            print(f"    {label} (coordinated by {', '.join(row.coordinator_names)})")
    print()

    print("One owner, looked up by id:")
    print(f"  owner_of(G, 'ondermijning') -> {owner_of(G, 'ondermijning').name}")
    try:
        owner_of(G, "ondermijnig")
    except UnknownNodeError as exc:
        print(f"  owner_of(G, 'ondermijnig') -> {type(exc).__name__}: {exc}")
    print()

    actor = policy.get("teams-veiligheid")
    print(f"What the {actor.name} answer for (the ambtelijke coordination):")
    for row in responsibilities(G, actor.id).itertuples(index=False):
        print(f"  {row.relation}: {row.name} ({row.kind})")


if __name__ == "__main__":
    main()
