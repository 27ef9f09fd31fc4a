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


def build(
    articles: Iterable, claims: Iterable, settled: frozenset[frozenset[int]] = frozenset()
) -> tuple[list[str], list[Row]]:
    """The topics that occur (in ``TOPICS`` order) and a row per article. ``settled``:
    pairs of claim ids whose conflict an analyst dismissed or resolved; they mark no
    cell."""
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
    _mark_conflicts(list(rows.values()), settled)
    found = {t for row in rows.values() for t in row.cells}
    topics = [t for t in TOPIC_WORDS if t in found] + sorted(found - set(TOPIC_WORDS))
    for row in rows.values():
        row.columns = [Cell(topic, row.cells.get(topic, [])) for topic in topics]
    return topics, list(rows.values())


def _signature(figure: Figure) -> tuple:
    """What ``compare`` reads of a figure to tell a conflict: figures with one signature
    are compared once, however many articles repeat them."""
    q = figure.quantity
    return (figure.topic, figure.counted, figure.whole, figure.negated, figure.basis) + (
        q.get("low"),
        q.get("high"),
        q.get("qualifier", "exact"),
    )


# An entry as the marking sees it: its row's index, the row's date, the entry.
Placed = tuple[int, object, Entry]


def _mark_conflicts(rows: list[Row], settled: frozenset[frozenset[int]]) -> None:
    """Mark each figure with the other rows' figures it disagrees with: an update when
    both rows are dated, on other days, and the topic is a running count; a conflict
    otherwise. Each text is listed once, however many rows give it."""
    groups: dict[tuple, list[Placed]] = {}
    for n, row in enumerate(rows):
        published = getattr(row.article, "published", None)
        for entries in row.cells.values():
            for entry in entries:
                groups.setdefault(_signature(entry.figure), []).append((n, published, entry))
    by_topic: dict[str, list[list[Placed]]] = {}
    for signature, placed in groups.items():
        by_topic.setdefault(signature[0], []).append(placed)
    for topic, topic_groups in by_topic.items():
        for i, mine in enumerate(topic_groups):
            for theirs in topic_groups[i + 1 :]:
                result = compare(mine[0][2].figure, theirs[0][2].figure)
                if result is not None and result.conflict:
                    _mark(mine, theirs, topic in RUNNING, settled)
                    _mark(theirs, mine, topic in RUNNING, settled)


def _mark(
    mine: list[Placed], theirs: list[Placed], running: bool, settled: frozenset[frozenset[int]]
) -> None:
    """Mark the entries of ``mine`` with the texts of ``theirs``, two figures that
    disagree, in rows other than their own, unless an analyst settled that conflict."""
    said_where: dict[tuple[object, str], list[tuple[int, object]]] = {}
    for n, published, entry in theirs:
        said_where.setdefault((published, entry.text), []).append((n, _pk(entry)))
    for n, published, entry in mine:
        conflicts, updates = dict.fromkeys(entry.conflicts), dict.fromkeys(entry.updates)
        for (other_date, text), placed in said_where.items():
            if not any(m != n and frozenset((_pk(entry), pk)) not in settled for m, pk in placed):
                continue  # the same article (compared with other rows only), or settled
            apart = running and None not in (published, other_date) and published != other_date
            (updates if apart else conflicts)[text] = None
        entry.conflicts, entry.updates = list(conflicts), list(updates)


def _pk(entry: Entry) -> object:
    return getattr(entry.claim, "pk", None)
