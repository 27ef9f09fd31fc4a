"""Whole events of invented reports, through ingest and matching: the stories they
form and the conflicts an analyst would mark, as on reporting the rules never saw."""

from __future__ import annotations

import datetime as dt

import pytest

from claims import fact_table
from claims.choices import Relation
from claims.ingest.records import ArticleInput
from claims.models import Article, Claim, Suggestion
from claims.services import ingest

pytestmark = pytest.mark.django_db

WIRE = (
    "A passenger train derailed near Tarrow Junction on Wednesday, killing 12 people and "
    "injuring 85, the national railway operator said.\n\n"
    "The train was carrying about 400 passengers when six carriages left the tracks, "
    "operator spokeswoman Lena Horvath said."
)
DERAILMENT = [
    ("Train derails near Tarrow Junction, 12 dead", "Wire Two", dt.date(2026, 6, 10), WIRE),
    (
        "Tarrow Junction derailment: 12 killed",
        "Morning Post",
        dt.date(2026, 6, 10),
        WIRE.replace("about 400", "roughly 400"),
    ),
    (
        "Hospital says derailment injured more than 120",
        "City Herald",
        None,  # an undated page
        "The regional hospital near Tarrow Junction said it had treated more than 120 people "
        "injured in Wednesday's derailment, far more than the 85 given by the railway "
        "operator.\n\nThe union said the train had been carrying nearly 600 passengers, not 400.",
    ),
    (
        "Tarrow Junction toll rises",
        "Wire Two",
        dt.date(2026, 6, 12),
        "The death toll from the Tarrow Junction derailment rose to 15 on Friday after three "
        "of the injured died in hospital, the railway operator said.",
    ),
    (
        "Bus crash at Tarrow Junction",
        "City Herald",
        dt.date(2024, 11, 3),
        "Four people were killed when a bus overturned at Tarrow Junction on Sunday, police "
        "said.\n\nThe bus was carrying 30 passengers.",
    ),
]
FLOOD = [
    (
        "Floods kill at least 23 in Velloran valley",
        "Wire One",
        dt.date(2026, 3, 2),
        "Flash floods killed at least 23 people in the Velloran valley on Sunday, regional "
        "officials said, and 40 others were missing.",
    ),
    (
        "Velloran flood toll rises to 31",
        "Daily Courier",
        dt.date(2026, 3, 3),
        "The death toll from floods in the Velloran valley rose to 31 on Monday, the regional "
        "civil protection agency said, with 28 people still unaccounted for.",
    ),
    (
        "Anger over Velloran flood warnings",
        "The Ledger",
        dt.date(2026, 3, 3),
        "A local rescue group said the real number of dead in the Velloran valley floods "
        "could be as high as 50, far above the official count.",
    ),
]

QUAKE = [
    (
        "Quake kills at least 2,100 in Corvane province",
        "Wire One",
        dt.date(2026, 9, 14),
        "A magnitude 6.4 earthquake struck Corvane province on Monday, killing at least 2,100 "
        "people and injuring more than 5,000, the interior ministry said.\n\n"
        "In 2011, an earthquake in the same province killed 600 people.",
    ),
    (
        "Corvane quake toll climbs to 2,450",
        "Evening Standard",
        dt.date(2026, 9, 15),
        "The death toll from Monday's earthquake in Corvane province climbed to 2,450 on "
        "Tuesday, the interior ministry said.",
    ),
    (
        "Corvane: survivors wait for aid",
        "The Observer",
        dt.date(2026, 9, 16),
        "Survivors of the Corvane earthquake waited for aid on Wednesday.\n\n"
        "The Red Crescent said the quake had killed or injured 8,000 people.",
    ),
]

CLASH = [
    (
        "Army says 60 militants killed near Tarsel crossing",
        "State Daily",
        dt.date(2026, 4, 20),
        "The army killed sixty militants in fighting near the Tarsel crossing on Sunday, a "
        "military spokesman, Colonel Dario Venn, said.\n\n"
        "Nine soldiers were killed, including two officers, Venn said.",
    ),
    (
        "Rebels say 45 soldiers died at Tarsel crossing",
        "Frontline News",
        dt.date(2026, 4, 20),
        "Rebel spokesman Amir Toleb said forty-five soldiers had been killed in Sunday's "
        "fighting at the Tarsel crossing, while 14 rebels died.",
    ),
]

