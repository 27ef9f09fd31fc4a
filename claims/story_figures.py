"""Reading a story's figures for its fact table and timeline (the ORM side of the pure
``fact_table`` and ``timeline`` modules)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from . import fact_table, timeline
from .choices import ACTIVE_REVIEW, Relation, ReviewStatus
from .models import Claim, Link, Story, Suggestion
from .reported_facts import Fact, facts

# A table wider than this many articles is no longer "at a glance": the newest are shown.
MAX_ARTICLES = 200


@dataclass
class StoryFigures:
    topics: list[str]
    rows: list[fact_table.Row]
    charts: list[timeline.Chart]
    capped: bool
    limit: int = MAX_ARTICLES


def story_figures(story: Story) -> StoryFigures:
    articles = list(
        story.articles.headers().select_related("outlet").newest_first()[: MAX_ARTICLES + 1]
    )
    capped = len(articles) > MAX_ARTICLES
    articles = articles[:MAX_ARTICLES]
    claims = (
        Claim.objects.filter(article__in=articles)
        .exclude(quantities=[])
        .only("article_id", "start", "text", "speaker", "quantities", "entities")
    )
    # conflicts an analyst dismissed or resolved mark no cell
    settled = (
        Suggestion.objects.conflicts()
        .filter(article_a__story=story)
        .exclude(status__in=ACTIVE_REVIEW)
        .values_list("claim_a_id", "claim_b_id")
    )
    pairs = frozenset(frozenset(pair) for pair in settled if None not in pair)
    topics, rows = fact_table.build(articles, claims, pairs)
    return StoryFigures(topics, rows, timeline.charts(rows), capped)


def story_facts(story: Story) -> list[Fact]:
    """The story's reported facts: claims joined by same, suggested (and not dismissed)
    or linked."""
    suggested = (
        Suggestion.objects.filter(Q(article_a__story=story), relation=Relation.SAME)
        .exclude(status=ReviewStatus.DISMISSED)
        .exclude(claim_a=None)
        .exclude(claim_b=None)
        .values_list("claim_a_id", "claim_b_id")
    )
    linked = Link.objects.filter(relation=Relation.SAME, source__article__story=story).values_list(
        "source_id", "target_id"
    )
    pairs = [*suggested, *linked]
    ids = {i for pair in pairs for i in pair}
    claims = (
        Claim.objects.filter(pk__in=ids)
        .select_related("article__outlet")
        # what facts and the matrix read: never an article's text or search vector
        .only(
            *("pk", "article_id", "start", "end", "text", "speaker", "quantities", "entities"),
            *("article__title", "article__published", "article__outlet__name"),
        )
    )
    return facts(claims, pairs)


@dataclass
class FactMatrix:
    """Who reports what: facts as rows, the articles that carry them as columns."""

    facts: list[Fact]
    articles: list
    cells: list[list[object]]  # per fact, per article: the claim that states it, or None
    more_facts: int = 0
    # per fact: whether an open or confirmed conflict sets one of its claims against another
    disputed: list[bool] = field(default_factory=list)
    # analysts' contradicts links between two claims of one fact: the links and the facts
    # disagree, and one of them is wrong
    inconsistent: list[Link] = field(default_factory=list)


def fact_matrix(story: Story, max_facts: int = 20, max_articles: int = 30) -> FactMatrix:
    found = story_facts(story)
    shown = found[:max_facts]
    by_article: dict[int, object] = {}
    for fact in shown:
        for claim in fact.claims:
            by_article.setdefault(claim.article_id, claim.article)
    articles = sorted(
        by_article.values(),
        key=lambda a: (a.published is None, a.published or 0, a.pk),  # type: ignore[attr-defined]
    )[:max_articles]
    cells = []
    for fact in shown:
        carried = {c.article_id: c for c in fact.claims}
        cells.append([carried.get(a.pk) for a in articles])  # type: ignore[attr-defined]
    ends = (
        Suggestion.objects.conflicts()
        .review_filtered(story=story.pk, status="active")
        .values_list("claim_a_id", "claim_b_id")
    )
    in_conflict = {claim for pair in ends for claim in pair if claim}
    disputed = [any(c.pk in in_conflict for c in fact.claims) for fact in shown]
    fact_of = {c.pk: n for n, fact in enumerate(found) for c in fact.claims}
    contradicting = (
        Link.objects.filter(relation=Relation.CONTRADICTS, source__article__story=story)
        .select_related("source", "target")
        .only(
            *("source_id", "target_id", "source__text", "source__article_id"),
            *("target__text", "target__article_id"),
        )
    )
    inconsistent = [
        link
        for link in contradicting
        if link.source_id in fact_of and fact_of[link.source_id] == fact_of.get(link.target_id)
    ]
    more = max(0, len(found) - max_facts)
    return FactMatrix(shown, articles, cells, more, disputed, inconsistent)
