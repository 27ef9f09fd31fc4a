"""Matching speed: suggestions for one new article against stories of growing size,
and the conflicts dashboard over 10,000 suggested conflicts.

Stories of 50, 500 and 5,000 articles are built from the two sample articles (their
extracted claims, with the figures varied per article, so every claim has hundreds of
near-twins: the hard case). For each, a new article is stored and
``suggest_for_article`` timed (median of 3). Then 10,000 open conflicts are stored
and the dashboard's pages timed in-process (p50/p95 of 40 requests each). Last, a
story of 500 near-copies is matched whole, as a bulk ingest matches it, and the rows
it leaves and the time per article printed (issue "Reported facts": at most 10 rows
and 60 ms per article).

    python bench/matching.py [--sizes 50,500,5000] [--near-copies 500]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import scratch


class Variant:
    """A sample claim with its figures scaled: what match_keys reads."""

    def __init__(self, claim, factor: float, article_id: int = 0) -> None:
        self.text, self.start, self.end = claim.text, claim.start, claim.end
        self.speaker, self.hedged, self.entities = claim.speaker, claim.hedged, claim.entities
        self.is_quote = claim.is_quote
        self.disputes = claim.disputes
        self.article_id = article_id
        self.quantities = [
            {
                **q,
                "low": None if q.get("low") is None else round(q["low"] * factor),
                "high": None if q.get("high") is None else round(q["high"] * factor),
            }
            for q in claim.quantities
        ]


def build_story(n: int, bases, tag: str):
    from django.db import connection

    from claims.ingest.text import content_hash
    from claims.models import Article, Story
    from claims.profiles import copy_key, match_keys

    story = Story.objects.create(name=f"Bench story of {n}")
    rows = []
    for i in range(n):
        text = bases[i % 2][0] + f"\n\nBench {tag} {i}."
        rows.append(
            Article(
                title=text.split("\n\n")[0],
                text=text,
                content_hash=content_hash(text),
                story=story,
                extraction_status="done",
                published="2018-02-10",
            )
        )
    articles = Article.objects.bulk_create(rows, batch_size=1000)
    keys: dict[tuple[int, int, int], tuple[list[str], str]] = {}
    sql = (
        'COPY claims_claim (article_id, start, "end", text, origin, speaker, is_quote, '
        "hedged, entities, quantities, disputes, match_keys, copy_key, created_at) FROM STDIN"
    )
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for i, article in enumerate(articles):
            factor_id = i % 9
            for j, claim in enumerate(bases[i % 2][1]):
                variant = Variant(claim, 1 + factor_id / 4)
                cache = (i % 2, j, factor_id)
                if cache not in keys:
                    keys[cache] = (match_keys(variant), copy_key(variant))
                copy.write_row(
                    (
                        article.pk,
                        claim.start,
                        claim.end,
                        claim.text,
                        "extracted",
                        claim.speaker[:300],
                        claim.is_quote,
                        claim.hedged,
                        json.dumps(claim.entities),
                        json.dumps(variant.quantities),
                        "[]",
                        *keys[cache],
                        "now()",
                    )
                )
    return story


def new_article(story, bases, tag: str):
    from claims.ingest.text import content_hash
    from claims.models import Article, Claim
    from claims.services.ingestion import _claim_rows

    text = bases[0][0] + f"\n\nNew article {tag}."
    article = Article.objects.create(
        title=text.split("\n\n")[0],
        text=text,
        content_hash=content_hash(text),
        story=story,
        extraction_status="done",
    )
    # figures of its own: a copy of the story's sentences would be matched through them
    Claim.objects.bulk_create(_claim_rows(article, [Variant(c, 1.1) for c in bases[0][1]]))
    return article


def time_matching(story, bases, n: int) -> float:
    from claims.services.matching import suggest_for_article

    times = []
    for attempt in range(3):
        article = new_article(story, bases, f"{n}-{attempt}")
        started = time.perf_counter()
        suggest_for_article(article)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def near_copy_story(bases, n: int) -> tuple[float, float]:
    """Every article of a story of ``n`` near-copies matched, as a bulk ingest matches
    them (``suggest_for_story``): (stored rows per article, ms of matching per
    article). Rows are what matching leaves: suggestions (each with its entry) and the
    facts' names."""
    from claims.models import FactName, Suggestion
    from claims.services.matching import suggest_for_story

    story = build_story(n, bases, f"copies{n}")
    started = time.perf_counter()
    suggest_for_story(story.pk)
    seconds = time.perf_counter() - started
    rows = Suggestion.objects.filter(article_a__story=story).count()
    rows += FactName.objects.filter(claim__article__story=story).count()
    return rows / n, seconds * 1000 / n


