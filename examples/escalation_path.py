"""An escalation path: a PGA case from the Zorg- en Veiligheidstafel Urk upwards.

Since 1 February 2023 Urk has a Zorg- en Veiligheidstafel, where the chain
partners work with a resident on a plan under the Persoonsgerichte Aanpak
(PGA). When the local approach does not suffice and a case needs justitiële
deskundigheid, it can be escalated ("kan opgeschaald worden") to the Zorg- en
Veiligheidshuis Flevoland: a possibility, not a rule. This example follows
that path with ``escalation_path``, quotes when a case can be escalated, and
lists the roles involved: who leads the PGA, who is the link to the Zorg- en
Veiligheidshuis, and who shares the PGA across Flevoland.

The same from the command line::

    ivb show zorg-en-veiligheidstafel-urk
    ivb show adviseur-zorg-en-veiligheid

Run it with ``python examples/escalation_path.py``.
"""

from __future__ import annotations

import re
import textwrap

import ivb
from ivb.governance import (
    build_graph,
    escalation_links,
    escalation_path,
    partners_of,
    responsibilities,
)
from ivb.model import ConsultationBody, Instrument, Partner, Role

#: Where the case starts.
START = "zorg-en-veiligheidstafel-urk"
#: Width to which long source texts are wrapped.
WIDTH = 96


def wrap(text: str, indent: str, hanging: str = "") -> str:
    """*text* wrapped to WIDTH, indented by *indent* (and *hanging* more after the first line)."""
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + hanging,
        break_on_hyphens=False,
    )


def sentence_with(text: str, word: str) -> str:
    """The first sentence of *text* that contains *word*."""
    for sentence in re.split(r"(?<=\.)\s+", text):
        if word in sentence:
            return sentence
    raise LookupError(f"no sentence with {word!r}")


def describe(step: object) -> str:
    """One line on a step of the path."""
    if isinstance(step, ConsultationBody):
        started = f"; since {step.started}" if step.started else ""
        return f"{step.name} (consultation body: {step.tier.value}, {step.scope.value}{started})"
    if isinstance(step, Partner):
        return f"{step.name} (partner organisation, sector {step.category.value})"
    return f"{getattr(step, 'name', step)}"


def main() -> None:
    policy = ivb.load()
    G = build_graph(policy)
    table = policy.get(START, ConsultationBody)
    pga = policy.get("pga", Instrument)

    print(f"A PGA case in {policy.get(table.municipalities[0]).name}")
    print(f"  method: {pga.name} ({pga.abbreviation})")
    print(f"  at the table, in the words of the source: {table.members_text}")
    print(wrap(f"purpose: {sentence_with(table.purpose, 'recidive')}", "  ", "  "))
    print(f"  the method is led by: {', '.join(policy.get(c).name for c in pga.leads)}")
    print()

    path = escalation_path(G, START)
    print("Escalation path:")
    print(f"  1. {describe(path[0])}")
    for step in escalation_links(G, START):
        can = " (possible: 'kan opgeschaald worden')" if step.modality == "possible" else ""
        print(f"  {step.depth + 1}. {describe(policy.get(step.id))}{can}")
    # the sentence of the source that states the escalation: the action on both ends
    action = next(a for a in policy.actions if START in a.bodies and path[-1].id in a.partners)
    print("When a case can be escalated, as the source says:")
    print(wrap(sentence_with(action.text, "opgeschaald"), "  "))
    print(f"  (source: {action.source})")
    last = path[-1]
    further = escalation_path(G, last.id)[1:]
    print(f"Beyond the {last.name}: {', '.join(s.name for s in further) or 'no further step'}")
    print()

    print("Roles involved:")
    adviseur = policy.get("adviseur-zorg-en-veiligheid", Role)
    where = ", ".join(policy.get(m).name for m in adviseur.municipalities)
    print(f"  {adviseur.name} ({adviseur.kind.value}, {where})")
    for duty in adviseur.duties:
        print(wrap(f"- {duty.text}", "    ", hanging="  "))
    for row in responsibilities(G, adviseur.id).to_dict("records"):
        if row["relation"] in ("coordinates", "leads", "runs"):
            print(f"    {row['relation']}: {row['name']} ({row['kind']})")
    coordinators = policy.get("pga-coordinatoren", Role)
    seats = [
        policy.get(r["id"]).name
        for r in responsibilities(G, coordinators.id).to_dict("records")
        if r["relation"] == "member-of"
    ]
    print(f"  {coordinators.name} ({coordinators.kind.value}): sit on {', '.join(seats)}")
    werkgroep = policy.get("regionale-pga-werkgroep", ConsultationBody)
    print(wrap(werkgroep.purpose, "    "))
    print()

    speerpunt = policy.get("urk-persoonsgerichte-aanpak")
    print(f"Partners of the speerpunt {speerpunt.name}:")
    for partner in partners_of(G, speerpunt.id):
        print(f"  {partner.name}")


if __name__ == "__main__":
    main()
