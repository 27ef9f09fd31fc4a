"""What the template of a claim's facts (``claims/_claim_facts.html``) reads of it."""

from __future__ import annotations

from django import template

register = template.Library()


# spaCy's entity labels in words an analyst uses; only the kinds one can act on (names
# to search, alias or compare) are listed: dates, ordinals and the like are left out.
ENTITY_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
}


@register.filter
def named_entities(claim) -> list[tuple[str, str]]:
    """The claim's names an analyst can act on, each with its kind in words."""
    return [
        (e["text"], ENTITY_KINDS[e["label"]]) for e in claim.entities if e["label"] in ENTITY_KINDS
    ]
