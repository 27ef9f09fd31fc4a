"""Claims as matching reads them, from a sentence through the real pipeline, and the
verdict on two of them: what the judging tests share."""

from __future__ import annotations

from types import SimpleNamespace

from claims.judging import judge
from claims.profiles import profile


def claim(nlp, sentence: str, article: int = 1):
    """The first claim extracted from a sentence, as matching reads it."""
    found = nlp(sentence)._.claims
    assert found, f"no claim in {sentence!r}"
    c = found[0]
    fields = ("text", "start", "end", "speaker", "hedged", "entities", "quantities")
    return SimpleNamespace(article_id=article, **{f: getattr(c, f) for f in fields})


def verdict(nlp, first: str, second: str, same_article: bool = False):
    a = profile(claim(nlp, first, 1))
    b = profile(claim(nlp, second, 1 if same_article else 2))
    return judge(a, b)
