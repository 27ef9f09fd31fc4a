"""What a claim's words say, cheaply: stems, predicate families, denials, sources, shingles.

Pure functions over strings, used by matching (``claims.judging``) and by the keys
Postgres indexes to find candidate pairs (``match_keys``). No spaCy at request time.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Mapping
from functools import lru_cache

from .entities import entity_key

# Match keys are stored as "<kind>:<value>", the kind one letter to keep the GIN index
# small; code names the kinds.
SHINGLE_KEY, TOPIC_KEY, ENTITY_KEY, FAMILY_KEY, NUMBER_KEY = "h", "t", "e", "f", "n"
FIGURES_KEY = "v"  # every number a claim states, together: wire copy reworded keeps them


def match_key(kind: str, value: object) -> str:
    return f"{kind}:{value}"


_WORD = re.compile(r"[^\W\d_]+")
STEM = 6
STOPWORDS = frozenset(
    "that this with from were was for are has have had not but they their its which who "
    "will been would more than into about after before over also said says there what "
    "when where while some such only other them then these those being because could "
    "should just like very most many much even still well according between against".split()
)
# Predicate families: words that say the same kind of thing happened (matched on starts).
FAMILIES = {
    "death": ("kill", "dead", "death", "die", "died", "dying", "fatal", "slain", "toll"),
    "injury": ("injur", "wound", "hurt"),
    "attack": (
        "attack",
        "assault",
        "raid",
        "ambush",
        "offensive",
        "fired",
        "shell",
        "bomb",
        "advance",
        "strike",
        "struck",
    ),
    "arrest": ("arrest", "detain", "custody", "jail"),
    "evacuation": ("evacuat", "displac", "fled", "flee", "shelter"),
    "damage": ("damag", "destroy", "collaps", "flood"),
    "talks": ("talk", "meet", "negotiat", "discuss"),
    "denial": ("deni", "deny", "reject", "refut", "rebut"),
}
# Said of a denial: "had nothing to do with", "was not involved".
DENIAL_PHRASES = re.compile(
    r"\bnothing\W+(?:\w+\W+)?to do with\b|\bnot involved\b|\bno (?:part|role|involvement) in\b",
    re.IGNORECASE,
)
# A writer who reports a denial as pretence does not deny: "must pretend they had nothing
# to do with it".
DISBELIEF = ("pretend", "feign", "falsely", "supposed")
# Words of a source's name that do not tell sources apart: "two of the Russians".
SOURCE_FILLER = frozenset(
    "a an the of two three four several some many few other who which that".split()
)
SHINGLE = 3
MINHASHES = 4


def word_list(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def stems(text: str) -> frozenset[str]:
    """Content words, cut to a stem: "mortars" and "mortar" are one word here."""
    return frozenset(w[:STEM] for w in word_list(text) if len(w) >= 4 and w not in STOPWORDS)


def families(text: str) -> frozenset[str]:
    found = {
        family
        for word in word_list(text)
        for family, starts in FAMILIES.items()
        if word.startswith(starts)
    }
    if DENIAL_PHRASES.search(text):
        found.add("denial")
    return frozenset(found)


def disbelieves(text: str) -> bool:
    return any(word.startswith(DISBELIEF) for word in word_list(text))


def asserted_verbs(text: str, family: str) -> list[re.Match]:
    """Past-tense verbs of a family ("attacked", "killed"): the claim says it happened."""
    starts = "|".join(FAMILIES[family])
    return list(re.finditer(rf"\b(?:{starts})\w*ed\b|\bstruck\b", text, re.IGNORECASE))


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Lower case, no accents, quotes or punctuation: for comparing sentences."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[^\W_]+", letters))


# A person's title, left off the name: "Mayor Ilse Brandt" is "Ilse Brandt".
TITLES = frozenset(
    "mayor governor president minister spokesman spokeswoman spokesperson chief director "
    "commissioner colonel general captain lieutenant sergeant major inspector senator "
    "secretary premier deputy dr mr mrs ms prof sheriff judge".split()
)
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)
# Who speaks for a source, left off its name: "a health ministry official".
_ROLES = frozenset(
    "official officials spokesman spokeswoman spokesperson source sources representative "
    "representatives".split()
)
# Words of an organisation's name, which never stand for it alone.
_ORGANISATION = frozenset(
    "department ministry agency office service services police council committee authority "
    "authorities university institute hospital center centre company corporation group "
    "union association bureau commission guard force forces army command news times post "
    "press agencies organisation organization".split()
)


def _sources(speaker: str, aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    names = re.split(r"\s*\(via\s+|\)\s*$", speaker) if speaker else []
    found = {}
    for name in names:
        # "the city's fire department" is the fire department ("Russia's defence
        # ministry" is Russia's)
        words = [w for w in name.split() if w.lower() not in SOURCE_FILLER]
        words = [w for w in words if not (w.islower() and w.endswith(("'s", "’s")))]
        while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
            words = words[1:]
        while len(words) > 1 and words[-1].lower() in _ROLES:
            words = words[:-1]  # "a health ministry official" speaks for the ministry
        key = entity_key(" ".join(words), aliases) if words else ""
        written = _ARTICLE.sub("", name.strip())  # "Ministry of Health", as the text has it
        if key:
            found[key] = written
        if len(words) > 1:  # "the Ministry of Health" is the health ministry
            unordered = entity_key(" ".join(sorted(w.lower() for w in words)), aliases)
            if unordered:
                found.setdefault(unordered, written)
        person = 1 < len(words) <= 3 and all(w[:1].isupper() for w in words)
        if person and not any(w.lower() in _ORGANISATION for w in words):
            # a person named again by surname: "Ilse Brandt", then "Brandt"
            surname = entity_key(words[-1], aliases)
            if surname:
                found.setdefault(surname, words[-1])
    return found


def source_keys(speaker: str, aliases: Mapping[str, str] | None = None) -> frozenset[str]:
    """Who a claim cites, one key per name: "two Russians (via Bloomberg)" ->
    {"russians", "bloomberg"}."""
    return frozenset(_sources(speaker, aliases))


def source_names(speaker: str, keys: frozenset[str]) -> list[str]:
    """The names in ``speaker`` of the sources with these keys, as written there."""
    return [name for key, name in sorted(_sources(speaker).items()) if key in keys]


def shingle_keys(text: str) -> list[str]:
    """The smallest hashes of its word triples: sentences that are nearly the same
    share some of them, whatever their length (a min-hash sketch)."""
    tokens = plain(text).split()
    if len(tokens) < SHINGLE:
        return []
    hashes = {
        zlib.crc32(" ".join(tokens[i : i + SHINGLE]).encode())
        for i in range(len(tokens) - SHINGLE + 1)
    }
    return [match_key(SHINGLE_KEY, f"{h:08x}") for h in sorted(hashes)[:MINHASHES]]
