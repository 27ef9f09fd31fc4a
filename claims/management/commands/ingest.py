"""python manage.py ingest PATH... : files and folders (recursively), "-" for stdin."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from claims.choices import JobState
from claims.ingest.readers import expand, read_paths
from claims.ingest.records import ArticleInput
from claims.management.database import require_migrated
from claims.models import Article, Job, Story
from claims.services import IngestResult, ingest
from claims.services.matching import match_pending
from claims.services.queue import queue_inputs, workers_alive


class Command(BaseCommand):
    help = "Ingest articles from .txt, .md, .html, .json and .jsonl files, folders or stdin."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help='files, folders, or "-"')
        parser.add_argument("--outlet", default="", help="outlet name for every article")
        parser.add_argument("--story", default="", help="story (by name) to put articles in")
        parser.add_argument("--json", action="store_true", help="one JSON object per input")
        parser.add_argument(
            "--no-match",
            action="store_true",
            help="store only; match later with: manage.py suggest --pending",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue one job per input for the workers (manage.py worker) and return",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=settings.NEWSDESK_INGEST_PROCESSES,
            help="NLP worker processes (default: %(default)s)",
        )
        parser.add_argument(
            "--stdin-format",
            default="txt",
            choices=["txt", "md", "html", "json", "jsonl"],
            help='format of "-" (default: txt)',
        )

    def handle(self, *args, paths: list[str], **options) -> None:
        require_migrated()
        story = None
        if options["story"]:
            story = Story.objects.get_or_create(name=options["story"].strip()[:300])[0]
        if options["background"]:
            self._queue(paths, story, options)
            return
        files = list(expand(paths))
        progress = tqdm(
            total=len(files), unit="file", disable=len(files) < 2 or None, file=sys.stderr
        )
        sources_done: set[str] = set()

        def report(result: IngestResult) -> None:
            source = result.source.split(":")[0].split("[")[0]
            if source not in sources_done:
                sources_done.add(source)
                progress.update(1)
            if options["json"]:
                progress.write(json.dumps(result.as_json(), ensure_ascii=False), file=sys.stdout)
            elif result.status == "error":
                progress.write(f"error      {result.source}: {result.error}", file=sys.stderr)
            else:
                line = f"{result.status:<10} {result.source} -> article {result.article}"
                progress.write(f"{line} ({result.claims} claims)", file=sys.stdout)

        results = ingest(
            read_paths(
                paths,
                max_chars=settings.NEWSDESK_MAX_ARTICLE_CHARS,
                stdin_format=f".{options['stdin_format']}",
            ),
            outlet=options["outlet"],
            story=story,
            processes=options["processes"],
            on_result=report,
            match=False,
        )
        progress.close()
        counts: Counter[str] = Counter(r.status for r in results)
        if not options["json"]:
            summary = ", ".join(f"{counts[s]} {s}" for s in ("created", "duplicate", "error"))
            self.stderr.write(f"{len(results)} inputs: {summary}")
        self._match([r.article for r in results if r.status == "created" and r.article], options)
        if counts["error"]:
            sys.exit(1)

    def _queue(self, paths: list[str], story: Story | None, options) -> None:
        """Read the inputs here (quick), leave their analysis to the workers."""
        items = list(
            read_paths(
                paths,
                max_chars=settings.NEWSDESK_MAX_ARTICLE_CHARS,
                stdin_format=f".{options['stdin_format']}",
            )
        )
        for item in items:
            if isinstance(item, ArticleInput) and options["outlet"]:
                item.outlet = options["outlet"]
        batch = queue_inputs(items, story=story)
        jobs = Job.objects.filter(batch=batch)
        failed = jobs.filter(state=JobState.FAILED)
        for job in failed:
            self.stderr.write(f"error      {job.label}: {job.message}")
        queued = len(items) - len(failed)
        if options["json"]:
            summary = {"batch": str(batch), "queued": queued, "failed": len(failed)}
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(f"{queued} inputs queued as batch {batch}; {len(failed)} unreadable.")
            if not workers_alive():
                self.stderr.write("No worker is running: start one with manage.py worker.")
        if failed:
            sys.exit(1)

    def _match(self, created: list[int], options) -> None:
        """Suggestions for the new articles once all are stored, and for any an earlier
        run stored but did not match (it was interrupted); or a hint to do it later.
        With --json, stderr stays as quiet as the summary does."""
        say = (lambda _: None) if options["json"] else self.stderr.write
        earlier = Article.objects.filter(match_pending=True).exclude(pk__in=created).count()
        waiting = len(created) + earlier
        if not waiting:
            return
        left = f" and {earlier} stored earlier but not matched" if earlier else ""
        if options["no_match"]:
            say(f"{len(created)} new articles{left} wait for: manage.py suggest --pending")
            return
        say(f"matching {len(created)} new articles{left} against their stories...")
        started = time.perf_counter()
        count = match_pending()
        say(f"{count} suggestions in {time.perf_counter() - started:.1f} s")
