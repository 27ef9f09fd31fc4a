"""The wheel: built from the tracked files, installed into a fresh virtualenv, run from
outside the checkout. It must hold every module, migration, template and static file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
pytestmark = pytest.mark.slow


def _tracked() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [name for name in out.split() if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in _tracked():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--wheel-dir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("newsdesk-*.whl")
    return built


def test_the_wheel_holds_every_module_template_and_static_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = _tracked()
    modules = [n for n in tracked if n.startswith(("claims/", "newsdesk/")) and n.endswith(".py")]
    assert modules and all(m in names for m in modules), sorted(set(modules) - names)
    assets = [n for n in tracked if n.startswith(("templates/", "static/"))]
    assert assets and all(f"newsdesk/{a}" in names for a in assets), [
        a for a in assets if f"newsdesk/{a}" not in names
    ]


def test_the_installed_wheel_runs_check_and_ingest_help(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from the suite's own environment, appended after the fresh
    # venv's site-packages: newsdesk itself can only come from the wheel.
    fresh_site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (fresh_site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {
        **os.environ,
        # Neither command connects: a placeholder keeps the embedded server from starting.
        "DATABASE_URL": "postgres://wheel-test@127.0.0.1:1/none",
        "SECRET_KEY": "wheel-test-only",
        "NEWSDESK_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
    }
    env.pop("PYTHONPATH", None)
    manage = venv / "bin" / "newsdesk-manage"

    def run(*args: str) -> str:
        done = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = run(str(python), "-c", "import newsdesk; print(newsdesk.__file__)")
    assert where.startswith(str(venv)), where
    assert "System check identified no issues" in run(str(manage), "check")
    assert "--no-match" in run(str(manage), "ingest", "--help")
    found = run(
        str(python),
        "-c",
        "import django; django.setup();"
        "from django.template.loader import get_template;"
        "from django.contrib.staticfiles import finders;"
        "get_template('claims/compare.html'); print(finders.find('js/newsdesk.js'))",
    )
    assert found.strip().startswith(str(venv))
