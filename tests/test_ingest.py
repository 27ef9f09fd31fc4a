"""Reading inputs: formats, encodings and every kind of bad input. No database."""

from __future__ import annotations

import io
import json

import pytest

from claims.ingest import decoding, formats, readers, records
from claims.ingest.readers import read_paths
from claims.ingest.records import ArticleInput, FailedInput
from claims.ingest.text import canonical_text

LIMIT = 500_000  # characters: files of 2 MB at most (4 bytes each)
BODY = "The council said 40 homes were flooded on Monday.\nRepairs will take weeks."


def read(*paths: str, **kw) -> list[ArticleInput | FailedInput]:
    return list(read_paths([str(p) for p in paths], max_chars=kw.pop("max_chars", LIMIT), **kw))


def only_error(items) -> str:
    (item,) = items
    assert isinstance(item, FailedInput), item
    return item.error


def test_txt_first_line_is_the_headline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Flood in the valley\n\n" + BODY, encoding="utf-8")
    (item,) = read(path)
    assert item.title == "Flood in the valley"
    assert canonical_text(item.title, item.body).startswith("Flood in the valley\n\nThe council")


def test_markdown_front_matter_and_markup(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Flood\noutlet: Gazette\npublished: 2024-05-01\n---\n"
        "The **council** said [40 homes](https://x.test) were flooded.\n",
        encoding="utf-8",
    )
    (item,) = read(path)
    assert (item.title, item.outlet, str(item.published)) == ("Flood", "Gazette", "2024-05-01")
    assert item.body.strip() == "The council said 40 homes were flooded."


def test_html_article_text_without_scripts_styles_or_navigation(tmp_path):
    paragraphs = "".join(
        f"<p>{BODY} Paragraph {i} adds detail on the repairs.</p>" for i in range(6)
    )
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>Flood hits valley</title><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Flood hits valley</h1>{paragraphs}</article>"
        "<script>alert('x')</script></body></html>",
        encoding="utf-8",
    )
    (item,) = read(path)
    assert item.title == "Flood hits valley"
    assert "40 homes" in item.body
    assert "alert" not in item.body and "color:red" not in item.body and "Home" not in item.body


def test_html_without_an_article_is_an_error(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    assert only_error(read(path)) == formats.NO_ARTICLE_IN_HTML


def test_json_list_and_jsonl_lines_each_become_an_input(tmp_path):
    record = {"title": "Flood", "text": BODY, "url": "https://x.test/1", "outlet": "Gazette"}
    (tmp_path / "a.json").write_text(json.dumps([record, {**record, "text": 42}]))
    (tmp_path / "b.jsonl").write_text(json.dumps(record) + "\n\n" + "{broken\n")
    items = read(tmp_path / "a.json", tmp_path / "b.jsonl")
    assert [type(i).__name__ for i in items] == [
        "ArticleInput",
        "FailedInput",
        "ArticleInput",
        "FailedInput",
    ]
    assert items[1].error == "field 'text' must be a string, not a number"
    assert items[3].source.endswith("b.jsonl:3") and items[3].error.startswith("invalid JSON")


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"title": "T", "text": BODY, "url": "javascript:alert(1)"}, records.BAD_URL),
        ({"title": "T", "text": BODY, "url": "data:text/html,<b>x</b>"}, records.BAD_URL),
        ({"title": "T", "text": BODY, "url": "ftp://example.org/a"}, records.BAD_URL),
        ({"title": "T"}, "missing field 'text'"),
        ({"title": "T", "text": None}, "missing field 'text'"),
        ({"title": 5, "text": BODY}, "field 'title' must be a string, not a number"),
        ({"title": "T", "body": ["x"]}, "field 'body' must be a string, not a list"),
        (
            {"title": "T", "text": BODY, "published": "last week"},
            records.BAD_DATE.format(value="last week"),
        ),
        ("just a string", records.NOT_AN_OBJECT.format(actual="a string")),
    ],
)
def test_json_with_missing_or_wrongly_typed_fields(tmp_path, record, message):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(record))
    assert only_error(read(path)) == message


def test_json_record_without_title_takes_its_first_line_as_headline(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "Dam breach floods valley\n\n" + BODY, "title": None}))
    (item,) = read(path)
    assert item.title == "Dam breach floods valley"
    assert item.body.strip() == BODY.strip()


def test_json_record_of_one_paragraph_without_title_takes_its_first_sentence(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "The river rose by two metres. Forty homes flooded."}))
    (item,) = read(path)
    assert item.title == "The river rose by two metres."
    assert item.body.strip() == "Forty homes flooded."


def test_markdown_front_matter_with_a_script_url_is_refused(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: T\nurl: javascript:alert(document.domain)\n---\n{BODY}")
    assert only_error(read(path)) == records.BAD_URL


def test_web_addresses_are_kept():
    assert records.web_address(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"
    assert records.web_address("") == ""


def test_empty_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"  \n\n ")
    assert only_error(read(tmp_path / "a.txt")) == decoding.EMPTY


def test_binary_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 10)
    assert only_error(read(tmp_path / "a.txt")) == decoding.BINARY


