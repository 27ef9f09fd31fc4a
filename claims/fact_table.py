"""A story's figures at a glance: one row per article, one column per topic.

Each cell lists the figures an article gives for a topic (with qualifier and speaker);
a cell is marked when one of its figures conflicts with a figure in another row, under
the same rules as suggestions (``claims.figures.compare``). Pure: callers pass claims.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .figures import TOPICS, about_the_event, compare, topic_of

QUALIFIERS = {
    "about": "approximate",
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "less than",
    "at_most": "at most",
    "range": "range",
    "vague": "vague",
    "exact": "",
}


@dataclass
class Figure:
    text: str
    qualifier: str
    speaker: str
    claim: object
    quantity: dict
    conflicts: list[str] = field(default_factory=list)


@dataclass
class Cell:
    topic: str
    figures: list[Figure]

    @property
    def conflict(self) -> bool:
        return any(f.conflicts for f in self.figures)


@dataclass
class Row:
    article: object
    cells: dict[str, list[Figure]]
    columns: list[Cell] = field(default_factory=list)


def build(articles: Iterable, claims: Iterable) -> tuple[list[str], list[Row]]:
    """The topics that occur (in ``TOPICS`` order) and a row per article."""
    rows = {a.pk: Row(a, {}) for a in articles}
    for claim in claims:
        row = rows.get(claim.article_id)
        if row is None:
            continue
        for q in claim.quantities:
            if not about_the_event(q, claim) or (q.get("low") is None and q.get("high") is None):
                continue
            topic = topic_of(q, claim.text, claim.start)
            if topic:
                qualifier = QUALIFIERS.get(q.get("qualifier", "exact"), "")
                figure = Figure(q["text"], qualifier, claim.speaker, claim, q)
                row.cells.setdefault(topic, []).append(figure)
    _mark_conflicts(list(rows.values()))
    topics = [t for t in TOPICS if any(t in row.cells for row in rows.values())]
    for row in rows.values():
        row.columns = [Cell(topic, row.cells.get(topic, [])) for topic in topics]
    return topics, list(rows.values())


def _mark_conflicts(rows: list[Row]) -> None:
    for i, row in enumerate(rows):
        for other in rows[i + 1 :]:
            for topic, figures in row.cells.items():
                for mine in figures:
                    for theirs in other.cells.get(topic, []):
                        result = compare(mine.quantity, mine.claim, theirs.quantity, theirs.claim)
                        if result is not None and result.conflict:
                            mine.conflicts.append(theirs.text)
                            theirs.conflicts.append(mine.text)
