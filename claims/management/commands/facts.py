"""python manage.py facts --json [--story ID] : a story's reported facts.

One JSON object per line per fact: the claims that state it (same-claims suggested and
not dismissed, or linked as same), its figures, sources and outlets, how many articles
carry it and how many of those are independent (wire copies count once).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from claims.choices import Relation, ReviewStatus
from claims.management.database import require_migrated
from claims.models import Claim, Link, Story, Suggestion
from claims.reported_facts import facts


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
            for number, fact in enumerate(self._facts(story), 1):
                self.stdout.write(
                    json.dumps(_fact_json(story.pk, number, fact), ensure_ascii=False)
                )

    def _facts(self, story: Story) -> list:
        in_story = Q(article_a__story=story)
        suggested = (
            Suggestion.objects.filter(in_story, relation=Relation.SAME)
            .exclude(status=ReviewStatus.DISMISSED)
            .exclude(claim_a=None)
            .exclude(claim_b=None)
            .values_list("claim_a_id", "claim_b_id")
        )
        linked = Link.objects.filter(
            relation=Relation.SAME, source__article__story=story
        ).values_list("source_id", "target_id")
        pairs = [*suggested, *linked]
        ids = {i for pair in pairs for i in pair}
        claims = Claim.objects.filter(pk__in=ids).select_related("article__outlet")
        return facts(claims, pairs)


def _fact_json(story: int, number: int, fact) -> dict:
    return {
        "story": story,
        "fact": number,
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
