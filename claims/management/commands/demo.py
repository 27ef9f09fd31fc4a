"""First-start set-up for `make run`: the demo corpus and a local demo account."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from claims.ingest.readers import read_paths
from claims.models import Article, Story
from claims.services import ingest

DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "articles"
DEMO_STORY = "Demo (fictional): the Harrowgate dam breach"
DEMO_USER = "analyst"


class Command(BaseCommand):
    help = "Load the fictional demo corpus into an empty database and create a demo account."

    def handle(self, *args, **options) -> None:
        if not Article.objects.exists():
            story = Story.objects.create(name=DEMO_STORY)
            results = ingest(
                read_paths([str(DEMO_DIR)], max_chars=settings.NEWSDESK_MAX_ARTICLE_CHARS),
                story=story,
            )
            created = sum(r.status == "created" for r in results)
            self.stdout.write(f"Loaded the demo corpus: {created} fictional articles.")
        self.stdout.write(self._account())

    def _account(self) -> str:
        password_file = settings.DATA_DIR / "demo-password"
        users = get_user_model().objects
        if not users.filter(username=DEMO_USER).exists():
            password = secrets.token_urlsafe(12)
            users.create_superuser(DEMO_USER, email="", password=password)
            settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
        if password_file.exists():
            return f"Log in as '{DEMO_USER}' with password '{password_file.read_text().strip()}'."
        return f"Log in as '{DEMO_USER}' (its password was changed from the generated one)."
