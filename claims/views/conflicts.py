"""The conflicts dashboard: suggested and linked contradictions, reviewed in place."""

from __future__ import annotations

import csv
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.paginator import Page
from django.db.models import Count, Q
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..choices import ReviewStatus
from ..entries import attach_pairs
from ..forms import (
    CONFLICT_MARKS,
    CONFLICT_SORTS,
    CONFLICT_STATUSES,
    ConflictFilterForm,
    ReviewForm,
)
from ..models import Outlet, Story, Suggestion
from ..querysets import SuggestionQuerySet
from ..roles import ANALYST, has_role, role_required
from ..services import ServiceError
from ..services.review import review_entry
from .common import HtmxHttpRequest, back_to, page_of_ids, query_without_page, refuse

PER_PAGE = 50
# The dashboard groups and counts the best scored (or newest) 1,000 rows of its filters:
# 20 pages of entries or more, and a dashboard of a large archive as fast as a small
# one's (bench/pages.py). The page says when it is capped; choosing a story narrows it.
MAX_LISTED = 1000
BAD_REVIEW = "Choose a status."


REVIEW_STATUSES = ReviewStatus.choices


def filtered(params: QueryDict) -> tuple[ConflictFilterForm, SuggestionQuerySet, dict[str, Any]]:
    """The rows of these query parameters (all of them: the CSV export reads them; the
    page reads their best ``MAX_LISTED``)."""
    form = ConflictFilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status") or "active"
    rows = Suggestion.objects.conflicts().review_filtered(
        story=data.get("story"),
        outlet=data.get("outlet"),
        status=status,
        entity=data.get("entity") or "",
        source=data.get("source") or "",
        mark=data.get("mark") or "",
    )
    sort = data.get("sort") or "score"
    chosen = {"story": None, "outlet": None, "mark": "", **data, "status": status, "sort": sort}
    return form, rows, chosen


def _story_counts(params: QueryDict) -> list[dict[str, Any]]:
    """Rows per story under the current filters but any story: the side summary."""
    without_story = params.copy()
    without_story.pop("story", None)
    _, rows, chosen = filtered(without_story)
    return list(
        rows.best(MAX_LISTED, chosen["sort"])
        .values("article_a__story_id", "article_a__story__name")
        .annotate(
            total=Count("entry", distinct=True),
            open=Count("entry", distinct=True, filter=Q(status=ReviewStatus.OPEN)),
        )
        .order_by("article_a__story__name")
    )


def _page(
    listed: SuggestionQuerySet, rows: SuggestionQuerySet, sort: str, number: str | None
) -> Page[Suggestion]:
    """One page of the entries of ``listed``: ordered and counted on ids alone, then
    only its rows loaded in full (sorting thousands of wide joined rows would spill to
    disk). Each entry's head row carries the sentence pairs behind it among ``rows``
    (``pairs``) and how many reports (articles) give them (``reports``)."""
    # every head's id at once (at most MAX_LISTED): grouping the entries is the costly
    # part, and a paginator over the query would group them twice, to count and to slice
    ids = list(listed.entry_heads().in_dashboard_order(sort).values_list("pk", flat=True))
    page = page_of_ids(ids, PER_PAGE, number, rows.for_display())
    attach_pairs(list(page.object_list), rows)
    return page


@require_GET
def conflict_list(request: HtmxHttpRequest) -> HttpResponse:
    form, rows, chosen = filtered(request.GET)
    listed = rows.best(MAX_LISTED, chosen["sort"])
    page = _page(listed, rows, chosen["sort"], request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "capped": listed.count() >= MAX_LISTED,
        "max_listed": MAX_LISTED,
        "chosen": chosen,
        "params": query_without_page(request),
        "story_counts": _story_counts(request.GET),
        "can_review": has_role(request.user, ANALYST),
        "statuses": CONFLICT_STATUSES,
        "sorts": CONFLICT_SORTS,
        "marks": CONFLICT_MARKS,
        "review_statuses": REVIEW_STATUSES,
    }
    template = "claims/conflict_list.html"
    if request.htmx and request.htmx.target == "conflict-results":
        template += "#results"
    else:
        context["outlets"] = list(Outlet.objects.order_by("name").values_list("pk", "name"))
        context["stories"] = list(Story.objects.order_by("name").values_list("pk", "name"))
    return render(request, template, context)


