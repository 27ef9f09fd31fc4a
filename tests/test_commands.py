from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article, Claim, Link, Relation

from .conftest import ARTICLE_A, ARTICLE_B

pytestmark = pytest.mark.django_db


def run(*args, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_stdout, old_stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err  # tqdm and progress.write go to sys.* directly
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.stdout, sys.stderr = old_stdout, old_stderr
    return code, out.getvalue(), err.getvalue()


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ingest_json_reports_each_input_and_exits_0(corpus):
    code, out, _ = run("ingest", str(corpus / ARTICLE_A), str(corpus / ARTICLE_B), "--json")
    rows = json_lines(out)
    assert code == 0
    assert [r["status"] for r in rows] == ["created", "created"]
    assert set(rows[0]) == {"path", "status", "article", "claims", "error"}
    assert rows[0]["claims"] == Article.objects.get(pk=rows[0]["article"]).claims.count()


def test_ingest_exits_1_when_an_input_fails_but_stores_the_rest(corpus, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    code, out, _ = run(
        "ingest", str(tmp_path / "empty.txt"), str(corpus / ARTICLE_A), "/no/such.txt", "--json"
    )
    rows = json_lines(out)
    assert code == 1
    assert [(r["status"], r["error"]) for r in rows] == [
        ("error", "empty file"),
        ("created", None),
        ("error", "no such file or directory"),
    ]
    assert Article.objects.count() == 1


def test_ingest_twice_reports_duplicate(corpus):
    run("ingest", str(corpus / ARTICLE_A), "--json")
    code, out, _ = run("ingest", str(corpus / ARTICLE_A), "--json")
    (row,) = json_lines(out)
    assert code == 0 and row["status"] == "duplicate" and row["article"]


def test_ingest_outlet_and_story_options(corpus):
    run("ingest", str(corpus / ARTICLE_A), "--outlet", "Wire", "--story", "Deir Ezzor")
    article = Article.objects.get()
    assert (article.outlet.name, article.story.name) == ("Wire", "Deir Ezzor")


def test_ingest_reads_stdin_in_the_format_given(monkeypatch):
    record = {"title": "From a pipe", "text": "Officials said 3 bridges closed in Ghent on Monday."}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(record).encode())))
    code, out, _ = run("ingest", "-", "--stdin-format", "json", "--json")
    (row,) = json_lines(out)
    assert code == 0 and row["path"] == "<stdin>" and row["status"] == "created"


def test_show_json_gives_claims_with_offsets_into_the_text(corpus):
    run("ingest", str(corpus / ARTICLE_B))
    article = Article.objects.get()
    _, out, _ = run("show", str(article.pk), "--json")
    data = json.loads(out)
    assert {"id", "title", "outlet", "url", "published", "text", "claims"} <= set(data)
    claim = next(c for c in data["claims"] if "around 200 Russians" in c["text"])
    assert set(claim) >= {
        "id",
        "start",
        "end",
        "text",
        "origin",
        "speaker",
        "is_quote",
        "hedged",
        "entities",
        "quantities",
    }
    assert data["text"][claim["start"] : claim["end"]] == claim["text"]
    quantity = claim["quantities"][0]
    assert data["text"][quantity["start"] : quantity["end"]] == quantity["text"]
    assert (quantity["low"], quantity["qualifier"]) == (200, "about")
    figure = claim["figures"][0]
    assert (figure["topic"], figure["counted"], figure["part"]) == (
        "death toll",
        "nationality:russian",
        False,
    )
    assert data["incident"]["kind"] == "attack"


def test_show_unknown_article_is_a_clear_error():
    with pytest.raises(CommandError, match="no article with id 999"):
        call_command("show", "999")


def test_extract_runs_again_and_keeps_links(sample_articles):
    a, b = sample_articles[ARTICLE_A], sample_articles[ARTICLE_B]
    link = Link.objects.create(
        source=a.claims.first(), target=b.claims.first(), relation=Relation.SUPPORTS
    )
    ids = set(Claim.objects.values_list("pk", flat=True))
    code, out, _ = run("extract", "--all")
    assert code == 0 and out.startswith("2 articles: 0 claims created")
    assert set(Claim.objects.values_list("pk", flat=True)) == ids
    assert Link.objects.filter(pk=link.pk).exists()


def test_extract_needs_ids_or_all():
    with pytest.raises(CommandError, match="--all"):
        call_command("extract")


def test_a_data_command_on_a_database_without_its_tables_says_what_to_run(monkeypatch, tmp_path):
    from django.core.management.base import CommandError
    from django.db.migrations.executor import MigrationExecutor

    from claims.management.database import NOT_MIGRATED

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [1, 2])
    path = tmp_path / "a.txt"
    path.write_text("Dam breach\n\nOfficials said 12 people died on Monday.")
    for command in (["ingest", str(path)], ["show", "1"], ["conflicts", "--json"]):
        with pytest.raises(CommandError) as raised:
            call_command(*command)
        assert str(raised.value) == NOT_MIGRATED.format(count=2)
