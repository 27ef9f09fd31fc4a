"""Writes: ingestion (articles, extracted claims), annotation (links, notes), stories."""

from __future__ import annotations

from .annotation import (
    add_note,
    claim_for_selection,
    create_link,
    delete_article,
    delete_link,
    delete_note,
    edit_note,
    link_selection,
    restore_link,
    update_link,
)
from .errors import ServiceError
from .ingestion import (
    TEXT_TOO_LONG,
    IngestResult,
    PreparedArticle,
    ingest,
    replace_extracted_claims,
    store_article,
)

__all__ = [
    "TEXT_TOO_LONG",
    "ServiceError",
    "IngestResult",
    "PreparedArticle",
    "add_note",
    "claim_for_selection",
    "create_link",
    "delete_article",
    "delete_link",
    "link_selection",
    "delete_note",
    "edit_note",
    "ingest",
    "replace_extracted_claims",
    "restore_link",
    "store_article",
    "update_link",
]