def test_windows_1252_text_is_decoded(tmp_path):
    (tmp_path / "a.txt").write_bytes(
        "Caf\u00e9 closes\n\n\u201cWe are sad,\u201d the owner said.".encode("cp1252")
    )
    (item,) = read(tmp_path / "a.txt")
    assert item.title == "Café closes" and "“We are sad,”" in item.body


def test_text_in_no_known_encoding_is_an_error():
    with pytest.raises(records.InputError, match="not valid UTF-8"):
        decoding.decode(b"Headline\n\n" + b"\x81\x8d\x8f\x90\x9d" * 20)


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.write(b"Headline\n\n")
        f.write(b"The council met again today. " * (20_000_000 // 29))
    assert only_error(read(path)) == readers.TOO_LARGE.format(size=20.0, limit=2.0)


def test_missing_path_and_unsupported_type(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    items = read(tmp_path / "nope.txt", tmp_path / "a.pdf")
    assert [i.error for i in items] == [
        readers.NOT_FOUND,
        readers.UNSUPPORTED.format(suffix=".pdf"),
    ]


def test_folders_are_read_recursively_skipping_hidden_and_other_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B head\n\n" + BODY)
    (tmp_path / "a.txt").write_text("A head\n\n" + BODY)
    (tmp_path / ".hidden.txt").write_text("H head\n\n" + BODY)
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [i.title for i in read(tmp_path)] == ["A head", "B head"]


def test_stdin_is_read_for_a_dash():
    (item,) = read("-", stdin=io.BytesIO(("From stdin\n\n" + BODY).encode()))
    assert item.source == "<stdin>" and item.title == "From stdin"


def test_canonical_text_joins_hard_wrapped_lines_and_collapses_blank_runs():
    body = "The council said 40 homes\nwere flooded.\n\n\n\n\nRepairs will take weeks."
    assert canonical_text("Flood", body) == (
        "Flood\n\nThe council said 40 homes were flooded.\n\nRepairs will take weeks."
    )


def test_canonical_text_keeps_the_characters_of_the_source():
    body = "“Quoted,” she said.\u00a0It cost 5\u00a0€. 😀 (link)"
    assert canonical_text("T", body) == "T\n\n" + body


def test_deeply_nested_json_is_one_clear_error_and_the_rest_goes_on(tmp_path):
    from claims.ingest.formats import TOO_DEEP

    (tmp_path / "a.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "b.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    (tmp_path / "c.json").write_text(json.dumps({"title": "T", "text": BODY}))
    items = read(tmp_path / "a.json", tmp_path / "b.jsonl", tmp_path / "c.json")
    assert [getattr(i, "error", None) for i in items] == [TOO_DEEP, TOO_DEEP, None]


def test_markdown_headings_lists_quotes_and_html_become_plain_paragraphs(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "# Flood hits valley\n\n> The **river** rose _two_ metres.\n\n"
        "- 40 homes were <b>flooded</b>\n- ![map](m.png) Roads closed\n\n## Repairs\n\nWeeks.\n"
    )
    (item,) = read(path)
    assert item.title == "Flood hits valley"
    assert item.body.split("\n\n") == [
        "The river rose two metres.",
        "40 homes were flooded",
        "Roads closed",
        "Repairs",
        "Weeks.",
    ]


def test_a_txt_file_may_open_with_its_outlet_and_date(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "Outlet: Exampleton Gazette\nDate: 2025-03-02\nURL: https://gazette.example/a\n"
        "Flood in Exampleton\n\nOfficials said 12 people died.\n"
    )
    (item,) = read(path)
    assert (item.outlet, item.published.isoformat(), item.url) == (
        "Exampleton Gazette",
        "2025-03-02",
        "https://gazette.example/a",
    )
    assert item.title == "Flood in Exampleton" and "12 people died" in item.body


def test_a_headline_that_looks_like_a_field_stays_the_headline(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Update: the toll rises\n\nOfficials said 12 people died.\n")
    (item,) = read(path)
    assert item.title == "Update: the toll rises" and item.outlet == ""


def test_a_bad_date_line_is_refused_in_words(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Date: yesterday\nFlood\n\nOfficials said 12 people died.\n")
    (failed,) = read(path)
    assert "published" in failed.error and "yesterday" in failed.error


def test_a_page_without_a_date_takes_the_one_it_prints_at_its_top():
    body = "Monday, 3 April 2023\n\nThe storm killed 3 people in the valley."
    assert ArticleInput("a.txt", "Storm", body).published.isoformat() == "2023-04-03"
    # a date given with the page wins over the one it prints
    given = records.parse_date("2023-04-05")
    assert ArticleInput("a.txt", "Storm", body, published=given).published == given
