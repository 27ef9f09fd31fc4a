"""Settings written back as a URL read back as the same settings (host, socket folder)."""

from __future__ import annotations

import dj_database_url
import pytest

from newsdesk.database_url import as_url


@pytest.mark.parametrize(
    "settings",
    [
        {"USER": "postgres", "PASSWORD": "", "HOST": "127.0.0.1", "PORT": "5432", "NAME": "t"},
        {"USER": "postgres", "PASSWORD": "", "HOST": "/srv/nd data/pg", "PORT": "", "NAME": "t"},
        {"USER": "ann", "PASSWORD": "p@ss:w/d", "HOST": "db", "PORT": 5433, "NAME": "test_x"},
    ],
)
def test_a_url_reads_back_as_the_settings_it_was_written_from(settings):
    parsed = dj_database_url.parse(as_url(settings))
    for key in ("USER", "PASSWORD", "HOST", "NAME"):
        assert parsed[key] == settings[key]
    assert str(parsed["PORT"] or "") == str(settings["PORT"] or "")