WILDFIRE = [
    (
        "Wildfire near Dunmore Creek forces 3,000 to flee",
        "Wire One",
        dt.date(2026, 7, 2),
        "A wildfire near Dunmore Creek has burned 12,000 acres and destroyed 85 homes, fire "
        "officials said.\n\n"
        "A crew of about 40 firefighters held back some 500 acres of flames on the town's edge.",
    ),
    (
        "Dunmore Creek fire grows",
        "Valley Times",
        dt.date(2026, 7, 3),
        "The Dunmore Creek fire grew to 18,500 acres and has destroyed 140 homes, the state "
        "forestry agency said.\n\n"
        "Roughly 40 firefighters contained around 500 acres near the town.",
    ),
]

HURRICANE = [
    (
        "Hurricane Tamsin kills 12 in Jamaica",
        "Wire One",
        dt.date(2026, 10, 5),
        "Hurricane Tamsin killed at least 12 people in Jamaica on Sunday, the island's "
        "disaster agency said, before moving north toward Cuba.",
    ),
    (
        "Tamsin death toll in Haiti rises to 30",
        "Island Post",
        dt.date(2026, 10, 6),
        "At least 30 people were killed in Haiti as Hurricane Tamsin brought floods to the "
        "south of the country, civil protection officials said on Monday.",
    ),
    (
        "Cuba braces for Tamsin",
        "Wire One",
        dt.date(2026, 10, 6),
        "Cuba evacuated 250,000 people ahead of Hurricane Tamsin, which has killed at least "
        "42 people in Jamaica and Haiti, state media said.",
    ),
]

CRUSH = [
    (
        "Crush at Serrano festival kills at least 31",
        "Wire One",
        dt.date(2026, 5, 17),
        "At least 31 people were killed and more than 150 injured in a crush at a religious "
        "festival in Serrano on Saturday, the health ministry said.",
    ),
    (
        "Serrano toll rises to 38",
        "Wire One",
        dt.date(2026, 5, 19),
        "The death toll from Saturday's crush at the Serrano festival rose to 38 on Monday "
        "after seven of the injured died in hospital, the health ministry said.",
    ),
    (
        "Questions after Serrano disaster",
        "The Chronicle",
        None,  # an undated page
        "The health ministry has revised the number of injured in the Serrano festival "
        "crush down to 120 from more than 150.\n\n"
        "A 2009 stampede at the same festival killed 8 people.",
    ),
]

BLAST = [
    (
        "Kessan warehouse blast kills 17",
        "Wire One",
        dt.date(2026, 2, 12),
        "An explosion at a fireworks warehouse in Kessan killed 17 people and injured 230 on "
        "Thursday, the city's fire department said.",
    ),
    (
        "Kessan blast toll climbs past 20",
        "Wire One",
        dt.date(2026, 2, 14),
        "The number of people killed in Thursday's warehouse explosion in Kessan rose to 21 on "
        "Saturday after two bodies were pulled from the rubble, the fire department said.",
    ),
    (
        "Second blast at Kessan warehouse injures 4",
        "Metro",
        dt.date(2026, 2, 13),
        "A second explosion hit the Kessan warehouse on Friday, a day after the deadly blast, "
        "injuring four firefighters, the fire department said.",
    ),
    (
        "Explosion at Kessan chemical plant injures 5",
        "Daily Star",
        dt.date(2026, 3, 30),
        "Five workers were injured in an explosion at a chemical plant in Kessan on Monday, "
        "police said, six weeks after the deadly warehouse blast in the city.",
    ),
]

STRIKE = [
    (
        "Air strike on Hallan market kills 12, ministry says",
        "Wire One",
        dt.date(2026, 6, 2),
        "An air strike on a crowded market in the town of Hallan killed 12 civilians and "
        "wounded 40 on Monday, the health ministry said.",
    ),
    (
        "Dozens reportedly killed in Hallan strike",
        "Evening Post",
        dt.date(2026, 6, 2),
        "A monitoring group, the Hallan Rights Observatory, said 27 civilians were killed "
        "when an air strike hit a market in Hallan on Monday.",
    ),
    (
        "Military denies targeting civilians in Hallan",
        "State Herald",
        dt.date(2026, 6, 3),
        "The military said its strike near Hallan on Monday hit a weapons depot and killed "
        "15 fighters.",
    ),
    (
        "UN calls for inquiry into Hallan strike",
        "World Desk",
        dt.date(2026, 6, 4),
        "The United Nations called for an inquiry into Monday's strike on a market in "
        "Hallan, which it said killed at least 21 civilians.\n\n"
        "The health ministry raised its toll to 19 on Wednesday.",
    ),
]


