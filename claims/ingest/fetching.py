"""Fetching a page from the public web, and from nowhere else.

Three rules close the ways around an address check (server-side request forgery):
- the address is read once, by the parser of the library that connects (urllib3), so
  the host that is checked is the host that is reached (``http://127.0.0.1\\@x.example/``
  is 127.0.0.1 to both);
- every address the name resolves to must be public, and a name that does not resolve
  is refused, not waved through;
- the connection goes to the address that was checked, never to a second lookup that
  a hostile name server could answer differently; each redirect is checked the same way.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import urllib3
from urllib3.util import Url, parse_url

from .errors import InputError

NOT_WEB = "Only web addresses (http:// or https://) can be fetched."
WITH_PASSWORD = "Addresses with a user name or password in them are not fetched."
PRIVATE_ADDRESS = "That address is not on the public web; only public pages can be fetched."
UNKNOWN_HOST = "No site answers to {host}: check the address."
CANNOT_FETCH = "Could not fetch {url}: the site did not answer or returned no page."
TOO_LARGE = "The page at {url} is larger than {limit:,} bytes; it was not fetched."
TOO_MANY_REDIRECTS = "{url} redirects more than {count} times; it was not fetched."
NOT_A_PAGE = "{url} is not a web page (it is {kind})."

TIMEOUT = urllib3.Timeout(connect=5, read=15)
MAX_REDIRECTS = 3
REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "Newsdesk/0.1 (article fetch)"

Lookup = Callable[..., list[Any]]


def is_public_address(address: str) -> bool:
    return ipaddress.ip_address(address.split("%")[0]).is_global


@dataclass(frozen=True)
class Target:
    """Where one request goes: the checked address, and the name it was checked for."""

    url: Url
    address: str

    @property
    def port(self) -> int:
        return self.url.port or (443 if self.url.scheme == "https" else 80)


def resolve(
    url: str,
    *,
    lookup: Lookup = socket.getaddrinfo,
    allowed: Callable[[str], bool] = is_public_address,
) -> Target:
    """The address to connect to for ``url``, or an InputError saying why there is none."""
    try:
        parsed = parse_url(url)
    except ValueError:
        raise InputError(NOT_WEB) from None
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        raise InputError(NOT_WEB)
    if parsed.auth:
        raise InputError(WITH_PASSWORD)
    host = parsed.host.strip("[]")
    try:
        infos = lookup(host, parsed.port or 80, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise InputError(UNKNOWN_HOST.format(host=host)) from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise InputError(UNKNOWN_HOST.format(host=host))
    if not all(allowed(address) for address in addresses):
        raise InputError(PRIVATE_ADDRESS)
    return Target(parsed, addresses[0])


def _request(target: Target) -> urllib3.BaseHTTPResponse:
    host = target.url.host.strip("[]") if target.url.host else ""
    pool: urllib3.HTTPConnectionPool
    if target.url.scheme == "https":
        # The TLS name and certificate are checked against the name, not the address.
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            timeout=TIMEOUT,
            retries=False,
            maxsize=1,
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            target.address, target.port, timeout=TIMEOUT, retries=False, maxsize=1
        )
    host_header = host if target.url.port is None else f"{target.url.host}:{target.url.port}"
    return pool.urlopen(
        "GET",
        target.url.request_uri,
        headers={"Host": host_header, "User-Agent": USER_AGENT, "Accept": "text/html,*/*"},
        redirect=False,
        preload_content=False,
        assert_same_host=False,
    )


def _read(response: urllib3.BaseHTTPResponse, url: str, limit: int) -> bytes:
    data = bytearray()
    for chunk in response.stream(65536):
        data += chunk
        if len(data) > limit:
            raise InputError(TOO_LARGE.format(url=url, limit=limit))
    return bytes(data)


def fetch_page(
    url: str,
    *,
    max_bytes: int,
    lookup: Lookup = socket.getaddrinfo,
    allowed: Callable[[str], bool] = is_public_address,
) -> tuple[str, str]:
    """The page at ``url`` as text, and the address it was finally read from."""
    for _ in range(MAX_REDIRECTS + 1):
        target = resolve(url, lookup=lookup, allowed=allowed)
        try:
            response = _request(target)
            location = response.headers.get("Location")
            if response.status in REDIRECTS and location:
                response.drain_conn()
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise InputError(CANNOT_FETCH.format(url=url))
            kind = response.headers.get("Content-Type", "text/html").split(";")[0].strip()
            if kind and not (kind.startswith("text/") or "html" in kind or "xml" in kind):
                raise InputError(NOT_A_PAGE.format(url=url, kind=kind))
            data = _read(response, url, max_bytes)
        except urllib3.exceptions.HTTPError:
            raise InputError(CANNOT_FETCH.format(url=url)) from None
        from trafilatura.utils import decode_file

        return decode_file(data), url
    raise InputError(TOO_MANY_REDIRECTS.format(url=url, count=MAX_REDIRECTS))
