"""Signing in to the real dashboard over HTTP, as a browser does (session cookie, CSRF)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import requests

from kiosk.sync.hub import HubClient, HubSettings
from kiosk.sync.outbox import DueItem, stamp
from tests.hub.conftest import Hub, KioskSide

PASSWORD = "correct horse battery"


def add_staff(hub: Hub, email: str, role: str = "staff") -> None:
    done = hub.cli("add-staff", email, "--role", role, stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr


def csrf(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, "no CSRF token in the page"
    return found.group(1)


def login(hub: Hub, email: str, role: str = "staff", password: str = PASSWORD) -> requests.Session:
    add_staff(hub, email, role)
    session = requests.Session()
    page = session.get(f"{hub.url}/login/", timeout=10)
    answer = session.post(
        f"{hub.url}/login/",
        data={"username": email, "password": password, "csrfmiddlewaretoken": csrf(page.text)},
        timeout=10,
    )
    assert answer.status_code == 200 and "sessionid" in session.cookies, answer.text[:500]
    return session


def post(
    session: requests.Session, hub: Hub, path: str, page: str, **data: str
) -> requests.Response:
    """A form on `page` (a path) sent as the browser would: with the page's CSRF token."""
    text = session.get(f"{hub.url}{page}", timeout=10).text
    return session.post(
        f"{hub.url}{path}", data={"csrfmiddlewaretoken": csrf(text), **data}, timeout=10
    )


def send(kiosk: KioskSide, events: list[tuple[str, dict]]) -> None:
    """Events through the kiosk's real hub client (the protocol's batch)."""
    settings = HubSettings.from_config(kiosk.config())
    assert settings is not None
    client = HubClient(settings)
    try:
        items = [
            DueItem(
                uuid.uuid4().hex,
                "hub_event",
                stamp(datetime.now(UTC)),
                0,
                {"type": kind, "data": data},
            )
            for kind, data in events
        ]
        answer = client.send(items)
        assert answer.accepted == {i.key for i in items}, answer
    finally:
        client.close()
