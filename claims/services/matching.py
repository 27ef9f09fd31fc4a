"""Writes: the suggestions for an article's claims against the other claims of its story.

Postgres picks the candidates (``ClaimQuerySet.match_candidates``: GIN index on
``Claim.match_keys``, a bounded number per claim); ``claims.matching`` judges each pair.
A row's ``key`` names the pair by its articles and sentences, so an analyst's verdict
(dismissed, confirmed, resolved) survives re-extraction and is never suggested afresh.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Min, Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Length

from ..judging import judge
from ..models import (
    Article,
    Claim,
    EntityAlias,
    ExtractionStatus,
    Relation,
    ReviewStatus,
    Suggestion,
    SuggestionOrigin,
)
from ..profiles import KEY_WEIGHTS, Profile, Proposal, copy_key, profile
from ..pruning import withdrawn
from ..wording import plain

# Candidates Postgres ranks for each claim of the new article.
PER_CLAIM = 30
# Claim profiles a run over many articles keeps (a few kB each).
MAX_PROFILES = 20_000
END_FIELDS = ["claim_a", "claim_b", "entity_keys", "speakers"]
PROPOSAL_FIELDS = ["relation", "score", "reason", "topic", "internal", "same_source", "figures"]
PROPOSAL_FIELDS += ["update", "hedged", "different_sources", "entry"]
PROFILE_FIELDS: tuple[str, ...] = ("article_id", "start", "end", "text", "speaker", "hedged")
PROFILE_FIELDS += ("entities", "quantities", "disputes", "match_keys")


def pair_key(a: Claim, b: Claim) -> tuple[str, Claim, Claim]:
    """The pair in a fixed order, and a key made of its articles and plain sentences."""
    first, second = sorted((a, b), key=lambda c: (c.article_id, c.start, c.end))
    text = f"{first.article_id}\0{plain(first.text)}\0{second.article_id}\0{plain(second.text)}"
    return hashlib.sha256(text.encode()).hexdigest(), first, second


@dataclass
class Found:
    first: Claim
    second: Claim
    proposal: Proposal


def _story_articles(article: Article) -> list[int]:
    """The story's analysed articles, the first three (enough to tell 1, 2 or more)."""
    if not article.story_id:
        return [article.pk]
    return list(
        Article.objects.filter(story_id=article.story_id, extraction_status=ExtractionStatus.DONE)
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )


@transaction.atomic
def suggest_for_article(
    article: Article,
    *,
    aliases: dict[str, str] | None = None,
    profiles: dict[int, Profile] | None = None,
    prune: bool = True,
) -> int:
    """Suggestions between this article's claims and its story's (its own included, for
    internal conflicts). Returns how many pairs are proposed. A story of one article has
    none; when a second article joins, the first one is matched too.

    ``profiles`` (claim id -> profile) may be shared by calls with the same aliases, so
    that a run over many articles of one story reads each claim once.
    """
    among = _story_articles(article)
    if len(among) < 2:
        return 0
    aliases = EntityAlias.objects.as_map() if aliases is None else aliases
    profiles = {} if profiles is None else profiles
    released = assign_copies(article)
    count = _match(article, aliases, profiles)
    for other in Article.objects.filter(pk__in=released).exclude(pk=article.pk):
        count += _match(other, aliases, profiles)
    if len(among) == 2:  # the first article of the story was matched alone: never
        other = next(pk for pk in among if pk != article.pk)
        count += _match(Article.objects.get(pk=other), aliases, profiles)
        Article.objects.filter(pk=other, match_pending=True).update(match_pending=False)
    if prune and article.story_id:
        prune_conflicts(article.story_id)
    return count