@require_POST
@role_required(ANALYST)
def conflict_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(Suggestion.objects.conflicts(), pk=pk)
    form = ReviewForm(request.POST)
    error, status = None, 200
    # what the verdict replaces, for the "Undo" beside "Saved."
    before = {
        "status": suggestion.status,
        "label": suggestion.get_status_display(),
        "reason": suggestion.status_reason,
    }
    if not form.is_valid():
        error = BAD_REVIEW if "status" in form.errors else form.errors.as_text()
    else:
        try:
            review_entry(suggestion=suggestion, user=request.user, **form.cleaned_data)
        except ServiceError as exc:
            error, status = exc.message, exc.status
    if error:
        status = 400 if status == 200 else status
        if not request.htmx:
            return refuse(request, error, reverse("claims:conflict_list"), status)
    if not request.htmx:
        messages.success(request, "Review saved.")
        return back_to(request, reverse("claims:conflict_list"))
    row = Suggestion.objects.for_display().get(pk=pk)
    attach_pairs([row], Suggestion.objects.conflicts())
    context = {
        "row": row,
        "error": error,
        "saved": not error,
        "undo": before if not error and before["status"] != row.status else None,
        "can_review": True,
        "review_statuses": REVIEW_STATUSES,
    }
    response = render(request, "claims/conflict_list.html#row", context, status=status)
    if not error:
        response.content += _story_counts_oob(request)
    return response


def _story_counts_oob(request: HtmxHttpRequest) -> bytes:
    """The side summary of the dashboard the review was made on (its filters are in
    the page's address), swapped out of band so that its counts follow the verdict."""
    current = urlsplit(request.htmx.current_url or "")
    params = QueryDict(current.query)
    _, _, chosen = filtered(params)
    context = {"story_counts": _story_counts(params), "chosen": chosen, "oob": True}
    html = render_to_string("claims/conflict_list.html#story_counts", context, request)
    return html.encode()


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: object) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: not from our data."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


CSV_HEADER = ["kind", "relation", "status", "score", "reason", "internal", "same_source"]
CSV_HEADER += ["update", "hedged", "different_sources"]
CSV_HEADER += ["story", "topic", "figures", "reviewed_by", "reviewed_at", "status_reason"]
CSV_HEADER += ["entry"]
for _side in ("a", "b"):
    CSV_HEADER += [f"{_side}_{f}" for f in ("article", "outlet", "published", "speaker")]
    CSV_HEADER += [f"{_side}_{f}" for f in ("start", "end", "text")]


def _csv_row(row: Suggestion) -> list[str]:
    cells: list[object] = [row.kind, row.relation, row.status, f"{row.score:.3f}", row.reason]
    cells += [row.internal, row.same_source, row.update, row.hedged, row.different_sources]
    cells += [getattr(row.article_a.story, "name", ""), row.topic]
    cells += ["; ".join(row.figures), row.reviewed_by, row.reviewed_at, row.status_reason]
    cells += [row.entry]
    for article, claim in ((row.article_a, row.claim_a), (row.article_b, row.claim_b)):
        cells += [article.pk, getattr(article.outlet, "name", ""), article.published]
        cells += [claim.speaker, claim.start, claim.end, claim.text] if claim else [""] * 4
    return [_cell(c) for c in cells]


@require_GET
def conflict_export(request: HtmxHttpRequest) -> StreamingHttpResponse:
    _, rows, chosen = filtered(request.GET)
    rows = rows.for_display().in_dashboard_order(chosen["sort"])
    writer = csv.writer(_Echo())
    lines = (writer.writerow(r) for r in _rows_with_header(rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsdesk-conflicts.csv"'
    return response


def _rows_with_header(rows):
    yield CSV_HEADER
    for row in rows.iterator(chunk_size=500):
        yield _csv_row(row)
