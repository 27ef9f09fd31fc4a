"""Running the NLP over many articles: one pool of workers for a whole import.

``Extractor.run`` keeps going when one text breaks the pipeline: the batch is retried
one text at a time so that only the broken text fails. ``Extractor.start`` runs it in
the background (a thread, or the pool's workers) while the caller stores what the
previous batch gave: spaCy's parser and matrix products release the GIL, and storing
mostly waits on the database.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.pool import Pool
from types import TracebackType

from django.conf import settings
from django.db import connections

from .nlp.claims import ExtractedClaim  # noqa: F401  (re-exported for callers)
from .nlp.pipeline import load_pipeline, pipeline_version

CHUNK = 32
FAILED = "the language analysis failed on this text, so it was not stored"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractionFailed:
    """In place of a text's claims: the analysis broke on it (the log has the details)."""

    message: str = FAILED


Extracted = list[ExtractedClaim] | ExtractionFailed


def _extract_chunk(job: tuple[str, int, list[str]]) -> list[Extracted]:
    model, max_length, texts = job
    nlp = load_pipeline(model)
    nlp.max_length = max(nlp.max_length, max_length + 1)
    try:
        return [doc._.claims for doc in nlp.pipe(texts, batch_size=len(texts))]
    except Exception:
        results: list[Extracted] = []
        for text in texts:
            try:
                results.append(nlp(text)._.claims)
            except Exception:  # one broken text must not sink the batch
                logger.exception("extraction failed on a text of %d characters", len(text))
                results.append(ExtractionFailed())
        return results


class Extractor:
    """Claims for lists of texts; an ``ExtractionFailed`` in place of a text's claims."""

    def __init__(self, *, model: str | None = None, processes: int | None = None) -> None:
        self.model = model or settings.NEWSDESK_SPACY_MODEL
        self.processes = processes or settings.NEWSDESK_INGEST_PROCESSES
        self.nlp = load_pipeline(self.model)
        self.version = pipeline_version(self.model)
        self._pool: Pool | None = None
        self._thread: ThreadPoolExecutor | None = None

    @property
    def language(self) -> str:
        return str(self.nlp.lang)

    def __enter__(self) -> Extractor:
        if self.processes > 1:
            connections.close_all()  # forked workers must not share the parent's sockets
            self._pool = multiprocessing.get_context("fork").Pool(self.processes)
        else:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.terminate() if kind else self._pool.close()
            self._pool.join()
            self._pool = None
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=kind is not None)
            self._thread = None

    def _jobs(self, texts: Sequence[str]) -> list[tuple[str, int, list[str]]]:
        limit = settings.NEWSDESK_MAX_ARTICLE_CHARS
        return [
            (self.model, limit, list(texts[i : i + CHUNK])) for i in range(0, len(texts), CHUNK)
        ]

    def run(self, texts: Sequence[str]) -> list[Extracted]:
        chunks: Iterable[list[Extracted]]
        if self._pool is None:
            chunks = map(_extract_chunk, self._jobs(texts))
        else:
            chunks = self._pool.imap(_extract_chunk, self._jobs(texts))
        return [result for chunk in chunks for result in chunk]

    def start(self, texts: Sequence[str]) -> Callable[[], list[Extracted]]:
        """Begin ``run(texts)`` in the background; the returned function waits for it.
        (Outside a ``with`` block it runs at once.)"""
        if self._pool is not None:
            pending = self._pool.map_async(_extract_chunk, self._jobs(texts))
            return lambda: [result for chunk in pending.get() for result in chunk]
        if self._thread is not None:
            future = self._thread.submit(self.run, texts)
            return future.result
        done = self.run(texts)
        return lambda: done
