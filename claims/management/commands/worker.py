"""python manage.py worker : run the background jobs (ingest, matching) until stopped.

Start as many as there are cores to spare, on any machine that reaches the database.
Ctrl-C or SIGTERM lets the job at hand finish first (a second one stops at once; the
job is then given to another worker once this one's heartbeat is missed).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from typing import Any

import psycopg
from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.exceptions import ConnectorException

from claims.management.database import require_migrated
from claims.services import jobs
from claims.tasks import TRANSIENT, requeue_stalled

# Longest wait between two tries to reach a database that went away.
MAX_DELAY = 30.0
AWAY = (ConnectorException, psycopg.OperationalError, *TRANSIENT)


class Command(BaseCommand):
    help = "Run a worker for Newsdesk's background jobs (uploads, fetches, matching)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--burst",
            action="store_true",
            help="stop once no job waits or runs (for scripts and benchmarks)",
        )
        parser.add_argument("--name", default=None, help="name shown in the logs")

    def handle(self, *args, **options) -> None:
        require_migrated()
        logging.getLogger("procrastinate").setLevel(logging.WARNING)
        self.stderr.write(f"loading the language pipeline ({jobs.warm_up()}) ...")
        with app.replace_connector(app.connector.get_worker_connector()):  # type: ignore[attr-defined]
            asyncio.run(self._work(burst=options["burst"], name=options["name"]))

    async def _work(self, *, burst: bool, name: str | None) -> None:
        """Serve; when the database goes away (a restart, a network cut), wait and start
        again rather than exit: the jobs are in the database and wait for it too."""
        delay = 1.0
        while True:
            try:
                await self._serve(burst=burst, name=name)
                return
            except (*AWAY, StoppedItself) as exc:
                reason = str(exc.__cause__ or exc).strip().splitlines() or ["no answer"]
                self.stderr.write(f"lost the database ({reason[-1]}); again in {delay:.0f} s")
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_DELAY)

    async def _serve(self, *, burst: bool, name: str | None) -> None:
        async with app.open_async():
            recovered = await requeue_stalled(app)
            if recovered:
                self.stderr.write(f"{recovered} job(s) of a stopped worker given back to the queue")
            options: dict[str, Any] = dict(settings.PROCRASTINATE_WORKER_DEFAULTS)
            if name:
                options["name"] = name
            self.stderr.write("worker started; Ctrl-C to stop")
            if not burst:
                await self._until_stopped(options)
                return
            # Until no job waits or runs anywhere: a job held back by another worker's
            # (its story's lock, a retry's wait) is not "none left".
            while True:
                await app.run_worker_async(**options, wait=False)
                if not await sync_to_async(_unfinished)():
                    return
                await asyncio.sleep(0.2)

    async def _until_stopped(self, options: dict[str, Any]) -> None:
        """Run until Ctrl-C or SIGTERM (the job at hand finishes first; a second signal
        stops at once). procrastinate also stops its worker when one of its side tasks
        fails, as its listener does when the database goes away: that stop is not
        ours, so it is raised to be waited out and started again."""
        loop = asyncio.get_running_loop()
        worker = asyncio.create_task(app.run_worker_async(**options, install_signal_handlers=False))
        asked: list[int] = []

        def stop(signum: int) -> None:
            if asked:
                os._exit(128 + signum)
            asked.append(signum)
            worker.cancel()  # procrastinate's graceful shutdown

        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop, signum)
        try:
            await worker
        except asyncio.CancelledError:
            if not asked:
                raise
        finally:
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)
        if not asked:
            raise StoppedItself("the worker stopped by itself")


class StoppedItself(Exception):
    """procrastinate's worker ended without being asked to (a side task failed)."""


def _unfinished() -> bool:
    try:
        return ProcrastinateJob.objects.filter(status__in=["todo", "doing"]).exists()
    finally:
        close_old_connections()
