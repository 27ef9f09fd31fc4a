"""Work done in the background for an analyst or a command."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import (
    JobKind,
    JobState,
)
from ..querysets import (
    JobQuerySet,
)
from .articles import Article, Story


class Job(models.Model):
    """Work an analyst (or a command) asked for, done by a worker in the background:
    one input to ingest, or one story to match again. The task queue (procrastinate)
    holds when to run it; this row holds what it is and how it went, for the pages."""

    kind = models.CharField(max_length=20, choices=JobKind.choices)
    state = models.CharField(max_length=20, choices=JobState.choices, default=JobState.QUEUED)
    # What the analyst sees it as: a file name, a URL, "pasted text", a story's name.
    label = models.CharField(max_length=1000)
    # The inputs queued together (one upload, one command); the ingest page follows them.
    batch = models.UUIDField(db_index=True)
    # An input to ingest (claims.ingest.records.ArticleInput.as_json), emptied once stored.
    input = models.JSONField(default=dict, blank=True)
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    duplicate = models.BooleanField(default=False)
    claims = models.PositiveIntegerField(default=0)
    suggestions = models.PositiveIntegerField(default=0)
    # Why it failed, in words an analyst can act on.
    message = models.CharField(max_length=1000, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["state"],
                condition=~Q(state__in=JobState.finished()),
                name="job_unfinished_idx",
            ),
            models.Index(fields=["requested_by", "-created_at"], name="job_requested_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label}: {self.get_state_display()}"

    @property
    def finished(self) -> bool:
        return self.state in JobState.finished()

    @property
    def failed(self) -> bool:
        return self.state == JobState.FAILED

    @property
    def done(self) -> bool:
        return self.state == JobState.DONE

    @property
    def story_match(self) -> bool:
        return self.kind == JobKind.MATCH_STORY
