"""Suggestions Newsdesk makes and the analyst's verdicts on them."""

from __future__ import annotations

from typing import Any

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q

from ..choices import (
    ACTIVE_REVIEW,
    Relation,
    ReviewStatus,
    SuggestionOrigin,
)
from ..querysets import (
    SuggestionQuerySet,
)
from ..wording import ENTITY_KEY, match_key
from .annotations import Claim, Link
from .articles import Article


@pghistory.track(
    pghistory.InsertEvent(condition=pgtrigger.Q(new__origin=SuggestionOrigin.ANALYST)),
    pghistory.UpdateEvent(
        "review", condition=pghistory.AnyChange("status", "status_reason", "link")
    ),
    pghistory.DeleteEvent(condition=~pgtrigger.Q(old__status=ReviewStatus.OPEN)),
    fields=["article_a", "article_b", "relation", "status", "status_reason", "link"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="ReviewEvent",
)
class Suggestion(models.Model):
    """Two claims that Newsdesk proposes go together, and the analyst's verdict on it.

    A contradiction an analyst links by hand gets a row too (origin analyst), so that
    the conflicts dashboard reads one table. ``key`` names the pair by its articles and
    sentences rather than by claim ids, so a verdict survives re-extraction: the claims
    are set to NULL when re-extraction drops them, and matching finds the row again.
    """

    key = models.CharField(max_length=64, unique=True)
    article_a = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    article_b = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    claim_a = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claim_b = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    relation = models.CharField(max_length=12, choices=Relation.choices)
    score = models.FloatField()
    reason = models.CharField(max_length=500)
    topic = models.CharField(max_length=100, blank=True)
    internal = models.BooleanField(default=False)
    same_source = models.BooleanField(default=False)
    # Marks of a conflict: a running count that changed between publication dates (an
    # update, not a disagreement), a hedged claim, figures from two named sources.
    update = models.BooleanField(default=False)
    hedged = models.BooleanField(default=False)
    different_sources = models.BooleanField(default=False)
    # The figures compared: ["about 100 dead", "around 200 dead"].
    figures = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    # What the dashboard's filters read of both claims, kept on the row so that filtering
    # 10,000 rows never scans the claims: their entity keys ("e:assad"), their speakers.
    entity_keys = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    speakers = models.TextField(blank=True)
    origin = models.CharField(
        max_length=10, choices=SuggestionOrigin.choices, default=SuggestionOrigin.MATCHER
    )
    link = models.OneToOneField(
        Link, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestion"
    )
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    status_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Raised by every review; a review made on an older version is refused (409).
    version = models.PositiveIntegerField(default=0)
    # The dashboard entry the row belongs to: rows of one story that set the same two
    # reported facts against each other (a figure repeated by many outlets, a dispute
    # one article reports, a denial against each report of the act) share it, and one
    # verdict covers them; any other row is an entry of its own (its key).
    entry = models.CharField(max_length=64, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]
        indexes = [
            models.Index(fields=["relation", "status", "-score"], name="suggestion_review_idx"),
            models.Index(fields=["article_a", "article_b"], name="suggestion_articles_idx"),
            models.Index(fields=["article_b"], name="suggestion_article_b_idx"),
            GinIndex(fields=["entity_keys"], name="suggestion_entity_keys_gin"),
            # The dashboard's default listing (active conflicts, best or newest first),
            # read in index order to its cap (querysets.SuggestionQuerySet.best).
            *(
                models.Index(
                    *order,
                    name=name,
                    condition=Q(
                        relation=Relation.CONTRADICTS,
                        status__in=ACTIVE_REVIEW,
                        claim_a__isnull=False,
                        claim_b__isnull=False,
                    ),
                )
                for name, order in (
                    ("suggestion_active_score_idx", (F("score").desc(), F("id").asc())),
                    ("suggestion_active_newest_idx", (F("created_at").desc(), F("id").desc())),
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relation}: {self.reason}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.entry = self.entry or self.key  # a row no other shares an entry with
        super().save(*args, **kwargs)

    def set_ends(self, first: Claim, second: Claim) -> None:
        """The two claims (in pair order), and what the filters read of them."""
        self.article_a_id, self.article_b_id = first.article_id, second.article_id
        self.claim_a, self.claim_b = first, second
        entity = match_key(ENTITY_KEY, "")
        keys = {k for claim in (first, second) for k in claim.match_keys if k.startswith(entity)}
        self.entity_keys = sorted(keys)
        self.speakers = "\n".join(c.speaker for c in (first, second) if c.speaker)

    @property
    def kind(self) -> str:
        return "link" if self.link_id else "suggestion"

    @property
    def ends(self) -> tuple[tuple[Article, Claim | None], tuple[Article, Claim | None]]:
        return (self.article_a, self.claim_a), (self.article_b, self.claim_b)
