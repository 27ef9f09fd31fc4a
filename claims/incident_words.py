"""The words that say which incident a text tells of: the kinds of incident and the
words that name them, a storm's or a fire's own name, a year set before its report (an
earlier incident recalled), an incident that came after another. Pure functions over
text; ``claims.incidents`` reads articles with them, ``claims.profiles`` and
``claims.fact_table`` leave earlier incidents' figures out."""

from __future__ import annotations

import datetime as dt
import re

# Kinds of incident, by the words that name them (lower case, whole words).
KINDS = {
    "explosion": "explosion explosions blast blasts exploded explodes explode detonation "
    "detonations detonated",
    "fire": "fire fires wildfire wildfires blaze blazes flames inferno bushfire bushfires "
    "firestorm",
    "storm": "hurricane hurricanes storm storms typhoon typhoons cyclone cyclones tornado "
    "tornadoes",
    "earthquake": "earthquake earthquakes quake quakes tremor tremors aftershock aftershocks "
    "tsunami tsunamis",
    "flood": "flood floods flooding floodwaters landslide landslides mudslide mudslides",
    "attack": "attack attacks attacked battle battles clash clashes fighting airstrike "
    "airstrikes raid raids offensive shelling bombing bombings assault ambush strike strikes "
    "missile missiles",
    "shooting": "shooting shootings gunman gunmen gunfire",
    "crash": "crash crashes crashed derailment derailed collision capsized capsizes capsize sank "
    "sinks sinking shipwreck shipwrecks",
    "outbreak": "outbreak outbreaks epidemic pandemic",
    "collapse": "collapse collapses collapsed",
    "leak": "leak leaks leaked spill spills spilled",
    "eruption": "eruption eruptions erupts erupted erupting volcano volcanic lava",
    "avalanche": "avalanche avalanches",
    "crush": "stampede stampedes crush",
    "heat": "heatwave heatwaves",
    "protest": "protest protests protesters demonstration demonstrations demonstrators "
    "crackdown riot riots unrest",
}
_KIND_OF = {word: kind for kind, words in KINDS.items() for word in words.split()}
# Kinds one event is often reported under: a storm's floods, a blast's fire, an attack's
# bombs or gunmen. An article of one joins a story of the other.
ALIKE = frozenset(
    frozenset(pair)
    for pair in (
        ("storm", "flood"),
        ("explosion", "fire"),
        ("attack", "explosion"),
        ("attack", "shooting"),
        # what else brings buildings down
        ("collapse", "earthquake"),
        ("collapse", "explosion"),
        ("collapse", "fire"),
        ("collapse", "storm"),
        ("collapse", "flood"),
        ("collapse", "attack"),
        # a leak's fire or blast
        ("leak", "explosion"),
        ("leak", "fire"),
        # a volcano's quakes, a storm's avalanches and landslides, a crowd's panic
        ("eruption", "earthquake"),
        ("avalanche", "storm"),
        ("avalanche", "flood"),
        ("crush", "collapse"),
        ("crush", "fire"),
        # clashes at a protest, a crackdown's shooting
        ("protest", "attack"),
        ("protest", "shooting"),
    )
)


