"""Loading the spaCy pipeline: the model's components plus ours (batches: extraction.py)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from . import claims, paragraphs, quantities  # noqa: F401  (registers the components)

# Bump when the claim rules change, so that `manage.py extract` can find stale articles.
RULES_VERSION = "6"  # 6: a figure disputed by a noun alone ("not a verified number")
NEEDED = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner"}


def _model_only_needed(model: str) -> Language:
    nlp = spacy.load(model)
    for name in nlp.pipe_names:
        if name not in NEEDED:  # e.g. senter: the parser sets sentences already
            nlp.disable_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def load_bare(model: str) -> Language:
    """The model with only the components our rules read, and none of ours."""
    return _model_only_needed(model)


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    nlp = _model_only_needed(model)
    nlp.add_pipe("newsdesk_paragraphs", before="parser")
    nlp.add_pipe("newsdesk_quantities", last=True)
    nlp.add_pipe("newsdesk_claims", last=True)
    return nlp


def pipeline_version(model: str) -> str:
    meta = load_pipeline(model).meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', model)}"
    return f"{name}-{meta.get('version', '?')}+r{RULES_VERSION}"
