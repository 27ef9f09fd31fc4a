"""Datelines and time stamps are not claims (invented pages)."""

from __future__ import annotations

import pytest

from claims.nlp.datelines import dateline_length, is_time_stamp, printed_date


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("OSLO—At least 12 people were hurt when a ferry hit the pier.", "OSLO—"),
        ("NEW DELHI – The flood left 30 villages cut off, officials said.", "NEW DELHI – "),
        ("PORTO, Portugal — Rescuers found two more bodies on Monday.", "PORTO, Portugal — "),
        ("Lyon, France (AP) Firefighters fought the blaze for six hours.", "Lyon, France (AP) "),
        ("KNN — The storm cut power to 40,000 homes across the county.", "KNN — "),
        # wire copy: the place, its region, the date it was filed, the agency
        (
            "OSLO, Aug 5 (Reuters) - At least 12 people were hurt when a ferry hit the pier.",
            "OSLO, Aug 5 (Reuters) - ",
        ),
        (
            "HILO, Hawaii, Sept. 10 (AP) — The fire grew to 300 acres overnight.",
            "HILO, Hawaii, Sept. 10 (AP) — ",
        ),
        ("LIMA, March 3, 2024 -- The quake left 40 homes in ruins.", "LIMA, March 3, 2024 -- "),
        # a time stamp glued to the paragraph it heads
        (
            "Published on August 11, 2023 10:47PM EDT An aerial view shows the burned harbor.",
            "Published on August 11, 2023 10:47PM EDT ",
        ),
        (
            "Updated Aug. 12, 2023 at 4:05 p.m. ET The fire grew to 300 acres overnight.",
            "Updated Aug. 12, 2023 at 4:05 p.m. ET ",
        ),
    ],
)
def test_datelines_are_measured(paragraph, dateline):
    assert paragraph[: dateline_length(paragraph)] == dateline


@pytest.mark.parametrize(
    "paragraph",
    [
        "The council said 40 homes were flooded on Monday.",
        "UN officials said 40 homes were flooded.",
        "The World Health Organization (WHO) said the outbreak had slowed.",
        "Paris, the capital, was quiet on Sunday as 300 police patrolled.",
        "Published reports say 40 died at 10:30 on Monday in the town.",
    ],
)
def test_sentences_without_a_dateline_are_left_whole(paragraph):
    assert dateline_length(paragraph) == 0


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("Monday, 3 April 2023", True),
        ("Published: 08.30.20 , 10:51", True),
        ("published : 5 Aug 2020 at 06:26", True),
        ("09/12/2017 00:51 GMT | Updated 11/12/2017 15:40 GMT", True),
        ("August 15, 2021 Updated: August 15, 2021", True),
        ("Rescuers found 12 survivors on 3 April 2023", False),
        ("Monday was quiet", False),
    ],
)
def test_time_stamps(line, stamp):
    assert is_time_stamp(line) is stamp


def test_a_dateline_is_not_part_of_the_first_claim(nlp):
    text = "Ferry hits pier\n\nOSLO—At least 12 people were hurt when a ferry hit the pier."
    texts = [c.text for c in nlp(text)._.claims]
    assert "At least 12 people were hurt when a ferry hit the pier." in texts


def test_a_date_line_above_the_story_is_not_a_claim(nlp):
    text = "Ferry hits pier\n\nMonday, 3 April 2023\n\nAt least 12 people were hurt on the pier."
    texts = [c.text for c in nlp(text)._.claims]
    assert texts == ["At least 12 people were hurt on the pier."]


@pytest.mark.parametrize(
    ("body", "printed"),
    [
        ("Published on August 11, 2023 10:47PM EDT An aerial view shows the harbor.", "2023-08-11"),
        ("Monday, 3 April 2023\n\nThe storm killed 3 people.", "2023-04-03"),
        ("Updated Aug. 12, 2023 at 4:05 p.m. ET The fire grew overnight.", "2023-08-12"),
        # a date in the story is when something happened, not when the page was printed
        ("The blast on Aug. 4, 2020 destroyed the port.", None),
        # "09/12/2017" may be either of two days
        ("09/12/2017 00:51 GMT | Updated 11/12/2017 15:40 GMT\n\nThe toll rose.", None),
    ],
)
def test_the_date_a_page_prints_at_its_top(body, printed):
    found = printed_date(body)
    assert (found.isoformat() if found else None) == printed
