"""Which incident an article reports: what happened, where, its name, its figures.

Reports of one event name the same places and people and the same kind of incident,
and give figures of it; a report of another incident may share a place or a minister
(a fire at the same port a month later, a fuel-tank explosion elsewhere in the same
country, the storm before) but differs in its kind, its name, its place or its time.
``Incident`` is what an article's text says of this, read once at ingest;
``StoryIncident`` is what a story's articles say together, and ``fit`` how well an
article belongs to a story, or None when something rules it out.
Pure functions: no database; ``services.stories`` feeds them the stored rows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .entities import NAMED, entity_key
from .nlp.datelines import dateline_length

# Headline plus this many characters of the body: where a report says what happened.
LEAD_CHARS = 400
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
    "crash": "crash crashes crashed derailment derailed collision capsized sank",
    "outbreak": "outbreak outbreaks epidemic pandemic",
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
AGENCIES = {
    entity_key(name)
    for name in (
        "Reuters",
        "AFP",
        "Agence France-Presse",
        "AP",
        "Associated Press",
        "Bloomberg",
        "EFE",
        "DPA",
        "ANSA",
        "Xinhua",
        "UPI",
        "PA Media",
        "Getty Images",
        "Anadolu",
        "Kyodo",
        "Yonhap",
        "TASS",
        "Interfax",
    )
}
# Reports of one incident come out over about a year (anniversaries, inquiries); two
# dated reports further apart than this from every report of a story are another event.
YEAR_AND_A_MONTH = dt.timedelta(days=400)
# A report of an incident that came after another, this long after the other's first
# report, tells of an incident of its own ("a month after the blast, fire at the port");
# sooner, it may be part of the event (an aftershock the next day).
NEW_INCIDENT_AFTER = dt.timedelta(days=7)
# A figure worth matching a story on: not a small count, not a year.
MIN_FIGURE = 10
_DIGITS = re.compile(r"\d[\d,.\u00a0\u202f ]*\d|\d")
_WORD = re.compile(r"[^\W\d_]+")
# Names in a text no model has read (another language): runs of capitalised words.
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][\w'’-]+(?:\s+(?:de|del|la|of)?\s*[A-Z][\w'’-]+)*")


@dataclass(frozen=True)
class Incident:
    """What one article says happened: the ``kind`` its headline (else lead) names
    first, the storm or fire ``name`` its lead gives first, the names in its lead, all
    its names, its figures and its date."""

    kind: str | None = None
    name: str | None = None
    lead_names: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    figures: frozenset[str] = frozenset()
    published: dt.date | None = None
    # it tells of a new incident that came after another ("Fire at the port, a month
    # after the blast"), which it names only as the earlier one
    follows: bool = False

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "name": self.name,
            "lead": sorted(self.lead_names),
            "figures": sorted(self.figures),
            "follows": self.follows,
        }

    @classmethod
    def from_json(cls, data: Mapping, names: Iterable[str], published: dt.date | None) -> Incident:
        return cls(
            kind=data.get("kind"),
            name=data.get("name"),
            lead_names=frozenset(data.get("lead", ())),
            names=frozenset(names),
            figures=frozenset(data.get("figures", ())),
            published=published,
            follows=bool(data.get("follows")),
        )


def kind_of(text: str) -> str | None:
    for word in _WORD.findall(text.lower()):
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
# What ends a clause: a figure beyond one is not told of the year named in the clause.
_CLAUSE_BOUNDARY = re.compile(r",(?!\d{3})|[;:()\"“”—–]|\s-\s")  # not "1,800"


def earlier_incident_spans(text: str, published: dt.date | None) -> list[tuple[int, int]]:
    """The parts of a claim that tell of an incident of a year well before its report's
    (offsets into ``text``): the whole claim when it opens with the year ("In 2011, an
    earthquake in the same province killed 600 people", in a report of 2026), else the
    clause that names it ("... in which 1,800 perished in the 2005 storm"). Their
    figures are that incident's, not the event's. Undated reports: none."""
    if published is None:
        return []
    spans = []
    for found in _SET_IN_YEAR.finditer(text):
        year = int(found["opening"] or found["before"] or found["after"] or found["dated"])
        if year > published.year - EARLIER_YEARS:
            continue
        if found["opening"] or found["dated"]:
            return [(0, len(text))]
        bounds = list(_CLAUSE_BOUNDARY.finditer(text, 0, found.start()))
        after = _CLAUSE_BOUNDARY.search(text, found.end())
        spans.append((bounds[-1].end() if bounds else 0, after.start() if after else len(text)))
    return spans


def in_spans(q: dict, offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a quantity (offsets into the article) lies in one of a claim's spans
    (offsets into the claim, which starts at ``offset``)."""
    start, end = q["start"] - offset, q["end"] - offset
    return any(low <= start and end <= high for low, high in spans)


def figure_keys(values: Iterable[float | int | None]) -> frozenset[str]:
    """Figures as keys, leaving out small counts and years ("190", "6500")."""
    keys = set()
    for value in values:
        if value is None or value < MIN_FIGURE or (1900 <= value <= 2100 and value == int(value)):
            continue
        keys.add(f"{value:g}")
    return frozenset(keys)


def _lead(text: str) -> tuple[str, str, int]:
    """(headline, lead text without a dateline, where the lead ends in ``text``)."""
    headline, _, body = text.partition("\n\n")
    body = body.lstrip()
    skip = dateline_length(body)
    lead = body[skip : skip + LEAD_CHARS]
    return headline, lead, len(text) - len(body) + skip + LEAD_CHARS


def incident_of(
    text: str,
    claims: Iterable,
    *,
    published: dt.date | None = None,
    outlet: str = "",
    aliases: Mapping[str, str] | None = None,
) -> Incident:
    """The incident an analysed article reports, from its text and its claims'
    entities and quantities (offsets into ``text``)."""
    headline, lead, lead_end = _lead(text)
    ignored = AGENCIES | {entity_key(outlet)}
    names: set[str] = set()
    lead_names: set[str] = set()
    values: list = []
    for claim in claims:
        for e in claim.entities:
            if e.get("label") not in NAMED:
                continue
            key = entity_key(e["text"], aliases)
            if not key or key in ignored:
                continue
            names.add(key)
            if e["start"] < lead_end:
                lead_names.add(key)
        values.extend(v for q in claim.quantities for v in (q.get("low"), q.get("high")))
    return Incident(
        kind=kind_of(headline) or kind_of(lead),
        name=incident_name(f"{headline}\n{lead}") or incident_name(text),
        lead_names=frozenset(lead_names),
        names=frozenset(names),
        figures=figure_keys(values),
        published=published,
        follows=follows_another(headline) or follows_another(lead.split(". ")[0]),
    )


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


def _figures_in(text: str) -> list[float]:
    values = []
    for found in _DIGITS.finditer(text):
        digits = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in found[0])
        digits = re.sub(r"[\s\u00a0\u202f]", "", digits)
        whole = re.sub(r"[,.](?=\d{3}\b)", "", digits)  # 6,500 and 6.500 alike
        try:
            values.append(float(whole.replace(",", ".")))
        except ValueError:
            continue
    return values