def assign_copies(article: Article) -> set[int]:
    """Mark the article's claims that repeat a sentence of an earlier article of its
    story (one ``copy_key``) as copies of the story's earliest claim with that key
    (``copy_of``); when the article holds the earliest, the story's later claims with
    that key become its copies. Only claims that are no copy are matched; a copy's
    suggestions are its earliest claim's (``SuggestionQuerySet.between``), so a wire
    story in 500 outlets is judged once, not 500 times over.

    Claims that become copies lose their open suggestions (verdicts stay). Returns the
    other articles some of whose claims stopped being copies (their earliest claim
    left the story or changed): those must be matched.
    """
    own = list(article.claims.extracted().only(*PROFILE_FIELDS, "copy_key", "copy_of_id"))
    missing = [c for c in own if not c.copy_key]  # stored before copies were kept
    for claim in missing:
        claim.copy_key = copy_key(claim)
    Claim.objects.bulk_update(missing, ["copy_key"])
    story = Claim.objects.extracted().filter(
        article__story_id=article.story_id, article__extraction_status=ExtractionStatus.DONE
    )
    earliest = dict(
        story.filter(copy_key__in={c.copy_key for c in own})
        .order_by("copy_key", "article_id", "start", "pk")
        .distinct("copy_key")
        .values_list("copy_key", "pk")
    )
    became: list[int] = []
    changed: list[Claim] = []
    for claim in own:
        first = earliest.get(claim.copy_key, claim.pk)
        wanted = None if first == claim.pk else first
        if claim.copy_of_id != wanted:
            if claim.copy_of_id is None:
                became.append(claim.pk)
            claim.copy_of_id = wanted
            changed.append(claim)
    Claim.objects.bulk_update(changed, ["copy_of"])
    released: set[int] = set()
    # the later claims with a key this article holds first: copies of its claim,
    # whatever they were before (one query, which finds nothing for a new article)
    held = {c.copy_key: c.pk for c in own if earliest.get(c.copy_key) == c.pk}
    later = story.filter(copy_key__in=held).exclude(pk__in=held.values())
    moved = []
    for pk, key, copied in later.values_list("pk", "copy_key", "copy_of_id"):
        if copied is None:
            became.append(pk)
        if copied != held[key]:
            moved.append(Claim(pk=pk, copy_of_id=held[key]))
    Claim.objects.bulk_update(moved, ["copy_of"])
    # copies of this article's claims whose key changed (re-extraction) stand alone
    gone = Claim.objects.filter(copy_of__article=article).exclude(copy_key=F("copy_of__copy_key"))
    released.update(gone.values_list("article_id", flat=True))
    gone.update(copy_of=None)
    if became:
        Suggestion.objects.filter(
            Q(claim_a__in=became) | Q(claim_b__in=became),
            origin=SuggestionOrigin.MATCHER,
            status=ReviewStatus.OPEN,
            link__isnull=True,
        ).delete()
    return released


def _match(article: Article, aliases: dict[str, str], profiles: dict[int, Profile]) -> int:
    if article.story_id is None:
        return 0
    pairs = Claim.objects.match_candidates(article.pk, article.story_id, PER_CLAIM, KEY_WEIGHTS)
    ids = {pk for pair in pairs for pk in pair}
    claims = Claim.objects.filter(pk__in=ids).only(*PROFILE_FIELDS)
    annotated = claims.annotate(
        headline_end=Length("article__title"),
        published=F("article__published"),
        incident_name=KeyTextTransform("name", "article__incident"),
        follows=KeyTextTransform("follows", "article__incident"),
    )
    by_id = {c.pk: c for c in annotated}
    story_date = Article.objects.filter(story_id=article.story_id).aggregate(d=Min("published"))
    if len(profiles) > MAX_PROFILES:
        profiles.clear()
    for pk, c in by_id.items():
        if pk not in profiles:
            profiles[pk] = profile(
                c,
                headline_end=c.headline_end,
                published=c.published,
                incident=c.incident_name,
                aliases=aliases,
                story_date=story_date["d"],
                follows=c.follows == "true",
            )
    judged: set[str] = set()
    found: dict[str, Found] = {}
    for x, y in pairs:
        key, first, second = pair_key(by_id[x], by_id[y])
        if key in judged:
            continue
        judged.add(key)
        proposal = judge(profiles[first.pk], profiles[second.pk])
        if proposal is not None:
            found[key] = Found(first, second, proposal)
    _store(article, found, judged)
    return len(found)


def entry_of(key: str, proposal: Proposal) -> str:
    """The row's dashboard entry: shared by every pair that sets the same two reported
    facts against each other; a pair without figures is its own entry."""
    if proposal.relation != Relation.CONTRADICTS or not proposal.facts:
        return key
    return hashlib.sha256("\0".join(proposal.facts).encode()).hexdigest()


