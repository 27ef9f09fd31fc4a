"""Health probes and the error page that must work when the database does not."""

from __future__ import annotations

from django.db import OperationalError
from django.test import RequestFactory

from claims.views.errors import DATABASE_DOWN, SERVER_ERROR, server_error


def test_probes_answer_without_login(db, client):
    assert client.get("/healthz").content == b"ok"
    ready = client.get("/readyz")
    assert (ready.status_code, ready.content) == (200, b"ready")


def _error_page(exception: Exception, **headers):
    request = RequestFactory().get("/articles/", headers=headers)
    try:
        raise exception
    except Exception:
        return server_error(request)


# These tests have no database access: pytest-django fails any query they make.
def test_the_error_page_for_a_database_that_is_down_reads_nothing():
    response = _error_page(OperationalError("connection refused"))
    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert DATABASE_DOWN in page and "OperationalError" not in page and "refused" not in page


def test_other_failures_get_the_plain_error_page():
    response = _error_page(KeyError("secret detail"))
    assert response.status_code == 500
    assert SERVER_ERROR in response.content.decode() and "secret" not in response.content.decode()


def test_htmx_requests_get_the_message_alone():
    response = _error_page(OperationalError("down"), **{"HX-Request": "true"})
    assert response.status_code == 503 and "<html" not in response.content.decode()
    assert DATABASE_DOWN in response.content.decode()
