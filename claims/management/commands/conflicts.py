"""python manage.py conflicts --json [--entries] [--story ID] [--status S] : what the
dashboard shows.

One JSON object per line for every suggestion and link the conflicts dashboard would
list with these filters; offsets are code points into each article's canonical text,
and each end lists its ``copies`` (the sentence reprinted in later articles of the
story with the same figures: they carry the row).
With ``--entries``, one line per dashboard entry instead: its head row's fields, with
``pairs`` (every sentence pair of the entry, the head first), ``reports`` and
``independent`` (how many articles give it, and how many are not wire copies).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.entries import attach_pairs
from claims.forms import CONFLICT_STATUSES
from claims.management.database import require_migrated
from claims.models import Claim, Story, Suggestion

ENTRY_CHUNK = 200  # entries given their pairs at a time


def copies_of(rows: list[Suggestion]) -> dict[int, list[dict]]:
    """The wire copies (``Claim.copy_of``) of the rows' claims, by the claim they copy:
    each an article and a span, in article order."""
    ends = {pk for row in rows for pk in (row.claim_a_id, row.claim_b_id)}
    found: dict[int, list[dict]] = {}
    copies = Claim.objects.filter(copy_of__in=ends).order_by("article_id", "start")
    for copied, article, start, end in copies.values_list("copy_of", "article", "start", "end"):
        found.setdefault(copied, []).append({"article": article, "start": start, "end": end})
    return found


def conflict_json(row: Suggestion, copies: dict[int, list[dict]] | None = None) -> dict:
    """A row as JSON; each end lists its ``copies`` (the same sentence with the same
    figures in later articles), which carry the row."""

    def end(article_id: int, claim) -> dict:
        found = {"article": article_id, "start": claim.start, "end": claim.end, "text": claim.text}
        return found | {"copies": (copies or {}).get(claim.pk, [])}

    return {
        "kind": row.kind,
        "relation": row.relation,
        "status": row.status,
        "score": round(row.score, 3),
        "reason": row.reason,
        "internal": row.internal,
        "same_source": row.same_source,
        "update": row.update,
        # rows of one story with the same entry set the same two facts apart: one
        # dashboard entry, one verdict
        "entry": row.entry,
        "hedged": row.hedged,
        "different_sources": row.different_sources,
        "topic": row.topic,
        "story": row.article_a.story_id,
        "a": end(row.article_a_id, row.claim_a),
        "b": end(row.article_b_id, row.claim_b),
    }


class Command(BaseCommand):
    help = "List suggested and linked contradictions, as the conflicts dashboard shows them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="one JSON object per line")
        parser.add_argument(
            "--entries", action="store_true", help="one line per dashboard entry, with its pairs"
        )
        parser.add_argument("--story", type=int, help="only this story")
        statuses = [value for value, _ in CONFLICT_STATUSES]
        parser.add_argument(
            "--status", choices=statuses, default="all", help="review status (default: all)"
        )

    def handle(self, *args, **options) -> None:
        require_migrated()
        if options["story"] and not Story.objects.filter(pk=options["story"]).exists():
            raise CommandError(f"no story with id {options['story']}")
        rows = (
            Suggestion.objects.conflicts()
            .review_filtered(story=options["story"], status=options["status"])
            .for_display()
            .in_dashboard_order()
        )
        if options["entries"]:
            self._entries(rows, as_json=options["json"])
            return
        chunk: list[Suggestion] = []
        for row in rows.iterator(chunk_size=500):
            if options["json"]:
                chunk.append(row)
                if len(chunk) == 500:
                    self._write(chunk)
                    chunk = []
            else:
                flags = " [internal]" if row.internal else ""
                flags += " [same source]" if row.same_source else ""
                flags += " [update]" if row.update else ""
                flags += " [hedged]" if row.hedged else ""
                flags += " [different sources]" if row.different_sources else ""
                self.stdout.write(
                    f"{row.status:9} {row.score:.2f} {row.kind:10} {row.reason}{flags}\n"
                    f"    {row.article_a_id}:{row.claim_a.start}-{row.claim_a.end} "
                    f"⇄ {row.article_b_id}:{row.claim_b.start}-{row.claim_b.end}"
                )
        self._write(chunk)

    def _write(self, rows: list[Suggestion]) -> None:
        copies = copies_of(rows)
        for row in rows:
            self.stdout.write(json.dumps(conflict_json(row, copies), ensure_ascii=False))

    def _entries(self, rows, *, as_json: bool) -> None:
        heads = list(rows.entry_heads().in_dashboard_order())
        for start in range(0, len(heads), ENTRY_CHUNK):
            chunk = heads[start : start + ENTRY_CHUNK]
            attach_pairs(chunk, rows, shown=None)  # an export gives every pair
            copies = copies_of([*chunk, *(p for h in chunk for p in h.pairs)]) if as_json else {}
            for head in chunk:
                pairs = [head, *head.pairs]
                if as_json:
                    entry = conflict_json(head, copies)
                    entry |= {"reports": head.reports, "independent": head.independent}
                    entry["pairs"] = [conflict_json(row, copies) for row in pairs]
                    self.stdout.write(json.dumps(entry, ensure_ascii=False))
                else:
                    self.stdout.write(
                        f"{head.status:9} {head.reason} ({len(pairs)} sentence pairs, "
                        f"{head.reports} reports, {head.independent} independent)"
                    )
