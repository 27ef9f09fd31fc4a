"""What a figure counts: the figures of a claim, each with its kind and happening.

Each quantity (see ``claims.nlp.quantities``) states bounds and a qualifier; here it
becomes a ``Figure`` that also knows what it counts (the thing counted, in families:
fighters, forces and men are one kind; soldiers and troops, one side; militants and
rebels, the other side; people, residents and victims another),
what happened to it (killed, injured, killed or injured, missing, displaced, buildings
destroyed, a force's size, a cost, an amount of a substance, how many live in a
place) and whether it is a part ("another 12", "two of them", "including 25 children",
a breakdown after a dash) or a whole. Two figures are compared only when both are
wholes of the same kind of thing for the same happening; then the qualifier becomes a
tolerance ("about 100" may be 80 to 120; "over 100" any number from 100 up), and they
conflict when those intervals do not meet. Pure functions over the quantity dicts
stored on claims: no database. The words they read are in ``claims.topics``; what a
figure counts is read by ``claims.figure_topics``, a fire's area by ``claims.areas``,
and the places a toll is counted in by ``claims.scopes``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from . import count_kinds
from .areas import in_hectares
from .bases import basis_of, cited_as_anothers, in_sample, sample_size
from .figure_topics import happening, no_count_of_it, number_of, topic_of, topics_of_word
from .nlp.numbers import parse_number
from .scopes import counted_in, names_a_subdivision
from .topics import ARMED, CLAUSE_END, FAMILY_OF, RUNNING, TOPIC_WORDS
from .topics import words as _words

# Words right before a figure that make it a part of a larger count.
_PART_BEFORE = re.compile(
    r"(?:\b(?:another|including|includes|included|among them|among whom|of whom|of which|"
    # "among the dead were two French nationals", "among those killed was"
    r"among (?:the|those) (?:\w+ ){1,2}(?:were|was|are|is)|"
    r"a further|an additional|additional|other)\s+(?:\w+\s+){0,2})$",
    re.IGNORECASE,
)
# ... and right after it: "two of them", "120 of the 5,000", "one of its sailors", "two
# more bodies".
_PART_AFTER = re.compile(
    r"^\s*(?:of (?:them|those|whom|the|these|its|their|his|her|our)\b|"
    r"more\b(?!\s+\w+\s+than|\s+than)|others?\b|additional\b|new\b|"
    # "21 sailors were wounded, one critically": how badly some of them were hurt
    r"(?:critically|seriously|severely|gravely|badly|fatally)\b)",
    re.IGNORECASE,
)
# "1,427 more people died in those months than (compared with) a year before": a
# difference between two counts (an excess), not an increment to one.
_MORE_THAN = re.compile(
    r"^\s*more\s+(?:(?!more\b|less\b|fewer\b|rather\b)[\w'’-]+\s+){1,12}"
    r"(?:than|compared (?:with|to)|relative to)\b",
    re.I,
)
# ... unless the figure is given as the total: "a total of 900 additional deaths", "40
# new cases in all" count everything, not an increment.
_TOTAL_BEFORE = re.compile(r"\b(?:a total of|in total|totall?ing|altogether)\s+$", re.I)
_TOTAL_AFTER = re.compile(r"^(?:\s+\w+){0,3}\s+(?:in total|in all|altogether)\b", re.I)
# A figure given as what a count used to be: "from 115", "up from 64", "previous toll of".
_EARLIER = re.compile(
    r"(?:\bfrom\s+(?:about\s+|around\s+|some\s+|an estimated\s+)?|"
    r"\b(?:previous(?:ly)?|earlier|prior)\s+(?:\w+\s+){0,3}|"
    # "the previous death toll from the flood was 60", "had previously put it at 400"
    r"\b(?:previous(?:ly)?|prior)\s+(?:[^\W\d]+\s+){0,8}(?:was|were|stood at|of|at)\s+|"
    # "initially more than 2,000", "officials originally said 12", "the initial list of
    # 3,200" (but "the initial blast killed 100" is no earlier count)
    r"\b(?:initially|originally)\s+(?:[^\W\d]+\s+){0,3}|"
    # "according to initial reports, 64 lives were lost", "early estimates put the toll at 50"
    r"\b(?:initial|original|first|early|earliest)\s+(?:death\s+)?(?:toll|count|figure|"
    r"estimate|list|number|report|tally)s?(?:,\s*|\s+)(?:[^\W\d]+\s+){0,4})$",
    re.IGNORECASE,
)
# What joins two figures of one list: "160 dead and 5,000 injured", "160 dead, 5,000 hurt".
# "... and damaged ", ", and left ": a figure after a verb of its own, joined to one before
_AND_VERB = re.compile(r"\s*,?\s*and\s+((?:[^\W\d]+\s+){1,2})", re.IGNORECASE)
_JOINED = re.compile(r"^(?:\s+[^\W\d]+){0,2}\s*(?:,|,? and)\s+$", re.IGNORECASE)
_RATE = re.compile(
    r"^\s*(?:\w+\s+)?(?:daily|a day|per day|each day|every day|a week|per week|weekly|"
    r"a month|per month|monthly|a year|per year|annually|per capita|per \d|"
    r"times\b|-?fold\b)",  # a multiple ("nine times the official toll") counts nothing
    re.IGNORECASE,
)
_OF_THOSE = re.compile(r"^\s*(?:of|among)\s+(?:the|those)\b[^,\d]{0,40},\s*$", re.IGNORECASE)
_ONE_IN = re.compile(r"^\s+in\s+(?:every\s+)?\d", re.IGNORECASE)
_IN_EVERY = re.compile(r"\b(?:\d+|one)\s+in\s+(?:every\s+)?$", re.IGNORECASE)
_AGE = re.compile(
    r"\b(?:ages?|aged|age of|ages of)\s+(?:of\s+|from\s+|between\s+)?(?:\d+\s*(?:and|to|-|–)\s*)?$",
    re.I,
)
# A figure the claim says is not so: "3,000 people did not die", "never killed 50".
# ("dozens if not hundreds" denies nothing)
_NEGATION = re.compile(r"\b(?:(?<!\bif )not|n't|never|no one|didn't|wasn't|weren't)\b", re.I)
_OTHERS = frozenset({"other", "others"})
# "nearly 600 passengers, not 400", "600 rather than 400": the figure is denied (but
# "dozens if not hundreds" allows it)
_DENIED_BEFORE = re.compile(r"(?:(?<!\bif )\bnot|\brather than|\binstead of)\s+$", re.IGNORECASE)
_BREAKDOWN = re.compile(r"\s[-–—]\s|[-–—:(]|\bincluding\b|\bamong\b")
# What a count's change is put down to: "rose to 21 after two bodies were pulled from
# the rubble", "following the deaths of three of the injured".
_CAUSE = re.compile(r"\b(?:after|following|when)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """A quantity of a claim, with what it counts and whether it is a whole."""

    quantity: dict
    topic: str | None
    counted: str
    part: bool = False
    negated: bool = False  # the claim denies it: "3,000 people did not die"
    # How it was arrived at, when the words say: an "official" count, or an "estimate"
    # (excess deaths, a study's projection); the two are not set against each other.
    basis: str | None = None
    # What the count used to be ("up from 64", "the previous toll was 60"): a figure the
    # claim states, not the count it gives now.
    earlier: bool = False
    # The places it is counted in, when the claim says ("killed 30 in Haiti", "42 across
    # the Caribbean"): a toll of one country is no toll of another, nor of the region.
    where: frozenset[str] = frozenset()
    # What the count is expected to become ("expected to rise to 200", "could exceed
    # 1,000"): a forecast, no count of the event yet.
    forecast: bool = False
    # Counted in a province, district or county the claim names: maybe one part of
    # the event's area ("31 died in Dalmar province").
    local: bool = False
    # Another's figure the claim sets its own against ("well above the government's
    # count of 67", "more than the official figure of 19"): not the claim's own count.
    cited: bool = False
    # the claim disputes it, given in a sentence before ("This is not a verified
    # number"): negated too, and set only against the same reported fact
    disputed: bool = False

    @property
    def whole(self) -> bool:
        return (
            self.topic is not None
            and not self.part
            and not self.earlier
            and not self.forecast
            and not self.cited
        )


def counted(q: dict, entities: Sequence[dict] = ()) -> str:
    """The kind of thing a figure counts: a family ("fighters"), a nationality
    ("nationality:russian"), or the head noun itself when no family knows it."""
    end = q["end"]
    for e in entities:
        if e.get("label") == "NORP" and q["start"] < e["end"] and e["start"] <= end + 2:
            return "nationality:" + e["text"].lower().rstrip("s")
    unit = (q.get("unit") or "").lower()
    if not unit:
        return "people"
    return FAMILY_OF.get(unit) or FAMILY_OF.get(unit + "s") or unit


_NAME_COMMA = re.compile(r"\b[A-Z][\w'’.-]*,\s?$")


def _age_after_a_name(q: dict, before: str, after: str, entities: list[dict]) -> bool:
    """A bare number set off by commas right after a name: "Ana Ruiz, 71,"."""
    if q.get("unit") or not after.startswith(","):
        return False
    if _NAME_COMMA.search(before):
        return True
    return any(e.get("label") == "PERSON" and 0 < q["start"] - e["end"] <= 2 for e in entities)


def figures_of(claim) -> list[Figure]:
    """Every quantity of a claim as a Figure (in order of appearance)."""
    text, offset = claim.text, claim.start
    entities = list(getattr(claim, "entities", ()) or ())
    found: list[Figure] = []
    placed = [(q, q["start"] - offset, q["end"] - offset) for q in claim.quantities]
    speaker = getattr(claim, "speaker", "") or ""
    sample = sample_size(text, placed)
    for q in sorted(claim.quantities, key=lambda q: q["start"]):
        if q.get("low") is None and q.get("high") is None:
            continue
        start, end = q["start"] - offset, q["end"] - offset
        kind = counted(q, entities)
        if not q.get("unit"):
            kind = number_of(text, start) or kind  # "the number of homes lost at 350"
        if kind in _OTHERS:  # "23 people killed and 40 others missing": others of the same
            kind = found[-1].counted if found else "people"
        elif kind not in FAMILY_OF.values() and topics_of_word(kind) and found:
            # "1,500 homes were destroyed and another 3,000 damaged": the "unit" is what
            # happened to more of the same
            kind = found[-1].counted
        elif not q.get("unit") and found and found[-1].counted == "buildings":
            # "destroyed 1,500 buildings and damaged 4,000": more of the same things
            joined = _AND_VERB.fullmatch(text[found[-1].quantity["end"] - offset : start])
            if joined and happening(_words(joined[1])) == "homes":
                kind = "buildings"
        topic = topic_of(q, text, start, end, kind, alone=len(claim.quantities) == 1)
        if kind in ("people", "workers", "children") or kind.startswith("nation"):
            topic = count_kinds.hospital(text, start, end) or topic
        if topic == "homes" and count_kinds.only_damaged(text, start, end):
            topic = "homes damaged"
        if topic == "displaced" or (
            topic is None
            and (
                count_kinds.leaving(text[end : end + 50])
                or (kind == "people" and count_kinds.sheltered(text, end))
            )
        ):
            topic = count_kinds.how_displaced(text, start, end, topic)
        if topic == "population":
            kind = count_kinds.population_of(
                q, _words(text[max(0, start - 80) : start])[::-1], entities
            )
        if topic == "area burned":  # in one measure: 7,500 hectares are 18,533 acres
            kind, q = "hectares", in_hectares(q)
        perpetrators = count_kinds.perpetrators(text[end : end + 60])
        if perpetrators and topic == "death toll":
            # "seven dead, including the gunman": six of the event's victims, as others count
            q = count_kinds.without_perpetrators(q, perpetrators)
        before = text[max(0, start - 40) : start]
        # a day's or a place's share: "in the past 24 hours, 50 were killed"
        a_share = count_kinds.share(before, CLAUSE_END.split(text[end : end + 60])[0])
        part = bool(_PART_BEFORE.search(before) or _PART_AFTER.match(text[end : end + 20]))
        part = part and not _MORE_THAN.match(text[end : end + 100])
        part = part or (a_share and topic in RUNNING)
        if part and (_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(text[end : end + 40])):
            part = False
        was = bool(_EARLIER.search(text[max(0, start - 80) : start]))
        if found and found[-1].earlier:
            # "the previous toll was 160 dead and more than 5,000 injured": both earlier
            was = was or bool(_JOINED.match(text[found[-1].quantity["end"] - offset : start]))
        if found and found[-1].part and found[-1].topic == topic:
            # "the dead included 12 children and four firefighters": both of the whole
            part = part or bool(_JOINED.match(text[found[-1].quantity["end"] - offset : start]))
        # a rate ("82 deaths daily") or an age ("between the ages of 2 and 15", "Ana
        # Ruiz, 71, died") is no count
        part = part or bool(_RATE.match(text[end : end + 25]) or _AGE.search(before[-30:]))
        # "Of those killed, 9 were women": a part of them
        part = part or bool(_OF_THOSE.match(text[:start]))
        if no_count_of_it(q, before):
            topic = None  # "a capacity of 200", "10% of the 3,000 residents were killed"
        # "1 in 5 homes": a ratio, no count
        part = part or bool(_ONE_IN.match(text[end : end + 20]) or _IN_EVERY.search(before))
        part = part or _age_after_a_name(q, before, text[end : end + 2], entities)
        if found and text[found[-1].quantity["end"] - offset : start].strip() == "(":
            part = True  # "2,100 acres (850 hectares)": the same figure in another measure
        for earlier in found:
            gap = text[earlier.quantity["end"] - offset : start]
            if earlier.topic == topic and earlier.whole and _BREAKDOWN.search(gap):
                part = True  # "seven missing - three Lebanese, three Syrians"
            running = topic in RUNNING and earlier.topic == topic and earlier.whole
            if running and _CAUSE.search(gap):
                part = True  # "rose to 21 after two bodies were found": the change's cause
        if part and re.search(r"\banother\b", before, re.IGNORECASE) and found:
            part = False  # "killed 180, wounded another 6,000": a count of its own
            # ... of what its own verb says, not the count before it ("17 died, and
            # another 30 are feared buried")
            own = _words(q["text"]) + _words(CLAUSE_END.split(text[end : end + 60])[0])[:5]
            if happening(own + _words(before)[::-1][1:2]) is None:
                topic = None
        clause = CLAUSE_END.split(text[end : end + 60])[0]
        negated = bool(_NEGATION.search(clause) or _DENIED_BEFORE.search(before))
        basis = basis_of(before, clause, text[max(0, start - 100) : start], speaker)
        if topic in RUNNING and sample and in_sample(text, start, end, q.get("high"), sample):
            kind = "sample:" + kind  # "15 deaths identified in a survey of 3,299 homes"
        where = counted_in(text, start, end, offset, entities) if topic in RUNNING else frozenset()
        forecast = count_kinds.forecast(before, q["text"])
        local = bool(where) and names_a_subdivision(text)
        found.append(
            Figure(
                q,
                topic,
                kind,
                part,
                negated,
                basis,
                earlier=was,
                where=where,
                forecast=forecast,
                local=local,
                cited=cited_as_anothers(before),
            )
        )
    found = _earlier_than_a_change(text, offset, found)
    return _attackers_beside_victims(text, offset, _passengers_and_crew(text, offset, found))


def _attackers_beside_victims(text: str, offset: int, found: list[Figure]) -> list[Figure]:
    """ "Eighteen civilians and four gunmen were killed": the attackers' dead beside
    their victims are a part of the toll, not a toll of their own."""
    for i in range(1, len(found)):
        first, second = found[i - 1], found[i]
        gap = text[first.quantity["end"] - offset : second.quantity["start"] - offset]
        if first.topic != second.topic or first.topic is None or not _JOINED.match(gap):
            continue
        for j, (one, other) in ((i - 1, (first, second)), (i, (second, first))):
            if one.counted == "militants" and other.counted not in ARMED:
                found[j] = replace(one, part=True)
    return found


_CREW_AFTER = re.compile(r"^\s*(?:crew\b|crewmembers?\b|members of (?:the )?crew\b)", re.I)
_PASSENGERS_AFTER = re.compile(r"^\s*passengers?\b", re.IGNORECASE)


def _passengers_and_crew(text: str, offset: int, found: list[Figure]) -> list[Figure]:
    """ "144 passengers and six crew": two parts of those aboard, neither all of them
    (an airline's "139 passengers and six crew" is no disagreement with "150 people on
    board" until someone adds them up)."""

    def after(f: Figure) -> str:
        """The text after the quantity's number ("about 144 | passengers")."""
        start = f.quantity["start"] - offset
        for word in re.finditer(r"\S+", f.quantity["text"]):
            if parse_number(word[0]) is not None:
                return text[start + word.end() :]
        return text[start + len(f.quantity["text"].split()[0]) :]

    crew = [i for i, f in enumerate(found) if _CREW_AFTER.match(after(f))]
    passengers = [i for i, f in enumerate(found) if _PASSENGERS_AFTER.match(after(f))]
    if not (crew and passengers):
        return found
    for i in crew + passengers:
        found[i] = replace(found[i], part=True, topic=found[i].topic or "aboard")
    return found


# What a count moved by to the figure after it: "which stood at 20 on Monday, rose to 45".
_CHANGED_TO = re.compile(
    r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|fell|fallen|dropped|dropping|"
    r"declined|lowered|revised(?:\s+\w+)?)\s+to\s*$",
    re.IGNORECASE,
)
# "Of the 45 dead, 30 were found in the town": what follows is a part of that whole.
_OF_THE = re.compile(r"\bof\s+(?:the|these|those)\s*$", re.IGNORECASE)


def _earlier_than_a_change(text: str, offset: int, found: list[Figure]) -> list[Figure]:
    """A figure the claim says a count moved from ("stood at 20 on Monday, rose to 45")
    is the earlier count; a figure after "Of the 45 dead," is a part of it."""
    for i, figure in enumerate(found):
        start = figure.quantity["start"] - offset
        for later in found[i + 1 :]:
            if later.topic != figure.topic or figure.topic is None:
                continue
            later_start = later.quantity["start"] - offset
            gap = text[figure.quantity["end"] - offset : later_start]
            if figure.whole and later.whole and _CHANGED_TO.search(gap):
                found[i] = replace(figure, earlier=True)
            elif figure.whole and _OF_THE.search(text[max(0, start - 12) : start]) and "," in gap:
                found[found.index(later)] = replace(later, part=True)
    return found


def describe(q: dict, topic: str | None) -> str:
    """ "about 100 death toll", but "100 dead" as it is: its own words say what it counts."""
    said = happening(_words(q["text"]))
    among = f" ({q['among']} among them)" if q.get("among") else ""
    if topic == "homes damaged":  # "3,000 homes damaged", "500 damaged"
        text = q["text"]
        return (text if "damag" in text.lower() else f"{text} damaged") + among
    if not topic or said == topic or topic not in TOPIC_WORDS:
        return q["text"] + among
    last = (_words(q["text"]) or [""])[-1]
    if FAMILY_OF.get(last) == "buildings" == FAMILY_OF.get(TOPIC_WORDS[topic]):
        return q["text"] + among  # "271 homes", not "271 homes buildings"
    return f"{q['text']} {TOPIC_WORDS[topic]}{among}"


def disputed_figures(claim) -> list[Figure]:
    """The figures a claim disputes by a noun alone ("This is not a verified number"),
    read in the sentence that gives them, as denied: what the claim says of them."""
    found = []
    for given in getattr(claim, "disputes", None) or ():
        sentence = _Sentence(given["text"], given["start"], given["quantities"])
        found += [
            replace(f, negated=True, disputed=True)
            for f in figures_of(sentence)
            if f.quantity["start"] == given["at"] and f.whole
        ]
    return found


@dataclass(frozen=True)
class _Sentence:
    """The sentence a disputed figure is given in, as ``figures_of`` reads a claim."""

    text: str
    start: int
    quantities: list[dict]
    speaker: str = ""
    entities: tuple = ()


def about_the_event(q: dict, claim) -> bool:
    """False for a figure in the attribution: "two Russians told Bloomberg"."""
    speaker = getattr(claim, "speaker", "") or ""
    return not (speaker and q["text"].split()[0] in speaker.split())
