"""A real SMTP server (aiosmtpd) on localhost that records messages and fails on request."""

from __future__ import annotations

import random
import socket
import threading
from collections import Counter, deque
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

# "refuse" (451, try later), "reject" (554, permanent), "drop_before" (closed, nothing kept),
# "drop_after_accept" (kept, then closed before the 250 reaches the client).
FAULTS = ("refuse", "drop_before", "drop_after_accept")


@dataclass(frozen=True)
class Received:
    message_id: str
    to: tuple[str, ...]
    message: Message


class _Handler:
    def __init__(self, owner: FakeSmtp) -> None:
        self.owner = owner

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        fault = self.owner.next_fault()
        if fault == "refuse":
            return "451 4.3.0 Temporary failure, try later"
        if fault == "reject":
            return "554 5.7.1 Message rejected for <someone@example.org>"
        if fault == "drop_before":
            server.transport.close()
            return "451 closed"
        message = message_from_bytes(envelope.content)
        self.owner.keep(Received(str(message["Message-ID"]), tuple(envelope.rcpt_tos), message))
        if fault == "drop_after_accept":
            server.transport.close()
        return "250 2.0.0 Ok: queued"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class FakeSmtp:
    def __init__(self) -> None:
        self.port = _free_port()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self.messages: list[Received] = []
        self.by_id: Counter[str] = Counter()
        self.faults: deque[str] = deque()
        self.flaky: tuple[random.Random, float] | None = None
        self.lock = threading.Lock()
        self.running = False

    def next_fault(self) -> str | None:
        with self.lock:
            if self.faults:
                return self.faults.popleft()
            if self.flaky is not None:
                rng, rate = self.flaky
                if rng.random() < rate:
                    return rng.choice(FAULTS)
            return None

    def keep(self, received: Received) -> None:
        with self.lock:
            self.messages.append(received)
            self.by_id[received.message_id] += 1

    def config_values(self) -> dict[str, Any]:
        return {
            "smtp__host": "127.0.0.1",
            "smtp__port": self.port,
            "smtp__starttls": False,
            "smtp__sender": "kiosk@agence.example.org",
        }

    def stop(self) -> None:
        """Stop listening (a test can do it early: the server is then unreachable)."""
        if self.running:
            self.controller.stop()
            self.running = False

    def __enter__(self) -> FakeSmtp:
        self.controller.start()
        self.running = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class TricklingSmtp:
    """A raw SMTP server that stalls: one byte every `interval` seconds, for ever.

    stage "banner": from the greeting on. Stage "reply": a normal exchange up to the end of
    the message's text (kept in `received`), then the final reply trickles, so the client
    never learns that the message was taken.
    """

    def __init__(self, stage: str = "banner", interval: float = 0.5) -> None:
        self.stage, self.interval = stage, interval
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.received: list[bytes] = []
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []

    def _serve(self) -> None:
        self.listener.settimeout(0.1)
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._session, args=(conn,))
            thread.start()
            self.threads.append(thread)

    def _trickle(self, conn: socket.socket, text: bytes) -> None:
        for byte in text:
            conn.sendall(bytes([byte]))
            if self.stopping.wait(self.interval):
                return
        while not self.stopping.wait(self.interval):
            conn.sendall(b" ")

    def _session(self, conn: socket.socket) -> None:
        with conn:
            try:
                if self.stage == "banner":
                    self._trickle(conn, b"220 slow.example.org ESMTP\r\n")
                    return
                conn.sendall(b"220 slow.example.org ESMTP\r\n")
                reader = conn.makefile("rb")
                while not self.stopping.is_set():
                    line = reader.readline()
                    if not line:
                        return
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        conn.sendall(b"250 slow.example.org\r\n")
                    elif verb == b"DATA":
                        conn.sendall(b"354 go ahead\r\n")
                        text = b""
                        while not text.endswith(b"\r\n.\r\n"):
                            chunk = reader.readline()
                            if not chunk:
                                return
                            text += chunk
                        self.received.append(text)
                        self._trickle(conn, b"250 2.0.0 Ok: queued\r\n")
                        return
                    else:
                        conn.sendall(b"250 ok\r\n")
            except OSError:
                return  # the client hung up: what it should do

    def config_values(self) -> dict[str, Any]:
        return {
            "smtp__host": "127.0.0.1",
            "smtp__port": self.port,
            "smtp__starttls": False,
            "smtp__sender": "kiosk@agence.example.org",
        }

    def __enter__(self) -> TricklingSmtp:
        thread = threading.Thread(target=self._serve, name="TricklingSmtp")
        thread.start()
        self.threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        for thread in list(self.threads):
            thread.join()
        self.listener.close()
