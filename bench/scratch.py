"""A scratch database for a benchmark, on the configured server or the embedded one."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "deir-ezzor"


def database_url(name: str) -> str:
    """DATABASE_URL of database ``name`` on the same server as the configured one."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        from newsdesk import embedded_db

        data_dir = Path(os.environ.get("NEWSDESK_DATA_DIR") or ROOT / ".newsdesk")
        info = embedded_db.start(data_dir).get_postmaster_info()
        return f"postgres://postgres@{quote(str(info.socket_dir), safe='')}/{name}"
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def recreate(url: str, name: str) -> None:
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def use(name: str) -> None:
    """Point Django at a fresh, migrated database ``name``."""
    os.environ["DATABASE_URL"] = database_url(name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    recreate(os.environ["DATABASE_URL"], name)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def sample_claims() -> list[tuple[str, list]]:
    """The sample articles' canonical texts and the claims the pipeline extracts."""
    from django.conf import settings

    from claims.ingest.text import canonical_text, split_headline
    from claims.nlp.pipeline import load_pipeline

    texts = [
        canonical_text(*split_headline(p.read_text(encoding="utf-8")))
        for p in sorted(CORPUS.glob("*.txt"))
    ]
    nlp = load_pipeline(settings.NEWSDESK_SPACY_MODEL)
    return [(text, doc._.claims) for text, doc in zip(texts, nlp.pipe(texts), strict=True)]
