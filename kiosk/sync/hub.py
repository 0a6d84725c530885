"""The agency hub client: batches of events, each with its idempotency key (docs/hub-protocol.md).

The hub answers which keys it accepted (including ones it already had); only those leave the
outbox. A batch whose answer is lost is sent again and the hub, deduplicating by key, keeps
one copy. Every request has a total deadline and a cap on the answer's size (kiosk.sync.http):
a hub that trickles or floods costs one deadline per pass, and its batch is retried later.

Also here: the heartbeat (with the printer and voices, kiosk.devices) and the day's counters
(state, sent with each delivery pass, never queued: a kiosk offline for a week has nothing to
catch up on but its current state), the
e-mail relay for a kiosk without SMTP (`HubMailer`, the outbox key travels on), and the
exchange of an enrolment code for this kiosk's token (`enrol`).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests
import sqlite_utils

from kiosk import __version__
from kiosk.config import Config
from kiosk.sync.http import (
    DEFAULT_DEADLINE,
    LimitExceeded,
    Limits,
    bounded_request,
    bounded_session,
    loads,
)
from kiosk.sync.mail import DeliveryError
from kiosk.sync.outbox import DueItem, outbox_counts, stamp

log = logging.getLogger(__name__)

EVENTS_PATH = "/api/v1/events"
MAIL_PATH = "/api/v1/mail"
ENROL_PATH = "/api/v1/enrol"
# While a hub is configured the delivery worker wakes at least this often, so the hub sees a
# kiosk that stopped answering within minutes (docs/hub.md: "offline" after 3 missed beats).
HEARTBEAT_SECONDS = 300.0
MAX_BATCH = 100
# The answer lists at most MAX_BATCH keys and reasons: a few kilobytes.
MAX_ANSWER_BYTES = 1024 * 1024


class HubError(Exception):
    """The batch's fate is unknown or refused as a whole: every item in it is retried."""


@dataclass(frozen=True)
class HubSettings:
    url: str
    kiosk_id: str
    token: str
    timeout: tuple[float, float] = (5.0, 30.0)  # connect, each read
    deadline: float = DEFAULT_DEADLINE  # the whole request, answer included
    max_answer_bytes: int = MAX_ANSWER_BYTES

    @classmethod
    def from_config(cls, config: Config) -> HubSettings | None:
        url = config.get_str("hub.url")
        if not url:
            return None
        return cls(url.rstrip("/"), config.get_str("hub.kiosk_id"), config.get_str("hub.token"))


@dataclass(frozen=True)
class HubAnswer:
    accepted: frozenset[str]
    rejected: dict[str, str] = field(default_factory=dict)  # key -> reason (never retried)


def batch_body(kiosk_id: str, items: Sequence[DueItem]) -> dict[str, Any]:
    return {
        "kiosk_id": kiosk_id,
        "sent_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "events": [
            {
                "key": item.key,
                "type": item.payload.get("type"),
                "created_at": item.created_at,
                "data": item.payload.get("data", {}),
            }
            for item in items
        ],
    }


