"""Telling when two names are one entity: "Bashar al-Assad", "Bashar Assad", "Bashir Assad".

Three steps, cheapest first: a normal form (case, accents, punctuation, Arabic article
particles); a transliteration skeleton (consonants, doubled letters collapsed), which
makes "Deir Ezzor", "Deir ez-Zor" and "Deir al-Zour" one key; and, for names of several
words, fuzzy matching with rapidfuzz. Analysts' aliases (``EntityAlias``) come first
and override all of it. Pure functions: no database here but what callers pass in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz import fuzz

# Articles and particles that transliterations add, drop or attach: al-Assad, ez-Zor.
PARTICLES = {"al", "el", "ad", "ag", "ar", "as", "ash", "at", "az", "ez", "es", "ed", "an", "the"}
# What a place's name may carry after it and other reports leave off.
ADMINISTRATIVE = {
    "province",
    "region",
    "county",
    "district",
    "prefecture",
    "governorate",
    "oblast",
    "municipality",
}
_SEPARATORS = re.compile(r"[\s\-‐‑–—_'’`.]+")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")
# spaCy labels of names (not dates, figures or ordinals).
NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"}
FUZZY_THRESHOLD = 88
MIN_SKELETON = 4


@lru_cache(maxsize=65536)
def normal_form(name: str) -> str:
    """Lower case, no accents or punctuation, particles dropped: "bashar assad"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    plain = plain.replace("’s", "").replace("'s", "")
    words = [w for w in _SEPARATORS.split(plain) if w]
    # "al" as a word, or glued on by a hyphen in the source ("al-Assad"), is a particle.
    kept = [w for w in words if w not in PARTICLES]
    if len(kept) > 1 and kept[-1] in ADMINISTRATIVE:
        kept.pop()  # "Deir Ezzor province" is the Deir Ezzor other reports name
    return " ".join(kept or words)


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """Consonants of the normal form, doubled letters collapsed: "deir ezzor" -> "drzr"."""
    joined = normal_form(name).replace(" ", "")
    return _REPEATS.sub(r"\1", _VOWELS.sub("", _REPEATS.sub(r"\1", joined)))


def same_entity(a: str, b: str) -> bool:
    na, nb = normal_form(a), normal_form(b)
    if na == nb:
        return True
    if not na or not nb or na[0] != nb[0]:
        return False
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb and len(sa) >= MIN_SKELETON:
        return True
    several_words = " " in na and " " in nb
    return several_words and fuzz.ratio(na, nb) >= FUZZY_THRESHOLD


def canonical_names(
    names: Iterable[str], aliases: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Each name mapped to the name that stands for its entity.

    Aliases (normal form of an alias -> canonical name) decide first; otherwise names
    are grouped with ``same_entity`` and the group's longest spelling stands for it
    ("Bashar al-Assad" over "Bashar Assad").
    """
    aliases = {normal_form(k): v for k, v in (aliases or {}).items()}
    groups: list[list[str]] = []
    result: dict[str, str] = {}
    for name in dict.fromkeys(names):
        if normal_form(name) in aliases:
            result[name] = aliases[normal_form(name)]
            continue
        for group in groups:
            if any(same_entity(name, member) for member in group):
                group.append(name)
                break
        else:
            groups.append([name])
    for group in groups:
        representative = max(group, key=lambda n: (len(n), n))
        result.update(dict.fromkeys(group, representative))
    return result


def entity_key(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """A key equal for spellings of one entity (the alias, else the skeleton or form).

    ``aliases`` is keyed by normal form (``normal_aliases``): this runs for every name
    of every claim a page compares, so it must not normalise the table each time.
    """
    if aliases:
        canonical = aliases.get(normal_form(name))
        if canonical is not None:
            return _spelling_key(canonical)
    return _spelling_key(name)


def normal_aliases(aliases: Mapping[str, str]) -> dict[str, str]:
    """Aliases keyed by their normal form, as ``entity_key`` reads them."""
    return {normal_form(alias): canonical for alias, canonical in aliases.items()}


@lru_cache(maxsize=65536)
def _spelling_key(name: str) -> str:
    # Names repeat across thousands of claims: suggestions key every one per request.
    form = normal_form(name)
    key = skeleton(name)
    return key if len(key) >= MIN_SKELETON and " " in form else form


def entity_root(name: str, label: str, aliases: Mapping[str, str] | None = None) -> str:
    """``entity_key``, with a people's name brought to its place: "Russians" -> "russia".

    For matching claims about the same actors ("Russia denied", "the Russians
    attacked"); stories keep the plain key.
    """
    key = entity_key(name, aliases)
    if label != "NORP" or " " in key:
        return key
    if key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    if key.endswith(("ian", "can")):
        key = key[:-1]
    return key
