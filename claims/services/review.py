"""Writes: the analyst's verdicts on suggestions, and contradiction links on the dashboard.

A suggestion is open until an analyst confirms it (which draws the link), dismisses it
or marks it resolved; dismissing and resolving need a reason; who and when are kept.
A contradiction an analyst links by hand gets a row of its own (origin analyst), so the
conflicts dashboard lists suggestions and links from one table.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ..models import Claim, Link, ReviewStatus, Suggestion, SuggestionOrigin
from .annotation import create_link, may_change_link
from .errors import ServiceError

REASON_NEEDED = "Say why: dismissing or resolving needs a reason."
REASON_TOO_LONG = "The reason is too long (at most 2,000 characters)."
UNKNOWN_STATUS = "Choose open, confirmed, dismissed or resolved."
GONE = "The claims of this suggestion are no longer in their articles."
STALE_REVIEW = (
    "{who} reviewed this at {when} (now {status}), after you opened it: reload to see "
    "their review, then review again."
)
NOT_YOUR_CONFIRMATION = (
    "Only {author} (whose link confirmed this) or an admin can withdraw the confirmation."
)
LINK_HAS_NOTES = (
    "The link this confirmation drew has notes: delete them first, or keep it confirmed."
)
MAX_REASON = 2000


@transaction.atomic
def review(
    *,
    suggestion: Suggestion,
    status: str,
    reason: str = "",
    user: User | None,
    version: int | None = None,
    ends: tuple[Claim, Claim] | None = None,
) -> Suggestion:
    """Set a suggestion's review status, on ``version`` (None: the latest).

    Confirming a suggestion between two articles links its claims with the suggested
    relation (or ``ends``, copies of them, where the analyst read it: the compare view
    of two reprints of a wire story); withdrawing the confirmation (any other status)
    removes that link again.
    """
    if status not in ReviewStatus.values:
        raise ServiceError(UNKNOWN_STATUS)
    reason = reason.strip()
    if status in {ReviewStatus.DISMISSED, ReviewStatus.RESOLVED} and not reason:
        raise ServiceError(REASON_NEEDED)
    if len(reason) > MAX_REASON:
        raise ServiceError(REASON_TOO_LONG)
    suggestion = (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("reviewed_by")
        .get(pk=suggestion.pk)
    )
    if version is not None and version != suggestion.version:
        raise ServiceError(_stale(suggestion), status=409)
    if suggestion.claim_a is None or suggestion.claim_b is None:
        raise ServiceError(GONE)
    if status == ReviewStatus.CONFIRMED and not suggestion.internal and not suggestion.link_id:
        source, target = ends or (suggestion.claim_a, suggestion.claim_b)
        link, _ = create_link(
            source=source,
            target=target,
            relation=suggestion.relation,
            author=user,
        )
        # A row drawn for the new link under another key (texts changed since) gives way.
        Suggestion.objects.filter(link=link, origin=SuggestionOrigin.ANALYST).exclude(
            pk=suggestion.pk
        ).delete()
        suggestion.link = link
    elif status != ReviewStatus.CONFIRMED and suggestion.link_id:
        _withdraw(suggestion, user)
    suggestion.status = status
    suggestion.status_reason = reason
    suggestion.reviewed_by = user
    suggestion.reviewed_at = timezone.now()
    suggestion.version += 1
    suggestion.save(
        update_fields=["link", "status", "status_reason", "reviewed_by", "reviewed_at", "version"]
    )
    return suggestion


def _stale(suggestion: Suggestion) -> str:
    who = suggestion.reviewed_by.get_username() if suggestion.reviewed_by else "Someone"
    when = timezone.localtime(suggestion.reviewed_at or timezone.now())
    status = suggestion.get_status_display().lower()
    return STALE_REVIEW.format(who=who, when=when.strftime("%H:%M on %d %b %Y"), status=status)


def _withdraw(suggestion: Suggestion, user: User | None) -> None:
    """A confirmation withdrawn: the link it stands on goes, if its author or an admin
    asks and no notes hang on it (those would be lost)."""
    link = (
        Link.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=suggestion.link_id)
    )
    if not may_change_link(link, user):
        author = link.author.get_username() if link.author else "its author"
        raise ServiceError(NOT_YOUR_CONFIRMATION.format(author=author), status=403)
    if link.notes.exists():
        raise ServiceError(LINK_HAS_NOTES)
    suggestion.link = None
    suggestion.save(update_fields=["link"])
    link.delete()


@transaction.atomic
def review_entry(
    *,
    suggestion: Suggestion,
    status: str,
    reason: str = "",
    user: User | None,
    version: int | None = None,
) -> Suggestion:
    """One verdict for a dashboard entry: the row the analyst saw (on ``version``) and
    every other sentence pair of its entry (the same two facts, set apart by other
    reports of the story). Confirming draws each pair's link; withdrawing removes them.
    Any refusal refuses the whole verdict."""
    head = review(suggestion=suggestion, status=status, reason=reason, user=user, version=version)
    others = (
        Suggestion.objects.conflicts()
        .filter(article_a__story_id=head.article_a.story_id, entry=head.entry)
        .exclude(pk=head.pk)
        .order_by("pk")
    )
    for row in others:
        review(suggestion=row, status=status, reason=reason, user=user)
    return head
