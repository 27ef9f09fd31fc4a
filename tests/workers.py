"""Real workers (``manage.py worker``) in their own processes, on the test database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.db import connection

from newsdesk.database_url import as_url

BASE = Path(__file__).resolve().parent.parent
# Heartbeats this often in tests, so that a killed worker is taken for dead in seconds.
HEARTBEAT = "0.5"


def test_database_url() -> str:
    """The database the tests run on (pytest-django's test_ copy), as a URL."""
    return as_url(connection.settings_dict)


def start_worker(*args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "NEWSDESK_WORKER_HEARTBEAT": HEARTBEAT,
        "NEWSDESK_JOB_RETRY_WAIT": "0",
    }
    return subprocess.Popen(
        [sys.executable, str(BASE / "manage.py"), "worker", *args],
        env=env,
        cwd=BASE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until(condition: Callable[[], bool], seconds: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.1)


def stop(worker: subprocess.Popen) -> str:
    if worker.poll() is None:
        worker.terminate()
    try:
        output, _ = worker.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
    return output
