"""Writes: the work a worker does for a queued job (``claims.services.queue``), and
the job's row saying how far it got.

Running a job is idempotent: a finished one is left alone, and an input already
stored (a worker died after storing it) is not stored again. An input's job stores
it; the job matching its story (``run_stored_match``) finishes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..choices import JobKind, JobState
from ..extraction import Extracted, ExtractionFailed, Extractor
from ..ingest.errors import InputError
from ..ingest.records import ArticleInput
from ..models import Article, EntityAlias, Job, Suggestion
from ..nlp.claims import ExtractedClaim
from .ingestion import PreparedArticle, prepare, store_article
from .matching import match_pending, suggest_for_story
from .queue import queue_stored_match

GAVE_UP = "the database could not be reached, even after {n} more tries; send it again"
BROKE = "something went wrong on our side while doing this; nothing of it was saved"
ANALYSED_TOGETHER = 2  # of a job's inputs: the first two are stored while the rest are read


def _update(job_id: int, **fields: Any) -> None:
    Job.objects.filter(pk=job_id).update(**fields, updated_at=timezone.now())


@cache
def _extractor() -> Extractor:
    """One pipeline per worker process (``warm_up`` loads it as the worker starts), with
    the thread it analyses in while the worker stores (open for the process's life)."""
    return Extractor(processes=1).__enter__()


def _analysed(extractor: Extractor, texts: list[str]) -> Iterator[Extracted]:
    """The texts' claims in order, analysed in the background a few at a time, so that
    storing the first overlaps analysing the rest."""
    parts = [texts[i : i + ANALYSED_TOGETHER] for i in range(0, len(texts), ANALYSED_TOGETHER)]
    for waiting in [extractor.start(part) for part in parts]:
        yield from waiting()


def warm_up() -> str:
    """Load the language pipeline before the first job, not during it; its version."""
    return _extractor().version


def run_ingest(job_ids: list[int], *, attempt: int = 0) -> None:
    """Store some queued inputs (the language analysis runs over them together, as a
    bulk ingest does); their matching is queued for their stories."""
    jobs = [
        job
        for job in Job.objects.filter(pk__in=job_ids, kind=JobKind.INGEST).order_by("pk")
        if not job.finished
    ]
    Job.objects.filter(pk__in=[job.pk for job in jobs]).update(attempts=attempt + 1)
    Job.objects.filter(pk__in=[job.pk for job in jobs if job.article_id is None]).update(
        state=JobState.ANALYSING, updated_at=timezone.now()
    )
    todo: list[tuple[Job, PreparedArticle]] = []
    for job in jobs:
        if job.article_id is not None:  # stored by an earlier try: its matching is queued
            _match_later(job.pk, Article.objects.get(pk=job.article_id))
            continue
        try:
            prepared = prepare(
                ArticleInput.from_json(job.input), max_chars=settings.NEWSDESK_MAX_ARTICLE_CHARS
            )
        except InputError as exc:
            _update(job.pk, state=JobState.FAILED, message=exc.message)
            continue
        if not _stored_before(job.pk, prepared.hash):
            todo.append((job, prepared))
    extractor = _extractor()
    readable = [p.text for _, p in todo if p.language == extractor.language]
    extracted = _analysed(extractor, readable)
    aliases = EntityAlias.objects.as_map()
    for job, prepared in todo:
        claims = next(extracted) if prepared.language == extractor.language else None
        if isinstance(claims, ExtractionFailed):
            _update(job.pk, state=JobState.FAILED, message=claims.message)
            continue
        try:
            _store(job, prepared, claims, extractor.version, aliases)
        except IntegrityError:  # the same text twice, or stored by another worker meanwhile
            if not _stored_before(job.pk, prepared.hash):
                raise


def _match_later(job_id: int, article: Article) -> None:
    """The job waits for its story's matching, or is done if there is none to do."""
    if article.match_pending and article.story_id:
        _update(job_id, state=JobState.MATCHING)
        queue_stored_match(article.story_id)
    else:
        _update(job_id, state=JobState.DONE)


def run_stored_match(story_id: int) -> None:
    """Match the story's stored, unmatched articles, and finish the jobs that stored them."""
    ids = list(
        Article.objects.filter(story_id=story_id, match_pending=True).values_list("pk", flat=True)
    )
    if ids:
        match_pending(ids)
    waiting = Job.objects.filter(article__story_id=story_id, state=JobState.MATCHING)
    matched = waiting.filter(article__match_pending=False)
    for pk, article_id in matched.values_list("pk", "article_id"):
        found = Suggestion.objects.of_article(article_id).pending().count()
        _update(pk, state=JobState.DONE, suggestions=found)


def _stored_before(job_id: int, text_hash: str) -> bool:
    known = Article.objects.filter(content_hash=text_hash).first()
    if known is None:
        return False
    claims = known.claims.count()
    _update(job_id, state=JobState.DONE, article=known, duplicate=True, claims=claims)
    return True


@transaction.atomic
def _store(
    job: Job,
    prepared: PreparedArticle,
    extracted: list[ExtractedClaim] | None,
    version: str,
    aliases: dict[str, str],
) -> Article:
    """The article and its claims, and the job's row saying so, in one transaction."""
    article = store_article(
        prepared=prepared,
        claims=extracted,
        pipeline_version=version,
        story=job.story,
        aliases=aliases,
        match=False,
    )
    # The input is in the article now; the row keeps only what the page shows.
    _update(job.pk, article=article, claims=len(extracted or []), input={})
    _match_later(job.pk, article)
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
    run_stored_match(job.story_id)  # it matched every article: their jobs are done
    _update(job_id, state=JobState.DONE, suggestions=found)


def give_up(job_ids: int | list[int], message: str) -> None:
    """Record jobs that will not be tried again, with why in the analyst's words (those
    of a task that finished before it broke stay as they are)."""
    ids = [job_ids] if isinstance(job_ids, int) else job_ids
    unfinished = Job.objects.filter(pk__in=ids).unfinished()
    unfinished.update(state=JobState.FAILED, message=message[:1000], updated_at=timezone.now())
