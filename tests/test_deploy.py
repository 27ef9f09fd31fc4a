"""Deployment files and settings: checked here because no Docker engine runs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from jsonschema import Draft7Validator

ROOT = Path(settings.BASE_DIR)
SCHEMA = ROOT.parent / "shared" / "conformance" / "compose-spec" / "compose-spec.json"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_is_valid_against_the_compose_specification(compose):
    if not SCHEMA.exists():
        pytest.skip(f"compose schema not found at {SCHEMA}")
    import json

    errors = list(Draft7Validator(json.loads(SCHEMA.read_text())).iter_errors(compose))
    assert errors == []


def test_web_waits_for_a_healthy_postgres(compose):
    db, web = compose["services"]["db"], compose["services"]["web"]
    assert db["image"].startswith("postgres:16") and "healthcheck" in db
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert "gunicorn" in web["command"]


def test_compose_requires_secrets_from_the_environment(compose):
    env = compose["services"]["web"]["environment"]
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_no_secret_key_is_committed():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    pattern = re.compile(r"SECRET_KEY\s*=\s*['\"][^'\"]{20,}")
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".py", ".yml", ".toml", ".cfg", ".env"}:
            assert not pattern.search(path.read_text(errors="ignore")), name


def test_migrations_are_up_to_date(db):
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
