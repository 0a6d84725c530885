"""Saved spaces at the agency hub: "keep my CV" here, "find my CV" at any kiosk of the hub.

`spaces_for(config, store)` is what the CV screens ask for: the kiosk's own `Spaces` when no
hub is configured, else `HubSpaces`, with the same methods and answers. The hub does the
work the kiosk did (scrypt lookup, wrong codes counted, encryption at rest: hub/core/spaces.py)
so its limits hold across every kiosk. Ids of spaces at the hub start with `hub-`; spaces kept
on this kiosk before it joined a hub are still found here when the hub finds none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import requests
import sqlite_utils

from kiosk.config import Config
from kiosk.cv.spaces import GONE, LOCKED, NOT_FOUND, ScryptParams, Spaces, check_code
from kiosk.cv.validation import FieldError, clean_name
from kiosk.errors import UserError
from kiosk.i18n import N_
from kiosk.sync.http import LimitExceeded, Limits, bounded_request, bounded_session, loads
from kiosk.sync.hub import HubSettings

PREFIX = "hub-"
UNREACHABLE = N_(
    "Saved CVs cannot be reached right now. Please try again in a few minutes, "
    "or ask a staff member."
)
# Each call is one small JSON exchange: a person waits for it, so the deadline is short.
LIMITS = Limits(deadline=15.0, max_bytes=4 * 1024 * 1024, timeout=(5.0, 10.0))


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class HubSpaces(Spaces):
    def __init__(
        self,
        db: sqlite_utils.Database,
        settings: HubSettings,
        clock: Callable[[], dt.datetime] = _utcnow,
        params: ScryptParams | None = None,
    ) -> None:
        super().__init__(db, clock, params or ScryptParams())
        self.settings = settings

    def _call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        s = self.settings
        session = bounded_session()
        try:
            answer = bounded_request(
                session,
                method,
                f"{s.url}/api/v1/spaces/{path}",
                LIMITS,
                json=body,
                headers={"Authorization": f"Bearer {s.token}", "Accept": "application/json"},
            )
        except (LimitExceeded, requests.RequestException) as exc:
            raise UserError(UNREACHABLE) from exc
        finally:
            session.close()
        try:
            data = loads(answer.content)
        except ValueError as exc:
            raise UserError(UNREACHABLE) from exc
        if answer.status_code >= 500 or answer.status_code in (401, 403):
            raise UserError(UNREACHABLE)
        return answer.status_code, data

    @staticmethod
    def _hub_id(space_id: str) -> str | None:
        return space_id[len(PREFIX) :] if space_id.startswith(PREFIX) else None

    def create(self, first_name: str, code: str, items: dict[str, Any] | None = None) -> str:
        clean_name(first_name, "first_name")  # the same FieldErrors as on the kiosk alone
        code = check_code(code)
        status, data = self._call(
            "POST", "keep", {"first_name": first_name, "code": code, "items": items or {}}
        )
        if status == 400 and isinstance(data, dict) and data.get("error") == "field":
            raise FieldError(str(data.get("field", "code")), str(data.get("message", "")))
        if status != 200:
            raise UserError(UNREACHABLE)
        return PREFIX + str(data["space_id"])

    def open(self, first_name: str, code: str) -> str:
        status, data = self._call("POST", "open", {"first_name": first_name, "code": code[:20]})
        if status == 200:
            return PREFIX + str(data["space_id"])
        if status == 423:
            minutes = data.get("minutes", 15) if isinstance(data, dict) else 15
            raise UserError(LOCKED, minutes=int(minutes))
        if status != 404:
            raise UserError(UNREACHABLE)
        # Kept on this kiosk before it joined the hub: still found here.
        if self._db.execute("SELECT 1 FROM spaces LIMIT 1").fetchone() is not None:
            return super().open(first_name, code)
        raise UserError(NOT_FOUND)

    def save(self, space_id: str, kind: str, payload: Any) -> None:
        hub_id = self._hub_id(space_id)
        if hub_id is None:
            return super().save(space_id, kind, payload)
        status, _data = self._call("PUT", f"{hub_id}/{kind}", {"payload": payload})
        if status == 404:
            raise UserError(GONE)
        if status != 200:
            raise UserError(UNREACHABLE)

    def load(self, space_id: str, kind: str) -> Any:
        hub_id = self._hub_id(space_id)
        if hub_id is None:
            return super().load(space_id, kind)
        status, data = self._call("GET", f"{hub_id}/{kind}")
        if status == 404:
            return None
        if status != 200:
            raise UserError(UNREACHABLE)
        return data.get("payload")

    def delete(self, space_id: str) -> bool:
        hub_id = self._hub_id(space_id)
        if hub_id is None:
            return super().delete(space_id)
        status, data = self._call("DELETE", hub_id)
        if status not in (200, 404):
            raise UserError(UNREACHABLE)
        return bool(status == 200 and data.get("deleted"))

    def exists(self, space_id: str) -> bool:
        hub_id = self._hub_id(space_id)
        if hub_id is None:
            return super().exists(space_id)
        status, _data = self._call("GET", hub_id)
        return status == 200

    def waiting_until(self) -> dt.datetime | None:
        status, data = self._call("GET", "waiting")
        until = data.get("until") if status == 200 and isinstance(data, dict) else None
        remote = dt.datetime.fromisoformat(until) if isinstance(until, str) else None
        local = super().waiting_until()
        return max((t for t in (remote, local) if t is not None), default=None)

    def unlock(self) -> bool:
        status, data = self._call("POST", "unlock", {})
        remote = status == 200 and bool(data.get("was_waiting"))
        return super().unlock() or remote


def spaces_for(config: Config, store: sqlite_utils.Database) -> Spaces:
    """The saved spaces this kiosk uses: at the hub when it has one, else its own."""
    settings = HubSettings.from_config(config)
    if settings is None:
        return Spaces(store)
    return HubSpaces(store, settings)
