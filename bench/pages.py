"""Server-side page times on a large archive, measured in one run.

    python bench/pages.py [--articles 10000] [--baseline 10000] [--requests 200]
                          [--only reader,compare]

Builds the archive with COPY (bench/archive.py: articles of the sample texts, whose
claims the NLP finds once and the archive replicates; stories of 100; two conflicts
per article), starts gunicorn on it and times, with 1 and with 8 concurrent clients:
the article list, a search, the reader, the compare view of two 300-claim articles,
the suggestions for a selection, the story list, a story and its charts (which the
page asks for once shown), the conflicts dashboard,
creating a link, and two floors: the trivial /healthz view (no session) and a
signed-in trivial view (bench/benchurls.py: session, user and role read, nothing
else). Prints p50 and p95 per page and the ratios to both floors. The read pages are
measured in interleaved rounds, so that a slow spell of the machine weighs on every
page alike rather than on whichever was being measured; then each read page's time in
process and the part of it spent waiting on Postgres.

With --articles above --baseline, the pages are measured at the baseline size, the
archive is grown to --articles and they are measured again; each page's p50 growth is
printed beside the floor's. ``--only`` measures some pages (and the two floors): what
a before-and-after comparison of one change needs.
Targets: p95 <= 150 ms for every page at 8 clients; at 100,000 articles each page's p50
at most 1.5x its p50 at 10,000.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from urllib.parse import quote

import scratch  # (bench/ is on sys.path when run as a script; it puts the project there)
from archive import PER_STORY, Archive

BENCH_DB = "newsdesk_bench_pages"
ROUNDS = 5  # the read pages are measured in this many interleaved rounds


def session_cookies(user_id: int) -> tuple[str, str]:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    user = User.objects.get(pk=user_id)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    csrf = _get_new_csrf_string()
    return f"sessionid={session.session_key}; csrftoken={csrf}", csrf


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    static = Path(os.environ.get("TMPDIR", "/tmp")) / "newsdesk-bench-static"
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "STATIC_ROOT": str(static)}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent), str(scratch.ROOT)])
    env["DJANGO_SETTINGS_MODULE"] = "benchsite"  # the site plus the signed-in trivial view
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=scratch.ROOT,
        env=env,
        check=True,
    )  # as a deployment would
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsdesk.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=scratch.ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


class Client:
    def __init__(self, port: int, cookie: str, csrf: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {"Cookie": cookie, "X-CSRFToken": csrf, "HX-Request": "true"}

    def timed(self, method: str, path: str, body: str | None = None) -> float:
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - start
        if response.status >= 400:
            raise RuntimeError(f"{method} {path} -> {response.status}")
        return elapsed


def requests_for(
    name: str,
    pair: tuple[int, int],
    spans: list[tuple[int, int]],
    targets: list[int],
    n_articles: int,
    n: int,
    part: int = 0,
):
    """Request ``n`` of page ``name``, part ``part``: each part asks for other pages,
    articles and spans, so that no round replays the one before from warm caches."""
    a, b = pair
    rng = random.Random(f"{name} {part}")
    n_stories = -(-n_articles // PER_STORY)
    for i in range(part * n, part * n + n):
        if name == "list":
            yield "GET", f"/?page={rng.randint(1, 40)}", None
        elif name == "search":
            words = rng.choice(["Assad", "death toll", "Bloomberg", '"Vladimir Frolov"'])
            yield "GET", "/?q=" + quote(words), None
        elif name == "reader":
            yield "GET", f"/articles/{rng.randint(3, n_articles)}/", None
        elif name == "compare":
            yield "GET", f"/compare/{a}/{b}/", None
        elif name == "suggestions":
            start, end = rng.choice(spans)
            yield "GET", f"/compare/{a}/{b}/select/?side=a&start={start}&end={end}", None
        elif name == "stories":
            yield "GET", f"/stories/?page={rng.randint(1, 4)}", None
        elif name == "story":
            yield "GET", f"/stories/{rng.randint(2, n_stories)}/", None
        elif name == "story charts":
            # the story page's "Figures over time", which it asks for once shown
            yield "GET", f"/stories/{rng.randint(2, n_stories)}/timelines/", None
        elif name == "dashboard":
            yield "GET", f"/conflicts/?page={rng.randint(1, 10)}", None
        elif name == "create link":
            start, end = spans[i % len(spans)]
            target = targets[(i * 7 + i // len(targets)) % len(targets)]  # no pair twice
            body = f"side=a&start={start}&end={end}&target={target}&relation=related"
            yield "POST", f"/compare/{a}/{b}/links/", body
        elif name == "signed in":
            yield "GET", "/bench/signed-in/", None
        else:
            yield "GET", "/healthz", None


def measure(port, cookie, csrf, name, clients, n, part=0, **kw) -> list[float]:
    jobs = list(requests_for(name, n=n, part=part, **kw))
    times: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(share):
        try:
            client = Client(port, cookie, csrf)
            client.timed("GET", "/healthz")  # connect outside the timing
            for method, path, body in share:
                t = client.timed(method, path, body)
                with lock:
                    times.append(t)
        except BaseException as exc:  # reported below, after the join
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(jobs[i::clients],)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{name}: {errors[0]!r}")
    return times


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


def report(results: dict, names: list[str], clients: int, args) -> None:
    trivial, signed = results["trivial", clients], results["signed in", clients]
    print(
        f"\n{clients} client{'s' if clients > 1 else ''}, {len(trivial)} requests each"
        f" (gunicorn, {args.workers} workers, {os.cpu_count()} cores)"
    )
    header = ["p50 ms", "p95 ms", "p50 x triv", "p95 x triv", "p50 x signed", "p95 x signed"]
    print(f"{'page':<12} " + " ".join(f"{h:>12}" for h in header))
    for name in names:
        p50, p95 = pct(results[name, clients], 50), pct(results[name, clients], 95)
        figures = [p50, p95, p50 / pct(trivial, 50), p95 / pct(trivial, 95)]
        figures += [p50 / pct(signed, 50), p95 / pct(signed, 95)]
        print(f"{name:<12} " + " ".join(f"{f:12.1f}" for f in figures))


def sql_share(user_id: int, kw: dict, reads: list[str], n: int = 20) -> None:
    """Each read page again in this process, without HTTP: its time, and the part of
    it spent waiting on Postgres (every query's round trip, timed by a wrapper)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no static
    client = Client(SERVER_NAME="127.0.0.1", HTTP_HX_REQUEST="true")
    client.force_login(User.objects.get(pk=user_id))
    waited = [0.0]

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            waited[0] += time.perf_counter() - start

    print(f"\nIn process, {n} requests each: mean time, and the part waiting on Postgres")
    print(f"{'page':<12} {'ms':>8} {'SQL ms':>8}")
    for name in reads:
        if name in FLOORS:
            continue
        jobs = list(requests_for(name, n=n, part=99, **kw))
        client.get(jobs[0][1])  # warm
        waited[0], started = 0.0, time.perf_counter()
        with connection.execute_wrapper(timed):
            for _, path, _ in jobs:
                assert client.get(path).status_code == 200, path
        total = (time.perf_counter() - started) / n * 1000
        print(f"{name:<12} {total:8.1f} {waited[0] / n * 1000:8.1f}")


FLOORS = ["trivial", "signed in"]
READS = [*FLOORS, "list", "search", "reader", "compare", "suggestions"]
READS += ["stories", "story", "story charts", "dashboard"]
NAMES = [*READS, "create link"]


def measure_pages(archive: Archive, args) -> dict:
    """Every page at 1 and at 8 clients on the archive as it is; prints the tables."""
    from claims.models import Claim, Link

    pair = archive.pair
    spans = list(Claim.objects.filter(article_id=pair[0]).values_list("start", "end")[:300])
    targets = list(Claim.objects.filter(article_id=pair[1]).values_list("pk", flat=True)[:300])
    kw = {"pair": pair, "spans": spans, "targets": targets, "n_articles": archive.size}
    links_before = Link.objects.order_by("-pk").values_list("pk", flat=True).first()
    cookie, csrf = session_cookies(archive.user_id)
    port = free_port()
    server = start_server(port, args.workers)
    names = [n for n in NAMES if n in FLOORS or not args.only or n in args.only]
    reads = [n for n in names if n in READS]
    results: dict = {(n, c): [] for n in names for c in (1, 8)}
    try:
        for name in names:  # warm every worker's caches and connections
            measure(port, cookie, csrf, name, 8, 16, 99, **kw)
        per_round = max(args.requests // ROUNDS, 1)
        for clients in (1, 8):
            for part in range(ROUNDS):  # the reads, interleaved
                for name in reads:
                    results[name, clients] += measure(
                        port, cookie, csrf, name, clients, per_round, clients * ROUNDS + part, **kw
                    )
        # Creating links last: the links it adds would weigh on the compare view.
        for clients in (1, 8) if "create link" in names else ():
            results["create link", clients] = measure(
                port, cookie, csrf, "create link", clients, per_round * ROUNDS, clients // 8, **kw
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(f"\n== {archive.size:,} articles ==")
    for clients in (1, 8):
        report(results, names, clients, args)
    sql_share(archive.user_id, kw, reads)
    Link.objects.filter(pk__gt=links_before).delete()  # the next size compares the same pair
    return results


def growth(by_size: dict[int, dict]) -> None:
    """Each page's p50 on the largest archive against the smallest, and its p95 at 8."""
    small, large = min(by_size), max(by_size)
    print(f"\nGrowth from {small:,} to {large:,} articles (targets: p50 ratio <= 1.5 at")
    print("1 client; p95 <= 150 ms at 8 clients on the larger archive;")
    print("and the ratio over the signed-in floor's own, which shows the machine's drift)")
    floor = pct(by_size[large]["signed in", 1], 50) / pct(by_size[small]["signed in", 1], 50)
    header = f"{'p50 small':>10} {'p50 large':>10} {'ratio':>6} {'/floor':>6} {'p95 at 8':>9}"
    print(f"{'page':<12} {header}")
    for name in NAMES:
        if (name, 1) not in by_size[small]:
            continue  # not measured (--only)
        before, after = pct(by_size[small][name, 1], 50), pct(by_size[large][name, 1], 50)
        p95 = pct(by_size[large][name, 8], 95)
        ok = "" if after / before <= 1.5 and p95 <= 150 else "  <- off target"
        ratio = after / before
        figures = f"{before:10.1f} {after:10.1f} {ratio:6.2f} {ratio / floor:6.2f}"
        print(f"{name:<12} {figures} {p95:9.1f}{ok}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--baseline",
        type=int,
        default=10_000,
        help="with --articles above it, the pages are measured at this size first",
    )
    parser.add_argument("--claims-per-article", type=int, default=30)
    parser.add_argument("--requests", type=int, default=200, help="per page and client count")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--keep", action="store_true", help="keep the database for profiling")
    parser.add_argument(
        "--only",
        type=lambda text: [name.strip() for name in text.split(",")],
        default=[],
        help=f"measure these pages only, comma-separated, of: {', '.join(NAMES[2:])}",
    )
    args = parser.parse_args()

    scratch.use(BENCH_DB)
    sizes = [args.baseline, args.articles] if args.articles > args.baseline else [args.articles]
    by_size: dict[int, dict] = {}
    try:
        archive = Archive(args.claims_per_article)
        for size in sizes:
            seconds = archive.grow(size)
            from claims.models import Claim, Suggestion

            print(
                f"\narchive of {size:,} articles, {Claim.objects.count():,} claims, "
                f"{Suggestion.objects.count():,} conflicts: built in {seconds:.0f} s"
            )
            by_size[size] = measure_pages(archive, args)
        if len(by_size) > 1:
            growth(by_size)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            scratch.recreate(os.environ["DATABASE_URL"], BENCH_DB)  # leave it empty behind


if __name__ == "__main__":
    main()
