"""What a figure counts and what happened to it, from the words of its claim: its topic
(killed, injured, missing, displaced, buildings destroyed, a cost, an area burned, ...)
by the happening words around it (``claims.topics``), where a clause of its own, a verb
it is the object of, or others the words go on to tell of ("a funeral for miners
killed") set the reach. Pure functions over text; ``claims.figures`` makes figures with
them.
"""

from __future__ import annotations

import functools
import re

from . import count_kinds
from .areas import HECTARES_IN, burned_area
from .incident_words import kind_of
from .nlp.numbers import parse_number
from .topics import ARMED, CLAUSE_END, FAMILY_OF, MASSES, MEASURES, MONEY, TOPICS
from .topics import words as _words

_COST_WORDS = ("damag", "cost", "loss", "rebuil", "reconstruct", "repair")

_CASUALTIES = frozenset({"death toll", "injured"})
# "had killed or injured 8,000" (but "12 dead and injured 40" is two counts)
_ADJACENT_WORD = re.compile(r"[^\W\d]\s+$")
_SUBORDINATE = re.compile(r"\b(?:after|as|when|while|because|since|before|until)\b", re.I)
_TWO_VERBS = re.compile(r"(?<!\d )\b([^\W\d]+)\s+(?:or|and)\s+[^\W\d]+\s+$")


@functools.lru_cache(maxsize=50_000)
def topics_of_word(word: str) -> tuple[str, ...]:
    """The topics whose happening words ``word`` starts with, in ``TOPICS`` order (a
    story's fact table reads each of its words many times)."""
    return tuple(topic for topic, starts in TOPICS.items() if word.startswith(starts))


def happening(words: list[str], skip: tuple[str, ...] = ()) -> str | None:
    """The topic the first happening word says; "killed or injured" is casualties."""
    for i, word in enumerate(words):
        for topic in topics_of_word(word):
            if topic in skip:
                continue
            joined = words[i + 1 : i + 3]
            if topic in {"death toll", "injured"} and joined[:1] in (["or"], ["and"]):
                other = happening(joined[1:], skip=(topic, "homes", "attackers"))
                if other in {"death toll", "injured"}:
                    return "casualties"
            return topic
    return None


def topic_of(q: dict, text: str, start: int, end: int, kind: str, alone: bool) -> str | None:
    """What happened to what a figure counts (its topic), from the words around it in
    its claim's ``text`` (``start``, ``end``: the figure's bounds in it)."""
    unit = q.get("unit")
    if unit in MONEY:
        return "cost" if any(w.startswith(_COST_WORDS) for w in _words(text)) else None
    if unit in MASSES:
        after = _words(text[end : end + 60])
        substance = count_kinds.substance(after[1:3]) if after[:1] == ["of"] else []
        return "amount of " + " ".join(substance) if substance else None
    if (unit or "").lower() in HECTARES_IN:
        return "area burned" if burned_area(text, start, end) else None
    if unit in MEASURES:
        return None
    before = _words(text[max(0, start - 80) : start])[::-1]
    if before[:1] == ["magnitude"] or (unit or "").lower() == "magnitude" or kind_of(unit or ""):
        return None  # "a magnitude 7.1 earthquake", "a 6.8-magnitude quake", "two blasts"
    if before[:2] == ["of", "remains"]:
        return "death toll"  # "found the remains of 60 people"
    if before[:1] == ["in"] and (unit or "").lower() in {"case", "cases"}:
        return None  # "in 12 cases, families were not told": no outbreak's count
    after = _words(_SUBORDINATE.split(CLAUSE_END.split(text[end : end + 60])[0])[0])
    own = happening(_words(q["text"]) + _words(q.get("unit") or ""), skip=("homes", "attackers"))
    if own is not None:
        return own  # "200 to 300 injured", "190 dead": the figure says what it counts
    if kind == "buildings":
        # "271 homes and structures have been destroyed": the verb may be a few words on;
        # "the number of homes lost at around 350"
        near = after[:7] + before[:6]
        said = happening(before[:1]) or happening(near)  # "destroyed 1,500 homes and killed 40"
        return "homes" if said in {"homes", "displaced"} or "lost" in near else None
    if kind != "people" and kind not in FAMILY_OF.values() and not kind.startswith("nation"):
        # An unknown counted thing ("ministers", "sons"): only what is right beside it,
        # after it or the verb it is the object of ("killed 40 pilgrims").
        return happening(after[:3], skip=("homes",)) or happening(before[:1], skip=("homes",))
    # The words right after a figure ("100 were killed"), up to the next comma or number,
    # say most; then the words before it ("the death toll at about 100"); then the rest
    # of the sentence after it ("200 soldiers, mostly Russians, died"); then any.
    # Only fighters (or one side's men) are counted as a force's size.
    armed = kind in ARMED or kind.startswith("nation")
    if not armed and count_kinds.settlement(before) is not None:
        # "a town of 12,000 people", "the population of the island, 3.4 million": how
        # many live there, a figure of its own, never a toll
        return "population"
    if not armed and _HOMELESS.search(text[end : end + 60]):
        return "displaced"  # "250,000 people had lost their homes"
    # The verb a figure is the object of says it first: "the blast killed 200 and left
    # thousands injured".
    # (only a word right before it: in "8 dead, thousands evacuated" no verb takes them)
    adjacent = _ADJACENT_WORD.search(text[max(0, start - 40) : start])
    verb = happening(before[:1], skip=("homes", "attackers")) if adjacent else None
    if verb is None and adjacent and before[:1] == ["all"]:
        verb = happening(before[1:2], skip=("homes", "attackers"))  # "killing all 157 aboard"
    pair = _TWO_VERBS.search(text[max(0, start - 40) : start])
    if verb in _CASUALTIES and pair:
        other = happening([pair[1].lower()], skip=("homes", "attackers"))
        if other in _CASUALTIES and other != verb:
            return "casualties"  # "the quake had killed or injured 8,000"
    if verb is not None:
        return verb
    skip = ("homes",) if armed else ("homes", "attackers")
    # up to the next figure, or a clause of its own ("rose to 38 after seven of the
    # injured died": the injured are what the next clause counts)
    rest = _others_cut(_words(_SUBORDINATE.split(re.split(r"\d", text[end:], maxsplit=1)[0])[0]))
    found = (
        happening(after[:4], skip=skip)
        or happening(before[:8], skip=("homes", "attackers"))
        or happening(rest, skip=skip)
        # further back in the claim ("the death toll from the blast ... had reached 78")
        or happening(_words(text[:start])[::-1], skip=("attackers", "homes"))
        # anywhere, when no other figure could be what those words count
        or (
            happening(
                _words(text[:start]) + _others_cut(_words(text[start:])),
                skip=("attackers", "homes"),
            )
            if alone
            else None
        )
    )
    if found is None and kind in ARMED:
        return "attackers"
    return found


