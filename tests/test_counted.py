"""What a figure counts: others of the same kind, those aboard, the object of a verb,
and a figure the claim denies."""

from __future__ import annotations

import pytest

from claims.figures import figures_of
from claims.same_claims import same_number
from claims.scopes import COMBINED

from .figures import figure, verdict


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Floods killed 23 people in the valley, and 40 others were missing.", "people"),
        ("The storm destroyed 300 homes and damaged 40 others.", "buildings"),
        ("Police said 40 others were missing after the blast.", "people"),
    ],
)
def test_others_count_what_the_figure_before_them_counts(nlp, sentence, kind):
    _, claim = figure(nlp, sentence)
    assert figures_of(claim)[-1].counted == kind


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("The ferry had 250 people on board when it capsized.", "aboard"),
        ("About 300 passengers were aboard the ferry.", "aboard"),
        ("A bus carrying 40 pilgrims overturned.", "aboard"),
        # an unknown counted thing takes the verb it is the object of
        ("The landslide killed 40 pilgrims near the shrine.", "death toll"),
    ],
)
def test_how_many_a_vehicle_carried_is_a_count_of_its_own(nlp, sentence, topic):
    found, _ = figure(nlp, sentence)
    assert found.topic == topic


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        # a clause of its own counts what it says, not the figure before it
        (
            "The death toll from Saturday's crush at the harvest festival in the old town rose "
            "to 38 on Monday after seven of the injured died in hospital.",
            ["death toll", "injured"],
        ),
        (
            "The toll from the collapse of the market building near the station reached 20 as "
            "the injured were moved to other hospitals.",
            ["death toll"],
        ),
        ("200 soldiers, mostly conscripts, died in the strike.", ["death toll"]),
    ],
)
def test_a_subordinate_clause_does_not_say_what_the_figure_before_it_counts(nlp, sentence, topics):
    _, claim = figure(nlp, sentence)
    assert [f.topic for f in figures_of(claim)] == topics


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("Forty-five people perished when the ferry sank.", "death toll"),
        ("At least 30 people drowned in the floods.", "death toll"),
        ("Two people were fatally shot.", "death toll"),
        ("More than 600 people were treated in hospitals.", "injured"),
        # an outbreak's count, those still trapped, those brought out alive
        ("The outbreak has infected 40 people in the valley.", "cases"),
        ("Officials confirmed 1,200 cases of cholera.", "cases"),
        ("Twelve miners remain trapped underground.", "trapped"),
        ("At least 30 people were rescued from the building.", "rescued"),
        ("Rescuers pulled 12 survivors alive from the rubble.", "rescued"),
        ("Twenty-five people survived the sinking.", "rescued"),
        # taken to hospital are the injured; those still there a count of their own
        ("The leak sent about 80 people to hospital on Tuesday.", "injured"),
        ("Forty people were taken to hospital with burns.", "injured"),
        ("Nineteen people remain in hospital.", "in hospital"),
        ("Twelve people died in hospital.", "death toll"),
        ("Search teams have found the remains of 60 people.", "death toll"),
        ("One miner remains missing.", "missing"),
        # a disaster's reach
        ("The flood affected 2 million people.", "affected"),
        # a quake's magnitude is no count of anything
        ("A 6.8-magnitude quake killed 80 people.", None),
        ("The magnitude 7.1 earthquake killed 95 people.", None),
        # a name's number or a speed is no count; "killing all 157" are dead
        ("Flight 302 crashed, killing all 157 people on board.", "death toll"),
        ("A Category 4 hurricane killed 30 people.", "death toll"),
        ("Winds of 150 mph killed 9 people.", None),
        # "half of the 40 dead" are the dead
        ("Half of the 40 dead were children.", "death toll"),
        ("The UN said at least 2.3 million people needed aid.", "in need"),
        ("In 12 cases, families were not told.", None),
        # told to leave is not gone, and those in shelters are some of those who left
        ("Evacuation orders were issued for 10,000 residents.", "ordered to leave"),
        ("Nearly 30,000 residents were ordered to leave their homes.", "ordered to leave"),
        ("About 5,000 people have evacuated, officials said.", "displaced"),
        ("Some 300 people were staying in shelters.", "in shelters"),
        ("Authorities said 3,200 people were in evacuation centres.", "in shelters"),
        ("Some 35,000 are staying in relief camps.", "in shelters"),
        # buildings damaged are not buildings destroyed; both at once are the whole
        ("The fire damaged 300 buildings.", "homes damaged"),
        ("The storm damaged or destroyed 4,000 homes.", "homes"),
        ("The blast destroyed 400 buildings.", "homes"),
        ("Officials have put the number of homes lost at around 350.", "homes"),
        ("The quake destroyed 1,500 homes and killed 40.", "homes"),
        ("The attack caused 50 casualties, the army said.", "casualties"),
    ],
)
def test_words_for_what_happened_to_people(nlp, sentence, topic):
    found, _ = figure(nlp, sentence)
    assert found.topic == topic


