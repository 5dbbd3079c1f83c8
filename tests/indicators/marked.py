"""A policy whose priorities have derived and ambiguous facts, for the report tests.

The bundled policy states every fact the report shows per theme and speerpunt; this
gives some of them a reading of ivb instead: the lead of the first joint theme is
derived, the actors of every action of the first theme are ambiguous ("we"), and one
action itself is derived.
"""

from __future__ import annotations

import attrs

import ivb
from ivb.model import Citation, Policy, SourceRef

#: The reasoning of the derived lead.
LEAD_NOTE = "De verdeling van de thema's noemt de trekker alleen in een opsomming."
#: The readings of the ambiguous actors.
READINGS = ("'we' zijn de drie gemeenten", "'we' is de gemeente als organisatie")
#: The reasoning of the derived action.
ACTION_NOTE = "De zin staat in de inleiding van het thema, niet in de opsomming."


def marked_policy() -> Policy:
    """The bundled policy with derived and ambiguous facts in its first theme."""
    policy = ivb.load()
    theme = policy.themes[0]
    (lead,) = policy.leads_of(theme)
    keep = [c for c in policy.citations if (c.holder, c.field) != (theme.id, "leads")]
    keep.append(
        Citation(
            holder=theme.id,
            field="leads",
            target=lead,
            source=SourceRef("ivb", theme.source.section, LEAD_NOTE, basis="derived"),
        )
    )
    for action in theme.actions:
        keep = [c for c in keep if (c.holder, c.field) != (action.id, "actors")]
        keep += [
            Citation(
                holder=action.id,
                field="actors",
                target=actor,
                source=SourceRef("ivb", theme.source.section, basis="ambiguous", readings=READINGS),
            )
            for actor in action.actors
        ]
    last = theme.actions[-1]
    derived = attrs.evolve(
        last, source=SourceRef("ivb", theme.source.section, ACTION_NOTE, basis="derived")
    )
    theme = attrs.evolve(theme, actions=(*theme.actions[:-1], derived))
    return attrs.evolve(policy, themes=(theme, *policy.themes[1:]), citations=tuple(keep))
