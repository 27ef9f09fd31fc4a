"""python manage.py suggest --story ID | --all | --pending : look for suggestions on demand."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.management.database import require_migrated
from claims.models import Article, Story
from claims.services.matching import match_pending, suggest_for_story


class Command(BaseCommand):
    help = "Match the claims of a story's articles again (after aliases change, merges, moves)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--story", type=int, help="one story")
        group.add_argument("--all", action="store_true", help="every story")
        group.add_argument(
            "--pending",
            action="store_true",
            help="articles stored but not matched (--no-match, or an interrupted ingest)",
        )
        parser.add_argument(
            "--quiet-if-none", action="store_true", help="with --pending: say nothing if none wait"
        )

    def handle(self, *args, **options) -> None:
        require_migrated()
        if options["pending"]:
            waiting = Article.objects.filter(match_pending=True).count()
            if waiting or not options["quiet_if_none"]:
                count = match_pending()
                self.stdout.write(f"{waiting} articles that waited: {count} suggestions")
            return
        if options["story"]:
            if not Story.objects.filter(pk=options["story"]).exists():
                raise CommandError(f"no story with id {options['story']}")
            ids = [options["story"]]
        else:
            ids = list(Story.objects.values_list("pk", flat=True))
        total = sum(suggest_for_story(pk) for pk in ids)
        self.stdout.write(f"{len(ids)} stor{'y' if len(ids) == 1 else 'ies'}: {total} suggestions")
