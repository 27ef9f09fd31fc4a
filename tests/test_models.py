from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import SAME_ARTICLE, SPAN_MISMATCH, Article, Claim, Link, Note, Relation

from .factories import make_article, make_claim

pytestmark = pytest.mark.django_db


def test_claim_text_must_equal_the_article_text_between_its_offsets():
    article = make_article(body="The toll rose to 40 on Tuesday.")
    with pytest.raises(ValidationError, match=SPAN_MISMATCH):
        Claim.objects.create(article=article, start=0, end=5, text="other")


def test_claim_offsets_outside_the_text_are_refused():
    article = make_article()
    with pytest.raises(ValidationError):
        Claim.objects.create(article=article, start=5, end=len(article.text) + 3, text="x")


def test_database_refuses_a_claim_whose_start_is_not_before_its_end():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.bulk_create([Claim(article=article, start=7, end=7, text="")])


def test_database_refuses_two_claims_on_the_same_span():
    article = make_article()
    first = make_claim(article)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.bulk_create(
            [Claim(article=article, start=first.start, end=first.end, text=first.text)]
        )


def test_one_link_per_claim_pair_and_relation_whichever_way_round():
    a, b = make_claim(make_article()), make_claim(make_article())
    Link.objects.create(source=a, target=b, relation=Relation.CONTRADICTS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Link.objects.create(source=b, target=a, relation=Relation.CONTRADICTS)
    assert Link.objects.create(source=b, target=a, relation=Relation.RELATED).pk


def test_link_between_claims_of_one_article_is_invalid():
    article = make_article(body="First 10 fell. Then 20 more fell in the town.")
    a, b = make_claim(article, "First 10 fell."), make_claim(article, "Then 20 more fell")
    with pytest.raises(ValidationError, match=SAME_ARTICLE):
        Link(source=a, target=b, relation=Relation.SAME).full_clean()


def test_note_needs_exactly_one_subject():
    claim = make_claim(make_article())
    link = Link.objects.create(
        source=claim, target=make_claim(make_article()), relation=Relation.SAME
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Note.objects.create(claim=claim, link=link, body="both")
    with pytest.raises(IntegrityError), transaction.atomic():
        Note.objects.create(body="neither")
    assert Note.objects.create(claim=claim, body="fine").pk


def test_search_vector_is_kept_by_the_database_and_finds_the_body():
    make_article(title="Harbour strike", body="Dock workers walked out over pay in Rotterdam.")
    make_article(title="Budget vote", body="Parliament approved the spending plan.")
    found = Article.objects.filter(search_vector="rotterdam")
    assert [a.title for a in found] == ["Harbour strike"]


def test_claim_counts_come_from_one_annotated_query(django_assert_num_queries):
    article = make_article(body="Officials said 12 people died. Police said 30 were hurt.")
    make_claim(article, "Officials said 12 people died.")
    make_claim(article, "Police said 30 were hurt.")
    with django_assert_num_queries(1):
        rows = Article.objects.page_details([article.pk])
    assert rows[article.pk]["claim_count"] == 2
