"""The agency hub client: batches of events, each with its idempotency key (docs/hub-protocol.md).

The hub answers which keys it accepted (including ones it already had); only those leave the
outbox. A batch whose answer is lost is sent again and the hub, deduplicating by key, keeps
one copy. Every request has a total deadline and a cap on the answer's size (kiosk.sync.http):
a hub that trickles or floods costs one deadline per pass, and its batch is retried later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests

from kiosk.config import Config
from kiosk.sync.http import (
    DEFAULT_DEADLINE,
    LimitExceeded,
    Limits,
    bounded_request,
    bounded_session,
    loads,
)
from kiosk.sync.outbox import DueItem

EVENTS_PATH = "/api/v1/events"
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
