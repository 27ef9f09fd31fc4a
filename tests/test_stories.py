from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from claims.ingest.records import ArticleInput
from claims.models import Article, Story
from claims.services import ServiceError, ingest
from claims.services.stories import (
    NOTHING_TO_SPLIT,
    SAME_STORY,
    merge_stories,
    move_article,
    rename_story,
    split_story,
)

from .conftest import ARTICLE_A, ARTICLE_B, sample_input
from .factories import make_article, make_story
from .jobs import run_queued

pytestmark = pytest.mark.django_db
DAM = (
    "The Ketter Dam above Harrowgate gave way on Friday, the fire service said.\n\n"
    "Mayor Ilse Varga said 12 people died and 300 homes in Harrowgate were flooded."
)


def stored(*items) -> list[Article]:
    return [Article.objects.get(pk=r.article) for r in ingest(list(items))]


def test_the_two_sample_articles_end_up_in_one_story(corpus):
    a, b = stored(sample_input(corpus, ARTICLE_A), sample_input(corpus, ARTICLE_B))
    assert a.story is not None and a.story == b.story
    assert "bshrsd" in a.entity_keys and "bshrsd" in b.entity_keys  # Bashar / Bashir Assad


def test_an_article_about_something_else_starts_its_own_story(corpus):
    a, b, dam = stored(
        sample_input(corpus, ARTICLE_A),
        sample_input(corpus, ARTICLE_B),
        ArticleInput(source="dam.txt", title="Dam breach in Harrowgate", body=DAM),
    )
    assert dam.story not in (None, a.story)
    assert dam.story.name == "Dam breach in Harrowgate"


def test_a_large_story_does_not_crowd_out_a_closer_small_one():
    from claims.incidents import Incident
    from claims.services.stories import best_story

    keys = ["harrowgate", "ilse varga", "ketter dam"]
    close = Story.objects.create(name="The dam")
    first = make_article(body=DAM, story=close)
    Article.objects.filter(pk=first.pk).update(
        entity_keys=[*keys, "fire service"], incident={"kind": "flood", "lead": keys}
    )
    crowd = Story.objects.create(name="Varga's budget")
    for i in range(30):  # newer, and the very same names, but about a budget
        other = make_article(body=f"Budget talks {i} went on in the council.", story=crowd)
        Article.objects.filter(pk=other.pk).update(
            entity_keys=keys, incident={"kind": None, "lead": ["ilse varga"]}
        )
    new = make_article(body=DAM.replace("Friday", "Friday night"))
    new.entity_keys = keys
    incident = Incident(kind="flood", lead_names=frozenset(keys), names=frozenset(keys))
    assert best_story(new, incident) == close.pk


LATER = (
    "Harrowgate was still cleaning up on Tuesday after the Ketter Dam broke.\n\n"
    "Mayor Ilse Varga said the toll had risen to 14, and 320 homes were flooded."
)


def test_the_same_event_weeks_apart_or_undated_joins_its_story():
    first = {"source": "a.txt", "title": "Dam breach floods Harrowgate", "body": DAM}
    late = {"source": "b.txt", "title": "Harrowgate floods: toll rises", "body": LATER}
    undated = {**late, "source": "c.txt", "body": LATER.replace("14", "15")}
    a, b, c = stored(
        ArticleInput(**first, published=dt.date(2026, 3, 1)),
        ArticleInput(**late, published=dt.date(2026, 5, 1)),
        ArticleInput(**undated),
    )
    assert a.story == b.story == c.story


AGAIN = (
    "A second dam gave way above Harrowgate on Sunday, flooding 40 homes.\n\n"
    "Mayor Ilse Varga said nobody was hurt this time."
)


def test_a_feed_listing_the_newest_first_still_gives_the_event_its_own_story():
    """Placed oldest first, undated last: the later incident does not take the event's
    undated report, and the event's first report does not start a story of its own."""
    later, undated, first = stored(
        ArticleInput(
            "c.txt",
            "Another dam breach floods Harrowgate a month after the Ketter Dam disaster",
            AGAIN,
            published=dt.date(2026, 4, 5),
        ),
        ArticleInput("b.txt", "Harrowgate floods: toll rises", LATER),
        ArticleInput("a.txt", "Dam breach floods Harrowgate", DAM, published=dt.date(2026, 3, 1)),
    )
    assert first.story == undated.story != later.story


FIRE = (
    "A fire broke out at the Harrowgate mill on Sunday, a month after the dam flood.\n\n"
    "Mayor Ilse Varga said the fire was put out and nobody was hurt."
)


