"""Receiving a batch of events (docs/hub-protocol.md): validate, store once, apply, answer.

One transaction per batch: the events are inserted with ON CONFLICT DO NOTHING RETURNING,
so only keys seen for the first time are applied to the projections (help requests,
counters, heartbeats), and the answer lists every valid key only after COMMIT. A batch cut
by a PostgreSQL restart rolls back whole and its keys are in neither list: the kiosk sends it
again and nothing is lost or doubled.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from hub.core.models import DailyCounter, Heartbeat, HelpRequest, Kiosk

MAX_BATCH = 100
MAX_DATA_BYTES = 16 * 1024
TYPES = ("help_request", "help_cancelled", "counters", "heartbeat")
_KEY = re.compile(r"[0-9a-f]{32}")
_COUNTER = re.compile(r"[a-z][a-z0-9_]{0,39}")


class BatchError(Exception):
    """The batch as a whole is refused (HTTP 4xx): the kiosk keeps and retries all of it."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Valid:
    key: str
    type: str
    created_at: dt.datetime
    data: dict[str, Any]
    text: str  # data as JSON for PostgreSQL


@dataclass
class Answer:
    accepted: list[str] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    stored: int = 0  # new this time (not in the answer; for logs and tests)


def parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment


def _json_text(data: Any) -> str | None:
    """Text PostgreSQL's jsonb accepts: valid UTF-8 (no lone surrogate) and no NUL."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")
    except (ValueError, UnicodeEncodeError, RecursionError):
        return None
    return None if "\\u0000" in text or "\x00" in text else text


def _check(event: Any) -> Valid | tuple[str, str]:
    if not isinstance(event, dict):
        return "", "an event must be an object"
    key = event.get("key")
    shown = key[:64] if isinstance(key, str) else ""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        return shown, "key must be 32 lower-case hex digits"
    kind = event.get("type")
    if kind not in TYPES:
        return key, "unknown event type"
    created = parse_time(event.get("created_at"))
    if created is None:
        return key, "created_at must be an ISO 8601 time with its time zone"
    data = event.get("data", {})
    if not isinstance(data, dict):
        return key, "data must be an object"
    text = _json_text(data)
    if text is None:
        return key, "data holds characters that cannot be stored"
    if len(text.encode()) > MAX_DATA_BYTES:
        return key, f"data is over {MAX_DATA_BYTES} bytes"
    return Valid(key, str(kind), created, data, text)


def receive(kiosk: Kiosk, body: Any) -> Answer:
    if not isinstance(body, dict):
        raise BatchError(400, "malformed", "the body must be a JSON object")
    if body.get("kiosk_id") not in (None, kiosk.id):
        raise BatchError(403, "wrong_kiosk", "kiosk_id does not match this token's kiosk")
    events = body.get("events")
    if not isinstance(events, list):
        raise BatchError(400, "malformed", "'events' must be a list")
    if len(events) > MAX_BATCH:
        raise BatchError(413, "batch_too_large", f"at most {MAX_BATCH} events per batch")
    answer = Answer()
    valid: dict[str, Valid] = {}
    for event in events:
        checked = _check(event)
        if isinstance(checked, Valid):
            valid.setdefault(checked.key, checked)  # a key twice in one batch is one event
        else:
            answer.rejected.append({"key": checked[0], "reason": checked[1]})
    now = timezone.now()
    sent_at = parse_time(body.get("sent_at"))
    with transaction.atomic():
        new = _insert(kiosk, list(valid.values()), now)
        for item in valid.values():
            if item.key in new:
                _apply(kiosk, item, now, sent_at)
        Kiosk.objects.filter(pk=kiosk.pk).update(last_seen=now)
    answer.accepted = list(valid)
    answer.stored = len(new)
    return answer


def _insert(kiosk: Kiosk, items: list[Valid], now: dt.datetime) -> set[str]:
    if not items:
        return set()
    rows = ", ".join(["(%s, %s, %s, %s, %s, %s::jsonb)"] * len(items))
    params: list[Any] = []
    for item in items:
        params += [kiosk.pk, item.key, item.type, item.created_at, now, item.text]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO hub_event (kiosk_id, key, type, created_at, received_at, data) "
            f"VALUES {rows} ON CONFLICT (kiosk_id, key) DO NOTHING RETURNING key",
            params,
        )
        return {row[0] for row in cursor.fetchall()}


def _text(data: dict[str, Any], name: str, limit: int) -> str:
    value = data.get(name)
    return value[:limit] if isinstance(value, str) else ""


def _int(data: dict[str, Any], name: str) -> int | None:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        return None
    return value


def _dict(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def _apply(kiosk: Kiosk, item: Valid, now: dt.datetime, sent_at: dt.datetime | None) -> None:
    data = item.data
    if item.type == "help_request":
        HelpRequest.objects.create(
            kiosk=kiosk,
            key=item.key,
            requested_at=item.created_at,
            created_at=now,
            updated_at=now,
            screen=_text(data, "screen", 40),
        )
    elif item.type == "help_cancelled":
        # Only requests made before the cancel (both times on the kiosk's own clock).
        HelpRequest.objects.filter(
            kiosk=kiosk, state__in=HelpRequest.ACTIVE, requested_at__lte=item.created_at
        ).update(state=HelpRequest.CANCELLED, updated_at=now, closed_at=now)
    elif item.type == "counters":
        _counters(kiosk, data)
    elif item.type == "heartbeat":
        _heartbeat(kiosk, item, now, sent_at)


def _counters(kiosk: Kiosk, data: dict[str, Any]) -> None:
    try:
        day = dt.date.fromisoformat(str(data.get("day")))
    except ValueError:
        return
    values = {
        name: value
        for name, value in _dict(data, "counters").items()
        if isinstance(name, str)
        and _COUNTER.fullmatch(name)
        and isinstance(value, int)
        and not isinstance(value, bool)
        and 0 <= value < 2**40
    }
    if not values:
        return
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(values))
    params: list[Any] = []
    for name, value in sorted(values.items()):
        params += [kiosk.pk, day, name, value]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {DailyCounter._meta.db_table} (kiosk_id, day, name, value) "
            f"VALUES {rows} ON CONFLICT (kiosk_id, day, name) "
            f"DO UPDATE SET value = GREATEST({DailyCounter._meta.db_table}.value, EXCLUDED.value)",
            params,
        )


def _heartbeat(kiosk: Kiosk, item: Valid, now: dt.datetime, sent_at: dt.datetime | None) -> None:
    data = item.data
    fields = {
        "version": _text(data, "version", 40),
        "catalogue_updated_at": parse_time(data.get("catalogue_updated_at")),
        "offers": _int(data, "offers"),
        "outbox_pending": _int(data, "outbox_pending"),
        "outbox_needs_staff": _int(data, "outbox_needs_staff"),
        "doctor": _dict(data, "doctor"),
        "printer": _dict(data, "printer"),
        "speech": _dict(data, "speech"),
    }
    Heartbeat.objects.create(kiosk=kiosk, received_at=now, sent_at=item.created_at, **fields)
    # Only the newest heartbeat describes the kiosk now (a late one must not overwrite it).
    newer = Heartbeat.objects.filter(kiosk=kiosk, sent_at__gt=item.created_at).exists()
    if not newer:
        skew = ((sent_at or item.created_at) - now).total_seconds()
        Kiosk.objects.filter(pk=kiosk.pk).update(clock_skew_seconds=round(skew, 1), **fields)
