"""Writes: the suggestions for an article's claims against the other claims of its story.

Postgres picks the candidates (``ClaimQuerySet.match_candidates``: GIN index on
``Claim.match_keys``, a bounded number per claim); ``claims.matching`` judges each pair.
A row's ``key`` names the pair by its articles and sentences, so an analyst's verdict
(dismissed, confirmed, resolved) survives re-extraction and is never suggested afresh.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Length

from ..comparison import representative
from ..figures import RUNNING, describe, figures_of
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
from ..profiles import KEY_WEIGHTS, Profile, Proposal, profile
from ..wording import plain

# How many other figures may stand between two disagreeing figures of a topic for them
# still to be set against each other: reports cluster, and one figure between two
# others is often a revision or a rounding of one of them.
BETWEEN = 1
# Bounds ("more than 70", "up to 6,000") stand between other figures; "hundreds" does not.
BOUNDS = {"more_than", "at_least", "less_than", "at_most"}
# Candidates Postgres ranks for each claim of the new article.
PER_CLAIM = 30
# Claim profiles a run over many articles keeps (a few kB each).
MAX_PROFILES = 20_000
END_FIELDS = ["claim_a", "claim_b", "entity_keys", "speakers"]
PROPOSAL_FIELDS = ["relation", "score", "reason", "topic", "internal", "same_source", "figures"]
PROPOSAL_FIELDS += ["update", "hedged", "different_sources", "entry"]
PROFILE_FIELDS: tuple[str, ...] = ("article_id", "start", "end", "text", "speaker", "hedged")
PROFILE_FIELDS += ("entities", "quantities", "match_keys")


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
    count = _match(article, aliases, profiles)
    if len(among) == 2:  # the first article of the story was matched alone: never
        other = next(pk for pk in among if pk != article.pk)
        count += _match(Article.objects.get(pk=other), aliases, profiles)
        Article.objects.filter(pk=other, match_pending=True).update(match_pending=False)
    if prune and article.story_id:
        prune_conflicts(article.story_id)
    return count


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
    )
    by_id = {c.pk: c for c in annotated}
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


def _conflict_value(claim: Claim, topic: str) -> tuple[float | None, bool, str | None]:
    """The claim's figure for a topic, whether it is precise enough to stand between two
    others ("hundreds" is not), and its basis (an official count, an estimate)."""
    for figure in figures_of(claim):
        if figure.whole and figure.topic == topic:
            q = figure.quantity
            precise = q.get("qualifier") != "vague" and None not in (q.get("low"), q.get("high"))
            return representative(q), precise or q.get("qualifier") in BOUNDS, figure.basis
    return None, False, None


def prune_conflicts(story_id: int) -> int:
    """Keep the story's suggested conflicts an analyst can act on; returns how many
    were withdrawn.

    - An *update* of a running count (two dated reports) is kept only as a step of its
      timeline: from the figure first reported just before to the next one, each figure
      dated by its first report (a later report that recalls an old figure does not make
      it new). Reports of a toll of 12, 20, 31 and 44 on four days give 12/20,
      20/31 and 31/44, not 12/44.
    - Other conflicts of a topic (a disagreement on one day, between undated reports or
      two sources) are kept only when the two figures are near in value, with at most
      ``BETWEEN`` other figures between them (of their own basis, when both are official
      counts or both estimates: the official toll is followed on its own).
    - An article that gives three or more figures of one running count is telling its
      history or a dispute: its figures are not set against each other within it.
    - A disagreement whose two figures each lie within the two figures of another
      (one of them a stated range, of the same basis) says nothing more: "$25m" against "$8m" goes
      when "$20-25m" against "$6-8m" is suggested.

    A pair of figures repeated in both articles (a headline and its body, with the same
    sources) is not withdrawn: it joins its entry (``entry_of``), which the dashboard
    shows once. Withdrawn rows are open matcher suggestions only; ``suggest_for_story``
    judges every pair again.
    """
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
    values: dict[tuple[int, str], tuple[float | None, bool, str | None]] = {}  # many rows

    def value(claim: Claim, topic: str) -> tuple[float | None, bool, str | None]:
        if (claim.pk, topic) not in values:
            values[claim.pk, topic] = _conflict_value(claim, topic)
        return values[claim.pk, topic]

    drop = _history_told(rows, value)
    by_topic: dict[str, list[tuple[Suggestion, tuple[Any, ...]]]] = {}
    for row in rows:
        if row.internal:
            continue
        ends = tuple(
            (*value(c, row.topic), published.get(c.article_id)) for c in (row.claim_a, row.claim_b)
        )
        by_topic.setdefault(row.topic, []).append((row, ends))
    for entries in by_topic.values():
        drop |= _not_next_to_each_other(entries)
        drop |= _within_a_wider_pair([row for row, _ in entries if not row.update])
    Suggestion.objects.filter(pk__in=drop).delete()
    return len(drop)


def _history_told(rows: list[Suggestion], value: Any) -> set[int]:
    """Internal conflicts of an article that gives three or more figures of one running
    count: it is telling the count's history or a dispute ("first 16, then 34, and a
    study's 1,000"), not contradicting itself as one stray figure would."""
    figures: dict[tuple[int, str], set[float]] = {}
    internal = [r for r in rows if r.internal and r.topic in RUNNING]
    for row in internal:
        for claim in (row.claim_a, row.claim_b):
            v, _, _ = value(claim, row.topic)
            if v is not None:
                figures.setdefault((row.article_a_id, row.topic), set()).add(v)
    return {r.pk for r in internal if len(figures.get((r.article_a_id, r.topic), ())) >= 3}


