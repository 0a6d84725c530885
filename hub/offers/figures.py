"""France Travail requests per day with and without the offers relay (for `make bench`).

Counted with the kiosk's own paging rules (kiosk.sync.search: 150 offers a request, at most
3,150 reachable per search, larger searches split in halves by creation date, one request
per window) for offers spread evenly over their creation dates; plus one token per pull and
the three reference lists once a week. tests/hub/test_relay.py checks the count against the
requests a real pull made to the fake API.
"""

from __future__ import annotations

import math
from typing import Any

from kiosk.sync.francetravail import PAGE_SIZE
from kiosk.sync.pull import MAX_DEPARTEMENTS_PER_REQUEST
from kiosk.sync.references import REFERENCE_LISTS
from kiosk.sync.search import page_ranges

PAGE_CAP = 3149


def search_requests(total: int, page_cap: int = PAGE_CAP) -> int:
    """Requests one search of `total` offers costs (`fetch_all`)."""
    reachable = page_cap + 1
    if total <= reachable:
        return 1 + len(page_ranges(total, page_cap)) if total else 1

    def window(count: float) -> int:  # its first page, then halves or its pages
        if count <= reachable:
            return 1 + len(page_ranges(math.ceil(count), page_cap))
        return 1 + window(count / 2) + window(count - count / 2)

    return 1 + window(total)  # the first request finds the total too large


def pull_requests(departements: int, offers_per_departement: int) -> int:
    """One pull of `departements` départements, five per search: token + searches."""
    groups = math.ceil(departements / MAX_DEPARTEMENTS_PER_REQUEST)
    full, rest = divmod(departements, MAX_DEPARTEMENTS_PER_REQUEST)
    sizes = [MAX_DEPARTEMENTS_PER_REQUEST] * full + ([rest] if rest else [])
    assert len(sizes) == groups
    return 1 + sum(search_requests(n * offers_per_departement) for n in sizes)


def requests_per_day(
    kiosks: int,
    departements: int,
    *,
    offers_per_departement: int = 3000,
    kiosk_pulls_per_day: float = 24.0,
    hub_pulls_per_day: float = 24.0,
    departements_per_kiosk: int = 1,
) -> dict[str, Any]:
    """France Travail requests a day for `kiosks` kiosks spread over `departements`.

    Without the relay every kiosk pulls its own département(s) every `sync.interval_minutes`
    (default hourly); with it the hub pulls each département once per `HUB_OFFERS_INTERVAL`
    and kiosks ask the hub only. Reference lists: 3 requests a week per puller.
    """
    references = len(REFERENCE_LISTS) / 7.0
    per_kiosk = pull_requests(departements_per_kiosk, offers_per_departement)
    without = kiosks * (kiosk_pulls_per_day * per_kiosk + references)
    per_hub = pull_requests(departements, offers_per_departement)
    with_relay = hub_pulls_per_day * per_hub + references
    return {
        "kiosks": kiosks,
        "departements": departements,
        "offers_per_departement": offers_per_departement,
        "requests_per_kiosk_pull": per_kiosk,
        "requests_per_hub_pull": per_hub,
        "without_relay": round(without),
        "with_relay": round(with_relay),
        "ratio": round(without / with_relay, 1) if with_relay else None,
        "page_size": PAGE_SIZE,
    }
