"""Scoring suggestions against gold pairs (``gold.json``): precision and recall.

A suggestion matches a gold pair when its two claims overlap the pair's two spans, in
either order. Gold offsets are into the file as stored on disk; the article's canonical
text may differ in layout, so each quote is found again in it (the occurrence nearest
the gold offset). Used by ``bench/quality.py`` and by the tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Span = tuple[int, int, int]  # (article id, start, end)


def locate(text: str, quote: str, near: int) -> tuple[int, int] | None:
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    if not found:
        return None
    start = min(found, key=lambda s: abs(s - near))
    return start, start + len(quote)


def gold_pairs(pairs: Iterable[dict], articles: Mapping[str, Any]) -> list[tuple[Span, Span]]:
    """Gold pairs as spans in the stored articles (``articles``: file name -> Article)."""
    result = []
    for pair in pairs:
        ends = []
        for side in ("a", "b"):
            end = pair[side]
            article = articles[end["article"]]
            where = locate(article.text, end["quote"], end["start"])
            if where is None:
                raise ValueError(f"gold quote not in article {end['article']}: {end['quote']!r}")
            ends.append((article.pk, *where))
        result.append((ends[0], ends[1]))
    return result


def _overlaps(claim: Span, span: Span) -> bool:
    return claim[0] == span[0] and claim[1] < span[2] and span[1] < claim[2]


def matches(pair: tuple[Span, Span], gold: tuple[Span, Span]) -> bool:
    (x, y), (g, h) = pair, gold
    return (_overlaps(x, g) and _overlaps(y, h)) or (_overlaps(x, h) and _overlaps(y, g))


@dataclass
class Score:
    suggested: int
    correct: int
    found: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0


def score(
    suggested: list[tuple[Span, Span]],
    gold: list[tuple[Span, Span]],
    also_right: Sequence[tuple[Span, Span]] = (),
) -> Score:
    """``also_right``: gold pairs of another list that a suggestion may match without
    counting as wrong (internal conflicts, for contradictions)."""
    allowed = [*gold, *also_right]
    correct = sum(any(matches(s, g) for g in allowed) for s in suggested)
    found = sum(any(matches(s, g) for s in suggested) for g in gold)
    return Score(len(suggested), correct, found, len(gold))
