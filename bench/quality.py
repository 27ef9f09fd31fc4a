"""Suggestion quality on the sample story, scored against its development gold.

Ingests the two sample articles (../shared/corpus/deir-ezzor) into an empty database,
lets matching run as it does on any ingest, and scores the suggestions against
gold.json: precision and recall for contradicts (internal conflicts in the gold count
as right) and for same. The last line reads
``contradicts: precision P recall R; same: precision P recall R``.

    python bench/quality.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import scratch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=scratch.CORPUS)
    args = parser.parse_args()
    gold = json.loads((args.corpus / "gold.json").read_text(encoding="utf-8"))
    scratch.use("newsdesk_bench_quality")

    from claims.gold import gold_pairs, score
    from claims.ingest.readers import read_paths
    from claims.models import Article, Suggestion
    from claims.services import ingest

    files = sorted(
        {e[s]["article"] for k in ("contradicts", "same") for e in gold[k] for s in "ab"}
    )
    paths = [str(args.corpus / f) for f in files]
    results = ingest(read_paths(paths, max_bytes=10_000_000))
    articles = {Path(r.source).name: Article.objects.get(pk=r.article) for r in results}
    rows = Suggestion.objects.shown().select_related("claim_a", "claim_b")
    suggested: dict[str, list] = {"contradicts": [], "same": []}
    for row in rows:
        if row.relation in suggested:
            pair = tuple((c.article_id, c.start, c.end) for c in (row.claim_a, row.claim_b))
            suggested[row.relation].append(pair)
            flags = " [internal]" if row.internal else ""
            flags += " [same source]" if row.same_source else ""
            print(f"{row.relation:11} {row.score:.2f} {row.reason}{flags}")
    internal = gold_pairs(gold.get("internal_conflicts", []), articles)
    contradicts = score(
        suggested["contradicts"], gold_pairs(gold["contradicts"], articles), internal
    )
    same = score(suggested["same"], gold_pairs(gold["same"], articles))
    internal_found = score(suggested["contradicts"], internal).found
    print()
    print(
        f"suggestions: {rows.count()} ({len(suggested['contradicts'])} contradicts, "
        f"{len(suggested['same'])} same)"
    )
    print(
        f"contradicts: {contradicts.found}/{contradicts.gold} gold found; "
        f"internal conflicts: {internal_found}/{len(internal)} found; "
        f"conflict suggestions not in the gold: {contradicts.suggested - contradicts.correct} "
        "(target at most 3)"
    )
    print(
        f"same: {same.found}/{same.gold} gold found; "
        f"{same.suggested - same.correct} not in the gold"
    )
    print(
        f"contradicts: precision {contradicts.precision:.2f} recall {contradicts.recall:.2f}; "
        f"same: precision {same.precision:.2f} recall {same.recall:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