@pytest.mark.parametrize(
    ("other", "dates"),
    [
        # the same place and names, five years later
        (("Harrowgate floods: toll rises", LATER), (dt.date(2021, 3, 1), dt.date(2026, 3, 1))),
        # another kind of incident in the same town, undated
        (("Fire at Harrowgate mill", FIRE), (None, None)),
    ],
)
def test_another_incident_in_the_same_place_is_another_story(other, dates):
    a, b = stored(
        ArticleInput("a.txt", "Dam breach floods Harrowgate", DAM, published=dates[0]),
        ArticleInput("b.txt", *other, published=dates[1]),
    )
    assert a.story != b.story


def test_a_page_in_another_language_joins_its_story_by_names_and_figures():
    spanish = (
        "La presa Ketter cedió el viernes y la alcaldesa Ilse Varga dijo que murieron "
        "12 personas y que 300 casas de Harrowgate se inundaron."
    )
    english, other = stored(
        ArticleInput(source="a.txt", title="Dam breach floods Harrowgate", body=DAM),
        ArticleInput(source="es.txt", title="Rotura de presa en Harrowgate", body=spanish),
    )
    assert other.extraction_status == "not_analysed"
    assert other.story == english.story


def test_a_page_in_a_script_the_model_cannot_read_joins_by_its_figures():
    story = Story.objects.create(name="The dam")
    first = make_article(body=DAM, story=story)
    Article.objects.filter(pk=first.pk).update(incident={"figures": ["300", "1250"]})
    (arabic,) = stored(
        ArticleInput(source="ar.txt", title="عنوان", body="قال المتحدث إن 300 منزل و1250 شخصا.")
    )
    assert arabic.story == story


def test_a_page_in_a_script_the_model_cannot_read_without_figures_starts_its_own():
    (article,) = stored(
        ArticleInput(source="ar.txt", title="عنوان", body="قال المتحدث إن أربعة أصيبوا.")
    )
    assert article.story is not None and article.story.name == "عنوان"


def test_rename_merge_split_and_move():
    story, other = Story.objects.create(name="One"), Story.objects.create(name="Two")
    a, b, c = (make_article(title=t, story=story) for t in ("A", "B", "C"))
    assert rename_story(story=story, name="  Dam   breach ").name == "Dam breach"
    with pytest.raises(ServiceError, match=NOTHING_TO_SPLIT):
        split_story(story=story, articles=[a, b, c], name="All of them")
    new = split_story(story=story, articles=[c], name="Aftermath")
    assert list(new.articles.all()) == [c]
    with pytest.raises(ServiceError, match=SAME_STORY):
        merge_stories(story=story, into=story)
    merge_stories(story=story, into=other)
    assert set(other.articles.all()) == {a, b} and not Story.objects.filter(pk=story.pk).exists()
    move_article(article=a, story=new)
    assert set(new.articles.all()) == {a, c}


def test_story_pages_and_edits(analyst_client, viewer):
    from django.test import Client

    viewer_client = Client()
    viewer_client.force_login(viewer)
    story, other = Story.objects.create(name="One"), Story.objects.create(name="Two")
    a, b = make_article(title="First", story=story), make_article(title="Second", story=story)
    assert "One" in viewer_client.get(reverse("claims:story_list")).content.decode()
    html = viewer_client.get(story.get_absolute_url()).content.decode()
    assert "First" in html and "Second" in html and "Rename" not in html
    assert (
        viewer_client.post(
            reverse("claims:story_rename", args=[story.pk]), {"name": "x"}
        ).status_code
        == 403
    )
    analyst_client.post(reverse("claims:story_rename", args=[story.pk]), {"name": "Renamed"})
    story.refresh_from_db()
    assert story.name == "Renamed"
    response = analyst_client.post(
        reverse("claims:story_split", args=[story.pk]), {"articles": [b.pk], "name": "Split"}
    )
    assert response.status_code == 302 and Article.objects.get(pk=b.pk).story.name == "Split"
    analyst_client.post(reverse("claims:story_merge", args=[story.pk]), {"into": other.pk})
    assert Article.objects.get(pk=a.pk).story == other
    analyst_client.post(reverse("claims:article_move", args=[a.pk]), {"story": ""})
    assert Article.objects.get(pk=a.pk).story is None


def test_bad_story_edits_are_400(analyst_client):
    story = Story.objects.create(name="One")
    make_article(story=story)
    rename = analyst_client.post(reverse("claims:story_rename", args=[story.pk]), {"name": " "})
    merge = analyst_client.post(reverse("claims:story_merge", args=[story.pk]), {"into": "nope"})
    assert rename.status_code == merge.status_code == 400


def test_analysts_add_and_remove_aliases(analyst_client):
    from claims.models import EntityAlias

    url = reverse("claims:alias_add")
    analyst_client.post(url, {"alias": "the Kremlin", "canonical": "Russian government"})
    again = analyst_client.post(url, {"alias": "The Kremlin", "canonical": "Russia"})
    empty = analyst_client.post(url, {"alias": " ", "canonical": "Russia"})
    assert again.status_code == empty.status_code == 400
    alias = EntityAlias.objects.get()
    assert "the Kremlin" in analyst_client.get(reverse("claims:alias_list")).content.decode()
    analyst_client.post(reverse("claims:alias_delete", args=[alias.pk]))
    assert not EntityAlias.objects.exists()


