"""The claims found in articles, the links analysts draw between them, notes on
either, and the names analysts give reported facts."""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least

from ..choices import (
    Origin,
    Relation,
)
from ..querysets import (
    ClaimQuerySet,
    LinkQuerySet,
)
from .articles import Article
from .audit import every_change

SPAN_MISMATCH = "The claim text must equal the article text between start and end."
SPAN_OUT_OF_RANGE = "The claim span must lie within the article text (0 <= start < end <= length)."
SAME_ARTICLE = "A link joins claims in two different articles."
NOTE_SUBJECT = "A note belongs to exactly one claim or one link."


@pghistory.track(
    pghistory.InsertEvent(condition=pgtrigger.Q(new__origin=Origin.MANUAL)),
    pghistory.DeleteEvent(condition=pgtrigger.Q(old__origin=Origin.MANUAL)),
    fields=["article", "start", "end", "text", "origin", "created_by"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="ManualClaimEvent",
)
class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField(help_text="Unicode code point offset into the text")
    end = models.PositiveIntegerField()
    text = models.TextField()
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    speaker = models.CharField(max_length=300, blank=True)
    is_quote = models.BooleanField(default=False)
    hedged = models.BooleanField(default=False)
    # [{"text", "label", "start", "end"}], offsets into the article text
    entities = models.JSONField(default=list, blank=True)
    # [{"text", "start", "end", "low", "high", "qualifier", "unit"}]
    quantities = models.JSONField(default=list, blank=True)
    # The figure it disputes by a noun alone ("This is not a verified number"), given in
    # a sentence just before it: [{"start", "text", "quantities", "at"}] (claims.nlp).
    disputes = models.JSONField(default=list, blank=True)
    # Keys two claims worth comparing share (claims.profiles.match_keys), GIN-indexed.
    match_keys = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    # The sentence with its figures as one key (claims.profiles.copy_key), and the
    # story's earliest claim with that key when it is not this one: a wire sentence
    # reprinted by many outlets is matched once, through its earliest claim, and its
    # copies share that claim's suggestions (claims.services.matching).
    copy_key = models.CharField(max_length=32, blank=True, db_index=True)
    copy_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")), name="claim_start_before_end"
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
        ]
        indexes = [GinIndex(fields=["match_keys"], name="claim_match_keys_gin")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def original_id(self) -> int:
        """The claim matched for this one: the earlier sentence it copies, or itself
        (``SuggestionQuerySet`` reads the same in SQL: ``Coalesce(copy_of, pk)``)."""
        return self.copy_of_id or self.pk

    def check_span(self) -> None:
        text = self.article.text
        if not (0 <= self.start < self.end <= len(text)):
            raise ValidationError(SPAN_OUT_OF_RANGE)
        if text[self.start : self.end] != self.text:
            raise ValidationError(SPAN_MISMATCH)

    def clean(self) -> None:
        super().clean()
        self.check_span()

    def save(self, *args, **kwargs) -> None:
        self.check_span()
        super().save(*args, **kwargs)


@pghistory.track(
    *every_change(),
    fields=["source", "target", "relation", "note", "author"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="LinkEvent",
)
class Link(models.Model):
    """An analyst's judgement that two claims in different articles relate."""

    source = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    note = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="links"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every change; a change made on an older version is refused (409).
    version = models.PositiveIntegerField(default=0)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(source=F("target")), name="link_two_claims"),
            # One link per pair and relation, whichever way round it was drawn.
            models.UniqueConstraint(
                Least("source", "target"),
                Greatest("source", "target"),
                "relation",
                name="link_unique_pair_relation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.relation} {self.target_id}"

    def clean(self) -> None:
        super().clean()
        if self.source.article_id == self.target.article_id:
            raise ValidationError(SAME_ARTICLE)


@pghistory.track(
    *every_change(),
    fields=["claim", "link", "author", "body"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="NoteEvent",
)
class Note(models.Model):
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    link = models.ForeignKey(
        Link, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="notes"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=False, link__isnull=True)
                | Q(claim__isnull=True, link__isnull=False),
                name="note_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:80]


@pghistory.track(
    *every_change(),
    fields=["claim", "name", "author"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="FactNameEvent",
)
class FactName(models.Model):
    """An analyst's name for a reported fact. Facts are worked out afresh from same
    links and suggestions (``claims.reported_facts``); the name is held by one of the
    fact's claims, which re-extraction keeps as it keeps claims that links hang on."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="fact_name")
    name = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name
