"""Ingest throughput against the bare spaCy pipeline, measured in one run.

    python bench/ingest.py [--articles 500] [--processes 1 2] [--workers 1 2]

Builds N distinct articles from the sample corpus (paragraphs rotated, a unique
dateline added), then, each into an empty database: ingests them with 1 and with 2
processes. In the same run it pushes the same texts through the bare model with
``nlp.pipe``. Prints articles/s, words/s, peak memory and the ratios.
Targets: ingest/bare >= 0.85 with one process; 2 processes >= 1.6x one process.

A bulk ingest stores every article first and matches them against their stories
after (``ingest(match=False)`` then ``match_pending``, as ``manage.py ingest`` does):
the ratios are those of storing; the matching that follows is timed and printed on
its own line. All N articles are one story of near-copies, matching's worst case.

Through the task queue (``--workers``, default 1 and 2): the same N inputs are
queued as the browser queues them (one job each; the time to queue is printed), then
``manage.py worker --burst`` processes, started beforehand and timed from when all
have loaded their pipeline, analyse and store them (the throughput, as for the
command), then match them (one job per story at a time, printed on the same line).
Targets: 1 worker >= 0.8x bare spaCy; 2 workers >= 1.6x one worker.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

import scratch  # (bench/ is on sys.path when run as a script; it puts the project there)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, models  # noqa: E402

from claims.choices import JobState  # noqa: E402
from claims.ingest.records import ArticleInput  # noqa: E402
from claims.ingest.text import canonical_text, split_headline  # noqa: E402
from claims.models import (  # noqa: E402
    Article,
    Claim,
    Job,  # noqa: E402
    Suggestion,
)
from claims.nlp.pipeline import load_bare, load_pipeline  # noqa: E402
from claims.services import ingest  # noqa: E402
from claims.services.matching import match_pending  # noqa: E402
from claims.services.queue import queue_inputs  # noqa: E402
from newsdesk.database_url import as_url  # noqa: E402

CORPUS = scratch.CORPUS
UPLOAD_PART = 50  # files per request, as static/js/upload.js sends them


def sample_articles(n: int) -> list[ArticleInput]:
    sources = [split_headline(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    if not sources:
        sys.exit(f"no sample articles in {CORPUS}")
    items = []
    for i in range(n):
        title, body = sources[i % len(sources)]
        paragraphs = [p for p in body.split("\n") if p.strip()]
        turn = (i // len(sources)) % len(paragraphs)
        rotated = paragraphs[turn:] + paragraphs[:turn]
        dateline = f"Benchmark copy {i}: filed {i % 28 + 1} February from desk {i // 28}."
        items.append(
            ArticleInput(
                source=f"bench-{i}", title=f"{title} ({i})", body="\n\n".join([dateline, *rotated])
            )
        )
    return items


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def timed_ingest(items: list[ArticleInput], processes: int, match: bool) -> tuple[float, float]:
    """Seconds to store the articles, then (``match``) to match them, in an empty database."""
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)  # an empty database
    try:
        start = time.perf_counter()
        results = ingest(items, processes=processes, match=False)
        stored = time.perf_counter() - start
        assert all(r.status == "created" for r in results), [r for r in results if r.error][:3]
        print(f"  stored {Article.objects.count()} articles, {Claim.objects.count()} claims")
        matched = 0.0
        if match:
            start = time.perf_counter()
            match_pending([r.article for r in results])
            matched = time.perf_counter() - start
            print(
                f"  then matched them: {Suggestion.objects.count()} suggestions in"
                f" {matched:.1f} s ({matched * 1000 / len(items):.0f} ms per article)"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return stored, matched


def database_url() -> str:
    return as_url(connection.settings_dict)


def timed_queue(
    items: list[ArticleInput], workers: int, upload: bool = False
) -> tuple[float, float]:
    """(seconds to store every input, seconds for ``workers`` burst workers to finish
    every job); with ``upload`` the inputs are sent as the browser sends them."""
    import subprocess

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    env = {**os.environ, "DATABASE_URL": database_url()}
    try:
        if upload:
            queued = timed_upload(items)
        else:
            start = time.perf_counter()
            queue_inputs(items)
            queued = time.perf_counter() - start
        manage = [sys.executable, str(scratch.ROOT / "manage.py"), "worker", "--burst"]
        procs = [
            subprocess.Popen(manage + ["--name", f"bench-{n}"], env=env, stderr=subprocess.PIPE)
            for n in range(workers)
        ]
        for proc in procs:  # each has loaded its pipeline when it says it started
            for line in proc.stderr:
                if b"worker started" in line:
                    break
        start = time.perf_counter()
        unstored = Job.objects.filter(state__in=[JobState.QUEUED, JobState.ANALYSING])
        stored_at = None
        while any(proc.poll() is None for proc in procs):
            if stored_at is None and not unstored.exists():
                stored_at = time.perf_counter() - start
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        stored_at = stored_at or seconds
        for proc in procs:
            proc.stderr.read()
        states = dict(Job.objects.values_list("state").annotate(n=models.Count("id")))
        assert states == {JobState.DONE: len(items)}, states
        print(
            f"  stored {Article.objects.count()} articles, {Claim.objects.count()} claims,"
            f" {Suggestion.objects.count()} suggestions; queueing took {queued * 1000:.0f} ms"
        )
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return stored_at, seconds


def timed_upload(items: list[ArticleInput]) -> float:
    """Send the inputs to the upload view as .txt files, in the parts the page's script
    sends (the same view, forms and queue; the test client in place of the network).
    Prints each part's answer time; returns the seconds of them all."""
    from django.contrib.auth.models import Group, User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    analyst = User.objects.create_user("bench-analyst")
    analyst.groups.add(Group.objects.get_or_create(name="analyst")[0])
    client = Client(HTTP_HOST="localhost")
    client.force_login(analyst)
    url, batch, answers = reverse("claims:ingest_upload"), "", []
    for i in range(0, len(items), UPLOAD_PART):
        files = [
            SimpleUploadedFile(f"{item.source}.txt", f"{item.title}\n\n{item.body}".encode())
            for item in items[i : i + UPLOAD_PART]
        ]
        data = {"files": files, **({"batch": batch} if batch else {})}
        start = time.perf_counter()
        response = client.post(url, data, headers={"HX-Request": "true"})
        answers.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        batch = batch or response.content.decode().split('data-batch="', 1)[1].split('"', 1)[0]
    assert Job.objects.filter(batch=batch).count() == len(items)
    print(
        f"  upload through the view: {len(answers)} parts of up to {UPLOAD_PART} files,"
        f" first answered in {answers[0] * 1000:.0f} ms, slowest {max(answers) * 1000:.0f} ms"
        f" (target < 1 s), all in {sum(answers):.1f} s"
    )
    return sum(answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-match", action="store_true", help="time storing only")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2], help="queue workers")
    parser.add_argument(
        "--upload", action="store_true", help="queue through the upload view, as the browser does"
    )
    args = parser.parse_args()

    items = sample_articles(args.articles)
    texts = [canonical_text(i.title, i.body) for i in items]
    words = sum(len(t.split()) for t in texts)
    model = settings.NEWSDESK_SPACY_MODEL
    bare, full = load_bare(model), load_pipeline(model)
    list(bare.pipe(texts[:8])), list(full.pipe(texts[:8]))  # warm up both
    print(f"{len(items)} articles, {words} words, model {model}, {os.cpu_count()} cores")

    start = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=32):
        pass
    bare_s = time.perf_counter() - start
    print(
        f"bare nlp.pipe:     {len(texts) / bare_s:7.1f} articles/s {words / bare_s:9.0f} words/s"
        f"  ({bare_s:.1f} s)  peak RSS {peak_mb()[0]:.0f} MB"
    )

    timings, matching = {}, {}
    for processes in args.processes:
        # Matching does not depend on the NLP processes: timed after the first run only.
        first = processes == args.processes[0] and not args.no_match
        seconds, matching[processes] = timed_ingest(items, processes, match=first)
        timings[processes] = seconds
        own, children = peak_mb()
        print(
            f"ingest {processes} process{'es' if processes > 1 else '  '}: "
            f"{len(items) / seconds:7.1f} articles/s {words / seconds:9.0f} words/s  "
            f"({seconds:.1f} s)  peak RSS {own:.0f} MB, workers {children:.0f} MB"
        )

    if 1 in timings:
        ratio = bare_s / timings[1]
        print(f"ratio ingest/bare (1 process): {ratio:.2f}  (target >= 0.85)")
        total = bare_s / (timings[1] + sum(matching.values()))
        print(f"with the matching after it:    {total:.2f}  (no target; see bench/matching.py)")
    if 1 in timings and 2 in timings:
        speedup = timings[1] / timings[2]
        print(f"speed-up 2 processes / 1:      {speedup:.2f}x (target >= 1.6)")

    through_queue = {}
    for workers in args.workers:
        stored, seconds = timed_queue(items, workers, upload=args.upload)
        through_queue[workers] = stored
        print(
            f"queue {workers} worker{'s' if workers > 1 else ' '}:    "
            f"{len(items) / stored:7.1f} articles/s {words / stored:9.0f} words/s  "
            f"(all stored in {stored:.1f} s; all matched too in {seconds:.1f} s)"
        )
    if 1 in through_queue:
        print(f"ratio queue/bare (1 worker):   {bare_s / through_queue[1]:.2f}  (target >= 0.8)")
    if 1 in through_queue and 2 in through_queue:
        speedup = through_queue[1] / through_queue[2]
        print(f"speed-up 2 workers / 1:        {speedup:.2f}x (target >= 1.6)")


if __name__ == "__main__":
    main()
