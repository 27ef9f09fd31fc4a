"""python manage.py facts --json [--story ID] : a story's reported facts.

One JSON object per line per fact: the claims that state it (same-claims suggested and
not dismissed, or linked as same), its figures, sources and outlets, how many articles
carry it and how many of those are independent (wire copies count once).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.management.database import require_migrated
from claims.models import Story
from claims.story_figures import story_facts


class Command(BaseCommand):
    help = "Print each story's reported facts as JSON lines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="JSON lines (the only format)")
        parser.add_argument("--story", type=int, help="one story")

    def handle(self, *args, **options) -> None:
        require_migrated()
        stories = Story.objects.order_by("pk")
        if options["story"]:
            stories = stories.filter(pk=options["story"])
            if not stories.exists():
                raise CommandError(f"no story with id {options['story']}")
        for story in stories:
            for number, fact in enumerate(story_facts(story), 1):
                self.stdout.write(
                    json.dumps(_fact_json(story.pk, number, fact), ensure_ascii=False)
                )


def _fact_json(story: int, number: int, fact) -> dict:
    return {
        "story": story,
        "fact": number,
        "name": fact.name,
        "figures": fact.figures,
        "sources": fact.sources,
        "outlets": fact.outlets,
        "articles": fact.articles,
        "independent": fact.independent,
        "claims": [
            {"article": c.article_id, "start": c.start, "end": c.end, "text": c.text}
            for c in fact.claims
        ],
    }