def test_more_of_the_same_buildings_damaged(nlp):
    _, claim = figure(nlp, "Some 1,500 homes were destroyed and another 3,000 damaged.")
    found = figures_of(claim)
    assert [(f.topic, f.counted, f.whole) for f in found] == [
        ("homes", "buildings", True),
        ("homes damaged", "buildings", True),
    ]


def test_a_word_across_a_comma_is_no_verb_of_the_figure(nlp):
    _, claim = figure(nlp, "Storm Nadia: 8 dead, thousands evacuated")
    assert [f.topic for f in figures_of(claim)] == ["death toll", "displaced"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hundreds of people attended a funeral on Monday for miners killed in the collapse.",
        "Some 200 residents gathered with the families of those killed.",
        "Hundreds attended a memorial for the nine hikers killed in the eruption.",
    ],
)
def test_those_who_mourn_the_dead_are_not_the_dead(nlp, sentence):
    found, _ = figure(nlp, sentence)
    assert found.topic is None


def test_those_pulled_out_alive_are_no_part_of_the_toll_beside_them(nlp):
    _, claim = figure(nlp, "At least five people were killed and 23 were pulled out alive.")
    assert [f.topic for f in figures_of(claim)] == ["death toll", "rescued"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The plane was carrying 144 passengers and six crew members.",
        "The plane was carrying about 144 passengers and at least six crew.",
    ],
)
def test_passengers_and_crew_are_two_parts_of_those_aboard(nlp, sentence):
    _, claim = figure(nlp, sentence)
    assert [(f.topic, f.part) for f in figures_of(claim)] == [("aboard", True)] * 2
    # alone, the passengers are those aboard
    found, _ = figure(nlp, "The train was carrying about 400 passengers.")
    assert found.topic == "aboard" and not found.part


def test_two_reports_of_how_many_were_aboard_disagree(nlp):
    assert verdict(
        nlp,
        ("The train was carrying about 400 passengers, the operator said.",),
        ("The union said nearly 600 people were on board.",),
    )
    # and those aboard are not the dead: "carrying 300 people, killing 12"
    _, claim = figure(nlp, "A ferry carrying 300 people capsized, killing 12.")
    assert [f.topic for f in figures_of(claim)] == ["aboard", "death toll"]


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        ("The union said the train carried nearly 600 passengers, not 400.", [False, True]),
        ("Not 40 but 60 people died, the coroner said.", [True, False]),
        ("Reporters found dozens if not hundreds of deaths.", [False, False]),
    ],
)
def test_a_figure_after_not_is_denied_but_if_not_allows_it(nlp, sentence, denied):
    _, claim = figure(nlp, sentence)
    assert [f.negated for f in figures_of(claim)] == denied


