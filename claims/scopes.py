"""Where a figure is counted: the places its clause names ("killed 30 in Haiti",
"42 across the Caribbean"). A toll of one place is no toll of another. Pure."""

from __future__ import annotations

import re

from .entities import entity_key
from .incident_words import kind_of

SCOPE_REACH = 35  # characters between a figure and the place it is counted in, at most
_SCOPE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
_OPENING_SCOPE = re.compile(r"\s*(?:in|across|throughout)\s+(?:the\s+)?", re.IGNORECASE)
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
    return frozenset(places)
