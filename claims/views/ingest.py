"""Ingesting in the browser: paste an article, upload files, or fetch a URL."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from ..forms import FetchForm, PasteForm, UploadForm
from ..ingest.errors import InputError
from ..ingest.formats import read_html
from ..ingest.readers import read_upload
from ..ingest.records import ArticleInput, FailedInput
from ..roles import ANALYST, role_required
from ..services import ingest
from .common import HtmxHttpRequest

PRIVATE_ADDRESS = "That address is not on the public web; only public pages can be fetched."
CANNOT_FETCH = "Could not fetch {url}: the site did not answer or returned no page."
FETCH_TIMEOUT = 15


def _page(request: HtmxHttpRequest, status: int = 200, **context) -> HttpResponse:
    forms = {"paste": PasteForm(), "upload": UploadForm(), "fetch": FetchForm()}
    forms.update({k: v for k, v in context.items() if k in forms})
    context = {**forms, **{k: v for k, v in context.items() if k not in forms}}
    template = "claims/ingest.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context, status=status)


def _results(request: HtmxHttpRequest, items: list, form_name: str, form) -> HttpResponse:
    results = ingest(items, max_chars=settings.NEWSDESK_MAX_ARTICLE_BYTES)
    status = 400 if all(r.status == "error" for r in results) else 200
    return _page(request, status=status, results=results, active=form_name, **{form_name: form})


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
    items = []
    for upload in form.cleaned_data["files"]:
        limit = settings.NEWSDESK_MAX_ARTICLE_BYTES * 20
        data = upload.read(limit + 1)
        items.extend(read_upload(upload.name, data, settings.NEWSDESK_MAX_ARTICLE_BYTES))
    return _results(request, items, "upload", form)


def is_public(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return True  # unresolvable: the fetch itself will fail with a clear message
    return all(ipaddress.ip_address(a.split("%")[0]).is_global for a in addresses)


@require_POST
@role_required(ANALYST)
def ingest_url(request: HtmxHttpRequest) -> HttpResponse:
    form = FetchForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, fetch=form, active="fetch")
    url = form.cleaned_data["url"]
    if urlsplit(url).scheme not in {"http", "https"} or not is_public(url):
        form.add_error("url", PRIVATE_ADDRESS)
        return _page(request, status=400, fetch=form, active="fetch")
    import trafilatura

    html = trafilatura.fetch_url(url, config=_fetch_config())
    if not html:
        form.add_error("url", CANNOT_FETCH.format(url=url))
        return _page(request, status=400, fetch=form, active="fetch")
    try:
        item: ArticleInput | FailedInput = read_html(html, url)
        item.url = item.url or url
    except InputError as exc:
        item = FailedInput(url, exc.message)
    return _results(request, [item], "fetch", form)


def _fetch_config():
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(FETCH_TIMEOUT))
    config.set("DEFAULT", "MAX_REDIRECTS", "3")
    return config
