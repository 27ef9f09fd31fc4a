"""Cutting an article's text into paragraphs and highlighted segments for display."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .models import Claim


@dataclass
class Segment:
    start: int
    end: int
    text: str
    claims: list[int] = field(default_factory=list)


@dataclass
class Paragraph:
    start: int
    end: int
    segments: list[Segment]
    is_headline: bool = False


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    while start < len(text):
        end = text.find("\n\n", start)
        end = len(text) if end == -1 else end
        if end > start:
            bounds.append((start, end))
        start = end + 2
    return bounds


def paragraphs(text: str, claims: Sequence[Claim]) -> list[Paragraph]:
    """Paragraphs of ``text``; each cut wherever a claim starts or ends.

    Segments carry the ids of every claim covering them, so overlapping claims
    (a manual selection inside an extracted sentence) both stay visible.
    """
    result = []
    for index, (p_start, p_end) in enumerate(paragraph_bounds(text)):
        inside = [c for c in claims if c.start < p_end and c.end > p_start]
        cuts = {p_start, p_end}
        for claim in inside:
            cuts.update(x for x in (claim.start, claim.end) if p_start < x < p_end)
        points = sorted(cuts)
        segments = [
            Segment(a, b, text[a:b], [c.pk for c in inside if c.start <= a and c.end >= b])
            for a, b in zip(points, points[1:], strict=False)
        ]
        result.append(Paragraph(p_start, p_end, segments, is_headline=index == 0))
    return result
