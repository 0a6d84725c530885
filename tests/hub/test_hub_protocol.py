"""The events protocol against the real hub: deduplication, bad input, clock skew, a
PostgreSQL restart in the middle of the load, counters and heartbeats."""

from __future__ import annotations

import random
import threading
import uuid
from datetime import UTC, datetime, timedelta

import requests

from kiosk.staff import counters
from kiosk.sync import outbox
from kiosk.sync.deliver import deliver
from kiosk.sync.hub import HubClient, HubSettings
from kiosk.sync.run import deliver_outbox


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _event(kind: str = "help_request", **data: object) -> dict:
    return {
        "key": uuid.uuid4().hex,
        "type": kind,
        "created_at": _stamp(datetime.now(UTC)),
        "data": data,
    }


def _post(hub, token: str, body: object, raw: bytes | None = None) -> requests.Response:
    return requests.post(
        f"{hub.url}/api/v1/events",
        data=raw,
        json=None if raw is not None else body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )


def test_a_repeated_batch_is_acknowledged_and_stored_once(hub, enrolled):
    kiosk = enrolled("dedup")
    token = kiosk.config().get_str("hub.token")
    events = [_event(screen="cv") for _ in range(3)]
    body = {"kiosk_id": "dedup", "sent_at": _stamp(datetime.now(UTC)), "events": events}
    first = _post(hub, token, body).json()
    again = _post(hub, token, {**body, "events": [*events, events[0]]}).json()
    keys = {e["key"] for e in events}
    assert set(first["accepted"]) == keys and set(again["accepted"]) == keys
    assert first["rejected"] == [] and again["rejected"] == []
    assert hub.query("SELECT count(*) FROM hub_event") == [(3,)]
    assert hub.query("SELECT count(*) FROM hub_helprequest") == [(3,)]


def test_bad_input_gets_clear_errors_and_nothing_breaks(hub, enrolled):
    kiosk = enrolled("bad-input")
    token = kiosk.config().get_str("hub.token")
    malformed = _post(hub, token, None, raw=b'{"events": [')
    assert malformed.status_code == 400 and malformed.json()["error"] == "malformed"
    too_many = _post(hub, token, {"events": [_event() for _ in range(101)]})
    assert too_many.status_code == 413 and "100" in too_many.json()["message"]
    huge = _post(hub, token, None, raw=b'{"events": ["' + b"x" * (3 * 1024 * 1024) + b'"]}')
    assert huge.status_code == 413
    other = _post(hub, token, {"kiosk_id": "someone-else", "events": []})
    assert other.status_code == 403
    nasty = "'); DROP TABLE hub_event; -- <script>alert(1)</script>"
    good = _event(screen=nasty)
    bad_key = {**_event(), "key": "../../etc"}
    unknown = _event("launch_missiles")
    no_zone = {**_event(), "created_at": "2026-03-02T09:14:58"}
    nul = _event(screen="a\x00b")
    answer = _post(hub, token, {"events": [good, bad_key, unknown, no_zone, nul, "text"]})
    assert answer.status_code == 200
    body = answer.json()
    assert body["accepted"] == [good["key"]]
    reasons = {r["key"]: r["reason"] for r in body["rejected"]}
    assert reasons[unknown["key"]] == "unknown event type"
    assert "time zone" in reasons[no_zone["key"]]
    assert "cannot be stored" in reasons[nul["key"]]
    assert "hex" in reasons["../../etc"]
    # Stored as text, exactly as sent: nothing was executed.
    assert hub.query("SELECT screen FROM hub_helprequest") == [(nasty[:40],)]
    assert hub.query("SELECT data->>'screen' FROM hub_event") == [(nasty,)]
    lone = (
        b'{"events": [{"key": "'
        + uuid.uuid4().hex.encode()
        + (
            b'", "type": "help_request", "created_at": "2026-03-02T09:14:58Z", '
            b'"data": {"screen": "\\ud800"}}]}'
        )
    )
    surrogate = _post(hub, token, None, raw=lone)
    assert surrogate.status_code == 200 and surrogate.json()["accepted"] == []


