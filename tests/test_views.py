from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import ExtractionStatus

from .conftest import ARTICLE_B
from .factories import make_article, make_claim

pytestmark = pytest.mark.django_db


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


def test_list_shows_title_outlet_date_and_claim_count(analyst_client, sample_articles):
    response = analyst_client.get(reverse("claims:article_list"))
    html = response.content.decode()
    article = sample_articles[ARTICLE_B]
    assert response.status_code == 200
    assert article.title in html
    assert f'<td class="num">{article.claims.count()}</td>' in html


def test_list_makes_a_fixed_number_of_queries(analyst_client, django_assert_max_num_queries):
    for i in range(30):
        make_claim(make_article(title=f"Article {i}"))
    with django_assert_max_num_queries(6):  # session, user, count, page
        analyst_client.get(reverse("claims:article_list"))


def test_reader_shows_headline_and_highlights_each_claim(analyst_client, sample_articles):
    article = sample_articles[ARTICLE_B]
    html = analyst_client.get(article.get_absolute_url()).content.decode()
    assert f'<h1 data-start="0">{article.title}</h1>' in html
    for claim in article.claims.all():
        assert f'data-claims="{claim.pk}" data-start="{claim.start}"' in html


def test_user_supplied_text_is_escaped(analyst_client):
    article = make_article(
        title="<script>alert(1)</script>", body="Police said <img src=x onerror=alert(2)> 3 died."
    )
    make_claim(article)
    for url in (reverse("claims:article_list"), article.get_absolute_url()):
        html = analyst_client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unanalysed_article_is_shown_and_marked(analyst_client):
    article = make_article(
        title="عنوان",
        body="نص الخبر",
        extraction_status=ExtractionStatus.NOT_ANALYSED,
        language="ar",
    )
    html = analyst_client.get(article.get_absolute_url()).content.decode()
    assert "نص الخبر" in html and 'lang="ar"' in html
    assert "Not analysed" in html


def test_unknown_article_is_404(analyst_client):
    assert analyst_client.get("/articles/987654/").status_code == 404


def test_post_to_a_read_page_is_refused(analyst_client):
    assert analyst_client.post(reverse("claims:article_list")).status_code == 405
