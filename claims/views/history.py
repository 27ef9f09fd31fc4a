"""History panels: the audit trail of a link, a conflict and an article."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .. import history
from ..models import Article, Link, Suggestion
from .common import HtmxHttpRequest


def _panel(request: HtmxHttpRequest, title: str, entries: list, back: str) -> HttpResponse:
    template = "claims/history.html" + ("#panel" if request.htmx else "")
    context = {"title": title, "entries": entries, "back": back, "limit": history.LIMIT}
    return render(request, template, context)


@require_GET
def link_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(Link.objects.select_related("source", "target"), pk=pk)
    compare = reverse("claims:compare", args=[link.source.article_id, link.target.article_id])
    back = f"{compare}#link-{link.pk}"
    return _panel(request, "History of this link", history.of_link(link), back)


@require_GET
def conflict_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(Suggestion.objects.conflicts(), pk=pk)
    back = reverse("claims:conflict_list") + f"#conflict-{suggestion.pk}"
    return _panel(request, "History of this conflict", history.of_conflict(suggestion), back)


@require_GET
def article_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.only("pk", "title"), pk=pk)
    title = f"History of “{article.title}”"
    return _panel(request, title, history.of_article(article), article.get_absolute_url())
