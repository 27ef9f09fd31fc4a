"""Reading the audit trail: what analysts changed, who, when, before and after.

The events are written by PostgreSQL triggers (django-pghistory, declared on the models);
this module only reads them, for the History panels of a link, a conflict and an article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from pghistory.models import Events

from .models import Article, Claim, Link, Outlet, ReviewStatus, Story, Suggestion

LIMIT = 200
# Per event model: what it is called, and the fields shown, with their labels.
SUBJECTS: dict[str, tuple[str, dict[str, str]]] = {
    "claims.LinkEvent": ("link", {"relation": "relation", "note": "note", "author_id": "author"}),
    "claims.NoteEvent": ("note", {"body": "text"}),
    "claims.ReviewEvent": ("conflict", {"status": "status", "status_reason": "reason"}),
    "claims.ManualClaimEvent": ("claim", {"text": "text"}),
    "claims.ArticleEvent": (
        "article details",
        {
            "title": "headline",
            "outlet_id": "outlet",
            "published": "published",
            "author": "author",
            "url": "address",
            "story_id": "story",
        },
    ),
    "claims.StoryEvent": ("story", {"name": "name"}),
    "claims.AliasEvent": ("alias", {"alias": "alias", "canonical": "stands for"}),
}
VERBS = {"insert": "added", "update": "changed", "review": "reviewed", "delete": "deleted"}
STATUSES = dict(ReviewStatus.choices)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    when: datetime
    who: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _names(model: Any, ids: set[int], attribute: str) -> dict[int, str]:
    rows = model.objects.filter(pk__in=ids).values_list("pk", attribute) if ids else []
    return {pk: str(name) for pk, name in rows}


class _Labels:
    """Ids in event data shown as names: users, outlets, stories (one query each)."""

    def __init__(self, events: list[Events]):
        def ids(key: str) -> set:
            found = {e.pgh_data.get(key) for e in events} | {
                (e.pgh_context or {}).get("user") for e in events if key == "author_id"
            }
            return {i for i in found if isinstance(i, int)}

        user_model = get_user_model()
        self.users = _names(user_model, ids("author_id"), user_model.USERNAME_FIELD)
        self.outlets = _names(Outlet, ids("outlet_id"), "name")
        self.stories = _names(Story, ids("story_id"), "name")

    def value(self, key: str, value: object) -> str:
        if value in (None, ""):
            return "—"
        lookup = {"author_id": self.users, "outlet_id": self.outlets, "story_id": self.stories}
        if key in lookup:
            return lookup[key].get(value, f"#{value} (deleted)")  # type: ignore[call-overload]
        if key == "status":
            return str(STATUSES.get(str(value), value))
        return str(value)


def entries(events: Iterable[Events]) -> list[Entry]:
    """Newest first; an update shows each field that changed since the object's last event."""
    events = sorted(events, key=lambda e: (e.pgh_created_at, e.pgh_id))
    labels = _Labels(events)
    last: dict[tuple[str, str | None], dict[str, Any]] = {}
    shown: list[Entry] = []
    for event in events:
        noun, fields = SUBJECTS.get(event.pgh_model, ("record", {}))
        previous = last.get((event.pgh_model, event.pgh_obj_id))
        last[(event.pgh_model, event.pgh_obj_id)] = event.pgh_data
        changes = []
        for key, label in fields.items():
            after = event.pgh_data.get(key)
            before = previous.get(key) if previous else None
            if event.pgh_label == "delete":
                before, after = after, None
            if before != after and not (previous is None and after in (None, "")):
                changes.append(Change(label, labels.value(key, before), labels.value(key, after)))
        if event.pgh_label in {"update", "review"} and not changes:
            continue  # a change to something the panel does not show
        user = (event.pgh_context or {}).get("user")
        who = labels.users.get(user, "someone") if user else "Newsdesk (command line)"
        if (event.pgh_model, event.pgh_label) == ("claims.ArticleEvent", "insert"):
            action = "ingested the article"
        else:
            action = f"{VERBS.get(event.pgh_label, event.pgh_label)} the {noun}"
        shown.append(Entry(event.pgh_created_at, who, action, changes))
    return shown[::-1]


def _link_stubs(ids: Iterable) -> list[Link]:
    """Links by id, deleted ones too: the event tables keep their ids."""
    return [Link(pk=int(pk)) for pk in {i for i in ids if i}]


def of_link(link: Link) -> list[Entry]:
    """The link's own changes, its notes', and reviews of the conflict it confirmed."""
    return entries(Events.objects.references(link).order_by("-pgh_created_at")[:LIMIT])


def of_conflict(suggestion: Suggestion) -> list[Entry]:
    """Its reviews, and every link that confirmed it at some point (deleted ones too)."""
    reviews = list(Events.objects.tracks(suggestion))
    links = _link_stubs([e.pgh_data.get("link_id") for e in reviews] + [suggestion.link_id])
    related = list(Events.objects.references(links)[:LIMIT]) if links else []
    unique = {e.pgh_slug: e for e in [*reviews, *related]}
    return entries(unique.values())[:LIMIT]


def of_article(article: Article) -> list[Entry]:
    """Its details, its manual claims, reviews of its conflicts, and the links and notes
    on its claims (deleted ones too)."""
    found = list(Events.objects.references(article)[:LIMIT])
    claims = [Claim(pk=pk) for pk in article.claims.values_list("pk", flat=True)]
    if claims:
        found += list(Events.objects.references(claims)[:LIMIT])
    links = _link_stubs(e.pgh_obj_id for e in found if e.pgh_model == "claims.LinkEvent")
    if links:
        found += list(Events.objects.references(links)[:LIMIT])
    unique = {e.pgh_slug: e for e in found}
    return entries(unique.values())[:LIMIT]
