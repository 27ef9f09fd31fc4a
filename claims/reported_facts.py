"""Reported facts: the claims of a story that state one fact, whoever printed them.

Same is symmetric and transitive: claims joined by *same* (a suggestion nobody dismissed,
or an analyst's link) form one fact, A same B and B same C putting all three in one. A
fact counts its reports (articles, outlets) and how many of them are independent: wire
copies, near-identical sentences in several outlets, count once. Pure: callers pass the
claims and the pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .figures import describe, figures_of
from .wording import plain

COPY_RATIO = 90  # rapidfuzz ratio of two plain sentences that are one wire sentence


@dataclass
class Fact:
    claims: list[Any]  # Claim rows (with .article and its .outlet)
    figures: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    articles: int = 0
    independent: int = 0
    name: str = ""  # an analyst's name for it


def _groups(ids: Iterable[int], pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = {i: i for i in ids}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in parent:
        groups.setdefault(root(i), []).append(i)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def fact_of(claim_id: int, same_pairs: Iterable[tuple[int, int]]) -> set[int]:
    """The claims that state one fact with ``claim_id``, itself included."""
    pairs = list(same_pairs)
    ids = {i for pair in pairs for i in pair} | {claim_id}
    return next((set(g) for g in _groups(ids, pairs) if claim_id in g), {claim_id})


def independent_reports(reports: list[list[str]]) -> int:
    """How many reports (each a list of sentences) are not copies of an earlier one: a
    report all of whose sentences another report already printed is wire copy."""
    kept: dict[str, None] = {}  # each sentence once: wire copy repeats them verbatim
    count = 0
    for sentences in reports:
        texts = [plain(t) for t in sentences]
        new = [
            t
            for t in texts
            if t not in kept and not any(fuzz.ratio(t, k) >= COPY_RATIO for k in kept)
        ]
        count += bool(new)
        kept.update(dict.fromkeys(texts))
    return count


def _by_article(members: list[Any]) -> list[list[str]]:
    reports: dict[int, list[str]] = {}
    for claim in members:
        reports.setdefault(claim.article_id, []).append(claim.text)
    return list(reports.values())


def facts(claims: Iterable[Any], same_pairs: Iterable[tuple[int, int]]) -> list[Fact]:
    """The facts that ``same_pairs`` (claim ids) make of ``claims``, most reported first."""
    by_id = {c.pk: c for c in claims}
    result = []
    for group in _groups(by_id, same_pairs):
        members = [by_id[i] for i in group]
        figures = list(
            dict.fromkeys(
                describe(f.quantity, f.topic) for c in members for f in figures_of(c) if f.whole
            )
        )
        outlets = sorted(
            {c.article.outlet.name for c in members if getattr(c.article, "outlet", None)}
        )
        result.append(
            Fact(
                claims=members,
                figures=figures,
                sources=sorted({c.speaker for c in members if c.speaker}),
                outlets=outlets,
                articles=len({c.article_id for c in members}),
                independent=independent_reports(_by_article(members)),
            )
        )
    result.sort(key=lambda f: (-f.articles, -len(f.claims), f.claims[0].pk))
    return result
