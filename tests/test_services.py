from __future__ import annotations

import pytest
from django.db import DataError

from claims import extraction
from claims.ingest.records import ArticleInput, FailedInput
from claims.models import Article, Claim, ExtractionStatus, Link, Note, Origin, Relation, Story
from claims.services import TEXT_TOO_LONG, ingest, replace_extracted_claims
from claims.services.ingestion import NOT_STORED

from .conftest import ARTICLE_A, ARTICLE_B, sample_input

pytestmark = pytest.mark.django_db

BODY = "Police said 14 people were hurt in Leeds on Saturday.\n\nThe mayor called for calm."


def item(title: str, body: str = BODY, **kw) -> ArticleInput:
    return ArticleInput(source=f"{title}.txt", title=title, body=body, **kw)


def test_ingest_stores_article_text_and_claims_with_outlet_and_story():
    story = Story.objects.create(name="Leeds unrest")
    (result,) = ingest([item("Unrest in Leeds", outlet="Gazette")], story=story)
    article = Article.objects.get(pk=result.article)
    assert result.status == "created" and result.claims == article.claims.count() >= 1
    assert article.text.startswith("Unrest in Leeds\n\nPolice said 14 people")
    assert (article.outlet.name, article.story, article.language) == ("Gazette", story, "en")
    assert article.extraction_status == ExtractionStatus.DONE and article.pipeline_version


def test_outlet_option_overrides_the_input(db):
    (result,) = ingest([item("Unrest", outlet="Gazette")], outlet="Herald")
    assert Article.objects.get(pk=result.article).outlet.name == "Herald"


def test_same_content_twice_is_a_duplicate_of_the_first(sample_articles, corpus):
    before = (Article.objects.count(), Claim.objects.count())
    again = ingest([sample_input(corpus, ARTICLE_A), sample_input(corpus, ARTICLE_A)])
    assert [r.status for r in again] == ["duplicate", "duplicate"]
    assert again[0].article == sample_articles[ARTICLE_A].pk
    assert again[0].claims == sample_articles[ARTICLE_A].claims.count()
    assert (Article.objects.count(), Claim.objects.count()) == before


def test_same_content_twice_in_one_batch_is_stored_once():
    results = ingest([item("Twice"), item("Twice")])
    assert [r.status for r in results] == ["created", "duplicate"]
    assert results[0].article == results[1].article


def test_the_next_batch_is_analysed_while_one_is_stored_and_results_keep_their_order(
    monkeypatch,
):
    from claims.services import ingestion

    events: list[str] = []
    start, store = extraction.Extractor.start, ingestion._store_one

    def starting(self, texts):
        events.append("analyse " + ",".join(t.split("\n")[0] for t in texts))
        return start(self, texts)

    def storing(entry, *args):
        events.append("store " + entry.input.title)
        return store(entry, *args)

    monkeypatch.setattr(extraction.Extractor, "start", starting)
    monkeypatch.setattr(ingestion, "_store_one", storing)
    inputs = [item("One"), item("Two"), item("One"), FailedInput("bad.txt", "empty"), item("Six")]
    results = ingest(inputs, batch_size=2, processes=1)
    assert [r.status for r in results] == ["created", "created", "duplicate", "error", "created"]
    assert results[2].article == results[0].article and Article.objects.count() == 3
    # "One" again is analysed before the first is stored, then found stored by then
    assert events == [
        "analyse One,Two",
        "analyse One",
        "store One",
        "store Two",
        "analyse Six",
        "store Six",
    ]


@pytest.mark.parametrize("processes", [1, 2])
def test_extraction_started_in_the_background_gives_what_a_run_gives(processes, transactional_db):
    texts = [BODY, "The council said 3 bridges were closed on Monday."]
    with extraction.Extractor(processes=processes) as extractor:
        assert extractor.start(texts)() == extractor.run(texts)


def test_a_failure_leaves_no_partial_article_and_the_batch_goes_on(monkeypatch):
    real = Claim.objects.bulk_create

    def failing(rows, *args, **kwargs):
        if any("Bradford" in row.text for row in rows):
            raise DataError("value too long for type character varying(300)")
        return real(rows, *args, **kwargs)

    monkeypatch.setattr(Claim.objects, "bulk_create", failing)
    bad = item("Bradford", "Police said 9 people were hurt in Bradford on Sunday.")
    results = ingest([item("Leeds"), bad, item("York", BODY.replace("Leeds", "York"))])
    assert [r.status for r in results] == ["created", "error", "created"]
    assert results[1].error == NOT_STORED, "plain words, no exception class or SQL"
    assert not Article.objects.filter(title="Bradford").exists()
    assert Article.objects.count() == 2


