"""Bounded HTTP (kiosk/sync/http.py): what a hostile answer costs, and what the bounds cost.

An endless body and a 2 GB Content-Length against the default cap (16 MiB), and the price of
the deadline's watchdog on an ordinary request (a local server, so the overhead shows).
"""

from __future__ import annotations

import time
import tracemalloc
from typing import Any

REQUESTS = 300


def _fault(kind: str) -> dict[str, Any]:
    from kiosk.sync.http import LimitExceeded, Limits, bounded_request, bounded_session
    from tests.fakes.francetravail import FakeFranceTravail, Fault
    from tests.fakes.offers import make_offers

    with FakeFranceTravail(make_offers(1)) as api:
        api.inject(Fault(kind))
        token = api.issue_token()
        session = bounded_session()
        tracemalloc.start()
        began = time.perf_counter()
        try:
            bounded_request(
                session,
                "GET",
                f"{api.base_url}/partenaire/offresdemploi/v2/offres/search",
                Limits(),
                params={"departement": "69"},
                headers={"Authorization": f"Bearer {token}"},
            )
            outcome = "accepted"
        except LimitExceeded as exc:
            outcome = type(exc).__name__
        seconds = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        session.close()
    return {
        "outcome": outcome,
        "seconds": round(seconds, 3),
        "peak_traced_memory_mb": round(peak / 1e6, 1),
        "requests": api.calls.get("search", 0),
    }


def _overhead() -> dict[str, Any]:
    import requests

    from kiosk.sync.http import Limits, bounded_request, bounded_session
    from tests.fakes.francetravail import FakeFranceTravail
    from tests.fakes.offers import make_offers

    with FakeFranceTravail(make_offers(150)) as api:
        token = api.issue_token()
        url = f"{api.base_url}/partenaire/offresdemploi/v2/offres/search"
        headers = {"Authorization": f"Bearer {token}"}
        params = {"departement": "69"}
        plain, bounded = requests.Session(), bounded_session()
        figures: dict[str, Any] = {}
        for name, call in (
            ("plain_requests_ms", lambda: plain.get(url, params=params, headers=headers).content),
            (
                "bounded_request_ms",
                lambda: (
                    bounded_request(
                        bounded, "GET", url, Limits(), params=params, headers=headers
                    ).content
                ),
            ),
        ):
            call()
            began = time.perf_counter()
            for _ in range(REQUESTS):
                call()
            figures[name] = round((time.perf_counter() - began) / REQUESTS * 1000, 3)
        plain.close()
        bounded.close()
    figures["page"] = "150 offers, about 0.2 MB, from 127.0.0.1"
    return figures


def run() -> dict[str, object]:
    return {
        "endless_body": _fault("endless"),
        "content_length_2GB": _fault("huge_length"),
        "per_request": _overhead(),
    }
