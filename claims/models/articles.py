"""Outlets, stories and the articles in them."""

from __future__ import annotations

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from ..choices import (
    ExtractionStatus,
)
from ..querysets import (
    ArticleQuerySet,
)
from .audit import every_change


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@pghistory.track(
    *every_change(),
    fields=["name"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="StoryEvent",
)
class Story(models.Model):
    """A group of articles about one event."""

    name = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("claims:story_detail", args=[self.pk])


@pghistory.track(
    *every_change(),
    fields=["title", "outlet", "story", "url", "author", "published"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="ArticleEvent",
)
class Article(models.Model):
    title = models.CharField(max_length=1000)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # Rendered as a link in the reader: web addresses only, never "javascript:".
    url = models.URLField(
        max_length=2000, blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    author = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    # Headline as the first paragraph, then the body; claim offsets point into it.
    text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=16, default="en")
    extraction_status = models.CharField(
        max_length=20, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING
    )
    pipeline_version = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=1000, blank=True, help_text="File or input it came from")
    # Spelling-independent keys of the named entities in its claims (claims.entities).
    entity_keys = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    # What incident it reports (claims.incidents.Incident.as_json): kind, named storm or
    # fire, names in its lead, figures. Read when later articles look for their story.
    incident = models.JSONField(default=dict, blank=True)
    # Stored by a bulk ingest, not yet matched against its story: a bulk ingest stores
    # first and matches after (services.matching.match_pending).
    match_pending = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("text", weight="B", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [F("published").desc(nulls_last=True), "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_gin"),
            GinIndex(fields=["entity_keys"], name="article_entity_keys_gin"),
            # The list's default order, newest first: read in index order, no sort.
            models.Index(
                F("published").desc(nulls_last=True), F("id").desc(), name="article_newest_idx"
            ),
            models.Index(
                fields=["id"], condition=Q(match_pending=True), name="article_match_pending_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("claims:article_detail", args=[self.pk])

    @property
    def analysed(self) -> bool:
        return self.extraction_status == ExtractionStatus.DONE

    @property
    def source_url(self) -> str:
        """The URL if it is safe to render as a link (a web address), else empty."""
        return self.url if self.url.lower().startswith(("http://", "https://")) else ""
