"""Dashboard entries: the sentence pairs that set the same two reported facts apart in
one story (``Suggestion.entry``) are one entry, shown by its best scored row (its head)
with the others behind it, and one verdict covers them all."""

from __future__ import annotations

from .models import Suggestion
from .querysets import SuggestionQuerySet
from .reported_facts import independent_reports


def attach_pairs(heads: list[Suggestion], rows: SuggestionQuerySet) -> None:
    """Give each entry's head the other sentence pairs of its entry among ``rows``
    (``pairs``), how many reports (articles) give them (``reports``) and how many of
    those are not wire copies of another (``independent``)."""
    behind: dict[tuple[int | None, str], list[Suggestion]] = {}
    for row in rows.in_entries_of(heads).for_display().order_by("-score", "pk"):
        behind.setdefault((row.article_a.story_id, row.entry), []).append(row)
    for head in heads:
        pairs = behind.get((head.article_a.story_id, head.entry), [head])
        said: dict[int, list[str]] = {}  # per article, its sentences in the entry
        for row in pairs:
            for article, claim in row.ends:
                if claim is not None and claim.text not in said.get(article.pk, []):
                    said.setdefault(article.pk, []).append(claim.text)
        vars(head).update(
            pairs=[p for p in pairs if p.pk != head.pk],
            reports=len(said),
            independent=independent_reports(list(said.values())),
        )
