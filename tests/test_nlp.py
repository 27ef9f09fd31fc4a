"""The spaCy components on their own: no database."""

from __future__ import annotations

import pytest

from claims.ingest.text import canonical_text, split_headline
from claims.nlp.language import detect_language
from claims.nlp.pipeline import NEEDED
from claims.nlp.quantities import find_quantities

from .conftest import ARTICLE_A, ARTICLE_B


def claims_of(nlp, text: str):
    return nlp(text)._.claims


@pytest.fixture(scope="module")
def sample_claims(nlp, corpus):
    result = {}
    for name in (ARTICLE_A, ARTICLE_B):
        text = canonical_text(*split_headline((corpus / name).read_text(encoding="utf-8")))
        result[name] = (text, claims_of(nlp, text))
    return result


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The toll stood at about 100 on Friday.", ("about 100", 100, 100, "about", None)),
        (
            "It left over 100 fighters dead.",
            ("over 100 fighters", 100, None, "more_than", "fighter"),
        ),
        (
            "More than 200 soldiers died.",
            ("More than 200 soldiers", 200, None, "more_than", "soldier"),
        ),
        ("There were 200 to 300 injured.", ("200 to 300 injured", 200, 300, "range", "injured")),
        ("The unit (300 – 500) advanced.", ("300 – 500", 300, 500, "range", None)),
        ("Reports put the number as high as 200.", ("as high as 200", None, 200, "at_most", None)),
        ("Hundreds wounded were taken away.", ("Hundreds wounded", 100, 999, "vague", "wounded")),
        ("They killed scores of mercenaries.", ("scores", 40, 199, "vague", "mercenary")),
        ("The base is eight kilometers east.", ("eight kilometers", 8, 8, "exact", "kilometer")),
        (
            "It lasted approximately three hours.",
            ("approximately three hours", 3, 3, "about", "hour"),
        ),
        ("Prices rose 5% this year.", ("5%", 5, 5, "exact", "percent")),
        ("It cost $3.5 million to build.", ("3.5 million", 3_500_000, 3_500_000, "exact", "USD")),
        (
            "Between 2 and 3 million people fled.",
            ("Between 2 and 3 million people", 2_000_000, 3_000_000, "range", "people"),
        ),
    ],
)
def test_quantities_become_intervals_with_qualifier_and_unit(nlp, sentence, expected):
    found = [(q.text, q.low, q.high, q.qualifier, q.unit) for q in find_quantities(nlp(sentence))]
    assert expected in found


def test_dates_product_names_and_release_numbers_are_not_quantities(nlp):
    doc = nlp("On Feb. 8, 2018, Release # 20180208-01 said B-52 and F-15 jets flew.")
    assert find_quantities(doc) == []


def test_quantity_offsets_point_into_the_text(nlp):
    text = "Officials said 😀 about 1,200 people\u00a0fled."
    for q in nlp(text)._.quantities:
        assert text[q.start : q.end] == q.text


def test_every_gold_sentence_is_inside_an_extracted_claim(sample_claims, gold):
    for group in ("contradicts", "same", "internal_conflicts"):
        for pair in gold[group]:
            for side in ("a", "b"):
                text, claims = sample_claims[pair[side]["article"]]
                quote = pair[side]["quote"]
                assert any(quote in c.text for c in claims), f"{group}: {quote!r} not a claim"


def test_claim_text_equals_the_text_at_its_offsets(sample_claims):
    for text, claims in sample_claims.values():
        assert claims
        for claim in claims:
            assert text[claim.start : claim.end] == claim.text
            assert claim.text == claim.text.strip()
            for item in claim.entities + claim.quantities:
                assert text[item["start"] : item["end"]] == item["text"]


def test_headline_with_a_figure_is_a_claim_but_a_bare_heading_is_not(sample_claims):
    text_a, claims_a = sample_claims[ARTICLE_A]
    text_b, claims_b = sample_claims[ARTICLE_B]
    assert claims_a[0].start == 0 and "100 Dead" in claims_a[0].text
    assert all(c.start > text_b.index("\n\n") for c in claims_b)


def test_leftovers_lead_ins_and_exclamations_are_not_claims(sample_claims):
    texts = [c.text for _, claims in sample_claims.values() for c in claims]
    assert not any(t.endswith("(link)") for t in texts)
    assert "As reported by Bloomberg:" not in texts
    assert "Oh dear." not in texts
    assert not any(t.startswith("Reference Material") for t in texts)


def test_bylines_and_empty_lines_are_not_claims(nlp):
    text = (
        "Storm hits coast\n\nBy Jane Doe, Staff Reporter\n\n\n\n"
        "The storm killed 3 people in Lisbon, police said."
    )
    assert [c.text for c in claims_of(nlp, text)] == [
        "The storm killed 3 people in Lisbon, police said."
    ]


