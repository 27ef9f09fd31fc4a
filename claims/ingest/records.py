"""One article as read from any input format, before it becomes a row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .errors import InputError

MISSING_FIELD = "missing field '{name}'"
WRONG_TYPE = "field '{name}' must be {expected}, not {actual}"
BAD_DATE = "field 'published' must be a date like 2018-02-13, not {value!r}"
NO_HEADLINE = "no headline"
NO_BODY = "no article text after the headline"
NOT_AN_OBJECT = "each article must be a JSON object, not {actual}"

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
        if not self.title.strip():
            raise InputError(NO_HEADLINE)
        if not self.body.strip():
            raise InputError(NO_BODY)


@dataclass
class FailedInput:
    source: str
    error: str


def parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
            try:
                return parse(text.replace("Z", "+00:00"))
            except ValueError:
                continue
    raise InputError(BAD_DATE.format(value=value))


def _string(record: dict, name: str, *, required: bool = False) -> str:
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
    """A JSON object with title, text (or body), and optional url, outlet, author, published."""
    if not isinstance(record, dict):
        raise InputError(NOT_AN_OBJECT.format(actual=_JSON_TYPES.get(type(record), "a value")))
    body_field = "body" if record.get("text") is None and "body" in record else "text"
    title = _string(record, "title", required=True)
    body = _string(record, body_field, required=True)
    if not title:
        raise InputError(NO_HEADLINE)
    return ArticleInput(
        source=source,
        title=title,
        body=body,
        url=_string(record, "url"),
        outlet=_string(record, "outlet"),
        author=_string(record, "author"),
        published=parse_date(record.get("published")),
    )