def unread_incident(
    text: str, *, published: dt.date | None = None, aliases: Mapping[str, str] | None = None
) -> Incident:
    """What can be read of a text in a language the pipeline does not handle: names
    written in Latin letters, and figures written in digits."""
    *_, lead_end = _lead(text)
    names, lead_names = set(), set()
    for found in _CAPITALISED.finditer(text):
        opens_sentence = found.start() < 2 or text[found.start() - 2] in ".!?\n"
        if opens_sentence and " " not in found[0]:
            continue  # "Muchos", "Lo": capitalised because they open a sentence
        key = entity_key(found[0], aliases)
        if key and key not in AGENCIES and (" " in found[0] or len(found[0]) > 3):
            names.add(key)
            if found.start() < lead_end:
                lead_names.add(key)
    return Incident(
        lead_names=frozenset(lead_names),
        names=frozenset(names),
        figures=figure_keys(_figures_in(text)),
        published=published,
    )


@dataclass
class StoryIncident:
    """What the articles of one story say together."""

    articles: int = 0
    kinds: Counter = field(default_factory=Counter)
    names_seen: Counter = field(default_factory=Counter)  # name -> articles naming it
    incident_names: Counter = field(default_factory=Counter)
    figures: set = field(default_factory=set)
    dates: list = field(default_factory=list)
    # the dates of its articles that tell of an incident that came after another, and
    # of the others
    following_dates: list = field(default_factory=list)
    event_dates: list = field(default_factory=list)

    def add(self, incident: Incident) -> None:
        self.articles += 1
        if incident.published:
            dated = self.following_dates if incident.follows else self.event_dates
            dated.append(incident.published)
        if incident.kind:
            self.kinds[incident.kind] += 1
        if incident.name:
            self.incident_names[incident.name] += 1
        self.names_seen.update(incident.names)
        self.figures |= incident.figures
        if incident.published:
            self.dates.append(incident.published)

    @property
    def kind(self) -> str | None:
        return self.kinds.most_common(1)[0][0] if self.kinds else None

    @property
    def anchors(self) -> set[str]:
        """The names most of its articles give (its place, its main actor)."""
        if not self.names_seen:
            return set()
        top = max(self.names_seen.values())
        return {name for name, seen in self.names_seen.items() if seen == top}


