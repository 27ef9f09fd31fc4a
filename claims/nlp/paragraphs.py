"""A component that makes every paragraph start a sentence, before the parser runs."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsdesk_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    # The parser keeps boundaries that are already set, so a headline or a one-line
    # paragraph never runs into the next one.
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
