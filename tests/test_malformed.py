"""The malformed-input corpus (tests/malformed.py) through both ways in: the ingest
command and the browser's upload. Every good input is stored, every bad one is one
line in plain words, nothing crashes."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from claims.models import Article

from . import malformed
from .jobs import run_queued

pytestmark = pytest.mark.django_db
# What a user must never see: exception names, tracebacks, spaCy's error codes.
LEAKS = re.compile(r"Traceback|[A-Z][a-z]+(Error|Exception)\b|\bE\d{3}\b|psycopg|django\.")
LIMIT = 20_000  # characters: small, so the "huge" case stays quick to write


@pytest.fixture
def corpus(tmp_path, settings):
    settings.NEWSDESK_MAX_ARTICLE_CHARS = LIMIT
    expected = malformed.write(tmp_path / "inputs", LIMIT)
    assert len(expected) >= 40
    return tmp_path / "inputs", expected


def test_the_ingest_command_stores_the_good_and_names_each_bad_in_one_line(corpus, capsys):
    folder, expected = corpus
    paths = sorted(str(folder / name) for name in expected)
    with pytest.raises(SystemExit) as ended:
        call_command("ingest", *paths, "--no-match", "--processes", "1")
    assert ended.value.code == 1, "errors make the exit status 1"
    out, err = capsys.readouterr()
    assert not LEAKS.search(out + err), (out + err)[:3000]
    errors = [line for line in err.splitlines() if line.startswith("error")]
    for name, stored in expected.items():
        mine = [line for line in errors if f"/{name}" in line]
        if stored is False:  # one line per input (a JSON list's records are inputs each)
            assert mine and all(len(m.split(": ", 1)[1].split()) >= 2 for m in mine), mine
            assert f"/{name} -> article" not in out and f"/{name}[0] -> article" not in out
        elif stored is True:
            assert not mine, (name, mine)
            assert f"/{name} -> article" in out, name
    assert sum(1 for line in out.splitlines() if "mixed.jsonl:" in line) == 2
    # Some good inputs are one text in different encodings: stored once, then "duplicate".
    created = [line for line in out.splitlines() if line.startswith("created")]
    duplicates = [line for line in out.splitlines() if line.startswith("duplicate")]
    assert len(created) + len(duplicates) == sum(1 for s in expected.values() if s) + 2
    assert Article.objects.count() == len(created)


def test_the_browser_upload_answers_each_file_in_words_never_500(corpus, analyst_client):
    folder, expected = corpus
    files = [
        SimpleUploadedFile(name, (folder / name).read_bytes(), "application/octet-stream")
        for name in sorted(expected)
    ]
    url = reverse("claims:ingest_upload")
    response = analyst_client.post(url, {"files": files}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    batch = re.search(r'data-batch="([^"]+)"', response.content.decode()).group(1)
    run_queued()
    html = analyst_client.get(reverse("claims:ingest_progress", args=[batch])).content.decode()
    assert not LEAKS.search(html), LEAKS.search(html)
    rows = re.findall(r'data-job="(\w+)">\s*<td>([^<]*)</td>', html)
    for name, stored in expected.items():
        results = {result for result, source in rows if unescape(source).startswith(name)}
        if stored is not None:
            good = results == {"done"}
            assert good if stored else results == {"failed"}, (name, results, rows)
    done = sum(1 for result, _ in rows if result == "done")
    assert Article.objects.count() == done - html.count("already ingested")
    assert "<script>alert(1)</script>" not in html
