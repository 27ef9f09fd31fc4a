"""Rules for *same*: two claims that state one fact, in the same or in other words.

Pure functions over two profiles (``profiles.Profile``); ``judging.judge`` calls them
in its order. A figure the same as another is the same number, or its rounding to two
significant digits, and never on its other side ("nearly 300,000" / "over 300,000")."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .areas import as_stated_alike
from .choices import Relation
from .comparison import excludes, rounded, rounded_down
from .entities import NAMED, entity_root
from .profiles import Profile, Proposal
from .wording import STEM, disbelieves, stems, word_list

SAME_RATIO = 85  # rapidfuzz ratio of two plain sentences that are one sentence
CONTAINED = 92  # partial ratio when one sentence is quoted inside a longer one
CONTAINED_SHARE = 0.6  # ... and is at least this share of it
SHARED_STEMS = 4  # content words two accounts of one event share at least
SHARED_SHARE = 0.3  # ... as a share of the shorter claim's words
SAME_FIGURES_STEMS = 2  # words two claims with the very same figures share at least

# A superlative with its scope, a checkable claim of its own: "the deadliest wildfire in
# more than a century", "the worst flooding since 1927", "the largest blast on record".
_SUPERLATIVE = re.compile(
    r"\bthe\s+(?P<most>most\s+\w+|worst|best|\w{3,}est)\s+(?P<what>(?:[\w.'’-]+\s+){0,4}?)"
    r"(?P<scope>(?:in|for)\s+(?:(?:more than|over|nearly|almost|at least)\s+)?(?:a|an|\w+)\s+"
    r"(?:century|centuries|decades?|years?|history|generations?)\b|since\s+\w+|on record\b|ever\b)",
    re.IGNORECASE,
)


def _superlatives(text: str) -> list[tuple[str, str, str]]:
    """(superlative, what it is said of, scope) of each superlative in ``text``."""
    return [
        (m["most"].lower(), m["what"].strip(), " ".join(word_list(m["scope"])))
        for m in _SUPERLATIVE.finditer(text)
    ]


def same_superlative(a: Profile, b: Profile) -> Proposal | None:
    """Both call it the same superlative, of the same thing, in the same scope ("the
    deadliest U.S. wildfire in more than a century" / "the deadliest US wildfire in
    more than a century"), whatever else either says."""
    for most, what, scope in _superlatives(a.claim.text):
        for other_most, other_what, other_scope in _superlatives(b.claim.text):
            if (most, scope) == (other_most, other_scope) and stems(what) & stems(other_what):
                said = " ".join(w for w in (most, what, scope) if w)
                return Proposal(Relation.SAME, 0.7, f"both call it the {said}", "superlative")
    return None


def same_sentence(a: Profile, b: Profile) -> Proposal | None:
    if a.figures and b.figures and {f.topic for f in a.figures} != {f.topic for f in b.figures}:
        return None  # "12 were killed" / "12 were injured": one word, another fact
    if any(
        {_direction(x.quantity), _direction(y.quantity)} == {"above", "below"}
        for x in a.figures
        for y in b.figures
        if x.topic == y.topic
    ):
        return None  # "nearly 9,000 homeless" / "over 9,000 homeless": one word, another fact
    ratio = fuzz.ratio(a.plain, b.plain)
    short, long = sorted((a.plain, b.plain), key=len)
    if ratio < SAME_RATIO:
        if not long or len(short) < CONTAINED_SHARE * len(long):
            return None
        ratio = fuzz.partial_ratio(short, long)
        if ratio < CONTAINED:
            return None
        reason = "the same sentence, quoted inside a longer one"
    elif a.plain == b.plain:
        reason = "the same sentence"
    else:
        reason = "the same sentence, worded slightly differently"
    spellings = _spelling_differences(a, b)
    if spellings:
        reason += "; different spelling of " + ", ".join(spellings)
    return Proposal(Relation.SAME, round(0.8 + 0.2 * ratio / 100, 3), reason)


def _spelling_differences(a: Profile, b: Profile) -> list[str]:
    """Entities both name, spelt differently: "Bashar Assad" / "Bashar al-Assad"."""
    spelt_a = _spellings(a)
    spelt_b = _spellings(b)
    return [
        f"{sorted(spelt_a[root])[0]} / {sorted(spelt_b[root])[0]}"
        for root in sorted(spelt_a.keys() & spelt_b.keys())
        if not spelt_a[root] & spelt_b[root]
    ]


def _spellings(p: Profile) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for e in p.claim.entities:
        if e.get("label") == "PERSON" or e.get("label") == "GPE":
            found.setdefault(entity_root(e["text"], e["label"]), set()).add(e["text"])
    return found


def same_numbers(a: Profile, b: Profile) -> Proposal | None:
    """The same figures and some of the same words, in another order and style ("a crew
    of about 40 firefighters held back some 500 acres" / "roughly 40 firefighters
    contained around 500 acres"): the same claim, reworded as wire copy often is."""
    if a.hedged != b.hedged:
        return None
    values = a.numbers
    if not values or values != b.numbers or a.counts != b.counts or max(values) < 10:
        return None
    shared = a.stems & b.stems
    if len(shared) < SAME_FIGURES_STEMS:
        return None
    said = ", ".join(f"{v:g}" for v in sorted(values))
    return Proposal(Relation.SAME, 0.7, f"the same figures ({said}) in other words", "", False)


_BELOW = re.compile(r"^\s*(?:nearly|almost|just under|close to|not quite)\b", re.I)


def _direction(q: dict) -> str | None:
    """Which side of its number a figure puts the count: "more than 40" above, "up to
    40" or "nearly 40" below, "about 40" or "40" neither."""
    if q.get("qualifier") in {"more_than", "at_least"}:
        return "above"
    if q.get("qualifier") in {"less_than", "at_most"} or _BELOW.match(q.get("text", "")):
        return "below"
    return None


def same_number(a: dict, b: dict) -> bool:
    """Both state the same number ("114" and "at least 114", "some 40" and "about 40"),
    or one rounds the other ("nearly 3,000" for 2,975), and not on its two sides
    ("nearly 300,000" and "over 300,000" say two things)."""
    if {_direction(a), _direction(b)} == {"above", "below"}:
        return False
    a, b = as_stated_alike(a, b)
    if excludes(a, b) or excludes(b, a):
        return False
    stated = {v for v in (a.get("low"), a.get("high")) if v is not None}
    if stated & {v for v in (b.get("low"), b.get("high")) if v is not None}:
        return True
    return _rounds(a, b) or _rounds(b, a)


def _rounds(approximate: dict, exact: dict) -> bool:
    """``approximate`` is ``exact`` rounded to two significant digits, as reported facts
    are: "about 3,000" or "nearly 3,000" for 2,975 (to the nearest), "more than 2,200"
    for 2,207 (down: a floor)."""
    if exact.get("qualifier") != "exact" or exact.get("low") != exact.get("high"):
        return False
    value = exact.get("low")
    if approximate.get("qualifier") in {"more_than", "at_least"}:
        said = approximate.get("low")
        return said is not None and value is not None and value > said == rounded_down(value)
    if approximate.get("qualifier") != "about" and not _BELOW.match(approximate.get("text", "")):
        return False
    said = approximate.get("low")
    if said is None or value is None or said != approximate.get("high"):
        return False
    return rounded(value) == said


def deniers_of(p: Profile, *, hedged_too: bool = False) -> frozenset[str]:
    """Who denies, in a claim that is a denial someone is said to make."""
    if "denial" not in p.families or not p.sources or disbelieves(p.claim.text):
        return frozenset()
    if p.hedged and not hedged_too:
        return frozenset()
    speaker = p.claim.speaker
    in_speaker = {
        entity_root(e["text"], e["label"])
        for e in p.claim.entities
        if e.get("label") in NAMED and e["text"] in speaker
    }
    return frozenset(in_speaker or p.sources)


def same_account(a: Profile, b: Profile) -> Proposal | None:
    shared_families = a.families & b.families
    if "denial" in shared_families:
        deniers = deniers_of(a, hedged_too=True) & deniers_of(b, hedged_too=True)
        if deniers:
            who = a.claim.speaker or ", ".join(sorted(deniers))
            return Proposal(Relation.SAME, 0.7, f"both report the denial by {who}", "denial")
        return None
    if not shared_families or a.hedged or b.hedged or a.figures or b.figures:
        return None  # claims with figures are the same only when their figures are
    # Only words that tell one account from another count: every report of a story
    # names the event's places and people, and says what happened in its own words.
    shared = a.telling & b.telling
    smaller = min(len(a.stems), len(b.stems)) or 1
    if len(shared) >= SHARED_STEMS and len(shared) / smaller >= SHARED_SHARE:
        family = sorted(shared_families)[0]
        words = ", ".join(sorted({w for w in word_list(a.claim.text) if w[:STEM] in shared})[:5])
        return Proposal(
            Relation.SAME, 0.6, f"both describe the {family} in the same terms ({words})", family
        )
    return None
