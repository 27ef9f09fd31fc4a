"""A story's fact table (which figure each article gives for each topic), the timeline
of its running counts, and one reported fact with the analyst's decisions on it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..fact_table import ROWS_BY, regroup
from ..forms import FactMergeForm, FactNameForm, FactRowsForm, first_error
from ..models import Claim, Story
from ..roles import ANALYST, has_role, role_required
from ..services import ServiceError
from ..services import facts as service
from ..story_figures import fact_members, story_figures
from ..story_figures import story_facts as facts_of_story
from .common import HtmxHttpRequest, refuse


@require_GET
def story_facts(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    form = FactRowsForm(request.GET)
    by = (form.cleaned_data["by"] if form.is_valid() else "") or "article"
    figures = story_figures(story)
    rows = figures.rows if by == "article" else regroup(figures.topics, figures.rows, by)
    context = {
        "story": story,
        "by": by,
        "rows_by": ROWS_BY,
        "by_label": ROWS_BY[by],
        "topics": figures.topics,
        "rows": rows,
        "charts": figures.charts,
        "capped": figures.capped,
        "limit": figures.limit,
    }
    return render(request, "claims/story_facts.html", context)


@require_GET
def story_timelines(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The story page's "Figures over time", asked for once the page is shown: the
    charts read every figure of the story's articles, and mark conflicts as the fact
    table does."""
    story = get_object_or_404(Story, pk=pk)
    charts = story_figures(story).charts
    context = {"story": story, "charts": charts, "loaded": True}
    return render(request, "claims/story_detail.html#timelines", context)


def _fact_claim(story_id: int, claim_id: int) -> tuple[Story, Claim]:
    story = get_object_or_404(Story, pk=story_id)
    claim = get_object_or_404(
        Claim.objects.select_related("article"), pk=claim_id, article__story=story
    )
    return story, claim


@require_GET
def fact_detail(request: HtmxHttpRequest, story_id: int, claim_id: int) -> HttpResponse:
    """One reported fact: its claims, where each is printed, and (for analysts) naming
    it, merging it with another and taking claims out."""
    story, claim = _fact_claim(story_id, claim_id)
    found = facts_of_story(story)
    fact = next((f for f in found if any(c.pk == claim.pk for c in f.claims)), None)
    if fact is None:
        raise Http404("This claim is in no fact of its story.")
    others = [(f.claims[0].pk, f) for f in found if f is not fact]
    context = {
        "story": story,
        "fact": fact,
        "anchor": claim,
        "others": others,
        "can_edit": has_role(request.user, ANALYST),
    }
    return render(request, "claims/fact_detail.html", context)


def _after(request: HtmxHttpRequest, message: str, story: Story, claim_id: int | None):
    messages.success(request, message)
    if claim_id is None or len(fact_members(story.pk, claim_id)) < 2:
        return redirect(f"{story.get_absolute_url()}#matrix-heading")
    return redirect(reverse("claims:fact_detail", args=[story.pk, claim_id]))


@require_POST
@role_required(ANALYST)
def fact_name(request: HtmxHttpRequest, story_id: int, claim_id: int) -> HttpResponse:
    story, claim = _fact_claim(story_id, claim_id)
    page = reverse("claims:fact_detail", args=[story.pk, claim.pk])
    form = FactNameForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), page)
    try:
        named = service.name_fact(claim=claim, name=form.cleaned_data["name"], user=request.user)
    except ServiceError as exc:
        return refuse(request, exc.message, page, exc.status)
    return _after(request, "Fact named." if named else "Name removed.", story, claim.pk)


@require_POST
@role_required(ANALYST)
def fact_merge(request: HtmxHttpRequest, story_id: int, claim_id: int) -> HttpResponse:
    story, claim = _fact_claim(story_id, claim_id)
    page = reverse("claims:fact_detail", args=[story.pk, claim.pk])
    form = FactMergeForm(request.POST)
    if not form.is_valid():
        return refuse(request, first_error(form), page)
    other = Claim.objects.filter(pk=form.cleaned_data["other"], article__story=story).first()
    if other is None:
        return refuse(request, "Choose a fact of this story to merge with.", page)
    try:
        service.merge_facts(claim=claim, other=other, user=request.user)
    except ServiceError as exc:
        return refuse(request, exc.message, page, exc.status)
    return _after(request, "Facts merged: a same link now joins them.", story, claim.pk)


@require_POST
@role_required(ANALYST)
def fact_take_out(request: HtmxHttpRequest, story_id: int, claim_id: int) -> HttpResponse:
    """Take ``claim_id`` out of its fact; the page goes back to what is left of it."""
    story, claim = _fact_claim(story_id, claim_id)
    rest = min(fact_members(story.pk, claim.pk) - {claim.pk}, default=None)
    page = reverse("claims:fact_detail", args=[story.pk, claim.pk])
    try:
        service.take_out_of_fact(claim=claim, user=request.user)
    except ServiceError as exc:
        return refuse(request, exc.message, page, exc.status)
    return _after(request, "Claim taken out of the fact.", story, rest)
