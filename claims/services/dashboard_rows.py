"""Keeping the review table in step with links: a contradiction an analyst links by hand
gets a row (origin analyst); a link that confirmed a suggestion reopens it when deleted.

Called by the link services in ``annotation``, inside their transactions.
"""

from __future__ import annotations

from django.utils import timezone

from ..models import Link, Relation, ReviewStatus, Suggestion, SuggestionOrigin
from .matching import pair_key


def record_link(link: Link) -> None:
    """Keep the review table in step with a link just created or changed."""
    key, first, second = pair_key(link.source, link.target)
    row = Suggestion.objects.select_for_update().filter(key=key).first()
    if row is None:
        if link.relation != Relation.CONTRADICTS:
            return
        # Open for now: the link confirms it below, by its author, now.
        row = Suggestion(key=key, origin=SuggestionOrigin.ANALYST, score=1.0)
        row.reason = "linked by an analyst"
    elif row.origin == SuggestionOrigin.ANALYST and link.relation != Relation.CONTRADICTS:
        row.delete()
        return
    elif row.link_id not in (None, link.pk):
        return  # the pair has another link already: that one speaks for it
    row.set_ends(first, second)
    row.relation, row.link = link.relation, link
    if row.status == ReviewStatus.OPEN:
        row.status, row.reviewed_by, row.reviewed_at = (
            ReviewStatus.CONFIRMED,
            link.author,
            timezone.now(),
        )
    row.save()


def forget_link(link: Link) -> None:
    """Before a link is deleted: its analyst row goes; a suggestion it confirmed reopens."""
    row = Suggestion.objects.filter(link=link).first()
    if row is None:
        return
    if row.origin == SuggestionOrigin.ANALYST:
        row.delete()
        return
    row.link = None
    row.status, row.status_reason, row.reviewed_by, row.reviewed_at = (
        ReviewStatus.OPEN,
        "",
        None,
        None,
    )
    row.save(update_fields=["link", "status", "status_reason", "reviewed_by", "reviewed_at"])
