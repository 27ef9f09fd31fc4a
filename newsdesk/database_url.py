"""A Django database's settings written back as a URL, for processes started beside it
(a worker in a test, the ingest benchmark's workers) that read DATABASE_URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote


def as_url(settings: dict[str, Any]) -> str:
    """``postgres://user:password@host:port/name``; a socket folder as host (the embedded
    server's) is percent-encoded, as libpq and dj-database-url read it."""
    host = quote(str(settings["HOST"] or "127.0.0.1"), safe="")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    password = f":{quote(str(settings['PASSWORD']), safe='')}" if settings["PASSWORD"] else ""
    user = quote(str(settings["USER"]), safe="")
    return f"postgres://{user}{password}@{host}{port}/{quote(settings['NAME'], safe='')}"
