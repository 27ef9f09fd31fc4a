"""Every URL pattern, as anonymous, viewer, analyst and admin: the answer each gets.

Built from factories: no spaCy, no corpus."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from .conftest import user_with_role
from .factories import (
    make_alias,
    make_article,
    make_claim,
    make_link,
    make_note,
    make_story,
    make_suggestion,
)

pytestmark = pytest.mark.django_db

# name: (method, expected for viewer, analyst, admin). Anonymous users are sent to log in.
EXPECTED = {
    "article_list": ("get", 200, 200, 200),
    "healthz": ("get", 200, 200, 200),
    "readyz": ("get", 200, 200, 200),
    "article_detail": ("get", 200, 200, 200),
    "claim_detail": ("get", 200, 200, 200),
    "article_delete": ("get", 403, 403, 200),
    "compare": ("get", 200, 200, 200),
    "compare_chosen": ("get", 400, 400, 400),
    "selection_panel": ("get", 403, 200, 200),
    "link_create": ("post", 403, 400, 400),
    "link_edit": ("get", 403, 200, 200),
    "link_delete": ("get", 403, 200, 200),
    "link_restore": ("post", 403, 400, 400),
    "claim_notes": ("get", 200, 200, 200),
    "claim_note_add": ("post", 403, 400, 400),
    "link_notes": ("get", 200, 200, 200),
    "link_note_add": ("post", 403, 400, 400),
    "note_edit": ("get", 403, 403, 200),
    "note_delete": ("post", 403, 403, 302),
    "story_list": ("get", 200, 200, 200),
    "story_detail": ("get", 200, 200, 200),
    "story_rename": ("post", 403, 400, 400),
    "story_merge": ("post", 403, 400, 400),
    "story_split": ("post", 403, 400, 400),
    "article_move": ("post", 403, 302, 302),
    "alias_list": ("get", 200, 200, 200),
    "alias_add": ("post", 403, 400, 400),
    "alias_delete": ("post", 403, 302, 302),
    "ingest": ("get", 403, 200, 200),
    "ingest_paste": ("post", 403, 400, 400),
    "ingest_upload": ("post", 403, 400, 400),
    "ingest_url": ("post", 403, 400, 400),
    "recent_jobs": ("get", 403, 200, 200),
    "ingest_progress": ("get", 403, 404, 404),
    "story_matching": ("get", 200, 200, 200),
    "job_again": ("post", 403, 404, 404),
    "conflict_list": ("get", 200, 200, 200),
    "conflict_export": ("get", 200, 200, 200),
    "conflict_review": ("post", 403, 400, 400),
    "story_facts": ("get", 200, 200, 200),
    "story_timelines": ("get", 200, 200, 200),
    "fact_detail": ("get", 200, 200, 200),
    "fact_name": ("post", 403, 302, 302),
    "fact_merge": ("post", 403, 400, 400),
    "fact_take_out": ("post", 403, 400, 400),
    "story_match": ("post", 403, 302, 302),
    "suggestion_accept": ("post", 403, 302, 302),
    "suggestion_dismiss": ("post", 403, 302, 302),
    "suggestion_reopen": ("post", 403, 302, 302),
    "article_edit": ("get", 403, 200, 200),
    "link_history": ("get", 200, 200, 200),
    "conflict_history": ("get", 200, 200, 200),
    "article_history": ("get", 200, 200, 200),
}
PUBLIC = {"healthz", "readyz"}


@pytest.fixture
def urls(django_user_model):
    story = make_story("Flood in Exampleton")
    a = make_article(
        body="Officials said 12 people died on Monday.\n\nThe river rose two metres.",
        story=story,
    )
    b = make_article(
        body="Rescuers said 40 people died on Monday.\n\nThe dam held, engineers said.",
        story=story,
    )
    claim, other_first, other_last = (
        make_claim(a, "Officials said 12 people died on Monday."),
        make_claim(b, "Rescuers said 40 people died on Monday."),
        make_claim(b, "The dam held, engineers said."),
    )
    link = make_link(claim, other_first, "same")
    author = user_with_role(django_user_model, "author", "analyst")
    note = make_note("someone else's", claim=claim, author=author)
    alias = make_alias()
    # analysts' rows: moving an article out of its story (article_move, tried before)
    # withdraws the matcher's open suggestions, not analysts' rows
    suggestion = make_suggestion(claim, other_last, origin="analyst")
    other_suggestion = make_suggestion(make_claim(a, "The river rose two metres."), other_last)
    other_suggestion.origin = "analyst"
    other_suggestion.save()
    args = {
        "conflict_review": [suggestion.pk],
        "story_facts": [story.pk],
        "story_timelines": [story.pk],
        "fact_detail": [story.pk, claim.pk],
        "fact_name": [story.pk, claim.pk],
        "fact_merge": [story.pk, claim.pk],
        "fact_take_out": [story.pk, claim.pk],
        "story_match": [story.pk],
        "story_matching": [story.pk],
        "job_again": [987654],
        "ingest_progress": ["00000000-0000-4000-8000-000000000000"],
        "suggestion_accept": [a.pk, b.pk, suggestion.pk],
        "suggestion_dismiss": [a.pk, b.pk, other_suggestion.pk],
        "suggestion_reopen": [a.pk, b.pk, other_suggestion.pk],
        "alias_delete": [alias.pk],
        "story_detail": [story.pk],
        "story_rename": [story.pk],
        "story_merge": [story.pk],
        "story_split": [story.pk],
        "article_move": [b.pk],
        "article_detail": [a.pk],
        "claim_detail": [a.pk, claim.pk],
        "article_delete": [a.pk],
        "compare": [a.pk, b.pk],
        "selection_panel": [a.pk, b.pk],
        "link_create": [a.pk, b.pk],
        "link_edit": [a.pk, b.pk, link.pk],
        "link_delete": [a.pk, b.pk, link.pk],
        "link_restore": [a.pk, b.pk, link.pk],
        "claim_notes": [claim.pk],
        "claim_note_add": [claim.pk],
        "link_notes": [link.pk],
        "link_note_add": [link.pk],
        "note_edit": [note.pk],
        "note_delete": [note.pk],
        "link_history": [link.pk],
        "conflict_history": [suggestion.pk],
        "article_history": [a.pk],
        "article_edit": [a.pk],
    }
    query = {"selection_panel": f"?side=a&start={claim.start}&end={claim.end}"}
    return {
        name: reverse(f"claims:{name}", args=args.get(name, [])) + query.get(name, "")
        for name in EXPECTED
    }


def test_every_url_pattern_is_covered():
    names = {p.name for p in get_resolver().url_patterns[-1].url_patterns}
    assert names == set(EXPECTED)


def test_anonymous_users_are_sent_to_log_in(client, urls):
    for name, url in urls.items():
        response = getattr(client, EXPECTED[name][0])(url)
        if name in PUBLIC:
            assert response.status_code == 200, name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name


@pytest.mark.parametrize(("role", "column"), [("viewer", 1), ("analyst", 2), ("admin", 3)])
def test_each_role_gets_the_expected_answer(client, urls, django_user_model, role, column):
    client.force_login(user_with_role(django_user_model, f"user-{role}", role))
    for name, url in urls.items():
        response = getattr(client, EXPECTED[name][0])(url)
        assert response.status_code == EXPECTED[name][column], f"{role} {name}"
