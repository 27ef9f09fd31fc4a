"""Suggestion quality on every corpus of ../shared/corpus, scored against its gold.

Each folder is ingested into an empty database through the project's own ingest path
(``articles.jsonl`` as JSONL; the sample pair's ``.txt`` files as text), matching runs
as on any ingest, and the result is scored as ``../shared/corpus/README.md`` says:

- stories: B-cubed precision and recall of each page's story against gold ``stories``;
- contradicts and same: gold pairs found (a suggestion finds a pair when its two claims
  overlap the pair's two quotes), suggestions made, and the share of suggestions that
  overlap a gold pair. Recall counts gold pairs whose two pages are both in English;
  pairs with a page in another language are printed on a row of their own;
- the Recognizers-Text English number-range suite: the share of expected ranges that
  some quantity of the sentence gives with the same bounds and open sides.

    python bench/quality.py [--corpus DIR] [--only NAME] [--list]

``--list`` prints every conflict and same suggestion with its reason and whether it is
on a gold pair, for reading by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from types import SimpleNamespace

import scratch

CORPORA = scratch.ROOT.parent / "shared" / "corpus"
RANGES = scratch.ROOT.parent / "shared" / "conformance" / "recognizers-text"
RANGE_SUITE = RANGES / "NumberRangeModelExperimentalMode.json"
RELATIONS = ("contradicts", "same")


@dataclass
class Page:
    id: str
    language: str
    article: object = None  # the stored Article, once ingested


@dataclass
class Corpus:
    name: str
    pages: dict[str, Page]
    stories: dict[str, list[str]]
    gold: dict[str, list[dict]]  # relation -> [{"a": (page id, quote, near), "b": ...}]
    also_right: list[dict] = field(default_factory=list)  # internal conflicts


def _side(end: dict) -> tuple[str, str, int]:
    return (end.get("id") or end["article"], end["quote"], end.get("start", 0))


def load(folder: Path) -> tuple[Corpus, list[str]]:
    """The corpus and the paths to ingest, in the order their pages are listed."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    jsonl = folder / "articles.jsonl"
    if jsonl.exists():
        records = [json.loads(line) for line in jsonl.read_text().splitlines() if line.strip()]
        pages = {r["id"]: Page(r["id"], r.get("language") or "en") for r in records}
        paths = [str(jsonl)]
        conflicts = gold["conflicts"]
    else:
        files = sorted(p.name for p in folder.glob("*.txt"))
        pages = {name: Page(name, "en") for name in files}
        paths = [str(folder / name) for name in files]
        conflicts = gold["contradicts"]
    pairs = {
        "contradicts": [
            {"a": _side(p["a"]), "b": _side(p["b"]), "why": p.get("why", "")} for p in conflicts
        ],
        "same": [
            {"a": _side(p["a"]), "b": _side(p["b"]), "why": p.get("why", "")} for p in gold["same"]
        ],
    }
    internal = [
        {"a": _side(p["a"]), "b": _side(p["b"])} for p in gold.get("internal_conflicts", [])
    ]
    stories = gold.get("stories") or {folder.name: list(pages)}
    return Corpus(folder.name, pages, stories, pairs, internal), paths


def b_cubed(predicted: dict[str, object], gold: dict[str, list[str]]) -> tuple[float, float]:
    truth = {page: name for name, members in gold.items() for page in members}
    pages = [p for p in truth if p in predicted]
    precision = recall = 0.0
    for page in pages:
        same_predicted = {q for q in pages if predicted[q] == predicted[page]}
        same_gold = {q for q in pages if truth[q] == truth[page]}
        both = len(same_predicted & same_gold)
        precision += both / len(same_predicted)
        recall += both / len(same_gold)
    return precision / len(pages), recall / len(pages)


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    suggested: int = 0  # dashboard entries (a repeated pair of figures is one entry)
    rows: int = 0  # sentence pairs behind them
    on_gold: int = 0
    other_gold: int = 0
    other_found: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _spans(corpus: Corpus, pairs: list[dict]):
    from claims.gold import locate

    spans = []
    for pair in pairs:
        ends = []
        for side in ("a", "b"):
            page_id, quote, near = pair[side]
            article = corpus.pages[page_id].article
            where = locate(article.text, quote, near) if article else None
            ends.append((article.pk, *where) if where else None)
        english = all(corpus.pages[pair[s][0]].language == "en" for s in ("a", "b"))
        spans.append((tuple(ends), english))
    return spans


