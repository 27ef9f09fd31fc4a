"""Real processes for the fault tests: an embedded PostgreSQL of the test's own, and
gunicorn or manage.py running against it, as in a deployment."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings

PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_env(data_dir: Path) -> dict[str, str]:
    """The environment of a process that uses the embedded server in ``data_dir``."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(NEWSDESK_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="newsdesk.settings")
    return env


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=check,
    )


def add_superuser(env: dict[str, str], name: str = "probe") -> None:
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
        "createsuperuser",
        "--noinput",
        "--username",
        name,
        "--email",
        f"{name}@example.org",
    )


class Browser:
    """Just enough of a browser: cookies, and the status and text of each answer."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def wait(self, path: str, status: int = 200, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        last = None
        while time.monotonic() < deadline:
            try:
                last = self.get(path, timeout=5)
                if last[0] == status:
                    return last[1]
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{path} did not answer {status} within {seconds}s (last: {last})")

    def log_in(self, name: str = "probe") -> None:
        page = self.get("/accounts/login/")[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"username": name, "password": PASSWORD, "csrfmiddlewaretoken": token}
        data = urllib.parse.urlencode(form).encode()
        self.opener.open(self.base + "/accounts/login/", data=data, timeout=10).read()


def gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsdesk.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