# How much each kind of evidence weighs, and how much an article needs to join.
LEAD_WEIGHT = 0.5
NAMES_WEIGHT = 0.3
KIND_WEIGHT = 0.2
JOIN_AT = 0.45
# Without names to go on (a page in a script the model does not read): shared figures.
FIGURES_TO_JOIN = 2


def ruled_out(article: Incident, story: StoryIncident) -> str | None:
    """Why the article cannot report the story's incident, or None."""
    named = bool(article.name and article.name in story.incident_names)
    if article.kind and story.kind and not named and not kinds_alike(article.kind, story.kind):
        return "another kind of incident"
    if article.name and story.incident_names and not named:
        return "another named storm or fire"
    if (
        article.published
        and story.dates
        and (min(abs(article.published - d) for d in story.dates) > YEAR_AND_A_MONTH)
    ):
        return "more than a year apart"
    day = article.published
    events, following = story.event_dates, story.following_dates
    if day and article.follows and events and day - min(events) > NEW_INCIDENT_AFTER:
        return "a later incident that recalls this one"
    # the event itself, ingested after a later incident that recalls it
    if day and not article.follows and following and min(following) - day > NEW_INCIDENT_AFTER:
        return "an earlier incident than the one this story tells"
    if article.names and story.anchors and not (article.names & story.anchors) and not named:
        return "none of the story's main names"
    return None


def fit(article: Incident, story: StoryIncident) -> float | None:
    """How well the article belongs to the story (0 to 1), or None if ruled out."""
    if ruled_out(article, story) is not None:
        return None
    if article.name and article.name in story.incident_names:
        return 1.0  # the same named storm or fire within the year: the same event
    seen = set(story.names_seen)
    if not article.names:  # nothing but figures to go on
        shared = len(article.figures & story.figures)
        return 1.0 if shared >= FIGURES_TO_JOIN else 0.0
    lead = article.lead_names or article.names
    lead_share = min(1.0, len(lead & seen) / min(len(lead), 3))
    names_share = len(article.names & seen) / min(len(article.names), max(1, len(seen)))
    same_kind = 0.0
    if article.kind and story.kind and kinds_alike(article.kind, story.kind):
        same_kind = 1.0 if article.kind == story.kind else 0.5  # a blast's fire: half
    elif not (article.kind and story.kind):
        # a headline naming no kind ("Ostrava cholera cases climb") neither agrees nor
        # disagrees: half, so that the order articles come in matters less
        same_kind = 0.5
    return LEAD_WEIGHT * lead_share + NAMES_WEIGHT * names_share + KIND_WEIGHT * same_kind
