"""How a figure was arrived at, when the words say: an official count, or an estimate
(excess deaths, a study's projection). ``figures`` reads it for each figure; the two
are never set against each other. Pure: no database.
"""

from __future__ import annotations

import re

_OFFICIAL = re.compile(r"\bofficial(?:ly)?\b|\bconfirmed\b|\bcertified\b", re.IGNORECASE)
_ESTIMATE = re.compile(
    r"\bexcess\b|\bestimat\w*\b(?!\s*\d)|\bprojected\b|\bstud(?:y|ies)\b|\bsurvey\w*\b|"
    r"\bmodel\w*\b|\banaly[sz]\w*\b|\bresearchers?\b|\bcalculat\w*\b|\bextrapolat\w*\b|"
    r"\bmore deaths than\b|\bunderestimat\w*\b|\bthan (?:usual|expected|normal|average)\b",
    re.IGNORECASE,
)


# "the official death toll of 64", "the government's official count eventually swelled
# to 64", "official estimates of 64": the figure is the value of an official count,
# whatever the rest of the sentence says of it.
_OFFICIAL_COUNT = re.compile(
    r"\bofficial(?:ly)?\s+(?:[^\W\d]+\s+){0,2}(?:toll|count|tally|figures?|numbers?|"
    r"estimates?|total)\b[^\d.;:]*$",
    re.IGNORECASE,
)

_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+)?[\d,.]+\s+to\s+$", re.IGNORECASE)


def basis_of(before: str, clause: str, sentence_before: str = "") -> str | None:
    """The basis the words nearest the figure give, before it or in its clause after:
    "a study estimated 4,645" is an estimate; the value of an official count ("the
    official toll of 64 was far too low, a study found") is an official count."""
    # "raised the official toll from 64 to 2,975": 2,975 is the official count now
    if _OFFICIAL_COUNT.search(_FROM_TO.sub("", sentence_before or before)):
        return "official"
    nearest: tuple[int, str] | None = None
    for basis, pattern in (("estimate", _ESTIMATE), ("official", _OFFICIAL)):
        hits = [len(before) - m.end() for m in pattern.finditer(before)]
        hits += [m.start() for m in pattern.finditer(clause)]
        if hits and (nearest is None or min(hits) < nearest[0]):
            nearest = (min(hits), basis)
    return nearest[1] if nearest else None
