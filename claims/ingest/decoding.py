"""Bytes to text: UTF-8 first, then the common legacy encodings, else a clear error."""

from __future__ import annotations

import codecs

from .errors import InputError

EMPTY = "empty file"
BINARY = "binary file, not text"
UNDECODABLE = "not valid UTF-8, UTF-16 or Windows-1252/Latin-1 text"
LEGACY_ENCODINGS = ("cp1252", "latin-1")


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    c1 = sum(1 for ch in text if 0x80 <= ord(ch) < 0xA0)
    # Text may carry a few stray control characters (they are dropped); binary has many.
    return (controls + c1) > max(16, len(text) // 100)


def decode(data: bytes) -> str:
    if not data.strip():
        raise InputError(EMPTY)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data[:8192]:
        raise InputError(BINARY)
    else:
        candidates = ("utf-8-sig", *LEGACY_ENCODINGS)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            if encoding == "utf-8-sig":
                raise InputError(BINARY)
            continue
        if not text.strip():
            raise InputError(EMPTY)
        return text
    raise InputError(UNDECODABLE)