def _store(article: Article, found: dict[str, Found], judged: set[str]) -> None:
    # Locked in key order: two workers matching one story lock shared rows in one order.
    rows = Suggestion.objects.select_for_update().filter(key__in=judged).order_by("key")
    existing = {s.key: s for s in rows}
    new: list[Suggestion] = []
    changed: list[Suggestion] = []
    for key, item in found.items():
        row = existing.get(key) or Suggestion(key=key, origin=SuggestionOrigin.MATCHER)
        row.set_ends(item.first, item.second)
        proposal = item.proposal
        row.internal = row.article_a_id == row.article_b_id
        if row.pk is None or (row.status == ReviewStatus.OPEN and not row.link_id):
            row.relation, row.score, row.reason = proposal.relation, proposal.score, proposal.reason
            row.topic, row.same_source = proposal.topic, proposal.same_source
            row.figures = list(proposal.figures)
            row.update, row.hedged = proposal.update, proposal.hedged
            row.different_sources = proposal.different_sources
            # an article that sets the same two facts against each other (a report of
            # a dispute) is one more report of the entry, not an entry of its own
            row.entry = entry_of(key, proposal)
        (changed if row.pk else new).append(row)
    Suggestion.objects.bulk_create(new, ignore_conflicts=True)  # a concurrent twin may win
    Suggestion.objects.bulk_update(changed, [*END_FIELDS, *PROPOSAL_FIELDS])
    # Open proposals that no longer hold: judged again and found wanting, or whose
    # claims re-extraction dropped. Verdicts stay, as tombstones if need be.
    stale = Q(key__in=judged - found.keys()) | Q(claim_a__isnull=True) | Q(claim_b__isnull=True)
    Suggestion.objects.filter(
        Q(article_a=article) | Q(article_b=article),
        stale,
        origin=SuggestionOrigin.MATCHER,
        status=ReviewStatus.OPEN,
        link__isnull=True,
    ).delete()


def match_pending(ids: list[int] | None = None) -> int:
    """Match the articles a bulk ingest left pending (those of ``ids``, or all), each in
    its own transaction; returns how many pairs were proposed."""
    pending = Article.objects.filter(match_pending=True).order_by("pk")
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    aliases = EntityAlias.objects.as_map()
    profiles: dict[int, Profile] = {}
    count = 0
    stories: set[int] = set()
    for article in pending.only("pk", "story_id"):
        with transaction.atomic():
            count += suggest_for_article(article, aliases=aliases, profiles=profiles, prune=False)
            Article.objects.filter(pk=article.pk).update(match_pending=False)
        if article.story_id:
            stories.add(article.story_id)
    for story in sorted(stories):
        with transaction.atomic():
            prune_conflicts(story)
    return count


def suggest_for_story(story_id: int) -> int:
    """Match every article of a story again (on demand); returns the open suggestions."""
    aliases = EntityAlias.objects.as_map()
    profiles: dict[int, Profile] = {}
    for article in Article.objects.filter(story_id=story_id).only("pk", "story_id"):
        suggest_for_article(article, aliases=aliases, profiles=profiles, prune=False)
    prune_conflicts(story_id)
    return Suggestion.objects.filter(article_a__story_id=story_id).pending().count()


def release_copies(article_ids: set[int]) -> bool:
    """Undo the copy marks (``Claim.copy_of``) between these articles and the rest of
    the archive (before they leave their story, or the archive); True when claims of
    other articles were copies of theirs: their story must be matched again."""
    Claim.objects.filter(article__in=article_ids, copy_of__isnull=False).update(copy_of=None)
    return bool(
        Claim.objects.filter(copy_of__article__in=article_ids)
        .exclude(article__in=article_ids)
        .update(copy_of=None)
    )


def forget_across_stories(article_ids: set[int]) -> int:
    """Withdraw the open suggestions between these articles and articles that are no
    longer in their story (after a split or a move); verdicts and links stay."""
    ends = Q(article_a__in=article_ids) | Q(article_b__in=article_ids)
    apart = ~Q(article_a__story=F("article_b__story")) | Q(article_a__story__isnull=True)
    deleted, _ = (
        Suggestion.objects.filter(ends, apart, internal=False)
        .filter(origin=SuggestionOrigin.MATCHER, status=ReviewStatus.OPEN, link__isnull=True)
        .delete()
    )
    return deleted


def prune_conflicts(story_id: int) -> int:
    """Withdraw the story's suggested conflicts an analyst cannot act on
    (``claims.pruning``: steps of a timeline, near figures, an article's history of a
    count, a wider pair); returns how many were withdrawn. Withdrawn rows are open
    matcher suggestions only; ``suggest_for_story`` judges every pair again."""
    rows = list(
        Suggestion.objects.filter(
            article_a__story_id=story_id,
            relation=Relation.CONTRADICTS,
            origin=SuggestionOrigin.MATCHER,
            status=ReviewStatus.OPEN,
            link__isnull=True,
            claim_a__isnull=False,
            claim_b__isnull=False,
        ).select_related("claim_a", "claim_b")
    )
    published = dict(Article.objects.filter(story_id=story_id).values_list("pk", "published"))
    drop = withdrawn(rows, published)
    Suggestion.objects.filter(pk__in=drop).delete()
    return len(drop)
