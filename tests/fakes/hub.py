"""A fake agency hub speaking docs/hub-protocol.md, deduplicating by idempotency key."""

from __future__ import annotations

import json
import random
import threading
from collections import Counter, deque
from typing import Any

from tests.fakes.http import STREAMING_FAULTS, LocalServer, QuietHandler, stream_fault

# Faults, one per request, in order: "500", "drop_before" (nothing kept, no answer),
# "drop_after_accept" (kept, no answer), "half" (acknowledges only half of the batch).
# Scripted only (never chosen at random by `flaky`): the STREAMING_FAULTS of tests.fakes.http
# ("trickle", "endless", "huge_length", "nested"), answered before anything is kept.
FAULTS = ("500", "drop_before", "drop_after_accept", "half")


class _Handler(QuietHandler):
    def do_POST(self) -> None:
        hub: FakeHub = self.server.owner  # type: ignore[attr-defined]
        raw = self.body()
        if self.path != "/api/v1/events":
            self.answer(404)
            return
        if self.headers.get("Authorization") != f"Bearer {hub.token}":
            self.answer(401, b'{"error": "unauthorized"}')
            return
        try:
            batch = json.loads(raw)
            events = batch["events"]
            assert batch["kiosk_id"] == hub.kiosk_id
        except (ValueError, KeyError, TypeError, AssertionError):
            self.answer(400, b'{"error": "bad batch"}')
            return
        fault = hub.next_fault()
        if fault == "500":
            self.answer(500, b"oops")
            return
        if fault == "drop_before":
            self.drop()
            return
        if fault in STREAMING_FAULTS:
            hub.streamed += stream_fault(self, fault, hub.stopping, interval=hub.interval)
            return
        keys = [e["key"] for e in events]
        if fault == "half":
            events = events[: len(events) // 2]
        accepted, rejected = hub.accept(events)
        if fault == "drop_after_accept":
            self.drop()
            return
        body = {"accepted": accepted, "rejected": rejected}
        assert set(accepted) <= set(keys)
        self.answer(200, json.dumps(body).encode(), {"Content-Type": "application/json"})


class FakeHub(LocalServer):
    handler = _Handler

    def __init__(self, token: str = "hub-secret", kiosk_id: str = "kiosk-7") -> None:
        super().__init__()
        self.token, self.kiosk_id = token, kiosk_id
        self.events: dict[str, dict[str, Any]] = {}  # by key: what the hub keeps (one each)
        self.received: Counter[str] = Counter()  # how often each key arrived (duplicates)
        self.faults: deque[str] = deque()
        self.flaky: tuple[random.Random, float] | None = None
        self.requests = 0
        self.lock = threading.Lock()
        self.interval = 0.5  # seconds between two bytes of a "trickle"
        self.stopping = threading.Event()  # streaming faults end when the server stops
        self.streamed = 0

    def before_stop(self) -> None:
        self.stopping.set()

    def next_fault(self) -> str | None:
        with self.lock:
            self.requests += 1
            if self.faults:
                return self.faults.popleft()
            if self.flaky is not None:
                rng, rate = self.flaky
                if rng.random() < rate:
                    return rng.choice(FAULTS)
            return None

    def accept(self, events: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, str]]]:
        accepted, rejected = [], []
        with self.lock:
            for event in events:
                key = event["key"]
                if event.get("type") == "bogus":
                    rejected.append({"key": key, "reason": "unknown event type"})
                    continue
                self.received[key] += 1
                self.events.setdefault(key, event)  # a key seen before is acknowledged again
                accepted.append(key)
        return accepted, rejected

    def config_values(self) -> dict[str, str]:
        return {"hub__url": self.base_url, "hub__kiosk_id": self.kiosk_id, "hub__token": self.token}
