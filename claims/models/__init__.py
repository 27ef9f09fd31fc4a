"""Articles, the claims found in them, the links analysts draw between claims, the
suggestions Newsdesk makes and the verdicts on them, and background jobs.

One module per part; every model (and the choices they use) is importable from here."""

from __future__ import annotations

from ..choices import (
    ExtractionStatus,
    JobKind,
    JobState,
    Origin,
    Relation,
    ReviewStatus,
    SuggestionOrigin,
)
from .aliases import EntityAlias, EntityAliasQuerySet
from .annotations import (
    NOTE_SUBJECT,
    SAME_ARTICLE,
    SPAN_MISMATCH,
    SPAN_OUT_OF_RANGE,
    Claim,
    FactName,
    Link,
    Note,
)
from .articles import Article, Outlet, Story
from .jobs import Job
from .reviews import Suggestion

__all__ = [
    "NOTE_SUBJECT",
    "SAME_ARTICLE",
    "SPAN_MISMATCH",
    "SPAN_OUT_OF_RANGE",
    "Article",
    "Claim",
    "EntityAlias",
    "EntityAliasQuerySet",
    "ExtractionStatus",
    "FactName",
    "Job",
    "JobKind",
    "JobState",
    "Link",
    "Note",
    "Origin",
    "Outlet",
    "Relation",
    "ReviewStatus",
    "Story",
    "Suggestion",
    "SuggestionOrigin",
]
