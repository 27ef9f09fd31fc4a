"""python manage.py extract [--all | ARTICLE_ID...] : run the claim pipeline again."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from claims.extraction import ExtractionFailed, Extractor
from claims.management.database import require_migrated
from claims.models import Article, ExtractionStatus
from claims.services import replace_extracted_claims

BATCH = 64


class Command(BaseCommand):
    help = "Re-extract claims after a pipeline change; manual claims, links and notes stay."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("article_ids", nargs="*", type=int, metavar="ARTICLE_ID")
        parser.add_argument("--all", action="store_true", help="every analysed article")
        parser.add_argument(
            "--stale", action="store_true", help="articles extracted by another pipeline version"
        )
        parser.add_argument("--processes", type=int, default=None)

    def handle(self, *args, article_ids: list[int], **options) -> None:
        require_migrated()
        if not (article_ids or options["all"] or options["stale"]):
            raise CommandError("name ARTICLE_IDs, or use --all or --stale")
        with Extractor(processes=options["processes"]) as extractor:
            articles = Article.objects.exclude(extraction_status=ExtractionStatus.NOT_ANALYSED)
            if options["stale"]:
                articles = articles.needing_extraction(extractor.version)
            if article_ids:
                articles = articles.filter(pk__in=article_ids)
                missing = set(article_ids) - set(articles.values_list("pk", flat=True))
                if missing:
                    raise CommandError(f"no analysable article with id {sorted(missing)}")
            ids = list(articles.order_by("pk").values_list("pk", flat=True))
            totals = [0, 0, 0]
            with tqdm(
                total=len(ids), unit="article", disable=len(ids) < 2 or None, file=sys.stderr
            ) as progress:
                for i in range(0, len(ids), BATCH):
                    batch = list(Article.objects.filter(pk__in=ids[i : i + BATCH]).order_by("pk"))
                    for article, claims in zip(
                        batch, extractor.run([a.text for a in batch]), strict=True
                    ):
                        if isinstance(claims, ExtractionFailed):
                            self.stderr.write(f"article {article.pk}: {claims.message}")
                            continue
                        counts = replace_extracted_claims(
                            article=article, claims=claims, pipeline_version=extractor.version
                        )
                        totals = [t + c for t, c in zip(totals, counts, strict=True)]
                        progress.update(1)
        self.stdout.write(
            f"{len(ids)} articles: {totals[0]} claims created, {totals[1]} updated, "
            f"{totals[2]} removed"
        )
