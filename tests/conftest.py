from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

from claims.ingest.records import ArticleInput
from claims.ingest.text import split_headline
from claims.services import ingest

CORPUS = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "deir-ezzor"
ARTICLE_A = "000_81034723bbc63a9a.txt"
ARTICLE_B = "004_dd9d7ff00bfcb6a5.txt"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read the sample corpus are marked ``corpus``, and tests that run the
    spaCy model (on the corpus or on invented sentences) ``model``: ``pytest -m "not
    corpus and not model"`` leaves them out."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "corpus" in fixtures:
            item.add_marker(pytest.mark.corpus)
        if "corpus" in fixtures or "nlp" in fixtures:
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline the settings name, loaded once."""
    from claims.nlp.pipeline import load_pipeline

    return load_pipeline(settings.NEWSDESK_SPACY_MODEL)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The sample articles; skipped when missing, except in CI, where it is a failure."""
    if not (CORPUS / ARTICLE_A).exists():
        reason = f"sample corpus not found at {CORPUS} (it lives in ../shared/corpus/)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return CORPUS


@pytest.fixture(scope="session")
def gold(corpus: Path) -> dict:
    return json.loads((corpus / "gold.json").read_text(encoding="utf-8"))


def sample_input(corpus: Path, name: str) -> ArticleInput:
    title, body = split_headline((corpus / name).read_text(encoding="utf-8"))
    return ArticleInput(source=name, title=title, body=body)


@pytest.fixture
def sample_articles(db, corpus: Path):
    """Both sample articles ingested: {file name: Article}."""
    from claims.models import Article

    results = ingest([sample_input(corpus, ARTICLE_A), sample_input(corpus, ARTICLE_B)])
    assert [r.status for r in results] == ["created", "created"]
    return {r.source: Article.objects.get(pk=r.article) for r in results}


def user_with_role(django_user_model, name: str, role: str | None):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(name, password="correct horse battery")
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def analyst(db, django_user_model):
    return user_with_role(django_user_model, "ana", "analyst")


@pytest.fixture
def viewer(db, django_user_model):
    return user_with_role(django_user_model, "vic", "viewer")


@pytest.fixture
def admin_user(db, django_user_model):
    return user_with_role(django_user_model, "ada", "admin")


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def invented_pair(db):
    """Two invented reports of one battle that disagree, built without spaCy
    (``tests/linking.py``): what the link and compare view tests read."""
    from .linking import invented_pair as build

    return build()


@pytest.fixture
def matched_pair(invented_pair):
    """The invented pair after matching: a same-claim, and about 100 against around 200
    dead (within the second report, and across the two as an update)."""
    from claims.services.matching import suggest_for_article

    suggest_for_article(invented_pair[1])
    return invented_pair


@pytest.fixture
def pair(sample_articles):
    """The two sample articles, in the order the link tests compare them."""
    return sample_articles[ARTICLE_A], sample_articles[ARTICLE_B]
