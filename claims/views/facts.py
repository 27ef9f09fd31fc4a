"""A story's fact table: which figure each article gives for each topic."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .. import fact_table
from ..models import Claim, Story
from .common import HtmxHttpRequest

# A table wider than this many articles is no longer "at a glance": the newest are shown.
MAX_ARTICLES = 200


@require_GET
def story_facts(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    articles = list(
        story.articles.headers().select_related("outlet").newest_first()[: MAX_ARTICLES + 1]
    )
    capped = len(articles) > MAX_ARTICLES
    articles = articles[:MAX_ARTICLES]
    claims = (
        Claim.objects.filter(article__in=articles)
        .exclude(quantities=[])
        .only("article_id", "start", "text", "speaker", "quantities")
    )
    topics, rows = fact_table.build(articles, claims)
    context = {
        "story": story,
        "topics": topics,
        "rows": rows,
        "capped": capped,
        "limit": MAX_ARTICLES,
    }
    return render(request, "claims/story_facts.html", context)
