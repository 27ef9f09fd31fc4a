"""Quantities: numbers in a Doc as intervals with their qualifier and unit.

"about 100" -> about [100, 100]; "over 100" -> more_than [100, None]; "200 to 300"
-> range [200, 300]; "hundreds" -> vague [100, 999]; "eight kilometers" -> exact 8,
unit "kilometer". Bounds are what the text states; how loose "about" is belongs to
whoever compares quantities.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .not_amounts import TIME_UNITS, is_name_or_date, no_one
from .numbers import (
    AFTER_QUALIFIERS,
    FRACTIONS,
    MULTIPLIERS,
    QUALIFIER_PHRASES,
    RANGE_WORDS,
    VAGUE,
    number_phrase,
    parse_number,
    tidy,
)

CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
PERCENT_WORDS = {"%", "percent", "per cent", "pct"}
_GLUED_RANGE = re.compile(r"^(\d[\d,.]*)[–—~-](\d[\d,.]*)$")
# "3,140 last month", "12 this week": a time phrase after a number is not what it counts
# (its units: ``not_amounts.TIME_UNITS``).
TIME_WORDS = set("last next this past previous coming same".split())
# Verbs after which "from X to Y" says a count changed: two figures, not a range.
CHANGE_VERBS = set(
    "raise rise increase climb jump grow revise lower drop fall decline go push bring "
    "reduce cut soar surge swell double triple update adjust change".split()
)
BELOW = {"less_than", "at_most"}
ABOVE = {"more_than", "at_least"}
_CONNECTOR = re.compile(r"^\s*(?:,|and|but|,\s*and|,\s*but)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    text: str
    start: int
    end: int
    low: int | float | None
    high: int | float | None
    qualifier: str
    unit: str | None
    # Whether a bound is excluded: "more than 20" (20,); "between 20 and 30" [20,30].
    low_open: bool = False
    high_open: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)


@Language.factory(
    "newsdesk_quantities",
    requires=["token.pos", "token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.quantities"],
)
def make_quantity_finder(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder()


class QuantityFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = find_quantities(doc)
        return doc


def _may_start_a_number(token: Token) -> bool:
    """A cheap first look, so that most tokens cost one check."""
    low = token.lower_
    return (
        token.like_num
        or low in VAGUE
        or low in FRACTIONS
        or low in {"a", "negative", "minus"}
        or low in SOME
        or (token.text[:1].isdigit())
    )


# "several hundred", "a few dozen": a vague count of that scale.
SOME = {"several": (3, 9), "few": (2, 5)}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000}


def _some(doc: Doc, i: int) -> tuple[float, float] | None:
    word = doc[i].lower_
    if word not in SOME or i + 1 >= len(doc) or doc[i + 1].lower_ not in _SCALES:
        return None
    scale = _SCALES[doc[i + 1].lower_]
    return SOME[word][0] * scale, SOME[word][1] * scale


def _number_at(doc: Doc, index: int, *, bounded: bool = False) -> tuple[float, int] | None:
    """The number that starts at token ``index`` and the index of its last token.
    A bare "half" or "quarter" counts only after a bound ("more than half")."""
    token = doc[index]
    low = token.lower_
    half_a = low == "half" and [t.lower_ for t in doc[index + 1 : index + 2]] == ["a"]
    if low in FRACTIONS and not bounded and not half_a:  # but "half a million"
        return None
    if not (
        token.like_num
        or parse_number(token.text) is not None
        or low in {"a", "negative", "minus"}
        or low in FRACTIONS
    ):
        return None
    window = doc[index : index + 12]
    words = [t.lower_ for t in window]
    glued = [t.whitespace_ == "" for t in window]
    found = number_phrase(words, glued)
    if found is None:
        return None
    value, taken = found
    return value, index + taken - 1


def _qualifier_before(doc: Doc, first: int) -> tuple[str | None, int]:
    tokens = [t for t in doc[max(0, first - 8) : first] if not t.is_space][-6:]
    words = [t.lower_ for t in tokens]
    for phrase, name in QUALIFIER_PHRASES:
        if len(phrase) <= len(words) and words[len(words) - len(phrase) :] == phrase:
            return name, tokens[len(words) - len(phrase)].i
    return None, first


def _qualifier_after(doc: Doc, last: int) -> tuple[str | None, int]:
    """ "500 or more", "5000 or equal (to)": a bound said after the number, unless the
    words go on to another number ("200 or greater than 190")."""
    words = [t.lower_ for t in doc[last + 1 : last + 5]]
    for phrase, name in AFTER_QUALIFIERS:
        if words[: len(phrase)] == phrase:
            end = last + len(phrase)
            nxt = end + 1
            if nxt < len(doc) and doc[nxt].lower_ in {"than", "to"}:
                nxt += 1  # "or less than 6000": the bound of the next number
            if nxt < len(doc) and _number_at(doc, nxt, bounded=True) is not None:
                return None, last
            return name, end
    return None, last


# Units written short that the model does not read as nouns.
ABBREVIATED = {"ha": "hectare", "km": "kilometre", "km2": "square kilometre", "kg": "kilogram"}


def _word(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_


def _unit(doc: Doc, first: int, last: int) -> tuple[str | None, Token | None]:
    """The unit or counted thing, and the token that says it."""
    following = doc[last + 1] if last + 1 < len(doc) else None
    if following is not None and following.lower_ in PERCENT_WORDS:
        return "percent", following
    if first > 0 and doc[first - 1].text in CURRENCIES:
        return CURRENCIES[doc[first - 1].text], None
    if following is not None and following.lower_ in ABBREVIATED:
        return ABBREVIATED[following.lower_], following  # "878 ha"
    for token in doc[first : last + 1]:
        head = token.head
        if token.dep_ in {"nummod", "quantmod"} and head.i > last and head.pos_ == "NOUN":
            if any(t.text == "(" for t in doc[last + 1 : head.i]):
                break  # "878 ha (2,170 acres)": the noun is the other figure's
            return _word(head), head
    index = last + 1
    if index < len(doc) and doc[index].lower_ == "of":
        index += 1
    if index < len(doc) and doc[index].pos_ == "DET":
        index += 1
    for token in doc[index : index + 4]:
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.lower_ in TIME_WORDS and nxt is not None and nxt.lemma_.lower() in TIME_UNITS:
            return None, None  # "3,140 last month": the noun belongs to a time phrase
        if token.pos_ == "NOUN":
            return _word(token), token
        if token.pos_ not in {"ADJ", "VERB", "PROPN"} or token.is_punct:
            return None, None
        if token.pos_ == "VERB" and token.tag_ != "VBN":
            return None, None
        if nxt is None or nxt.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return _word(token), token
    return None, None


def _range_end(doc: Doc, last: int, opened_by: str | None) -> tuple[float, int] | None:
    """The upper number of "200 to 300", "300 – 500", "between 2 and 3", "from 1 to 9"."""
    sep = last + 1
    if sep + 1 >= len(doc):
        return None
    word = doc[sep].lower_
    if word not in RANGE_WORDS and not (word == "and" and opened_by == "between"):
        return None
    if word == "to" and opened_by in ABOVE | BELOW:
        return None  # "up to 5 to ..." reads on as a new number
    upper = sep + 1
    if doc[upper].text in CURRENCIES and upper + 1 < len(doc):
        upper += 1  # "between $3.8 billion and $4.6 billion"
    if is_name_or_date(doc[upper]) or doc[upper].lower_ in VAGUE:
        return None
    return _number_at(doc, upper)


def _follows_a_change(doc: Doc, at: int) -> bool:
    """Whether the word at ``at`` ("from") follows a verb of change: within a few words,
    or as the verb the phrase hangs on however far ("raised the territory's official
    death toll from Hurricane Lila from 57 to 3,140")."""
    if any(token.lemma_.lower() in CHANGE_VERBS for token in doc[max(0, at - 8) : at]):
        return True
    head = doc[at].head
    for _ in range(2):
        if head.lemma_.lower() in CHANGE_VERBS:
            return True
        head = head.head
    return False


def find_quantities(doc: Doc | Span) -> list[Quantity]:
    doc = doc if isinstance(doc, Doc) else doc.as_doc()
    text = doc.text
    found: list[Quantity] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _may_start_a_number(token) or is_name_or_date(token) or no_one(token):
            i += 1
            continue
        qualifier, text_start = _qualifier_before(doc, i)
        glued_range = _GLUED_RANGE.match(token.text)
        if glued_range:  # "1000–5000", "20~100" as one token
            low, high = (parse_number(part) for part in glued_range.groups())
            if low is not None and high is not None and low < high:
                found.append(
                    Quantity(
                        token.text,
                        token.idx,
                        token.idx + len(token.text),
                        tidy(low),
                        tidy(high),
                        "range",
                        _unit(doc, i, i)[0],
                    )
                )
                i += 1
                continue
        some = _some(doc, i)
        vague: tuple[float, float] | None = some
        if token.pos_ in {"NOUN", "NUM", "PROPN"} and token.lower_ in VAGUE:
            vague = VAGUE[token.lower_]
        number = None if vague else _number_at(doc, i, bounded=qualifier is not None)
        if vague is None and number is None:
            i += 1
            continue
        first = i
        low_open = high_open = False
        if vague is not None:
            low, high = vague
            last = i + 1 if some else i  # "several hundred": both words
            if some and text_start == i and i > 0 and doc[i - 1].lower_ == "a":
                text_start = i - 1  # "a few dozen"
            qualifier = "vague"
            if last + 2 < len(doc) and doc[last + 1].lower_ == "of":
                scale = VAGUE.get(doc[last + 2].lower_, (MULTIPLIERS.get(doc[last + 2].lower_),))[0]
                if scale:  # "tens of thousands"
                    low, high, last = low * scale, high * scale, last + 2
        else:
            assert number is not None
            value, last = number
            low = high = value
            own_multiplier = doc[last].lower_ in MULTIPLIERS
            # the word before the number, or before its currency sign ("between $3.8")
            opener = first - 2 if first > 1 and doc[first - 1].text in CURRENCIES else first - 1
            before = doc[opener].lower_ if opener >= 0 else ""
            opened_by = "between" if before == "between" else qualifier
            # "raised the toll from 57 to 3,140" is a change, two figures, not a range
            change = before == "from" and _follows_a_change(doc, opener)
            upper = None if change else _range_end(doc, last, opened_by)
            if upper is not None and upper[0] >= value:
                high, last = upper
                if high >= 1000 > low and doc[last].lower_ in MULTIPLIERS and not own_multiplier:
                    low *= MULTIPLIERS[doc[last].lower_]  # "2 to 3 million"
                qualifier = "range"
                if before in {"between", "from"}:
                    text_start = opener
            else:
                after, last = _qualifier_after(doc, last)
                if after == "or_equal":
                    qualifier = {"more_than": "at_least", "less_than": "at_most"}.get(
                        qualifier or "", qualifier
                    )
                elif after is not None:
                    qualifier = after
                if qualifier in ABOVE:
                    high = None
                elif qualifier in BELOW:
                    low = None
            low_open, high_open = qualifier == "more_than", qualifier == "less_than"
        unit, unit_token = _unit(doc, first, last)
        if unit_token is not None and unit_token.i == last + 1:
            last += 1  # "eight kilometers", "5%": the unit belongs to the quantity's text
        start_char = doc[text_start].idx
        end_char = doc[last].idx + len(doc[last].text)
        found.append(
            Quantity(
                text=text[start_char:end_char],
                start=start_char,
                end=end_char,
                low=tidy(low),
                high=tidy(high),
                qualifier=qualifier or "exact",
                unit=unit,
                low_open=low_open,
                high_open=high_open,
            )
        )
        i = last + 1
    return _two_sided(found, text)


def _two_sided(found: list[Quantity], text: str) -> list[Quantity]:
    """ "more than 10 and less than 20" is one interval (10,20), "at most 100 and at
    least 20" [20,100]; two bounds that leave nothing between them stay apart."""
    merged: list[Quantity] = []
    for q in found:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and {previous.qualifier, q.qualifier} & ABOVE
            and {previous.qualifier, q.qualifier} & BELOW
            and previous.qualifier != q.qualifier
            and _CONNECTOR.match(text[previous.end : q.start])
        ):
            low, high = (previous, q) if previous.qualifier in ABOVE else (q, previous)
            if low.low is not None and high.high is not None and low.low < high.high:
                merged[-1] = Quantity(
                    text=text[previous.start : q.end],
                    start=previous.start,
                    end=q.end,
                    low=low.low,
                    high=high.high,
                    qualifier="range",
                    unit=previous.unit or q.unit,
                    low_open=low.qualifier == "more_than",
                    high_open=high.qualifier == "less_than",
                )
                continue
        merged.append(q)
    return merged


def interval_notation(q: Quantity) -> str:
    """The quantity as an interval with its open sides: "(30,)", "[20,30]", "(,700]"."""

    def bound(value: int | float | None) -> str:
        return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    low = "" if q.low is None else ("(" if q.low_open else "[") + bound(q.low)
    high = "" if q.high is None else bound(q.high) + (")" if q.high_open else "]")
    return f"{low or '('},{high or ')'}"
