"""Token attributes read once per Doc.

Python components that loop over Token objects several times per sentence cost as
much as a model layer; these lists are built in one pass and sliced per sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(frozen=True)
class DocFacts:
    text: str  # Doc.text joins every token again on each call
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    alpha: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> DocFacts:
        lower, lemma, pos, alpha = [], [], [], []
        for token in doc:
            lower.append(token.lower_)
            lemma.append(token.lemma_.lower())
            pos.append(token.pos_)
            alpha.append(token.is_alpha)
        return cls(doc.text, lower, lemma, pos, alpha)