COLLAPSE = [
    (
        "Apartment block collapses in Harlow Quay, dozens feared trapped",
        "Coast Daily",
        dt.date(2026, 2, 10),
        "HARLOW QUAY, Feb 10 (AFP) - A six-storey apartment block collapsed in the Harlow "
        "Quay district of Ostrev early on Tuesday, the fire brigade said.\n\n"
        "At least five people were killed and 23 were pulled out alive, fire chief Ana "
        "Dorsey told reporters.",
    ),
    (
        "Ostrev collapse: toll rises to 14",
        "Metro Wire",
        dt.date(2026, 2, 11),
        "The death toll from the collapse of an apartment block in Ostrev's Harlow Quay "
        "district rose to 14 on Wednesday, the mayor said.\n\n"
        "Mayor Ivo Brandt said 31 people had been rescued.",
    ),
    (
        "Families wait for news after Ostrev building collapse",
        "Harbour News",
        None,
        "Relatives gathered on Harlow Quay as rescuers searched for survivors of Tuesday's "
        "collapse.\n\nHundreds of people attended a vigil for residents killed in the "
        "collapse.",
    ),
    (
        "Another building collapses in Ostrev, days after Harlow Quay disaster",
        "Metro Wire",
        dt.date(2026, 2, 20),
        "A three-storey building collapsed in Ostrev's Eastgate district on Friday, ten days "
        "after the Harlow Quay collapse that killed 14 people.\n\nTwo people were injured.",
    ),
]
SIEGE = [
    (
        "Tarvon hotel siege ends; 22 dead including 4 attackers",
        "Sahel Times",
        dt.date(2026, 11, 21),
        "The siege of the Palm Court hotel in Tarvon ended on Saturday, the interior "
        "ministry said.\n\nTwenty-two people were killed, including four attackers.",
    ),
    (
        "Tarvon attack: government says 18 civilians killed",
        "Daily Post",
        dt.date(2026, 11, 21),
        "Eighteen civilians and four gunmen were killed in the attack on the Palm Court hotel "
        "in Tarvon, the government spokesman said.\n\n"
        "Among the dead were two French nationals, their government said.",
    ),
]


def stored(event) -> list[Article]:
    inputs = [
        ArticleInput(f"{i}.txt", title, body, outlet=outlet, published=published)
        for i, (title, outlet, published, body) in enumerate(event)
    ]
    return [Article.objects.get(pk=r.article) for r in ingest(inputs)]


def conflicts(topic: str) -> list[Suggestion]:
    return list(Suggestion.objects.filter(relation=Relation.CONTRADICTS, topic=topic))


def test_a_derailment_reported_by_wire_outlets_and_a_hospital():
    wire, copy, hospital, later, bus = stored(DERAILMENT)
    # the undated hospital page joins the event; a bus crash there two years earlier not
    assert wire.story == copy.story == hospital.story == later.story != bus.story
    injured = conflicts("injured")
    assert any(not s.update and s.different_sources for s in injured)  # 85 against 120+
    assert {s.update for s in conflicts("death toll")} == {True}  # 12, then 15 two days on
    aboard = conflicts("aboard")  # the operator's 400 aboard against the union's 600
    assert aboard and all(s.article_b == hospital or s.article_a == hospital for s in aboard)
    assert not Suggestion.objects.filter(article_a=bus).exists()
    assert Suggestion.objects.filter(
        relation=Relation.SAME, article_a__in=[wire, copy], article_b__in=[wire, copy]
    ).exists()


def test_a_flood_with_a_falling_missing_count_and_a_hedged_higher_toll():
    first, official, rescuers = stored(FLOOD)
    assert first.story == official.story == rescuers.story
    (missing,) = conflicts("missing")  # 40 others missing, then 28 unaccounted for
    assert missing.update
    hedged = [s for s in conflicts("death toll") if rescuers in (s.article_a, s.article_b)]
    assert hedged and all(s.hedged for s in hedged)  # "could be as high as 50" against 31


def test_an_earthquake_report_that_recalls_an_earlier_one():
    first, later, aid = stored(QUAKE)
    recalled = Claim.objects.get(article=first, text__startswith="In 2011")
    # the 2011 quake's 600 dead are set against nothing, and no cell of the table holds them
    assert not Suggestion.objects.filter(claim_a=recalled).exists()
    assert not Suggestion.objects.filter(claim_b=recalled).exists()
    _, rows = fact_table.build(
        [first, later, aid], Claim.objects.filter(article__story=first.story)
    )
    tolls = [e.text for row in rows for e in row.cells.get("death toll", [])]
    assert tolls and not any("600" in text for text in tolls)
    # "killed or injured 8,000" is neither the toll nor the injured: no conflict with either
    assert not Suggestion.objects.filter(article_b=aid, relation=Relation.CONTRADICTS).exists()
    assert not Suggestion.objects.filter(article_a=aid, relation=Relation.CONTRADICTS).exists()
    assert Suggestion.objects.filter(reason__startswith="both give a death toll figure").exists()