def test_a_page_that_prints_its_headline_again_states_it_once(nlp):
    headline = "Port Vellan's Death Toll May Be 1,052, New Study Finds"
    text = (
        f"{headline}\n\n09/12/2017 00:51 GMT | Updated 11/12/2017 15:40 GMT\n\n{headline}\n\n"
        "The official death toll is 64, the government said on Monday."
    )
    assert [c.text for c in claims_of(nlp, text)] == [
        headline,
        "The official death toll is 64, the government said on Monday.",
    ]


def test_a_sentence_that_opens_like_a_byline_is_still_a_claim(nlp):
    for text in (
        "By Tuesday, the toll had risen to 114, officials said.",
        "From those interviews, analysts concluded that 2,310 people died.",
        "by then the flood had destroyed 300 homes in Tarrow.",
    ):
        assert [c.text for c in claims_of(nlp, text)] == [text]
    for byline in ("By Jane Doe and John Roe, Associated Press", "From Staff Reports"):
        text = f"Storm hits coast\n\n{byline}\n\nThe storm killed 3 people in Lisbon."
        assert [c.text for c in claims_of(nlp, text)] == ["The storm killed 3 people in Lisbon."]


def test_a_quotation_over_several_sentences_is_one_claim(sample_claims):
    _, claims = sample_claims[ARTICLE_B]
    frolov = [c for c in claims if "big scandal" in c.text]
    assert len(frolov) == 1 and frolov[0].text.endswith("nothing happened.””")


def _speaker(sample_claims, name: str, fragment: str) -> str:
    _, claims = sample_claims[name]
    return next(c.speaker for c in claims if fragment in c.text)


@pytest.mark.parametrize(
    ("name", "fragment", "speaker"),
    [
        (ARTICLE_A, "More than 200 contract soldiers", "two Russians (via Bloomberg)"),
        (ARTICLE_A, "According to", "Colonel Thomas F. Veale"),
        (ARTICLE_A, "Coalition officials were in regular", "Colonel Thomas F. Veale"),
        (ARTICLE_B, "Bloomberg\u00a0reported", "Bloomberg"),
        (ARTICLE_A, "This is a big scandal", "Vladimir Frolov"),
        (ARTICLE_B, "This is a big scandal", "Vladimir Frolov (via Bloomberg)"),
        (ARTICLE_A, "Russia’s military said", "Russia’s military"),
    ],
)
def test_speaker_attribution(sample_claims, name, fragment, speaker):
    assert _speaker(sample_claims, name, fragment) == speaker


def test_a_passive_subject_is_not_a_speaker(nlp):
    (claim,) = claims_of(nlp, "No deaths among the 40 soldiers were reported.")
    assert claim.speaker == ""


def test_a_bare_number_is_a_count_not_a_speaker(nlp):
    text = "Of the 500 homes in the survey, 21 reported deaths and the team extrapolated."
    (claim,) = claims_of(nlp, text)
    assert claim.speaker == ""
    (named,) = claims_of(nlp, "Two officials reported 21 deaths in the village.")
    assert named.speaker == "Two officials"


def test_a_source_given_after_per_is_the_speaker(nlp):
    (claim,) = claims_of(nlp, "The death toll stands at 56, per the Health Ministry.")
    assert claim.speaker == "the Health Ministry"
    (rate,) = claims_of(nlp, "The aid came to 40 dollars per person, officials said.")
    assert rate.speaker == "officials"
    (data,) = claims_of(
        nlp, "The blast killed 3, according to the latest figures from the health ministry."
    )
    assert data.speaker == "the health ministry"


def test_quotes_and_hedges_are_flagged(sample_claims):
    _, claims = sample_claims[ARTICLE_A]
    frolov = next(c for c in claims if "big scandal" in c.text)
    rogue = next(c for c in claims if "may have been a rogue operation" in c.text)
    assert frolov.is_quote and not frolov.hedged
    assert rogue.hedged and not rogue.is_quote


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("At least 100 people are feared dead, officials said.", True),
        ("It is believed that 40 people died in the fire.", True),
        ("At least 40 people are thought to have died.", True),
        ("The toll is expected to rise to 200.", True),
        ("At least 40 people died in the fire, officials said.", False),
    ],
)
def test_beliefs_fears_and_expectations_are_hedges(nlp, sentence, hedged):
    (claim,) = claims_of(nlp, sentence)
    assert claim.hedged is hedged


