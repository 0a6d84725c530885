"""Sync: pulling 30,000 offers from a local fake API, and outbox throughput.

The goal is that a pull is limited by the API's rate limit, not by the kiosk: the figure
that matters is the kiosk-side share of the run (everything but waiting for the rate limit
and for HTTP answers). The fake API runs in this process, on 127.0.0.1.
"""

from __future__ import annotations

import base64
import random
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

OFFERS = 30_000
DEPARTEMENTS = ["69", "01", "38", "42", "73"]


def _pull(api: Any, rps: int, *, trace: bool = False, data: Path | None = None) -> dict[str, Any]:
    from kiosk.sync.run import sync_once
    from tests.fakes.kit import settings

    data = data or Path(tempfile.mkdtemp(prefix="kiosk-bench-sync-"))
    config = settings(
        data, **api.config_values(DEPARTEMENTS), francetravail__requests_per_second=rps
    )
    if trace:
        tracemalloc.start()
    began = time.perf_counter()
    result = sync_once(config, data)
    wall = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    assert result.pull is not None and result.pull.complete, result.reason
    p = result.pull
    kiosk_side = p.seconds - p.seconds_waiting - p.seconds_in_http
    return {
        "requests_per_second_limit": rps,
        "offers": p.received,
        "requests": p.requests,
        "megabytes": round(p.bytes / 1e6, 1),
        "wall_s": round(wall, 2),
        "offers_per_s": round(p.received / wall),
        "waiting_for_rate_limit_s": round(p.seconds_waiting, 2),
        "in_http_s": round(p.seconds_in_http, 2),
        "kiosk_side_s": round(kiosk_side, 2),
        "of_which_apply_transaction_s": round(p.seconds_applying, 2),
        "added_updated_removed": [p.added, p.updated, p.removed],
        # All the kiosk's own time (parsing and staging between requests included, though
        # most of it fits inside the rate limit's pauses) ...
        "kiosk_side_share": round(kiosk_side / p.seconds, 3),
        # ... and the time the run lasted beyond what the rate limit alone imposes.
        "beyond_rate_limit_floor_share": round(max(0.0, wall - p.requests / rps) / wall, 3),
        **({"peak_traced_memory_mb": round(peak / 1e6, 1)} if trace else {}),
    }


def _outbox(items: int = 1000, emails: int = 200) -> dict[str, Any]:
    from kiosk.storage import open_database
    from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
    from kiosk.sync.deliver import deliver
    from kiosk.sync.hub import HubClient, HubSettings
    from kiosk.sync.mail import Mailer, SmtpSettings
    from kiosk.sync.outbox import enqueue
    from tests.fakes.hub import FakeHub
    from tests.fakes.smtp import FakeSmtp

    data = Path(tempfile.mkdtemp(prefix="kiosk-bench-outbox-"))
    db = open_database(data / "kiosk.db", KIOSK_SCHEMA).db
    pdf = base64.b64encode(random.Random(1).randbytes(60_000)).decode()  # a CV-sized PDF
    figures: dict[str, Any] = {}
    with FakeHub() as hub, FakeSmtp() as smtp:
        began = time.perf_counter()
        for n in range(items):
            enqueue(db, "hub_event", {"type": "counters", "data": {"n": n}})
        for n in range(emails):
            enqueue(db, "email", {"to": f"bench{n}@example.org", "subject": "CV", "body": "x",
                                  "attachments": [{"filename": "cv.pdf",
                                                   "content_type": "application/pdf",
                                                   "data_b64": pdf}]})  # fmt: skip
        figures["enqueue_per_s"] = round((items + emails) / (time.perf_counter() - began))
        client = HubClient(HubSettings(hub.base_url, hub.kiosk_id, hub.token))
        began = time.perf_counter()
        report = deliver(db, mailer=None, hub=client, max_attempts=10)
        figures["hub_events_per_s"] = round(report.delivered / (time.perf_counter() - began))
        client.close()
        mailer = Mailer(SmtpSettings("127.0.0.1", smtp.port, starttls=False, sender="k@e.org"))
        began = time.perf_counter()
        report = deliver(db, mailer=mailer, hub=None, max_attempts=10)
        figures["emails_60kB_per_s"] = round(report.delivered / (time.perf_counter() - began))
        assert len(hub.events) == items and len(smtp.messages) == emails
    db.conn.close()
    return figures


def run() -> dict[str, object]:
    from tests.fakes.francetravail import FakeFranceTravail
    from tests.fakes.offers import make_offers

    offers = make_offers(OFFERS, DEPARTEMENTS, seed=30)
    with FakeFranceTravail(offers) as api:
        data = Path(tempfile.mkdtemp(prefix="kiosk-bench-sync-"))
        first = _pull(api, 10, data=data)
        # A day later: 3 % expired, 5 % updated, 3 % new.
        churn = random.Random(31)
        kept = [o for o in offers if churn.random() >= 0.03]
        kept = [{**o, "intitule": o["intitule"] + " (H/F)"} if churn.random() < 0.05 else o
                for o in kept]  # fmt: skip
        api.set_offers(kept + make_offers(900, DEPARTEMENTS, seed=32, prefix="NEW", days=1))
        daily = _pull(api, 10, data=data)
        api.set_offers(offers)
        default = _pull(api, 3)
        memory = _pull(api, 10, trace=True)
    return {
        "first_pull_30000_at_10_rps": first,
        "daily_refresh_30000_at_10_rps": daily,
        "first_pull_30000_at_3_rps_default": default,
        "pull_peak_traced_memory_mb": memory["peak_traced_memory_mb"],
        "outbox": _outbox(),
        "goal": "kiosk-side share of a pull under 0.10",
    }
