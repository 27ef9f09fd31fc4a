"""Claims in another article that a selection most likely matches, best first.

Scored on shared named entities (across spellings: ``claims.entities``), shared
numbers and shared words: cheap enough to run over a 300-claim article on every
selection, with no NLP at request time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from .entities import NAMED, entity_key, normal_form
from .models import Claim

_WORD = re.compile(r"[^\W\d_]{3,}")
_NUMBER = re.compile(r"\d[\d,.]*")
STOPWORDS = set(
    "the and that this with from were was for are has have had not but they their its "
    "which who will been would more than into about after before over also said says "
    "there what when where while some such only other".split()
)


# Memoised by text: every selection in a compare view scores the same claims again.
@functools.lru_cache(maxsize=20_000)
def words(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.lower() for m in _WORD.findall(text)) if w not in STOPWORDS)


@functools.lru_cache(maxsize=20_000)
def numbers(text: str) -> frozenset[str]:
    return frozenset(n.rstrip(".,").replace(",", "") for n in _NUMBER.findall(text))


def entities_in(
    claims: Iterable[Claim], start: int, end: int, aliases: dict[str, str] | None = None
) -> set[str]:
    return {
        entity_key(e["text"], aliases)
        for claim in claims
        for e in claim.entities
        if e["label"] in NAMED and e["start"] >= start and e["end"] <= end
    }


class Candidate(Protocol):
    """What ranking reads of a claim in the other article (``ClaimQuerySet.with_names``)."""

    @property
    def start(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def names(self) -> list[str]: ...  # its named entities' texts


C = TypeVar("C", bound=Candidate)


@dataclass
class Target(Generic[C]):
    """A claim of the other article that a selection may be linked to, and why."""

    claim: C
    score: float
    reasons: list[str]


def rank_targets(
    text: str,
    entities: set[str],
    candidates: Sequence[C],
    limit: int = 8,
    aliases: dict[str, str] | None = None,
) -> list[Target[C]]:
    """The best link targets for a selected ``text`` with these ``entities``."""
    own_words, own_numbers = words(text), numbers(text)
    ranked: list[Target[C]] = []
    for claim in candidates:
        their_entities = {entity_key(name, aliases) for name in claim.names}
        shared_entities = entities & their_entities
        shared_numbers = own_numbers & numbers(claim.text)
        their_words = words(claim.text)
        union = own_words | their_words
        overlap = len(own_words & their_words) / len(union) if union else 0.0
        score = 3 * len(shared_entities) + 2 * len(shared_numbers) + 10 * overlap
        if score <= 0:
            continue
        reasons = []
        if shared_entities:
            shown = sorted(
                {
                    normal_form(name)
                    for name in claim.names
                    if entity_key(name, aliases) in shared_entities
                }
            )
            reasons.append("names: " + ", ".join(shown[:3]))
        if shared_numbers:
            reasons.append("numbers: " + ", ".join(sorted(shared_numbers)[:3]))
        if overlap >= 0.2:
            reasons.append(f"{round(overlap * 100)}% shared words")
        ranked.append(Target(claim, round(score, 2), reasons))
    ranked.sort(key=lambda s: (-s.score, s.claim.start))
    return ranked[:limit]
