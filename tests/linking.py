"""Two invented reports of one battle that disagree (the ``invented_pair`` fixture), and
helpers for the tests that link them. Built with the factories: no spaCy, no corpus."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from claims.models import Article, Claim

from .factories import make_article, make_claim, make_story

ABOUT_100 = "A regional official put the death toll in the clashes at about 100"
AROUND_200 = (
    "When the shooting stopped around 200 contractors hired by Bashir Assad were dead and "
    "dozens wounded."
)
WIRE_LINE = f"“{ABOUT_100}, according to two people briefed on the fighting,” Reuters said."

# (sentence, its names as (text, label), its figures as (text, low, high, qualifier,
# unit)[, who said it])
REPORT_A = (
    "Clashes at the river crossing",
    [
        (WIRE_LINE, [("Reuters", "ORG")], [("about 100", 100, 100, "about", "")], "Reuters"),
        (
            "One commander close to Bashar Assad, died in the shelling, a spokesman said.",
            [("Bashar Assad", "PERSON")],
            [],
        ),
        ("Kurdish militias held the far bank through the night.", [("Kurdish", "NORP")], []),
    ],
)
REPORT_B = (
    "Contractors killed in river battle",
    [
        (
            AROUND_200,
            [("Bashir Assad", "PERSON")],
            [("around 200 contractors", 200, 200, "about", "contractor")],
        ),
        (WIRE_LINE, [("Reuters", "ORG")], [("about 100", 100, 100, "about", "")], "Reuters"),
        (
            "The contractors were hired by Syria’s Bashir Assad to guard the oil fields.",
            [("Syria", "GPE"), ("Bashir Assad", "PERSON")],
            [],
        ),
        ("Kurdish fighters said they saw the column cross at dawn.", [("Kurdish", "NORP")], []),
    ],
)


def make_report(title: str, sentences: list, **kw) -> Article:
    """An article of these sentences, one paragraph each, each sentence a claim with
    its names, figures and speaker at their offsets and its match keys, as extraction
    stores them, and the article's name keys as ingest sets them."""
    from claims.profiles import match_keys
    from claims.services.stories import entity_keys_of

    article = make_article(title=title, body="\n\n".join(s[0] for s in sentences), **kw)
    claims = []
    for sentence, names, figures, *speaker in sentences:
        at = article.text.index(sentence)

        def where(text: str, at: int = at, sentence: str = sentence) -> dict:
            start = at + sentence.index(text)
            return {"text": text, "start": start, "end": start + len(text)}

        entities = [{**where(text), "label": label} for text, label in names]
        quantities = [
            {**where(text), "low": low, "high": high, "qualifier": qualifier, "unit": unit}
            for text, low, high, qualifier, unit in figures
        ]
        claim = make_claim(
            article, sentence, entities=entities, quantities=quantities, speaker="".join(speaker)
        )
        claim.match_keys = match_keys(claim)
        claim.save(update_fields=["match_keys"])
        claims.append(claim)
    article.entity_keys = entity_keys_of(claims)
    article.save(update_fields=["entity_keys"])
    return article


def invented_pair() -> tuple[Article, Article]:
    """Both reports, in one story, published a day apart."""
    story = make_story("Battle at the river crossing")
    return (
        make_report(*REPORT_A, story=story, published=date(2024, 5, 2)),
        make_report(*REPORT_B, story=story, published=date(2024, 5, 3)),
    )


def span_of(article, fragment: str) -> tuple[int, int]:
    start = article.text.index(fragment)
    return start, start + len(fragment)


def claim_with(article, fragment: str) -> Claim:
    return next(c for c in article.claims.all() if fragment in c.text)


def post_link(client, a, b, start, end, target, relation="contradicts", side="a", **kw):
    url = reverse("claims:link_create", args=[a.pk, b.pk])
    data = {"side": side, "start": start, "end": end, "target": target, "relation": relation}
    return client.post(url, data, **kw)