def test_a_clash_whose_two_sides_count_their_dead():
    army, rebels = stored(CLASH)
    found = {
        frozenset(s.figures)
        for s in Suggestion.objects.filter(relation=Relation.CONTRADICTS, article_a__in=[army])
        | Suggestion.objects.filter(relation=Relation.CONTRADICTS, article_b__in=[army])
    }
    # each side's dead against the other account of them, never one side's against the other's
    assert frozenset({"Nine soldiers dead", "forty-five soldiers dead"}) in found
    assert frozenset({"sixty militants dead", "14 rebels dead"}) in found
    assert not any(
        any("soldiers" in f for f in pair) and any("militants" in f for f in pair) for pair in found
    )


def test_a_wire_sentence_reworded_by_another_outlet_is_found_as_the_same():
    wire, local = stored(WILDFIRE)
    same = Suggestion.objects.get(relation=Relation.SAME)  # no name or phrase in common
    assert {same.claim_a.text[:6], same.claim_b.text[:6]} == {"A crew", "Roughl"}
    # 85 homes, then 140 the next day: the homes, not the acres, speak for the sentences
    (homes,) = conflicts("homes")
    assert homes.update and not conflicts("area burned")


def test_a_hurricane_that_kills_in_two_countries():
    jamaica, haiti, cuba = stored(HURRICANE)
    # one named storm, whatever places each report names
    assert jamaica.story == haiti.story == cuba.story
    # Jamaica's 12, Haiti's 30 and both countries' 42 are three counts, not a dispute
    assert not conflicts("death toll")


def test_a_crush_whose_injured_are_revised_on_an_undated_page():
    first, later, undated = stored(CRUSH)
    assert first.story == later.story == undated.story
    # the page has no date, but its story has: 2009 is another incident's year
    recalled = Claim.objects.get(article=undated, text__startswith="A 2009")
    assert not Suggestion.objects.filter(claim_a=recalled).exists()
    assert not Suggestion.objects.filter(claim_b=recalled).exists()
    # "down to 120 from more than 150" says the count moved: an update, undated as it is
    (injured,) = conflicts("injured")  # and "38 ... after seven of the injured died" is the toll
    assert injured.update and {injured.article_a, injured.article_b} == {first, undated}


def test_a_blast_with_a_second_one_the_next_day_and_another_weeks_later():
    first, later, second, plant = stored(BLAST)
    # the next day's blast is the event's; a blast six weeks on, recalling it, is not
    assert first.story == later.story == second.story != plant.story
    # the second blast's four injured are its own, not the event's 230
    assert not conflicts("injured")
    # "climbs past 20" is a floor that 21 meets; "two bodies" are what the toll rose by
    tolls = conflicts("death toll")
    assert {f for toll in tolls for f in toll.figures} == {
        "17 dead",  # the headline's
        "17 people dead",
        "21 dead",
        "climbs past 20 dead",
    }
    # two days apart, one source (the city's fire department, then the fire department)
    assert all(toll.update and not toll.different_sources for toll in tolls)


def test_a_strike_whose_sources_count_civilians_and_fighters():
    ministry, monitors, military, un = stored(STRIKE)
    # each cites its own source; the town and the strike make them one story
    assert ministry.story == monitors.story == military.story == un.story
    found = [frozenset(s.figures) for s in conflicts("death toll")]
    # the civilians killed are never the military's fighters
    assert not any(
        any("civilians" in f for f in pair) and any("fighters" in f for f in pair) for pair in found
    )
    # Monday's 12 against 27 stands, whatever Wednesday's 19 and 21 lie between
    assert frozenset({"12 civilians dead", "27 civilians dead"}) in found


def test_a_building_collapse_and_another_ten_days_on():
    first, later, undated, other = stored(COLLAPSE)
    # a collapse is a kind of its own (no fire, whatever the fire brigade says); the
    # undated vigil joins the event, the later collapse recalling it does not
    assert first.incident["kind"] == "collapse"
    assert first.story == later.story == undated.story != other.story
    # those pulled out alive are the rescued, not the dead; the mourners are neither
    assert {s.update for s in conflicts("rescued")} == {True}  # 23, then 31
    assert all("Hundreds" not in " ".join(s.figures) for s in conflicts("death toll"))


def test_a_siege_whose_toll_counts_its_attackers():
    ministry, government = stored(SIEGE)
    assert ministry.story == government.story
    # 22 with four attackers are the government's 18 civilians; the gunmen and the two
    # French nationals are parts of the toll
    assert not conflicts("death toll")
    assert Suggestion.objects.filter(relation=Relation.SAME, topic="death toll").exists()
