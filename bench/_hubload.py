"""Simulated kiosks against real hub processes, for the hub's scale-out test and benchmark.

Each simulated kiosk speaks the protocol through the kiosk's own client (kiosk.sync.hub
HubClient, the batch it sends in production) and keeps an in-memory outbox with the real
rule: an event leaves only when the hub lists its key in `accepted`; anything else (an error,
a timeout, a hub killed mid-request) keeps it for the next try. Hubs are `hub serve`
processes (gunicorn); the balancer is Debian's haproxy, all on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"

# A Django script run once: registers kiosks and gives each a token, as `hub add-kiosk` and
# `kiosk enrol` would, in one process instead of two per kiosk.
_MAKE_FLEET = """
import json, secrets, sys
from hub.cli import setup
setup()
from hub.core.models import Kiosk, KioskToken
from hub.core.tokens import TOKEN_PREFIX, digest
prefix, count = sys.argv[1], int(sys.argv[2])
out = []
kiosks = [
    Kiosk(id=f"{prefix}-{n}", name=f"{prefix} {n}", place=f"Hall {n % 7}") for n in range(count)
]
Kiosk.objects.bulk_create(kiosks)
tokens = []
for k in kiosks:
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    tokens.append(KioskToken(kiosk=k, digest=digest(token), prefix=token[:10]))
    out.append([k.id, token])
