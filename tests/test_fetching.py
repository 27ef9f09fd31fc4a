"""Fetching pages: only the public web is reached, by the address that was checked."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.ingest.errors import InputError
from claims.ingest.fetching import (
    NOT_A_PAGE,
    NOT_WEB,
    PRIVATE_ADDRESS,
    TOO_LARGE,
    TOO_MANY_REDIRECTS,
    UNKNOWN_HOST,
    WITH_PASSWORD,
    fetch_page,
    resolve,
)

PAGE = b"<html><head><title>Flood in Exampleton</title></head><body><p>Hi.</p></body></html>"


def answers(mapping: dict[str, list[str]]):
    """A name server that knows only ``mapping``."""

    def lookup(host, port, type=0):
        if host not in mapping:
            raise socket.gaierror("unknown")
        return [(socket.AF_INET, type, 6, "", (address, port)) for address in mapping[host]]

    return lookup


def loopback_only(address: str) -> bool:
    return address == "127.0.0.1"


class Handler(BaseHTTPRequestHandler):
    seen_hosts: list[str] = []

    def do_GET(self):
        Handler.seen_hosts.append(self.headers["Host"])
        routes = {
            "/page": (200, "text/html; charset=utf-8", PAGE),
            "/big": (200, "text/html", b"x" * 5000),
            "/pdf": (200, "application/pdf", b"%PDF-1.4"),
            "/missing": (404, "text/html", b"gone"),
        }
        if self.path.startswith("/to/"):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/to/"))
            self.end_headers()
            return
        status, kind, body = routes.get(self.path, (404, "text/html", b""))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def port():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://news.example/a", NOT_WEB),
        ("javascript:alert(1)", NOT_WEB),
        ("http://user:secret@news.example/a", WITH_PASSWORD),
        ("http://unknown.example/a", UNKNOWN_HOST.format(host="unknown.example")),
        ("http://private.example/a", PRIVATE_ADDRESS),
        ("http://mixed.example/a", PRIVATE_ADDRESS),
        ("http://127.0.0.1/a", PRIVATE_ADDRESS),
        ("http://[::1]/a", PRIVATE_ADDRESS),
        ("http://169.254.169.254/latest/meta-data/", PRIVATE_ADDRESS),
    ],
)
def test_addresses_off_the_public_web_are_refused(url, message):
    lookup = answers(
        {
            "news.example": ["93.184.215.14"],
            "private.example": ["10.0.0.7"],
            "mixed.example": ["93.184.215.14", "192.168.1.1"],
            "127.0.0.1": ["127.0.0.1"],
            "::1": ["::1"],
            "169.254.169.254": ["169.254.169.254"],
        }
    )
    with pytest.raises(InputError) as caught:
        resolve(url, lookup=lookup)
    assert caught.value.message == message


def test_the_host_checked_is_the_host_connected_to():
    # urlsplit reads this as x.example; the library that connects reads 127.0.0.1.
    lookup = answers({"x.example": ["93.184.215.14"], "127.0.0.1": ["127.0.0.1"]})
    with pytest.raises(InputError, match="not on the public web"):
        resolve("http://127.0.0.1:8624\\@x.example/", lookup=lookup)


def test_a_public_name_resolves_to_its_address():
    target = resolve("https://news.example/a?b=1", lookup=answers({"news.example": ["1.1.1.1"]}))
    assert (target.address, target.port, target.url.request_uri) == ("1.1.1.1", 443, "/a?b=1")


def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(port):
    lookup = answers({"news.example": ["127.0.0.1"]})
    url = f"http://news.example:{port}/page"
    html, final = fetch_page(url, max_bytes=10_000, lookup=lookup, allowed=loopback_only)
    assert "Flood in Exampleton" in html and final == url
    assert Handler.seen_hosts[-1] == f"news.example:{port}"


def test_every_redirect_is_checked_again(port):
    lookup = answers({"news.example": ["127.0.0.1"], "inside.example": ["10.1.2.3"]})
    start = f"http://news.example:{port}/to/http://inside.example/admin"
    with pytest.raises(InputError) as caught:
        fetch_page(start, max_bytes=10_000, lookup=lookup, allowed=loopback_only)
    assert caught.value.message == PRIVATE_ADDRESS


def test_a_redirect_to_a_public_page_is_followed(port):
    lookup = answers({"news.example": ["127.0.0.1"]})
    start = f"http://news.example:{port}/to/http://news.example:{port}/page"
    html, final = fetch_page(start, max_bytes=10_000, lookup=lookup, allowed=loopback_only)
    assert "Exampleton" in html and final.endswith("/page")


def test_redirect_loops_end(port):
    lookup = answers({"news.example": ["127.0.0.1"]})
    loop = f"http://news.example:{port}/to/" * 5 + "page"
    with pytest.raises(InputError, match="redirects more than") as caught:
        fetch_page(loop, max_bytes=10_000, lookup=lookup, allowed=loopback_only)
    assert caught.value.message.endswith(TOO_MANY_REDIRECTS.split("}")[-1])


@pytest.mark.parametrize(
    "path, fragment",
    [
        ("/big", TOO_LARGE.split("{limit")[0].split("}")[-1]),
        ("/pdf", NOT_A_PAGE.split("{kind}")[0].split("}")[-1]),
        ("/missing", "Could not fetch"),
    ],
)
def test_pages_that_cannot_be_used_are_refused_in_words(port, path, fragment):
    lookup = answers({"news.example": ["127.0.0.1"]})
    url = f"http://news.example:{port}{path}"
    with pytest.raises(InputError) as caught:
        fetch_page(url, max_bytes=1000, lookup=lookup, allowed=loopback_only)
    assert fragment in caught.value.message
