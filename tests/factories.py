"""Small builders for rows the tests need, with text that is not the sample corpus."""

from __future__ import annotations

import itertools
import uuid

from claims.ingest.text import canonical_text, content_hash
from claims.models import (
    Article,
    Claim,
    EntityAlias,
    ExtractionStatus,
    FactName,
    Job,
    JobKind,
    Link,
    Note,
    Origin,
    Outlet,
    Story,
)

_counter = itertools.count(1)


def make_article(
    title: str = "", body: str = "Officials said 12 people died on Monday.", **kw
) -> Article:
    title = title or f"Test article {next(_counter)}"
    text = canonical_text(title, body)
    return Article.objects.create(
        title=title,
        text=text,
        content_hash=content_hash(text),
        extraction_status=kw.pop("extraction_status", ExtractionStatus.DONE),
        **kw,
    )


def make_claim(article: Article, fragment: str | None = None, **kw) -> Claim:
    """A claim over the first occurrence of ``fragment`` (default: the last paragraph)."""
    fragment = fragment or article.text.split("\n\n")[-1]
    start = article.text.index(fragment)
    return Claim.objects.create(
        article=article,
        start=start,
        end=start + len(fragment),
        text=fragment,
        origin=kw.pop("origin", Origin.EXTRACTED),
        **kw,
    )


def make_suggestion(claim_a: Claim, claim_b: Claim, relation: str = "contradicts", **kw):
    """A matcher's suggestion between two claims of different articles."""
    from claims.models import Suggestion
    from claims.services.matching import pair_key

    key, first, second = pair_key(claim_a, claim_b)
    row = Suggestion(key=key, relation=relation, score=kw.pop("score", 0.9), **kw)
    row.reason = kw.get("reason", "the figures differ")
    row.set_ends(first, second)
    row.save()
    return row


def make_conflict(**kw):
    """Two invented reports that disagree on a toll, and the suggestion between them."""
    a = make_article(body="Officials said 12 people died in the flood on Monday.")
    b = make_article(body="Rescuers said 40 people died in the flood on Monday.")
    return make_suggestion(make_claim(a), make_claim(b), **kw)


def make_story(name: str = "") -> Story:
    return Story.objects.create(name=name or f"Test story {next(_counter)}")


def make_outlet(name: str = "") -> Outlet:
    return Outlet.objects.get_or_create(name=name or f"Outlet {next(_counter)}")[0]


def make_link(source: Claim, target: Claim, relation: str = "related", **kw) -> Link:
    return Link.objects.create(source=source, target=target, relation=relation, **kw)


def make_note(body: str = "Checked with the ministry.", **kw) -> Note:
    """A note on ``claim=`` or ``link=``."""
    return Note.objects.create(body=body, **kw)


def make_fact_name(claim: Claim, name: str = "Officials' toll", **kw) -> FactName:
    """An analyst's name for the reported fact ``claim`` is in."""
    return FactName.objects.create(claim=claim, name=name, **kw)


def make_alias(alias: str = "the Kremlin", canonical: str = "Russian government") -> EntityAlias:
    return EntityAlias.objects.create(alias=alias, canonical=canonical)


def make_user(name: str, role: str | None = None):
    """A user in one of the role groups (viewer, analyst, admin), or in none."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(name, password="correct horse battery")
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def make_job(**kw) -> Job:
    """A queued job's row (nothing on the task queue: ``claims.services.queue`` does that)."""
    fields = {"kind": JobKind.INGEST, "label": f"input-{next(_counter)}.txt", "batch": uuid.uuid4()}
    return Job.objects.create(**{**fields, **kw})


def make_toll_conflicts(story, tolls, *, dated=True, one_article=False, days=None):
    """A claim per toll ("Officials said N people died."), each in its own article
    published a day after the last (or on the ``days`` of March given, or all in one
    article), and an open matcher row for every pair of them, marked as an update when
    their dates differ and the later toll is not lower (as ``claims.judging`` marks a
    count that only grows)."""
    import datetime as dt

    claims = {}
    shared = None
    if one_article:
        body = " ".join(f"Officials said {toll} people died." for toll in tolls)
        shared = make_article(body=body, story=story)
    days = days or range(1, len(tolls) + 1)
    for day, toll in zip(days, tolls, strict=True):
        fragment = f"Officials said {toll} people died."
        published = dt.date(2031, 3, day) if dated else None
        article = shared or make_article(body=fragment, story=story, published=published)
        start = article.text.index(fragment) + len("Officials said ")
        quantity = {"text": f"{toll} people", "start": start, "end": start + len(str(toll)) + 7}
        quantity.update(low=toll, high=toll, qualifier="exact", unit="people")
        claims[toll] = make_claim(article, fragment, quantities=[quantity])
    for x, y in itertools.combinations(tolls, 2):
        make_matcher_conflict(
            claims[x],
            claims[y],
            key=f"toll-{x}-{y}",
            reason=f"{x} versus {y}",
            topic="death toll",
            update=dated and not one_article and _rose(days, tolls, x, y),
            internal=one_article,
        )


def _rose(days, tolls, x, y) -> bool:
    """Whether toll ``x`` and toll ``y`` were reported on two days, the later not lower."""
    (_, early), (_, late) = sorted([(days[tolls.index(x)], x), (days[tolls.index(y)], y)])
    return days[tolls.index(x)] != days[tolls.index(y)] and late >= early


def make_matcher_conflict(a, b, *, key: str, **fields):
    """An open matcher conflict between claims ``a`` and ``b``, its key chosen by the test."""
    from claims.models import Suggestion

    return Suggestion.objects.create(
        key=key,
        article_a=a.article,
        article_b=b.article,
        claim_a=a,
        claim_b=b,
        relation="contradicts",
        **{"score": 0.85, **fields},
    )