KioskToken.objects.bulk_create(tokens)
print(json.dumps(out))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_fleet(env: dict[str, str], count: int, prefix: str = "sim") -> list[tuple[str, str]]:
    done = subprocess.run(
        [sys.executable, "-c", _MAKE_FLEET, prefix, str(count)],
        env={**env, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "hub.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"could not register simulated kiosks: {done.stderr[-2000:]}")
    return [(str(k), str(t)) for k, t in json.loads(done.stdout)]


def wait_healthy(
    url: str, seconds: float = 30.0, process: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if requests.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer /healthz")
        time.sleep(0.1)


@dataclass
class HubProcess:
    """One `hub serve` (gunicorn) on its own port."""

    env: dict[str, str]
    workers: int = 1
    threads: int = 4
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HubProcess:
        self.port = self.port or free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hub",
                "serve",
                "--no-relay",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
            ],
            env={**self.env, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_healthy(self.url, process=self.process)
        return self

    def kill(self) -> None:
        """SIGKILL to the whole process group: the machine lost its power, nothing is tidy."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def cpu_seconds(self) -> float:
        return tree_cpu_seconds(self.process.pid) if self.process else 0.0


HAPROXY_CONFIG = """
global
    maxconn 4000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A busy hub answers its health check slowly, not never: only a dead one is taken out.
    timeout check 3s
    # A server refusing the connection (killed): try another, never a request it received.
    retries 3
    option redispatch
    option http-server-close
frontend hub
    bind 127.0.0.1:{port}
    default_backend hubs
backend hubs
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
{servers}
"""


@dataclass
class Balancer:
    """Debian's haproxy in the foreground, health-checking the hubs every 300 ms."""

    backends: list[int]
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="hub-lb-")))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Balancer:
        if not Path(HAPROXY).exists():
            raise RuntimeError("haproxy is not installed: sudo apt-get install haproxy")
        self.port = self.port or free_port()
        servers = "\n".join(
            f"    server hub{n} 127.0.0.1:{p} check inter 300ms fall 3 rise 2"
            for n, p in enumerate(self.backends)
        )
        config = self.folder / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(port=self.port, servers=servers))
        self.process = subprocess.Popen(
            [HAPROXY, "-f", str(config), "-db"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_healthy(self.url, process=self.process)
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(10)
        shutil.rmtree(self.folder, ignore_errors=True)


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its descendants (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = text.rsplit(")", 1)[1].split()
        parents[int(entry)] = int(fields[1])
        # Its own time and that of children it has reaped (PostgreSQL backends come and go;
        # once gone from the tree their time is in the postmaster's cutime/cstime).
        cpu[int(entry)] = sum(int(f) for f in fields[11:15])
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += cpu.get(current, 0)
        todo.extend(child for child, parent in parents.items() if parent == current)
    return total / ticks


# --- the simulated kiosks ---------------------------------------------------------------


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class SimKiosk:
    kiosk_id: str
    token: str
    outbox: dict[str, Any] = field(default_factory=dict)  # key -> DueItem, until accepted
    sent_keys: set[str] = field(default_factory=set)
    acknowledged: set[str] = field(default_factory=set)
    counter: int = 0

    def queue(self, kind: str, data: dict[str, Any]) -> None:
        from kiosk.sync.outbox import DueItem

        key = uuid.uuid4().hex
        self.outbox[key] = DueItem(key, "hub_event", _stamp(), 0, {"type": kind, "data": data})
        self.sent_keys.add(key)


@dataclass
class LoadResult:
    requests: int = 0
    failures: int = 0
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    events_sent: int = 0
    events_acknowledged: int = 0
    offers_requests: int = 0
    errors: dict[str, int] = field(default_factory=dict)  # why requests failed, counted
    offers_failures: int = 0
    offers_latencies: list[float] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        def pct(values: list[float], p: float) -> float | None:
            ordered = sorted(values)
            if not ordered:
                return None
            return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

        answered = len(self.latencies) + len(self.offers_latencies)
        figures: dict[str, Any] = {
            "event_requests": self.requests,
            "event_requests_failed": self.failures,
            "seconds": round(self.seconds, 2),
            # Requests answered (events and offers) per second of the whole run.
            "requests_per_second": round(answered / self.seconds, 1) if self.seconds else None,
            "latency_p50_ms": pct(self.latencies, 0.50),
            "latency_p99_ms": pct(self.latencies, 0.99),
            "events_sent": self.events_sent,
            "events_acknowledged": self.events_acknowledged,
            "errors": dict(sorted(self.errors.items(), key=lambda e: -e[1])[:5]),
        }
        if self.offers_requests:
            figures.update(
                offers_requests=self.offers_requests,
                offers_requests_failed=self.offers_failures,
                offers_latency_p50_ms=pct(self.offers_latencies, 0.50),
                offers_latency_p99_ms=pct(self.offers_latencies, 0.99),
            )
        return figures


class Driver:
    """Sends each kiosk's outbox to `url` with the kiosk's real client, `threads` at a time."""

    def __init__(self, url: str, fleet: list[tuple[str, str]], threads: int = 16) -> None:
        from kiosk.sync.hub import HubClient, HubSettings

        self.kiosks = [SimKiosk(k, t) for k, t in fleet]
        self.url = url
        self.fetch_offers = False  # the hub serves the offers relay: fetch changes each minute
        self.offers_versions: dict[str, str] = {}
        self.threads = threads
        self.lock = threading.Lock()
        self.result = LoadResult()
        # One client (one keep-alive connection pool) per kiosk, as each kiosk has its own.
        self.clients = {
            k.kiosk_id: HubClient(
                HubSettings(url, k.kiosk_id, k.token, timeout=(2.0, 20.0), deadline=30.0)
            )
            for k in self.kiosks
        }

    def close(self) -> None:
        for client in self.clients.values():
            client.close()

    def deliver(self, kiosk: SimKiosk, batch: int = 10) -> bool:
        """One delivery pass for one kiosk: its oldest `batch` items. True if all went."""
        from kiosk.sync.hub import HubError

        items = list(kiosk.outbox.values())[:batch]
        if not items:
            return True
        began = time.perf_counter()
        try:
            answer = self.clients[kiosk.kiosk_id].send(items)
        except HubError as exc:
            with self.lock:
                self.result.requests += 1
                self.result.failures += 1
                self.result.errors[str(exc)] = self.result.errors.get(str(exc), 0) + 1
            return False
        took = time.perf_counter() - began
        for key in answer.accepted:
            kiosk.outbox.pop(key, None)
            kiosk.acknowledged.add(key)
        with self.lock:
            self.result.requests += 1
            self.result.latencies.append(took)
        return not answer.rejected and len(answer.accepted) == len(items)

    def offers(self, kiosk: SimKiosk) -> None:
        """What changed since this kiosk's last version (one page, gzip on the wire)."""
        session = self.clients[kiosk.kiosk_id].session
        began = time.perf_counter()
        try:
            answer = session.get(
                f"{self.url}/api/v1/offers",
                params={
                    "since": self.offers_versions.get(kiosk.kiosk_id, "0"),
                    "departements": "69",
                    "references_since": "",
                },
                headers={"Authorization": f"Bearer {kiosk.token}", "Accept-Encoding": "gzip"},
                timeout=(2.0, 20.0),
            )
            ok = answer.status_code == 200
            if not ok:
                with self.lock:
                    why = f"offers: HTTP {answer.status_code}"
                    self.result.errors[why] = self.result.errors.get(why, 0) + 1
            if ok:
                version = answer.json().get("version")
                if version is not None:
                    self.offers_versions[kiosk.kiosk_id] = str(version)
        except (requests.RequestException, ValueError, AttributeError):
            ok = False
        took = time.perf_counter() - began
        with self.lock:
            self.result.offers_requests += 1
            if ok:
                self.result.offers_latencies.append(took)
            else:
                self.result.offers_failures += 1

    def minute(self, kiosk: SimKiosk, events: int) -> None:
        """A kiosk's minute: its state (heartbeat, the day's counters), then its events."""
        kiosk.counter += events
        kiosk.queue(
            "heartbeat", {"version": "0.1.0", "outbox_pending": len(kiosk.outbox), "offers": 500}
        )
        kiosk.queue(
            "counters",
            {"day": datetime.now(UTC).date().isoformat(), "counters": {"sessions": kiosk.counter}},
        )
        self.deliver(kiosk)
        if self.fetch_offers:
            self.offers(kiosk)
        for n in range(events):
            kiosk.queue("help_request" if n % 3 == 0 else "help_cancelled", {"screen": "bench"})
        self.deliver(kiosk)

    def run(
        self,
        minutes: int,
        events: int,
        *,
        progress: Callable[[int], None] | None = None,
        deadline: float = 300.0,
    ) -> LoadResult:
        """`minutes` compressed minutes for every kiosk, then retries until every outbox is
        empty (or the deadline)."""
        began = time.perf_counter()
        done = [0]

        def one(kiosk: SimKiosk) -> None:
            for _ in range(minutes):
                self.minute(kiosk, events)
                with self.lock:
                    done[0] += 1
                    count = done[0]
                if progress is not None:
                    progress(count)

        with ThreadPoolExecutor(self.threads) as pool:
            list(pool.map(one, self.kiosks))
            # Whatever failed is retried, as the kiosk's delivery worker does (quicker here).
            while any(k.outbox for k in self.kiosks) and time.perf_counter() - began < deadline:
                time.sleep(0.05)
                list(pool.map(self.deliver, [k for k in self.kiosks if k.outbox]))
        self.result.seconds = time.perf_counter() - began
        self.result.events_sent = sum(len(k.sent_keys) for k in self.kiosks)
        self.result.events_acknowledged = sum(len(k.acknowledged) for k in self.kiosks)
        return self.result

    def keys(self) -> Iterator[tuple[str, str]]:
        for kiosk in self.kiosks:
            for key in kiosk.sent_keys:
                yield kiosk.kiosk_id, key
