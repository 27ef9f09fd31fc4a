"""Numbers that count nothing: dates, times and names ("Feb. 7", "F-15", "Flight 302",
"a Category 4 hurricane"), and "no one". ``claims.nlp.quantities`` skips them. Pure
functions over spaCy tokens.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

# Units of time: "three hours" is a duration, "3,140 last month" a figure and its time.
TIME_UNITS = set(
    "second minute hour day night morning afternoon evening week weekend fortnight month "
    "year decade century season quarter monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november "
    "december".split()
)
# Numbers inside these entities are names or dates, not amounts ("F-15", "Feb. 7").
NAME_LABELS = {"DATE", "TIME", "ORDINAL", "PRODUCT", "ORG", "FAC", "LAW", "WORK_OF_ART", "EVENT"}
# What makes a DATE entity a date rather than a number the tagger took for one ("now 36").
_DATE_WORD = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
    r"|^(?:today|yesterday|tomorrow|ago|last|next|this|week|weeks|day|days|month|months|year|"
    r"years|decade|decades|century|spring|summer|autumn|fall|winter|morning|evening|night)$"
)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$|\d+(st|nd|rd|th)$|^\d+[/.]\d+")
_MONTH = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?$|^(?:january|february|march|"
    r"april|june|july|august|september|october|november|december)$"
)
_FILLER = set("between and to from now up about around some nearly over under than at".split())
# Words a number names something after, rather than counts it.
NUMBERED = frozenset(
    "flight route highway interstate road gate terminal platform pier block building tower "
    "room ward level category phase stage zone sector camp section article chapter number "
    "station line bus unit lot exit apollo".split()
)


def is_name_or_date(token: Token) -> bool:
    """A number of a date, a time or a name, not an amount."""
    if token.ent_type_ in {"DATE", "TIME"}:
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if following is not None and following.lemma_.lower() in TIME_UNITS:
            return False  # "three hours", "four days": durations are quantities
        doc, start, end = token.doc, token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":  # the entity around the token,
            start -= 1  # found from the token's tags (Doc.ents would build every span)
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        words = [t.lower_ for t in doc[start:end]]
        # "was now 36", "between 20 and 30": short bare numbers the tagger took for a date
        bare = all((w.isdigit() and len(w) <= 4) or w in _FILLER for w in words)
        return not bare or any(_DATE_WORD.match(w) or _YEAR.match(w) for w in words)
    if token.ent_type_ in NAME_LABELS:
        return True
    if (
        token.is_digit
        and int(token.text) <= 31
        and any(_MONTH.match(t.lower_) for t in token.doc[max(0, token.i - 3) : token.i])
    ):
        return True  # "August 8 to 9": days the tagger left untagged
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.lower_ in NUMBERED and token.like_num:
        return True  # "Flight 302", "Route 66", "a Category 4 hurricane", "level 4 alert"
    return before is not None and before.text in {"#", "No.", "no."}


def no_one(token: Token) -> bool:
    """ "No one was hurt": nobody, not a count of one."""
    return token.lower_ == "one" and token.i > 0 and token.doc[token.i - 1].lower_ == "no"
