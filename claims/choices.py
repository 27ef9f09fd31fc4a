"""The choices of Newsdesk's fields: statuses, relations, origins.

A leaf module: models, querysets, forms, services and SQL all name these values from
here, so none of them spells a status out as a literal.
"""

from __future__ import annotations

from django.db import models


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DONE = "done", "Analysed"
    NOT_ANALYSED = "not_analysed", "Not analysed (language not supported)"
    FAILED = "failed", "Failed"


class Origin(models.TextChoices):
    EXTRACTED = "extracted", "Extracted"
    MANUAL = "manual", "Manual"


class Relation(models.TextChoices):
    SAME = "same", "Same"
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    REFINES = "refines", "Refines"
    RELATED = "related", "Related"


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"
    RESOLVED = "resolved", "Resolved"


# Conflicts that need attention: the dashboard's "active" listing.
ACTIVE_REVIEW = [ReviewStatus.OPEN, ReviewStatus.CONFIRMED]


class SuggestionOrigin(models.TextChoices):
    MATCHER = "matcher", "Suggested by Newsdesk"
    ANALYST = "analyst", "Linked by an analyst"


class JobKind(models.TextChoices):
    INGEST = "ingest", "Ingest"
    MATCH_STORY = "match_story", "Look for suggestions"


class JobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    ANALYSING = "analysing", "Analysing"
    MATCHING = "matching", "Matching"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"

    @classmethod
    def finished(cls) -> list[str]:
        return [cls.DONE, cls.FAILED]
