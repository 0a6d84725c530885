"""Fetching every offer of a search, within the API's range limits.

A search reaches at most `page_cap + 1` results by paging. A larger one is split into
creation-date windows (halving) until each fits. Each window is checked: every page's
Content-Range must agree with its body and the window must yield as many distinct offers
as it announced. Anything else makes the fetch *incomplete*: the offers still land, but
nothing is removed on the strength of it (an incomplete list proves no offer expired).

Splitting is bounded: the two halves of a window cannot announce more offers than the window
itself (a server announcing a total that never fits is caught at the first split), and at
most `settings.max_windows` windows are asked per search. Past either, the search stops,
incomplete, instead of halving down to one-second windows for ever.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.sync.francetravail import PAGE_SIZE, FranceTravailClient, Page

log = logging.getLogger(__name__)

# Earlier than any live offer: the first window when a search must be split by date.
EPOCH = datetime(2000, 1, 1)
Sink = Callable[[list[Any]], None]
Query = dict[str, str]


@dataclass
class Fetched:
    complete: bool = True
    windows: int = 0
    reasons: tuple[str, ...] = ()

    def incomplete(self, reason: str) -> None:
        self.complete = False
        self.reasons = (*self.reasons, reason)
        log.warning("search incomplete: %s", reason)


def api_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ids(offers: list[Any]) -> set[str]:
    """Distinct ids, so an offer seen twice (pages shifted under us) is counted once; an item
    with no id (junk the API should not send) counts as itself."""
    found: set[str] = set()
    for n, offer in enumerate(offers):
        if isinstance(offer, dict) and offer.get("id") is not None:
            found.add(str(offer["id"]))
        else:
            found.add(f"\0junk{id(offers)}-{n}")
    return found


def page_ranges(total: int, page_cap: int) -> list[tuple[int, int]]:
    """The ranges after the first page; the last one may overlap so `first` stays allowed."""
    ranges, first = [], PAGE_SIZE
    highest_first = max(0, page_cap - PAGE_SIZE + 1)
    while first < total:
        start = min(first, highest_first)
        ranges.append((start, min(start + PAGE_SIZE - 1, total - 1)))
        first += PAGE_SIZE
    return ranges


def fetch_all(client: FranceTravailClient, params: Mapping[str, str], sink: Sink) -> Fetched:
    """Every offer matching `params`, handed to `sink` page by page."""
    result = Fetched()
    reachable = client.settings.page_cap + 1
    first = client.search_page(params, 0, PAGE_SIZE - 1)
    if first.status == 204:
        return result
    if first.total is not None and first.total > reachable:
        # The server's clock, not ours: a kiosk whose clock is behind would miss new offers.
        now = (first.server_time or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
        _windows(client, params, EPOCH, now.replace(microsecond=0), sink, result)
        return result
    _page_through(client, params, first.offers, first.total, first.consistent, sink, result)
    return result


class _TooManyWindows(Exception):
    pass


def _windows(
    client: FranceTravailClient,
    params: Mapping[str, str],
    low: datetime,
    high: datetime,
    sink: Sink,
    result: Fetched,
) -> None:
    reachable = client.settings.page_cap + 1

    def first_page(low: datetime, high: datetime) -> tuple[datetime, datetime, Query, Page]:
        if result.windows >= client.settings.max_windows:
            raise _TooManyWindows
        query = {**params, "minCreationDate": api_date(low), "maxCreationDate": api_date(high)}
        result.windows += 1
        return low, high, query, client.search_page(query, 0, PAGE_SIZE - 1)

    try:
        stack = [first_page(low, high)]
        while stack:
            low, high, query, page = stack.pop()
            if page.status == 204:
                continue
            if page.total is not None and page.total > reachable:
                if high - low >= timedelta(seconds=2):
                    middle = (low + (high - low) / 2).replace(microsecond=0)
                    older = first_page(low, middle)
                    newer = first_page(middle + timedelta(seconds=1), high)
                    halves = _announced(older[3]) + _announced(newer[3])
                    if halves > page.total:
                        result.incomplete(
                            f"date windows announce {halves} offers for {page.total}: "
                            "totals not to be trusted"
                        )
                        return
                    # Newer half last, so it is fetched first (the stack pops it).
                    stack.append(older)
                    stack.append(newer)
                    continue
                result.incomplete(f"more than {reachable} offers created within one second")
            _page_through(client, query, page.offers, page.total, page.consistent, sink, result)
    except _TooManyWindows:
        result.incomplete(f"more than {client.settings.max_windows} date windows needed")


def _announced(page: Page) -> int:
    return 0 if page.status == 204 or page.total is None else page.total


def _page_through(
    client: FranceTravailClient,
    query: Mapping[str, str],
    offers: list[Any],
    total: int | None,
    consistent: bool,
    sink: Sink,
    result: Fetched,
) -> None:
    sink(offers)
    seen = _ids(offers)
    if total is None or not consistent:
        result.incomplete("Content-Range missing or disagreeing with the results")
        return
    reachable = min(total, client.settings.page_cap + 1)
    for first, last in page_ranges(reachable, client.settings.page_cap):
        page = client.search_page(query, first, last)
        sink(page.offers)
        seen |= _ids(page.offers)
        if page.status == 204 or page.total != total or not page.consistent:
            result.incomplete(
                f"page {first}-{last}: status {page.status}, total {page.total} (was {total})"
            )
            return
    if len(seen) < reachable:
        result.incomplete(f"{len(seen)} distinct offers for {total} announced")
