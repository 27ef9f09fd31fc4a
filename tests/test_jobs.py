"""Background jobs: queued with their rows, idempotent, retried after a passing fault,
finished by another worker when one dies, and run by real workers."""

from __future__ import annotations

import signal
import time
from types import SimpleNamespace

import pytest
from django.db import OperationalError
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from claims import tasks
from claims.choices import JobState
from claims.ingest.records import ArticleInput, FailedInput
from claims.models import Article, Job, Suggestion
from claims.services import jobs
from claims.services.queue import PER_TASK, queue_inputs, queue_story_match, workers_alive
from claims.services.stories import add_alias, merge_stories

from .factories import make_article, make_job, make_story
from .jobs import run_queued
from .workers import HEARTBEAT, start_worker, stop, wait_until

FIRST = "Ferry sinks off Brindlemoor\n\nAt least 14 passengers drowned, the coastguard said."
SECOND = "Brindlemoor ferry toll\n\nThe coastguard said 19 passengers drowned on Sunday."


def report(source: str, text: str) -> ArticleInput:
    title, body = text.split("\n\n", 1)
    return ArticleInput(source=source, title=title, body=body)


def context(attempts: int = 0) -> SimpleNamespace:
    return SimpleNamespace(job=SimpleNamespace(attempts=attempts))


@pytest.mark.django_db
def test_an_input_is_queued_with_its_row_and_an_unreadable_one_fails_at_once():
    batch = queue_inputs([report("a.txt", FIRST), FailedInput("b.bin", "binary file")])
    rows = {job.label: job for job in Job.objects.filter(batch=batch)}
    assert rows["a.txt"].state == JobState.QUEUED and rows["a.txt"].input["title"]
    assert (rows["b.bin"].state, rows["b.bin"].message) == (JobState.FAILED, "binary file")
    queued = ProcrastinateJob.objects.get()
    assert (queued.task_name, queued.args) == ("ingest_inputs", {"jobs": [rows["a.txt"].pk]})


@pytest.mark.django_db
def test_a_job_run_twice_changes_nothing_the_second_time():
    queue_inputs([report("a.txt", FIRST), report("b.txt", SECOND)])
    run_queued()
    job = Job.objects.get(label="b.txt")
    assert job.state == JobState.DONE and job.input == {} and job.article.story is not None
    before = (Article.objects.count(), job.article.claims.count(), job.suggestions)
    tasks.ingest_inputs.func(context(), jobs=[job.pk])
    job.refresh_from_db()
    assert (Article.objects.count(), job.article.claims.count(), job.suggestions) == before


@pytest.mark.django_db
def test_a_job_whose_worker_died_after_storing_is_matched_not_stored_again():
    story = make_story("Ferry")
    make_article(body=FIRST.split("\n\n", 1)[1], story=story)
    stored = make_article(body=SECOND.split("\n\n", 1)[1], story=story)
    Article.objects.filter(pk=stored.pk).update(match_pending=True)
    job = make_job(state=JobState.ANALYSING, article=stored)
    jobs.run_ingest([job.pk], attempt=1)
    job.refresh_from_db()
    assert job.state == JobState.MATCHING and job.attempts == 2
    assert [queued.task_name for queued in ProcrastinateJob.objects.all()] == ["match_stored"]
    run_queued()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.suggestions == Suggestion.objects.count()
    assert Article.objects.count() == 2 and not Article.objects.filter(match_pending=True)


@pytest.mark.django_db
def test_inputs_of_one_story_stored_meanwhile_are_matched_by_one_job():
    story = make_story("Ferry")
    queue_inputs([report("a.txt", FIRST), report("b.txt", SECOND)], story=story)
    for queued in list(ProcrastinateJob.objects.filter(task_name="ingest_inputs")):
        tasks.ingest_inputs.func(context(), **queued.args)
    waiting = ProcrastinateJob.objects.filter(task_name="match_stored", status="todo")
    assert [(j.args, j.lock) for j in waiting] == [({"story": story.pk}, f"story-{story.pk}")]
    assert set(Job.objects.values_list("state", flat=True)) == {JobState.MATCHING}
    tasks.match_stored.func(context(), story=story.pk)
    assert set(Job.objects.values_list("state", flat=True)) == {JobState.DONE}


@pytest.mark.django_db
def test_a_passing_database_fault_is_tried_again_with_backoff_then_given_up(monkeypatch):
    queue_inputs([report("a.txt", FIRST)])
    job = Job.objects.get()

    def away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(jobs, "store_article", away)
    with pytest.raises(OperationalError):
        tasks.ingest_inputs.func(context(0), jobs=[job.pk])
    job.refresh_from_db()
    assert job.state == JobState.ANALYSING and job.message == ""  # not failed: tried again
    assert not Article.objects.exists()
    queued = ProcrastinateJob.objects.get()
    decision = tasks.RETRY.get_retry_decision(exception=OperationalError(), job=queued)
    assert decision is not None and decision.retry_at > timezone.now()  # later, not at once
    last = tasks.RETRY.max_attempts
    assert (
        tasks.RETRY.get_retry_decision(
            exception=OperationalError(), job=SimpleNamespace(attempts=last)
        )
        is None
    )
    with pytest.raises(OperationalError):
        tasks.ingest_inputs.func(context(last), jobs=[job.pk])
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "could not be reached" in job.message

    monkeypatch.undo()  # the database is back: an analyst sends it again
    queue_inputs([report("a.txt", FIRST)])
    run_queued()
    assert Job.objects.filter(state=JobState.DONE).count() == 1


