"""Which language a text is in, as far as deciding whether the pipeline can read it."""

from __future__ import annotations

import re
import unicodedata

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


def detect_language(text: str, sample: int = 20_000) -> str:
    """ "en" for English, a code for other scripts, "und" when it cannot tell."""
    letters = [ch for ch in text[:sample] if ch.isalpha()]
    if not letters:
        return "und"
    scripts: dict[str, int] = {}
    for ch in letters:
        name = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
        scripts[name] = scripts.get(name, 0) + 1
    script, count = max(scripts.items(), key=lambda item: item[1])
    if script != "LATIN" or count < 0.6 * len(letters):
        return SCRIPTS.get(script, "und")
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    return "en" if words and english / len(words) >= 0.12 else "und"
