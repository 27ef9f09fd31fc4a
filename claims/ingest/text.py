"""Canonical article text: the headline as the first paragraph, then the body.

Offsets of claims are Unicode code points into this text, so it is built once, at
ingestion, and never changed afterwards. It keeps the characters of the source
(curly quotes, non-breaking spaces, "(link)" leftovers) and only normalises layout.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

PARAGRAPH_BREAK = "\n\n"
# A line that ends like this closes its paragraph; other lines are hard-wrapped prose.
_LINE_END = re.compile(r"""[.!?:;…”"’')\]]\s*$""")
_SPACES = re.compile(r"[ \t]+")


def normalise(raw: str) -> str:
    """NFC, \\n line ends, no control characters but newlines and tabs, no private-use
    characters (they mean nothing outside the font that drew them, and Newsdesk uses
    two to mark search matches)."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(
        ch
        for ch in text
        if ch in "\n\t"
        or unicodedata.category(ch) not in {"Cc", "Cf", "Co"}
        or ch == "\u200d"  # zero-width joiner is part of emoji sequences
    )


def paragraphs(body: str) -> list[str]:
    """Split a body into paragraphs.

    Blank lines always separate paragraphs. A single line break ends a paragraph when
    the line ends a sentence (web extractions put one paragraph per line); otherwise
    it is a hard wrap and the lines are joined with a space.
    """
    result: list[str] = []
    for block in re.split(r"\n\s*\n", normalise(body)):
        current: list[str] = []
        for line in block.split("\n"):
            line = line.strip()
            if not line:
                continue
            current.append(line)
            if _LINE_END.search(line):
                result.append(" ".join(current))
                current = []
        if current:
            result.append(" ".join(current))
    return result


def clean_headline(title: str) -> str:
    return _SPACES.sub(" ", normalise(title).replace("\n", " ")).strip()


def canonical_text(title: str, body: str) -> str:
    """The stored text: headline, blank line, paragraphs separated by blank lines."""
    parts = [clean_headline(title), *paragraphs(body)]
    return PARAGRAPH_BREAK.join(part for part in parts if part)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_headline(raw: str) -> tuple[str, str]:
    """First non-empty line is the headline, the rest the body (the .txt convention)."""
    lines = normalise(raw).lstrip().split("\n", 1)
    return lines[0].strip(), (lines[1] if len(lines) > 1 else "")
