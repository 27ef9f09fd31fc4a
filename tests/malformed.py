"""A corpus of malformed and awkward inputs, generated (nothing copied from anywhere):
each file with whether a careful tool stores it (True) or refuses it in words (False).
"""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

BODY = (
    "Officials in the town of Exampleton said 14 people died when the river burst its "
    "banks on Monday. Rescuers said at least 40 more were injured."
)


def _json(**record) -> bytes:
    return json.dumps({"title": "Flood in Exampleton", "text": BODY, **record}).encode()


def _md_bomb() -> bytes:
    # Emphasis openers never closed, nested brackets and backticks: the shapes that make
    # regex Markdown readers quadratic.
    bomb = "*a **b _c " * 1200 + "[" * 2000 + "`" * 2000
    return f"# Flood in Exampleton\n\n{BODY}\n\n{bomb}\n".encode()


def cases(limit_chars: int) -> dict[str, tuple[bytes, bool]]:
    rng = random.Random(3)
    noise = bytes(rng.randrange(256) for _ in range(4000))
    good_txt = f"Flood in Exampleton\n\n{BODY}\n".encode()
    return {
        # empty, blank, binary
        "empty.txt": (b"", False),
        "blank.txt": (b"  \n\t\n  ", False),
        "noise.txt": (noise, False),
        "png-named-txt.txt": (b"\x89PNG\r\n\x1a\n" + noise, False),
        "nul-in-middle.txt": (good_txt[:30] + b"\x00\x00\x00" + good_txt[30:], False),
        "utf16-no-bom.txt": (good_txt.decode().encode("utf-16-le"), False),
        "program.exe": (b"MZ\x90\x00" + noise, False),
        # encodings
        "bad-utf8.txt": (b"Headline\n\n" + b"\x81\x8d\x8f\x90\x9d" * 30, False),
        "latin1.txt": ("Inondation à Exampleton\n\n".encode("latin-1") + BODY.encode(), True),
        "cp1252-quotes.txt": (b"Flood \x93update\x94\n\n" + BODY.encode(), True),
        "utf16-bom.txt": (codecs.BOM_UTF16_LE + good_txt.decode().encode("utf-16-le"), True),
        "utf8-bom.txt": (codecs.BOM_UTF8 + good_txt, True),
        "crlf.txt": (good_txt.replace(b"\n", b"\r\n"), True),
        # sizes and shapes
        "huge.txt": (b"Headline\n\n" + b"The river rose. " * (limit_chars // 3), False),
        "headline-only.txt": (b"Flood in Exampleton\n", False),
        "one-long-line.txt": ((("Flood. " + BODY + " ") * 80).encode(), True),
        # characters
        "controls.txt": (b"Flood\x07 in\x1b Exampleton\x0b\n\n" + BODY.encode(), True),
        "private-use.txt": ("Flood \ue000in\ue001 Exampleton\n\n".encode() + BODY.encode(), True),
        "rtl-arabic.txt": (
            "فيضان في المدينة\n\nقال مسؤولون إن 14 شخصا لقوا حتفهم يوم الاثنين.\n".encode(),
            True,
        ),
        "emoji.txt": ("Flood 🌊 in Exampleton 👩🏽‍🚒\n\n".encode() + BODY.encode(), True),
        "zero-width.txt": ("Flood\u200b in\u200d Exampleton\n\n".encode() + BODY.encode(), True),
        "bidi-override.txt": ("Flood \u202egnirts\u202c news\n\n".encode() + BODY.encode(), True),
        # names
        "spaces and ünïcødé name.txt": (good_txt.replace(b"Flood", b"Flood 2"), True),
        "quote'and;semicolon.txt": (good_txt.replace(b"Flood", b"Flood 3"), True),
        "<img src=x onerror=alert(1)>.txt": (good_txt.replace(b"Flood", b"Flood 4"), True),
        # JSON
        "nested.json": (b"[" * 100_000 + b"]" * 100_000, False),
        "broken.json": (b'{"title": "Flood", "text": ', False),
        "list-of-numbers.json": (b"[1, 2, 3]", False),
        "just-a-string.json": (b'"hello"', False),
        "no-text.json": (json.dumps({"title": "Flood"}).encode(), False),
        "title-is-number.json": (json.dumps({"title": 14, "text": BODY}).encode(), False),
        "nul-in-fields.json": (_json(outlet="Gazette\u0000Daily", author="A\u0000B"), True),
        "date-words.json": (_json(published="last Monday"), False),
        "date-9999.json": (_json(published="9999-12-31"), False),
        "date-number.json": (_json(published=20180213), False),
        "date-huge-float.json": (b'{"title": "F", "text": "x y z", "published": 1e400}', False),
        "javascript-url.json": (_json(url="javascript:alert(document.domain)"), False),
        "mixed.jsonl": (
            _json(title="Flood in Exampleton (1)")
            + b"\n{not json}\n\n"
            + _json(title="Flood in Exampleton (2)")
            + b"\n",
            None,  # two stored, one refused
        ),
        # Markdown and HTML
        "bomb.md": (_md_bomb(), True),
        "front-matter-only.md": (b"---\ntitle: Flood\n---\n", False),
        "data-url.md": (
            b"---\ntitle: Flood\nurl: data:text/html,<script>alert(1)</script>\n---\n"
            + BODY.encode(),
            False,
        ),
        "script-only.html": (b"<html><script>alert(1)</script></html>", False),
        "article.html": (
            b"<html><head><title>Flood <script>alert(1)</script></title></head><body>"
            b"<article><h1>Flood in Exampleton</h1>"
            + f"<p>{BODY}</p><p>{BODY.replace('14', '15')}</p>".encode()
            + b"<p onclick='alert(1)'>More rain is expected on Tuesday, forecasters said.</p>"
            b"</article></body></html>",
            True,
        ),
    }


def write(folder: Path, limit_chars: int) -> dict[str, bool | None]:
    """Write every case into ``folder``; returns name -> stored (None: a mixed file)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (data, stored) in cases(limit_chars).items():
        (folder / name).write_bytes(data)
        expected[name] = stored
    return expected
