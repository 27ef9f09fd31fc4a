"""The task queue's tasks (procrastinate, found by its Django app under this name).

Each task is a thin shell around a service in ``claims.services.jobs``: it gives the
service a fresh database connection, lets procrastinate try again (waiting 2, 4, 8, ...
seconds) when the database was away, and records on the job's row, in plain words,
why a job will not be tried again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connection
from procrastinate import JobContext, RetryStrategy
from procrastinate.contrib.django import app

from .services import jobs as job_services
from .services.queue import INGEST_TASK, MATCH_STORED_TASK, MATCH_STORY_TASK

logger = logging.getLogger(__name__)
# Faults that pass: the database restarting, a connection dropped, a deadlock.
TRANSIENT = (OperationalError, InterfaceError)
RETRY = RetryStrategy(
    max_attempts=settings.NEWSDESK_JOB_RETRIES,
    exponential_wait=settings.NEWSDESK_JOB_RETRY_WAIT,
    retry_exceptions=TRANSIENT,
)


def run(work: Callable[..., None], context: JobContext, job: Any) -> None:
    attempt = context.job.attempts
    _fresh_connection()
    try:
        work(job, attempt=attempt)
    except TRANSIENT:
        logger.warning("job %s: the database was away (attempt %d)", job, attempt + 1)
        _fresh_connection()
        if attempt >= settings.NEWSDESK_JOB_RETRIES:
            _record(job, job_services.GAVE_UP.format(n=settings.NEWSDESK_JOB_RETRIES))
        raise
    except Exception:
        logger.exception("job %s failed", job)
        _record(job, job_services.BROKE)
    finally:
        _fresh_connection()


def _fresh_connection() -> None:
    """A worker lives long: drop a connection that broke or aged, as Django does around
    each request. Not inside a transaction (a job run by a test, in the test's)."""
    if not connection.in_atomic_block:
        close_old_connections()


def _record(job: Any, message: str) -> None:
    try:
        job_services.give_up(job, message)
    except TRANSIENT:  # still away: the row says "queued" until a person sends it again
        logger.exception("job %s: could not record its failure", job)


@app.task(name=INGEST_TASK, pass_context=True, retry=RETRY)
def ingest_inputs(context: JobContext, jobs: list[int]) -> None:
    """Analyse and store a few inputs an analyst or a command queued."""
    run(job_services.run_ingest, context, jobs)


@app.task(name=MATCH_STORY_TASK, pass_context=True, retry=RETRY)
def match_story(context: JobContext, job: int) -> None:
    """Look for suggestions among a story's articles again."""
    run(job_services.run_story_match, context, job)


@app.task(name=MATCH_STORED_TASK, pass_context=True, retry=RETRY)
def match_stored(context: JobContext, story: int) -> None:
    """Match what the ingest jobs stored in a story, and finish those jobs."""
    attempt = context.job.attempts
    _fresh_connection()
    try:
        job_services.run_stored_match(story)
    except TRANSIENT:
        logger.warning("matching story %s: the database was away (attempt %d)", story, attempt)
        raise  # the articles stay pending: the next ingest or `suggest --pending` has them
    finally:
        _fresh_connection()


@app.periodic(cron="* * * * *")
@app.task(name="recover_stalled_jobs", queueing_lock="recover_stalled_jobs", pass_context=True)
async def recover_stalled_jobs(context: JobContext, timestamp: int) -> None:
    """Every minute: the jobs of a worker that died (no heartbeat for three beats) are
    given to the workers that live. ``manage.py worker`` also does it as it starts."""
    await requeue_stalled(context.app)


async def requeue_stalled(queue_app) -> int:
    stalled = await queue_app.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=3 * settings.NEWSDESK_WORKER_HEARTBEAT
    )
    for job in stalled:
        logger.warning("job %s: its worker stopped; trying it again", job.id)
        await queue_app.job_manager.retry_job(job)
    return len(stalled)
