"""Health checks: /healthz says the process answers, /readyz that it can do its work."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .. import sql


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness, for process supervisors; also the trivial view the page benchmark uses."""
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness, for load balancers: 503 while the database does not answer."""
    try:
        sql.ping()
    except DatabaseError:
        connection.close()  # the next request opens a fresh connection
        return HttpResponse(
            "database unavailable",
            status=503,
            content_type="text/plain",
            headers={"Retry-After": "10"},
        )
    return HttpResponse("ready", content_type="text/plain")
