"""A claim's facts (speaker, figures, names, flags) as HTML, for the reader's claim list
and the claim panel. A filter rather than a template: the reader draws them for every
claim of an article, and an include per claim, with a loop per figure and per name,
cost more than all the rest of the page's templates.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from ..choices import Origin

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


def _figure_title(quantity: dict) -> str:
    unit = quantity.get("unit")
    return quantity.get("qualifier", "") + (f", {unit}" if unit else "")


@register.filter
def facts(claim) -> SafeString:
    rows = []
    if claim.speaker:
        rows.append(format_html("<dt>Speaker</dt><dd>{}</dd>", claim.speaker))
    if claim.quantities:
        figures = format_html_join(
            ", ",
            '<span class="quantity" title="{}">{}</span>',
            ((_figure_title(q), q["text"]) for q in claim.quantities),
        )
        rows.append(format_html("<dt>Figures</dt><dd>{}</dd>", figures))
    named = [
        (e["text"], ENTITY_KINDS[e["label"]]) for e in claim.entities if e["label"] in ENTITY_KINDS
    ]
    if named:
        names = format_html_join(", ", '<span class="entity">{} <small>{}</small></span>', named)
        rows.append(format_html("<dt>Names</dt><dd>{}</dd>", names))
    flags = [
        label
        for shown, label in (
            (claim.is_quote, "quote"),
            (claim.hedged, "hedged"),
            (claim.origin == Origin.MANUAL, "manual"),
        )
        if shown
    ]
    badges = format_html_join("", '<span class="badge">{}</span>', ((f,) for f in flags))
    rows_html = mark_safe("".join(rows))  # each row built by format_html
    return format_html(
        '<dl class="claim-facts">{}</dl>\n<p class="flags">{}</p>', rows_html, badges
    )
