"""Running queued jobs inside a test: in the test's thread and transaction, the way a
worker runs them (the same task functions, with the attempt count procrastinate keeps).
``tests/test_jobs.py`` also runs real workers, in their own processes."""

from __future__ import annotations

from types import SimpleNamespace

from django.db import connection
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob


def waiting() -> list[ProcrastinateJob]:
    return list(ProcrastinateJob.objects.filter(status="todo").order_by("id"))


def run_queued() -> int:
    """Run every waiting job (and those they queue) to the end; returns how many ran."""
    ran = 0
    while jobs := waiting():
        for job in jobs:
            task = app.tasks[job.task_name]
            context = SimpleNamespace(app=app, job=SimpleNamespace(attempts=job.attempts))
            task.func(context, **job.args)
            with connection.cursor() as cursor:  # done: a worker deletes it too
                cursor.execute("DELETE FROM procrastinate_jobs WHERE id = %s", [job.id])
            ran += 1
    return ran
