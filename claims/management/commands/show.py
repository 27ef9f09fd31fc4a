"""python manage.py show ARTICLE_ID [--json] : an article and its claims."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.figures import Figure, disputed_figures, figures_of
from claims.management.database import require_migrated
from claims.models import Article


def figure_json(figure: Figure) -> dict:
    """What a figure counts, as matching reads it (computed from the stored quantity)."""
    return {
        "text": figure.quantity["text"],
        "start": figure.quantity["start"],
        "end": figure.quantity["end"],
        "topic": figure.topic,
        "counted": figure.counted,
        "part": figure.part,
        "earlier": figure.earlier,
        "negated": figure.negated,
        "basis": figure.basis,
    }


def article_json(article: Article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "outlet": article.outlet.name if article.outlet else None,
        "url": article.url or None,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "extraction_status": article.extraction_status,
        "incident": article.incident,
        "text": article.text,
        "claims": [
            {
                "id": c.pk,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "origin": c.origin,
                "speaker": c.speaker or None,
                "is_quote": c.is_quote,
                "hedged": c.hedged,
                "entities": c.entities,
                "quantities": c.quantities,
                "figures": [figure_json(f) for f in figures_of(c)],
                # a figure it disputes by a noun alone, given in a sentence before it
                "disputes": [figure_json(f) for f in disputed_figures(c)],
            }
            for c in article.claims.all()
        ],
    }


class Command(BaseCommand):
    help = "Print an article with its claims (offsets are code points into its text)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("article_id", type=int)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, article_id: int, **options) -> None:
        require_migrated()
        article = Article.objects.select_related("outlet").filter(pk=article_id).first()
        if article is None:
            raise CommandError(f"no article with id {article_id}")
        data = article_json(article)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{data['title']}  [{data['outlet'] or 'no outlet'}]")
        for claim in data["claims"]:
            speaker = f"  ({claim['speaker']})" if claim["speaker"] else ""
            self.stdout.write(f"  {claim['start']:>6}-{claim['end']:<6} {claim['text']}{speaker}")
