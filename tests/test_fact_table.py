"""The fact table's marks: conflicts between reports of one day, updates of a running
count between days, each other figure named once. Invented claims, no spaCy."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from claims import fact_table

MARCH_1, MARCH_5 = dt.date(2031, 3, 1), dt.date(2031, 3, 5)


def _article(pk: int, published):
    return SimpleNamespace(pk=pk, published=published, outlet=SimpleNamespace(name=f"O{pk}"))


def _claim(article_id: int, *figures: int):
    """ "12 people were killed, and 13 people were killed." with quantities marked."""
    parts, quantities = [], []
    for n in figures:
        start = len(" and ".join(parts)) + (5 if parts else 0)
        said = f"{n} people"
        quantities.append(
            {"text": said, "start": start, "end": start + len(said), "low": n, "high": n}
            | {"qualifier": "exact", "unit": "people"}
        )
        parts.append(f"{said} were killed")
    text = " and ".join(parts) + "."
    return SimpleNamespace(
        article_id=article_id, start=0, text=text, speaker="", quantities=quantities, entities=[]
    )


def _marks(rows, pk: int) -> list[tuple[str, list[str], list[str]]]:
    (row,) = [r for r in rows if r.article.pk == pk]
    return [(e.text, e.conflicts, e.updates) for e in row.cells["death toll"]]


def test_reports_of_one_day_conflict_and_a_later_one_is_an_update():
    articles = [_article(1, MARCH_1), _article(2, MARCH_1), _article(3, MARCH_5)]
    claims = [_claim(1, 100), _claim(2, 200), _claim(3, 300)]
    topics, rows = fact_table.build(articles, claims)
    assert topics == ["death toll"]
    assert _marks(rows, 1) == [("100 people", ["200 people"], ["300 people"])]
    assert _marks(rows, 3) == [("300 people", [], ["100 people", "200 people"])]


def test_a_figure_many_reports_repeat_is_named_once():
    articles = [_article(pk, MARCH_1) for pk in range(1, 6)]
    claims = [_claim(1, 100)] + [_claim(pk, 200) for pk in range(2, 6)]
    _, rows = fact_table.build(articles, claims)
    assert _marks(rows, 1) == [("100 people", ["200 people"], [])]
    assert _marks(rows, 2) == [("200 people", ["100 people"], [])]


def test_two_figures_of_one_article_are_not_set_against_each_other():
    _, rows = fact_table.build([_article(1, MARCH_1)], [_claim(1, 100, 200)])
    assert _marks(rows, 1) == [("100 people", [], []), ("200 people", [], [])]


def test_undated_reports_disagree_rather_than_update():
    articles = [_article(1, None), _article(2, MARCH_5)]
    _, rows = fact_table.build(articles, [_claim(1, 100), _claim(2, 300)])
    assert _marks(rows, 1) == [("100 people", ["300 people"], [])]


def test_a_conflict_an_analyst_settled_marks_no_cell():
    articles = [_article(pk, MARCH_1) for pk in (1, 2, 3)]
    claims = [_claim(1, 100), _claim(2, 200), _claim(3, 200)]
    for pk, claim in zip((11, 12, 13), claims, strict=True):
        claim.pk = pk
    _, rows = fact_table.build(articles, claims, frozenset({frozenset((11, 12))}))
    assert _marks(rows, 1) == [("100 people", ["200 people"], [])], "another report gives 200"
    assert _marks(rows, 2) == [("200 people", [], [])], "its conflict was dismissed"
    settled = frozenset({frozenset((11, 12)), frozenset((11, 13))})
    _, rows = fact_table.build(articles, claims, settled)
    assert all(_marks(rows, pk)[0][1] == [] for pk in (1, 2, 3))


def _outlet_article(pk: int, published, outlet: str):
    return SimpleNamespace(pk=pk, published=published, outlet=SimpleNamespace(name=outlet))


def test_rows_per_outlet_hold_each_outlets_latest_figure():
    articles = [
        _outlet_article(1, MARCH_1, "Gazette"),
        _outlet_article(2, MARCH_5, "Gazette"),
        _outlet_article(3, MARCH_1, "Courier"),
    ]
    topics, rows = fact_table.build(articles, [_claim(1, 100), _claim(2, 300), _claim(3, 200)])
    grouped = fact_table.regroup(topics, rows, "outlet")
    assert [r.label for r in grouped] == ["Courier", "Gazette"]
    (gazette,) = grouped[1].columns[0].figures
    assert (gazette.text, gazette.published) == ("300 people", MARCH_5), "its newest report"
    assert gazette.updates == ["100 people", "200 people"], "marks as in the article rows"


def test_rows_per_source_join_outlets_that_quote_one_source():
    articles = [_outlet_article(pk, MARCH_1, f"O{pk}") for pk in (1, 2, 3)]
    claims = [_claim(1, 100), _claim(2, 100), _claim(3, 200)]
    claims[0].speaker = claims[1].speaker = "the civil defence"
    topics, rows = fact_table.build(articles, claims)
    grouped = fact_table.regroup(topics, rows, "source")
    assert [r.label for r in grouped] == ["O3 (no source named)", "the civil defence"]
    (figure,) = grouped[1].columns[0].figures
    assert figure.text == "100 people", "one figure, however many outlets quote it"


def test_the_fact_table_page_switches_its_rows(analyst_client):
    from django.urls import reverse

    from .factories import make_article, make_claim, make_outlet, make_story

    story = make_story()
    for outlet, toll in (("Gazette", 12), ("Courier", 40)):
        body = f"Officials said {toll} people died in the flood."
        article = make_article(body=body, story=story, outlet=make_outlet(outlet))
        start = body.index(str(toll))
        q = {"text": f"{toll} people", "start": start, "end": start + len(f"{toll} people")}
        make_claim(article, body, quantities=[q | {"low": toll, "high": toll, "unit": "people"}])
    url = reverse("claims:story_facts", args=[story.pk])
    html = analyst_client.get(url, {"by": "outlet"}).content.decode()
    assert "Figures per outlet" in html and '<th scope="row">Courier</th>' in html
    assert "one per article</a>" in html and 'aria-current="page">one per outlet' in html
    html = analyst_client.get(url, {"by": "nonsense"}).content.decode()
    assert "Figures per article" in html, "an unknown choice shows the default"
