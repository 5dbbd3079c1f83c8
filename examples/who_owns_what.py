"""Who owns what: the joint themes, their thematrekker, and each municipality's speerpunten.

Dronten, Noordoostpolder and Urk share three themes; each municipality is
thematrekker of one and works it out for all three. Next to these, every
municipality has its own local speerpunten. This example loads the bundled
policy, builds the governance graph and answers:

- which municipality is thematrekker of which theme, and who coordinates it
  (``ivb.governance.who_owns``);
- which speerpunten each municipality owns;
- one owner looked up by id (``owner_of``), and what a typo in an id gives;
- what the teams Veiligheid, who carry the ambtelijke coordination of the
  IVB as a whole, do: their tasks in the words of the source (the role's
  ``duties``) and the relations ivb draws for them (``responsibilities``).

The same from the command line::

    ivb who-owns
    ivb who-owns ondermijning
    ivb show teams-veiligheid

Run it with ``python examples/who_owns_what.py``.
"""

from __future__ import annotations

import textwrap

import ivb
from ivb.governance import UnknownNodeError, build_graph, owner_of, responsibilities, who_owns
from ivb.model import Role, Speerpunt, Theme


def main() -> None:
    policy = ivb.load()
    G = build_graph(policy)
    first, last = policy.period
    print(f"{policy.title} ({first}-{last})")
    print(f"Municipalities: {', '.join(m.name for m in policy.municipalities)}")
    print()

    owners = who_owns(G)
    print("Joint themes, each worked out by one thematrekker:")
    for row in owners[owners.kind == "theme"].to_dict("records"):
        theme = policy.get(row["id"], Theme)
        shared = [policy.get(m).name for m in theme.municipalities]
        print(f"  {row['name']}")
        print(f"    thematrekker:   {row['owner_name']}")
        print(f"    shared by:      {', '.join(shared)}")
        print(f"    coordinated by: {', '.join(row['coordinator_names'])}")
    print()

    print("Local speerpunten, each owned by one municipality:")
    speerpunten = owners[owners.kind == "speerpunt"]
    for municipality in policy.municipalities:
        print(f"  {municipality.name} ({municipality.cbs_code})")
        for row in speerpunten[speerpunten.owner == municipality.id].to_dict("records"):
            number = policy.get(row["id"], Speerpunt).number
            label = f"{number}. {row['name']}" if number is not None else row["name"]
            print(f"    {label} (coordinated by {', '.join(row['coordinator_names'])})")
    print()

    print("One owner, looked up by id:")
    print(f"  owner_of(G, 'ondermijning') -> {owner_of(G, 'ondermijning').name}")
    try:
        owner_of(G, "ondermijnig")
    except UnknownNodeError as exc:
        print(f"  owner_of(G, 'ondermijnig') -> {type(exc).__name__}: {exc}")
    print()

    actor = policy.get("teams-veiligheid", Role)
    print(f"What the {actor.name} do, in the words of the source:")
    for duty in actor.duties:
        print(textwrap.fill(duty.text, width=96, initial_indent="  - ", subsequent_indent="    "))
    print("and the relations ivb draws for them (marked where ivb derives one):")
    for row in responsibilities(G, actor.id).to_dict("records"):
        derived = " [derived by ivb]" if row.get("basis", "stated") == "derived" else ""
        print(f"  {row['relation']}: {row['name']} ({row['kind']}){derived}")


if __name__ == "__main__":
    main()
