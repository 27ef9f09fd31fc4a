"""Which claims of a story a new article's claims are judged against (Postgres ranks
them by shared match keys). Claims built by hand: no model."""

from __future__ import annotations

import pytest

from claims.models import Claim
from claims.profiles import KEY_WEIGHTS
from claims.services.matching import PER_CLAIM

from .factories import make_article, make_claim, make_story

pytestmark = pytest.mark.django_db

REPEATED = ["t:death toll", "n:12", "e:harrowgate", "e:ketter dam", "e:lsvrg", "f:death"]


def test_a_rival_figure_is_a_candidate_however_often_another_is_repeated():
    story = make_story("Harrowgate dam")
    rival = make_claim(make_article(story=story), match_keys=["t:death toll", "n:30"])
    for _ in range(PER_CLAIM + 10):  # newer, and sharing more keys with the new claim
        make_claim(make_article(story=story), match_keys=REPEATED)
    new = make_claim(make_article(story=story), match_keys=REPEATED)
    pairs = Claim.objects.match_candidates(new.article_id, story.pk, PER_CLAIM, KEY_WEIGHTS)
    assert (new.pk, rival.pk) in pairs
    assert len([p for p in pairs if p[0] == new.pk]) <= PER_CLAIM + 2
