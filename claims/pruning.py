"""Which of a story's suggested conflicts an analyst can act on, and which to withdraw.

Pure: reads rows (``Suggestion``-like: ``pk``, ``topic``, ``update``, ``internal``,
``different_sources``, ``figures``, ``claim_a``, ``claim_b``, ``article_a_id``) and
their articles' dates; ``services.matching.prune_conflicts`` deletes what
``withdrawn`` names.

- An *update* of a running count (two dated reports) is kept only as a step of its
  timeline: from the figure first reported just before to the next one, each figure
  dated by its first report (a later report that recalls an old figure does not make
  it new). Reports of a toll of 12, 20, 31 and 44 on four days give 12/20,
  20/31 and 31/44, not 12/44; but a report of 44 that says "up from 12" keeps 12/44.
- Other conflicts of a topic (a disagreement on one day, between undated reports or
  two sources) are kept only when the two figures are near in value, with at most
  ``BETWEEN`` other figures between them (of their own basis, when both are official
  counts or both estimates: the official toll is followed on its own); a figure that
  restates either end to two significant digits ("nearly 3,000" beside 2,975) is not
  another figure, nor is one within a stated range ("from 6 to 18" against 34: a 16
  lies within it, not between). Two estimates from two named sources (rival studies) are always
  set against each other: each study answers the question its own way.
- A count that only grows (the dead, the injured) reported lower later is a
  disagreement: kept against the report just before it, however far in value, and
  otherwise only against figures with none between them (a stale or recalled figure).
- An article that gives three or more figures of one running count is telling its
  history or a dispute: its figures are not set against each other within it.
- A disagreement whose two figures each lie within the two figures of another (one
  of them a stated range, of the same basis) says nothing more: "$25m" against "$8m"
  goes when "$20-25m" against "$6-8m" is suggested.

A pair of figures repeated in both articles (a headline and its body, with the same
sources) is not withdrawn: it joins its entry (``entry_of``), which the dashboard
shows once. Withdrawn rows are open matcher suggestions only; ``suggest_for_story``
judges every pair again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .comparison import representative, rounded
from .figures import describe, figures_of
from .topics import ACCUMULATING, RUNNING

# How many other figures may stand between two disagreeing figures of a topic for them
# still to be set against each other: reports cluster, and one figure between two
# others is often a revision or a rounding of one of them.
BETWEEN = 1
# Bounds ("more than 70", "up to 6,000") stand between other figures; "hundreds" does not.
BOUNDS = {"more_than", "at_least", "less_than", "at_most"}

# a claim's figure, whether precise, its basis, and the values it spans (a stated range's
# two ends, else the figure twice)
Value = tuple[float | None, bool, str | None, tuple[float, float] | None]


def withdrawn(rows: Iterable[Any], published: Mapping[int, dt.date | None]) -> set[int]:
    """The ids of the rows to withdraw; ``published``: article id -> date."""
    rows = list(rows)
    values: dict[tuple[int, str], Value] = {}  # a claim ends many rows

    def value(claim: Any, topic: str) -> Value:
        if (claim.pk, topic) not in values:
            values[claim.pk, topic] = _conflict_value(claim, topic)
        return values[claim.pk, topic]

    drop = _history_told(rows, value)
    by_topic: dict[str, list[tuple[Any, tuple[Any, ...]]]] = {}
    for row in rows:
        if row.internal:
            continue
        ends = tuple(
            (*value(c, row.topic), published.get(c.article_id)) for c in (row.claim_a, row.claim_b)
        )
        by_topic.setdefault(row.topic, []).append((row, ends))
    for entries in by_topic.values():
        drop |= _not_next_to_each_other(entries)
        drop |= _within_a_wider_pair([row for row, _ in entries if not row.update])
    return drop


def _conflict_value(claim: Any, topic: str) -> Value:
    """The claim's figure for a topic, whether it is precise enough to stand between two
    others ("hundreds" is not), its basis (an official count, an estimate), and the
    values it spans ("from 6 to 18": 6 and 18)."""
    for figure in figures_of(claim):
        if figure.whole and figure.topic == topic:
            q = figure.quantity
            precise = q.get("qualifier") != "vague" and None not in (q.get("low"), q.get("high"))
            value = representative(q)
            span = (q["low"], q["high"]) if q.get("qualifier") == "range" and precise else None
            if span is None and value is not None:
                span = (value, value)
            return value, precise or q.get("qualifier") in BOUNDS, figure.basis, span
    return None, False, None, None


def _history_told(rows: list[Any], value: Callable[[Any, str], Value]) -> set[int]:
    """Internal conflicts of an article that gives three or more figures of one running
    count: it is telling the count's history or a dispute ("first 16, then 34, and a
    study's 1,000"), not contradicting itself as one stray figure would."""
    figures: dict[tuple[int, str], set[float]] = {}
    internal = [r for r in rows if r.internal and r.topic in RUNNING]
    for row in internal:
        for claim in (row.claim_a, row.claim_b):
            v, _, _, _ = value(claim, row.topic)
            if v is not None:
                figures.setdefault((row.article_a_id, row.topic), set()).add(v)
    return {r.pk for r in internal if len(figures.get((r.article_a_id, r.topic), ())) >= 3}


