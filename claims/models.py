"""Articles, the claims found in them, and the links analysts draw between claims."""

from __future__ import annotations

from typing import Any

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse

from .choices import (
    ACTIVE_REVIEW,
    ExtractionStatus,
    JobKind,
    JobState,
    Origin,
    Relation,
    ReviewStatus,
    SuggestionOrigin,
)
from .querysets import (
    ArticleQuerySet,
    ClaimQuerySet,
    JobQuerySet,
    LinkQuerySet,
    SuggestionQuerySet,
)
from .wording import ENTITY_KEY, match_key


# The audit trail (django-pghistory): triggers in PostgreSQL copy each change an analyst
# makes into an event table, with who (HistoryMiddleware) and when, whatever code made
# it. What the matcher and the extractor write in bulk is not tracked.
def every_change() -> tuple[pghistory.RowEvent, ...]:
    """Fresh trackers for each model (pghistory fits a tracker to the model it tracks)."""
    return (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())


SPAN_MISMATCH = "The claim text must equal the article text between start and end."
SPAN_OUT_OF_RANGE = "The claim span must lie within the article text (0 <= start < end <= length)."
SAME_ARTICLE = "A link joins claims in two different articles."
NOTE_SUBJECT = "A note belongs to exactly one claim or one link."


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@pghistory.track(
    *every_change(),
    fields=["name"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="StoryEvent",
)
class Story(models.Model):
    """A group of articles about one event."""

    name = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("claims:story_detail", args=[self.pk])


@pghistory.track(
    *every_change(),
    fields=["title", "outlet", "story", "url", "author", "published"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="ArticleEvent",
)
class Article(models.Model):
    title = models.CharField(max_length=1000)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # Rendered as a link in the reader: web addresses only, never "javascript:".
    url = models.URLField(
        max_length=2000, blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    author = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    # Headline as the first paragraph, then the body; claim offsets point into it.
    text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=16, default="en")
    extraction_status = models.CharField(
        max_length=20, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING
    )
    pipeline_version = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=1000, blank=True, help_text="File or input it came from")
    # Spelling-independent keys of the named entities in its claims (claims.entities).
    entity_keys = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    # What incident it reports (claims.incidents.Incident.as_json): kind, named storm or
    # fire, names in its lead, figures. Read when later articles look for their story.
    incident = models.JSONField(default=dict, blank=True)
    # Stored by a bulk ingest, not yet matched against its story: a bulk ingest stores
    # first and matches after (services.matching.match_pending).
    match_pending = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("text", weight="B", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [F("published").desc(nulls_last=True), "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_gin"),
            GinIndex(fields=["entity_keys"], name="article_entity_keys_gin"),
            # The list's default order, newest first: read in index order, no sort.
            models.Index(
                F("published").desc(nulls_last=True), F("id").desc(), name="article_newest_idx"
            ),
            models.Index(
                fields=["id"], condition=Q(match_pending=True), name="article_match_pending_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("claims:article_detail", args=[self.pk])

    @property
    def analysed(self) -> bool:
        return self.extraction_status == ExtractionStatus.DONE

    @property
    def source_url(self) -> str:
        """The URL if it is safe to render as a link (a web address), else empty."""
        return self.url if self.url.lower().startswith(("http://", "https://")) else ""


@pghistory.track(
    pghistory.InsertEvent(condition=pgtrigger.Q(new__origin=Origin.MANUAL)),
    pghistory.DeleteEvent(condition=pgtrigger.Q(old__origin=Origin.MANUAL)),
    fields=["article", "start", "end", "text", "origin", "created_by"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="ManualClaimEvent",
)
class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField(help_text="Unicode code point offset into the text")
    end = models.PositiveIntegerField()
    text = models.TextField()
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    speaker = models.CharField(max_length=300, blank=True)
    is_quote = models.BooleanField(default=False)
    hedged = models.BooleanField(default=False)
    # [{"text", "label", "start", "end"}], offsets into the article text
    entities = models.JSONField(default=list, blank=True)
    # [{"text", "start", "end", "low", "high", "qualifier", "unit"}]
    quantities = models.JSONField(default=list, blank=True)
    # Keys two claims worth comparing share (claims.profiles.match_keys), GIN-indexed.
    match_keys = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")), name="claim_start_before_end"
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
        ]
        indexes = [GinIndex(fields=["match_keys"], name="claim_match_keys_gin")]

    def __str__(self) -> str:
        return self.text[:80]

    def check_span(self) -> None:
        text = self.article.text
        if not (0 <= self.start < self.end <= len(text)):
            raise ValidationError(SPAN_OUT_OF_RANGE)
        if text[self.start : self.end] != self.text:
            raise ValidationError(SPAN_MISMATCH)

    def clean(self) -> None:
        super().clean()
        self.check_span()

    def save(self, *args, **kwargs) -> None:
        self.check_span()
        super().save(*args, **kwargs)


@pghistory.track(
    *every_change(),
    fields=["source", "target", "relation", "note", "author"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="LinkEvent",
)
class Link(models.Model):
    """An analyst's judgement that two claims in different articles relate."""

    source = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    note = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="links"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every change; a change made on an older version is refused (409).
    version = models.PositiveIntegerField(default=0)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(source=F("target")), name="link_two_claims"),
            # One link per pair and relation, whichever way round it was drawn.
            models.UniqueConstraint(
                Least("source", "target"),
                Greatest("source", "target"),
                "relation",
                name="link_unique_pair_relation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.relation} {self.target_id}"

    def clean(self) -> None:
        super().clean()
        if self.source.article_id == self.target.article_id:
            raise ValidationError(SAME_ARTICLE)


@pghistory.track(
    *every_change(),
    fields=["claim", "link", "author", "body"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="NoteEvent",
)
class Note(models.Model):
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    link = models.ForeignKey(
        Link, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="notes"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=False, link__isnull=True)
                | Q(claim__isnull=True, link__isnull=False),
                name="note_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:80]


class EntityAliasQuerySet(models.QuerySet):
    def as_map(self) -> dict[str, str]:
        """Normal form of each alias -> canonical name, as ``claims.entities`` reads it."""
        from .entities import normal_aliases

        return normal_aliases(dict(self.values_list("alias", "canonical")))


@pghistory.track(
    *every_change(),
    fields=["alias", "canonical"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="AliasEvent",
)
class EntityAlias(models.Model):
    """An analyst's ruling that a name stands for an entity: "the Kremlin" -> "Russia"."""

    alias = models.CharField(max_length=200, unique=True)
    canonical = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EntityAliasQuerySet.as_manager()

    class Meta:
        ordering = ["canonical", "alias"]
        verbose_name_plural = "entity aliases"

    def __str__(self) -> str:
        return f"{self.alias} → {self.canonical}"


@pghistory.track(
    pghistory.InsertEvent(condition=pgtrigger.Q(new__origin=SuggestionOrigin.ANALYST)),
    pghistory.UpdateEvent(
        "review", condition=pghistory.AnyChange("status", "status_reason", "link")
    ),
    pghistory.DeleteEvent(condition=~pgtrigger.Q(old__status=ReviewStatus.OPEN)),
    fields=["article_a", "article_b", "relation", "status", "status_reason", "link"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="ReviewEvent",
)
class Suggestion(models.Model):
    """Two claims that Newsdesk proposes go together, and the analyst's verdict on it.

    A contradiction an analyst links by hand gets a row too (origin analyst), so that
    the conflicts dashboard reads one table. ``key`` names the pair by its articles and
    sentences rather than by claim ids, so a verdict survives re-extraction: the claims
    are set to NULL when re-extraction drops them, and matching finds the row again.
    """

    key = models.CharField(max_length=64, unique=True)
    article_a = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    article_b = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    claim_a = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claim_b = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    relation = models.CharField(max_length=12, choices=Relation.choices)
    score = models.FloatField()
    reason = models.CharField(max_length=500)
    topic = models.CharField(max_length=100, blank=True)
    internal = models.BooleanField(default=False)
    same_source = models.BooleanField(default=False)
    # Marks of a conflict: a running count that changed between publication dates (an
    # update, not a disagreement), a hedged claim, figures from two named sources.
    update = models.BooleanField(default=False)
    hedged = models.BooleanField(default=False)
    different_sources = models.BooleanField(default=False)
    # The figures compared: ["about 100 dead", "around 200 dead"].
    figures = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    # What the dashboard's filters read of both claims, kept on the row so that filtering
    # 10,000 rows never scans the claims: their entity keys ("e:assad"), their speakers.
    entity_keys = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    speakers = models.TextField(blank=True)
    origin = models.CharField(
        max_length=10, choices=SuggestionOrigin.choices, default=SuggestionOrigin.MATCHER
    )
    link = models.OneToOneField(
        Link, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestion"
    )
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    status_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Raised by every review; a review made on an older version is refused (409).
    version = models.PositiveIntegerField(default=0)
    # The dashboard entry the row belongs to: rows of one story that set the same two
    # reported facts against each other (a figure repeated by many outlets, a dispute
    # one article reports, a denial against each report of the act) share it, and one
    # verdict covers them; any other row is an entry of its own (its key).
    entry = models.CharField(max_length=64, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]
        indexes = [
            models.Index(fields=["relation", "status", "-score"], name="suggestion_review_idx"),
            models.Index(fields=["article_a", "article_b"], name="suggestion_articles_idx"),
            models.Index(fields=["article_b"], name="suggestion_article_b_idx"),
            GinIndex(fields=["entity_keys"], name="suggestion_entity_keys_gin"),
            # The dashboard's default listing (active conflicts, best or newest first),
            # read in index order to its cap (querysets.SuggestionQuerySet.best).
            *(
                models.Index(
                    *order,
                    name=name,
                    condition=Q(
                        relation=Relation.CONTRADICTS,
                        status__in=ACTIVE_REVIEW,
                        claim_a__isnull=False,
                        claim_b__isnull=False,
                    ),
                )
                for name, order in (
                    ("suggestion_active_score_idx", (F("score").desc(), F("id").asc())),
                    ("suggestion_active_newest_idx", (F("created_at").desc(), F("id").desc())),
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relation}: {self.reason}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.entry = self.entry or self.key  # a row no other shares an entry with
        super().save(*args, **kwargs)

    def set_ends(self, first: Claim, second: Claim) -> None:
        """The two claims (in pair order), and what the filters read of them."""
        self.article_a_id, self.article_b_id = first.article_id, second.article_id
        self.claim_a, self.claim_b = first, second
        entity = match_key(ENTITY_KEY, "")
        keys = {k for claim in (first, second) for k in claim.match_keys if k.startswith(entity)}
        self.entity_keys = sorted(keys)
        self.speakers = "\n".join(c.speaker for c in (first, second) if c.speaker)

    @property
    def kind(self) -> str:
        return "link" if self.link_id else "suggestion"

    @property
    def ends(self) -> tuple[tuple[Article, Claim | None], tuple[Article, Claim | None]]:
        return (self.article_a, self.claim_a), (self.article_b, self.claim_b)


@pghistory.track(
    *every_change(),
    fields=["claim", "name", "author"],
    obj_field=pghistory.ObjForeignKey(related_name="events"),
    model_name="FactNameEvent",
)
class FactName(models.Model):
    """An analyst's name for a reported fact. Facts are worked out afresh from same
    links and suggestions (``claims.reported_facts``); the name is held by one of the
    fact's claims, which re-extraction keeps as it keeps claims that links hang on."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="fact_name")
    name = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


class Job(models.Model):
    """Work an analyst (or a command) asked for, done by a worker in the background:
    one input to ingest, or one story to match again. The task queue (procrastinate)
    holds when to run it; this row holds what it is and how it went, for the pages."""

    kind = models.CharField(max_length=20, choices=JobKind.choices)
    state = models.CharField(max_length=20, choices=JobState.choices, default=JobState.QUEUED)
    # What the analyst sees it as: a file name, a URL, "pasted text", a story's name.
    label = models.CharField(max_length=1000)
    # The inputs queued together (one upload, one command); the ingest page follows them.
    batch = models.UUIDField(db_index=True)
    # An input to ingest (claims.ingest.records.ArticleInput.as_json), emptied once stored.
    input = models.JSONField(default=dict, blank=True)
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    duplicate = models.BooleanField(default=False)
    claims = models.PositiveIntegerField(default=0)
    suggestions = models.PositiveIntegerField(default=0)
    # Why it failed, in words an analyst can act on.
    message = models.CharField(max_length=1000, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["state"],
                condition=~Q(state__in=JobState.finished()),
                name="job_unfinished_idx",
            ),
            models.Index(fields=["requested_by", "-created_at"], name="job_requested_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label}: {self.get_state_display()}"

    @property
    def finished(self) -> bool:
        return self.state in JobState.finished()

    @property
    def failed(self) -> bool:
        return self.state == JobState.FAILED

    @property
    def done(self) -> bool:
        return self.state == JobState.DONE

    @property
    def story_match(self) -> bool:
        return self.kind == JobKind.MATCH_STORY
