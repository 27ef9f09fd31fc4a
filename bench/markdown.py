"""Reading pathological Markdown: seconds per size of crafted emphasis runs.

Unclosed emphasis ("*a *a *a ...") is what made hand-written regexes quadratic; the
Markdown reader (markdown-it-py) must stay near-linear. Prints one line per size.

    python bench/markdown.py [--sizes 48000 300000 1000000]   (1,000,000: the size limit)
"""

from __future__ import annotations

import argparse
import sys
import time

import scratch  # noqa: F401  (puts the project on the path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[48_000, 300_000, 1_000_000])
    args = parser.parse_args()
    from claims.ingest.formats import read_markdown

    for size in args.sizes:
        for name, unit in (("unclosed '*a '", "*a "), ("unclosed '_a_b '", "_a_b ")):
            text = "# T\n\n" + unit * (size // len(unit)) + "\n"
            start = time.perf_counter()
            read_markdown(text, "bench.md")
            took = time.perf_counter() - start
            print(f"{size / 1000:8.0f} KB of {name:16}: {took:6.2f} s  (target under 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