def _stated(row: Any) -> list[tuple[float, float, str | None]] | None:
    """The values each of the row's two figures states (a range's two ends, a single
    figure's one value) and its basis; None for a bound, a denial or a figure not found
    again."""
    found = []
    for claim, said in zip((row.claim_a, row.claim_b), row.figures, strict=False):
        figure = next(
            (
                f
                for f in figures_of(claim)
                if f.whole and f.topic == row.topic and describe(f.quantity, row.topic) == said
            ),
            None,
        )
        if figure is None or figure.negated:
            return None  # a denial ("3,000 did not die") is a disagreement of its own
        q = figure.quantity
        if q.get("qualifier") in BOUNDS or q.get("qualifier") == "vague":
            return None
        low, high = q.get("low"), q.get("high")
        if low is None or high is None:
            return None
        found.append((low, high, figure.basis))
    return found if len(found) == 2 else None


def _within_a_wider_pair(rows: list[Any]) -> set[int]:
    """Disagreements whose figures each lie within another's, a range at least once
    wider, on the same basis: the wider pair says it all. (An official count that falls
    within a study's confidence interval is not that study's figure.)"""
    stated = {row.pk: ends for row in rows if (ends := _stated(row))}

    def within(
        inner: tuple[float, float, str | None], outer: tuple[float, float, str | None]
    ) -> bool:
        return outer[0] <= inner[0] and inner[1] <= outer[1] and inner[2] == outer[2]

    covered = set()
    for pk, (x, y) in stated.items():
        for other, (wx, wy) in stated.items():
            if other == pk or {x, y} == {wx, wy}:
                continue
            if (within(x, wx) and within(y, wy)) or (within(x, wy) and within(y, wx)):
                covered.add(pk)
                break
    return covered


def _not_next_to_each_other(entries: list[tuple[Any, tuple[Any, ...]]]) -> set[int]:
    # The figures that may stand between two others: all precise ones, and by basis.
    values = sorted({v for _, ends in entries for v, precise, _, _, _ in ends if precise})
    based: dict[str, set[float]] = {}
    for _, ends in entries:
        for v, precise, basis, _, _ in ends:
            if precise and basis:
                based.setdefault(basis, set()).add(v)
    # When each figure was first reported: a later report that recalls an old figure
    # ("the toll, initially 64, ...") does not make it new.
    first: dict[float, Any] = {}
    for _, ends in entries:
        for v, _, _, _, d in ends:
            if v is not None and d is not None and (v not in first or d < first[v]):
                first[v] = d
    far = set()
    for row, ((x, _, x_basis, x_span, x_date), (y, _, y_basis, y_span, y_date)) in entries:
        if x is None or y is None:
            continue
        if row.update and None in (x_date, y_date):
            continue  # a revision the claim states ("down to 120 from 150"), on an undated page
        if row.update and x in first and y in first and first[x] != first[y]:
            # an update: a step of the count's timeline, nothing first reported between,
            # unless the later report names the figure it updates
            early, late = sorted((first[x], first[y]))
            later, before = (row.claim_b, x) if y_date >= x_date else (row.claim_a, y)
            if any(early < first[v] < late for v in first) and not _names(later, before, row.topic):
                far.add(row.pk)
            continue
        # A disagreement (one day, undated, or two sources): figures near in value. Two
        # official counts are near when no other official count lies between them,
        # whatever estimates do: an analyst follows the official toll on its own.
        if x_basis == y_basis == "estimate" and row.different_sources:
            continue  # rival studies: each is set against each other, whatever lies between
        # between the two figures: above the lower one's range, below the higher one's
        # (a figure within "from 6 to 18" does not stand between it and 34)
        lower, higher = sorted([(x, x_span or (x, x)), (y, y_span or (y, y))])
        low, high = lower[1][1], higher[1][0]
        between = based.get(x_basis, set()) if x_basis and x_basis == y_basis else values
        # a restatement of either end ("nearly 3,000" beside 2,975) is not another figure
        # and a figure first reported after both ends stood nowhere when they disagreed
        # (12 against 27 on Monday, whatever Wednesday's 19 and 21)
        latest = max(x_date, y_date) if x_date and y_date else None
        known = {v for v in between if latest is None or v not in first or first[v] <= latest}
        others = {rounded(v) for v in known if low < v < high} - {rounded(low), rounded(high)}
        dropped = _lower_later(row.topic, (x, x_date), (y, y_date), first)
        if dropped == "next":
            continue
        if len(others) > (0 if dropped else BETWEEN):
            far.add(row.pk)
    return far


def _lower_later(topic: str, one: tuple[float, Any], other: tuple[float, Any], first: dict) -> str:
    """Whether a count that only grows was reported lower later: "next" when by the next
    report of it (220 dead on Monday, 171 on Tuesday, nothing first reported between),
    which disagrees with the one just before it however many figures lie between them
    in value; "later" when reports came between (a stale figure, or a claim about an
    earlier moment: set only against the figure nearest it); "" otherwise."""
    if topic not in ACCUMULATING or None in (one[1], other[1]) or one[1] == other[1]:
        return ""
    (early, before), (late, after) = sorted([(one[1], one[0]), (other[1], other[0])])
    if after >= before:
        return ""
    return "later" if any(early < first[v] < late for v in first) else "next"


def _names(later: Any, earlier: float, topic: str) -> bool:
    """Whether a later report names the earlier figure it updates: "388 names on the
    list, a sharp drop from earlier this week, when the number topped 1,000"."""
    return any(
        f.topic == topic and representative(f.quantity) == earlier for f in figures_of(later)
    )
