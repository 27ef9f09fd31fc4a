"""Writes: work queued for the workers, with the rows that tell the pages how it goes.

An analyst's upload, paste or fetch becomes one ``Job`` row per input, and one task of
the queue (procrastinate) for every few of them, which analyses and stores them; the
matching of what they stored is one task per story. Re-matching a story (asked for, or
after a merge, split, move or alias edit) is one job per story. Rows are written with
their queue entries in one transaction, so nothing is queued without its row, nor a
row left without its task. The workers run them (``claims.tasks``,
``claims.services.jobs``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateWorker
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.types import JSONDict, JSONValue

from ..choices import JobKind, JobState
from ..ingest.records import ArticleInput, FailedInput
from ..models import Job, Story
from .errors import ServiceError

# The queue's task names (claims.tasks registers them): services defer by name, so that
# the tasks import the services and never the other way round.
INGEST_TASK = "ingest_inputs"
MATCH_STORY_TASK = "match_story"
MATCH_STORED_TASK = "match_stored"
# Inputs one task of the queue analyses together (spaCy reads a few texts at once
# faster than one by one); each keeps its own row, state and message.
PER_TASK = 8
# Inputs are stored before stories are matched: a long upload is all in the archive
# soon, and its articles are matched together, each story read once.
STORE_FIRST = 1
# A worker silent for this many heartbeats is not running.
ALIVE_HEARTBEATS = 3

User = AbstractBaseUser | AnonymousUser


def _requester(user: User | None) -> Any:
    return user if user is not None and user.is_authenticated else None


@transaction.atomic
def queue_inputs(
    items: Iterable[ArticleInput | FailedInput],
    *,
    user: User | None = None,
    story: Story | None = None,
    batch: uuid.UUID | None = None,
) -> uuid.UUID:
    """One job per input (an input that could not be read is recorded as failed at once);
    returns the batch the ingest page follows: ``batch`` if it is this user's (a long
    upload sent in parts), else a new one."""
    if (
        batch is None
        or Job.objects.filter(batch=batch).exclude(requested_by=_requester(user)).exists()
    ):
        batch = uuid.uuid4()
    rows = []
    for item in items:
        row = Job(kind=JobKind.INGEST, batch=batch, story=story, requested_by=_requester(user))
        row.label = item.source[:1000]
        if isinstance(item, FailedInput):
            row.state, row.message = JobState.FAILED, item.error[:1000]
        else:
            row.input = item.as_json()
        rows.append(row)
    Job.objects.bulk_create(rows)
    waiting: list[JSONValue] = [row.pk for row in rows if row.state == JobState.QUEUED]
    parts: list[JSONDict] = [
        {"jobs": waiting[i : i + PER_TASK]} for i in range(0, len(waiting), PER_TASK)
    ]
    if parts:
        app.configure_task(INGEST_TASK, priority=STORE_FIRST).batch_defer(*parts)
    return batch


NOT_AGAIN = "Only a failed input of yours whose text is still at hand can be sent again."


@transaction.atomic
def send_again(job: Job, *, user: User | None) -> Job:
    """Queue a failed input once more (after a database fault, say), in its own batch's
    row, so that the page following the batch follows it again."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    mine = job.requested_by_id is not None and job.requested_by == _requester(user)
    if not (mine and job.kind == JobKind.INGEST and job.state == JobState.FAILED and job.input):
        raise ServiceError(NOT_AGAIN, status=409)
    job.state, job.message = JobState.QUEUED, ""
    job.save(update_fields=["state", "message", "updated_at"])
    app.configure_task(INGEST_TASK, priority=STORE_FIRST).defer(jobs=[job.pk])
    return job


@transaction.atomic
def queue_story_match(story: Story, *, user: User | None = None) -> Job:
    """Look for suggestions among a story's articles again, in the background. A story
    already waiting for this is not queued twice."""
    waiting: Job | None = Job.objects.filter(
        kind=JobKind.MATCH_STORY, story=story, state=JobState.QUEUED
    ).first()
    if waiting is not None:
        return waiting
    row = Job.objects.create(
        kind=JobKind.MATCH_STORY,
        batch=uuid.uuid4(),
        story=story,
        label=story.name[:1000],
        requested_by=_requester(user),
    )
    app.configure_task(MATCH_STORY_TASK, lock=story_lock(story.pk)).defer(job=row.pk)
    return row


def story_lock(story_id: int) -> str:
    """Jobs that match one story run one after the other (procrastinate's ``lock``)."""
    return f"story-{story_id}"


def queue_stored_match(story_id: int) -> None:
    """Match a story's stored, unmatched articles (``Article.match_pending``) in one job:
    inputs of one story stored by several workers are matched together, each reading
    the story once. A job already waiting for the story takes the new ones too."""
    deferrer = app.configure_task(
        MATCH_STORED_TASK, lock=story_lock(story_id), queueing_lock=f"stored-{story_id}"
    )
    try:
        with transaction.atomic():  # the refusal must not abort the caller's transaction
            deferrer.defer(story=story_id)
    except AlreadyEnqueued:
        pass


def workers_alive() -> bool:
    """Whether a worker has sent a heartbeat lately (procrastinate's own table)."""
    seconds = ALIVE_HEARTBEATS * settings.NEWSDESK_WORKER_HEARTBEAT
    recent = timezone.now() - dt.timedelta(seconds=seconds)
    return ProcrastinateWorker.objects.filter(last_heartbeat__gte=recent).exists()
