"""The audit trail: changes made through the app are kept with who, when, before, after.

Built from factories: no spaCy, no corpus."""

from __future__ import annotations

from django.urls import reverse

from claims import history
from claims.models import Link, Note, Story
from claims.services import create_link, delete_link, update_link

from .factories import make_conflict

HX = {"HX-Request": "true"}


def _link(author):
    row = make_conflict()
    link, _ = create_link(source=row.claim_a, target=row.claim_b, relation="related", author=author)
    return row, link


def test_a_link_edited_in_the_browser_shows_who_changed_what(analyst_client, analyst):
    _, link = _link(analyst)
    a, b = link.source.article_id, link.target.article_id
    edit = reverse("claims:link_edit", args=[a, b, link.pk])
    data = {"relation": "contradicts", "note": "12 against 40", "version": "0"}
    assert analyst_client.post(edit, data, headers=HX).status_code == 200
    page = analyst_client.get(reverse("claims:link_history", args=[link.pk]), headers=HX)
    html = page.content.decode()
    assert "<strong>ana</strong> changed the link" in html
    assert "<td>Related</td>" not in html  # raw values are shown as stored
    assert "<td>related</td><td>contradicts</td>" in html.replace("\n", "")
    assert "12 against 40" in html
    assert "Newsdesk (command line)</strong> added the link" in html, "made outside a request"


def test_a_deleted_link_and_its_notes_stay_in_the_conflicts_history(analyst_client, analyst):
    row = make_conflict()
    url = reverse("claims:conflict_review", args=[row.pk])
    analyst_client.post(url, {"status": "confirmed", "version": "0"}, headers=HX)
    link = Link.objects.get()
    notes = reverse("claims:link_note_add", args=[link.pk])
    analyst_client.post(notes, {"body": "Ministry figure is provisional."}, headers=HX)
    Note.objects.all().delete()  # (the note must go before the confirmation can)
    analyst_client.post(url, {"status": "dismissed", "reason": "other town", "version": "1"})
    assert not Link.objects.exists()

    entries = history.of_conflict(row)
    actions = [(e.who, e.action) for e in entries]
    assert ("ana", "added the link") in actions and ("ana", "deleted the link") in actions
    assert ("ana", "added the note") in actions and ("ana", "deleted the note") in actions
    reviews = [e for e in entries if e.action == "reviewed the conflict"]
    assert [c.after for e in reviews for c in e.changes if c.label == "status"] == [
        "Dismissed",
        "Confirmed",
    ]
    page = analyst_client.get(reverse("claims:conflict_history", args=[row.pk])).content
    assert "Ministry figure is provisional." in page.decode() and "other town" in page.decode()


def test_an_articles_history_has_its_story_moves_and_the_links_on_its_claims(
    analyst_client, analyst
):
    row, link = _link(analyst)
    article = row.claim_a.article
    other = Story.objects.create(name="Flood in Exampleton")
    move = reverse("claims:article_move", args=[article.pk])
    assert analyst_client.post(move, {"story": other.pk}).status_code == 302
    delete_link(link=link, user=analyst)
    entries = history.of_article(article)
    moved = [e for e in entries if e.action == "changed the article details"]
    assert moved and moved[0].who == "ana"
    assert [(c.label, c.after) for c in moved[0].changes] == [("story", "Flood in Exampleton")]
    assert {"added the link", "deleted the link"} <= {e.action for e in entries}
    page = analyst_client.get(reverse("claims:article_history", args=[article.pk]))
    assert page.status_code == 200 and "Flood in Exampleton" in page.content.decode()


def test_changes_the_panel_does_not_show_leave_no_empty_entries(db, analyst):
    _, link = _link(analyst)
    before = [e.action for e in history.of_link(link)]
    assert sorted(before) == ["added the link", "reviewed the conflict"]  # it confirmed it
    update_link(link=link, relation="related", note="", user=analyst)  # the same values
    assert [e.action for e in history.of_link(link)] == before
