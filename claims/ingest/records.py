"""One article as read from any input format, before it becomes a row."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from ..nlp.datelines import printed_date
from .errors import InputError
from .text import clean_headline, split_headline

MISSING_FIELD = "missing field '{name}'"
WRONG_TYPE = "field '{name}' must be {expected}, not {actual}"
BAD_DATE = "field 'published' must be a date like 2018-02-13, not {value!r}"
DATE_OUT_OF_RANGE = "field 'published' must be a date between {first} and {last}, not {value}"
# News is dated: a date outside these years is a typing error or a placeholder (9999).
FIRST_YEAR = 1800
NO_HEADLINE = "no headline"
NO_BODY = "no article text after the headline"
NOT_AN_OBJECT = "each article must be a JSON object, not {actual}"
BAD_URL = "the article's URL must be a web address starting with http:// or https://"
# Only web addresses are stored: a "javascript:" or "data:" URL would run in the reader.
WEB_SCHEMES = ("http", "https")
_web_url = URLValidator(schemes=list(WEB_SCHEMES))

_JSON_TYPES = {
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
    type(None): "null",
}


@dataclass
class ArticleInput:
    source: str
    title: str
    body: str
    url: str = ""
    outlet: str = ""
    author: str = ""
    published: dt.date | None = None

    def __post_init__(self) -> None:
        # One-line fields keep no control characters: NUL in an outlet's name would be
        # refused by the database, a newline would break the lists that show it.
        self.outlet, self.author = clean_headline(self.outlet), clean_headline(self.author)
        self.source = clean_headline(self.source)
        self.url = web_address(self.url)
        if not self.title.strip():
            raise InputError(NO_HEADLINE)
        if not self.body.strip():
            raise InputError(NO_BODY)
        if self.published is None:  # a page without a date may print one at its top
            printed = printed_date(self.body)
            if printed is not None and FIRST_YEAR <= printed.year <= dt.date.today().year + 1:
                self.published = printed

    def as_json(self) -> dict[str, Any]:
        """For a queued job's row; ``from_json`` reads it back."""
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        fields["published"] = self.published.isoformat() if self.published else None
        return fields

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleInput:
        return cls(**{**data, "published": parse_date(data.get("published"))})


@dataclass
class FailedInput:
    source: str
    error: str


def web_address(value: str) -> str:
    """``value`` if it is an http(s) address (or empty), else an InputError."""
    value = value.strip()
    if not value:
        return ""
    try:
        _web_url(value)
    except ValidationError:
        raise InputError(BAD_URL) from None
    return value


def is_web_address(value: str) -> bool:
    try:
        return bool(web_address(value))
    except InputError:
        return False


def parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        text = value.strip()
        for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
            try:
                value = parse(text.replace("Z", "+00:00"))
                break
            except ValueError:
                continue
    if not isinstance(value, dt.date):
        raise InputError(BAD_DATE.format(value=value))
    last = dt.date.today().year + 1
    if not FIRST_YEAR <= value.year <= last:
        raise InputError(
            DATE_OUT_OF_RANGE.format(first=FIRST_YEAR, last=last, value=value.isoformat())
        )
    return value


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"“¿¡(]?[^\W\d_])")


def headline_of(text: str) -> tuple[str, str]:
    """(headline, body) of a text given without a headline: its first line, as in a
    ``.txt`` file; of a text that is one paragraph, its first sentence."""
    title, body = split_headline(text)
    if body.strip():
        return title, body
    ends = _SENTENCE_END.search(title)
    if ends is None:
        return title, body
    return title[: ends.start()].strip(), title[ends.end() :]


def _string(record: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = record.get(name)
    if value is None:
        if required:
            raise InputError(MISSING_FIELD.format(name=name))
        return ""
    if not isinstance(value, str):
        actual = _JSON_TYPES.get(type(value), type(value).__name__)
        raise InputError(WRONG_TYPE.format(name=name, expected="a string", actual=actual))
    return value.strip()


def from_record(record: Any, source: str) -> ArticleInput:
    """A JSON object with text (or body), and optional title, url, outlet, author,
    published. Without a title the first line of the text is the headline, as in a
    ``.txt`` file (feeds and scraped pages often carry none)."""
    if not isinstance(record, dict):
        raise InputError(NOT_AN_OBJECT.format(actual=_JSON_TYPES.get(type(record), "a value")))
    body_field = "body" if record.get("text") is None and "body" in record else "text"
    title = _string(record, "title")
    body = _string(record, body_field, required=True)
    if not title:
        title, body = headline_of(body)
    return ArticleInput(
        source=source,
        title=title,
        body=body,
        url=_string(record, "url"),
        outlet=_string(record, "outlet"),
        author=_string(record, "author"),
        published=parse_date(record.get("published")),
    )
