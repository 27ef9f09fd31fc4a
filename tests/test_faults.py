"""Faults, with real processes: the database stops under a running server, and comes back."""

from __future__ import annotations

import pytest

from claims.views.errors import DATABASE_DOWN
from newsdesk import embedded_db

from .servers import Browser, add_superuser, app_env, free_port, gunicorn, manage

pytestmark = pytest.mark.slow


@pytest.fixture
def embedded(tmp_path):
    """An embedded PostgreSQL of this test's own, migrated, with one user."""
    server = embedded_db.start(tmp_path)
    env = app_env(tmp_path)
    manage(env, "migrate", "--noinput", "-v", "0")
    add_superuser(env)
    yield server, env
    embedded_db.stop(server)
    server.cleanup_mode = None  # stopped already: nothing for pgserver to do at exit


def test_database_down_then_up_under_gunicorn(embedded):
    server, env = embedded
    port = free_port()
    web = gunicorn(env, port)
    browser = Browser(f"http://127.0.0.1:{port}")
    try:
        assert browser.wait("/readyz") == "ready"
        browser.log_in()
        assert browser.get("/")[0] == 200

        embedded_db.stop(server)
        assert browser.get("/healthz") == (200, "ok")
        status, text = browser.get("/readyz")
        assert (status, text) == (503, "database unavailable")
        status, page = browser.get("/")
        assert status == 503
        assert DATABASE_DOWN in page and "<title>" in page and "Traceback" not in page
        status, page = browser.get("/", timeout=10)
        assert status == 503, "a second request while down gets the same page"

        embedded_db.restart(server)
        browser.wait("/readyz", 200, seconds=30)
        status, page = browser.get("/")
        assert status == 200 and "Log out" in page, "the session survived; no restart needed"
    finally:
        web.terminate()
        output = web.communicate(timeout=30)[0]
    assert "Traceback" not in output or "OperationalError" in output, output


SENTENCES = [
    "Flooding in the river town of Exampleton killed {n} people, officials said on {day}.",
    "At least {m} residents were injured and {k} are still missing, the mayor, Ana Ribeiro, said.",
    "The regional fire service said {k} homes were destroyed along the Lenne river.",
    "Rescuers from the Red Cross pulled {m} survivors from the water overnight.",
    "Governor Tomas Varga said the death toll could rise to {n2} as the search went on.",
    "About {h} people spent the night in shelters at the Exampleton sports hall.",
    "Power was cut to {k} households after the dam at Oberlenne overflowed.",
    "The weather service had warned of {r} millimetres of rain on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def invented_reports(count: int, seed: int = 7) -> str:
    """JSONL of invented reports of one flood: overlapping sentences, differing figures."""
    import json
    import random

    rng = random.Random(seed)
    lines = []
    for i in range(count):
        chosen = rng.sample(SENTENCES, 5)
        body = " ".join(
            s.format(
                n=rng.choice([12, 14, 15, 19]),
                n2=rng.choice([30, 40]),
                m=rng.randint(20, 90),
                k=rng.randint(3, 400),
                h=rng.choice([500, 800, 1200]),
                r=rng.choice([120, 150]),
                day=rng.choice(DAYS),
            )
            for s in chosen
        )
        record = {
            "title": f"Floods in Exampleton, report {i}",
            "text": body,
            "outlet": f"Outlet {i % 9}",
            "published": f"2025-03-{1 + i % 5:02d}",
        }
        lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"


def _counts(server) -> tuple[int, int, int]:
    import psycopg

    with psycopg.connect(server.get_uri()) as conn:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM claims_article),"
            " (SELECT count(*) FROM claims_article WHERE match_pending),"
            " (SELECT count(*) FROM claims_suggestion)"
        ).fetchone()
    return row


def _ingest(env, path):
    import subprocess
    import sys

    from django.conf import settings

    return subprocess.Popen(
        [sys.executable, "manage.py", "ingest", str(path), "--processes", "1"],
        cwd=settings.BASE_DIR,
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_when(process, ready, seconds: float = 120) -> None:
    import signal
    import time

    deadline = time.monotonic() + seconds
    while not ready():
        assert process.poll() is None, "the ingest ended before it could be interrupted"
        assert time.monotonic() < deadline, "the ingest never reached the point to interrupt"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def test_an_ingest_killed_while_storing_or_matching_is_finished_by_the_next(embedded, tmp_path):
    server, env = embedded
    reports = tmp_path / "reports.jsonl"
    total = 60
    reports.write_text(invented_reports(total))

    # Killed while storing: some articles are in, each of them whole.
    first = _ingest(env, reports)
    _kill_when(first, lambda: _counts(server)[0] > 0)
    stored, _, _ = _counts(server)
    assert 0 < stored < total

    # Killed while matching: every article is in, some not matched yet.
    second = _ingest(env, reports)
    line = ""
    while "matching" not in line:
        line = second.stderr.readline()
        assert line or second.poll() is None, "the second ingest never began matching"
    assert "stored earlier but not matched" in line
    _kill_when(second, lambda: _counts(server)[2] > 0)
    stored, pending, _ = _counts(server)
    assert stored == total and pending > 0

    # The next run stores nothing twice and finishes the matching.
    third = _ingest(env, reports)
    _, err = third.communicate(timeout=300)
    assert third.returncode == 0, err
    assert f"{total} duplicate" in err and f"{pending} stored earlier but not matched" in err
    stored, pending, suggestions = _counts(server)
    assert (stored, pending) == (total, 0) and suggestions > 0

    # Matching every story from scratch finds nothing the interrupted runs missed.
    manage(env, "suggest", "--all")
    assert _counts(server)[2] == suggestions


def test_a_worker_waits_out_a_database_restart_and_goes_on(embedded, tmp_path):
    import subprocess
    import sys
    import time

    from django.conf import settings

    server, env = embedded
    log = (tmp_path / "worker.log").open("w+")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker"],
        cwd=settings.BASE_DIR,
        env={**env, "NEWSDESK_WORKER_HEARTBEAT": "0.5"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait(lambda: "worker started" in (tmp_path / "worker.log").read_text(), "it starts")
        embedded_db.stop(server)
        time.sleep(3)  # heartbeats and the listener fail meanwhile
        embedded_db.restart(server)
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        report = tmp_path / "report.txt"
        report.write_text("Quake in Pellow\n\nAt least 9 people died in Pellow, officials said.\n")
        manage(env, "ingest", str(report), "--background")
        probe = "from claims.models import Job; print(Job.objects.get().state)"

        def done() -> bool:
            return manage(env, "shell", "-v", "0", "-c", probe).stdout.strip() == "done"

        _wait(done, "the job done", log=tmp_path / "worker.log")
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def _wait(condition, what: str, seconds: float = 90, log=None) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        told = log.read_text()[-3000:] if log else ""
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}\n{told}"
        time.sleep(0.5)
