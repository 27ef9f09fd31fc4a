"""Where a figure is counted: the places its clause names ("killed 30 in Haiti",
"42 across the Caribbean"). A toll of one place is no toll of another. Pure."""

from __future__ import annotations

import re

from .entities import entity_key
from .incident_words import kind_of

SCOPE_REACH = 35  # characters between a figure and the place it is counted in, at most
# "in Haiti", "across the Caribbean", "in northern Syria"
_SCOPE = re.compile(
    r"\b(?:in|across|throughout)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$",
    re.IGNORECASE,
)
_OPENING_SCOPE = re.compile(r"\s*(?:in|across|throughout)\s+(?:the\s+)?", re.IGNORECASE)
# The scope of a figure counted over all an event's places at once.
COMBINED = "(all places)"
_COMBINED = re.compile(
    r"\b(?:combined|in (?:the|both) (?:two|three|four)? ?(?:countries|nations|states|provinces)|"
    r"in both countries|across both)\b",
    re.IGNORECASE,
)
# "Syria reported 1,602 deaths"
_REPORTS = re.compile(r"\s+(?:has\s+|had\s+)?(?:reported|recorded|registered|counted)\s+")
_IN_THE_COUNTRY = re.compile(
    r"^(?:\s+[^\W\d]+){0,4}?\s+(?:in|across)\s+(?:the|that)\s+(?:country|nation)\b",
    re.IGNORECASE,
)
_SCOPE_BOUNDARY = re.compile(
    r"[,;:()]|\s[-–—]\s|\b(?:and|but|while|as|after|before)\s+\w+\s+(?:said|says)\b"
)


def counted_in(
    text: str, start: int, end: int, offset: int, entities: list[dict]
) -> frozenset[str]:
    """The places a figure is counted in: places its clause names after "in", "across"
    or "throughout" ("at least 30 were killed in Haiti", "the toll in Haiti rose to 30",
    "42 people in Jamaica and Haiti")."""
    bounds = list(_SCOPE_BOUNDARY.finditer(text))
    low = max((m.end() for m in bounds if m.end() <= start), default=0)
    high = min((m.start() for m in bounds if m.start() >= end), default=len(text))
    places = set()
    previous = None
    for e in sorted(entities, key=lambda e: e["start"]):
        if e.get("label") not in {"GPE", "LOC"}:
            continue
        e_start, e_end = e["start"] - offset, e["end"] - offset
        if _OPENING_SCOPE.fullmatch(text[:e_start]) and e_start < start:
            # "In Dalmar, the worst-hit province, the toll reached 29": the whole claim
            places.add(entity_key(e["text"]))
            continue
        if not (low <= e_start and e_end <= high):
            continue
        if e_start - end > SCOPE_REACH or start - e_end > SCOPE_REACH:
            continue  # "... 64 was the deadliest disaster in U.S. history": not its scope
        lead_in = text[max(low, e_start - 30) : e_start]
        joined = previous is not None and re.fullmatch(
            r"\s*(?:and|or|,)\s*", text[previous:e_start]
        )
        scoped = _SCOPE.search(lead_in)
        said_before = lead_in[: scoped.start()].split() if scoped else []
        if said_before and kind_of(said_before[-1]):
            continue  # "after the wildfire in Lahaina": where the event was, not the count
        if scoped or joined:
            places.add(entity_key(e["text"]))
            previous = e_end
    if _COMBINED.search(text[low:high]):
        # "the combined toll", "killing 2,300 in the two countries": every place at once,
        # no toll of any one of them
        return frozenset({COMBINED})
    if not places:
        places |= _reporting_place(text, start, end, offset, entities)
    return frozenset(places)


def _reporting_place(
    text: str, start: int, end: int, offset: int, entities: list[dict]
) -> set[str]:
    """ "Syria reported 1,602 deaths", "Turkey's agency said 3,419 had died in the
    country": the place that reports the count, when it counts its own."""
    gpes = [e for e in entities if e.get("label") == "GPE" and e["end"] - offset <= start]
    if not gpes:
        return set()
    nearest = max(gpes, key=lambda e: e["end"])
    between = text[nearest["end"] - offset : start]
    if _REPORTS.fullmatch(between) or _IN_THE_COUNTRY.match(text[end : end + 40]):
        return {entity_key(nearest["text"])}
    return set()


# The parts a country is divided into.
_SUBDIVISION = re.compile(
    r"\b(?:provinces?|districts?|count(?:y|ies)|prefectures?|governorates?|municipalit(?:y|ies)|"
    r"parish(?:es)?|boroughs?|sub-?districts?|oblasts?|cantons?)\b",
    re.IGNORECASE,
)


def names_a_subdivision(text: str) -> bool:
    """The claim names a province, district or county: a place its figures may count a
    part of the event's area in ("31 died in Dalmar province")."""
    return bool(_SUBDIVISION.search(text))
