"""Ingesting in the browser: paste an article, upload files, or fetch a URL."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from ..forms import FetchForm, PasteForm, UploadForm
from ..ingest.errors import InputError
from ..ingest.fetching import fetch_page
from ..ingest.formats import read_html
from ..ingest.readers import file_limit, read_upload
from ..ingest.records import ArticleInput, FailedInput
from ..models import Article
from ..roles import ANALYST, role_required
from ..services import ingest
from .common import HtmxHttpRequest

# Inputs read between two looks at the clock: small, so a request ends near its budget.
WEB_BATCH = 8


def _page(request: HtmxHttpRequest, status: int = 200, **context) -> HttpResponse:
    forms = {"paste": PasteForm(), "upload": UploadForm(), "fetch": FetchForm()}
    forms.update({k: v for k, v in context.items() if k in forms})
    context = {**forms, **{k: v for k, v in context.items() if k not in forms}}
    template = "claims/ingest.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context, status=status)


def _results(request: HtmxHttpRequest, items: list, form_name: str, form) -> HttpResponse:
    """Ingest within the request's time budget; the page says what was stored, what
    time ran out for, and which stored articles still wait for their suggestions."""
    results = ingest(
        items,
        max_chars=settings.NEWSDESK_MAX_ARTICLE_CHARS,
        deadline=time.monotonic() + settings.NEWSDESK_REQUEST_SECONDS,
        batch_size=WEB_BATCH,
    )
    created = [r.article for r in results if r.status == "created"]
    unmatched = Article.objects.filter(pk__in=created, match_pending=True).count()
    status = 400 if all(r.status == "error" for r in results) else 200
    context = {"results": results, "unmatched": unmatched, "active": form_name}
    return _page(request, status=status, **context, **{form_name: form})


@require_GET
@role_required(ANALYST)
def ingest_page(request: HtmxHttpRequest) -> HttpResponse:
    return render(
        request,
        "claims/ingest.html",
        {"paste": PasteForm(), "upload": UploadForm(), "fetch": FetchForm()},
    )


@require_POST
@role_required(ANALYST)
def ingest_paste(request: HtmxHttpRequest) -> HttpResponse:
    form = PasteForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, paste=form, active="paste")
    data = form.cleaned_data
    item: ArticleInput | FailedInput
    try:
        item = ArticleInput(
            source="pasted text",
            title=data["title"],
            body=data["text"],
            url=data["url"],
            outlet=data["outlet"],
            published=data["published"],
        )
    except InputError as exc:
        item = FailedInput("pasted text", exc.message)
    return _results(request, [item], "paste", form)


@require_POST
@role_required(ANALYST)
def ingest_upload(request: HtmxHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, status=400, upload=form, active="upload")
    items: list[ArticleInput | FailedInput] = []
    outlet, published = form.cleaned_data["outlet"].strip(), form.cleaned_data["published"]
    for upload in form.cleaned_data["files"]:
        limit = file_limit(Path(upload.name).suffix, settings.NEWSDESK_MAX_ARTICLE_CHARS)
        data = upload.read(limit + 1)
        items.extend(read_upload(upload.name, data, settings.NEWSDESK_MAX_ARTICLE_CHARS))
    for item in items:
        if isinstance(item, ArticleInput):
            item.outlet = item.outlet or outlet
            item.published = item.published or published
    return _results(request, items, "upload", form)


@require_POST
@role_required(ANALYST)
def ingest_url(request: HtmxHttpRequest) -> HttpResponse:
    form = FetchForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, fetch=form, active="fetch")
    url = form.cleaned_data["url"]
    limit = file_limit(".html", settings.NEWSDESK_MAX_ARTICLE_CHARS)
    try:
        html, url = fetch_page(url, max_bytes=limit)
    except InputError as exc:
        form.add_error("url", exc.message)
        return _page(request, status=400, fetch=form, active="fetch")
    item: ArticleInput | FailedInput
    try:
        page = read_html(html, url)
        page.url = page.url or url
        item = page
    except InputError as exc:
        item = FailedInput(url, exc.message)
    return _results(request, [item], "fetch", form)
