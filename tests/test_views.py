"""Read pages: list, search, reader, claim panel; login and escaping."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Article, Claim, ExtractionStatus, Link, Relation
from claims.search import web_query

from .factories import make_article, make_claim

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def test_pages_require_login(client):
    article = make_article()
    for url in (reverse("claims:article_list"), article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_login_page_is_public_and_has_csrf(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content


def test_list_shows_title_outlet_date_and_claim_count(viewer_client, invented_pair):
    html = viewer_client.get(reverse("claims:article_list")).content.decode()
    article = invented_pair[1]
    assert f'<a href="{article.get_absolute_url()}">{article.title}</a>' in html
    assert f'<td class="num">{article.claims.count()}</td>' in html


def test_search_ranks_marks_matches_and_escapes_snippets(viewer_client):
    make_article(title="Harbour strike", body="Dock workers struck: pay < costs & rent.")
    make_article(
        title="Budget", body="Parliament approved the plan; Rotterdam was not mentioned much."
    )
    html = viewer_client.get(reverse("claims:article_list"), {"q": "dock workers"}).content.decode()
    assert "Harbour strike" in html and "Budget" not in html
    assert "<mark>Dock</mark> <mark>workers</mark> struck: pay &lt; costs &amp; rent" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("studies", "<mark>study</mark> groups"),  # the stem's last letter differs
        ('"pay rise"', "a <mark>pay</mark> <mark>rise</mark> was refused"),
        ("harbour refused", "Harbour"),  # words in different paragraphs: the whole text
    ],
)
def test_snippets_show_the_passage_that_matches(db, query, expected):
    from claims.models import Article
    from claims.views.browse import _snippets

    body = "Quiet opening words.\n\nTwo study groups met.\n\nLater a pay rise was refused."
    article = make_article(title="Harbour talks", body=body)
    found = _snippets([article.pk], query)
    assert expected in found[article.pk]
    assert Article.objects.filter(search_vector=web_query(query), pk=article.pk).exists()


def test_a_snippet_with_only_excluded_words_shows_the_start(db):
    from claims.views.browse import _snippets

    article = make_article(title="Harbour talks", body="Quiet opening words.")
    assert "Harbour talks" in _snippets([article.pk], "-strike")[article.pk]


def test_search_pages_are_best_first_among_the_newest_matches(viewer_client, monkeypatch):
    from claims.views import browse

    monkeypatch.setattr(browse, "MAX_RANKED", 4)
    monkeypatch.setattr(browse, "PER_PAGE", 2)
    strong = "Dock strike. Dock workers at the dock struck the dock."
    for day, body in enumerate([strong, "Dock news.", strong, "A dock.", strong, "Docks."], 1):
        make_article(title=f"Report {day}", body=body, published=f"2024-01-{day:02d}")
    url = reverse("claims:article_list")
    pages = [viewer_client.get(url, {"q": "dock", "page": n}) for n in (1, 2)]
    titles = [[a.title for a in p.context["rows"]] for p in pages]
    # The 4 newest matches (days 3-6), the two strong ones first, newest first on ties.
    assert titles == [["Report 5", "Report 3"], ["Report 6", "Report 4"]]
    assert "The 4 newest of many articles" in pages[0].content.decode()


def test_search_uses_web_syntax(viewer_client):
    make_article(title="Port news", body="Rotterdam dock workers struck.")
    make_article(title="Other port news", body="Rotterdam dock workers voted.")
    html = viewer_client.get("/", {"q": "rotterdam -struck"}).content.decode()
    assert "Other port news" in html and ">Port news<" not in html


def test_htmx_search_returns_only_the_results_region(viewer_client):
    make_article(title="Harbour strike", body="Dock workers in Rotterdam struck.")
    response = viewer_client.get("/", {"q": "rotterdam"}, headers={**HX, "HX-Target": "results"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"') and "<html" not in html


def test_filters_by_outlet_date_and_conflicts(viewer_client, invented_pair):
    a, b = invented_pair
    Link.objects.create(
        source=a.claims.first(), target=b.claims.first(), relation=Relation.CONTRADICTS
    )
    lonely = make_article(title="Unlinked piece")
    html = viewer_client.get("/", {"has_conflicts": "on"}).content.decode()
    assert a.title in html and lonely.title not in html
    html = viewer_client.get("/", {"published_from": "2030-01-01"}).content.decode()
    assert "No articles match." in html


def test_invalid_filter_values_are_reported_not_500(viewer_client):
    response = viewer_client.get("/", {"published_from": "yesterday", "outlet": "99999"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_list_makes_a_fixed_number_of_queries(viewer_client, django_assert_max_num_queries):
    for i in range(30):
        make_claim(make_article(title=f"Article {i}"))
    with django_assert_max_num_queries(9):
        viewer_client.get(reverse("claims:article_list"))


@pytest.mark.parametrize(
    "page", ["list", "search", "reader", "compare", "conflicts", "story", "story facts"]
)
def test_pages_leave_the_columns_only_sql_reads_in_the_database(viewer_client, invented_pair, page):
    """The search vector is as long as the text, the name keys serve the matchers:
    a page that selected them would parse them on every request for nothing (the
    reader ranks its compare-with picker by the article's own keys)."""
    a, b = invented_pair
    url = {
        "list": "/",
        "search": "/?q=Assad",
        "reader": a.get_absolute_url(),
        "compare": reverse("claims:compare", args=[a.pk, b.pk]),
        "conflicts": reverse("claims:conflict_list"),
        "story": reverse("claims:story_detail", args=[a.story_id]),
        "story facts": reverse("claims:story_facts", args=[a.story_id]),
    }[page]
    with CaptureQueriesContext(connection) as queries:
        assert viewer_client.get(url).status_code == 200
    columns = "search_vector" if page in ("reader", "compare") else "search_vector|entity_keys"
    article_column = re.compile(
        rf'(?:^SELECT |, )(?:"claims_article"|T\d+)\."(?:{columns})"(?:,|$)'
    )  # selected as a column, not read by SQL (as ts_rank reads the vector)
    selected = [q["sql"].split(" FROM ")[0] for q in queries.captured_queries]
    assert not [s for s in selected if article_column.search(s)]


def test_reader_shows_headline_and_highlights_each_claim(viewer_client, invented_pair):
    article = invented_pair[1]
    html = viewer_client.get(article.get_absolute_url()).content.decode()
    assert f'<h1 class="para" data-start="0">{article.title}</h1>' in html
    for claim in article.claims.all():
        assert f'data-claims="{claim.pk}" data-start="{claim.start}"' in html


def test_the_readers_claim_list_shows_every_change_made_in_place(viewer_client, invented_pair):
    article = invented_pair[0]
    claim = article.claims.exclude(speaker="").first()
    listed = f'<li id="claim-{claim.pk}">'
    assert listed in viewer_client.get(article.get_absolute_url()).content.decode()
    changes = [
        {"speaker": "A Later Speaker"},
        {"text": "Re-extracted: " + claim.text},
        {"entities": [{"text": "Deir Ezzor Province", "label": "GPE", "start": 0, "end": 5}]},
        {"quantities": [{"text": "some 300", "qualifier": "about", "unit": "people"}]},
        {"hedged": True},
        {"origin": "manual"},
    ]
    for change in changes:  # as re-extraction writes them: in place, same ids
        Claim.objects.filter(pk=claim.pk).update(**change)
        html = viewer_client.get(article.get_absolute_url()).content.decode()
        shown = html[html.index(listed) :].split("</li>")[0]
        expected = {
            "speaker": "A Later Speaker",
            "text": "Re-extracted: ",
            "entities": "Deir Ezzor Province",
            "quantities": "some 300",
            "hedged": '"badge">hedged<',
            "origin": '"badge">manual<',
        }[next(iter(change))]
        assert expected in shown, change
    claim.delete()
    assert listed not in viewer_client.get(article.get_absolute_url()).content.decode()


def test_reader_marks_linked_claims_by_relation(viewer_client, invented_pair):
    a, b = invented_pair
    claim = a.claims.first()
    Link.objects.create(source=claim, target=b.claims.first(), relation=Relation.SUPPORTS)
    html = viewer_client.get(a.get_absolute_url()).content.decode()
    assert f'class="claim rel-supports" data-claims="{claim.pk}"' in html


def test_reader_offers_same_story_articles_first_to_compare(viewer_client, invented_pair):
    from claims.models import Story

    a, b = invented_pair
    story = Story.objects.create(name="Deir Ezzor")
    make_article(title="Unrelated budget news", body="Parliament approved the budget.")
    a.story = b.story = story
    a.save(), b.save()
    html = viewer_client.get(a.get_absolute_url()).content.decode()
    picker = html[html.index("Compare with") :]
    assert picker.index(b.title) < picker.index("Unrelated budget news")


def test_reader_offers_articles_sharing_names_before_newer_ones(viewer_client, invented_pair):
    a, b = invented_pair
    Article.objects.filter(pk__in=[a.pk, b.pk]).update(story=None, published="2018-02-13")
    newer = make_article(title="Unrelated budget news", body="Parliament approved the budget.")
    Article.objects.filter(pk=newer.pk).update(published="2018-03-01")
    picker = viewer_client.get(a.get_absolute_url()).content.decode()
    picker = picker[picker.index("Compare with") :]
    assert picker.index(b.title) < picker.index("Unrelated budget news")


def test_claim_panel_as_fragment_and_as_page(viewer_client, invented_pair):
    a = invented_pair[0]
    claim = a.claims.first()
    url = reverse("claims:claim_detail", args=[a.pk, claim.pk])
    fragment = viewer_client.get(url, headers=HX).content.decode()
    page = viewer_client.get(url).content.decode()
    assert fragment.startswith("<h2>Claim</h2>") and "<html" not in fragment
    assert "<html" in page and "<h2>Claim</h2>" in page


def test_claim_of_another_article_is_404(viewer_client, invented_pair):
    a, b = invented_pair
    url = reverse("claims:claim_detail", args=[a.pk, b.claims.first().pk])
    assert viewer_client.get(url).status_code == 404


def test_user_supplied_text_is_escaped(viewer_client):
    article = make_article(
        title="<script>alert(1)</script>", body="Police said <img src=x onerror=alert(2)> 3 died."
    )
    make_claim(article)
    for url in (reverse("claims:article_list"), article.get_absolute_url()):
        html = viewer_client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_claim_facts_are_drawn_escaped_in_the_list_and_the_panel(viewer_client):
    article = make_article(body="Police said 3 <b>people</b> died.")
    claim = make_claim(
        article,
        speaker="<i>Police</i>",
        hedged=True,
        entities=[{"text": "<script>x</script>", "label": "ORG", "start": 0, "end": 6}],
        quantities=[{"text": "3", "qualifier": "exactly", "unit": '"people"'}],
    )
    panel = reverse("claims:claim_detail", args=[article.pk, claim.pk])
    for html in (
        viewer_client.get(article.get_absolute_url()).content.decode(),
        viewer_client.get(panel, headers=HX).content.decode(),
    ):
        assert "<dt>Speaker</dt><dd>&lt;i&gt;Police&lt;/i&gt;</dd>" in html
        assert '<span class="quantity" title="exactly, &quot;people&quot;">3</span>' in html
        assert (
            '<span class="entity">&lt;script&gt;x&lt;/script&gt; <small>organisation</small>'
            in html
        )
        assert '<p class="flags"><span class="badge">hedged</span></p>' in html
        assert "<script>x" not in html and "<i>Police" not in html


def test_menus_select_the_chosen_option_and_escape_labels():
    from claims.templatetags.menus import options

    html = options([(1, "Reuters"), (12, "<b>AP</b>")], "12")
    assert html == (
        '<option value="1">Reuters</option>'
        '<option value="12" selected>&lt;b&gt;AP&lt;/b&gt;</option>'
    )
    assert "selected" not in options([("", "Any"), (1, "One")])


def test_unanalysed_article_is_shown_and_marked(viewer_client):
    article = make_article(
        title="عنوان",
        body="نص الخبر",
        extraction_status=ExtractionStatus.NOT_ANALYSED,
        language="ar",
    )
    html = viewer_client.get(article.get_absolute_url()).content.decode()
    assert "نص الخبر" in html and 'lang="ar"' in html
    assert "Not analysed" in html


def test_unknown_article_is_404(viewer_client):
    assert viewer_client.get("/articles/987654/").status_code == 404


def test_post_to_a_read_page_is_refused(viewer_client):
    assert viewer_client.post(reverse("claims:article_list")).status_code == 405


def test_only_admins_delete_articles(client, analyst, admin_user):
    article = make_article()
    url = reverse("claims:article_delete", args=[article.pk])
    client.force_login(analyst)
    assert client.post(url).status_code == 403
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not type(article).objects.filter(pk=article.pk).exists()


def test_health_check_needs_no_login(client):
    response = client.get(reverse("claims:healthz"))
    assert response.status_code == 200 and response.content == b"ok"


def test_the_has_conflicts_filter_agrees_with_the_dashboard(analyst_client):
    from .factories import make_article, make_conflict

    row = make_conflict()  # an open suggested conflict, no link drawn
    make_article(title="Quiet day in Exampleton")
    html = analyst_client.get(reverse("claims:article_list"), {"has_conflicts": "on"}).content
    html = html.decode()
    assert "2 articles" in html and "Quiet day" not in html
    assert row.article_a.title in html and "✕ conflicts" in html
    row.status, row.status_reason = "dismissed", "different towns"
    row.save()
    html = analyst_client.get(reverse("claims:article_list"), {"has_conflicts": "on"}).content
    assert "0 articles" in html.decode()


def test_two_articles_ticked_on_the_list_open_side_by_side(viewer_client):
    from claims.forms import CHOOSE_TWO

    from .factories import make_article

    a, b, c = make_article(), make_article(), make_article()
    url = reverse("claims:compare_chosen")
    response = viewer_client.get(url, {"articles": [b.pk, a.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("claims:compare", args=[a.pk, b.pk])
    for wrong in ([a.pk], [a.pk, b.pk, c.pk], ["x", a.pk], []):
        response = viewer_client.get(url, {"articles": wrong})
        assert response.status_code == 400, wrong
    assert CHOOSE_TWO in viewer_client.get(url, {"articles": [a.pk]}).content.decode()
    listing = viewer_client.get(reverse("claims:article_list")).content.decode()
    assert 'form="compare-chosen"' in listing and "Compare the two ticked" in listing


def test_the_story_page_compares_its_two_chosen_articles(viewer_client):
    from .factories import make_article, make_story

    story = make_story()
    a, b = make_article(story=story), make_article(story=story)
    page = viewer_client.get(reverse("claims:story_detail", args=[story.pk])).content.decode()
    assert "Compare the two chosen" in page and f'value="{a.pk}"' in page
    response = viewer_client.post(reverse("claims:compare_chosen"), {"articles": [a.pk, b.pk]})
    assert response["Location"] == reverse("claims:compare", args=[a.pk, b.pk])


def test_searching_a_name_finds_it_in_any_spelling(viewer_client):
    from types import SimpleNamespace

    from claims.services.stories import entity_keys_of

    from .factories import make_article

    # (factories store no claims: each article's name keys from its one spelling)
    for title, body, name in (
        ("Assad visits the front", "Bashar al-Assad spoke on Monday.", "Bashar al-Assad"),
        ("Damascus talks", "Bashir Assad met envoys on Tuesday.", "Bashir Assad"),
    ):
        claim = SimpleNamespace(entities=[{"text": name, "label": "PERSON"}])
        make_article(title=title, body=body, entity_keys=entity_keys_of([claim]))
    make_article(title="Weather", body="Rain fell on Monday.")
    html = viewer_client.get(reverse("claims:article_list"), {"q": "Bashir Assad"}).content
    html = html.decode()
    assert "Assad visits the front" in html and "Damascus talks" in html
    assert "Weather" not in html
