"""What figures count: the happenings a figure may be of (its topic), which of them
are running counts, how each reads in a reason, and the families of counted things
(head nouns, singular and plural: one kind each). Words only: ``claims.figures``
reads sentences with them."""

from __future__ import annotations

import re

TOPICS = {
    "death toll": (
        *("dead", "death", "die", "died", "kill", "fatal", "bodies", "toll", "lives"),
        *("perish", "drown"),
    ),
    "injured": ("injur", "wound", "hurt", "hospitali", "treated"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("evacuat", "displac", "homeless", "refugee", "fled", "shelter"),
    "attackers": ("attack", "fought", "faced", "advanc", "deploy", "assault"),
    "homes": ("destroy", "damag", "burn", "razed", "flatten", "collaps"),
    # how many a vessel, train, plane or bus carried: "carrying about 400 passengers"
    "aboard": ("aboard", "onboard", "carrying", "carried"),
    # "50 casualties": the killed and the injured together, as "killed or injured"
    "casualties": ("casualt",),
    # an outbreak's count, those still trapped, those brought out alive
    "cases": ("case", "infect"),
    "trapped": ("trapped",),
    "rescued": ("rescued", "saved", "alive", "surviv"),
    # those arrested at a protest, after an attack
    "arrested": ("arrest", "detain", "custody", "jailed"),
    # a disaster's reach: those it affected, those who need aid
    "affected": ("affected",),
    "in need": ("need",),
}
# Running counts: a later, different figure of one of these is an update.
RUNNING = frozenset(
    {"death toll", "injured", "casualties", "missing", "displaced", "homes", "area burned"}
    | {"cases", "trapped", "rescued", "ordered to leave", "in shelters", "homes damaged"}
    | {"arrested", "in hospital", "affected", "in need"}
)
# Running counts that only grow: the dead, the hurt, what burned stay counted. A later,
# lower figure of one of these is no step of the count (unless it says it was revised
# down); the missing, the displaced, those in shelters or in hospital go down as well.
ACCUMULATING = frozenset(
    {"death toll", "injured", "casualties", "homes", "area burned", "cases", "rescued"}
    | {"homes damaged", "arrested"}
)
# Counts a sentence pair's suggestion gives only when no other count conflicts.
SECONDARY = frozenset({"aboard", "area burned"})
# How a figure of each topic reads in a reason: "about 100 dead".
TOPIC_WORDS = {
    "death toll": "dead",
    "injured": "injured",
    "casualties": "killed or injured",
    "missing": "missing",
    "displaced": "displaced",
    "attackers": "in the force",
    "aboard": "aboard",
    "area burned": "burned",
    "homes": "buildings",
    "cost": "in damage",
    "cases": "cases",
    "trapped": "trapped",
    "rescued": "rescued",
    "arrested": "arrested",
    "in hospital": "in hospital",
    "affected": "affected",
    "in need": "in need of aid",
    "ordered to leave": "ordered to leave",
    "in shelters": "in shelters",
    "homes damaged": "buildings damaged",
}
# Families of counted things (head nouns, singular and plural): one kind each.
COUNTED = {
    "people": "people person persons resident residents victim victims "
    "individual individuals inhabitant inhabitants villager villagers life lives death "
    "deaths body bodies casualty casualties fatality fatalities dead injured wounded "
    "missing unaccounted homeless evacuee evacuees name names passenger passengers "
    "case cases infection infections patient patients survivor survivors migrant migrants "
    "hiker hikers climber climbers tourist tourists pilgrim pilgrims worshipper worshippers "
    "visitor visitors guest guests spectator spectators",
    # Armed men of either side, or of a side the words do not tell ...
    "fighters": "fighter fighters force forces mercenary mercenaries combatant combatants "
    "contractor contractors man men",
    # ... a state's ...
    "troops": "troop troops soldier soldiers serviceman servicemen personnel",
    # ... and those who fight it: two sides are never one count.
    "militants": "militant militants insurgent insurgents rebel rebels guerrilla guerrillas "
    "attacker attackers gunman gunmen jihadist jihadists",
    "citizens": "citizen citizens national nationals",
    # those who do not fight (protesters among them): never a count of any side's fighters
    "civilians": "civilian civilians noncombatant noncombatants protester protesters "
    "demonstrator demonstrators",
    "children": "child children kid kids minor minors boy boys girl girls infant infants baby "
    "babies student students pupil pupils",
    "women": "woman women",
    "workers": "worker workers employee employees staff miner miners",
    "rescuers": "firefighter firefighters rescuer rescuers responder responders",
    "police": "police officer officers policeman policemen",
    "buildings": "home homes house houses building buildings structure structures apartment "
    "apartments dwelling dwellings property properties residence residences",
    # Reports give one cargo in tons and in tonnes: the same measure to a reader.
    "tonnes": "ton tons tonne tonnes",
}
FAMILY_OF = {word: family for family, words in COUNTED.items() for word in words.split()}
# Kinds of counted thing that may be compared with one another: a toll of people with a
# toll of fighters or of one nationality (a battle's dead are mostly its fighters).
ARMED = frozenset({"fighters", "troops", "militants"})
BROAD = frozenset({"people", "nationality", "civilians"}) | ARMED
SIDES = frozenset({"troops", "militants"})  # never compared with each other
# Groups of people a toll may be given for: a part of the whole, never more than it.
GROUPS = frozenset({"children", "women", "workers", "rescuers", "police"})
MONEY = {"USD", "EUR", "GBP", "JPY"}
MASSES = {"ton", "tons", "tonne", "tonnes", "kilogram", "kilograms", "kg", "pound", "pounds"}
MEASURES = (
    MONEY
    | MASSES
    | {
        "percent",
        "kilometer",
        "kilometre",
        "metre",
        "meter",
        "mile",
        "acre",
        "hectare",
        "inch",
        "foot",
        "feet",
        "mph",
        "kph",
        "knot",
        "knots",
        "hour",
        "day",
        "minute",
        "week",
        "month",
        "year",
    }
)

_WORD = re.compile(r"[^\W\d_]+")
_ON_BOARD = re.compile(r"\bon board\b", re.IGNORECASE)  # read as one word, "aboard"
# Where a clause ends, as far as the words beside a figure go.
CLAUSE_END = re.compile(r"[,;:.()\d]|\s[-–—]\s")


def words(text: str) -> list[str]:
    """The words of a text, lower case, without figures."""
    return [w.lower() for w in _WORD.findall(_ON_BOARD.sub("aboard", text))]
