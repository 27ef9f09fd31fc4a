"""Error pages; HTMX requests get the message alone, for the panel that asked.

The 500 page is drawn without the request: the request's user, session and messages
live in the database, and the database may be the very thing that failed.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

TITLES = {
    400: "Bad request",
    403: "Not allowed",
    404: "Not found",
    500: "Something went wrong",
    503: "Temporarily unavailable",
}
SERVER_ERROR = "Something went wrong on our side; nothing was saved. Please try again."
DATABASE_DOWN = (
    "The database is not answering right now, so nothing could be read or saved. "
    "Please try again in a minute."
)


def _answer(request: HttpRequest, status: int, exception: Exception | None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else TITLES[status]
    if getattr(request, "htmx", False):
        return render(request, "claims/_error.html", {"message": message}, status=status)
    return render(
        request,
        "error.html",
        {"status": status, "title": TITLES[status], "message": message},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _answer(request, 400, None)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _answer(request, 403, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _answer(request, 404, exception if str(exception).endswith(".") else None)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it can be read here.
    failed = sys.exc_info()[1]
    status, message = (
        (503, DATABASE_DOWN)
        if isinstance(failed, OperationalError | InterfaceError)
        else (500, SERVER_ERROR)
    )
    headers = {"Retry-After": "30"} if status == 503 else {}
    if request.headers.get("HX-Request") == "true":
        html = render_to_string("claims/_error.html", {"message": message})
    else:
        html = render_to_string("error.html", {"title": TITLES[status], "message": message})
    return HttpResponse(html, status=status, headers=headers)
