"""Datelines and time stamps: the place, agency or date a page prints before its story.

"BEIRUT—At least 22 people ...", "SAN JUAN, Puerto Rico (CNN) Officials ...",
"WASHINGTON – Social media ..." open a paragraph with where (and through whom) it was
filed; "Monday, 3 April 2023" or "Published: 08.30.20, 10:51" stand alone above it.
Neither is part of a claim. Pure functions over text: no spaCy, no database.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
_DAYS = "mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_CAPS_WORD = r"[A-Z][A-Z.'’-]+"
_NAME_WORD = r"[A-Z][\w.'’-]*"
_PLACE = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_DASH = r"\s*[—–]\s*|\s+-\s+|\s*--\s*"
# ", Aug. 5", ", March 14, 2025": the filing date wire copy puts after its place.
_FILED = rf"(?:,\s+(?i:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?)"
_AGENCY = r"(?:\s*\([A-Za-z][\w .]{0,20}\))"
# "BEIRUT—", "SAN JUAN, Puerto Rico —", "CNN —", "BEIRUT, Aug 5 (Reuters) -": a place
# (or agency) in capitals, its region, the date it was filed, the agency, a dash.
_CAPS_DATELINE = re.compile(
    rf"^{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}(?:,\s+{_PLACE}){{0,2}}?{_FILED}?"
    rf"{_AGENCY}?(?:{_DASH})(?=\S)"
)
# "San Juan, Puerto Rico (CNN)Puerto Rico is asking": a place with its region, the agency.
_AGENCY_DATELINE = re.compile(rf"^{_PLACE},\s+{_PLACE}{_AGENCY}(?:{_DASH}|\s*)(?=\S)")
_STAMP_WORDS = re.compile(
    rf"^(?:{_MONTHS}|{_DAYS}|published|updated|posted|modified|last|on|at|gmt|utc|"
    r"[ecmp][sd]t|am|pm|a\.m|p\.m|hrs|th|st|nd|rd)$"
)


# "Published on August 11, 2023 10:47PM EDT An aerial view shows ...": a time stamp
# glued to the paragraph it heads, up to its time of day or zone.
_STAMP_PREFIX = re.compile(
    rf"^(?:last\s+)?(?:published|updated|posted)(?:\s+on)?:?\s+"
    rf"(?:(?:(?:{_MONTHS}|{_DAYS})\.?,?|\d[\d./-]*,?|at)\s+){{0,6}}?"
    r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+(?:[ecmp][sd]?t|gmt|utc)\b)?\s*",
    re.IGNORECASE,
)


def dateline_length(paragraph: str) -> int:
    """How many characters at the start of ``paragraph`` are a dateline (0 if none)."""
    for pattern in (_CAPS_DATELINE, _AGENCY_DATELINE, _STAMP_PREFIX):
        found = pattern.match(paragraph)
        if found and len(paragraph) > found.end() + 20:
            return found.end()
    return 0


def is_time_stamp(text: str) -> bool:
    """True for a line that only says when: "Monday, 3 April 2023", "Updated 15:40 GMT"."""
    words = re.findall(r"[^\W\d_]+(?:\.[^\W\d_]+)*", text.lower())
    has_digits = any(ch.isdigit() for ch in text)
    return has_digits and all(_STAMP_WORDS.match(w) for w in words)


_MONTH_NUMBER = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_WORD = r"(?P<month>[a-z]{3,9})\.?"
_PRINTED = (
    # "August 11, 2023", "Aug. 11, 2023"
    re.compile(rf"\b{_MONTH_WORD}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    # "11 August 2023"
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH_WORD},?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    # "2023-08-11"
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
PRINTED_LINES = 4  # lines at the top of a page where its date may stand


def printed_date(body: str) -> dt.date | None:
    """The date a page prints at its top, on a line of its own or opening a paragraph
    ("Published on August 11, 2023 10:47PM EDT", "Monday, 3 April 2023"), for a page
    that came without one. Only dates with the month in words (or ISO): "09/12/2017"
    may be either of two days."""
    lines = [line.strip() for line in body.splitlines() if line.strip()][:PRINTED_LINES]
    for line in lines:
        stamp = line if is_time_stamp(line) else line[: _stamp_length(line)]
        if not stamp:
            continue
        for pattern in _PRINTED:
            found = pattern.search(stamp)
            if found is None:
                continue
            month = found["month"]
            number = int(month) if month.isdigit() else _MONTH_NUMBER.get(month.lower())
            try:
                return dt.date(int(found["year"]), number or 0, int(found["day"]))
            except ValueError:
                continue
    return None


def _stamp_length(line: str) -> int:
    found = _STAMP_PREFIX.match(line)
    return found.end() if found else 0
