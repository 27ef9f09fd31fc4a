"""Start the app the way `make run` does, on an embedded database, get a page, have its
worker analyse a pasted article, stop it all."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, opener, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return opener.open(url, timeout=5).read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds}s")


def test_make_run_serves_the_demo_and_stops_cleanly(tmp_path: Path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(NEWSDESK_DATA_DIR=str(tmp_path), PORT=str(port))
    app = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.launch"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    try:
        login_page = wait_for(f"{base}/accounts/login/", opener)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
        password = (tmp_path / "demo-password").read_text().strip()
        form = urllib.parse.urlencode(
            {"username": "analyst", "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        articles = opener.open(f"{base}/accounts/login/", data=form, timeout=10).read().decode()
        assert "Harrowgate" in articles
        # A pasted article is analysed by the worker that make run started beside the web.
        ingest_page = opener.open(f"{base}/ingest/", timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', ingest_page).group(1)
        paste = {
            "title": "Ferry capsizes off Brindlemoor",
            "text": "At least 14 passengers drowned when the ferry capsized, the coastguard said.",
            "csrfmiddlewaretoken": token,
        }
        answer = opener.open(
            f"{base}/ingest/paste/", data=urllib.parse.urlencode(paste).encode(), timeout=10
        )
        progress = answer.geturl()  # the ingest page following the batch
        for _ in range(120):
            page = opener.open(progress, timeout=10).read().decode()
            if 'data-job="done"' in page:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the worker never finished the pasted article")
        # The database restarts under the running app (a crash, an upgrade): Ctrl-C must
        # still stop the postgres that runs now, not only the one the launcher started.
        from pgserver._commands import pg_ctl

        user = "pgserver" if os.geteuid() == 0 else None  # as pgserver runs it
        pg_ctl(["-w", "-m", "fast", "restart"], pgdata=tmp_path / "pgdata", user=user)
        wait_for(f"{base}/readyz", opener)
    finally:
        app.send_signal(signal.SIGINT)
        output, _ = app.communicate(timeout=60)
    assert app.returncode == 0, output
    assert "worker started" in output
    assert f"Log in as 'analyst' with password '{password}'" in output
    assert not (tmp_path / "pgdata" / "postmaster.pid").exists(), "postgres still running"