@pytest.mark.parametrize("with_alias", [False, True])
def test_an_alias_brings_articles_into_one_story(with_alias):
    from claims.models import EntityAlias

    if with_alias:
        EntityAlias.objects.create(alias="Mutti", canonical="Angela Merkel")
    a, b = stored(
        ArticleInput(
            source="a.txt",
            title="Flood deaths",
            body="Chancellor Angela Merkel said on Friday that 12 people died.",
        ),
        ArticleInput(
            source="b.txt",
            title="Toll of the flood",
            body="Mutti said on Friday that 12 people died.",
        ),
    )
    assert (a.story == b.story) is with_alias


def test_two_analysts_adding_the_same_alias_at_once_get_one_row_and_a_refusal(monkeypatch):
    from claims.models import EntityAlias
    from claims.services.stories import ALIAS_EXISTS, add_alias

    add_alias(alias="the Kremlin", canonical="Russian government", user=None)
    # the second request passed its check before the first one's row was committed
    monkeypatch.setattr(type(EntityAlias.objects.none()), "exists", lambda self: False)
    with pytest.raises(ServiceError, match=ALIAS_EXISTS):
        add_alias(alias="the Kremlin", canonical="Russian government", user=None)
    assert EntityAlias.objects.count() == 1


def test_the_alias_page_says_which_stories_its_edits_sent_to_be_matched_again(
    analyst_client,
):
    story = make_story("Kremlin statement")
    article = make_article(title="Envoys leave", story=story)
    Article.objects.filter(pk=article.pk).update(entity_keys=["kremlin"])
    url = reverse("claims:alias_add")
    analyst_client.post(url, {"alias": "the Kremlin", "canonical": "Russian government"})
    page = analyst_client.get(reverse("claims:alias_list")).content.decode()
    assert 'data-matching="1"' in page and "1 story is being matched again" in page
    run_queued()
    page = analyst_client.get(reverse("claims:alias_list")).content.decode()
    assert "data-matching" not in page


def test_the_story_list_shows_fifty_newest_a_page_with_their_counts(
    viewer_client, django_assert_max_num_queries
):
    from claims.views.stories import PER_PAGE

    stories = [make_story(f"Event {i:02d}") for i in range(PER_PAGE + 1)]
    make_article(story=stories[-1], published=dt.date(2031, 5, 2))
    make_article(story=stories[-1], published=dt.date(2031, 5, 4))
    url = reverse("claims:story_list")
    with django_assert_max_num_queries(8):
        first = viewer_client.get(url)
    shown = list(first.context["stories"])
    assert [s.pk for s in shown] == [s.pk for s in reversed(stories[1:])], "newest first"
    assert (shown[0].article_count, shown[0].first, shown[0].last) == (
        2,
        dt.date(2031, 5, 2),
        dt.date(2031, 5, 4),
    )
    assert "Page 1 of 2" in first.text and 'href="?page=2" rel="next"' in first.text
    second = viewer_client.get(url, {"page": 2})
    assert [s.pk for s in second.context["stories"]] == [stories[0].pk]
    assert second.context["stories"][0].article_count == 0


def test_a_merge_is_undone_from_the_story_it_went_into(analyst_client):
    story, into = make_story("Dam burst, early reports"), make_story("Harrowgate dam")
    moved = [make_article(story=story), make_article(story=story)]
    stays = make_article(story=into)
    analyst_client.post(reverse("claims:story_merge", args=[story.pk]), {"into": into.pk})
    page = analyst_client.get(reverse("claims:story_detail", args=[into.pk])).content.decode()
    assert "Undo the merge" in page and "2 articles came from “Dam burst, early reports”" in page
    assert all(f'name="articles" value="{a.pk}"' in page for a in moved)
    again = analyst_client.get(reverse("claims:story_detail", args=[into.pk])).content.decode()
    assert "Undo the merge" not in again, "offered once, right after the merge"
    # the Undo button posts a split of the same articles under the old name
    split = {"articles": [a.pk for a in moved], "name": "Dam burst, early reports"}
    analyst_client.post(reverse("claims:story_split", args=[into.pk]), split)
    back = Story.objects.get(name="Dam burst, early reports")
    assert set(back.articles.all()) == set(moved) and list(into.articles.all()) == [stays]


def test_a_merge_into_an_empty_story_offers_no_undo(analyst_client):
    story, into = make_story(), make_story()
    make_article(story=story)
    analyst_client.post(reverse("claims:story_merge", args=[story.pk]), {"into": into.pk})
    page = analyst_client.get(reverse("claims:story_detail", args=[into.pk])).content.decode()
    assert "Undo the merge" not in page, "splitting every article off is no split"
