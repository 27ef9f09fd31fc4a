"""Reading a story's figures for its fact table and timeline (the ORM side of the pure
``fact_table`` and ``timeline`` modules)."""

from __future__ import annotations

from dataclasses import dataclass

from . import fact_table, timeline
from .models import Claim, Story

# A table wider than this many articles is no longer "at a glance": the newest are shown.
MAX_ARTICLES = 200


@dataclass
class StoryFigures:
    topics: list[str]
    rows: list[fact_table.Row]
    charts: list[timeline.Chart]
    capped: bool
    limit: int = MAX_ARTICLES


def story_figures(story: Story) -> StoryFigures:
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
    return StoryFigures(topics, rows, timeline.charts(rows), capped)
