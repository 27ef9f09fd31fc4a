"""A story's figures at a glance: one row per article, one column per topic.

Each cell lists the figures an article gives for a topic (with qualifier and speaker);
a figure is marked *update* when a row of another date gives the running count another
value, and *conflict* when a row of the same date (or an undated one) disagrees, under
the same rules as suggestions (``claims.figures.compare``). Pure: callers pass claims.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .figures import RUNNING, TOPIC_WORDS, Figure, about_the_event, compare, figures_of

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
class Entry:
    """One figure in a cell, with the figures of other rows it disagrees with."""

    text: str
    qualifier: str
    speaker: str
    claim: object
    figure: Figure
    conflicts: list[str] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)


@dataclass
class Cell:
    topic: str
    figures: list[Entry]

    @property
    def conflict(self) -> bool:
        return any(f.conflicts for f in self.figures)


@dataclass
class Row:
    article: object
    cells: dict[str, list[Entry]]
    columns: list[Cell] = field(default_factory=list)


def build(articles: Iterable, claims: Iterable) -> tuple[list[str], list[Row]]:
    """The topics that occur (in ``TOPICS`` order) and a row per article."""
    rows = {a.pk: Row(a, {}) for a in articles}
    for claim in claims:
        row = rows.get(claim.article_id)
        if row is None:
            continue
        for figure in figures_of(claim):
            q = figure.quantity
            if not figure.whole or figure.topic is None or not about_the_event(q, claim):
                continue
            qualifier = QUALIFIERS.get(q.get("qualifier", "exact"), "")
            entry = Entry(q["text"], qualifier, claim.speaker, claim, figure)
            row.cells.setdefault(figure.topic, []).append(entry)
    _mark_conflicts(list(rows.values()))
    found = {t for row in rows.values() for t in row.cells}
    topics = [t for t in TOPIC_WORDS if t in found] + sorted(found - set(TOPIC_WORDS))
    for row in rows.values():
        row.columns = [Cell(topic, row.cells.get(topic, [])) for topic in topics]
    return topics, list(rows.values())


def _mark_conflicts(rows: list[Row]) -> None:
    for i, row in enumerate(rows):
        for other in rows[i + 1 :]:
            dates = (
                getattr(row.article, "published", None),
                getattr(other.article, "published", None),
            )
            dated_apart = None not in dates and dates[0] != dates[1]
            for topic, entries in row.cells.items():
                for mine in entries:
                    for theirs in other.cells.get(topic, []):
                        result = compare(mine.figure, theirs.figure)
                        if result is None or not result.conflict:
                            continue
                        if dated_apart and topic in RUNNING:
                            mine.updates.append(theirs.text)
                            theirs.updates.append(mine.text)
                        else:
                            mine.conflicts.append(theirs.text)
                            theirs.conflicts.append(mine.text)
