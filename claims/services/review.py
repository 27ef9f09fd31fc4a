"""Writes: the analyst's verdicts on suggestions, and contradiction links on the dashboard.

A suggestion is open until an analyst confirms it (which draws the link), dismisses it
or marks it resolved; dismissing and resolving need a reason; who and when are kept.
A contradiction an analyst links by hand gets a row of its own (origin analyst), so the
conflicts dashboard lists suggestions and links from one table.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..models import ReviewStatus, Suggestion, SuggestionOrigin
from .annotation import AnnotationError, create_link

REASON_NEEDED = "Say why: dismissing or resolving needs a reason."
REASON_TOO_LONG = "The reason is too long (at most 2,000 characters)."
UNKNOWN_STATUS = "Choose open, confirmed, dismissed or resolved."
GONE = "The claims of this suggestion are no longer in their articles."
MAX_REASON = 2000


@transaction.atomic
def review(*, suggestion: Suggestion, status: str, reason: str = "", user) -> Suggestion:
    """Set a suggestion's review status. Confirming a suggestion between two articles
    links its claims with the suggested relation."""
    if status not in ReviewStatus.values:
        raise AnnotationError(UNKNOWN_STATUS)
    reason = reason.strip()
    if status in {ReviewStatus.DISMISSED, ReviewStatus.RESOLVED} and not reason:
        raise AnnotationError(REASON_NEEDED)
    if len(reason) > MAX_REASON:
        raise AnnotationError(REASON_TOO_LONG)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.claim_a_id is None or suggestion.claim_b_id is None:
        raise AnnotationError(GONE)
    if status == ReviewStatus.CONFIRMED and not suggestion.internal and not suggestion.link_id:
        link, _ = create_link(
            source=suggestion.claim_a,
            target=suggestion.claim_b,
            relation=suggestion.relation,
            author=user,
        )
        # A row drawn for the new link under another key (texts changed since) gives way.
        Suggestion.objects.filter(link=link, origin=SuggestionOrigin.ANALYST).exclude(
            pk=suggestion.pk
        ).delete()
        suggestion.link = link
    suggestion.status = status
    suggestion.status_reason = reason
    suggestion.reviewed_by = user
    suggestion.reviewed_at = timezone.now()
    suggestion.save(update_fields=["link", "status", "status_reason", "reviewed_by", "reviewed_at"])
    return suggestion
