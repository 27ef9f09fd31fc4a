"""Numbers written in digits or words, and the words that qualify them."""

from __future__ import annotations

import re

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {word: i for i, word in enumerate(_UNITS)}
WORD_VALUES.update({word: i * 10 for i, word in enumerate(_TENS) if word != "_"})
WORD_VALUES.update({"a dozen": 12, "dozen": 12})
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Plural words that stand for a number without giving it: (low, high) bounds.
VAGUE = {
    "tens": (20, 99),
    "dozens": (24, 144),
    "scores": (40, 199),
    "hundreds": (100, 999),
    "thousands": (1_000, 9_999),
    "millions": (1_000_000, 999_999_999),
}

# Qualifier phrases that come before a number, longest first when matched.
QUALIFIERS = {
    "more_than": ["more than", "over", "above", "in excess of", "upwards of", "greater than"],
    "at_least": ["at least", "no fewer than", "no less than", "a minimum of"],
    "less_than": ["less than", "fewer than", "under", "below"],
    "at_most": ["as high as", "as many as", "up to", "at most", "no more than", "a maximum of"],
    "about": [
        "about",
        "around",
        "approximately",
        "roughly",
        "some",
        "nearly",
        "almost",
        "an estimated",
        "estimated",
        "close to",
        "circa",
        "approx.",
        "approx",
        "ca.",
        "an approximate",
        "upward of",
    ],
}
QUALIFIER_PHRASES = sorted(
    ((phrase.split(), name) for name, phrases in QUALIFIERS.items() for phrase in phrases),
    key=lambda item: -len(item[0]),
)

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


def parse_number(text: str) -> float | None:
    """'1,200' -> 1200, '3.5' -> 3.5, 'eight' -> 8, 'twenty-five' -> 25; else None."""
    lowered = text.lower().strip()
    if _DIGITS.match(lowered):
        return float(lowered.replace(",", ""))
    if lowered in WORD_VALUES:
        return float(WORD_VALUES[lowered])
    if "-" in lowered:
        tens, _, unit = lowered.partition("-")
        if tens in WORD_VALUES and unit in WORD_VALUES and WORD_VALUES[unit] < 10:
            return float(WORD_VALUES[tens] + WORD_VALUES[unit])
    return None


def tidy(value: float | None) -> int | float | None:
    """Whole numbers as int so that JSON reads 100, not 100.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)
