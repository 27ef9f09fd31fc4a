"""Quantities: numbers in a Doc as intervals with their qualifier and unit.

"about 100" -> about [100, 100]; "over 100" -> more_than [100, None]; "200 to 300"
-> range [200, 300]; "hundreds" -> vague [100, 999]; "eight kilometers" -> exact 8,
unit "kilometer". Bounds are what the text states; how loose "about" is belongs to
whoever compares quantities.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .numbers import MULTIPLIERS, QUALIFIER_PHRASES, VAGUE, parse_number, tidy

RANGE_SEPARATORS = {"to", "-", "–", "—", "and"}
CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
PERCENT_WORDS = {"%", "percent", "per cent", "pct"}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}
# Numbers inside these entities are names or dates, not amounts ("F-15", "Feb. 7").
NAME_LABELS = {"DATE", "TIME", "ORDINAL", "PRODUCT", "ORG", "FAC", "LAW", "WORK_OF_ART", "EVENT"}


@dataclass(frozen=True)
class Quantity:
    text: str
    start: int
    end: int
    low: int | float | None
    high: int | float | None
    qualifier: str
    unit: str | None

    def as_dict(self) -> dict:
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


def _value(token: Token) -> tuple[float | None, tuple[int, int] | None]:
    """(number, None) for a number token, (None, bounds) for a vague one, else Nones."""
    if token.lower_ in VAGUE:
        return None, VAGUE[token.lower_]
    if token.like_num and (token.is_digit or token.pos_ == "NUM" or token.text[0].isdigit()):
        return parse_number(token.text), None
    return None, None


def _is_name_or_date(token: Token) -> bool:
    if token.ent_type_ in {"DATE", "TIME"}:
        # "three hours", "four days": durations are quantities even when tagged as time.
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is None or following.lemma_.lower() not in TIME_UNITS
    if token.ent_type_ in NAME_LABELS:
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and before.text in {"#", "No.", "no."}


def _with_multipliers(doc: Doc, index: int, value: float) -> tuple[float, int]:
    """Apply "hundred", "million" ... after a number; return value and last index."""
    while index + 1 < len(doc) and doc[index + 1].lower_ in MULTIPLIERS:
        index += 1
        value *= MULTIPLIERS[doc[index].lower_]
    return value, index


def _qualifier_before(doc: Doc, first: int) -> tuple[str | None, int]:
    words = [t.lower_ for t in doc[max(0, first - 4) : first]]
    for phrase, name in QUALIFIER_PHRASES:
        if len(phrase) <= len(words) and words[len(words) - len(phrase) :] == phrase:
            return name, first - len(phrase)
    return None, first


def _word(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_


def _unit(doc: Doc, first: int, last: int) -> tuple[str | None, Token | None]:
    """The unit or counted thing, and the token that says it."""
    following = doc[last + 1] if last + 1 < len(doc) else None
    if following is not None and following.lower_ in PERCENT_WORDS:
        return "percent", following
    if first > 0 and doc[first - 1].text in CURRENCIES:
        return CURRENCIES[doc[first - 1].text], None
    for token in doc[first : last + 1]:
        head = token.head
        if token.dep_ in {"nummod", "quantmod"} and head.i > last and head.pos_ == "NOUN":
            return _word(head), head
    index = last + 1
    if index < len(doc) and doc[index].lower_ == "of":
        index += 1
    if index < len(doc) and doc[index].pos_ == "DET":
        index += 1
    for token in doc[index : index + 4]:
        if token.pos_ == "NOUN":
            return _word(token), token
        if token.pos_ not in {"ADJ", "VERB", "PROPN"} or token.is_punct:
            return None, None
        if token.pos_ == "VERB" and token.tag_ != "VBN":
            return None, None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is None or nxt.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return _word(token), token
    return None, None


def _range_end(doc: Doc, last: int, starts_between: bool) -> tuple[float, int] | None:
    """The upper number of "200 to 300", "300 – 500", "between 2 and 3"."""
    sep = last + 1
    if sep + 1 >= len(doc) or doc[sep].lower_ not in RANGE_SEPARATORS:
        return None
    if doc[sep].lower_ == "and" and not starts_between:
        return None
    value, vague = _value(doc[sep + 1])
    if value is None or vague is not None or _is_name_or_date(doc[sep + 1]):
        return None
    return _with_multipliers(doc, sep + 1, value)


def find_quantities(doc: Doc | Span) -> list[Quantity]:
    doc = doc if isinstance(doc, Doc) else doc.as_doc()
    text = doc.text
    found: list[Quantity] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        value, vague = _value(token)
        if (value is None and vague is None) or _is_name_or_date(token):
            i += 1
            continue
        first = last = i
        qualifier, text_start = _qualifier_before(doc, first)
        if vague is not None:
            low, high = vague
            qualifier = "vague"
            if last + 2 < len(doc) and doc[last + 1].lower_ == "of":
                scale = VAGUE.get(doc[last + 2].lower_, (MULTIPLIERS.get(doc[last + 2].lower_),))[0]
                if scale:  # "tens of thousands"
                    low, high, last = low * scale, high * scale, last + 2
        else:
            value, last = _with_multipliers(doc, i, value)
            low = high = value
            between = first > 0 and doc[first - 1].lower_ == "between"
            upper = _range_end(doc, last, between)
            if upper is not None:
                high, last = upper
                if high >= 1000 > low and doc[last].lower_ in MULTIPLIERS:
                    low *= MULTIPLIERS[doc[last].lower_]  # "2 to 3 million"
                qualifier, text_start = "range", (first - 1 if between else text_start)
            elif qualifier in {"more_than", "at_least"}:
                high = None
            elif qualifier in {"less_than", "at_most"}:
                low = None
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
            )
        )
        i = last + 1
    return found


def interval_notation(q: Quantity) -> str:
    """The quantity as an interval with its open sides: "(30,)", "[20,30]", "(,700]"."""

    def bound(value: int | float | None) -> str:
        return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    low, high = bound(q.low), bound(q.high)
    if q.qualifier == "more_than":
        return f"({low},)"
    if q.qualifier == "at_least":
        return f"[{low},)"
    if q.qualifier == "less_than":
        return f"(,{high})"
    if q.qualifier == "at_most":
        return f"(,{high}]"
    return f"[{low},{high}]"
