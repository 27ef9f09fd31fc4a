"""Helpers shared by views: typed request, safe redirects, error answers for panels."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as Newsdesk's views see it: django-htmx's details, and a user who
    has logged in (LoginRequiredMiddleware lets no one else through)."""

    htmx: HtmxDetails
    user: User


def back_to(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Redirect to ?next= / the form's next field when it is on this site, else fallback."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return HttpResponseRedirect(target)


def refuse(
    request: HtmxHttpRequest, message: str, fallback: str, status: int = 400
) -> HttpResponse:
    """A bad request: the message alone for the panel (HTMX), else a page with a way back."""
    if request.htmx:
        return render(request, "claims/_error.html", {"message": message}, status=status)
    context = {"status": status, "title": "That did not work", "message": message, "back": fallback}
    return render(request, "error.html", context, status=status)


def parse_int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def page_of_ids(ids, per_page: int, number, rows) -> Page:
    """A page of ``ids`` (a list, or a QuerySet of ids in order) whose objects are then
    loaded from ``rows``: ordering and counting read ids alone, and only the page's
    rows are read in full."""
    page = Paginator(ids, per_page).get_page(number)
    found = rows.in_bulk(list(page.object_list))
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def query_without_page(request: HttpRequest) -> str:
    """The request's query string less ``page``: what pagination links start from."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
