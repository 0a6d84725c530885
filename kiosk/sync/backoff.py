"""Waiting politely: exponential backoff with jitter, a client-side rate limit, cancellation.

Clocks, sleeps and randomness are injected so that tests run in milliseconds and the
scheduler can stop a sync that is waiting (its sleep returns early and raises `Cancelled`).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

Sleep = Callable[[float], None]
Clock = Callable[[], float]


class Cancelled(Exception):
    """The sync was asked to stop while it waited; nothing half-done is applied."""


@dataclass(frozen=True)
class Backoff:
    """Delay before retry number `attempt` (1-based): base * 2^(attempt-1), capped, jittered.

    "Equal jitter": half the delay is fixed, half random, so kiosks that lost the network at
    the same moment do not all come back at the same second, yet none retries at once.
    """

    base: float = 1.0
    cap: float = 60.0

    def delay(self, attempt: int, rng: Callable[[], float] = random.random) -> float:
        ceiling = min(self.cap, self.base * 2 ** max(0, attempt - 1))
        return ceiling / 2 + rng() * ceiling / 2


DEFAULT_BACKOFF = Backoff()


def interruptible_sleep(stop: threading.Event) -> Sleep:
    """A sleep that wakes when `stop` is set and then raises `Cancelled`."""

    def sleep(seconds: float) -> None:
        if stop.wait(max(0.0, seconds)):
            raise Cancelled("sync stopped")

    return sleep


class RateLimiter:
    """At most `per_second` calls per second, spaced evenly (no bursts the API would punish)."""

    def __init__(self, per_second: float, clock: Clock = time.monotonic, sleep: Sleep = time.sleep):
        self.interval = 1.0 / per_second
        self.clock, self.sleep = clock, sleep
        self._next = float("-inf")
        self.waited = 0.0  # seconds spent waiting for the limit: the bench reports it

    def wait(self) -> None:
        now = self.clock()
        if now < self._next:
            pause = self._next - now
            self.waited += pause
            self.sleep(pause)
            now = self._next
        self._next = now + self.interval

    def push_back(self, seconds: float) -> None:
        """The server said to wait (Retry-After): no call before that."""
        self._next = max(self._next, self.clock() + seconds)