def dashboard(story, count: int) -> list[tuple[str, float, float]]:
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, "testserver", is allowed

    from django.db import connection

    from claims.models import Claim, Suggestion

    claims = list(
        Claim.objects.filter(article__story=story).only(
            "pk", "article_id", "match_keys", "speaker"
        )[: count * 2]
    )
    rows = []
    for i in range(count):
        row = Suggestion(
            key=f"bench-{i}",
            entry=f"bench-{i}",  # each its own entry (bulk_create skips save(), which sets it)
            relation="contradicts",
            score=0.5 + (i % 50) / 100,
            reason=f"about {i} dead versus around {2 * i} dead",
            topic="death toll" if i % 3 else "injured",
            figures=[f"about {i} dead", f"around {2 * i} dead"],
        )
        row.set_ends(claims[2 * i], claims[2 * i + 1])
        rows.append(row)
    Suggestion.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_suggestion")  # what autovacuum does within a minute
    user = User.objects.create_user("bench", password="unused-bench-password")
    user.groups.add(Group.objects.get(name="analyst"))
    client = Client()
    client.force_login(user)
    pages = [
        ("dashboard, first page", "/conflicts/"),
        ("dashboard, page 100", "/conflicts/?page=100"),
        ("dashboard, one story, newest", f"/conflicts/?story={story.pk}&sort=date"),
        ("dashboard, names filter", "/conflicts/?entity=Assad"),
        ("dashboard, source filter", "/conflicts/?source=official"),
        ("dashboard, HTMX results", "/conflicts/?status=open"),
    ]
    results = []
    for name, url in pages:
        headers = {"HX-Request": "true", "HX-Target": "conflict-results"} if "HTMX" in name else {}
        client.get(url, headers=headers)  # warm
        times = []
        for _ in range(40):
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        results.append((name, statistics.median(times), times[int(len(times) * 0.95) - 1]))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--conflicts", type=int, default=10_000)
    parser.add_argument(
        "--near-copies", type=int, default=500, help="articles of the near-copy story (0: skip)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    scratch.use("newsdesk_bench_matching")
    from django.db import connection

    bases = scratch.sample_claims()
    rows = []
    stories = {}
    for n in sizes:
        started = time.perf_counter()
        stories[n] = build_story(n, bases, f"s{n}")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"built a story of {n} articles in {time.perf_counter() - started:.1f} s", flush=True)
    for n in sizes:
        seconds = time_matching(stories[n], bases, n)
        rows.append((n, seconds))
        print(f"story of {n:5} articles: suggestions for a new article in {seconds * 1000:.0f} ms")
    print()
    print("articles | suggest (ms) | per story article (ms) | growth vs previous")
    previous = None
    for n, seconds in rows:
        growth = ""
        if previous:
            growth = f"{seconds / previous[1]:.2f}x time for {n / previous[0]:.0f}x articles"
        print(f"{n:8} | {seconds * 1000:12.0f} | {seconds * 1000 / n:22.3f} | {growth}")
        previous = (n, seconds)
    largest = max(sizes)
    print()
    for name, p50, p95 in dashboard(stories[largest], args.conflicts):
        print(f"{name:30} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
    if args.near_copies:
        per_article, ms = near_copy_story(bases, args.near_copies)
        print(
            f"near-copy story of {args.near_copies} articles: {per_article:.0f} rows per article, "
            f"{ms:.0f} ms matching per article (targets: at most 10 rows and 60 ms)"
        )
    at_500 = dict(rows).get(500)
    if at_500 is not None:
        verdict = "met" if at_500 <= 2 else "NOT met"
        print(f"target: at most 2 s against a story of 500 articles: {at_500:.2f} s ({verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
