"""Comparing figures: may two figures be compared, and can both be true?

Two figures are compared only when both are wholes (``figures.Figure``) of the same kind
of thing for the same happening, by the same basis (an official count is not set
against an estimate); then each qualifier becomes a tolerance ("about 100" may be 80 to
120; "over 100" any number from 100 up), and they conflict when those intervals do not
meet. A figure's reported fact is what it counts and its value to two significant
digits. Pure: no database.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .figures import Figure, describe
from .topics import ARMED, BROAD, GROUPS, RUNNING, SIDES, TOPIC_WORDS

# How loose an approximate figure is, either way, at most and at least: "about 100"
# allows 80 to 120, "about 13,000" less than half a thousand either way, then 5%.
ABOUT = 0.2
ABOUT_AT_LEAST = 0.05
# A ceiling that says the count may reach it ("as many as 50 died", "the toll could be
# as high as 50", "up to 50 feared dead") claims a figure near the top, not any number
# below: a count far under it disagrees. ("At most 50", "no more than 50" only cap it.)
_REACHING = re.compile(r"^\W*(?:as (?:high|many|much) as|up to)\b", re.IGNORECASE)


_AS_MANY_AS = re.compile(r"^\W*as (?:high|many|much) as\b", re.IGNORECASE)


def possible_count(q: dict, hedged: bool) -> bool:
    """A ceiling someone says the count may reach ("as many as 50 may have died", "up to
    50 feared dead"): a rival estimate of the toll, never a step of the count. ("Toll up
    to 30" in a headline, unhedged, is the count risen to 30.)"""
    if q.get("qualifier") != "at_most":
        return False
    text = q.get("text", "")
    return bool(_AS_MANY_AS.match(text) or (hedged and _REACHING.match(text)))


@dataclass(frozen=True)
class Comparison:
    topic: str
    conflict: bool
    reason: str


def interval(q: dict) -> tuple[float, float]:
    """The values a quantity allows, its qualifier taken into account."""
    low = q.get("low")
    high = q.get("high")
    kind = q.get("qualifier", "exact")
    if kind == "about" and low is not None and high is not None:
        # open at both ends: "about 300,000" does not reach the 250,000 of a range
        return (
            math.nextafter(low * (1 - looseness(low)), math.inf),
            math.nextafter(high * (1 + looseness(high)), -math.inf),
        )
    if kind in {"more_than", "at_least"} and low is not None:
        return low, math.inf
    if kind == "at_most" and high is not None and _REACHING.match(q.get("text", "")):
        return high * (1 - ABOUT), high
    if kind in {"less_than", "at_most"} and high is not None:
        return 0.0, high
    return (low if low is not None else 0.0), (high if high is not None else math.inf)


def looseness(value: float) -> float:
    """How far, as a share of it, an approximate figure reaches either way: half a step
    of its last significant digit ("about 13,000": 500, "about 300,000": 50,000), kept
    between ``ABOUT_AT_LEAST`` and ``ABOUT``: "about 100" is 80 to 120, "some 850" is
    not the 862 of a count."""
    if value <= 0 or value != int(value):
        return ABOUT
    step = 1
    while value % (step * 10) == 0:
        step *= 10
    return min(ABOUT, max(ABOUT_AT_LEAST, step / 2 / value))


FACT_DIGITS = 2  # significant digits two figures of one reported fact share


def fact_key(figure: Figure) -> str:
    """One reported fact of a figure: what it counts (people of any kind as one: two
    figures of a conflict are already known to count the same people), and its value
    to two significant digits. "3,870 deaths", "more than 3,860" and "some 3,900" in
    three outlets are one fact (one study's estimate, rounded by the reports); "about
    100" and "around 200" are two, and so are 41 and 43 (an official count, revised)."""
    kind = figure.counted
    if kind.split(":")[0] in BROAD:
        kind = "people"  # "100 dead", "over 100 fighters", "about 100 Russians": one fact
    return f"{figure.topic}|{kind}|{rounded(representative(figure.quantity)):g}"


def rounded(value: float, digits: int = FACT_DIGITS) -> float:
    """``value`` to ``digits`` significant digits (never past the units): 2,975 is
    3,000, 4,645 is 4,600, 78 stays 78."""
    if not value:
        return value
    places = digits - 1 - math.floor(math.log10(abs(value)))
    return round(value, min(places, 0))


def rounded_down(value: float, digits: int = FACT_DIGITS) -> float:
    """``value`` cut to ``digits`` significant digits: 2,207 is 2,200, 1,790 is 1,700."""
    if value <= 0:
        return value
    places = digits - 1 - math.floor(math.log10(value))
    if places >= 0:
        return value
    step = 10 ** (-places)
    return math.floor(value / step) * step


def comparable(a: Figure, b: Figure) -> bool:
    """Both wholes, of the same kind of thing, for the same happening, in one measure."""
    if not (a.whole and b.whole) or a.topic != b.topic:
        return False
    if a.basis and b.basis and a.basis != b.basis:
        return False  # an official count and an estimate of excess deaths
    if a.where and b.where and a.where != b.where:
        return False  # "30 killed in Haiti" and "42 across the Caribbean": two scopes
    if a.counted == b.counted:
        return True
    broad = {c.split(":")[0] for c in (a.counted, b.counted)}
    if broad == SIDES:
        return False  # "nine soldiers" and "60 militants" died on two sides
    if "civilians" in broad and broad & ARMED:
        return False  # "killed 12 civilians" and "killed 15 fighters": two counts
    return broad <= BROAD and not (a.counted != b.counted and broad == {"nationality"})


def _part_past_whole(a: Figure, b: Figure) -> bool:
    """One counts a group of people ("nine miners died"), the other all of them ("the
    toll rose to eight"), and the group is larger than the whole: they cannot both
    hold, though a group is otherwise no count of the whole."""
    if not (a.whole and b.whole) or a.topic != b.topic or (a.where and b.where != a.where):
        return False
    if a.basis and b.basis and a.basis != b.basis:
        return False
    return any(
        part.counted.split(":")[0] in GROUPS
        and whole.counted == "people"
        and interval(part.quantity)[0] > interval(whole.quantity)[1]
        for part, whole in ((a, b), (b, a))
    )


def compare(a: Figure, b: Figure) -> Comparison | None:
    """Two figures compared, or None when they do not count the same thing."""
    if not comparable(a, b):
        if _part_past_whole(a, b):
            assert a.topic is not None
            return Comparison(
                a.topic,
                True,
                f"{describe(a.quantity, a.topic)} versus {describe(b.quantity, b.topic)}",
            )
        return None
    assert a.topic is not None
    if a.negated != b.negated:  # one denies what the other gives: a conflict if they meet
        denied, given = (a, b) if a.negated else (b, a)
        low, high = interval({**denied.quantity, "qualifier": "about"})
        g_low, g_high = interval(given.quantity)
        if g_high < low or high < g_low:
            return None
        return Comparison(
            a.topic,
            True,
            f"{'disputes' if denied.disputed else 'denies that'} "
            f"{denied.quantity['text']} {TOPIC_WORDS.get(a.topic, '')}; "
            f"the other gives {describe(given.quantity, a.topic)}".replace("  ", " "),
        )
    if a.negated and b.negated:
        return None
    (a_low, a_high), (b_low, b_high) = interval(a.quantity), interval(b.quantity)
    if (a.local and not b.where and a_high < b_low) or (b.local and not a.where and b_high < a_low):
        return None  # "29 dead in Dalmar province" under "67 dead": a province's share
    conflict = a_high < b_low or b_high < a_low
    if a.topic in RUNNING and _floor(a) and _floor(b) and a_low != b_low:
        # "at least 99 dead" and "at least 114 dead" are two confirmed counts of one
        # toll, not two compatible bounds: the count moved, or the reports disagree.
        conflict = True
    conflict = conflict or excludes(a.quantity, b.quantity) or excludes(b.quantity, a.quantity)
    joiner = "versus" if conflict else "agrees with"
    return Comparison(
        a.topic,
        conflict,
        f"{describe(a.quantity, a.topic)} {joiner} {describe(b.quantity, b.topic)}",
    )


def excludes(bound: dict, exact: dict) -> bool:
    """A strict bound and the precise count it excludes: "deaths exceeded 64" says the
    count of 64 is too low, not that it is right. A round number is itself rounded:
    "more than 200 dead" and "killed 200" are one fact."""
    kind = bound.get("qualifier")
    value = bound.get("low") if kind == "more_than" else bound.get("high")
    return (
        kind in {"more_than", "less_than"}
        and exact.get("qualifier", "exact") == "exact"
        and exact.get("low") == exact.get("high") == value
        and value is not None
        and value % 10 != 0
    )


def _floor(figure: Figure) -> bool:
    """A count given as its confirmed floor: "at least 114", "more than 1,700"."""
    return figure.quantity.get("qualifier") in {"at_least", "more_than"}


def representative(q: dict) -> float:
    """One value to order figures by: the middle of a range, the bound of a bound."""
    low, high = q.get("low"), q.get("high")
    if low is None:
        return float(high or 0)
    if high is None:
        return float(low)
    return float(low + high) / 2
