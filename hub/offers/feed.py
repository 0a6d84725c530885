"""`GET /api/v1/offers`: the offers that changed since a kiosk's last version (hub-protocol.md).

Ordered by version, a page at a time; the offer's stored JSON text goes out as it is (no
parse and re-dump per offer), gzip-compressed when the kiosk accepts it (offers compress
about tenfold). Version 0, or a version older than the purged tombstones, gets a full
snapshot (`full: true`, no tombstones on its first page): the kiosk then keeps only what it
is sent.
"""

from __future__ import annotations

import gzip
import json
import os
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse

from hub.core.api import ApiError, _kiosk, api
from hub.offers import pull
from hub.offers.models import OfferFeed

DEFAULT_PAGE = 1000
MAX_PAGE = 5000
# Uncompressed bytes per answer, well under the kiosk's cap: a page stops early past this.
PAGE_BYTES = 8 * 1024 * 1024
MAX_DEPARTEMENTS = 20


def page_size() -> int:
    return max(1, min(MAX_PAGE, int(os.environ.get("HUB_OFFERS_PAGE", str(DEFAULT_PAGE)))))


def _departements(text: str) -> list[str]:
    codes = sorted({c for c in text.replace(" ", ",").split(",") if c})
    if len(codes) > MAX_DEPARTEMENTS or not all(pull.DEPARTEMENT.fullmatch(c) for c in codes):
        raise ApiError(
            400, "malformed", f"departements: up to {MAX_DEPARTEMENTS} codes such as 69,01,2A"
        )
    return codes


def _version(text: str | None) -> int:
    if text is None or text == "":
        return 0
    if not text.isdigit() or len(text) > 18:
        raise ApiError(400, "malformed", "since must be a version number (0: everything)")
    return int(text)


@api
def changes(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        raise ApiError(405, "method", "use GET")
    kiosk = _kiosk(request)
    since = _version(request.GET.get("since"))
    codes = _departements(request.GET.get("departements", "") or kiosk.departement)
    limit = page_size()
    feed = OfferFeed.objects.filter(id=1).first() or OfferFeed(id=1)
    if pull.api_settings() is None and not feed.areas:
        raise ApiError(404, "no_relay", "this hub does not pull France Travail offers")
    relayed = pull.configured_departements()
    if relayed is None:
        relayed = sorted(set(feed.areas) | set(feed.wanted))
        missing = [c for c in codes if c not in feed.wanted]
        if missing and pull.api_settings() is not None:
            pull.want(missing)  # pulled from the hub's next pass, brought forward
            relayed = sorted({*relayed, *missing})
    full = since == 0 or since < feed.purged_version
    after = 0 if full else since
    where = ["version > %s"]
    params: list[Any] = [after]
    if codes:
        where.append("departement = ANY(%s)")
        params.append(codes)
    if after == 0:
        where.append("NOT removed")  # nothing to remove from an empty start
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, version, removed, raw FROM hub_offers_offer "
            f"WHERE {' AND '.join(where)} ORDER BY version LIMIT %s",
            [*params, limit + 1],
        )
        rows = cursor.fetchall()
        cursor.execute("SELECT coalesce(max(version), 0) FROM hub_offers_offer")
        latest = int(cursor.fetchone()[0])
    more = len(rows) > limit
    parts: list[str] = []
    size = 0
    cursor_version = after
    for offer_id, version, removed, raw in rows[:limit]:
        text = (
            f'{{"id":{json.dumps(offer_id)},"version":{version},'
            f'"removed":{"true" if removed else "false"},"offer":{raw if raw else "null"}}}'
        )
        if parts and size + len(text) > PAGE_BYTES:
            more = True
            break
        parts.append(text)
        size += len(text)
        cursor_version = version
    references = {}
    known = request.GET.get("references_since", "")
    for name, entry in feed.reference_lists.items():
        if entry.get("updated_at", "") > known:
            references[name] = entry
    head = {
        "version": cursor_version,
        "latest": latest,
        "more": more,
        "full": full,
        "departements": codes,
        "relayed": relayed,
        # département -> last complete refresh at the hub (null: not yet): the kiosk's freshness.
        "areas": {c: feed.areas.get(c) for c in codes} if codes else dict(feed.areas),
        "pull": {
            "ok": feed.last_ok,
            "finished_at": feed.last_finished_at.isoformat() if feed.last_finished_at else None,
            "error": feed.last_report.get("error"),
        },
        "references": references,
    }
    body = json.dumps(head, ensure_ascii=False)[:-1] + ',"offers":[' + ",".join(parts) + "]}"
    data = body.encode("utf-8")
    response = HttpResponse(content_type="application/json")
    if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        data = gzip.compress(data, compresslevel=5)
        response["Content-Encoding"] = "gzip"
    response["Vary"] = "Accept-Encoding"
    response.content = data
    response["Content-Length"] = str(len(data))
    return response