def test_a_kiosk_clock_hours_off_is_recorded_not_trusted(hub, enrolled):
    kiosk = enrolled("skewed")
    token = kiosk.config().get_str("hub.token")
    ahead = datetime.now(UTC) + timedelta(hours=5)
    event = {**_event(), "created_at": _stamp(ahead)}
    beat = {**_event("heartbeat", version="9.9"), "created_at": _stamp(ahead)}
    body = {"sent_at": _stamp(ahead), "events": [event, beat]}
    assert len(_post(hub, token, body).json()["accepted"]) == 2
    ((created, requested),) = hub.query("SELECT created_at, requested_at FROM hub_helprequest")
    assert abs(created - datetime.now(UTC)) < timedelta(minutes=1)  # the hub's clock orders
    assert abs(requested - ahead) < timedelta(seconds=1)  # the kiosk's, kept for reference
    ((skew,),) = hub.query("SELECT clock_skew_seconds FROM hub_kiosk WHERE id = 'skewed'")
    assert 5 * 3600 - 120 < skew < 5 * 3600 + 120


def test_postgres_restarted_during_delivery_loses_and_doubles_nothing(hub, enrolled, pg_cluster):
    kiosk = enrolled("restart")
    store = kiosk.store()
    total = 1500
    for n in range(total):
        outbox.enqueue(store, "hub_event", {"type": "help_request", "data": {"n": n}})
    settings = HubSettings.from_config(kiosk.config())
    assert settings is not None
    restarted = threading.Event()

    def restart() -> None:
        pg_cluster.restart()
        restarted.set()

    late = [datetime.now(UTC)]

    def clock() -> datetime:
        return late[0]

    client = HubClient(settings)
    passes = failed = 0
    restarter: threading.Thread | None = None
    while outbox.outbox_counts(store)["pending"] and passes < 200:
        passes += 1
        if passes == 2:
            restarter = threading.Thread(target=restart)
            restarter.start()
        # Each batch alone; failed ones come due again at once on this moving clock.
        failed += deliver(
            store,
            mailer=None,
            hub=client,
            max_attempts=1000,
            now=clock,
            limit=100,
            rng=random.random,
        ).failed
        late[0] += timedelta(hours=7)
    assert restarter is not None
    restarter.join(60)
    assert restarted.is_set()
    assert failed > 0  # the restart did cut batches: they were sent again
    assert outbox.outbox_counts(store) == {"pending": 0, "needs_staff": 0}
    assert hub.query("SELECT count(*), count(DISTINCT key) FROM hub_event") == [(total, total)]
    ((distinct_n,),) = hub.query("SELECT count(DISTINCT data->>'n') FROM hub_event")
    assert distinct_n == total
    assert hub.query("SELECT count(*) FROM hub_helprequest") == [(total,)]


def test_counters_and_heartbeat_describe_the_kiosk_and_never_count_twice(hub, enrolled):
    kiosk = enrolled("counted")
    store = kiosk.store()
    today = datetime.now(UTC).astimezone().date()
    counters.count(store, counters.SESSIONS, 3, day=today)
    counters.count(store, counters.language("ar"), 2, day=today)
    config = kiosk.config(printer__name="Accueil-HP")
    for _ in range(3):  # every pass sends the day's totals again
        deliver_outbox(config, kiosk.data_dir)
    rows = dict(hub.query("SELECT name, value FROM hub_dailycounter WHERE kiosk_id = 'counted'"))
    assert rows == {"sessions": 3, "language_ar": 2}
    counters.count(store, counters.SESSIONS, 1, day=today)
    deliver_outbox(config, kiosk.data_dir)
    rows = dict(hub.query("SELECT name, value FROM hub_dailycounter"))
    assert rows["sessions"] == 4
    ((version, pending, doctor, printer, speech),) = hub.query(
        "SELECT version, outbox_pending, doctor, printer, speech FROM hub_kiosk"
    )
    from kiosk import __version__

    assert version == __version__ and pending == 0
    assert doctor["level"] in ("ok", "warning", "problem") and doctor["checks"] >= 3
    # What is configured, and what the devices say (kiosk/devices.py; here no CUPS answers
    # for Accueil-HP, and no speaker runs in this process).
    states = {"idle", "printing", "disabled", "rejecting", "not_found", "no_cups", "unknown"}
    assert printer["name"] == "Accueil-HP" and printer["state"] in states
    assert speech["enabled"] is True and "problems" in speech
    assert hub.query("SELECT count(*) FROM hub_heartbeat") == [(4,)]
