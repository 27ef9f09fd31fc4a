"""Comparing figures: do two quantities about the same thing disagree?

Each quantity (see ``claims.nlp.quantities``) states bounds and a qualifier; here the
qualifier becomes a tolerance ("about 100" may be 80 to 120; "over 100" any number
from 100 up), and two figures conflict when those intervals do not meet. Figures are
only compared when they count the same kind of thing (a death toll with a death toll)
in the same measure (people with people, never percent with dollars).
Pure functions over the quantity dicts stored on claims: no database.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# How loose an approximate figure is, either way.
ABOUT = 0.2
# Words that say what a figure counts, by topic. Matched on word starts, lower case.
TOPICS = {
    "death toll": ("dead", "death", "die", "died", "kill", "fatalit", "bodies", "toll", "lives"),
    "injured": ("injur", "wound", "hurt", "casualt"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("evacuat", "displac", "homeless", "refugee", "fled", "shelter"),
    "attackers": ("fighter", "soldier", "troop", "mercenar", "contractor", "militant", "battalion"),
    "homes": ("home", "house", "building"),
}
# How a figure of each topic reads in a reason: "about 100 dead".
TOPIC_WORDS = {
    "death toll": "dead",
    "injured": "injured",
    "missing": "missing",
    "displaced": "displaced",
    "attackers": "attackers",
    "homes": "homes",
}
MEASURES = {
    "percent",
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "kilometer",
    "metre",
    "meter",
    "mile",
    "hour",
    "day",
    "minute",
    "week",
    "month",
    "year",
}
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[,;:.()\d]")


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
    if kind == "about":
        return low * (1 - ABOUT), high * (1 + ABOUT)
    if kind in {"more_than", "at_least"}:
        return low, math.inf
    if kind in {"less_than", "at_most"}:
        return 0.0, high
    return (low if low is not None else 0.0), (high if high is not None else math.inf)


def _topic_in(words: list[str], skip: tuple[str, ...] = ()) -> str | None:
    for word in words:
        for topic, starts in TOPICS.items():
            if topic not in skip and word.startswith(starts):
                return topic
    return None


def topic_of(q: dict, text: str, offset: int = 0) -> str | None:
    """What a figure counts: its unit if that says, else the nearest word around it.

    ``text`` is the claim's text and ``offset`` where it starts in the article, since
    quantity offsets are into the article.
    """
    if q.get("unit") in MEASURES:
        return None
    own = _topic_in([q["unit"]] if q.get("unit") else [])
    if own and own != "attackers":
        return own
    start, end = q["start"] - offset, q["end"] - offset
    before = [w.lower() for w in _WORD.findall(text[max(0, start - 80) : start])][::-1]
    # The words right after a figure ("100 were killed"), up to the next comma or
    # number, say most; then the words before it ("the death toll at about 100").
    after = [w.lower() for w in _WORD.findall(_CLAUSE_END.split(text[end : end + 40])[0])]
    # Soldiers or mercenaries who "died" are a death toll, not the size of a force.
    people = ("attackers",)
    nearest = _topic_in(after[:3], skip=people) or _topic_in(before[:8], skip=people)
    if nearest is None and own in (None, *people):
        nearest = _topic_in([w.lower() for w in _WORD.findall(text)], skip=(*people, "homes"))
    return nearest or own or _topic_in(before[:8])


def measure(q: dict) -> str:
    unit = q.get("unit")
    return unit if unit in MEASURES else "count"


def describe(q: dict, topic: str | None) -> str:
    """ "about 100 death toll", but "100 dead" as it is: its own words say what it counts."""
    said = _topic_in([w.lower() for w in _WORD.findall(q["text"])])
    return q["text"] if not topic or said == topic else f"{q['text']} {TOPIC_WORDS[topic]}"


def about_the_event(q: dict, claim) -> bool:
    """False for a figure in the attribution: "two Russians told Bloomberg"."""
    speaker = getattr(claim, "speaker", "") or ""
    return not (speaker and q["text"].split()[0] in speaker.split())


def compare(a: dict, claim_a, b: dict, claim_b) -> Comparison | None:
    """Two figures of two claims (anything with text, start and speaker) compared, or
    None when they do not count the same thing."""
    if not (about_the_event(a, claim_a) and about_the_event(b, claim_b)):
        return None
    topic = topic_of(a, claim_a.text, claim_a.start)
    if topic is None or topic != topic_of(b, claim_b.text, claim_b.start):
        return None
    if measure(a) != measure(b):
        return None
    if a.get("low") is None and a.get("high") is None:
        return None
    if b.get("low") is None and b.get("high") is None:
        return None
    (a_low, a_high), (b_low, b_high) = interval(a), interval(b)
    conflict = a_high < b_low or b_high < a_low
    joiner = "versus" if conflict else "agrees with"
    return Comparison(topic, conflict, f"{describe(a, topic)} {joiner} {describe(b, topic)}")
