"""The area a fire burned: when a figure in acres or hectares is one ("has burned
12,000 acres", "grew to 7,500 hectares"), and the two measures read as one. Pure."""

from __future__ import annotations

import re

from .topics import CLAUSE_END, words

# Land a fire took, in hectares: reports give it in acres or hectares.
CONVERTED = 0.01  # how far a converted figure may be from the figure it was converted from
HECTARES_IN = {
    "acre": 0.404686,
    "acres": 0.404686,
    "hectare": 1.0,
    "hectares": 1.0,
    "ha": 1.0,
    "square kilometre": 100.0,
}
_BURN_WORDS = ("burn", "scorch", "charr", "blacken", "consum", "engulf", "torch")
# ... or how far a fire has spread, when the claim is about a fire
_SPREAD_WORDS = ("grew", "grow", "spread", "cover", "span", "swept", "explod", "expand", "swell")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_FIRE_WORDS = ("fire", "wildfire", "blaze", "bushfire", "flames", "inferno")


def burned_area(text: str, start: int, end: int) -> bool:
    """Whether the area at ``text[start:end]`` is one a fire burned: "the fire has burned
    12,000 acres", "the blaze grew to 7,500 hectares" (but "firefighters held back 500
    acres of flames" is no area burned)."""
    following = _PARENTHESES.sub("", text[end : end + 80])  # "878 ha (2,170 acres) burned"
    near = words(text[max(0, start - 40) : start])[-5:] + words(CLAUSE_END.split(following)[0])[:4]
    burned = any(w.startswith(_BURN_WORDS) for w in near)
    spread = any(w.startswith(_SPREAD_WORDS) for w in near) and any(
        w.startswith(_FIRE_WORDS) for w in words(text)
    )
    return burned or spread


def in_hectares(q: dict) -> dict:
    """An area's quantity with its bounds in hectares (its words as they were); one
    given in acres reaches 1% either way, as the figures reports convert are rounded
    ("878 ha (2,170 acres)")."""
    factor = HECTARES_IN[(q.get("unit") or "").lower()]
    if factor == 1.0:
        return q
    return {
        **q,
        "low": None if q.get("low") is None else q["low"] * factor * (1 - CONVERTED),
        "high": None if q.get("high") is None else q["high"] * factor * (1 + CONVERTED),
        "stated": (q.get("low"), q.get("high"), factor),  # as the report gave it
    }


def as_stated_alike(a: dict, b: dict) -> tuple[dict, dict]:
    """Two areas in the measure one of them was stated in, when one was converted
    ("more than 2,100 acres" and "878 ha" as acres: 2,100 and 2,169.6), so that how a
    report rounded its own figure can be read; other quantities as they are."""
    if "stated" not in a and "stated" not in b:
        return a, b
    factor = (a.get("stated") or b["stated"])[2]

    def alike(q: dict) -> dict:
        low, high, own = q.get("stated") or (q.get("low"), q.get("high"), 1.0)
        return {
            **q,
            "low": None if low is None else low * own / factor,
            "high": None if high is None else high * own / factor,
        }

    return alike(a), alike(b)
