"""Writes an analyst makes: manual claims from selections, links, notes.

Each function validates, then writes in one transaction; errors are ``ServiceError``
with one of the messages below, which views show in the panel and tests reuse.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.apps import apps
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..models import SAME_ARTICLE, Article, Claim, Link, Note, Origin, Outlet, Relation
from ..roles import ADMIN, has_role
from ..wording import plain
from .dashboard_rows import forget_link, record_link
from .errors import ServiceError
from .matching import release_copies
from .queue import queue_story_match

MAX_SELECTION = 3000
MAX_NOTE = 5000
EMPTY_SELECTION = "Select some text first."
SELECTION_TOO_LONG = f"Select at most {MAX_SELECTION:,} characters."
OUT_OF_RANGE = "The selection lies outside the article text."
BAD_ORDER = "The selection must start before it ends."
UNKNOWN_RELATION = "Choose a relation: same, supports, contradicts, refines or related."
DUPLICATE_RELATION = "These two claims already have a '{relation}' link."
EMPTY_NOTE = "Write something in the note."
NOTE_TOO_LONG = f"Keep notes under {MAX_NOTE:,} characters."
NOT_YOUR_NOTE = "Only the note's author can change it."
NO_TITLE = "Give the article a headline."
SAME_WORDS = (
    "These two claims say the same words, so one cannot contradict the other: link them "
    "as same, or choose another claim."
)
NOT_YOUR_LINK = "Only {author} (who drew this link) or an admin can change or delete it."
STALE_LINK = (
    "This link was changed at {when}, after you opened it: reload to see the change, "
    "then try again."
)

NOT_RESTORABLE = "This link cannot be brought back: no record of its deletion was found."
ALREADY_THERE = "This link is there already."
ENDS_GONE = "This link cannot be brought back: one of its two claims has been deleted since."
LINKED_AGAIN = "These two claims have been linked that way again since: nothing to bring back."


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Validate a selection's code-point offsets and trim surrounding whitespace."""
    if start < 0 or end > len(text):
        raise ServiceError(OUT_OF_RANGE)
    if start >= end:
        raise ServiceError(BAD_ORDER if start > end else EMPTY_SELECTION)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ServiceError(EMPTY_SELECTION)
    if end - start > MAX_SELECTION:
        raise ServiceError(SELECTION_TOO_LONG)
    return start, end


@transaction.atomic
def claim_for_selection(
    *, article: Article, start: int, end: int, user: User | None
) -> tuple[Claim, bool]:
    """The claim at exactly this (trimmed) span: an existing one, or a new manual claim
    (then True). A selection that misses an existing claim only by quotation marks,
    punctuation or spaces at its ends is that claim."""
    start, end = trimmed_span(article.text, start, end)
    near = claim_near(article, start, end)
    if near is not None:
        return near, False
    return Claim.objects.get_or_create(
        article=article,
        start=start,
        end=end,
        defaults={"text": article.text[start:end], "origin": Origin.MANUAL, "created_by": user},
    )


# What a drag may take in or leave out at a claim's ends without meaning another claim.
EDGE = " \t\n\"'“”‘’«»„()[].,;:!?…-—–"


def claim_near(article: Article, start: int, end: int) -> Claim | None:
    """The existing claim whose span differs from ``start:end`` only by EDGE characters."""
    selected = article.text[start:end].strip(EDGE)
    if not selected:
        return None
    overlapping = article.claims.filter(start__lt=end, end__gt=start).order_by("start")
    claim: Claim
    for claim in overlapping:
        if claim.text.strip(EDGE) == selected:
            return claim
    return None


def _check_relation(relation: str) -> None:
    if relation not in Relation.values:
        raise ServiceError(UNKNOWN_RELATION)


def _same_pair(a: Claim, b: Claim, relation: str) -> QuerySet[Link]:
    return Link.objects.filter(relation=relation).filter(
        Q(source=a, target=b) | Q(source=b, target=a)
    )


@transaction.atomic
def create_link(
    *, source: Claim, target: Claim, relation: str, note: str = "", author: User | None
) -> tuple[Link, bool]:
    """Link two claims; a second request for the same link returns the first one."""
    _check_relation(relation)
    if source.article_id == target.article_id:
        raise ServiceError(SAME_ARTICLE)
    if relation == Relation.CONTRADICTS and plain(source.text) == plain(target.text):
        raise ServiceError(SAME_WORDS)
    existing = _same_pair(source, target, relation).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():  # a concurrent twin may win the unique constraint
            link = Link.objects.create(
                source=source, target=target, relation=relation, note=note.strip(), author=author
            )
    except IntegrityError:
        return _same_pair(source, target, relation).get(), False
    record_link(link)
    return link, True


def may_change_link(link: Link, user: User | None) -> bool:
    """Its author may change or delete a link, and admins may."""
    if user is None:
        return False
    return (link.author_id is not None and link.author_id == user.pk) or has_role(user, ADMIN)


def _check_link(link: Link, user: User | None, version: int | None) -> Link:
    """The link locked for a change by ``user`` on ``version`` (None: the latest)."""
    current: Link = (
        Link.objects.select_for_update(of=("self",)).select_related("author").get(pk=link.pk)
    )
    if not may_change_link(current, user):
        author = current.author.get_username() if current.author else "its author"
        raise ServiceError(NOT_YOUR_LINK.format(author=author), status=403)
    if version is not None and version != current.version:
        when = timezone.localtime(current.updated_at).strftime("%H:%M on %d %b %Y")
        raise ServiceError(STALE_LINK.format(when=when), status=409)
    return current


