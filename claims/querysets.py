"""Read rules: which articles, claims and links a page shows, and in what order."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchRank
from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from . import sql
from .choices import (
    ACTIVE_REVIEW,
    ExtractionStatus,
    JobKind,
    JobState,
    Origin,
    Relation,
    ReviewStatus,
)
from .entities import NAMED
from .search import web_query

NEWEST = [F("published").desc(nulls_last=True), F("id").desc()]
# How many of the newest candidates the "compare with" picker ranks.
COMPARE_CANDIDATES = 100


def _related(model: type[models.Model], *names: str) -> Any:
    """The model reached from ``model`` through the relations ``names``: querysets name
    their neighbours this way, not by importing the models module (which imports them)."""
    reached: Any = model
    for name in names:
        reached = reached._meta.get_field(name).related_model
    return reached


def _matching(text: str) -> Q:
    """Articles whose words match ``text``, or, when it reads as a name ("Bashir
    Assad"), that name in any spelling (the name keys matching and stories use)."""
    found = Q(search_vector=web_query(text))
    words = text.split()
    if 0 < len(words) <= 4 and not any(c in text for c in '"-') and " or " not in text.lower():
        from .entities import entity_root

        labels = ("PERSON", "ORG", "GPE", "NORP")
        found |= Q(entity_keys__overlap=sorted({entity_root(text, label) for label in labels}))
    return found


# Columns only SQL reads: the search vector is as long as the text, and the name keys
# serve the matchers (and the reader's compare-with picker, which loads them). A page
# that loads them pays to parse them for nothing.
SQL_ONLY = ("search_vector", "entity_keys")


class ArticleQuerySet(models.QuerySet):
    def for_reading(self) -> ArticleQuerySet:
        """Articles as a page shows one: everything but the search vector."""
        return self.defer("search_vector")

    def headers(self) -> ArticleQuerySet:
        """Articles as a list shows them: without their text either."""
        return self.defer("text", *SQL_ONLY)

    def with_claim_counts(self) -> ArticleQuerySet:
        return self.annotate(claim_count=Count("claims"))

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by(*NEWEST)

    def needing_extraction(self, version: str) -> ArticleQuerySet:
        return self.exclude(extraction_status=ExtractionStatus.NOT_ANALYSED).exclude(
            extraction_status=ExtractionStatus.DONE, pipeline_version=version
        )

    def _links_exist(self, relation: str | None = None) -> Q:
        """Two EXISTS, one per end: each an index probe, where one OR'd join is a scan."""
        links = _related(self.model, "claims", "links_out").objects.all()
        if relation:
            links = links.filter(relation=relation)
        return Q(Exists(links.filter(source__article=OuterRef("pk")))) | Q(
            Exists(links.filter(target__article=OuterRef("pk")))
        )

    def _conflicts_exist(self) -> Q:
        """Articles with a conflict the dashboard lists as needing attention (open or
        confirmed, suggested or linked), or a contradicts link: the dashboard's rule."""
        suggestions = apps.get_model("claims", "Suggestion").objects.conflicts()
        active = suggestions.filter(status__in=ACTIVE_REVIEW)
        return (
            self._links_exist(Relation.CONTRADICTS)
            | Q(Exists(active.filter(article_a=OuterRef("pk"))))
            | Q(Exists(active.filter(article_b=OuterRef("pk"))))
            # an article whose sentences copy an earlier one's has that one's conflicts
            | Q(Exists(active.filter(claim_a__copies__article=OuterRef("pk"))))
            | Q(Exists(active.filter(claim_b__copies__article=OuterRef("pk"))))
        )

    def page_details(self, ids: list[int]) -> dict[int, dict]:
        """Claim counts and link flags for the rows of one page, in one query: for the
        page only, as annotating the whole filtered list would make the paginator's
        COUNT evaluate them for every article."""
        claims = _related(self.model, "claims").objects.filter(article=OuterRef("pk"))
        count = claims.order_by().values("article").annotate(n=Count("pk")).values("n")
        rows = (
            self.model.objects.filter(pk__in=ids)
            .annotate(
                claim_count=Coalesce(Subquery(count), 0),
                has_links=ExpressionWrapper(self._links_exist(), output_field=BooleanField()),
                has_conflicts=ExpressionWrapper(
                    self._conflicts_exist(), output_field=BooleanField()
                ),
            )
            .values_list("pk", "claim_count", "has_links", "has_conflicts")
        )
        return {
            pk: {"claim_count": count, "has_links": links, "has_conflicts": conflicts}
            for pk, count, links, conflicts in rows
        }

    def ranked_ids(self, text: str, limit: int) -> list[int]:
        """The newest ``limit`` matches, best first: ranked in the scan that finds them,
        where ranking a page of ``search(limit=...)`` finds them again."""
        query = web_query(text)
        rows = (
            self.filter(_matching(text))
            .order_by(*NEWEST)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .values_list("pk", "rank")[:limit]
        )
        return [pk for pk, _ in sorted(rows, key=lambda row: (-row[1], -row[0]))]

    def search(self, text: str, limit: int) -> ArticleQuerySet:
        """The newest ``limit`` matches, in any order the caller gives (``ranked_ids``
        gives them best first): bounding them keeps a query that matches half the
        archive as fast as a rare one."""
        newest = self.filter(_matching(text)).order_by(*NEWEST).values("pk")
        return self.filter(pk__in=newest[:limit])  # keeps select_related and deferrals

    def filtered(
        self,
        *,
        outlet: int | None = None,
        story: int | None = None,
        published_from: dt.date | None = None,
        published_to: dt.date | None = None,
        has_links: bool = False,
        has_conflicts: bool = False,
    ) -> ArticleQuerySet:
        qs = self
        if outlet:
            qs = qs.filter(outlet_id=outlet)
        if story:
            qs = qs.filter(story_id=story)
        if published_from:
            qs = qs.filter(published__gte=published_from)
        if published_to:
            qs = qs.filter(published__lte=published_to)
        if has_links:
            qs = qs.filter(self._links_exist())
        if has_conflicts:
            qs = qs.filter(self._conflicts_exist())
        return qs

    def comparable_with(self, article, limit: int) -> list:
        """Up to ``limit`` other articles, the likeliest to be about the same event first:
        same story, then most name keys shared (``entity_keys``: spellings of one name
        share a key), then newest. Ranked among the newest ``COMPARE_CANDIDATES`` of the
        same story and of those sharing a key, and the newest ten (so that any article
        can be picked), so that the cost stays flat as the archive grows. Each has
        ``same_story`` and ``shared`` set."""
        ranked = sql.comparable(
            article.pk, article.story_id, article.entity_keys, COMPARE_CANDIDATES, limit
        )
        found = self.headers().select_related("outlet").in_bulk([pk for pk, *_ in ranked])
        result = []
        for pk, same_story, shared in ranked:
            if pk in found:  # not deleted in between
                found[pk].same_story, found[pk].shared = same_story, shared
                result.append(found[pk])
        return result


class ClaimQuerySet(models.QuerySet):
    def with_names(self) -> ClaimQuerySet:
        """Annotate ``names``: the texts of the claim's named entities, read out of its
        JSON by Postgres (decoding every entity in Python costs more than the query)."""
        names = RawSQL(
            sql.entity_names_sql(), (sorted(NAMED),), output_field=ArrayField(models.TextField())
        )
        return self.annotate(names=names)

    def extracted(self) -> ClaimQuerySet:
        return self.filter(origin=Origin.EXTRACTED)

    def with_activity(self) -> ClaimQuerySet:
        """Claims that links, notes or a fact's name hang on, which re-extraction must
        keep."""
        return self.filter(
            Q(links_out__isnull=False)
            | Q(links_in__isnull=False)
            | Q(notes__isnull=False)
            | Q(fact_name__isnull=False)
        ).distinct()

    def match_candidates(
        self,
        article_id: int,
        story_id: int,
        per_claim: int,
        weights: dict[str, int],
        pool: int = 400,
    ) -> list[tuple[int, int]]:
        """(claim of ``article_id``, candidate) pairs: for each claim, the ``per_claim``
        claims of the analysed articles of story ``story_id`` sharing the most weighted
        match keys.

        The GIN index on ``match_keys`` finds the claims sharing any key (``&&``); only
        the newest ``pool`` of those are ranked, so the work per claim stays bounded
        however large the story grows, and no pair of unrelated claims is looked at.
        """
        return sql.match_candidates(article_id, story_id, per_claim, weights, pool)


# The dashboard's orders: grouped by story, then topic, as the page shows them.
DASHBOARD_ORDERS = {
    "score": ["article_a__story__name", "article_a__story_id", "topic", "-score", "id"],
    "date": ["article_a__story__name", "article_a__story_id", "topic", "-created_at", "-id"],
}


# The rows a capped listing keeps first: as the active-conflict indexes order them.
BEST_FIRST = {"score": ["-score", "id"], "date": ["-created_at", "-id"]}


class SuggestionQuerySet(models.QuerySet):
    def in_dashboard_order(self, sort: str = "score") -> SuggestionQuerySet:
        return self.order_by(*DASHBOARD_ORDERS[sort])

    def best(self, limit: int, sort: str = "score") -> SuggestionQuerySet:
        """The ``limit`` best scored (or newest) of these rows, in any order the caller
        gives: read in index order, so a listing of a large archive costs what a small
        one does."""
        # Not read into a list of ids first: 1,000 bound ids in each of three queries
        # set off a full garbage collection every tenth page (p95 75 -> 210 ms)
        return self.filter(pk__in=self.order_by(*BEST_FIRST[sort]).values("pk")[:limit])

    def shown(self) -> SuggestionQuerySet:
        """Suggestions whose claims still exist and that nobody dismissed."""
        return self.filter(claim_a__isnull=False, claim_b__isnull=False).exclude(
            status=ReviewStatus.DISMISSED
        )

    def _carried_by(self, article):
        """The claims whose suggestions are ``article``'s: its own, and for each copy
        of an earlier claim (``Claim.copy_of``) that claim, which is matched for it."""
        claims = _related(self.model, "claim_a").objects.filter(article=article)
        return claims.values(carried=Coalesce("copy_of", "pk"))

    def between(self, a, b) -> SuggestionQuerySet:
        """Suggestions between a claim of article ``a`` and one of ``b``, copies
        answering for the claims they copy (``Claim.original_id``; the compare view
        draws each end on its article's own sentence)."""
        of_a, of_b = self._carried_by(a), self._carried_by(b)
        return self.filter(
            Q(claim_a__in=of_a, claim_b__in=of_b) | Q(claim_a__in=of_b, claim_b__in=of_a)
        )

    def pending(self) -> SuggestionQuerySet:
        return self.shown().filter(status=ReviewStatus.OPEN, link__isnull=True)

    def of_article(self, article_id: int) -> SuggestionQuerySet:
        """Suggestions with an end in the article, copies answering as in ``between``."""
        carried = self._carried_by(article_id)
        return self.filter(Q(claim_a__in=carried) | Q(claim_b__in=carried))

    def conflicts(self) -> SuggestionQuerySet:
        """What the dashboard lists: suggested and linked contradictions."""
        return self.filter(
            claim_a__isnull=False, claim_b__isnull=False, relation=Relation.CONTRADICTS
        )

    def entry_heads(self) -> SuggestionQuerySet:
        """One row per dashboard entry (story and ``entry``): the best scored, which the
        dashboard shows for the sentence pairs behind it."""
        heads = (
            self.order_by("article_a__story_id", "entry", "-score", "pk")
            .distinct("article_a__story_id", "entry")
            .values("pk")
        )
        return self.filter(pk__in=heads)

    def in_entries_of(self, heads: list[Any]) -> SuggestionQuerySet:
        """The rows of these heads' entries (their heads included)."""
        stories = {h.article_a.story_id for h in heads}
        return self.filter(article_a__story_id__in=stories, entry__in={h.entry for h in heads})

    def for_display(self) -> SuggestionQuerySet:
        return self.select_related(
            "claim_a",
            "claim_b",
            "article_a__outlet",
            "article_b__outlet",
            "article_a__story",
            "link",
            "reviewed_by",
        ).defer(*(f"article_{end}__{name}" for end in "ab" for name in ("text", *SQL_ONLY)))

    def review_filtered(
        self,
        *,
        story: int | None = None,
        outlet: int | None = None,
        status: str = "",
        entity: str = "",
        source: str = "",
        mark: str = "",
    ) -> SuggestionQuerySet:
        qs = self
        if story:
            qs = qs.filter(article_a__story_id=story)
        if outlet:  # an outlet that printed either claim, or a copy of it
            claims = _related(self.model, "claim_a").objects
            copied = claims.filter(article__outlet_id=outlet, copy_of__isnull=False)
            qs = qs.filter(
                Q(article_a__outlet_id=outlet)
                | Q(article_b__outlet_id=outlet)
                | Q(Exists(copied.filter(copy_of=OuterRef("claim_a"))))
                | Q(Exists(copied.filter(copy_of=OuterRef("claim_b"))))
            )
        if status == "active":  # what needs attention: not dismissed, not resolved
            qs = qs.filter(status__in=ACTIVE_REVIEW)
        elif status and status != "all":
            qs = qs.filter(status=status)
        if entity:  # any spelling: "Bashir Assad" finds claims naming "Bashar al-Assad"
            from .entities import entity_root
            from .wording import ENTITY_KEY, match_key

            roots = {
                match_key(ENTITY_KEY, entity_root(entity, label)) for label in ("PERSON", "NORP")
            }
            qs = qs.filter(entity_keys__overlap=sorted(roots))
        if source:
            # ~* on the column itself, which Postgres estimates from its statistics;
            # icontains's UPPER(speakers) LIKE is guessed at one row, and the plan
            # built on that guess rescans the entry heads once per row (99 ms at
            # 10,000 conflicts, against 28)
            qs = qs.filter(speakers__iregex=re.escape(source.strip()))
        if mark == "disagreement":
            qs = qs.filter(update=False)
        elif mark in {"update", "hedged", "different_sources", "same_source"}:
            qs = qs.filter(**{mark: True})
        return qs


class JobQuerySet(models.QuerySet):
    def unfinished(self) -> JobQuerySet:
        return self.exclude(state__in=JobState.finished())

    def story_matches(self) -> JobQuerySet:
        """Stories sent to be matched again whose matching has not finished."""
        return self.filter(kind=JobKind.MATCH_STORY).unfinished()


class LinkQuerySet(models.QuerySet):
    def between(self, a, b) -> LinkQuerySet:
        """Links joining a claim of article ``a`` with a claim of article ``b``.

        Written as IN (claims of a) / IN (claims of b): index probes per side, where
        joining both claims with an OR makes Postgres scan every claim.
        """
        claims = _related(self.model, "source").objects
        of_a = claims.filter(article=a).values("pk")
        of_b = claims.filter(article=b).values("pk")
        return self.filter(
            Q(source__in=of_a, target__in=of_b) | Q(source__in=of_b, target__in=of_a)
        )

    def touching(self, article) -> LinkQuerySet:
        """Links with an end in ``article``: each end found through its index from the
        article's claims, then the two joined (one join with an OR read every link)."""
        claims = _related(self.model, "source").objects
        own = claims.filter(article=article).values("pk")
        return self.filter(source__in=own).union(self.filter(target__in=own), all=True)

    def of_claim(self, claim) -> LinkQuerySet:
        return self.filter(Q(source=claim) | Q(target=claim))

    def for_display(self) -> LinkQuerySet:
        return self.select_related(
            "source__article__outlet", "target__article__outlet", "author"
        ).order_by("-created_at")
