"""Writes: articles with their claims, and re-extraction that keeps analysts' work.

Each article is stored in its own transaction, so a failure leaves no partial article
and does not stop the rest of a batch.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count

from ..extraction import Extracted, ExtractionFailed, Extractor
from ..incidents import incident_of, unread_incident
from ..ingest.errors import InputError
from ..ingest.records import ArticleInput, FailedInput
from ..ingest.text import canonical_text, content_hash
from ..models import Article, Claim, EntityAlias, ExtractionStatus, Origin, Outlet, Story
from ..nlp.claims import ExtractedClaim
from ..nlp.language import detect_language
from ..profiles import copy_key, match_keys
from ..sql import lock_story_placement
from .matching import match_pending, suggest_for_article
from .stories import entity_keys_of, story_for

TEXT_TOO_LONG = "article text is {length:,} characters; the limit is {limit:,}"
NOT_STORED = "could not be stored (the database refused it); nothing of it was saved"
BATCH = 32  # articles per process and batch: small, so analysing and storing overlap
REEXTRACTED = ["text", "speaker", "is_quote", "hedged", "entities", "quantities", "disputes"]
REEXTRACTED += ["match_keys", "copy_key"]

Item = ArticleInput | FailedInput
Status = Literal["created", "duplicate", "error"]
logger = logging.getLogger(__name__)


@dataclass
class IngestResult:
    source: str
    status: Status
    article: int | None = None
    claims: int = 0
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.source,
            "status": self.status,
            "article": self.article,
            "claims": self.claims,
            "error": self.error,
        }


@dataclass
class PreparedArticle:
    input: ArticleInput
    text: str
    hash: str
    language: str


def prepare(item: ArticleInput, *, max_chars: int) -> PreparedArticle:
    text = canonical_text(item.title, item.body)
    if len(text) > max_chars:
        raise InputError(TEXT_TOO_LONG.format(length=len(text), limit=max_chars))
    return PreparedArticle(item, text, content_hash(text), detect_language(text))


def _claim_rows(
    article: Article, extracted: list[ExtractedClaim], aliases: dict[str, str] | None = None
) -> list[Claim]:
    rows = []
    for item in extracted:
        claim = Claim(
            article=article,
            start=item.start,
            end=item.end,
            text=item.text,
            origin=Origin.EXTRACTED,
            speaker=item.speaker[:300],
            is_quote=item.is_quote,
            hedged=item.hedged,
            entities=item.entities,
            quantities=item.quantities,
            disputes=item.disputes,
        )
        claim.match_keys = match_keys(claim, aliases)
        claim.copy_key = copy_key(claim)
        claim.check_span()  # bulk_create skips save(), so the span rule is checked here
        rows.append(claim)
    return rows


@transaction.atomic
def store_article(
    *,
    prepared: PreparedArticle,
    claims: list[ExtractedClaim] | None,
    pipeline_version: str,
    outlet: str = "",
    story: Story | None = None,
    aliases: dict[str, str] | None = None,
    match: bool = True,
) -> Article:
    """Create one article and its extracted claims; ``claims`` None means not analysed.

    Without a ``story`` an analysed article joins the story it belongs to, or starts one.
    With ``match`` its claims are matched against its story's at once; without, it is
    left ``match_pending`` for ``match_pending()`` (what a bulk ingest does).
    """
    item = prepared.input
    outlet_name = (outlet or item.outlet).strip()[:200]
    article = Article(
        title=prepared.text.split("\n\n", 1)[0][:1000],
        outlet=Outlet.objects.get_or_create(name=outlet_name)[0] if outlet_name else None,
        story=story,
        url=item.url[:2000],
        author=item.author[:300],
        published=item.published,
        text=prepared.text,
        content_hash=prepared.hash,
        language=prepared.language,
        extraction_status=ExtractionStatus.DONE
        if claims is not None
        else ExtractionStatus.NOT_ANALYSED,
        pipeline_version=pipeline_version if claims is not None else "",
        source=item.source[:1000],
        match_pending=claims is not None and not match,
    )
    # Field checks only: uniqueness is the database's job (IntegrityError -> duplicate),
    # and asking first would cost a query per article.
    if claims is not None:
        article.entity_keys = entity_keys_of(claims, aliases)
        incident = incident_of(
            article.text, claims, published=item.published, outlet=outlet_name, aliases=aliases
        )
    else:  # another language: the names in Latin letters and the figures in digits
        incident = unread_incident(article.text, published=item.published, aliases=aliases)
        article.entity_keys = sorted(incident.names)
    article.incident = incident.as_json()
    article.full_clean(exclude=["search_vector"], validate_unique=False, validate_constraints=False)
    if story is None:
        lock_story_placement()  # workers store at once; one story per event all the same
        # Before the INSERT: updating the row after would compute its search vector again.
        article.story_id = story_for(article, incident)
    article.save()
    Claim.objects.bulk_create(_claim_rows(article, claims or [], aliases))
    if claims is not None and article.story_id and match:
        suggest_for_article(article, aliases=aliases)
    return article


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    items: Iterable[ArticleInput | FailedInput],
    *,
    outlet: str = "",
    story: Story | None = None,
    processes: int | None = None,
    max_chars: int | None = None,
    on_result: Callable[[IngestResult], None] | None = None,
    match: bool = True,
    batch_size: int | None = None,
) -> list[IngestResult]:
    """Ingest a stream of inputs in batches; returns one result per input, in order.

    Articles are stored first and matched against their stories after the last batch
    (each against the whole story as it then stands), or, without ``match``, left
    pending for ``match_pending()`` (``manage.py suggest --pending``).

    Whatever is reported "created" is stored whole. (The browser's inputs go through the
    task queue instead, one job each: ``claims.services.queue``.)
    """
    results: list[IngestResult] = []
    max_chars = max_chars or settings.NEWSDESK_MAX_ARTICLE_CHARS

    def emit(result: IngestResult) -> None:
        results.append(result)
        if on_result:
            on_result(result)

    with Extractor(processes=processes) as extractor:
        # Each batch is analysed in the background while the one before it is stored.
        waiting: _Analysing | None = None
        for batch in _batches(items, batch_size or BATCH * extractor.processes):
            analysing = _analyse(batch, extractor, max_chars)
            if waiting is not None:
                _store_batch(waiting, extractor.version, outlet, story, emit)
            waiting = analysing
        if waiting is not None:
            _store_batch(waiting, extractor.version, outlet, story, emit)
    if match:
        created = [r.article for r in results if r.status == "created" and r.article]
        match_pending(created)
    return results


def _prepare_all(batch: list[Item], max_chars: int) -> list[PreparedArticle | IngestResult]:
    prepared: list[PreparedArticle | IngestResult] = []
    for item in batch:
        if isinstance(item, FailedInput):
            prepared.append(IngestResult(item.source, "error", error=item.error))
            continue
        try:
            prepared.append(prepare(item, max_chars=max_chars))
        except InputError as exc:
            prepared.append(IngestResult(item.source, "error", error=exc.message))
    return prepared


def _known(hashes: list[str]) -> dict[str, tuple[int, int]]:
    """content hash -> (article id, claim count) for articles already stored."""
    rows = (
        Article.objects.filter(content_hash__in=hashes)
        .annotate(n=Count("claims"))
        .values_list("content_hash", "pk", "n")
    )
    return {h: (pk, n) for h, pk, n in rows}


@dataclass
class _Analysing:
    """A batch whose new English texts are being analysed: ``claims()`` waits for them."""

    prepared: list[PreparedArticle | IngestResult]
    hashes: list[str]
    claims: Callable[[], list[Extracted]]


def _analyse(batch: list[Item], extractor: Extractor, max_chars: int) -> _Analysing:
    prepared = _prepare_all(batch, max_chars)
    articles = [p for p in prepared if isinstance(p, PreparedArticle)]
    known = _known([p.hash for p in articles])
    # One extraction per distinct new English text (a batch may hold the same text twice).
    todo = {
        p.hash: p.text for p in articles if p.hash not in known and p.language == extractor.language
    }
    return _Analysing(prepared, list(todo), extractor.start(list(todo.values())))


def _store_batch(
    batch: _Analysing,
    version: str,
    outlet: str,
    story: Story | None,
    emit: Callable[[IngestResult], None],
) -> None:
    aliases = EntityAlias.objects.as_map()  # once per batch, not once per article
    extracted = dict(zip(batch.hashes, batch.claims(), strict=True))
    # Asked again now: the batch before this one was stored while this one was analysed.
    known = _known([p.hash for p in batch.prepared if isinstance(p, PreparedArticle)])
    results: dict[int, IngestResult] = {}
    # Placed oldest first, undated last, whatever order a feed lists them in: an event's
    # first reports start its story, and what came later (or gives no date) joins it.
    for i in sorted(range(len(batch.prepared)), key=lambda i: _placing_order(batch.prepared[i])):
        entry = batch.prepared[i]
        if isinstance(entry, IngestResult):
            results[i] = entry
        elif entry.hash in known:
            results[i] = IngestResult(entry.input.source, "duplicate", *known[entry.hash])
        else:
            result = _store_one(entry, extracted.get(entry.hash), version, outlet, story, aliases)
            if result.status == "created" and result.article is not None:
                known[entry.hash] = (result.article, result.claims)
            results[i] = result
    for i in range(len(batch.prepared)):
        emit(results[i])


def _placing_order(entry: PreparedArticle | IngestResult) -> tuple[bool, dt.date]:
    published = entry.input.published if isinstance(entry, PreparedArticle) else None
    return published is None, published or dt.date.min


def _store_one(
    entry: PreparedArticle,
    claims: Extracted | None,
    version: str,
    outlet: str,
    story: Story | None,
    aliases: dict[str, str],
) -> IngestResult:
    source = entry.input.source
    if isinstance(claims, ExtractionFailed):
        return IngestResult(source, "error", error=claims.message)
    try:
        article = store_article(
            prepared=entry,
            claims=claims,
            pipeline_version=version,
            outlet=outlet,
            story=story,
            aliases=aliases,
            match=False,
        )
    except IntegrityError:  # stored meanwhile by a concurrent import
        existing = Article.objects.filter(content_hash=entry.hash).first()
        if existing is None:
            raise
        return IngestResult(source, "duplicate", existing.pk, existing.claims.count())
    except Exception:  # one input's failure, logged in full; the batch goes on
        logger.exception("storing %s failed", source)
        return IngestResult(source, "error", error=NOT_STORED)
    return IngestResult(source, "created", article.pk, len(claims or []))


@transaction.atomic
def replace_extracted_claims(
    *, article: Article, claims: list[ExtractedClaim], pipeline_version: str
) -> tuple[int, int, int]:
    """Swap in a new extraction; returns (created, updated, removed).

    Claims at the same span are updated in place, so links and notes on them stay;
    old extracted claims that links or notes hang on are kept; manual claims are
    never touched.
    """
    aliases = EntityAlias.objects.as_map()
    old = {(c.start, c.end): c for c in article.claims.select_for_update().extracted()}
    keep = set(article.claims.extracted().with_activity().values_list("pk", flat=True))
    created, updated = [], []
    for row in _claim_rows(article, claims, aliases):
        current = old.pop((row.start, row.end), None)
        if current is None:
            if not article.claims.filter(start=row.start, end=row.end).exists():
                created.append(row)
            continue
        for field in REEXTRACTED:
            setattr(current, field, getattr(row, field))
        updated.append(current)
    Claim.objects.bulk_create(created)
    Claim.objects.bulk_update(updated, REEXTRACTED)
    stale = [c.pk for c in old.values() if c.pk not in keep]
    Claim.objects.filter(pk__in=stale).delete()
    article.extraction_status = ExtractionStatus.DONE
    article.pipeline_version = pipeline_version
    current = list(article.claims.all())
    article.entity_keys = entity_keys_of(current, aliases)
    article.incident = incident_of(
        article.text,
        current,
        published=article.published,
        outlet=article.outlet.name if article.outlet else "",
        aliases=aliases,
    ).as_json()
    article.save(update_fields=["extraction_status", "pipeline_version", "entity_keys", "incident"])
    if article.story_id:
        suggest_for_article(article, aliases=aliases)
    return len(created), len(updated), len(stale)
