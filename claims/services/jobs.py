"""Writes: the work a worker does for a queued job (``claims.services.queue``), and
the job's row saying how far it got.

Running a job is idempotent: a finished one is left alone, and an input already
stored (a worker died after storing it) is matched, not stored again.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..choices import JobKind, JobState
from ..extraction import ExtractionFailed, Extractor
from ..ingest.errors import InputError
from ..ingest.records import ArticleInput
from ..models import Article, EntityAlias, Job
from ..nlp.claims import ExtractedClaim
from .ingestion import PreparedArticle, prepare, store_article
from .matching import match_pending, suggest_for_story

GAVE_UP = "the database could not be reached, even after {n} more tries; send it again"
BROKE = "something went wrong on our side while doing this; nothing of it was saved"


def _update(job_id: int, **fields: Any) -> None:
    Job.objects.filter(pk=job_id).update(**fields, updated_at=timezone.now())


@cache
def _extractor() -> Extractor:
    """One pipeline per worker process, loaded on its first job."""
    return Extractor(processes=1)


def run_ingest(job_id: int, *, attempt: int = 0) -> None:
    """Store one queued input and match it against its story."""
    job = Job.objects.filter(pk=job_id, kind=JobKind.INGEST).first()
    if job is None or job.finished:
        return
    _update(job_id, attempts=attempt + 1)
    if job.article_id is None:
        _update(job_id, state=JobState.ANALYSING)
        try:
            prepared = prepare(
                ArticleInput.from_json(job.input), max_chars=settings.NEWSDESK_MAX_ARTICLE_CHARS
            )
        except InputError as exc:
            _update(job_id, state=JobState.FAILED, message=exc.message)
            return
        if _stored_before(job_id, prepared.hash):
            return
        extractor = _extractor()
        extracted = None
        if prepared.language == extractor.language:
            extracted = extractor.run([prepared.text])[0]
        if isinstance(extracted, ExtractionFailed):
            _update(job_id, state=JobState.FAILED, message=extracted.message)
            return
        try:
            article = _store(job, prepared, extracted, extractor.version)
        except IntegrityError:  # another worker stored the same text meanwhile
            if _stored_before(job_id, prepared.hash):
                return
            raise
        job.article_id = article.pk
    else:
        _update(job_id, state=JobState.MATCHING)
    found = match_pending([job.article_id])
    _update(job_id, state=JobState.DONE, suggestions=found)


def _stored_before(job_id: int, text_hash: str) -> bool:
    known = Article.objects.filter(content_hash=text_hash).first()
    if known is None:
        return False
    claims = known.claims.count()
    _update(job_id, state=JobState.DONE, article=known, duplicate=True, claims=claims)
    return True


@transaction.atomic
def _store(
    job: Job, prepared: PreparedArticle, extracted: list[ExtractedClaim] | None, version: str
) -> Article:
    """The article and its claims, and the job's row saying so, in one transaction."""
    article = store_article(
        prepared=prepared,
        claims=extracted,
        pipeline_version=version,
        story=job.story,
        aliases=EntityAlias.objects.as_map(),
        match=False,
    )
    # The input is in the article now; the row keeps only what the page shows.
    fields = {"article": article, "claims": len(extracted or []), "input": {}}
    _update(job.pk, state=JobState.MATCHING, **fields)
    return article


def run_story_match(job_id: int, *, attempt: int = 0) -> None:
    job = Job.objects.filter(pk=job_id, kind=JobKind.MATCH_STORY).first()
    if job is None or job.finished:
        return
    if job.story_id is None:  # the story was merged away or deleted meanwhile
        _update(job_id, state=JobState.DONE, attempts=attempt + 1)
        return
    _update(job_id, state=JobState.MATCHING, attempts=attempt + 1)
    found = suggest_for_story(job.story_id)
    _update(job_id, state=JobState.DONE, suggestions=found)


def give_up(job_id: int, message: str) -> None:
    """Record a job that will not be tried again, with why in the analyst's words."""
    _update(job_id, state=JobState.FAILED, message=message[:1000])
