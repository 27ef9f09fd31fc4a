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
from .incident_words import follows_another, incident_name, kind_of, kinds_alike
from .nlp.datelines import dateline_length, is_time_stamp

# Entities that place an incident.
PLACES = {"GPE", "LOC", "FAC"}
# Headline plus this many characters of the body: where a report says what happened.
LEAD_CHARS = 400
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
# A report this far from every report of a story, repeating none of its figures, tells
# of another incident of the kind in the same place.
A_MONTH = dt.timedelta(days=30)
# Words of a report that looks back on its incident or tells how a count changed.
_LOOKS_BACK = re.compile(
    r"\b(?:after|since|still|risen|rose|rises|climbed|climbs|revised|raised|lowered|"
    r"anniversary|ago|earlier|last (?:week|month|year)|months?|weeks?|inquiry|report)\b",
    re.IGNORECASE,
)
# A figure worth matching a story on: not a small count, not a year.
MIN_FIGURE = 10
_DIGITS = re.compile(r"\d[\d,.\u00a0\u202f ]*\d|\d")

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
    # the names among ``names`` that are places
    places: frozenset[str] = frozenset()
    # its headline or first sentence tells of a change or looks back ("the toll had
    # risen to 14", "still cleaning up after the dam broke")
    recalls: bool = False
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
            "places": sorted(self.places),
            "recalls": self.recalls,
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
            places=frozenset(data.get("places", ())),
            recalls=bool(data.get("recalls")),
        )


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
    while body:  # the headline printed again, a time stamp: not yet the lead
        first, _, rest = body.partition("\n\n")
        if " ".join(first.split()) != " ".join(headline.split()) and not is_time_stamp(first):
            break
        body = rest.lstrip()
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
    places: set[str] = set()
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
            if e["label"] in PLACES:
                places.add(key)
        values.extend(v for q in claim.quantities for v in (q.get("low"), q.get("high")))
    return Incident(
        kind=kind_of(headline) or kind_of(lead),
        name=incident_name(f"{headline}\n{lead}") or incident_name(text),
        lead_names=frozenset(lead_names),
        names=frozenset(names),
        figures=figure_keys(values),
        published=published,
        follows=follows_another(headline) or follows_another(_first_sentence(lead)),
        places=frozenset(places),
        recalls=bool(_LOOKS_BACK.search(f"{headline}\n{_first_sentence(lead)}")),
    )


def _first_sentence(lead: str) -> str:
    return re.split(r"(?<=[.!?])\s+", lead.strip(), maxsplit=1)[0]


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
# An undated report's fit to a story whose dated reports tell of the other incident (a
# later one that recalls the event, or the event itself): it may fit both.
UNDATED_ELSEWHERE = 0.7
# Figures near the story's, a small sign beside the names for a page without a date
# (its "about 80 died" beside a toll of 78).
FIGURES_WEIGHT = 0.1
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
    if (
        day
        and not named
        and not article.recalls
        and story.dates
        and article.figures
        and story.figures
        and not article.figures & story.figures
        and min(abs(day - d) for d in story.dates) > A_MONTH
    ):
        # "61 migrants drowned off Kessa", six months after nine drowned there: a month
        # and more from every report of the story, and not one figure of it repeated
        return "another incident of the kind, a month apart, with figures of its own"
    if article.names and not named and not _anchored(article, story):
        return "none of the story's main names"
    return None


def _anchored(article: Incident, story: StoryIncident) -> bool:
    """The article gives the name the story's reports give most, or another of the
    story's names while naming no place the story does not (a local report naming the
    town but not the country; not a report from another town of that country)."""
    if not story.names_seen or article.names & story.anchors:
        return True
    seen = set(story.names_seen)
    return bool(article.names & seen) and not article.places - seen


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
    # a story that gives only a name or two is weak evidence, not full agreement
    names_share = len(article.names & seen) / min(len(article.names), max(3, len(seen)))
    same_kind = 0.0
    if article.kind and story.kind and kinds_alike(article.kind, story.kind):
        same_kind = 1.0 if article.kind == story.kind else 0.5  # a blast's fire: half
    elif not (article.kind and story.kind):
        # a headline naming no kind ("Ostrava cholera cases climb") neither agrees nor
        # disagrees: half, so that the order articles come in matters less
        same_kind = 0.5
    score = LEAD_WEIGHT * lead_share + NAMES_WEIGHT * names_share + KIND_WEIGHT * same_kind
    if article.published is None:  # no date to go on: figures near the story's
        score += FIGURES_WEIGHT * min(1.0, _near_figures(article, story) / 2)
    return score * UNDATED_ELSEWHERE if _told_apart(article, story) else score


def _near_figures(article: Incident, story: StoryIncident) -> int:
    """How many of the article's figures are within a tenth of one the story gives
    ("about 80 died" beside a toll of 78, "more than 140 aboard" beside 150)."""
    theirs = [float(f) for f in story.figures]
    return sum(
        any(abs(float(f) - t) <= 0.1 * max(float(f), t) for t in theirs) for f in article.figures
    )


def _told_apart(article: Incident, story: StoryIncident) -> bool:
    """An undated report of the event, and a story only of a later incident that
    recalls it (or the other way round): they share names, but likely not the
    incident."""
    if article.published is not None:
        return False  # the dates decide (``ruled_out``)
    if article.follows:
        return bool(story.event_dates) and not story.following_dates
    return bool(story.following_dates) and not story.event_dates
