"""python manage.py suggest [--story ID | --all] : look for suggestions again, on demand."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.models import Story
from claims.services.matching import suggest_for_story


class Command(BaseCommand):
    help = "Match the claims of a story's articles again (after aliases change, merges, moves)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--story", type=int, help="one story")
        group.add_argument("--all", action="store_true", help="every story")

    def handle(self, *args, **options) -> None:
        if options["story"]:
            if not Story.objects.filter(pk=options["story"]).exists():
                raise CommandError(f"no story with id {options['story']}")
            ids = [options["story"]]
        else:
            ids = list(Story.objects.values_list("pk", flat=True))
        total = sum(suggest_for_story(pk) for pk in ids)
        self.stdout.write(f"{len(ids)} stor{'y' if len(ids) == 1 else 'ies'}: {total} suggestions")
