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


def test_workers_scale_and_the_migrations_run_once_before_web_and_workers(compose):
    services = compose["services"]
    worker, migrate = services["worker"], services["migrate"]
    assert "worker" in worker["command"] and "ports" not in worker  # so it can scale
    assert "container_name" not in worker
    assert "migrate" in migrate["command"] and migrate["restart"] == "no"
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
        assert "migrate" not in services[name]["command"]
    assert worker["environment"] == services["web"]["environment"]


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


def test_check_deploy_is_clean_with_the_compose_settings(compose):
    import os
    import sys

    # (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright: not a deployment's)
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    compose_env = compose["services"]["web"]["environment"]
    assert compose_env["NEWSDESK_HTTPS"] == "${NEWSDESK_HTTPS:-true}", "HTTPS is the default"
    env.update(
        NEWSDESK_HTTPS="true",
        DEBUG=compose_env["DEBUG"],
        SECRET_KEY="x" * 20 + "-deploy-check-only-" + "y" * 30,
        ALLOWED_HOSTS="news.example.org",
        DATABASE_URL=os.environ.get("DATABASE_URL") or "postgres://check@localhost/check",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_behind_https_plain_http_is_redirected_and_hsts_sent(db, settings):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()  # a new client builds its middleware from these settings
    plain = client.get("/accounts/login/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    assert client.get("/readyz").status_code == 200, "probes are not redirected"
    secure = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_browser_features_nobody_uses_are_switched_off(client, db):
    policy = client.get("/accounts/login/")["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
