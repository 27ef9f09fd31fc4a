"""Numbers written in digits or words, and the words that bound or qualify them.

Pure functions over lower-case words: ``number_phrase`` reads "forty-two", "one
hundred and seventy", "three thousand nine hundred and sixty five", "a thousand",
"1,200", "2.5", "1K", "1/2" and "a half" from a list of words; the phrase tables say
which words before or after a number make it a bound ("more than 30" is (30,), "no
less than 30" is [30,), "500 or less" is (,500]).
"""

from __future__ import annotations

import re

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES: dict[str, int] = {word: i for i, word in enumerate(_UNITS)}
WORD_VALUES.update({word: i * 10 for i, word in enumerate(_TENS) if word != "_"})
WORD_VALUES.update({"dozen": 12})
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
MULTIPLIERS.update({"trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000})
FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
# Suffixes glued to digits: "1K", "2.5m", "5bn".
_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}

# Plural words that stand for a number without giving it: (low, high) bounds.
VAGUE = {
    "tens": (20, 99),
    "dozens": (24, 144),
    "scores": (40, 199),
    "hundreds": (100, 999),
    "thousands": (1_000, 9_999),
    "millions": (1_000_000, 999_999_999),
}

# Words before a number that bound it or make it approximate: the qualifier each gives.
# more_than is (n,), at_least [n,), less_than (,n), at_most (,n], exact [n,n].
QUALIFIERS = {
    "more_than": [
        "more than",
        "over",
        "above",
        "in excess of",
        "upwards of",
        "upward of",
        "greater than",
        "larger than",
        "bigger than",
        "higher than",
        "exceed",
        "exceeds",
        "exceeded",
        "exceeding",
        "surpass",
        "surpasses",
        "surpassed",
        "surpassing",
        # a count that went beyond it: "the toll climbs past 100", "topped 1,000"
        "climb past",
        "climbs past",
        "rise past",
        "climbed past",
        "rises past",
        "rose past",
        "risen past",
        "went past",
        "gone past",
        "tops",
        "topped",
        "topping",
        "passed",
        ">",
    ],
    "at_least": [
        "at least",
        "no fewer than",
        "no less than",
        "not less than",
        "not fewer than",
        "a minimum of",
        "higher or equal than",
        "bigger or equal than",
        "greater or equal than",
        "larger or equal than",
        "more or equal than",
        "greater than or equal to",
        "more than or equal to",
        "equal to or more than",
        "equal to or greater than",
        "at least or equal to",
        ">=",
        "> =",
    ],
    "less_than": [
        "less than",
        "fewer than",
        "under",
        "below",
        "smaller than",
        "lower than",
        "<",
    ],
    "at_most": [
        "as high as",
        "as many as",
        "up to",
        "at most",
        "no more than",
        "not more than",
        "a maximum of",
        "less than or equal to",
        "fewer than or equal to",
        "less or equal than",
        "smaller or equal than",
        "lower or equal than",
        "equal to or less than",
        "equal to or fewer than",
        "<=",
        "< =",
    ],
    "exact": ["equal to", "equals", "equals to", "equaling to", "equalling to", "equaling", "="],
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
    ],
}
QUALIFIER_PHRASES = sorted(
    ((phrase.split(), name) for name, phrases in QUALIFIERS.items() for phrase in phrases),
    key=lambda item: -len(item[0]),
)
# Words after a number that make it a bound: "500 or more", "5000 or equal".
AFTER_QUALIFIERS = sorted(
    (
        (phrase.split(), name)
        for name, phrases in {
            "at_least": [
                "or more",
                "and more",
                "or greater",
                "or above",
                "or higher",
                "or over",
                "and above",
                "and over",
                "or more than",
                "or greater than",
            ],
            "at_most": ["or less", "or fewer", "or below", "or lower", "or under", "and under"],
            "or_equal": ["or equal", "or equal to"],
        }.items()
        for phrase in phrases
    ),
    key=lambda item: -len(item[0]),
)
RANGE_WORDS = {"to", "-", "–", "—", "~", "through", "thru"}

_DIGITS = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b)$")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")


