"""Suggestions in the compare view: accepting, dismissing, and undoing a dismissal."""

from __future__ import annotations

from django.urls import reverse

from claims.models import Link, Suggestion

from .factories import make_suggestion
from .linking import AROUND_200, WIRE_LINE, claim_with

HX = {"HX-Request": "true"}


def test_compare_view_offers_suggestions_to_accept_or_dismiss(analyst_client, invented_pair):
    a, b = invented_pair
    make_suggestion(claim_with(a, WIRE_LINE), claim_with(b, WIRE_LINE), relation="same")
    make_suggestion(claim_with(a, WIRE_LINE), claim_with(b, AROUND_200), score=0.5)
    page = analyst_client.get(reverse("claims:compare", args=[a.pk, b.pk])).content.decode()
    assert "Suggested by Newsdesk" in page
    row = Suggestion.objects.between(a, b).pending().filter(relation="same").first()
    url = reverse("claims:suggestion_accept", args=[a.pk, b.pk, row.pk])
    response = analyst_client.post(url, headers=HX)
    assert response.status_code == 200
    assert f'id="suggestion-{row.pk}" hx-swap-oob="delete"' in response.content.decode()
    assert Link.objects.filter(relation="same", suggestion=row).exists()
    other = Suggestion.objects.between(a, b).pending().first()
    url = reverse("claims:suggestion_dismiss", args=[a.pk, b.pk, other.pk])
    analyst_client.post(url, {"reason": "not the same event"}, headers=HX)
    other.refresh_from_db()
    assert other.status == "dismissed"


def test_a_dismissal_in_the_compare_view_is_undone_with_its_item_back(analyst_client):
    from claims.models import Suggestion

    from .factories import make_conflict

    row = make_conflict()
    a, b = row.article_a, row.article_b
    hx = {"HX-Request": "true"}
    dismiss = reverse("claims:suggestion_dismiss", args=[a.pk, b.pk, row.pk])
    html = analyst_client.post(dismiss, headers=hx).content.decode()
    reopen = reverse("claims:suggestion_reopen", args=[a.pk, b.pk, row.pk])
    assert f'hx-post="{reopen}"' in html
    assert f'id="suggestion-{row.pk}" hx-swap-oob="delete"' in html
    assert Suggestion.objects.get().status == "dismissed"
    html = analyst_client.post(reopen, headers=hx).content.decode()
    assert 'hx-swap-oob="afterbegin:#suggestion-list"' in html
    assert f'id="suggestion-{row.pk}"' in html
    assert Suggestion.objects.get().status == "open"
    again = analyst_client.post(reopen, headers=hx)
    assert again.status_code == 400 and "nothing to undo" in again.content.decode()