def _span(claim) -> tuple[int, int, int]:
    return (claim.article_id, claim.start, claim.end)


def score_corpus(corpus: Corpus, listing: bool) -> dict[str, Tally]:
    from claims.gold import matches
    from claims.models import Claim, Suggestion

    rows = list(
        Suggestion.objects.shown()
        .filter(relation__in=RELATIONS)
        .select_related("claim_a", "claim_b", "article_a")
        .order_by("relation", "-score", "pk")
    )
    # A copy of a sentence (Claim.copy_of) carries the sentence's suggestions, and is
    # shown as the same claim as the sentence: one "same" pair per copy.
    spans: dict[int, list[tuple[int, int, int]]] = {}
    copies = []
    for claim in Claim.objects.select_related("copy_of", "article").order_by("pk"):
        spans.setdefault(claim.original_id, []).append((claim.article_id, claim.start, claim.end))
        if claim.copy_of_id:
            copies.append(
                SimpleNamespace(
                    relation="same",
                    score=1.0,
                    reason="a copy: the same sentence with the same figures",
                    claim_a=claim.copy_of,
                    claim_b=claim,
                    article_a=claim.article,
                    entry=f"copy {claim.pk}",
                )
            )
    rows += copies
    tallies = {}
    for relation in RELATIONS:
        gold = _spans(corpus, corpus.gold[relation])
        allowed = [g for g, _ in gold if None not in g]
        if relation == "contradicts":
            allowed += [g for g, _ in _spans(corpus, corpus.also_right) if None not in g]
        made = [r for r in rows if r.relation == relation]
        pairs = [
            (r, list(product(spans[r.claim_a.pk], spans[r.claim_b.pk])))
            if r.entry[:5] != "copy "
            # a copy is the same as each other claim of its sentence
            else (r, [(_span(r.claim_b), o) for o in spans[r.claim_a.pk] if o != _span(r.claim_b)])
            for r in made
        ]
        entries: dict[tuple[int | None, str], bool] = {}
        for row, ends_of in pairs:
            hit = any(matches(pair, g) for pair in ends_of for g in allowed)
            entry = (row.article_a.story_id, row.entry)
            entries[entry] = entries.get(entry, False) or hit
            if listing:
                marks = "GOLD " if hit else "     "
                print(f"  {marks}{relation:11} {row.score:.2f} {row.reason[:150]}")
                for claim in (row.claim_a, row.claim_b):
                    text = " ".join(claim.text.split())[:150]
                    print(f"         | {claim.article_id:>5} {text}")
        tally = Tally(suggested=len(entries), rows=len(made), on_gold=sum(entries.values()))
        for (ends, english), pair in zip(gold, corpus.gold[relation], strict=True):
            found = None not in ends and any(
                matches(p, ends) for _, ends_of in pairs for p in ends_of
            )
            if listing and english and not found:
                print(f"  MISSED {relation}: {pair.get('why', '')[:150]}")
                for side in ("a", "b"):
                    print(f"         | {pair[side][0]}: {' '.join(pair[side][1].split())[:160]}")
            if english:
                tally.gold += 1
                tally.found += found
            else:
                tally.other_gold += 1
                tally.other_found += found
        tallies[relation] = tally
    return tallies


def run_corpus(folder: Path, listing: bool) -> tuple[Corpus, tuple[float, float], dict]:
    from django.core.management import call_command

    from claims.ingest.readers import read_paths
    from claims.models import Article
    from claims.services import ingest

    call_command("flush", interactive=False, verbosity=0)
    corpus, paths = load(folder)
    results = ingest(read_paths(paths, max_chars=10_000_000))
    if len(results) != len(corpus.pages):
        raise SystemExit(f"{folder.name}: {len(results)} inputs read, {len(corpus.pages)} pages")
    for page, result in zip(corpus.pages.values(), results, strict=True):
        if result.status != "created":
            raise SystemExit(f"{folder.name}: {page.id} not stored: {result.error}")
        page.article = Article.objects.get(pk=result.article)
    if listing:
        print(f"\n{corpus.name}")
        truth = {page: name for name, members in corpus.stories.items() for page in members}
        for page in corpus.pages.values():
            print(f"  story {page.article.story_id}: {page.id} ({truth.get(page.id)})")
    stories = b_cubed(
        {p.id: p.article.story_id or -i for i, p in enumerate(corpus.pages.values())},
        corpus.stories,
    )
    return corpus, stories, score_corpus(corpus, listing)


