"""Suggested links in the compare view: accept one (it becomes a link) or dismiss it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..choices import ReviewStatus
from ..forms import DismissForm, VersionForm, first_error
from ..models import Article, Suggestion
from ..roles import ANALYST, role_required
from ..services import ServiceError
from ..services.review import review
from .common import HtmxHttpRequest, refuse
from .compare import article_pair, ends_in, suggestions_between
from .links import update_response


def _suggestion_between(a: Article, b: Article, pk: int) -> Suggestion:
    found = Suggestion.objects.between(a, b).pending().filter(pk=pk).first()
    if found is None:
        raise Http404("No such open suggestion between these articles.")
    return found


def _answer(request, a, b, suggestion_id, message, link=None, **change) -> HttpResponse:
    page = reverse("claims:compare", args=[a.pk, b.pk])
    if not request.htmx:
        messages.success(request, message)
        return redirect(f"{page}#link-{link.pk}" if link else page)
    return update_response(request, a, b, message, added=link, settled=suggestion_id, **change)


@require_POST
@role_required(ANALYST)
def suggestion_accept(request: HtmxHttpRequest, a: int, b: int, pk: int) -> HttpResponse:
    first, second = article_pair(a, b)
    suggestion = _suggestion_between(first, second, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), reverse("claims:compare", args=[a, b]))
    try:
        suggestion = review(
            suggestion=suggestion,
            status=ReviewStatus.CONFIRMED,
            user=request.user,
            version=form.cleaned_data["version"],
            ends=ends_in(first, second, [suggestion]).get(suggestion.pk),
        )
    except ServiceError as exc:
        return refuse(request, exc.message, reverse("claims:compare", args=[a, b]), exc.status)
    return _answer(request, first, second, pk, "Suggestion accepted: link saved.", suggestion.link)


@require_POST
@role_required(ANALYST)
def suggestion_dismiss(request: HtmxHttpRequest, a: int, b: int, pk: int) -> HttpResponse:
    first, second = article_pair(a, b)
    suggestion = _suggestion_between(first, second, pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), reverse("claims:compare", args=[a, b]))
    reason = form.cleaned_data["reason"] or "dismissed in the compare view"
    try:
        review(
            suggestion=suggestion,
            status=ReviewStatus.DISMISSED,
            reason=reason,
            user=request.user,
            version=form.cleaned_data["version"],
        )
    except ServiceError as exc:
        return refuse(request, exc.message, reverse("claims:compare", args=[a, b]), exc.status)
    undo = reverse("claims:suggestion_reopen", args=[a, b, pk])
    message = "Suggestion dismissed; it will not be made again."
    return _answer(request, first, second, pk, message, undo=undo)


@require_POST
@role_required(ANALYST)
def suggestion_reopen(request: HtmxHttpRequest, a: int, b: int, pk: int) -> HttpResponse:
    """Undo a dismissal made in the compare view: the suggestion is open again."""
    first, second = article_pair(a, b)
    page = reverse("claims:compare", args=[a, b])
    suggestion = Suggestion.objects.between(first, second).filter(pk=pk).first()
    if suggestion is None or suggestion.status != ReviewStatus.DISMISSED:
        return refuse(request, "This suggestion is not dismissed: nothing to undo.", page)
    try:
        review(suggestion=suggestion, status=ReviewStatus.OPEN, user=request.user)
    except ServiceError as exc:
        return refuse(request, exc.message, page, exc.status)
    if not request.htmx:
        messages.success(request, "Suggestion back among the open ones.")
        return redirect(page)
    shown = next((s for s in suggestions_between(first, second) if s.pk == pk), None)
    return update_response(
        request, first, second, "Suggestion back among the open ones.", reopened=shown
    )
