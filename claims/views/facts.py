"""A story's fact table: which figure each article gives for each topic, and the
timeline of its running counts."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..fact_table import ROWS_BY, regroup
from ..forms import FactRowsForm
from ..models import Story
from ..story_figures import story_figures
from .common import HtmxHttpRequest


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
    charts read every figure of the story's articles."""
    story = get_object_or_404(Story, pk=pk)
    charts = story_figures(story, marked=False).charts
    context = {"story": story, "charts": charts, "loaded": True}
    return render(request, "claims/story_detail.html#timelines", context)