_TO_OTHERS = frozenset({"for", "of", "to", "with", "among", "about"})
_DETERMINERS = frozenset({"the", "their", "its", "his", "her"})
_TALLY = frozenset({"number", "count", "total", "toll", "tally", "list", "names"})


def _others_cut(words: list[str]) -> list[str]:
    """The words after a figure, up to where they tell of others: in "hundreds of people
    attended a funeral for miners killed in the collapse" the killed are the miners,
    not the hundreds."""
    for i, word in enumerate(words):
        if word not in _TO_OTHERS or (word == "of" and words[i - 1 : i] and words[i - 1] in _TALLY):
            continue  # "388: the number of people unaccounted for" is the figure's own
        following = words[i + 1 : i + 4]
        if following[:1] == ["those"] and happening(following[1:2]) is not None:
            return words[:i]  # "the families of those killed"
        if following[:1] and following[0] in _DETERMINERS:
            following = words[i + 2 : i + 5]
        if following[:1] and parse_number(following[0]) is not None:
            following = following[1:]  # "for the nine hikers killed"
        noun, verb = following[:1], following[1:2]
        plural = noun and (noun[0] in FAMILY_OF or noun[0].endswith("s"))
        if plural and verb and happening(verb) is not None:
            return words[:i]
    return words


# People who lost their homes are the displaced, whatever verb says it.
_HOMELESS = re.compile(
    r"\b(?:lost|left without|without|forced from|driven from)\s+(?:their\s+|a\s+)?"
    r"(?:homes?|houses?|shelter)\b",
    re.IGNORECASE,
)


# "put the number of homes lost at 350", "the number of people missing rose to 41"
_NUMBER_OF = re.compile(
    r"\b(?:number|count|tally|total) of ([a-z]+)\b[^.,;\d]{0,40}?\b(?:at|to|was|is|stands at|"
    r"stood at)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def number_of(text: str, start: int) -> str | None:
    """The family a bare figure is the number of, when the words before it say ("put
    the number of homes lost at around 350": buildings)."""
    named = _NUMBER_OF.search(text[max(0, start - 60) : start])
    return FAMILY_OF.get(named[1].lower()) if named else None


_CAPACITY = re.compile(
    r"\b(?:capacity|room|licen[cs]ed|certified|designed|built|rated)\s+(?:of|for|to carry)\s+"
    r"(?:up to\s+|about\s+|around\s+)?$",
    re.IGNORECASE,
)
_SHARE_OF = re.compile(
    r"(?:%|\bper ?cent|\bpercentage|\bhalf|\bthird|\bquarter|\bfraction|\bshare|\bproportion)"
    r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?$",
    re.IGNORECASE,
)


def no_count_of_it(q: dict, before: str) -> bool:
    """The figure says how many could be ("a capacity of 200") or is the base of a share
    ("10% of the 3,000 residents were killed"; but "half of the 40 dead" are the dead),
    not how many it happened to. ``before``: the text right before it."""
    if _CAPACITY.search(before):
        return True
    return bool(_SHARE_OF.search(before)) and happening(_words(q["text"])) is None
