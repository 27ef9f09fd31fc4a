"""`make run`: database, migrations, demo data, then the web server and a worker for the
background jobs; Ctrl-C stops it all.

Without DATABASE_URL the embedded PostgreSQL is started here and held for the whole
run; the child processes join the same server, and it stops when this process exits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from newsdesk import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(BASE_DIR / "manage.py")]
# How long a worker may take to finish its job when asked to stop; its job is given to
# the next worker if it is killed.
STOP_SECONDS = 15


def _data_dir() -> Path:
    return Path(os.environ.get("NEWSDESK_DATA_DIR") or BASE_DIR / ".newsdesk").resolve()


def main() -> int:
    # Ctrl-C must stop the app even when started from a shell that ignores SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    port = os.environ.get("PORT", "8000")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings"}
    env.setdefault("DEBUG", "true")
    server = None
    if not env.get("DATABASE_URL"):
        print(f"Starting the embedded PostgreSQL in {_data_dir() / 'pgdata'} ...", flush=True)
        server = embedded_db.start(_data_dir())
    try:
        subprocess.run([*MANAGE, "migrate", "--noinput", "-v", "0"], env=env, check=True)
        subprocess.run([*MANAGE, "demo"], env=env, check=True)
        # Articles an interrupted upload or ingest stored but did not match.
        subprocess.run([*MANAGE, "suggest", "--pending", "--quiet-if-none"], env=env, check=True)
        print(f"Newsdesk is running at http://127.0.0.1:{port}/  (Ctrl-C to stop)", flush=True)
        worker = subprocess.Popen([*MANAGE, "worker"], env=env)
        web = subprocess.Popen([*MANAGE, "runserver", "--noreload", f"127.0.0.1:{port}"], env=env)
        children = [web, worker]
        signal.signal(signal.SIGTERM, lambda *_: _stop(children))
        try:
            return web.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            _stop(children)
    except subprocess.CalledProcessError as exc:
        print(f"Start-up step failed: {' '.join(exc.cmd[1:])}", file=sys.stderr)
        return exc.returncode
    except KeyboardInterrupt:  # Ctrl-C during start-up
        return 130
    finally:
        if server is not None:
            print("Stopping the embedded PostgreSQL ...", flush=True)
            embedded_db.stop(server)


def _stop(children: list[subprocess.Popen]) -> None:
    """Ask each to stop (a worker finishes the job at hand), then make sure."""
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


if __name__ == "__main__":
    sys.exit(main())