def kinds_alike(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in ALIKE


# A storm or fire with a name of its own: "Hurricane Irma", "the Camp Fire".
_NAMED_STORM = re.compile(
    r"\b(?:Hurricane|Typhoon|Cyclone|Tropical Storm|Superstorm|Storm)\s+([A-Z][a-z]{2,})\b"
)
_NAMED_FIRE = re.compile(r"\b(?:the\s+)([A-Z][a-z]{2,})\s+Fire\b")
# News agencies credited in bylines and captions: who reports, not what happened.
_WORD = re.compile(r"[^\W\d_]+")


# "fire chief", "the fire brigade said": who speaks, not what happened.
_FIRE_SERVICE = re.compile(
    r"\bfire\s+(?:brigades?|chiefs?|services?|departments?|officials?|officers?|crews?|"
    r"stations?|engines?|trucks?|fighters?|marshals?|commissioners?|authorit(?:y|ies)|"
    r"rescue|and\s+rescue)\b"
)


def kind_of(text: str) -> str | None:
    for word in _WORD.findall(_FIRE_SERVICE.sub(" ", text.lower())):
        if word in _KIND_OF:
            return _KIND_OF[word]
    return None


def incident_name(text: str) -> str | None:
    found = [m for m in (_NAMED_STORM.search(text), _NAMED_FIRE.search(text)) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return first.group(1).lower()


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
# Words that name an incident of any kind, beside the kinds' own: what a year set
# before one tells of ("a 2009 stampede", "the 2014 mine collapse").
INCIDENT_NOUNS = (
    "stampede stampedes crush collapse collapses sinking capsizing shipwreck accident "
    "accidents disaster disasters tragedy tragedies incident massacre eruption outbreak"
)
_KIND_WORDS = "|".join(sorted({*_KIND_OF, *INCIDENT_NOUNS.split()}, key=len, reverse=True))
# Where a claim sets what it tells in a year of its own: "In 2011, an earthquake there
# killed 600", "the 2011 quake", "a flood in March 2019" (but not "the worst since 1927":
# a comparison tells of now).
_SET_IN_YEAR = re.compile(
    rf"^\W*(?:back )?in (?:{_MONTH} )?(?P<opening>(?:19|20)\d\d)\b|"
    rf"\b(?P<before>(?:19|20)\d\d)(?:'s)? (?:\w+ )?(?:{_KIND_WORDS})\b|"
    rf"\b(?:{_KIND_WORDS}) (?:\w+ ){{0,4}}in (?:{_MONTH} )?(?P<after>(?:19|20)\d\d)\b|"
    # a day and year of its own: "... destroyed 500 homes on May 22, 1960"
    rf"\bon (?:{_MONTH}) \d{{1,2}}, (?P<dated>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# Years before its report that a claim may still tell of the event (an anniversary
# piece recalls its toll); further back, it tells of another incident.
EARLIER_YEARS = 2
# "a similar storm", "a second explosion": another incident ("last year's Hurricane
# Maria", "a year ago" may name the event itself)
_OTHER_INCIDENT = re.compile(
    rf"\b(?:a|an)\s+(?:similar|previous|earlier|separate|second|third)\s+(?:[\w'’-]+\s+)?"
    rf"(?:{_KIND_WORDS})\b",
    re.IGNORECASE,
)
# What ends a clause: a figure beyond one is not told of the year named in the clause.
_CLAUSE_BOUNDARY = re.compile(r",(?!\d{3})|[;:()\"“”—–]|\s-\s")  # not "1,800"


# A clause that goes on telling of the incident the clause before it names.
_GOES_ON = re.compile(r",\s*(?:when|where|in which|killing|leaving|injuring|destroying)\b")


def earlier_incident_spans(text: str, published: dt.date | None) -> list[tuple[int, int]]:
    """The parts of a claim that tell of an incident of a year well before its report's
    (offsets into ``text``): the whole claim when it opens with the year ("In 2011, an
    earthquake in the same province killed 600 people", in a report of 2026), else the
    clause that names it ("... in which 1,800 perished in the 2005 storm"). Their
    figures are that incident's, not the event's (undated reports: no year is set
    before them). So are those of a clause that tells of another incident ("Ten years
    ago, a similar storm killed 300", "two were killed in a second explosion"), dated or
    not."""
    spans = []
    for found in _OTHER_INCIDENT.finditer(text):
        if found.start() < 3:
            return [(0, len(text))]
        bounds = list(_CLAUSE_BOUNDARY.finditer(text, 0, found.start()))
        after = _CLAUSE_BOUNDARY.search(text, found.end())
        spans.append((bounds[-1].end() if bounds else 0, after.start() if after else len(text)))
    if published is None:
        return spans
    for found in _SET_IN_YEAR.finditer(text):
        year = int(found["opening"] or found["before"] or found["after"] or found["dated"])
        if year > published.year - EARLIER_YEARS:
            continue
        if found["opening"] or found["dated"]:
            return [(0, len(text))]
        bounds = list(_CLAUSE_BOUNDARY.finditer(text, 0, found.start()))
        after = _CLAUSE_BOUNDARY.search(text, found.end())
        while after and _GOES_ON.match(text, after.start()):
            # "... erupted in 2019, when an explosion injured 14": the same incident
            after = _CLAUSE_BOUNDARY.search(text, after.end())
        spans.append((bounds[-1].end() if bounds else 0, after.start() if after else len(text)))
    return spans


def in_spans(q: dict, offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a quantity (offsets into the article) lies in one of a claim's spans
    (offsets into the claim, which starts at ``offset``)."""
    start, end = q["start"] - offset, q["end"] - offset
    return any(low <= start and end <= high for low, high in spans)


_AFTER_ANOTHER = re.compile(
    rf"\b(?:days?|weeks?|months?|years?)\s+(?:after|since)\s+(?:[\w'’-]+\s+){{0,4}}?"
    rf"(?:{_KIND_WORDS})\b",
    re.IGNORECASE,
)
_ANOTHER = re.compile(rf"\banother\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_KIND_WORDS})\b", re.IGNORECASE)


def follows_another(text: str) -> bool:
    """Whether a headline or a lead sentence tells of an incident of its own that came
    after another it recalls: "Another huge fire erupts at the port, a month after the
    blast", "Explosion at a chemical plant injures 5, six weeks after the warehouse
    blast" (not "A month after the blast, the port is still in ruins": nothing new
    happened)."""
    if _ANOTHER.search(text):
        return True
    recalled = _AFTER_ANOTHER.search(text)
    if recalled is None:
        return False
    rest = text[: recalled.start()] + " " + text[recalled.end() :]
    return kind_of(rest) is not None
