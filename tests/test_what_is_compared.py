"""Which figures are compared at all: different things counted and parts of a whole
are not; one kind of thing in other words is (invented sentences)."""

from __future__ import annotations

import pytest

from .figures import verdict


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # different things counted
        (("Three aid workers were killed on Monday.",), ("41 fighters were killed there.",)),
        (("About 30 people were killed or injured.",), ("About 90 people were killed.",)),
        (("12 children died in the fire.",), ("The fire killed 40 people.",)),
        (("Nine miners died in the disaster.",), ("The death toll rose to 20.",)),
        (("The strike killed 12 civilians.",), ("The strike killed 15 fighters.",)),
        # parts taken for totals
        (("Two more bodies were found on Tuesday.",), ("The toll rose to 40 dead.",)),
        (("Police said two of them died in hospital.",), ("The toll rose to 40 dead.",)),
        (("It killed 40 people, including 12 children.", 1), ("The toll was 20 dead.",)),
        (("The toll is 154, including 25 who are unidentified.", 1), ("It killed 90 people.",)),
        (("At least 120 of the 5,000 injured are critical.",), ("It injured 300 people.",)),
        (("Seven people are missing - three Britons and four Danes.", 1), ("21 are missing.",)),
        (("Of the 45 dead, 30 were found in the town.", 1), ("The toll was 17 dead.",)),
        (("Nearly 1 in 5 homes were destroyed.", 1), ("The storm destroyed 500 homes.",)),
        # "another" of its own verb, or of none it gives
        (("Seventeen died, and another 30 are feared buried.", 1), ("The toll was 17 dead.",)),
        (("Five died on Monday and another three on Tuesday.", 1), ("The toll was 8 dead.",)),
        (("Of those killed, 9 were women and 4 were children.",), ("The toll was 4 dead.",)),
        (
            ("The ferry, which had a capacity of 200, was carrying 350 people.",),
            ("It carried 350 people.",),
        ),
        (("About 10% of the 3,000 residents were killed.", 1), ("It killed 90 people.",)),
        (("Among the dead were two French nationals.",), ("The toll was 22 dead.",)),
        (("Eighteen civilians and four gunmen were killed.", 1), ("The toll was 22 dead.",)),
        (("The dead included 12 children and four firefighters.", 1), ("Nine firefighters died.",)),
        # a count the claim says moved to another: what it used to be
        (("The toll, which stood at 20 on Monday, rose to 45.",), ("The toll was 45 dead.",)),
        # what the count is expected to become: a forecast, no count yet
        (("The toll is expected to rise to 200.",), ("The toll was 45 dead.",)),
        (("Officials fear the death toll could exceed 1,000.",), ("It killed 450 people.",)),
        # a day's share of a running toll
        (("In the past 24 hours, 50 people were killed, the ministry said.", 1), ("It killed 9.",)),
        (("On Tuesday alone, 80 people died.",), ("The toll was 1,250 dead.",)),
        # what a count's change is put down to
        (
            ("The toll rose to 21 on Saturday after two bodies were pulled from the rubble.", 1),
            ("The toll was 17 dead.",),
        ),
    ],
)
def test_different_things_and_parts_are_not_compared(nlp, first, second):
    assert verdict(nlp, first, second) is None


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Roughly 900 fighters attacked the base.",), ("About 400 troops attacked the base.",)),
        (("The blast killed 60 nationals.",), ("The blast killed 90 citizens.",)),
        (("The fire destroyed 200 homes.",), ("The fire destroyed 900 structures.",)),
        (("About 40 people remain unaccounted for.",), ("Some 300 people are missing.",)),
        (("The flood left 40 unaccounted for.",), ("Some 300 people are missing.",)),
        (("It killed 180 people and wounded another 6,000.", 1), ("It injured 500 people.",)),
        # a group larger than the whole it belongs to: both cannot hold
        (("Nine miners died in the disaster.",), ("The death toll rose to eight.",)),
        (("At least 60 migrants drowned.",), ("The death toll rose to 40.",)),
        (("Nine hikers were killed on the volcano.",), ("The death toll rose to 12.",)),
        (("A 6.8-magnitude quake killed 80 people.", 1), ("The quake killed 95 people.",)),
        (("It destroyed 1,500 buildings and damaged 4,000.", 1), ("It damaged 3,000 homes.",)),
        # a crackdown's toll: the protesters killed are the people killed
        (("Troops killed at least 30 protesters.",), ("The ministry said 12 people died.",)),
        (("Police arrested 450 people.",), ("The ministry said 300 were detained.",)),
    ],
)
def test_one_kind_of_thing_in_other_words_is_compared(nlp, first, second):
    assert verdict(nlp, first, second) is True
