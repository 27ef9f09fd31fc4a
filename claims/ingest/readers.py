"""Paths (files, folders, "-" for stdin) to a stream of article inputs or failures.

Every problem with one input becomes a ``FailedInput`` with a one-line message, so a
batch goes on past it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .decoding import decode
from .errors import InputError
from .formats import read_html, read_json, read_jsonl, read_markdown, read_txt
from .records import ArticleInput, FailedInput

SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
NOT_FOUND = "no such file or directory"
UNSUPPORTED = "unsupported file type '{suffix}' (use .txt, .md, .html, .json or .jsonl)"
TOO_LARGE = "file is {size:.1f} MB; the limit is {limit:.1f} MB"
UNREADABLE = "cannot read file: {error}"
# File limits, from the one limit on an article's text (in characters): a text of N
# characters is at most 4N bytes of UTF-8; a web page carries markup besides its text;
# a JSON or JSONL file may hold many articles.
BYTES_PER_CHAR = 4
FACTORS = {".html": 2, ".htm": 2, ".json": 20, ".jsonl": 20}


def file_limit(suffix: str, max_chars: int) -> int:
    """The largest file of this kind read for articles of at most ``max_chars``."""
    return max_chars * BYTES_PER_CHAR * FACTORS.get(suffix.lower(), 1)


def largest_file(max_chars: int) -> int:
    return max(file_limit(suffix, max_chars) for suffix in SUFFIXES)


Item = ArticleInput | FailedInput


def expand(paths: Iterable[str]) -> Iterator[str | FailedInput]:
    """Files named, and files found in folders (recursively, sorted, hidden ones skipped)."""
    for name in paths:
        if name == "-":
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUFFIXES:
                    yield str(child)
        elif path.is_file():
            yield name
        else:
            yield FailedInput(name, NOT_FOUND)


def _read_limited(stream: BinaryIO, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(TOO_LARGE.format(size=_mb(len(data)), limit=_mb(limit)) + " or more")
    return data


def _mb(size: int) -> float:
    return size / 1_000_000


def read_bytes(name: str, data: bytes, suffix: str) -> Iterator[Item]:
    """Articles in one file's content; ``suffix`` picks the format."""
    try:
        text = decode(data)
        if suffix in {".html", ".htm"}:
            yield read_html(text, name)
        elif suffix == ".json":
            yield from read_json(text, name)
        elif suffix == ".jsonl":
            yield from read_jsonl(iter(text.splitlines()), name)
        elif suffix in {".md", ".markdown"}:
            yield read_markdown(text, name)
        else:
            yield read_txt(text, name)
    except InputError as exc:
        yield FailedInput(name, exc.message)


def read_file(name: str, max_chars: int) -> Iterator[Item]:
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield FailedInput(name, UNSUPPORTED.format(suffix=suffix or "(none)"))
        return
    limit = file_limit(suffix, max_chars)
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(TOO_LARGE.format(size=_mb(size), limit=_mb(limit)))
        with path.open("rb") as stream:
            data = _read_limited(stream, limit)
    except InputError as exc:
        yield FailedInput(name, exc.message)
        return
    except OSError as exc:
        yield FailedInput(name, UNREADABLE.format(error=exc.strerror or exc))
        return
    yield from read_bytes(name, data, suffix)


def read_paths(
    paths: Iterable[str],
    *,
    max_chars: int,
    stdin: BinaryIO | None = None,
    stdin_format: str = ".txt",
) -> Iterator[Item]:
    for name in expand(paths):
        if isinstance(name, FailedInput):
            yield name
        elif name == "-":
            stream = stdin or sys.stdin.buffer
            try:
                data = _read_limited(stream, file_limit(stdin_format, max_chars))
            except InputError as exc:
                yield FailedInput("<stdin>", exc.message)
                continue
            yield from read_bytes("<stdin>", data, stdin_format)
        else:
            yield from read_file(name, max_chars)


def read_upload(name: str, data: bytes, max_chars: int) -> Iterator[Item]:
    """An uploaded file's articles; ``data`` may be one byte over the limit to tell."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        yield FailedInput(name, UNSUPPORTED.format(suffix=suffix or "(none)"))
        return
    limit = file_limit(suffix, max_chars)
    if len(data) > limit:
        yield FailedInput(name, TOO_LARGE.format(size=_mb(len(data)), limit=_mb(limit)))
        return
    yield from read_bytes(name, data, suffix)
