"""Which of several counts that share their words a figure gives, read from the words
around it: the displaced, those ordered to leave or those in shelters; buildings
destroyed or only damaged; a day's or a place's share of a running count; a forecast;
a toll that counts its perpetrators; how many live in a place; what a mass is of. Pure
functions over a claim's text (offsets into it): ``claims.figures`` calls them for each
figure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .nlp.numbers import WORD_VALUES

_WINDOW = re.compile(
    r"\b(?:in the (?:past|last|previous) (?:\w+ )?(?:hours?|days?|night|week)|overnight|"
    r"alone|in a single day|within 24 hours)\b",
    re.IGNORECASE,
)
_TOTAL_AFTER_WINDOW = re.compile(
    r"\b(?:bringing|brought|raising|raised|rose|risen|total|toll)\b", re.IGNORECASE
)
# Told to leave is not gone: "evacuation orders for 10,000 residents", "30,000 were
# ordered to evacuate"; and those in shelters are some of those who left.
_ORDERED = re.compile(
    r"\b(?:orders?|ordered|warnings?|told|urged|advised)\b(?:\s+\w+){0,3}\s*$|"
    r"^\s*(?:\w+\s+){0,3}?(?:(?:were|was|have been|had been|are)\s+)?"
    r"(?:ordered|told|urged|advised)\s+to\b|^\s*(?:\w+\s+){0,2}?under\s+evacuation\b",
    re.IGNORECASE,
)
_SHELTERED = re.compile(
    r"^\s*(?:\w+\s+){0,4}?in\s+(?:\w+\s+)?(?:shelters?|(?:evacuation|relief|displacement)\s+"
    r"(?:centres?|centers?|camps?|sites?))\b|"
    r"^\s*(?:\w+\s+){0,4}?in\s+(?:relief|refugee|tent)\s+camps?\b",
    re.IGNORECASE,
)


_BUILDING_VERB = re.compile(
    r"\b(?:(?P<damage>damag\w*)|destroy\w*|razed|flatten\w*|collaps\w*|burn\w*|levell?ed)\b"
    r"(?P<joined>\s+(?:or|and)\s+(?:damag|destroy)\w*)?",
    re.IGNORECASE,
)


def only_damaged(text: str, start: int, end: int) -> bool:
    """Whether the buildings a figure counts were damaged, not destroyed: the building
    word nearest it is a damage one, not joined to a destroying one ("another 3,000
    damaged", but "damaged or destroyed 4,000 homes" is both)."""
    window_start = max(0, start - 40)
    verbs = list(_BUILDING_VERB.finditer(text, window_start, end + 40))
    if not verbs:
        return False
    nearest = min(verbs, key=lambda m: min(abs(m.start() - end), abs(start - m.end())))
    return (
        bool(nearest["damage"])
        and not nearest["joined"]
        and not _JOINED_BEFORE.search(text[max(0, nearest.start() - 20) : nearest.start()])
    )


_JOINED_BEFORE = re.compile(r"\b(?:destroy\w*)\s+(?:or|and)\s+$", re.IGNORECASE)
_LEAVING = re.compile(r"\b(?:evacuat\w*|leave|flee)\b", re.IGNORECASE)


def how_displaced(text: str, start: int, end: int, topic: str | None) -> str | None:
    """Which count of people moved from their homes a figure gives: the displaced,
    those ordered to leave, or those in shelters (three counts, never compared)."""
    before, after = text[max(0, start - 40) : start], text[end : end + 50]
    if _ORDERED.search(before) or _ORDERED.match(after):
        return "ordered to leave"  # "30,000 residents were ordered to leave their homes"
    if _SHELTERED.match(after):
        return "in shelters"
    return topic


def sheltered(text: str, end: int) -> bool:
    """ "35,000 are staying in relief camps": those in shelters, whatever verb says it."""
    return bool(_SHELTERED.match(text[end : end + 50]))


_FORECAST = re.compile(
    r"\b(?:expected|likely|set|projected|forecast|predicted|could|may|might|will|would)\s+"
    r"(?:to\s+)?(?:(?!have\b|has\b|had\b|been\b)[^\W\d]+\s+)?(?:rise|rising|climb|reach|top|exceed|increase|hit|surpass|"
    r"grow|double)\w*(?:\s+(?:to|above|past|beyond))?\s*$",
    re.IGNORECASE,
)


# A toll that counts those who did it: "seven dead, including the gunman", "12 people,
# among them two attackers" (not "not counting the gunman").
_WITH_PERPETRATORS = re.compile(
    r"^[\s,]*(?:[^\W\d]+[\s,]+){0,5}?(?:including|among them)\s+"
    r"(?:(?P<many>the|a|an|one|two|three|four|five|\d+)\s+)?(?:[^\W\d]+\s+)?"
    r"(?P<who>gunm[ae]n|attackers?|bombers?|shooters?|assailants?|perpetrators?|hijackers?)\b",
    re.IGNORECASE,
)


def without_perpetrators(q: dict, perpetrators: re.Match) -> dict:
    """The toll of victims in a toll that counts its perpetrators too."""
    many = (perpetrators["many"] or "").lower()
    n = int(many) if many.isdigit() else WORD_VALUES.get(many, 1)
    among = f"{perpetrators['many'] or 'the'} {perpetrators['who']}".lower()
    low, high = q.get("low"), q.get("high")
    return {
        **q,
        "low": None if low is None else max(0, low - n),
        "high": None if high is None else max(0, high - n),
        "among": among,
    }


def leaving(after: str) -> bool:
    """Whether the words after a figure tell of leaving ("were ordered to leave")."""
    return bool(_LEAVING.search(after))


def share(before: str, clause_after: str) -> bool:
    """Whether a figure is a day's or a place's share of a running count: "in the past
    24 hours, 50 were killed", "80 died on Tuesday alone", "5,000 in the county alone";
    not the total such a share brings the toll to ("in the past day, bringing the toll
    to 1,250")."""
    window = _WINDOW.search(before)
    if window and _TOTAL_AFTER_WINDOW.search(before[window.end() :]):
        window = None
    return bool(window or _WINDOW.search(clause_after))


def forecast(before: str, quantity_text: str) -> bool:
    """Whether a figure is what a count is expected to become ("expected to rise to
    200", "could exceed 1,000"), the verb read in the quantity's own words too."""
    lead = re.match(r"^[^\W\d]+(?:\s+[^\W\d]+)*\s+", quantity_text)  # "exceed 1,000"
    return bool(_FORECAST.search(before + (lead[0] if lead else "")))


def perpetrators(after: str) -> re.Match | None:
    """ "..., including the gunman" right after a toll."""
    return _WITH_PERPETRATORS.match(after)


# "a town of 12,000 people", "a city of two million": how many live there, not a toll.
_SETTLEMENTS = frozenset(
    "town city village island country nation state region province district county "
    "community neighborhood neighbourhood suburb capital".split()
)


def population_of(q: dict, before: list[str], entities: Sequence[dict]) -> str:
    """What a population counts: the settlement it names ("population:town"), else the
    place named nearest before it ("population:maui"), so that two places' populations
    are never one figure: "a town of 12,000" is compared with another report of the
    town, not with "an island of 160,000"."""
    place = settlement(before)
    if not place:
        named = [
            e
            for e in entities
            if e.get("label") in {"GPE", "LOC"} and q["start"] - 80 <= e["end"] <= q["start"]
        ]
        place = max(named, key=lambda e: e["end"])["text"].lower() if named else ""
    return f"population:{place}"


# Words that end the name of a substance: "300 tons of fertiliser kept in a warehouse".
_AFTER_SUBSTANCE = frozenset(
    "that which who in at on from to by for with and or was were is are had has "
    "kept held found left made sold built".split()
)


def substance(words: list[str]) -> list[str]:
    """The one or two words after "of" that name what a mass is of."""
    if len(words) > 1 and (words[1] in _AFTER_SUBSTANCE or words[1].endswith(("ed", "ing"))):
        return words[:1]
    return words


def settlement(before: list[str]) -> str | None:
    """What a figure says lives somewhere: "town" for "a town of 12,000 people" or
    "the population of the town, 12,000", "" when no settlement is named ("its
    population of 12,000"); None when the figure is no population. ``before``: the
    words before the figure, nearest first."""
    if before[:1] == ["of"] and len(before) > 1 and before[1] in _SETTLEMENTS:
        return before[1]
    if "population" in before[:10] or "inhabitants" in before[:3]:
        return next((w for w in before[:10] if w in _SETTLEMENTS), "")
    return None


# "sent about 80 people to hospital", "40 were taken to hospital": the injured; "19 remain
# in hospital": those still there, a count of its own that falls as they go home.
_TO_HOSPITAL = re.compile(
    r"^(?:\s+[^\W\d]+){0,2}?\s+(?:(?:were|was|have been|had been|being)\s+)?"
    r"(?:taken|sent|admitted|rushed|brought|airlifted|flown)\s+(?:\w+\s+)?to\s+hospitals?\b|"
    r"^\s+to\s+(?:a\s+|the\s+)?hospitals?\b",
    re.IGNORECASE,
)
_IN_HOSPITAL = re.compile(
    r"^(?:\s+[^\W\d]+){0,2}?\s+(?:remain|remained|remains|are still|were still|are|were|is|"
    r"was)\s+(?:still\s+)?(?:being\s+treated\s+)?in\s+(?:a\s+|the\s+)?hospitals?\b",
    re.IGNORECASE,
)


def hospital(text: str, start: int, end: int) -> str | None:
    """The count a figure gives of people in hospital: the injured taken there, or
    those still in hospital; None when it says neither."""
    after = text[end : end + 60]
    if _IN_HOSPITAL.match(after):
        return "in hospital"
    if _TO_HOSPITAL.match(after):
        return "injured"
    return None
