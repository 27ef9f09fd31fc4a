"""Loading the spaCy pipeline and running it over batches of article texts."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

from . import claims, paragraphs, quantities  # noqa: F401  (registers the components)
from .claims import ExtractedClaim

# Bump when the claim rules change, so that `manage.py extract` can find stale articles.
RULES_VERSION = "1"
NEEDED = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner"}
OURS = ["newsdesk_paragraphs", "newsdesk_quantities", "newsdesk_claims"]
BATCH_SIZE = 32


@lru_cache(maxsize=4)
def load_bare(model: str) -> Language:
    """The model with only the components our rules read (senter and others disabled)."""
    nlp = spacy.load(model)
    for name in nlp.pipe_names:
        if name not in NEEDED:
            nlp.disable_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    nlp = spacy.load(model)
    for name in nlp.pipe_names:
        if name not in NEEDED:
            nlp.disable_pipe(name)
    nlp.add_pipe("newsdesk_paragraphs", before="parser")
    nlp.add_pipe("newsdesk_quantities", last=True)
    nlp.add_pipe("newsdesk_claims", last=True)
    return nlp


def pipeline_version(model: str) -> str:
    meta = load_pipeline(model).meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', model)}"
    return f"{name}-{meta.get('version', '?')}+r{RULES_VERSION}"


def _extract_serial(model: str, texts: list[str]) -> list[list[ExtractedClaim]]:
    nlp = load_pipeline(model)
    return [doc._.claims for doc in nlp.pipe(texts, batch_size=BATCH_SIZE)]


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract(
    texts: Iterable[str], *, model: str, n_process: int = 1
) -> Iterator[list[ExtractedClaim]]:
    """Claims for each text, in order. ``n_process`` > 1 spreads batches over processes.

    Workers return plain ``ExtractedClaim`` lists rather than Docs (spaCy's own
    ``n_process`` ships whole Docs back), which keeps the parent's share of work small.
    """
    if n_process <= 1:
        for chunk in _chunks(texts, BATCH_SIZE):
            yield from _extract_serial(model, chunk)
        return
    load_pipeline(model)  # loaded once here, inherited by forked workers
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process) as pool:
        jobs = ((model, chunk) for chunk in _chunks(texts, BATCH_SIZE // 2))
        for result in pool.imap(_extract_job, jobs):
            yield from result


def _extract_job(job: tuple[str, list[str]]) -> list[list[ExtractedClaim]]:
    return _extract_serial(*job)
