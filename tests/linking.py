"""Helpers for tests that link the two sample articles (the ``pair`` fixture)."""

from __future__ import annotations

from django.urls import reverse

from claims.models import Claim

ABOUT_100 = "The U.S. official put the death toll in the fighting at about 100"
AROUND_200 = "When the dust settled around 200 Russians were dead and hundreds wounded."


def span_of(article, fragment: str) -> tuple[int, int]:
    start = article.text.index(fragment)
    return start, start + len(fragment)


def claim_with(article, fragment: str) -> Claim:
    return next(c for c in article.claims.all() if fragment in c.text)


def post_link(client, a, b, start, end, target, relation="contradicts", side="a", **kw):
    url = reverse("claims:link_create", args=[a.pk, b.pk])
    data = {"side": side, "start": start, "end": end, "target": target, "relation": relation}
    return client.post(url, data, **kw)
