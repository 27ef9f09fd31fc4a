"""Settings of the site as deployed, with one bench-only view added (benchurls.py).

gunicorn runs with ``DJANGO_SETTINGS_MODULE=benchsite`` (bench/ on its path), so the
product's own URLs carry nothing for benchmarks.
"""

from __future__ import annotations

from newsdesk.settings import *  # noqa: F403  the deployed settings, unchanged but the URLs

ROOT_URLCONF = "benchurls"