def range_suite() -> tuple[int, int]:
    """(ranges right, ranges expected) on the Recognizers-Text English suite."""
    from django.conf import settings

    from claims.nlp.pipeline import load_pipeline
    from claims.nlp.quantities import interval_notation

    cases = json.loads(RANGE_SUITE.read_text(encoding="utf-8-sig"))
    nlp = load_pipeline(settings.NEWSDESK_SPACY_MODEL)
    right = expected = 0
    for case, doc in zip(cases, nlp.pipe([c["Input"] for c in cases]), strict=True):
        given = {interval_notation(q) for q in doc._.quantities}
        for result in case["Results"]:
            expected += 1
            right += result["Resolution"]["value"] in given
    return right, expected


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "  - "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPORA)
    parser.add_argument("--only", help="one folder's name")
    parser.add_argument("--list", action="store_true", help="print every suggestion")
    args = parser.parse_args()
    folders = sorted(p for p in args.corpus.iterdir() if (p / "gold.json").exists())
    if args.only:
        folders = [f for f in folders if f.name == args.only]
    scratch.use("newsdesk_bench_quality")

    header = (
        f"{'corpus':14} {'pages':>5} {'story P':>7} {'story R':>7} | "
        f"{'contra found':>12} {'made':>4} {'pairs':>5} {'on gold':>7} {'per gold':>8} | "
        f"{'same found':>10} {'made':>4} {'on gold':>7}"
    )
    lines = [header, "-" * len(header)]
    totals = {r: Tally() for r in RELATIONS}
    other = {r: Tally() for r in RELATIONS}
    pages = 0
    story_sums = [0.0, 0.0]
    for folder in folders:
        corpus, (precision, recall), tallies = run_corpus(folder, args.list)
        c, s = tallies["contradicts"], tallies["same"]
        pages += len(corpus.pages)
        story_sums[0] += precision * len(corpus.pages)
        story_sums[1] += recall * len(corpus.pages)
        lines.append(
            f"{corpus.name:14} {len(corpus.pages):5} {precision:7.2f} {recall:7.2f} | "
            f"{c.found:5}/{c.gold:<3} {_ratio(c.found, c.gold):>4} {c.suggested:4} {c.rows:5} "
            f"{_ratio(c.on_gold, c.suggested):>7} {_ratio(c.suggested, c.gold):>8} | "
            f"{s.found:3}/{s.gold:<3} {_ratio(s.found, s.gold):>4} {s.suggested:4} "
            f"{_ratio(s.on_gold, s.suggested):>7}"
        )
        for relation in RELATIONS:
            totals[relation].add(tallies[relation])
            other[relation].add(tallies[relation])
    c, s = totals["contradicts"], totals["same"]
    lines.append("-" * len(header))
    lines.append(
        f"{'total':14} {pages:5} {story_sums[0] / pages:7.2f} {story_sums[1] / pages:7.2f} | "
        f"{c.found:5}/{c.gold:<3} {_ratio(c.found, c.gold):>4} {c.suggested:4} {c.rows:5} "
        f"{_ratio(c.on_gold, c.suggested):>7} {_ratio(c.suggested, c.gold):>8} | "
        f"{s.found:3}/{s.gold:<3} {_ratio(s.found, s.gold):>4} {s.suggested:4} "
        f"{_ratio(s.on_gold, s.suggested):>7}"
    )
    oc, os_ = other["contradicts"], other["same"]
    lines.append(
        f"{'other language':14} {'':5} {'':7} {'':7} | "
        f"{oc.other_found:5}/{oc.other_gold:<3} {_ratio(oc.other_found, oc.other_gold):>4} "
        f"{'':4} {'':5} {'':7} {'':8} | {os_.other_found:3}/{os_.other_gold:<3} "
        f"{_ratio(os_.other_found, os_.other_gold):>4}  (pairs with a page not in English: "
        "not yet a target)"
    )
    right, expected = range_suite()
    print()
    print("\n".join(lines))
    print()
    print(f"Recognizers-Text number ranges: {right}/{expected} right ({right / expected:.2f})")
    print(
        "targets: stories P >= 0.95, R >= 0.90; contradicts found >= 0.80 with at most 3 "
        "made per gold pair; same found >= 0.80 with >= 0.50 on gold; ranges >= 0.90"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