@pytest.mark.parametrize(
    ("sentence", "topics"),
    [
        ("The charity said the quake had killed or injured 8,000 people.", ["casualties"]),
        ("Officials said 40 were killed or injured.", ["casualties"]),
        ("The blast killed 200 and injured 5,000.", ["death toll", "injured"]),
        ("The storm left 12 dead and injured 40.", ["death toll", "injured"]),
    ],
)
def test_killed_or_injured_before_a_figure_counts_both(nlp, sentence, topics):
    _, claim = figure(nlp, sentence)
    assert [f.topic for f in figures_of(claim)] == topics


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        # two sides of a fight are two counts, never one
        (("Nine soldiers were killed.",), ("The army killed 60 militants.",), None),
        (("Rebels said 45 troops died.",), ("Fourteen rebels died.",), None),
        # one side in other words, or armed men of a side the words do not tell
        (("Nine soldiers were killed.",), ("The rebels said 45 troops died.",), True),
        (("At least 37 fighters were killed.",), ("The army killed 60 militants.",), False),
    ],
)
def test_soldiers_and_militants_are_two_sides(nlp, first, second, conflict):
    assert verdict(nlp, first, second) is conflict


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("The fire has burned 12,000 acres, officials said.", "area burned"),
        ("The blaze grew to 7,500 hectares overnight.", "area burned"),
        ("The Ridge Fire exploded to 45,000 acres on Sunday.", "area burned"),
        ("The assessment found 878 ha (2,170 acres) burned.", "area burned"),
        ("The farm covers 300 acres.", None),
        ("A crew of 40 firefighters held back some 500 acres of flames.", None),
    ],
)
def test_the_area_a_fire_burned_is_a_count_of_its_own(nlp, sentence, topic):
    found, claim = figure(nlp, sentence)
    assert found.topic == topic
    if "(" in sentence:  # "(2,170 acres)": the same area in another measure
        assert figures_of(claim)[1].part


def test_areas_in_acres_and_hectares_are_compared_in_one_measure(nlp):
    # 18,500 acres are 7,487 hectares
    assert verdict(nlp, ("The fire grew to 18,500 acres.",), ("It has burned 7,500 ha.",)) is False
    assert verdict(nlp, ("The fire grew to 12,000 acres.",), ("It has burned 7,500 ha.",)) is True
    more, _ = figure(nlp, "The fire burned more than 2,100 acres.")
    exact, _ = figure(nlp, "The fire burned 878 ha.")
    assert same_number(more.quantity, exact.quantity)  # 878 ha are 2,170 acres


@pytest.mark.parametrize(
    ("sentence", "where"),
    [
        ("The storm killed at least 12 people in Jamaica on Sunday.", {"jamaica"}),
        ("The storm has killed at least 42 people in Jamaica and Haiti.", {"jamaica", "haiti"}),
        ("The storm's death toll in Haiti rose to 30.", {"haiti"}),
        ("In Haiti, the worst-hit country, the toll rose to 30.", {"haiti"}),
        # a country that counts its own dead; a toll over all places at once
        ("Syria reported 1,602 deaths on Tuesday.", {"syria"}),
        ("Turkey's disaster agency said 3,419 people had died in the country.", {"turkey"}),
        ("The combined death toll in Turkey and Syria rose above 5,000.", {COMBINED}),
        ("The quake killed more than 2,300 people in the two countries.", {COMBINED}),
        ("The toll in northern Syria rose to 810.", {"syria"}),
        # a country's minister saying the toll is no scope of the count
        ("Lebanon's health minister said 100 people were killed.", set()),
        # where the event was, or a comparison's scope, is not where the count is
        ("After the wildfire in Lahaina, 388 people were still missing.", set()),
        ("The toll of 64 could make it the deadliest disaster in U.S. history.", set()),
    ],
)
def test_a_toll_knows_the_places_it_is_counted_in(nlp, sentence, where):
    found, _ = figure(nlp, sentence)
    assert set(found.where) == where


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        (("The storm killed 12 people in Jamaica.",), ("It killed 30 people in Haiti.",), None),
        (("It killed 30 people in Haiti.",), ("It has killed 42 across the Caribbean.",), None),
        # a place on one side only is the same scope told or not
        (("The blast killed 220 people in Beirut.",), ("The blast killed 200.",), True),
        (("The blast killed 120 people in Beirut.",), ("The blast killed 200.",), True),
        (
            ("Syria reported 1,602 deaths on Tuesday.",),
            ("The combined toll rose above 5,000.",),
            None,
        ),
        # a province's share under the whole toll, and a province's past it
        (("Floods killed 31 people in Dalmar province.",), ("The floods killed 67.",), None),
        (("Floods killed 80 people in Dalmar province.",), ("The floods killed 67.",), True),
    ],
)
def test_tolls_of_two_places_are_two_counts(nlp, first, second, conflict):
    assert verdict(nlp, first, second) is conflict
