"""Turning the text of one file into article inputs, by format."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from markdown_it import MarkdownIt

from .errors import InputError
from .records import (
    ArticleInput,
    FailedInput,
    from_record,
    headline_of,
    is_web_address,
    parse_date,
)
from .text import split_headline

NO_ARTICLE_IN_HTML = "no article text found in the HTML"
BAD_JSON = "invalid JSON: {error}"
EMPTY_JSON = "no articles in the JSON"
TOO_DEEP = "the JSON is nested too deeply to hold articles"
# Fewer words than this left after boilerplate removal is a menu or a link, not an article.
MIN_ARTICLE_WORDS = 8

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
# Markdown is read by markdown-it-py (CommonMark, linear time), never by hand-written
# regexes: those took seconds on crafted emphasis runs (quadratic backtracking).
_MARKDOWN = MarkdownIt("commonmark")
_SKIPPED_INLINE = {"image", "html_inline"}


def _markdown_text(text: str) -> tuple[str | None, str]:
    """(the first level-1 heading, if any, and the text of every other block, one
    paragraph each) of a Markdown document: markup, images and HTML dropped."""
    tokens = _MARKDOWN.parse(text)
    title, paragraphs = None, []
    for i, token in enumerate(tokens):
        if token.type in {"fence", "code_block"}:
            paragraphs.append(token.content.strip())
        if token.type != "inline":
            continue
        words = []
        for child in token.children or []:
            if child.type in _SKIPPED_INLINE:
                continue
            if child.type in {"softbreak", "hardbreak"}:
                words.append(" ")
            elif child.content and child.type in {"text", "code_inline"}:
                words.append(child.content)
        line = " ".join("".join(words).split())
        opener = tokens[i - 1] if i else None
        if (
            opener is not None
            and opener.type == "heading_open"
            and opener.tag == "h1"
            and not title
        ):
            title = line
        elif line:
            paragraphs.append(line)
    return title, "\n\n".join(paragraphs)


# Lines a .txt file may open with, before its headline: "Outlet: Exampleton Gazette".
_TXT_FIELD = re.compile(r"^\s*(outlet|published|date|url|author)\s*:\s*(\S.*?)\s*$", re.I)


def _txt_fields(text: str) -> tuple[dict[str, str], str]:
    """The metadata lines at the top of a .txt file, and the rest of it."""
    meta: dict[str, str] = {}
    lines = text.lstrip("\ufeff").split("\n")
    while lines:
        found = _TXT_FIELD.match(lines[0])
        if not found:
            break
        key = found.group(1).lower()
        meta["published" if key == "date" else key] = found.group(2)
        lines.pop(0)
    return meta, "\n".join(lines)


def read_txt(text: str, source: str) -> ArticleInput:
    """The first line is the headline; a text on one line gives its first sentence.
    It may open with "Outlet:", "Published:" (or "Date:"), "URL:" and "Author:" lines."""
    meta, text = _txt_fields(text)
    title, body = headline_of(text)
    return ArticleInput(
        source=source,
        title=title,
        body=body,
        url=meta.get("url", ""),
        outlet=meta.get("outlet", ""),
        author=meta.get("author", ""),
        published=parse_date(meta.get("published")),
    )


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


def read_markdown(text: str, source: str) -> ArticleInput:
    meta, text = _front_matter(text)
    heading, text = _markdown_text(text)
    if "title" not in meta and heading:
        meta["title"] = heading
    elif heading:
        text = f"{heading}\n\n{text}"
    if "title" not in meta:
        meta["title"], text = split_headline(text)
    return ArticleInput(
        source=source,
        title=meta["title"],
        body=text,
        url=meta.get("url", ""),
        outlet=meta.get("outlet", ""),
        author=meta.get("author", ""),
        published=parse_date(meta.get("published") or meta.get("date")),
    )


def read_html(text: str, source: str) -> ArticleInput:
    """Article text and metadata from a web page; scripts, styles and navigation dropped."""
    import trafilatura
    from trafilatura.settings import Document

    doc = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=True,
    )
    if not isinstance(doc, Document) or len((doc.text or "").split()) < MIN_ARTICLE_WORDS:
        raise InputError(NO_ARTICLE_IN_HTML)
    body = doc.text or ""
    try:
        published = parse_date(doc.date)
    except InputError:
        published = None  # a page's date is a hint, not something to refuse the page for
    return ArticleInput(
        source=source,
        title=(doc.title or "").strip() or split_headline(body)[0],
        body=body,
        # The page's own address is a hint: one that is not a web address is dropped.
        url=doc.url if doc.url and is_web_address(doc.url) else "",
        outlet=doc.sitename or "",
        author=doc.author or "",
        published=published,
    )


def _loads(text: str) -> Any:
    """JSON, or an InputError that says what is wrong with it in plain words."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(BAD_JSON.format(error=exc)) from exc
    except RecursionError:  # "[[[[...]]]]": the parser gives up long before memory does
        raise InputError(TOO_DEEP) from None


def read_json(text: str, source: str) -> Iterator[ArticleInput | FailedInput]:
    data = _loads(text)
    records = data if isinstance(data, list) else [data]
    if not records:
        raise InputError(EMPTY_JSON)
    for index, record in enumerate(records):
        item_source = source if len(records) == 1 else f"{source}[{index}]"
        yield _guarded(partial(from_record, record, item_source), item_source)


def read_jsonl(lines: Iterator[str], source: str) -> Iterator[ArticleInput | FailedInput]:
    seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen = True
        item_source = f"{source}:{number}"

        def parse(line: str = line, item_source: str = item_source) -> ArticleInput:
            return from_record(_loads(line), item_source)

        yield _guarded(parse, item_source)
    if not seen:
        yield FailedInput(source, EMPTY_JSON)


def _guarded(make: Callable[[], ArticleInput], source: str) -> ArticleInput | FailedInput:
    try:
        return make()
    except InputError as exc:
        return FailedInput(source, exc.message)
