"""NUL characters and oversized values posted to every write endpoint that takes text:
a 400 with a message in plain words, never a 500, and nothing written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import EntityAlias, Link, Note, Story, Suggestion

from .factories import make_article, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(analyst):
    story = Story.objects.create(name="Flood")
    a = make_article(body="Officials said 12 people died.", story=story)
    b = make_article(body="Officials said 20 people died.", story=story)
    ca, cb = make_claim(a), make_claim(b)
    link = Link.objects.create(source=ca, target=cb, relation="contradicts", author=analyst)
    note = Note.objects.create(claim=ca, body="first", author=analyst)
    suggestion = Suggestion.objects.create(
        key="bad-input",
        article_a=a,
        article_b=b,
        claim_a=ca,
        claim_b=cb,
        relation="contradicts",
        score=0.8,
        reason="12 versus 20",
    )
    return {
        "claim_note_add": (reverse("claims:claim_note_add", args=[ca.pk]), "body"),
        "link_note_add": (reverse("claims:link_note_add", args=[link.pk]), "body"),
        "note_edit": (reverse("claims:note_edit", args=[note.pk]), "body"),
        "story_rename": (reverse("claims:story_rename", args=[story.pk]), "name"),
        "story_split": (reverse("claims:story_split", args=[story.pk]), "name"),
        "alias_add": (reverse("claims:alias_add"), "alias"),
        "suggestion_dismiss": (
            reverse("claims:suggestion_dismiss", args=[a.pk, b.pk, suggestion.pk]),
            "reason",
        ),
    }


def _state():
    return (
        Note.objects.count(),
        list(Note.objects.values_list("body", flat=True)),
        list(Story.objects.values_list("name", flat=True)),
        EntityAlias.objects.count(),
        list(Suggestion.objects.values_list("status", flat=True)),
    )


@pytest.mark.parametrize(
    "name",
    [
        "claim_note_add",
        "link_note_add",
        "note_edit",
        "story_rename",
        "story_split",
        "alias_add",
        "suggestion_dismiss",
    ],
)
@pytest.mark.parametrize("value", ["a\x00b", "x" * 100_000])
def test_nul_and_oversized_values_are_refused_in_plain_words(analyst_client, urls, name, value):
    url, field = urls[name]
    before = _state()
    data = {field: value, "canonical": "Russian government", "articles": []}
    response = analyst_client.post(url, data)
    assert response.status_code == 400, name
    page = response.content.decode()
    assert "Null characters are not allowed" in page or "at most" in page, name
    assert "Error" not in page and "Traceback" not in page
    assert _state() == before
