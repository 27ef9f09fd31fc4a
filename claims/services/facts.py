"""Writes: an analyst's decisions on a story's reported facts.

A fact is worked out afresh from the story's same links and same suggestions nobody
dismissed (``claims.reported_facts``), so each decision is written as one of those:
taking a claim out of a fact dismisses the same suggestions that join it, merging two
facts draws a same link between them, and a fact's name is held by one of its claims.
Claims that links or names hang on, and the verdicts on suggestions (keyed by their
sentences), outlive re-extraction, and so do the decisions.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..choices import Relation, ReviewStatus
from ..models import Claim, FactName, Link, Suggestion
from ..reported_facts import fact_of
from ..story_figures import fact_members, same_pairs
from .annotation import create_link
from .errors import ServiceError

TAKEN_OUT = "taken out of its fact"
NO_STORY = "This claim's article is in no story, so the claim is in no fact."
NOT_IN_A_FACT = "This claim is in no fact of its story: nothing joins it to another claim."
LINKED_IN = (
    "A same link an analyst drew ties this claim to the fact: delete or change that link "
    "(in the compare view) to take the claim out."
)
A_COPY = (
    "This sentence repeats, with the same figures, one of an earlier article of the "
    "story: it states that sentence's fact. Take that sentence out, and its copies go "
    "with it."
)
ONE_FACT_ALREADY = "These two claims are in one fact already."
OTHER_STORY = "Facts of two different stories cannot be merged."
ONE_ARTICLE = (
    "Every claim of both facts is in one article: a same link joins two articles, so "
    "these facts cannot be merged."
)
MAX_NAME = 200


def _story(claim: Claim) -> int:
    story_id = claim.article.story_id
    if story_id is None:
        raise ServiceError(NO_STORY)
    return story_id


@transaction.atomic
def take_out_of_fact(*, claim: Claim, user: User | None) -> int:
    """Dismiss the same suggestions that join ``claim`` to other claims; returns how
    many. A name the claim held moves to another claim of the fact."""
    members = fact_members(_story(claim), claim.pk)
    if len(members) < 2:
        raise ServiceError(NOT_IN_A_FACT)
    if claim.copy_of_id is not None:
        raise ServiceError(A_COPY)
    if Link.objects.filter(Q(source=claim) | Q(target=claim), relation=Relation.SAME).exists():
        raise ServiceError(LINKED_IN)
    taken = (
        Suggestion.objects.filter(Q(claim_a=claim) | Q(claim_b=claim), relation=Relation.SAME)
        .exclude(status=ReviewStatus.DISMISSED)
        .update(
            status=ReviewStatus.DISMISSED,
            status_reason=TAKEN_OUT,
            reviewed_by=user,
            reviewed_at=timezone.now(),
            version=F("version") + 1,
        )
    )
    named = FactName.objects.filter(claim=claim).first()
    rest = sorted(members - {claim.pk})
    if named is not None and not FactName.objects.filter(claim_id__in=rest).exists():
        named.claim_id = rest[0]
        named.save(update_fields=["claim", "updated_at"])
    return taken


@transaction.atomic
def merge_facts(*, claim: Claim, other: Claim, user: User | None) -> Link:
    """One fact of the facts of ``claim`` and ``other``: a same link between a claim of
    each, in two articles (the two given when they are)."""
    story_id = _story(claim)
    if other.article.story_id != story_id:
        raise ServiceError(OTHER_STORY)
    pairs = same_pairs(story_id)
    one, two = fact_of(claim.pk, pairs), fact_of(other.pk, pairs)
    if other.pk in one:
        raise ServiceError(ONE_FACT_ALREADY)
    if claim.article_id != other.article_id:
        source, target = claim, other
    else:
        found = Claim.objects.filter(pk__in=one | two).only("pk", "article_id", "text")
        side = {c.pk: c for c in found}
        pair = next(
            (
                (side[x], side[y])
                for x in sorted(one)
                for y in sorted(two)
                if x in side and y in side and side[x].article_id != side[y].article_id
            ),
            None,
        )
        if pair is None:
            raise ServiceError(ONE_ARTICLE)
        source, target = pair
    link, _ = create_link(
        source=source, target=target, relation=Relation.SAME, note="merged two facts", author=user
    )
    return link


@transaction.atomic
def name_fact(*, claim: Claim, name: str, user: User | None) -> FactName | None:
    """Name the fact of ``claim`` (an empty name removes it); returns the name."""
    members = fact_members(_story(claim), claim.pk)
    if len(members) < 2:
        raise ServiceError(NOT_IN_A_FACT)
    named = FactName.objects.select_for_update().filter(claim_id__in=members).first()
    name = " ".join(name.split())[:MAX_NAME]
    if not name:
        if named is not None:
            named.delete()
        return None
    if named is None:
        return FactName.objects.create(claim=claim, name=name, author=user)
    named.name, named.author = name, user
    named.save(update_fields=["name", "author", "updated_at"])
    return named
