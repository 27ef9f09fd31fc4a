"""A sentence's figures as matching reads them, through the real pipeline: what the
figure and basis tests share."""

from __future__ import annotations

from claims.comparison import compare
from claims.figures import figures_of
from claims.nlp.claims import ExtractedClaim


def figure(nlp, sentence: str, which: int = 0):
    """The ``which``-th figure of the sentence's claim, as matching reads it."""
    doc = nlp(sentence)
    claim = doc._.claims[0] if doc._.claims else ExtractedClaim(0, len(sentence), sentence)
    if not claim.quantities:
        claim.quantities = [q.as_dict() for q in doc._.quantities]
    return figures_of(claim)[which], claim


def verdict(nlp, first: tuple, second: tuple):
    """Whether the first figures of two sentences conflict (None: not compared)."""
    (a, _), (b, _) = figure(nlp, *first), figure(nlp, *second)
    result = compare(a, b)
    return result and result.conflict
