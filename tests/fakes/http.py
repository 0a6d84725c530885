"""A ThreadingHTTPServer in a thread, started and stopped cleanly."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class QuietHandler(BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, so no idle keep-alive thread outlives a test.
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def drop(self) -> None:
        """Close the connection without a word (or in the middle of one)."""
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True


STREAMING_FAULTS = ("trickle", "endless", "huge_length", "nested")


def stream_fault(
    handler: QuietHandler,
    kind: str,
    stopping: threading.Event,
    *,
    interval: float = 0.5,
    length: int = 2 * 1024**3,
    depth: int = 100_000,
) -> int:
    """Answer with one of the STREAMING_FAULTS: "trickle" (the answer, status line first, one
    byte every `interval` seconds, then spaces for ever), "endless" (200 and a body that never
    ends), "huge_length" (announces `length` bytes, then streams while it is read), "nested"
    (200 and JSON nested `depth` deep). Returns how many bytes went out before the client
    hung up."""
    sent = 0
    try:
        if kind == "nested":
            handler.answer(200, b"[" * depth + b"]" * depth)
            return 2 * depth
        if kind == "trickle":
            answer = b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{}"
            for byte in answer:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                sent += 1
                if stopping.wait(interval):
                    break
            while not stopping.wait(interval):  # then a body of spaces, slowly, for ever
                handler.wfile.write(b" ")
                handler.wfile.flush()
                sent += 1
            return sent
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if kind == "huge_length":
            handler.send_header("Content-Length", str(length))
        handler.end_headers()
        chunk = b" " * 65536
        while not stopping.is_set() and (kind == "endless" or sent < length):
            handler.wfile.write(chunk)
            sent += len(chunk)
    except OSError:
        pass  # the client hung up: what it should do
    handler.close_connection = True
    return sent


class LocalServer:
    handler: type[BaseHTTPRequestHandler]

    def __init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        server.daemon_threads = False  # server_close() joins them: nothing is left running
        server.owner = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name=type(self).__name__)
        self._thread.start()

    def stop(self) -> None:
        self.before_stop()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def before_stop(self) -> None:
        pass

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
