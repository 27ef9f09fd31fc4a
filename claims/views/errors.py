"""Error pages; HTMX requests get the message alone, for the panel that asked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TITLES = {400: "Bad request", 403: "Not allowed", 404: "Not found", 500: "Something went wrong"}


def _answer(request: HttpRequest, status: int, exception: Exception | None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else TITLES[status]
    if status == 500:
        message = "Something went wrong on our side; nothing was saved. Please try again."
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
    return _answer(request, 500, None)