def parse_number(text: str) -> float | None:
    """'1,200' -> 1200, '3.5' -> 3.5, '1K' -> 1000, '1/2' -> 0.5, 'eight' -> 8,
    'twenty-five' -> 25; else None."""
    lowered = text.lower().strip()
    if _DIGITS.match(lowered):
        return float(lowered.replace(",", ""))
    suffixed = _SUFFIXED.match(lowered)
    if suffixed:
        return float(suffixed.group(1)) * _SUFFIXES[suffixed.group(2)]
    fraction = _FRACTION.match(lowered)
    if fraction and int(fraction.group(2)):
        return int(fraction.group(1)) / int(fraction.group(2))
    if lowered in WORD_VALUES:
        return float(WORD_VALUES[lowered])
    if "-" in lowered:
        tens, _, unit = lowered.partition("-")
        if tens in WORD_VALUES and unit in WORD_VALUES and WORD_VALUES[unit] < 10:
            return float(WORD_VALUES[tens] + WORD_VALUES[unit])
    return None


def is_number_word(word: str) -> bool:
    return word in WORD_VALUES or word in MULTIPLIERS or parse_number(word) is not None


def number_phrase(words: list[str], glued: list[bool] | None = None) -> tuple[float, int] | None:
    """The number the words at the start of ``words`` spell, and how many words it
    takes: ["forty", "-", "two", "people"] -> (42, 3); ["one", "hundred", "and",
    "seventy"] -> (170, 4); ["2", "207"] (digit groups) -> (2207, 2); ["a", "thousand"]
    -> (1000, 2). ``glued[i]``: word i is written against word i + 1, with no space
    (a hyphen belongs to "forty-two" only when glued)."""
    glued = glued or [False] * len(words)
    if not words:
        return None
    negative = words[0] in {"negative", "minus"}
    i = 1 if negative else 0
    if i < len(words) and words[i] == "a" and i + 1 < len(words):
        following = words[i + 1]
        if following in MULTIPLIERS or following in FRACTIONS or following == "dozen":
            value = {**MULTIPLIERS, **FRACTIONS, "dozen": 12}[following]
            return (-value if negative else value), i + 2
    scales = {**MULTIPLIERS, "dozen": 12}
    if words[i : i + 2] == ["half", "a"] and i + 2 < len(words) and words[i + 2] in scales:
        return 0.5 * scales[words[i + 2]], i + 3  # "half a million", "half a dozen"
    if i < len(words) and words[i] in FRACTIONS and not negative and words[i] != "third":
        return FRACTIONS[words[i]], i + 1
    if words[i : i + 1] == ["one"] and i + 1 < len(words) and words[i + 1] in FRACTIONS:
        return FRACTIONS[words[i + 1]], i + 2  # "one quarter"
    first = parse_number(words[i]) if i < len(words) else None
    if first is None:
        return None
    if words[i][0].isdigit() or words[i][0] in "+-":
        value, i = first, i + 1
        # "2 207": groups of three digits written with a space between them
        while (
            i < len(words)
            and re.fullmatch(r"\d{3}", words[i])
            and re.fullmatch(r"\d{1,3}", words[i - 1])
            and value < 1000
            and not glued[i - 1]
        ):
            value, i = value * 1000 + float(words[i]), i + 1
        if i < len(words) and glued[i - 1] and words[i] in _SUFFIXES:
            value, i = value * _SUFFIXES[words[i]], i + 1  # "1K", split in two
        while i < len(words) and words[i] in MULTIPLIERS:
            value, i = value * MULTIPLIERS[words[i]], i + 1
        return (-value if negative else value), i
    return _word_number(words, glued, i, negative)


def _word_number(
    words: list[str], glued: list[bool], i: int, negative: bool
) -> tuple[float, int] | None:
    total = current = 0.0
    seen = False
    while i < len(words):
        word = words[i]
        if word == "-" and seen and i + 1 < len(words) and glued[i - 1] and glued[i]:
            i += 1  # "forty-two", as three words
            continue
        if word in WORD_VALUES and word != "dozen":
            current += WORD_VALUES[word]
        elif word == "dozen" and seen:
            current = (current or 1) * 12  # "two dozen"
        elif word in MULTIPLIERS and seen:
            if MULTIPLIERS[word] == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * MULTIPLIERS[word]
                current = 0
        elif word == "and" and seen and i + 1 < len(words) and words[i + 1] in WORD_VALUES:
            if not (total or current >= 100):
                break  # "three and four": two numbers, not one
        else:
            value = parse_number(word) if not seen else None
            if value is None:
                break
            current += value
        seen = True
        i += 1
    if not seen:
        return None
    value = total + current
    return (-value if negative else value), i


def tidy(value: float | None) -> int | float | None:
    """Whole numbers as int so that JSON reads 100, not 100.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)
