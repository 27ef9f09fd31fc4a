"""Reading a story's figures for its fact table and timeline (the ORM side of the pure
``fact_table`` and ``timeline`` modules)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from . import fact_table, sql, timeline
from .choices import ACTIVE_REVIEW, Relation, ReviewStatus
from .models import Claim, FactName, Link, Story, Suggestion
from .reported_facts import Fact, fact_of, facts

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
    """The story's fact table and timeline."""
    articles = list(
        story.articles.headers().select_related("outlet").newest_first()[: MAX_ARTICLES + 1]
    )
    capped = len(articles) > MAX_ARTICLES
    articles = articles[:MAX_ARTICLES]
    claims = (
        Claim.objects.filter(article__in=articles)
        .exclude(quantities=[])
        .only("article_id", "start", "text", "speaker", "quantities", "entities", "copy_of")
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


def same_pairs(story_id: int) -> list[tuple[int, int]]:
    """The pairs of claims that join the story's facts: same, suggested (and not
    dismissed) or linked."""
    suggested = (
        Suggestion.objects.filter(Q(article_a__story_id=story_id), relation=Relation.SAME)
        .exclude(status=ReviewStatus.DISMISSED)
        .exclude(claim_a=None)
        .exclude(claim_b=None)
        .values_list("claim_a_id", "claim_b_id")
    )
    # Driven by the story's own claims (read through their article index): joined from
    # the few links of an archive instead, Postgres walks the claim ids up to the
    # story's, and a story late in a 10,000-article archive took 200 ms.
    own = Claim.objects.filter(article__story_id=story_id).order_by().values_list("pk", flat=True)
    # one array parameter, however many claims the story has
    among = RawSQL(sql.in_array_sql("Link", "source"), (list(own),), output_field=BooleanField())
    linked = Link.objects.filter(among, relation=Relation.SAME).values_list(
        "source_id", "target_id"
    )
    # a copy of a sentence (``Claim.copy_of``) states the fact the sentence states
    copies = (
        Claim.objects.filter(article__story_id=story_id, copy_of__isnull=False)
        .order_by()
        .values_list("pk", "copy_of_id")
    )
    return [*suggested, *linked, *copies]


def story_facts(story: Story) -> list[Fact]:
    """The story's reported facts: claims joined by same, suggested (and not dismissed)
    or linked."""
    pairs = same_pairs(story.pk)
    ids = {i for pair in pairs for i in pair}
    claims = (
        Claim.objects.filter(pk__in=ids)
        .select_related("article__outlet")
        # what facts and the matrix read: never an article's text or search vector
        .only(
            *("pk", "article_id", "start", "end", "text", "speaker", "quantities", "entities"),
            "copy_of",
            *("article__title", "article__published", "article__outlet__name"),
        )
    )
    found = facts(claims, pairs)
    names = dict(FactName.objects.filter(claim_id__in=ids).values_list("claim_id", "name"))
    if names:
        for fact in found:
            fact.name = next((names[c.pk] for c in fact.claims if c.pk in names), "")
    return found


def fact_members(story_id: int, claim_id: int) -> set[int]:
    """The claims of the story's fact that ``claim_id`` is one of (itself alone when it
    is in none): read from the same pairs alone, no claim row or figure."""
    return fact_of(claim_id, same_pairs(story_id))


ONE_FACT = (
    "These two claims state one reported fact: same links or suggestions join them. "
    "Saved as contradicts, the link will be listed on the story page as disagreeing "
    "with the facts."
)
CONFIRMED_APART = (
    "These two claims are on the two sides of a conflict an analyst confirmed. Saved as "
    "the same, the link will join both sides into one fact, and the story page will list "
    "the conflict as disagreeing with the facts."
)
CONFIRMED_THESE = (
    "An analyst confirmed that these two claims conflict. Saved as the same, the link "
    "will replace that verdict."
)


def link_against_facts(source: Claim, target: Claim, relation: str) -> str | None:
    """Why a new link from ``source`` to ``target`` would disagree with the facts of
    their story, in plain words; None when it agrees with them."""
    story_id = source.article.story_id
    if story_id is None or relation not in {Relation.CONTRADICTS, Relation.SAME}:
        return None
    pairs = same_pairs(story_id)
    one = fact_of(source.pk, pairs)
    if relation == Relation.CONTRADICTS:
        return ONE_FACT if target.pk in one else None
    other = fact_of(target.pk, pairs)
    confirmed = Suggestion.objects.conflicts().filter(
        (Q(claim_a_id__in=one) & Q(claim_b_id__in=other))
        | (Q(claim_a_id__in=other) & Q(claim_b_id__in=one)),
        status=ReviewStatus.CONFIRMED,
    )
    ends = set(confirmed.values_list("claim_a_id", "claim_b_id"))
    if not ends:
        return None
    x, y = source.original_id, target.original_id  # a copy answers for its claim
    if ends <= {(x, y), (y, x)}:
        return CONFIRMED_THESE  # the link replaces the verdict on this very pair
    return CONFIRMED_APART


@dataclass
class Inconsistency:
    """Two claims that the facts put in one fact, and an analyst set against each other
    (a contradicts link, or a conflict confirmed)."""

    first: Claim
    second: Claim
    by: str  # "link" or "confirmed conflict"


@dataclass
class FactMatrix:
    """Who reports what: facts as rows, the articles that carry them as columns."""

    facts: list[Fact]
    articles: list
    cells: list[list[object]]  # per fact, per article: the claim that states it, or None
    more_facts: int = 0
    # per fact: whether an open or confirmed conflict sets one of its claims against another
    disputed: list[bool] = field(default_factory=list)
    # analysts' contradicts links and confirmed conflicts between two claims of one
    # fact: the analysts and the facts disagree, and one of them is wrong
    inconsistent: list[Inconsistency] = field(default_factory=list)


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
    disputed = [any(c.original_id in in_conflict for c in fact.claims) for fact in shown]
    fact_of_claim = {c.pk: n for n, fact in enumerate(found) for c in fact.claims}
    in_facts = list(fact_of_claim)  # both ends among the facts' claims, read by index
    against = (
        Suggestion.objects.conflicts()
        .filter(Q(link__isnull=False) | Q(status=ReviewStatus.CONFIRMED))
        .filter(claim_a_id__in=in_facts, claim_b_id__in=in_facts)
        .select_related("claim_a", "claim_b")
        .only(
            *("link_id", "claim_a_id", "claim_b_id", "claim_a__text", "claim_a__article_id"),
            *("claim_b__text", "claim_b__article_id"),
        )
        .order_by("pk")
    )
    inconsistent = [
        Inconsistency(row.claim_a, row.claim_b, "link" if row.link_id else "confirmed conflict")
        for row in against
        if row.claim_a_id in fact_of_claim
        and fact_of_claim[row.claim_a_id] == fact_of_claim.get(row.claim_b_id)
    ]
    more = max(0, len(found) - max_facts)
    return FactMatrix(shown, articles, cells, more, disputed, inconsistent)