class HubClient:
    def __init__(self, settings: HubSettings) -> None:
        self.settings = settings
        self.session = bounded_session()
        self.requests = 0

    def close(self) -> None:
        self.session.close()

    def send(self, items: Sequence[DueItem]) -> HubAnswer:
        s = self.settings
        sent = {item.key for item in items}
        self.requests += 1
        try:
            response = bounded_request(
                self.session,
                "POST",
                f"{s.url}{EVENTS_PATH}",
                Limits(s.deadline, s.max_answer_bytes, s.timeout),
                json=batch_body(s.kiosk_id, items),
                headers={"Authorization": f"Bearer {s.token}", "Accept": "application/json"},
            )
        except LimitExceeded as exc:
            raise HubError(f"hub answer refused: {exc}") from exc
        except requests.RequestException as exc:
            raise HubError(f"hub unreachable or answer lost: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise HubError(f"hub answered HTTP {response.status_code}")
        try:
            body = loads(response.content)
            accepted = frozenset(str(k) for k in body.get("accepted", [])) & sent
            rejected = {
                # Valid UTF-8 only: the reason is stored for staff (a lone surrogate is not).
                str(r["key"]): str(r.get("reason", "rejected"))[:120]
                .encode("utf-8", "replace")
                .decode()
                for r in body.get("rejected", [])
                if isinstance(r, dict) and str(r.get("key")) in sent
            }
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise HubError("hub answer is not the expected JSON") from exc
        return HubAnswer(accepted, rejected)


# --- heartbeat and counters: the kiosk's state, sent with every delivery pass -------------

_DOCTOR_EVERY = 900.0  # seconds: the doctor's cheap checks, not at every beat
_doctor_lock = threading.Lock()
_doctor_cache: dict[str, Any] = {}


def _doctor_summary(config: Config) -> dict[str, Any]:
    """The doctor's local checks (disk, databases, clock) as level + problems, cached."""
    with _doctor_lock:
        if _doctor_cache and time.monotonic() - _doctor_cache["at"] < _DOCTOR_EVERY:
            return dict(_doctor_cache["summary"])
    from kiosk.doctor import Level, system

    data_dir = config.data_dir
    try:
        checks = [
            system.disk_check(data_dir),
            *system.databases(data_dir),
            system.clock_check(datetime.now(UTC), data_dir),
        ]
        worst = max((c.level for c in checks), default=Level.OK)
        summary: dict[str, Any] = {
            "level": worst.name.lower(),
            "checks": len(checks),
            "problems": [
                {"name": c.name, "level": c.level.name.lower(), "message": c.message[:200]}
                for c in checks
                if c.level is not Level.OK
            ][:5],
        }
    except Exception as exc:  # a heartbeat must go even when a check breaks
        summary = {"level": "unknown", "error": type(exc).__name__}
    with _doctor_lock:
        _doctor_cache.update(at=time.monotonic(), summary=summary)
    return summary


def _catalogue(config: Config) -> tuple[str | None, int | None]:
    path = config.data_dir / "catalogue.db"
    if not path.exists():
        return None, None
    from kiosk.catalogue import catalogue_info

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
        try:
            info = catalogue_info(sqlite_utils.Database(conn))
        finally:
            conn.close()
    except sqlite3.Error:
        return None, None
    return info.updated_at, info.offers


def _printer(config: Config) -> dict[str, Any]:
    """The setting ("name", as before), what CUPS says now, and how the last print went."""
    from kiosk import devices

    name = config.get_str("printer.name")
    return {"name": name, **devices.printer_state(name), "last_print": devices.last_print()}


def _speech(config: Config) -> dict[str, Any]:
    """The setting ("enabled", as before) and the running speaker's problems (None: unknown)."""
    from kiosk import devices

    enabled = config.get_bool("speech.enabled")
    return {"enabled": enabled, "problems": devices.speech_problems() if enabled else []}


def _event(kind: str, data: Mapping[str, Any], now: datetime) -> DueItem:
    return DueItem(uuid.uuid4().hex, "hub_event", stamp(now), 0, {"type": kind, "data": data})


def state_events(
    config: Config, store: sqlite_utils.Database, now: datetime | None = None
) -> list[DueItem]:
    """A heartbeat and today's (and yesterday's) counters, with fresh keys.

    Counters go as the day's totals, never increments: the hub keeps the largest value it
    saw, so a repeat or a late arrival cannot count twice."""
    from kiosk.staff import counters

    now = now or datetime.now(UTC)
    updated_at, offers = _catalogue(config)
    counts = outbox_counts(store)
    heartbeat = {
        "version": __version__,
        "catalogue_updated_at": updated_at,
        "offers": offers,
        "outbox_pending": counts.get("pending", 0),
        "outbox_needs_staff": counts.get("needs_staff", 0),
        "doctor": _doctor_summary(config),
        "printer": _printer(config),
        "speech": _speech(config),
    }
    items = [_event("heartbeat", heartbeat, now)]
    today = now.astimezone().date()
    for day, values in counters.counters_for(store, [today, today - dt.timedelta(days=1)]).items():
        if values:
            items.append(_event("counters", {"day": day.isoformat(), "counters": values}, now))
    return items


def send_state(hub: HubClient, config: Config, store: sqlite_utils.Database) -> bool:
    """Tell the hub how this kiosk is; False (logged) when it could not be told."""
    try:
        answer = hub.send(state_events(config, store))
    except HubError as exc:
        log.info("hub: heartbeat not delivered: %s", exc)
        return False
    return bool(answer.accepted)


# --- the e-mail relay: a kiosk without SMTP hands its e-mails to the hub ------------------


class HubMailer:
    """The `Mailer` interface over the hub: `send(key, payload)` raises DeliveryError.

    Unlike SMTP, the hub deduplicates by the outbox key, so an answer lost after the hub
    stored the e-mail is simply retried: the hub keeps one copy and sends it once."""

    def __init__(self, settings: HubSettings) -> None:
        self.settings = settings
        self.session = bounded_session()

    def close(self) -> None:
        self.session.close()

    def send(self, key: str, payload: Mapping[str, Any]) -> None:
        s = self.settings
        try:
            response = bounded_request(
                self.session,
                "POST",
                f"{s.url}{MAIL_PATH}",
                Limits(s.deadline, s.max_answer_bytes, s.timeout),
                json={"kiosk_id": s.kiosk_id, "key": key, "message": dict(payload)},
                headers={"Authorization": f"Bearer {s.token}", "Accept": "application/json"},
            )
        except LimitExceeded as exc:
            raise DeliveryError(f"hub answer refused: {exc}", connect=True) from exc
        except requests.RequestException as exc:
            raise DeliveryError(
                f"hub unreachable or answer lost: {type(exc).__name__}", connect=True
            ) from exc
        if response.status_code == 200:
            return
        reason = _error_text(response.content)
        if response.status_code in (400, 413, 422):  # the same e-mail would be refused again
            raise DeliveryError(f"hub refused the e-mail: {reason}", permanent=True)
        raise DeliveryError(f"hub answered HTTP {response.status_code}: {reason}", connect=True)


def _error_text(content: bytes) -> str:
    try:
        body = loads(content)
        return str(body.get("message") or body.get("error"))[:120]
    except (ValueError, AttributeError):
        return "no explanation"


# --- enrolment --------------------------------------------------------------------------


class EnrolError(Exception):
    """The code could not be exchanged; the message is for the technician."""


def enrol(url: str, code: str, timeout: float = 30.0) -> dict[str, str]:
    """Exchange a one-time enrolment code for {"kiosk_id", "token", "name", "place"}."""
    session = bounded_session()
    try:
        response = bounded_request(
            session,
            "POST",
            f"{url.rstrip('/')}{ENROL_PATH}",
            Limits(timeout, 64 * 1024, (5.0, timeout)),
            json={"code": code},
            headers={"Accept": "application/json"},
        )
    except (LimitExceeded, requests.RequestException) as exc:
        raise EnrolError(f"the hub at {url} cannot be reached ({type(exc).__name__})") from exc
    finally:
        session.close()
    if response.status_code != 200:
        raise EnrolError(f"the hub refused: {_error_text(response.content)}")
    try:
        body = loads(response.content)
        result = {k: str(body[k]) for k in ("kiosk_id", "token")}
        result["name"] = str(body.get("name", ""))
        result["place"] = str(body.get("place", ""))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise EnrolError(f"{url} did not answer like a hub") from exc
    return result
