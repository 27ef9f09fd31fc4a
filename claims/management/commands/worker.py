"""python manage.py worker : run the background jobs (ingest, matching) until stopped.

Start as many as there are cores to spare, on any machine that reaches the database.
Ctrl-C or SIGTERM lets the job at hand finish first (a second one stops at once; the
job is then given to another worker once this one's heartbeat is missed).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from claims.management.database import require_migrated
from claims.services import jobs
from claims.tasks import requeue_stalled


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
        async with app.open_async():
            recovered = await requeue_stalled(app)
            if recovered:
                self.stderr.write(f"{recovered} job(s) of a stopped worker given back to the queue")
            options: dict[str, Any] = dict(settings.PROCRASTINATE_WORKER_DEFAULTS)
            if name:
                options["name"] = name
            self.stderr.write("worker started; Ctrl-C to stop")
            if not burst:
                await app.run_worker_async(**options)
                return
            # Until no job waits or runs anywhere: a job held back by another worker's
            # (its story's lock, a retry's wait) is not "none left".
            while True:
                await app.run_worker_async(**options, wait=False)
                if not await sync_to_async(_unfinished)():
                    return
                await asyncio.sleep(0.2)


def _unfinished() -> bool:
    try:
        return ProcrastinateJob.objects.filter(status__in=["todo", "doing"]).exists()
    finally:
        close_old_connections()