def _stated(row: Suggestion) -> list[tuple[float, float, str | None]] | None:
    """The values each of the row's two figures states (a range's two ends, a single
    figure's one value) and its basis; None for a bound, a denial or a figure not found
    again."""
    found = []
    for claim, said in zip((row.claim_a, row.claim_b), row.figures, strict=False):
        figure = next(
            (
                f
                for f in figures_of(claim)
                if f.whole and f.topic == row.topic and describe(f.quantity, row.topic) == said
            ),
            None,
        )
        if figure is None or figure.negated:
            return None  # a denial ("3,000 did not die") is a disagreement of its own
        q = figure.quantity
        if q.get("qualifier") in BOUNDS or q.get("qualifier") == "vague":
            return None
        low, high = q.get("low"), q.get("high")
        if low is None or high is None:
            return None
        found.append((low, high, figure.basis))
    return found if len(found) == 2 else None


def _within_a_wider_pair(rows: list[Suggestion]) -> set[int]:
    """Disagreements whose figures each lie within another's, a range at least once
    wider, on the same basis: the wider pair says it all. (An official count that falls
    within a study's confidence interval is not that study's figure.)"""
    stated = {row.pk: ends for row in rows if (ends := _stated(row))}

    def within(
        inner: tuple[float, float, str | None], outer: tuple[float, float, str | None]
    ) -> bool:
        return outer[0] <= inner[0] and inner[1] <= outer[1] and inner[2] == outer[2]

    covered = set()
    for pk, (x, y) in stated.items():
        for other, (wx, wy) in stated.items():
            if other == pk or {x, y} == {wx, wy}:
                continue
            if (within(x, wx) and within(y, wy)) or (within(x, wy) and within(y, wx)):
                covered.add(pk)
                break
    return covered


def _not_next_to_each_other(entries: list[tuple[Suggestion, tuple[Any, ...]]]) -> set[int]:
    # The figures that may stand between two others: all precise ones, and by basis.
    values = sorted({v for _, ends in entries for v, precise, _, _ in ends if precise})
    based: dict[str, set[float]] = {}
    for _, ends in entries:
        for v, precise, basis, _ in ends:
            if precise and basis:
                based.setdefault(basis, set()).add(v)
    # When each figure was first reported: a later report that recalls an old figure
    # ("the toll, initially 64, ...") does not make it new.
    first: dict[float, Any] = {}
    for _, ends in entries:
        for v, _, _, d in ends:
            if v is not None and d is not None and (v not in first or d < first[v]):
                first[v] = d
    far = set()
    for row, ((x, _, x_basis, _), (y, _, y_basis, _)) in entries:
        if x is None or y is None:
            continue
        if row.update and x in first and y in first and first[x] != first[y]:
            # an update: a step of the count's timeline, nothing first reported between
            early, late = sorted((first[x], first[y]))
            if any(early < first[v] < late for v in first):
                far.add(row.pk)
            continue
        # A disagreement (one day, undated, or two sources): figures near in value. Two
        # official counts are near when no other official count lies between them,
        # whatever estimates do: an analyst follows the official toll on its own.
        low, high = sorted((x, y))
        between = based.get(x_basis, set()) if x_basis and x_basis == y_basis else values
        if sum(low < v < high for v in between) > BETWEEN:
            far.add(row.pk)
    return far
