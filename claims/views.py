"""Pages for reading ingested articles."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Article
from .reading import paragraphs

ARTICLES_PER_PAGE = 50


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(Article.objects.for_list(), ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "claims/article_list.html", {"page": page})


@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet", "story"), pk=pk)
    claims = list(article.claims.all())
    return render(
        request,
        "claims/article_detail.html",
        {"article": article, "claims": claims, "paragraphs": paragraphs(article.text, claims)},
    )