def test_only_needed_components_run(nlp):
    active = set(nlp.pipe_names)
    assert active - NEEDED == {"newsdesk_paragraphs", "newsdesk_quantities", "newsdesk_claims"}
    assert "senter" not in active


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister said on Monday that the talks would resume in the spring.", "en"),
        ("قال المتحدث إن المحادثات ستستأنف في الربيع المقبل بعد توقف طويل", "ar"),
        ("Министр заявил в понедельник, что переговоры возобновятся весной.", "ru"),
        ("Le ministre a déclaré lundi que les négociations reprendraient au printemps.", "und"),
    ],
)
def test_language_detection(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Forty-two people were killed.", ("Forty-two people", 42, 42, "exact")),
        ("Ninety-one were injured in the crash.", ("Ninety-one", 91, 91, "exact")),
        (
            "One hundred and seventy homes burned.",
            ("One hundred and seventy homes", 170, 170, "exact"),
        ),
        (
            "Some two million people fled.",
            ("Some two million people", 2_000_000, 2_000_000, "about"),
        ),
        (
            "Three thousand four hundred and five voted.",
            ("Three thousand four hundred and five", 3405, 3405, "exact"),
        ),
        ("An estimated 1K people are missing.", ("An estimated 1K people", 1000, 1000, "about")),
        ("The fire destroyed 2 207 structures.", ("2 207 structures", 2207, 2207, "exact")),
        ("A thousand firefighters came.", ("A thousand firefighters", 1000, 1000, "exact")),
        ("Nearly two dozen people died.", ("Nearly two dozen people", 24, 24, "about")),
        ("Half a million people fled.", ("Half a million people", 500_000, 500_000, "exact")),
        ("Half a dozen people were hurt.", ("Half a dozen people", 6, 6, "exact")),
        ("Several hundred people were hurt.", ("Several hundred people", 300, 900, "vague")),
        ("A few dozen homes burned.", ("A few dozen homes", 24, 60, "vague")),
    ],
)
def test_numbers_in_words_and_digits(nlp, sentence, expected):
    found = [(q.text, q.low, q.high, q.qualifier) for q in find_quantities(nlp(sentence))]
    assert expected in found


@pytest.mark.parametrize(
    ("sentence", "notation"),
    [
        ("The crowd was larger than forty and smaller than ninety.", "(40,90)"),
        ("Officials counted no fewer than 12 and no more than 30 boats.", "[12,30]"),
        ("Between twelve and twenty ships sank.", "[12,20]"),
        ("They found 300 or more cases.", "[300,)"),
        ("They found 300 or fewer cases.", "(,300]"),
        ("The toll may exceed 500.", "(500,)"),
        ("Up to 40 villages were cut off.", "(,40]"),
        ("Prices ranged from five hundred to two thousand.", "[500,2000]"),
        ("It caused between $3.8 billion and $4.6 billion in damage.", "[3800000000,4600000000]"),
        ("More than half of the homes were lost.", "(0.5,)"),
    ],
)
def test_ranges_and_bounds_keep_their_open_sides(nlp, sentence, notation):
    from claims.nlp.quantities import interval_notation

    assert notation in {interval_notation(q) for q in find_quantities(nlp(sentence))}


def test_a_number_the_tagger_takes_for_a_date_is_still_a_number(nlp):
    doc = nlp("The office said the death toll from the fires was now 36, up six from before.")
    assert 36 in [q.low for q in find_quantities(doc)]


def test_days_after_a_month_are_dates_even_when_the_tagger_misses_them(nlp):
    doc = nlp("The fire burned from August 8 to 9 and killed at least 80 people.")
    assert [q.low for q in find_quantities(doc)] == [80]


def test_a_time_phrase_after_a_number_is_not_what_it_counts(nlp):
    doc = nlp("The count was raised to 480 last month, officials said.")
    (q,) = [q for q in doc._.quantities if q.low == 480]
    assert q.unit is None


def test_a_change_verb_far_from_its_from_to_still_makes_two_figures(nlp):
    doc = nlp(
        "The mayor raised the valley's official count of the dead from the floods from 12 "
        "to 340 on Friday."
    )
    values = sorted((q.low, q.high) for q in doc._.quantities if q.low in (12, 340))
    assert values == [(12, 12), (340, 340)], "a change, not a range from 12 to 340"


def test_no_one_is_nobody_not_a_count_of_one(nlp):
    doc = nlp("No one was injured when the wagons overturned, but one guard was hurt later.")
    assert [(q.text, q.low) for q in find_quantities(doc)] == [("one guard", 1)]


def test_a_name_does_not_run_on_into_the_verb_after_it(nlp):
    (claim,) = claims_of(nlp, "Belsk mourns Korvath miners\n\nNine miners died in Belsk.")[:1]
    names = [e["text"] for e in claim.entities]
    assert "Belsk mourns" not in names and "Belsk" in names


def test_a_sentence_disputing_a_figure_by_a_noun_is_a_claim_that_names_it(nlp):
    """ "Critics said the figure is inflated": a claim, disputing the last count given in
    the sentences just before it; a wire's routine caution disputes nothing, and a
    sentence with a count of its own speaks of that one."""
    text = (
        "Officials put the death toll from the landslide at 1,250 on Monday. "
        "The report was read out on state radio. "
        "But the figure is inflated, according to aid workers in the valley. "
        "Reporters could not independently verify the figure. "
        "The official toll of 64 is far too low, critics said."
    )
    claims = {" ".join(c.text.split()[:2]): c for c in nlp(text)._.claims}
    disputed = claims["But the"].disputes
    assert [d["at"] for d in disputed] == [text.index("1,250")]
    assert disputed[0]["text"].startswith("Officials put")
    assert claims["The official"].disputes == []
    assert [c for c in claims if c != "But the" and claims[c].disputes] == []
