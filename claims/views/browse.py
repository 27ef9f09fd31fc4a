"""The article list: full-text search, filters, sorting, pagination."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from .. import search
from ..forms import BrowseForm
from ..models import Article, Outlet, Story
from ..querysets import ArticleQuerySet
from ..roles import ANALYST, has_role
from .common import HtmxHttpRequest, page_of_ids, parse_int, query_without_page

PER_PAGE = 25
# A search ranks its newest 300 matches: enough for any reading, and a broad query
# over the whole archive stays as fast as a rare one. The page says when it is capped.
MAX_RANKED = 300
# Private-use characters mark matches in ts_headline, so the snippet can be escaped
# as a whole and only then given <mark> tags: article text never reaches the page raw.
MATCH_START, MATCH_END = "\ue000", "\ue001"
ORDERINGS: dict[str, list[Any]] = {
    "newest": [F("published").desc(nulls_last=True), "-id"],
    "oldest": [F("published").asc(nulls_last=True), "id"],
    "title": ["title", "id"],
    "claims": ["-claim_count", "-id"],
}


def _snippets(ids: list[int], text: str) -> dict[int, str]:
    found = search.snippets(ids, text, (MATCH_START, MATCH_END))
    return {
        pk: mark_safe(  # escaped first, then only our own tags added
            escape(snippet).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
        )
        for pk, snippet in found.items()
    }


def _page(
    articles: ArticleQuerySet, query: str, sort: str, number: str | None
) -> tuple[Page[Article], list[Article]]:
    if sort == "relevance" and query:  # one query ranks; then only the page's rows load
        page = page_of_ids(articles.ranked_ids(query, MAX_RANKED), PER_PAGE, number, articles)
        return page, list(page.object_list)
    if query:
        articles = articles.search(query, limit=MAX_RANKED)
    if sort == "claims":
        articles = articles.with_claim_counts().order_by(*ORDERINGS["claims"])
    else:
        articles = articles.order_by(*ORDERINGS.get(sort, ORDERINGS["newest"]))
    page = Paginator(articles, PER_PAGE).get_page(number)
    return page, list(page.object_list)


@require_GET
def article_list(request: HtmxHttpRequest) -> HttpResponse:
    form = BrowseForm(request.GET or None)
    articles = Article.objects.headers().select_related("outlet", "story")
    query, sort = "", "newest"
    if form.is_valid():
        data = form.cleaned_data
        query = data["q"].strip()
        sort = data["sort"] or ("relevance" if query else "newest")
        articles = articles.filtered(
            outlet=data["outlet"] and data["outlet"].pk,
            story=data["story"] and data["story"].pk,
            published_from=data["published_from"],
            published_to=data["published_to"],
            has_links=data["has_links"],
            has_conflicts=data["has_conflicts"],
        )
    page, rows = _page(articles, query, sort, request.GET.get("page"))
    ids = [a.pk for a in rows]
    details = Article.objects.page_details(ids) if rows else {}
    snippets = _snippets(ids, query) if query and rows else {}
    for article in rows:
        vars(article).update(details[article.pk])
        vars(article).update(snippet=snippets.get(article.pk))
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query,
        "params": query_without_page(request),
        "can_ingest": has_role(request.user, ANALYST),
        "capped": bool(query) and page.paginator.count >= MAX_RANKED,
        "max_ranked": MAX_RANKED,
        "chosen": {
            "outlet": parse_int(request.GET.get("outlet")),
            "story": parse_int(request.GET.get("story")),
        },
    }
    template = "claims/article_list.html"
    if request.htmx and request.htmx.target == "results":
        template += "#results"
    else:  # the filter menus, drawn from plain lists: form widgets cost a template per option
        context["outlets"] = list(Outlet.objects.order_by("name").values_list("pk", "name"))
        context["stories"] = list(Story.objects.order_by("name").values_list("pk", "name"))
    return render(request, template, context)
