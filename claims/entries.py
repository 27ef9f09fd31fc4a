"""Dashboard entries: the sentence pairs that set the same two reported facts apart in
one story (``Suggestion.entry``) are one entry, shown by its best scored row (its head)
with the others behind it, and one verdict covers them all."""

from __future__ import annotations

from .models import Claim, Suggestion
from .querysets import SuggestionQuerySet
from .reported_facts import independent_reports

# Sentence pairs drawn under one entry: a wire sentence that 100 outlets repeat gives
# thousands, and drawing them all made a dashboard page take seconds
# (bench/matching.py's near-copy story); the rest are counted, not drawn.
SHOWN_PAIRS = 12


def attach_pairs(
    heads: list[Suggestion], rows: SuggestionQuerySet, shown: int | None = SHOWN_PAIRS
) -> None:
    """Give each entry's head the other sentence pairs of its entry among ``rows``: the
    best scored ``shown`` (None: all) to draw (``pairs``), how many there are in all
    (``more_pairs``), how many reports (articles) give them (``reports``) and how many
    of those are not wire copies of another (``independent``)."""
    fields = ["pk", "article_a__story_id", "entry", "article_a_id", "claim_a__text"]
    fields += ["article_b_id", "claim_b__text", "claim_a_id", "claim_b_id"]
    behind: dict[tuple[int | None, str], list[tuple]] = {}
    for row in rows.in_entries_of(heads).order_by("-score", "pk").values_list(*fields):
        behind.setdefault((row[1], row[2]), []).append(row)
    # the reprints of the entries' sentences (``Claim.copy_of``) are reports of them too
    ends = {pk for entry in behind.values() for row in entry for pk in row[7:] if pk}
    ends.update(pk for h in heads for pk in (h.claim_a_id, h.claim_b_id) if pk)
    copies: dict[int, list[tuple[int, str]]] = {}
    for copied, article, text in (
        Claim.objects.filter(copy_of__in=ends)
        .order_by()
        .values_list("copy_of_id", "article_id", "text")
    ):
        copies.setdefault(copied, []).append((article, text))
    head_pks = {h.pk for h in heads}
    chosen = {
        row[0]
        for entry in behind.values()
        for row in [r for r in entry if r[0] not in head_pks][:shown]
    }
    drawn = {r.pk: r for r in rows.filter(pk__in=chosen).for_display()}
    for head in heads:
        entry = behind.get((head.article_a.story_id, head.entry)) or [_as_values(head)]
        said: dict[int, list[str]] = {}  # per article, its sentences in the entry
        for _, _, _, a, a_text, b, b_text, claim_a, claim_b in entry:
            printed = [(a, a_text), (b, b_text)]
            printed += copies.get(claim_a, []) + copies.get(claim_b, [])
            for article, text in printed:
                if text is not None and text not in said.get(article, []):
                    said.setdefault(article, []).append(text)
        others = [r[0] for r in entry if r[0] != head.pk]
        vars(head).update(
            pairs=[drawn[pk] for pk in others if pk in drawn],
            more_pairs=len(others),
            reports=len(said),
            independent=independent_reports(list(said.values())),
        )


def _as_values(head: Suggestion) -> tuple:
    """A head outside ``rows`` (its filters left it out) as the values read of rows."""
    texts = [c.text if c is not None else None for c in (head.claim_a, head.claim_b)]
    ends = (head.claim_a_id, head.claim_b_id)
    return (
        head.pk,
        None,
        head.entry,
        head.article_a_id,
        texts[0],
        head.article_b_id,
        texts[1],
        *ends,
    )
