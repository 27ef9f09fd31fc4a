"""The embedded PostgreSQL (pgserver) used when DATABASE_URL is not set.

Every process that needs it (the launcher, runserver, manage.py commands, pytest) asks
pgserver for the server in the same data folder: pgserver starts it once, counts the
processes holding it, and stops it when the last one exits. `make run`'s launcher owns
it outright and stops it on exit.
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path
from typing import Any

import psutil


def _pgserver() -> Any:
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset, as on servers and in CI.
        warnings.simplefilter("ignore")
        import pgserver

    return pgserver


def _forget_dead_holders(pgdata: Path) -> None:
    """Drop processes that died without saying so (kill -9, SIGTERM) from the count."""
    holders = pgdata / ".handle_pids.json"
    if not holders.exists():
        return
    try:
        pids = json.loads(holders.read_text() or "[]")
    except ValueError:
        pids = []
    holders.write_text(json.dumps([pid for pid in pids if psutil.pid_exists(pid)]))


def start(data_dir: Path) -> Any:
    """Start (or join) the embedded server whose files live in ``data_dir / "pgdata"``."""
    pgserver = _pgserver()
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "pgdata"
    with pgserver.PostgresServer._lock:
        _forget_dead_holders(pgdata)
    return pgserver.get_server(pgdata, cleanup_mode="stop")


def stop(server: Any) -> None:
    """Stop the server now, whoever else still holds it (the launcher's Ctrl-C).

    The server's files say which postmaster runs now: if it was restarted since this
    process joined it, the one to stop is the new one.
    """
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(server.pgdata)
    if info is not None and info.is_running():
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


def restart(server: Any) -> None:
    """Start the server again after it stopped (used by the fault tests)."""
    with server._lock:
        server.ensure_postgres_running()


def database_settings(data_dir: Path) -> dict[str, Any]:
    """Django DATABASES["default"] for the embedded server (unix socket, trust auth)."""
    info = start(data_dir).get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": "",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
