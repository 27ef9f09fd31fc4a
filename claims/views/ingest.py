"""Ingesting in the browser: paste an article, upload files, or fetch a URL.

Each input becomes a background job (``claims.services.queue``): the page answers at
once with a row per input, and the rows follow the workers (queued, analysing,
matching, done or failed) until all are finished.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..choices import JobState
from ..forms import FetchForm, PasteForm, UploadForm
from ..ingest.errors import InputError
from ..ingest.fetching import fetch_page
from ..ingest.formats import read_html
from ..ingest.readers import file_limit, read_upload
from ..ingest.records import ArticleInput, FailedInput
from ..models import Job
from ..roles import ANALYST, role_required
from ..services import ServiceError
from ..services.queue import queue_inputs, send_again, workers_alive
from .common import HtmxHttpRequest, refuse

# Jobs the ingest page lists of an analyst's recent work.
RECENT = 30


def _forms(**bound) -> dict:
    forms = {"paste": PasteForm(), "upload": UploadForm(), "fetch": FetchForm()}
    forms.update(bound)
    return forms


def _progress(jobs: list[Job]) -> dict:
    """What the results region shows of some jobs, and whether it polls again."""
    waiting = [job for job in jobs if not job.finished]
    return {
        "jobs": jobs,
        "waiting": len(waiting),
        "failed": sum(job.state == JobState.FAILED for job in jobs),
        "no_worker": bool(waiting) and not workers_alive(),
    }


def _batch_jobs(request: HtmxHttpRequest, batch: uuid.UUID) -> list[Job]:
    return list(
        Job.objects.filter(batch=batch, requested_by=request.user)
        .select_related("article")
        .order_by("id")
    )


def _answer(request: HtmxHttpRequest, batch: uuid.UUID) -> HttpResponse:
    """The batch's rows (HTMX, or the upload script), else the page following them."""
    if not request.htmx:
        return redirect(f"{reverse('claims:ingest')}?batch={batch}")
    jobs = _batch_jobs(request, batch)
    # Nothing could be read: a refusal, as for a form in error.
    status = 400 if all(job.state == JobState.FAILED for job in jobs) else 200
    context = {"batch": batch, **_progress(jobs)}
    return render(request, "claims/ingest.html#results", context, status=status)


def _refused(request: HtmxHttpRequest, active: str, **bound) -> HttpResponse:
    template = "claims/ingest.html#results" if request.htmx else "claims/ingest.html"
    return render(request, template, {**_forms(**bound), "active": active}, status=400)


@require_GET
@role_required(ANALYST)
def ingest_page(request: HtmxHttpRequest) -> HttpResponse:
    context = _forms()
    batch = _parse_batch(request.GET.get("batch"))
    if batch is not None:
        context.update(batch=batch, **_progress(_batch_jobs(request, batch)))
    recent = Job.objects.filter(requested_by=request.user).select_related("article")
    context["recent"] = _progress(list(recent[:RECENT]))
    return render(request, "claims/ingest.html", context)


def _parse_batch(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


@require_GET
@role_required(ANALYST)
def ingest_progress(request: HtmxHttpRequest, batch: uuid.UUID) -> HttpResponse:
    """The rows of one batch, polled by the page until every job is finished."""
    jobs = _batch_jobs(request, batch)
    if not jobs:
        raise Http404("No such batch.")
    return render(request, "claims/ingest.html#results", {"batch": batch, **_progress(jobs)})


@require_GET
@role_required(ANALYST)
def recent_jobs(request: HtmxHttpRequest) -> HttpResponse:
    recent = Job.objects.filter(requested_by=request.user).select_related("article")
    context = {"recent": _progress(list(recent[:RECENT]))}
    return render(request, "claims/ingest.html#recent", context)


@require_POST
@role_required(ANALYST)
def job_again(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Send a failed input again; the answer follows its batch."""
    job = get_object_or_404(Job, pk=pk, requested_by=request.user)
    try:
        send_again(job, user=request.user)
    except ServiceError as exc:
        return refuse(request, exc.message, reverse("claims:ingest"), exc.status)
    return _answer(request, job.batch)


@require_POST
@role_required(ANALYST)
def ingest_paste(request: HtmxHttpRequest) -> HttpResponse:
    form = PasteForm(request.POST)
    if not form.is_valid():
        return _refused(request, "paste", paste=form)
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
    return _answer(request, queue_inputs([item], user=request.user))


@require_POST
@role_required(ANALYST)
def ingest_upload(request: HtmxHttpRequest) -> HttpResponse:
    """Files, read here (quick) and analysed by the workers. The upload script sends a
    long selection in parts, each naming the batch the first part started."""
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, "upload", upload=form)
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
    batch = queue_inputs(items, user=request.user, batch=form.cleaned_data["batch"])
    return _answer(request, batch)


@require_POST
@role_required(ANALYST)
def ingest_url(request: HtmxHttpRequest) -> HttpResponse:
    form = FetchForm(request.POST)
    if not form.is_valid():
        return _refused(request, "fetch", fetch=form)
    url = form.cleaned_data["url"]
    limit = file_limit(".html", settings.NEWSDESK_MAX_ARTICLE_CHARS)
    try:
        html, url = fetch_page(url, max_bytes=limit)
    except InputError as exc:
        form.add_error("url", exc.message)
        return _refused(request, "fetch", fetch=form)
    item: ArticleInput | FailedInput
    try:
        page = read_html(html, url)
        page.url = page.url or url
        item = page
    except InputError as exc:
        item = FailedInput(url, exc.message)
    return _answer(request, queue_inputs([item], user=request.user))