def test_a_text_that_breaks_the_pipeline_fails_alone(monkeypatch):
    real = extraction.load_pipeline

    class Fragile:
        def __init__(self, nlp):
            self.nlp = nlp
            self.lang = nlp.lang
            self.max_length = nlp.max_length

        def pipe(self, texts, **kwargs):
            if any("EXPLODE" in t for t in texts):
                raise ValueError("boom")
            return self.nlp.pipe(texts, **kwargs)

        def __call__(self, text):
            if "EXPLODE" in text:
                raise ValueError("boom")
            return self.nlp(text)

    monkeypatch.setattr(extraction, "load_pipeline", lambda model: Fragile(real(model)))
    results = ingest([item("Fine"), item("EXPLODE now"), item("Also fine", BODY + " Again.")])
    assert [r.status for r in results] == ["created", "error", "created"]
    assert results[1].error == extraction.FAILED, "plain words, no exception class"


def test_input_errors_pass_through_in_order():
    results = ingest([FailedInput("a.txt", "empty file"), item("Fine")])
    assert [(r.status, r.error) for r in results] == [("error", "empty file"), ("created", None)]


def test_text_over_the_character_limit_is_refused():
    (result,) = ingest([item("Long", "word " * 400)], max_chars=1000)
    assert result.error == TEXT_TOO_LONG.format(
        length=len("Long\n\n" + ("word " * 400).strip()), limit=1000
    )
    assert not Article.objects.exists()


def test_text_in_an_unsupported_language_is_stored_unchanged_and_not_analysed():
    body = "قال المتحدث باسم الشرطة إن أربعة عشر شخصا أصيبوا في المدينة يوم السبت."
    (result,) = ingest([item("عنوان الخبر", body)])
    article = Article.objects.get(pk=result.article)
    assert article.text == "عنوان الخبر\n\n" + body
    assert (article.language, article.extraction_status) == ("ar", ExtractionStatus.NOT_ANALYSED)
    assert result.claims == 0 and not article.claims.exists()


def test_two_processes_extract_the_same_claims_as_one(corpus, transactional_db):
    inputs = [sample_input(corpus, ARTICLE_A), sample_input(corpus, ARTICLE_B)]
    with extraction.Extractor(processes=1) as one, extraction.Extractor(processes=2) as two:
        texts = [i.body for i in inputs]
        assert one.run(texts) == two.run(texts)


def test_reextraction_keeps_manual_claims_links_and_notes(sample_articles, analyst):
    a, b = sample_articles[ARTICLE_A], sample_articles[ARTICLE_B]
    linked, noted, plain, *rest = list(a.claims.order_by("start"))
    other = b.claims.first()
    link = Link.objects.create(source=linked, target=other, relation=Relation.CONTRADICTS)
    Note.objects.create(claim=noted, body="check this", author=analyst)
    manual = Claim.objects.create(
        article=a,
        start=plain.start,
        end=plain.start + 7,
        text=plain.text[:7],
        origin=Origin.MANUAL,
        created_by=analyst,
    )
    # The new pipeline finds none of the first three sentences and changes the rest.
    new = [extraction.ExtractedClaim(c.start, c.end, c.text, speaker="Someone") for c in rest]

    created, updated, removed = replace_extracted_claims(
        article=a, claims=new, pipeline_version="test-2"
    )

    assert (created, updated, removed) == (0, len(rest), 1)
    assert Link.objects.filter(pk=link.pk, source=linked).exists()
    assert Claim.objects.filter(pk=noted.pk).exists() and noted.notes.count() == 1
    assert Claim.objects.filter(pk=manual.pk).exists()
    assert not Claim.objects.filter(pk=plain.pk).exists()
    assert {c.speaker for c in a.claims.extracted().filter(pk__in=[c.pk for c in rest])} == {
        "Someone"
    }
    a.refresh_from_db()
    assert a.pipeline_version == "test-2"
