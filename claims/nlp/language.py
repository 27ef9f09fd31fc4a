"""Which language a text is in, as far as deciding whether the pipeline can read it."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Unicode script (first word of a letter's name) -> language code we report.
SCRIPTS = {
    "ARABIC": "ar",
    "HEBREW": "he",
    "CYRILLIC": "ru",
    "GREEK": "el",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "THAI": "th",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "ETHIOPIC": "am",
}
ENGLISH_WORDS = set(
    "the of and to in a is that for on was with as by he it at from his said be are were "
    "has have had not but this which an they their its or who will been would more".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def detect_language(text: str, sample: int = 20_000) -> str:
    """ "en" for English, a code for other scripts, "und" when it cannot tell."""
    head = text[:sample]
    scripts = Counter(
        unicodedata.name(ch, "UNKNOWN").split(" ")[0]
        for ch in _NON_ASCII.findall(head)
        if ch.isalpha()
    )
    scripts["LATIN"] += len(_ASCII_LETTER.findall(head))  # named LATIN ...: no lookup
    total = sum(scripts.values())
    if not total:
        return "und"
    script, count = scripts.most_common(1)[0]
    if script != "LATIN" or count < 0.6 * total:
        return SCRIPTS.get(script, "und")
    words = [w.lower() for w in _WORD.findall(head)]
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    return "en" if words and english / len(words) >= 0.12 else "und"