@pytest.mark.django_db
def test_a_programming_error_fails_the_job_in_plain_words(monkeypatch):
    queue_inputs([report("a.txt", FIRST)])

    def broken(*args, **kwargs):
        raise KeyError("quantities")

    monkeypatch.setattr(jobs, "store_article", broken)
    run_queued()
    job = Job.objects.get()
    assert job.state == JobState.FAILED and job.message == jobs.BROKE
    assert "KeyError" not in job.message and not Article.objects.exists()


@pytest.mark.django_db
def test_merging_stories_queues_one_search_for_suggestions():
    into, other = make_story("Ferry"), make_story("Ferry toll")
    make_article(body=FIRST.split("\n\n", 1)[1], story=into)
    make_article(body=SECOND.split("\n\n", 1)[1], story=other)
    merge_stories(story=other, into=into)
    queue_story_match(into)  # asked again before a worker got to it: still one
    job = Job.objects.get()
    assert (job.kind, job.story, job.state) == ("match_story", into, JobState.QUEUED)
    run_queued()
    job.refresh_from_db()
    assert job.state == JobState.DONE


@pytest.mark.django_db
def test_an_alias_queues_the_stories_that_name_either_side():
    named = make_story("Kremlin statement")
    article = make_article(body="The Kremlin said 3 envoys left.", story=named)
    Article.objects.filter(pk=article.pk).update(entity_keys=["kremlin"])
    make_story("Elsewhere")
    add_alias(alias="the Kremlin", canonical="Russian government", user=None)
    assert [job.story for job in Job.objects.all()] == [named]


@pytest.mark.django_db
def test_with_no_worker_alive_the_service_says_so():
    assert not workers_alive()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_real_workers_share_the_queue_and_store_each_text_once():
    texts = [FIRST, SECOND, FIRST.replace("14", "16"), SECOND.replace("19", "21")]
    inputs = [report(f"{i}.txt", text) for i, text in enumerate(texts + texts[:2])]
    batch = queue_inputs(inputs)
    workers = [start_worker("--burst"), start_worker("--burst")]
    outputs = [stop_after(worker, seconds=120) for worker in workers]
    rows = list(Job.objects.filter(batch=batch))
    assert {job.state for job in rows} == {JobState.DONE}, outputs
    assert Article.objects.count() == 4 and sum(job.duplicate for job in rows) == 2
    assert {job.article_id for job in rows} == set(Article.objects.values_list("pk", flat=True))


def stop_after(worker, seconds: float) -> str:
    try:
        worker.wait(timeout=seconds)
    finally:
        output = stop(worker)
    return output


def long_report() -> ArticleInput:
    """An invented text long enough (about 120,000 characters) to kill a worker inside."""
    lines = [
        f"Officials in Brindle {i} said {i % 40 + 2} homes were flooded by the river."
        for i in range(1600)
    ]
    return ArticleInput(source="long.txt", title="Floods along the Brindle", body=" ".join(lines))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_leaves_the_job_to_another():
    queue_inputs([long_report()])
    job = Job.objects.get()
    first = start_worker()
    try:
        wait_until(
            lambda: Job.objects.get(pk=job.pk).state == JobState.ANALYSING,
            what="the first worker to start the job",
        )
        first.send_signal(signal.SIGKILL)
    finally:
        stop(first)
    assert Job.objects.get(pk=job.pk).state == JobState.ANALYSING
    assert not Article.objects.exists()
    time.sleep(3 * float(HEARTBEAT) + 0.5)  # three beats missed: the worker is dead
    second = start_worker("--burst")
    output = stop_after(second, seconds=120)
    job.refresh_from_db()
    assert job.state == JobState.DONE, output
    assert job.attempts == 2 and Article.objects.count() == 1
    assert "given back to the queue" in output


@pytest.mark.django_db
def test_ingest_in_the_background_queues_a_job_per_input(tmp_path, capsys):
    from django.core.management import call_command

    (tmp_path / "a.txt").write_text(FIRST)
    (tmp_path / "b.txt").write_text(SECOND)
    call_command("ingest", str(tmp_path), "--background", "--outlet", "Coast Gazette")
    out = capsys.readouterr()
    assert "2 inputs queued as batch" in out.out and "No worker is running" in out.err
    assert not Article.objects.exists() and Job.objects.count() == 2
    run_queued()
    assert {a.outlet.name for a in Article.objects.all()} == {"Coast Gazette"}


@pytest.mark.django_db
def test_a_long_upload_is_analysed_a_few_inputs_per_task_each_with_its_own_row():
    texts = [FIRST.replace("14", str(n)) for n in range(10, 10 + PER_TASK + 2)]
    batch = queue_inputs([report(f"{n}.txt", text) for n, text in enumerate(texts)])
    parts = [job.args["jobs"] for job in ProcrastinateJob.objects.order_by("id")]
    assert [len(part) for part in parts] == [PER_TASK, 2]
    run_queued()
    rows = Job.objects.filter(batch=batch)
    assert {job.state for job in rows} == {JobState.DONE} and Article.objects.count() == 10
    assert len({job.article_id for job in rows}) == 10


def test_a_tasks_inputs_are_all_sent_to_be_analysed_before_the_first_is_stored():
    sent: list[list[str]] = []

    class Analyst:
        def start(self, texts):
            sent.append(list(texts))
            return lambda: [text.upper() for text in texts]

    analysed = jobs._analysed(Analyst(), ["a", "b", "c", "d", "e"])
    assert next(analysed) == "A"  # what the worker stores first ...
    assert sent == [["a", "b"], ["c", "d"], ["e"]]  # ... while the rest are being read
    assert list(analysed) == ["B", "C", "D", "E"]
