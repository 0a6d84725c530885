"""Bounded network exchanges: a total deadline and a size cap on every request.

`requests`' timeout (and smtplib's) bounds each socket operation, not the exchange: a server
sending one byte every few seconds holds a request forever, and a body without end fills the
memory. Here a `Deadline` watchdog shuts the socket down when the time is up, whatever phase
the exchange is in (TLS handshake, status line, headers, body, an SMTP reply); an announced
Content-Length over the cap is refused before a byte of the body is read; and the body is read
in chunks up to the cap. Every HTTP client of the sync (France Travail token and API, hub)
goes through `bounded_request`; the SMTP client uses `Deadline` directly (kiosk.sync.mail).
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# A page of 150 offers is about 0.5 MB (3.75 MB if every description reached the 20,000
# character cap); the communes reference list about 4 MB.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
# Generous for a 0.5 MB answer on a poor agency line, short enough that a stalled server
# costs a pass a minute or two, not the day.
DEFAULT_DEADLINE = 60.0
DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, each read: a dead server is noticed before the deadline
_CHUNK = 64 * 1024


class LimitExceeded(Exception):
    """The exchange broke one of our limits; the message is one line for the logs."""


class DeadlineExceeded(LimitExceeded):
    """The whole exchange took longer than its deadline (the server may be trickling)."""


class TooLarge(LimitExceeded):
    """The answer is larger than the cap. Retrying would download it again: don't."""

    def __init__(self, message: str, *, announced: bool) -> None:
        super().__init__(message)
        self.announced = announced  # refused on its Content-Length, before any of the body


@dataclass(frozen=True)
class Limits:
    deadline: float = DEFAULT_DEADLINE
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: tuple[float, float] = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Answer:
    """A whole answer, read within the limits (the names of `requests.Response`'s fields)."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes


def _shut(fd: int) -> None:
    """Shut a socket down by its descriptor: a blocked read in another thread returns at once.

    By descriptor because a TLS socket replaces (detaches) the plain socket object it was made
    from, and the descriptor is the one thing both share.
    """
    try:
        sock = socket.socket(fileno=fd)
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed or not connected: nothing left to interrupt
    finally:
        sock.detach()  # never close a descriptor we do not own


_current = threading.local()


class Deadline:
    """`with Deadline(seconds) as d:` the sockets watched in the block are shut down when the
    time is up. Sockets opened by `bounded_session()` connections in this thread are watched
    automatically; others with `d.watch(sock)`.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._fds: set[int] = set()
        self._lock = threading.Lock()
        self._done = False
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True
        self._outer: Deadline | None = None

    def __enter__(self) -> Deadline:
        self._outer = getattr(_current, "deadline", None)
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with self._lock:
            self._done = True
        self._timer.cancel()
        _current.deadline = self._outer

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        try:
            fd = sock.fileno()
        except OSError:
            return
        if fd < 0:
            return
        with self._lock:
            if self._done:
                return
            if not self.expired:
                self._fds.add(fd)
                return
        _shut(fd)  # connected after the deadline: interrupt at once

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for fd in self._fds:
                _shut(fd)

    def check(self, what: str) -> None:
        if self.expired:
            raise DeadlineExceeded(f"{what} took more than {self.seconds:g} s")


def watch(sock: socket.socket | None) -> None:
    """Put `sock` under this thread's current deadline, if there is one."""
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)


class _WatchedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        watch(sock)  # before any TLS handshake or read
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch(self.sock)  # a kept-alive connection, opened under an earlier deadline
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        watch(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch(self.sock)
        super().request(*args, **kwargs)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def bounded_session() -> requests.Session:
    """A session whose connections a `Deadline` can interrupt (use with `bounded_request`)."""
    session = requests.Session()
    adapter = _WatchedAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def bounded_request(
    session: requests.Session, method: str, url: str, limits: Limits, **kwargs: Any
) -> Answer:
    """One request, its whole answer read within `limits.deadline` and `limits.max_bytes`.

    Raises `DeadlineExceeded`, `TooLarge`, or `requests.RequestException` (network trouble).
    """
    what = f"{method} {url.split('?', 1)[0]}"
    with Deadline(limits.deadline) as deadline:
        try:
            response = session.request(method, url, stream=True, timeout=limits.timeout, **kwargs)
        except requests.RequestException:
            deadline.check(what)
            raise
        try:
            announced = response.headers.get("Content-Length", "").strip()
            if announced.isdigit() and int(announced) > limits.max_bytes:
                raise TooLarge(
                    f"{what}: the answer announces {int(announced):,} bytes "
                    f"(at most {limits.max_bytes:,}): not downloaded",
                    announced=True,
                )
            body = bytearray()
            try:
                for chunk in response.iter_content(_CHUNK):
                    body += chunk
                    if len(body) > limits.max_bytes:
                        raise TooLarge(
                            f"{what}: the answer is larger than {limits.max_bytes:,} bytes",
                            announced=False,
                        )
            except requests.RequestException:
                deadline.check(what)
                raise
            # A socket shut down by the watchdog can look like the end of a body that had no
            # Content-Length: never mistake a cut answer for a whole one.
            deadline.check(what)
            return Answer(response.status_code, response.headers, bytes(body))
        finally:
            response.close()


def loads(data: bytes | str) -> Any:
    """`json.loads`, with absurdly deep nesting refused as invalid JSON (a ValueError) instead
    of a RecursionError that nobody expects."""
    try:
        return json.loads(data)
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc
