"""The claim detector: sentences that state something checkable.

A claim is a sentence (or a quotation that runs over several sentences) with a verb
plus an entity, a number or an attribution; a headline counts when it gives a number
and an entity even if the tagger finds no verb in title case. Headings without
content, bylines, lead-ins ending in a colon and "(link)" leftovers are not claims.

A sentence that disputes a figure it names only by a noun ("This is not a verified
number", "Officials rejected the figure") is a claim too: it disputes the last figure
given in the sentences just before it (``ExtractedClaim.disputes``).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .datelines import dateline_length, is_time_stamp
from .facts import DocFacts
from .quantities import Quantity
from .speakers import SpeakerMemory, speech_verbs

HEDGES = {
    "may",
    "might",
    "could",
    "likely",
    "unlikely",
    "possibly",
    "probably",
    "perhaps",
    "reportedly",
    "allegedly",
    "apparently",
    "appear",
    "seem",
    "suggest",
    "speculation",
    "unconfirmed",
    "rumor",
    "rumour",
    "purportedly",
    "supposedly",
    # "feared dead", "believed to have died", "thought to have died", "expected to rise"
    "fear",
    "believe",
    "think",
    "expect",
}
CHECKABLE_LABELS = {
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "LAW",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "WORK_OF_ART",
    "LANGUAGE",
}
ENTITY_LABELS = CHECKABLE_LABELS  # CARDINAL and ORDINAL are kept as quantities instead
# Labels of names: capitalised words ("last week", "$5 million" keep their small words).
CAPITALISED_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW"}
LEFTOVER = re.compile(r"\s*(\((link|links|video|photo|source)\)|\[\d+\])\s*$", re.IGNORECASE)
# "By Jane Doe, Staff Reporter": names in capitals after the lead word, and no verb (the
# caller checks): "By Tuesday, the toll had risen to 114" and "From those surveys,
# researchers concluded ..." are claims.
BYLINE = re.compile(
    r"^(?i:by|from|written by|reporting by)\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,4}(,.*)?$"
)
QUOTATION = re.compile(r"[“\"][^”\"]{12,}[”\"]")
MIN_WORDS = 4
MAX_MERGED_SENTENCES = 6
# A figure disputed by a noun ("this number", "the toll") and a word that doubts it;
# "could not independently verify the figure", a wire's routine caution, is no dispute.
_FIGURE_NOUN = r"(?:number|figure|estimate|toll|count|tally|total)s?"
_THE = r"(?:this|that|the|these|those|its|their)\s+(?:\w+\s+)?"
_DOUBTED = (
    r"not\s+(?:verified|accurate|correct|reliable|credible|true)|unverified|inaccurate|"
    r"incorrect|unreliable|wrong|inflated|exaggerated|overstated|false|fabricated|bogus|"
    r"(?:far\s+|much\s+)?too\s+(?:high|low)"
)
DISPUTES_A_FIGURE = re.compile(
    rf"\bnot\s+(?:an?\s+)?(?:verified|accurate|correct|reliable|credible|true)\s+{_FIGURE_NOUN}\b"
    rf"|\b{_THE}{_FIGURE_NOUN}\s+(?:is|was|are|were)\s+(?:{_DOUBTED})\b"
    rf"|\b(?:disputed?|disputes|rejected|rejects?|questioned|den(?:y|ies|ied)|dismissed|dismiss(?:es)?)"
    rf"\s+{_THE}{_FIGURE_NOUN}\b",
    re.IGNORECASE,
)
# How many sentences back a disputed figure is looked for.
DISPUTE_REACH = 3


@dataclass
class ExtractedClaim:
    start: int
    end: int
    text: str
    speaker: str = ""
    is_quote: bool = False
    hedged: bool = False
    entities: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    # the figure it disputes by a noun alone: {"start", "text": the sentence that gives
    # it, "quantities": that sentence's, "at": the disputed one's start}
    disputes: list[dict[str, Any]] = field(default_factory=list)


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@Language.factory(
    "newsdesk_claims",
    requires=["doc.sents", "doc.ents", "token.pos", "token.lemma", "doc._.quantities"],
    assigns=["doc._.claims"],
)
def make_claim_detector(nlp: Language, name: str) -> ClaimDetector:
    return ClaimDetector()


class ClaimDetector:
    def __call__(self, doc: Doc) -> Doc:
        memory = SpeakerMemory()
        quantities: list[Quantity] = doc._.quantities or []
        # Span.ents walks the whole Doc on every call: collect entities once instead.
        entities = list(doc.ents)
        facts = DocFacts.of(doc)
        claims: list[ExtractedClaim] = []
        said: set[str] = set()  # a page that prints its headline again says it once
        recent: deque[Span] = deque(maxlen=DISPUTE_REACH)
        for span in quote_aware_sentences(doc):
            ents = [e for e in entities if e.start >= span.start and e.end <= span.end]
            speaker = memory.attribute(span, ents, facts)
            disputes = disputed_figure(span, recent, quantities)
            recent.append(span)
            claim = to_claim(span, speaker, quantities, ents, facts, disputes)
            if claim is not None and " ".join(claim.text.split()) not in said:
                said.add(" ".join(claim.text.split()))
                claims.append(claim)
        doc._.claims = claims
        return doc


def _quote_balance(text: str) -> int:
    return text.count("“") - text.count("”") + (text.count('"') % 2)


def quote_aware_sentences(doc: Doc) -> Iterator[Span]:
    """Sentences, with a quotation that spans several of them kept in one piece."""
    pending: Span | None = None
    merged = 0
    for sent in doc.sents:
        if sent.text.strip() == "":
            continue
        starts_paragraph = sent.start == 0 or "\n" in doc[sent.start - 1].text
        if pending is not None and not starts_paragraph and merged < MAX_MERGED_SENTENCES:
            pending = doc[pending.start : sent.end]
            merged += 1
        else:
            if pending is not None:
                yield pending
            pending, merged = sent, 0
        if _quote_balance(pending.text) <= 0 and not _broken_off(pending):
            yield pending
            pending = None
    if pending is not None:
        yield pending


def _broken_off(span: Span) -> bool:
    """A word or two the parser split from the rest of its sentence ("Puerto" | "Rico's
    Death Toll May Be 1,052"): no ending of its own, and more of the paragraph after."""
    words = [t for t in span if not t.is_space]
    if not words or len(words) > 2 or words[-1].is_punct:
        return False
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is not None and not following.is_space and "\n" not in span.text


def _trimmed(span: Span) -> tuple[int, int]:
    """Character bounds without surrounding whitespace, a trailing "(link)" or, at the
    start of a paragraph, a dateline ("BEIRUT—", "SAN JUAN, Puerto Rico (CNN)")."""
    text = span.text
    match = LEFTOVER.search(text)
    if match:
        text = text[: match.start()]
    stripped = text.rstrip()
    lead = len(text) - len(text.lstrip())
    starts_paragraph = span.start == 0 or "\n" in span.doc[span.start - 1].text
    if starts_paragraph:
        lead += dateline_length(text[lead:])
    return span.start_char + lead, span.start_char + len(stripped)


def _without_trailing_words(entity: Span) -> Span:
    """A name without the lower-case words the model ran on into ("Belsk mourns" in a
    headline: "Belsk")."""
    if entity.label_ not in CAPITALISED_LABELS or not entity[0].is_title:
        return entity  # "the health ministry": a name in small words, whole
    end = entity.end
    while entity.doc[end - 1].is_lower and entity.doc[end - 1].is_alpha:
        end -= 1
    return entity if end == entity.end else Span(entity.doc, entity.start, end, entity.label_)


def _counts(quantities: list[Quantity], start: int, end: int) -> list[Quantity]:
    """The counts (two or more) given between two offsets."""
    return [q for q in quantities if q.start >= start and q.end <= end and (q.low or 0) >= 2]


def disputed_figure(
    span: Span, recent: deque[Span], quantities: list[Quantity]
) -> list[dict[str, Any]]:
    """The figure a sentence disputes by a noun alone ("This is not a verified
    number"): the last count given in the sentences just before it. Nothing when the
    sentence gives a count of its own (it disputes that one, or says something else)."""
    if not DISPUTES_A_FIGURE.search(span.text) or _counts(
        quantities, span.start_char, span.end_char
    ):
        return []
    for before in reversed(recent):
        given = _counts(quantities, before.start_char, before.end_char)
        if given:
            return [
                {
                    "start": before.start_char,
                    "text": before.text,
                    "quantities": [q.as_dict() for q in given],
                    "at": given[-1].start,
                }
            ]
    return []


def is_checkable(
    span: Span, has_quantity: bool, ents: list[Span], facts: DocFacts, disputes: bool = False
) -> bool:
    bounds = slice(span.start, span.end)
    text = span.text.strip()
    has_verb = any(pos in {"VERB", "AUX"} for pos in facts.pos[bounds])
    if sum(facts.alpha[bounds]) < MIN_WORDS or text.endswith(":"):
        return False
    if (BYLINE.match(text) and not has_verb) or is_time_stamp(text):
        return False
    has_entity = any(ent.label_ in CHECKABLE_LABELS for ent in ents)
    attributed = bool(speech_verbs(span, facts))
    if has_verb and (has_entity or has_quantity or attributed or disputes):
        return True
    return has_quantity and has_entity  # headlines in title case: "Clash Leaves 100 Dead"


def to_claim(
    span: Span,
    speaker: str,
    quantities: list[Quantity],
    ents: list[Span],
    facts: DocFacts,
    disputes: list[dict[str, Any]] | None = None,
) -> ExtractedClaim | None:
    start, end = _trimmed(span)
    if start >= end:
        return None
    inside = [q for q in quantities if q.start >= start and q.end <= end]
    if not is_checkable(span, bool(inside), ents, facts, bool(disputes)):
        return None
    text = facts.text[start:end]
    return ExtractedClaim(
        start=start,
        end=end,
        text=text,
        speaker=speaker,
        is_quote=bool(QUOTATION.search(text)),
        hedged=not HEDGES.isdisjoint(facts.lemma[span.start : span.end])
        or not HEDGES.isdisjoint(facts.lower[span.start : span.end]),
        entities=[
            {"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char}
            for e in map(_without_trailing_words, ents)
            if e.label_ in ENTITY_LABELS and e.start_char >= start and e.end_char <= end
        ],
        quantities=[q.as_dict() for q in inside],
        disputes=disputes or [],
    )
