"""Who is said to say a claim: "X said", "said X", "X told Y", "according to X".

Short references ("Veale said", "he said") are resolved to the fullest name given
earlier in the same article, which ``SpeakerMemory`` keeps while a Doc is read in order.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .facts import DocFacts

SPEECH_VERBS = {
    "say",
    "tell",
    "report",
    "state",
    "add",
    "claim",
    "note",
    "announce",
    "confirm",
    "deny",
    "declare",
    "write",
    "explain",
    "warn",
    "insist",
    "argue",
    "allege",
    "acknowledge",
    "admit",
    "assert",
    "reveal",
    "quote",
    "estimate",
    "testify",
    "tweet",
}
# "The U.S. official put the death toll at about 100": an estimate, attributed like speech.
ESTIMATE_VERBS = {"put", "place", "set"}
ESTIMATE_OBJECTS = {"toll", "number", "figure", "count", "tally", "total", "estimate"}
PRONOUNS = {"he", "she", "they", "we", "i"}
SUBJECTS = {"nsubj"}  # a passive subject is what was said, not who said it
# Children that belong to a speaker's name ("two of the Russians"), not to a description.
NAME_PARTS = {"compound", "amod", "det", "nummod", "poss", "case", "nmod", "flat", "quantmod"}
PERSON_LABELS = {"PERSON", "ORG"}


def speech_verbs(span: Span, facts: DocFacts) -> list[int]:
    """Indices of the verbs of saying (or estimating) in a span."""
    return [
        i
        for i in range(span.start, span.end)
        if facts.pos[i] in {"VERB", "AUX"}
        and (
            facts.lemma[i] in SPEECH_VERBS
            or (facts.lemma[i] in ESTIMATE_VERBS and _estimates(span.doc[i]))
        )
    ]


def _estimates(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ESTIMATE_OBJECTS for c in verb.children)


def _phrase(token: Token) -> str:
    """The name a token heads, without appositions or relative clauses."""
    end = token.i
    for child in token.rights:
        if child.dep_ in NAME_PARTS or (child.dep_ == "prep" and child.lower_ == "of"):
            end = max(end, child.right_edge.i)
    start = min([token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in NAME_PARTS])
    for i in range(token.i - 1, start - 1, -1):  # never back over a line break
        if "\n" in token.doc[i].text:
            start = i + 1
            break
    words = " ".join(token.doc[start : end + 1].text.split()).strip(" ,“”\"'")
    for suffix in ("’s", "'s"):
        words = words.removesuffix(suffix)
    return words


def _named(token: Token) -> Token:
    """Prefer a person's name given in apposition: "Putin's spokesman, Dmitry Peskov"."""
    for child in token.rights:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
    return token


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
        if child.dep_ == "agent":  # "as reported by Bloomberg"
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ in {"advcl", "xcomp", "conj"} and verb.head is not verb:
        return _subject(verb.head)  # "declined to comment, saying ..."
    return None


def _via(verb: Token) -> str | None:
    """The outlet a speaker told: "two Russians told Bloomberg"."""
    if verb.lemma_.lower() != "tell":
        return None
    for child in verb.children:
        if child.dep_ in {"dobj", "dative", "iobj"} and child.ent_type_ in PERSON_LABELS | {"GPE"}:
            return _phrase(child)
    return None


_FIGURES_WORDS = frozenset({"figures", "data", "count", "statistics", "numbers", "tally"})


def _according_to(span: Span, facts: DocFacts) -> Token | None:
    """The source of "according to X", or of "..., per X" after a comma; of "the latest
    figures from the ministry", the ministry."""
    for i in range(span.start, min(span.end, len(facts.lower) - 1)):
        opens = (facts.lower[i], facts.lower[i + 1]) in {("according", "to"), (",", "per")}
        if not opens:
            continue
        source = next((c for c in span.doc[i + 1].children if c.dep_ == "pobj"), None)
        if source is not None and source.lower_ in _FIGURES_WORDS:
            for prep in source.children:
                if prep.dep_ == "prep" and prep.lower_ in {"from", "by"}:
                    giver = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    source = giver or source
        return source
    return None


class SpeakerMemory:
    """Speakers and person names seen so far in one article, in reading order."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.last: str | None = None

    def remember_entities(self, ents: list[Span]) -> None:
        self.names.extend(ent.text for ent in ents if ent.label_ == "PERSON")

    def resolve(self, name: str) -> str:
        if name.lower() in PRONOUNS:
            return self.last or name
        words = name.split()
        if len(words) == 1:
            fuller = [n for n in self.names if len(n.split()) > 1 and n.split()[-1] == name]
            if fuller:
                return max(fuller, key=len)
        return name

    def attribute(self, span: Span, ents: list[Span], facts: DocFacts) -> str:
        """The speaker of a claim span, or "" when nobody is said to say it."""
        found: list[tuple[str, str | None]] = []
        source = _according_to(span, facts)
        if source is not None:
            found.append((_phrase(source), None))
        for i in speech_verbs(span, facts):
            verb = span.doc[i]
            subject = _subject(verb)
            # A bare number is a count, not a source: "38 reported deaths" (households)
            if subject is not None and span.start <= subject.i < span.end and not subject.like_num:
                found.append((_phrase(_named(subject)), _via(verb)))
        speaker = ""
        if found:
            name, via = found[-1]
            name = self.resolve(name)
            # A lead-in ("As Bloomberg noted: ...") names who relays the quoted speaker.
            outer = self.resolve(found[0][0]) if len(found) > 1 else None
            via = via or (outer if outer and outer != name else None)
            self.names.append(name)
            if name.lower() not in PRONOUNS:
                self.last = name
            speaker = f"{name} (via {via})" if via else name
        self.remember_entities(ents)
        return speaker