@transaction.atomic
def update_link(
    *,
    link: Link,
    relation: str,
    note: str,
    user: User | None,
    version: int | None = None,
) -> Link:
    _check_relation(relation)
    link = _check_link(link, user, version)
    if relation != link.relation and _same_pair(link.source, link.target, relation).exists():
        raise ServiceError(DUPLICATE_RELATION.format(relation=relation))
    link.relation, link.note, link.version = relation, note.strip(), link.version + 1
    link.save(update_fields=["relation", "note", "version", "updated_at"])
    record_link(link)
    return link


@transaction.atomic
def delete_link(*, link: Link, user: User | None, version: int | None = None) -> None:
    link = _check_link(link, user, version)
    forget_link(link)
    link.delete()


@transaction.atomic
def restore_link(*, link_id: int, user: User | None) -> Link:
    """Bring back a deleted link as it was (same id, relation, note and author) with the
    notes deleted with it, from the audit trail; ``user`` must be one who may change
    it. The review row the deletion reopened is confirmed by it again."""
    if Link.objects.filter(pk=link_id).exists():
        raise ServiceError(ALREADY_THERE)
    events = apps.get_model("claims", "LinkEvent").objects
    gone = events.filter(pgh_obj_id=link_id, pgh_label="delete").order_by("-pgh_id").first()
    if gone is None:
        raise ServiceError(NOT_RESTORABLE, status=404)
    link = Link(
        pk=link_id,
        source_id=gone.source_id,
        target_id=gone.target_id,
        relation=gone.relation,
        note=gone.note,
        author_id=gone.author_id,
    )
    if not may_change_link(link, user):
        raise ServiceError(NOT_YOUR_LINK.format(author="its author"), status=403)
    if Claim.objects.filter(pk__in=[gone.source_id, gone.target_id]).count() != 2:
        raise ServiceError(ENDS_GONE)
    if _same_pair(link.source, link.target, link.relation).exists():
        raise ServiceError(LINKED_AGAIN)
    link.save(force_insert=True)
    # the notes that went with it: their last event is the deletion, in that transaction
    notes = apps.get_model("claims", "NoteEvent").objects.filter(
        link_id=link_id, pgh_label="delete", pgh_created_at=gone.pgh_created_at
    )
    back = set(
        Note.objects.filter(pk__in=[n.pgh_obj_id for n in notes]).values_list("pk", flat=True)
    )
    Note.objects.bulk_create(
        Note(pk=n.pgh_obj_id, link=link, author_id=n.author_id, body=n.body)
        for n in notes
        if n.pgh_obj_id not in back
    )
    record_link(link)
    return link


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ServiceError(EMPTY_NOTE)
    if len(body) > MAX_NOTE:
        raise ServiceError(NOTE_TOO_LONG)
    return body


@transaction.atomic
def add_note(
    *,
    body: str,
    author: User | None,
    claim: Claim | None = None,
    link: Link | None = None,
) -> Note:
    return Note.objects.create(claim=claim, link=link, body=_clean_body(body), author=author)


def may_change(note: Note, user: User | None) -> bool:
    """Its author may change or delete a note, and admins may."""
    return user is not None and (note.author_id == user.pk or has_role(user, ADMIN))


def _check_author(note: Note, user: User | None) -> None:
    if not may_change(note, user):
        raise ServiceError(NOT_YOUR_NOTE, status=403)


@transaction.atomic
def edit_note(*, note: Note, body: str, user: User | None) -> Note:
    _check_author(note, user)
    note.body = _clean_body(body)
    note.save(update_fields=["body", "updated_at"])
    return note


@transaction.atomic
def delete_note(*, note: Note, user: User | None) -> None:
    _check_author(note, user)
    note.delete()


TARGET_NOT_IN_OTHER = "Choose a claim in the other article."


class Linked(NamedTuple):
    link: Link
    created: bool  # False: that link existed (a double submit, or a twin request won)
    new_claim: bool  # the selection became a new manual claim


@transaction.atomic
def link_selection(
    *,
    article: Article,
    start: int,
    end: int,
    target: Claim | None,
    relation: str,
    note: str = "",
    author: User | None,
) -> Linked:
    """Link a selection in ``article`` to ``target``: the selection becomes a manual
    claim unless it coincides with an existing one. Nothing is written on error."""
    _check_relation(relation)
    if target is None or target.article_id == article.pk:
        raise ServiceError(TARGET_NOT_IN_OTHER)
    source, new_claim = claim_for_selection(article=article, start=start, end=end, user=author)
    link, created = create_link(
        source=source, target=target, relation=relation, note=note, author=author
    )
    return Linked(link, created, new_claim)


@transaction.atomic
def delete_article(*, article: Article) -> None:
    """An article with its claims, and the links and notes on them. Its story is
    matched again when its claims stood for copies in other articles."""
    story = article.story
    if release_copies({article.pk}) and story is not None:
        queue_story_match(story)
    article.delete()


DETAILS = ["title", "outlet", "published", "url", "author"]


@transaction.atomic
def update_article_details(
    *,
    article: Article,
    title: str,
    outlet: str,
    published: dt.date | None,
    url: str,
    author: str = "",
) -> Article:
    """An article's headline (as lists show it), outlet, date, address and author, set
    by an analyst. The stored text, and so every claim's offsets, stays as it is; the
    audit trail keeps what was there before."""
    title = title.strip()
    if not title:
        raise ServiceError(NO_TITLE)
    outlet_name = outlet.strip()[:200]
    article = Article.objects.select_for_update().get(pk=article.pk)
    article.title = title[:1000]
    article.outlet = Outlet.objects.get_or_create(name=outlet_name)[0] if outlet_name else None
    article.published = published
    article.url = url.strip()
    article.author = author.strip()[:300]
    article.full_clean(exclude=["search_vector", "text"], validate_unique=False)
    article.save(update_fields=DETAILS)
    return article
