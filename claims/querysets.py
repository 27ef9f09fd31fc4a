"""Read rules: which articles, claims and links a page shows, and in what order."""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q

SEARCH_CONFIG = "english"


def web_query(text: str) -> SearchQuery:
    """Search-engine syntax: words, "quoted phrases", or, -excluded."""
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


class ArticleQuerySet(models.QuerySet):
    def with_claim_counts(self) -> ArticleQuerySet:
        return self.annotate(claim_count=Count("claims"))

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by(F("published").desc(nulls_last=True), "-id")

    def for_list(self) -> ArticleQuerySet:
        # Explicit order: Meta.ordering does not apply to the GROUP BY of the count.
        return (
            self.select_related("outlet", "story").with_claim_counts().defer("text").newest_first()
        )

    def needing_extraction(self, version: str) -> ArticleQuerySet:
        return self.exclude(extraction_status="not_analysed").exclude(
            extraction_status="done", pipeline_version=version
        )

    def _links_exist(self, relation: str | None = None) -> Exists:
        from .models import Link

        touching = Q(source__article=OuterRef("pk")) | Q(target__article=OuterRef("pk"))
        links = Link.objects.filter(touching)
        if relation:
            links = links.filter(relation=relation)
        return Exists(links)

    def with_link_flags(self) -> ArticleQuerySet:
        return self.annotate(
            has_links=self._links_exist(), has_conflicts=self._links_exist("contradicts")
        )

    def search(self, text: str) -> ArticleQuerySet:
        query = web_query(text)
        return self.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))

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
            qs = qs.filter(self._links_exist("contradicts"))
        return qs

    def comparable_with(self, article, entity_names: list[str]) -> ArticleQuerySet:
        """Other articles, the likeliest to be about the same event first.

        Same story first, then those sharing most of the article's named entities
        (a full-text OR query on the GIN index, not a scan of every claim).
        """
        qs = self.exclude(pk=article.pk).annotate(
            same_story=Q(story_id=article.story_id) if article.story_id else Q(pk__in=[])
        )
        if entity_names:
            query = web_query(" OR ".join(f'"{name}"' for name in entity_names))
            qs = qs.annotate(shared=SearchRank(F("search_vector"), query))
        else:
            qs = qs.annotate(shared=models.Value(0.0))
        return (
            qs.select_related("outlet")
            .defer("text")
            .order_by(
                F("same_story").desc(nulls_last=True),
                F("shared").desc(nulls_last=True),
                F("published").desc(nulls_last=True),
            )
        )


class ClaimQuerySet(models.QuerySet):
    def extracted(self) -> ClaimQuerySet:
        return self.filter(origin="extracted")

    def manual(self) -> ClaimQuerySet:
        return self.filter(origin="manual")

    def in_story(self, story) -> ClaimQuerySet:
        return self.filter(article__story=story)

    def with_activity(self) -> ClaimQuerySet:
        """Claims that links or notes hang on, which re-extraction must keep."""
        return self.filter(
            Q(links_out__isnull=False) | Q(links_in__isnull=False) | Q(notes__isnull=False)
        ).distinct()


class LinkQuerySet(models.QuerySet):
    def between(self, a, b) -> LinkQuerySet:
        """Links joining a claim of article ``a`` with a claim of article ``b``."""
        return self.filter(
            Q(source__article=a, target__article=b) | Q(source__article=b, target__article=a)
        )

    def touching(self, article) -> LinkQuerySet:
        return self.filter(Q(source__article=article) | Q(target__article=article))

    def of_claim(self, claim) -> LinkQuerySet:
        return self.filter(Q(source=claim) | Q(target=claim))

    def for_display(self) -> LinkQuerySet:
        return self.select_related(
            "source__article__outlet", "target__article__outlet", "author"
        ).order_by("-created_at")
