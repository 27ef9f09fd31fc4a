"""How a figure was arrived at, when the words say: an official (or confirmed) count,
an estimate (excess deaths, a study's projection), or an outbreak's suspected cases.
``figures`` reads it for each figure; two figures of different bases are never set
against each other. Also here: a figure the claim cites as another's, to set its own
against. Pure: no database.
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


# An outbreak's suspected cases (or deaths) are a count of their own beside confirmed ones.
_SUSPECTED = re.compile(r"\b(?:suspected|probable|presumed|presumptive)\b", re.IGNORECASE)


# "the official death toll of 64", "the government's official count eventually swelled
# to 64", "official estimates of 64": the figure is the value of an official count,
# whatever the rest of the sentence says of it.
_OFFICIAL_COUNT = re.compile(
    r"\bofficial(?:ly)?\s+(?:[^\W\d]+\s+){0,2}(?:toll|count|tally|figures?|numbers?|"
    r"estimates?|total)\b[^\d.;:]*$",
    re.IGNORECASE,
)

_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+)?[\d,.]+\s+to\s+$", re.IGNORECASE)


def basis_of(before: str, clause: str, sentence_before: str = "", speaker: str = "") -> str | None:
    """The basis the words nearest the figure give, before it or in its clause after:
    "a study estimated 4,645" is an estimate; the value of an official count ("the
    official toll of 64 was far too low, a study found") is an official count. Failing
    those, the claim's source: "..., according to a new study" is the study's estimate."""
    # "raised the official toll from 64 to 2,975": 2,975 is the official count now
    if _OFFICIAL_COUNT.search(_FROM_TO.sub("", sentence_before or before)):
        return "official"
    nearest: tuple[int, str] | None = None
    for basis, pattern in (
        ("estimate", _ESTIMATE),
        ("official", _OFFICIAL),
        ("suspected", _SUSPECTED),
    ):
        hits = [len(before) - m.end() for m in pattern.finditer(before)]
        hits += [m.start() for m in pattern.finditer(clause)]
        if hits and (nearest is None or min(hits) < nearest[0]):
            nearest = (min(hits), basis)
    if nearest is None and _ESTIMATE.search(speaker):
        return "estimate"
    return nearest[1] if nearest else None


# A survey's own counts ("15 deaths identified from a survey of 3,299 households", "of
# the 3,299 households selected for the survey, 38 reported deaths") are counts within
# its sample: set against other samples' counts, never against a toll. A figure larger
# than the sample, or one the words say was drawn from it ("extrapolated ... 4,645
# deaths across the island"), is the study's estimate for everyone.
_SURVEYED = re.compile(
    r"\b(?:survey(?:s|ed)?|sampled?|polled|interviewed|questioned|selected)\b", re.IGNORECASE
)
_SAMPLE_UNITS = frozenset(
    "household households home homes respondent respondents family families people "
    "resident residents adult adults person persons".split()
)
_DRAWN = re.compile(
    r"\bextrapolat\w*|\bproject\w*|\bestimat\w*|\bconclud\w*|\bscal\w+ up\b|\bacross\b|"
    r"\bnationwide\b|\bin all\b|\bin total\b|\boverall\b",
    re.IGNORECASE,
)
SAMPLE_REACH = 80  # characters between a sample's size and a survey word


def sample_size(
    text: str, quantities: list[tuple[dict, int, int]]
) -> tuple[int, int, float] | None:
    """Where a claim states a survey's sample ("a survey of 3,299 households", "3,299
    households selected"): its start and end in ``text`` and its size, or None.
    ``quantities``: each quantity with its start and end in ``text``."""
    for q, start, end in quantities:
        unit = (q.get("unit") or "").lower()
        size = q.get("low")
        if unit not in _SAMPLE_UNITS or size is None or q.get("qualifier") not in {None, "exact"}:
            continue
        near = text[max(0, start - SAMPLE_REACH // 2) : end + SAMPLE_REACH]
        if _SURVEYED.search(near):
            return start, end, float(size)
    return None


def in_sample(
    text: str, start: int, end: int, value: float | None, sample: tuple[int, int, float]
) -> bool:
    """Whether the figure at ``start``-``end`` is a count within the stated sample."""
    s_start, s_end, size = sample
    if value is None or value >= size or (start, end) == (s_start, s_end):
        return False
    between = text[min(end, s_end) : max(start, s_start)]
    return not _DRAWN.search(between)


# Another's figure set against the claim's own: "well above the government's count of",
# "more than the official figure of", "higher than the official" (but "the official toll
# of 41 was underestimated" states the official count).
_CITED = re.compile(
    r"\b(?:than|above|below|beyond|against|contrary to)\s+(?:the\s+)?"
    r"(?:(?:official|government'?s?|authorities'?|ministry'?s?|police'?s?|[A-Z]\w+'s)"
    r"\s+(?:own\s+|official\s+)?(?:count|figure|toll|tally|estimate|number)\s+of\s+|"
    # "much higher than the official 1,602"
    r"(?:official|government'?s?|authorities'?)\s+(?:\w+\s+)?)$",
)


def cited_as_anothers(before: str) -> bool:
    """The figure is another's that the claim sets its own against (``before``: the
    text right before it)."""
    return bool(_CITED.search(before))
