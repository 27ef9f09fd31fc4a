"""The timeline of a story's figures: its data, and the page that draws it.

Built from invented figures: no spaCy for the geometry."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from claims import timeline
from claims.fact_table import Entry, Row
from claims.figures import Figure


def _row(outlet: str, published, *figures: tuple[str, float, float | None, str]) -> Row:
    article = SimpleNamespace(outlet=SimpleNamespace(name=outlet), published=published)
    entries = []
    for text, low, high, qualifier in figures:
        q = {"text": text, "low": low, "high": high, "qualifier": qualifier}
        figure = Figure(q, "death toll", "people", False, False, None)
        entries.append(Entry(text, qualifier, "", None, figure, outlet=outlet, published=published))
    return Row(article, {"death toll": entries})


def test_a_rising_toll_is_one_point_per_dated_report_in_date_order():
    rows = [
        _row("Gazette", dt.date(2025, 3, 3), ("99 dead", 99, 99, "exact")),
        _row("Courier", dt.date(2025, 3, 1), ("at least 55 dead", 55, None, "at_least")),
        _row("Herald", None, ("about 80 dead", 80, 80, "about")),
        _row("Gazette", dt.date(2025, 3, 9), ("114 dead", 114, 114, "exact")),
    ]
    (chart,) = timeline.charts(rows)
    assert [p.text for p in chart.points] == ["at least 55 dead", "99 dead", "114 dead"]
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs) and xs[0] == timeline.LEFT and xs[-1] == chart.right_x
    assert chart.points[0].open_ended and not chart.points[1].open_ended
    ys = [p.y_low for p in chart.points]
    assert ys[0] > ys[1] > ys[2], "higher figures are drawn higher up"
    assert chart.undated == [("about 80 dead", "Herald", ())]
    assert [o for o, _ in chart.legend] == ["Courier", "Gazette"]
    assert chart.points[1].colour == chart.points[2].colour, "one colour per outlet"


def test_a_figure_in_conflict_is_ringed_with_what_it_disagrees_with_once():
    first, repeat, other = (
        _row("Gazette", dt.date(2025, 3, 1), ("40 dead", 40, 40, "exact")),
        _row("Gazette", dt.date(2025, 3, 1), ("40 dead", 40, 40, "exact")),
        _row("Courier", dt.date(2025, 3, 1), ("400 dead", 400, 400, "exact")),
    )
    first.cells["death toll"][0].conflicts = ["400 dead"]
    repeat.cells["death toll"][0].conflicts = ["400 dead"]
    (chart,) = timeline.charts([first, repeat, other])
    assert [(p.text, p.conflicts) for p in chart.points] == [
        ("40 dead", ("400 dead",)),
        ("400 dead", ()),
    ], "one point per outlet and day, its conflicts listed once"
    assert chart.any_conflict
    (calm,) = timeline.charts(
        [_row("A", dt.date(2025, 3, d), ("9 dead", 9, 9, "exact")) for d in (1, 2)]
    )
    assert not calm.any_conflict


def test_figures_two_orders_of_magnitude_apart_use_a_log_scale():
    rows = [
        _row("A", dt.date(2025, 1, 1), ("8 dead", 8, 8, "exact")),
        _row("B", dt.date(2025, 6, 1), ("1,900 dead", 1900, 1900, "exact")),
    ]
    (chart,) = timeline.charts(rows)
    assert chart.log and chart.y_ticks


def test_a_count_only_one_dated_report_gives_has_no_chart():
    rows = [_row("A", dt.date(2025, 1, 1), ("16 dead", 16, 16, "exact")), _row("B", None)]
    assert timeline.charts(rows) == []


def test_the_story_page_draws_the_timeline_with_a_table(analyst_client):
    from django.urls import reverse

    from .factories import make_article, make_claim, make_story

    story = make_story("Flood in Exampleton")
    for day, toll in ((1, 12), (4, 40)):
        body = f"Officials said {toll} people died in the flood."
        article = make_article(body=body, story=story, published=dt.date(2025, 3, day))
        q = {"text": f"{toll} people", "low": toll, "high": toll, "qualifier": "exact"}
        start = article.text.index(str(toll))
        q |= {"start": start - article.text.index("Officials"), "end": 0, "unit": "people"}
        q["end"] = q["start"] + len(q["text"])
        make_claim(article, body, quantities=[q])
    page = analyst_client.get(reverse("claims:story_detail", args=[story.pk])).content.decode()
    timelines = reverse("claims:story_timelines", args=[story.pk])
    assert f'hx-get="{timelines}" hx-trigger="load"' in page, "drawn once the page is shown"
    assert "<svg" not in page.split('id="story-timelines"')[1].split("</section>")[0]
    for url in (timelines, reverse("claims:story_facts", args=[story.pk])):
        html = analyst_client.get(url).content.decode()
        assert '<svg viewBox="0 0 640 240" role="img"' in html, url
        assert "Death toll over time" in html and "The figures as a table" in html
        assert html.count('class="timeline-point"') == 2
        assert "conflict-ring" not in html, "an update (another day) is no conflict"


def test_a_story_without_running_counts_draws_no_timeline(analyst_client):
    from django.urls import reverse

    from .factories import make_article, make_story

    story = make_story()
    make_article(story=story, body="Rain is expected on Tuesday.")
    html = analyst_client.get(reverse("claims:story_timelines", args=[story.pk])).content
    assert html.decode().strip() == "", "the placeholder goes"
