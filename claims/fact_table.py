"""A story's figures at a glance: one row per article, one column per topic.

Each cell lists the figures an article gives for a topic (with qualifier and speaker);
a figure is marked *update* when a row of another date gives the running count another
value, and *conflict* when a row of the same date (or an undated one) disagrees, under
the same rules as suggestions (``claims.comparison.compare``). Pure: callers pass claims.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .comparison import compare
from .figures import Figure, about_the_event, figures_of
from .incident_words import earlier_incident_spans, in_spans
from .topics import RUNNING, TOPIC_WORDS

UNKNOWN_OUTLET = "Unknown outlet"
# How the table's rows may be cut: an article each, or an outlet or a named source each
# (its latest figure per topic).
ROWS_BY = {"article": "article", "outlet": "outlet", "source": "source named"}
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
    outlet: str = ""  # of the article that gives it
    published: dt.date | None = None


@dataclass
class Cell:
    topic: str
    figures: list[Entry]

    @property
    def conflict(self) -> bool:
        return any(f.conflicts for f in self.figures)


@dataclass
class Row:
    article: object  # None for a row of an outlet or a source
    cells: dict[str, list[Entry]]
    columns: list[Cell] = field(default_factory=list)
    label: str = ""  # the outlet or source of a row that is not one article's


def build(
    articles: Iterable,
    claims: Iterable,
    settled: frozenset[frozenset[int]] = frozenset(),
) -> tuple[list[str], list[Row]]:
    """The topics that occur (in ``TOPICS`` order) and a row per article. ``settled``:
    pairs of claim ids whose conflict an analyst dismissed or resolved; they mark no
    cell."""
    rows = {a.pk: Row(a, {}) for a in articles}
    dates = [d for row in rows.values() if (d := getattr(row.article, "published", None))]
    first_date = min(dates, default=None)  # what an undated page's recalled years are read against
    for claim in claims:
        row = rows.get(claim.article_id)
        if row is None:
            continue
        outlet = getattr(getattr(row.article, "outlet", None), "name", "") or UNKNOWN_OUTLET
        published = getattr(row.article, "published", None)
        # "In 2011, an earthquake there killed 600": another incident's toll
        earlier = earlier_incident_spans(claim.text, published or first_date)
        for figure in figures_of(claim):
            q = figure.quantity
            if not figure.whole or figure.topic is None or not about_the_event(q, claim):
                continue
            if in_spans(q, claim.start, earlier):
                continue
            if figure.counted.startswith("sample:"):
                continue  # deaths found in a survey's households are not the toll
            qualifier = QUALIFIERS.get(q.get("qualifier", "exact"), "")
            entry = Entry(q["text"], qualifier, claim.speaker, claim, figure)
            entry.outlet, entry.published = outlet, published
            row.cells.setdefault(figure.topic, []).append(entry)
    _mark_conflicts(list(rows.values()), settled)
    found = {t for row in rows.values() for t in row.cells}
    topics = [t for t in TOPIC_WORDS if t in found] + sorted(found - set(TOPIC_WORDS))
    for row in rows.values():
        row.columns = [Cell(topic, row.cells.get(topic, [])) for topic in topics]
    return topics, list(rows.values())


def regroup(topics: list[str], rows: list[Row], by: str) -> list[Row]:
    """The rows of ``build`` as one row per outlet (``by="outlet"``) or per named source
    of the figures (``"source"``; figures no one is said to give go under their
    outlet): each cell the group's latest figures of its topic, with their marks."""
    groups: dict[str, dict[str, list[Entry]]] = {}
    for row in rows:
        for topic, entries in row.cells.items():
            for entry in entries:
                if by == "outlet":
                    key = entry.outlet
                else:
                    key = entry.speaker or f"{entry.outlet} (no source named)"
                groups.setdefault(key, {}).setdefault(topic, []).append(entry)
    result = []
    for label in sorted(groups, key=str.casefold):
        cells = {topic: _latest(entries) for topic, entries in groups[label].items()}
        result.append(Row(None, cells, [Cell(t, cells.get(t, [])) for t in topics], label))
    return result


def _latest(entries: list[Entry]) -> list[Entry]:
    """The entries of the latest date (undated ones only when none is dated), each
    figure once."""
    dates = [e.published for e in entries if e.published is not None]
    newest = max(dates) if dates else None
    found: dict[str, Entry] = {}
    for entry in entries:
        if entry.published == newest:
            found.setdefault(entry.text, entry)
    return list(found.values())


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
    # a text said in one row only is not set against that row's own figures
    lone: dict[int, set[tuple[object, str]]] = {}
    for key, placed in said_where.items():
        if len({m for m, _ in placed}) == 1:
            lone.setdefault(placed[0][0], set()).add(key)
    in_settled = {pk for pair in settled for pk in pair}
    # what an entry of a date is marked with: the same for most entries of that date
    by_date: dict[object, list[tuple[tuple[object, str], bool]]] = {}
    for n, published, entry in mine:
        if published not in by_date:
            by_date[published] = [
                (key, running and None not in (published, key[0]) and published != key[0])
                for key in said_where
            ]
        conflicts, updates = dict.fromkeys(entry.conflicts), dict.fromkeys(entry.updates)
        own, mark_pk = lone.get(n, ()), _pk(entry)
        for key, apart in by_date[published]:
            if key in own:
                continue  # the same article: compared with other rows only
            if mark_pk in in_settled and all(
                frozenset((mark_pk, pk)) in settled for m, pk in said_where[key] if m != n
            ):
                continue  # an analyst settled it
            (updates if apart else conflicts)[key[1]] = None
        entry.conflicts, entry.updates = list(conflicts), list(updates)


def _pk(entry: Entry) -> object:
    """The claim whose verdicts count for the entry's: the one it copies, or itself."""
    claim = entry.claim
    return getattr(claim, "original_id", getattr(claim, "pk", None))  # Claim rows, or stand-ins
