"""Misbehaving servers and hostile answers (issue 15, findings 14, 15, 17, 18, 20).

Real local servers that trickle, flood, nest or lie; small deadlines and caps set for the
test, so each case ends in a second or two. Wall-clock bounds here are loose on purpose: they
tell "bounded" from "held for ever", not fast from slow.
"""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from kiosk.catalogue import CATALOGUE_SCHEMA, catalogue_info, ensure_seeded
from kiosk.catalogue.importer import ImportFileError, import_offers, read_offers
from kiosk.catalogue.offers import MAX_DESCRIPTION_CHARS, offer_row
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
from kiosk.sync import outbox
from kiosk.sync.deliver import deliver
from kiosk.sync.francetravail import ApiSettings, FranceTravailClient
from kiosk.sync.hub import HubClient, HubSettings
from kiosk.sync.mail import DeliveryError, Mailer, SmtpSettings
from kiosk.sync.oauth import ApiError
from kiosk.sync.pull import PullReport, pull
from kiosk.sync.search import fetch_all
from tests.fakes import francetravail as fake_api
from tests.fakes.francetravail import CLIENT_ID, CLIENT_SECRET, FakeFranceTravail, Fault
from tests.fakes.hub import FakeHub
from tests.fakes.kit import FakeClock
from tests.fakes.offers import make_offers
from tests.fakes.smtp import FakeSmtp, TricklingSmtp

DEADLINE = 0.5  # seconds, for every exchange in these tests
CAP = 1024 * 1024  # bytes of an answer
BOUNDED = 6.0  # seconds: far more than any case needs, far less than "for ever"


def client_for(api: FakeFranceTravail, **changes: Any) -> FranceTravailClient:
    values: dict[str, Any] = {"deadline": DEADLINE, "max_answer_bytes": CAP, **changes}
    settings = ApiSettings(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        token_url=f"{api.base_url}/connexion/oauth2/access_token",
        api_url=f"{api.base_url}/partenaire/offresdemploi",
        **values,
    )
    clock = FakeClock()  # backoff and rate limit cost no wall time; deadlines do
    return FranceTravailClient(settings, clock=clock, sleep=clock.sleep, rng=lambda: 0.5)


def fetch(client: FranceTravailClient, departement: str = "69") -> tuple[bool, list[Any]]:
    got: list[Any] = []
    with client:
        result = fetch_all(client, {"departement": departement, "sort": "1"}, got.extend)
    return result.complete, got


@pytest.fixture
def catalogue(data_dir: Path) -> Iterator[sqlite_utils.Database]:
    db = open_database(data_dir / "catalogue.db", CATALOGUE_SCHEMA).db
    ensure_seeded(db, demo=True)
    yield db
    db.conn.close()


@pytest.fixture
def store(data_dir: Path) -> Iterator[sqlite_utils.Database]:
    db = open_database(data_dir / "kiosk.db", KIOSK_SCHEMA).db
    yield db
    db.conn.close()


def pull_from(
    api: FakeFranceTravail,
    db: sqlite_utils.Database,
    deps: list[str],
    *,
    force: bool = False,
    **changes: Any,
) -> PullReport:
    with client_for(api, **changes) as client:
        return pull(client, db, deps, force=force)


def live(db: sqlite_utils.Database) -> int:
    return int(
        db.execute("SELECT count(*) FROM offers WHERE origin = 'francetravail'").fetchone()[0]
    )


def email(n: int = 0) -> dict[str, object]:
    pdf = base64.b64encode(b"%PDF-1.4 cv\n" * 20).decode()
    return {
        "to": "jeanne@example.net",
        "subject": f"Votre CV {n}",
        "body": "Bonjour, voici votre CV.",
        "attachments": [{"filename": "cv.pdf", "content_type": "application/pdf", "data_b64": pdf}],
    }


def later() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=1)


# --- 14: a total deadline and a size cap on every exchange ------------------------------------


def test_a_trickling_token_endpoint_costs_its_deadlines_not_the_pass() -> None:
    with FakeFranceTravail(make_offers(10)) as api:
        api.token_fault = "trickle"
        began = time.monotonic()
        with pytest.raises(ApiError, match=r"took more than 0.5 s\) after 4 tries"):
            fetch(client_for(api))
        assert time.monotonic() - began < BOUNDED and api.calls == {"token": 4}


def test_a_trickling_search_is_cut_at_its_deadline_then_retried() -> None:
    with FakeFranceTravail(make_offers(200)) as api:
        api.inject(Fault("trickle", interval=0.1))
        client = client_for(api)
        began = time.monotonic()
        complete, got = fetch(client)
        assert time.monotonic() - began < BOUNDED
        assert complete and len(got) == 200 and client.traffic.retries == 1
        assert "took more than 0.5 s" in client.traffic.problems[0]


def test_an_endless_body_stops_at_the_cap_and_is_not_fetched_again() -> None:
    with FakeFranceTravail(make_offers(10)) as api:
        api.inject(Fault("endless"))
        began = time.monotonic()
        with pytest.raises(ApiError, match="larger than 1,048,576 bytes"):
            fetch(client_for(api, deadline=30.0))
        assert time.monotonic() - began < BOUNDED and api.calls["search"] == 1


def test_a_huge_content_length_is_refused_without_downloading_it() -> None:
    with FakeFranceTravail(make_offers(10)) as api:
        api.inject(Fault("huge_length", length=64 * 1024 * 1024))
        client = client_for(api, deadline=30.0)
        with pytest.raises(ApiError, match="announces 67,108,864 bytes"):
            fetch(client)
        assert api.calls["search"] == 1 and client.traffic.bytes == 0
    assert api.streamed < 16 * 1024 * 1024  # what the kernel's buffers took, at most


def test_a_trickling_or_flooding_hub_costs_one_deadline(store: sqlite_utils.Database) -> None:
    for n in range(3):
        outbox.enqueue(store, "hub_event", {"type": "help_request", "data": {"n": n}})
    with FakeHub() as hub:
        hub.faults.extend(["trickle", "endless"])
        hub.interval = 0.1
        client = HubClient(HubSettings(hub.base_url, hub.kiosk_id, hub.token, deadline=DEADLINE))
        try:
            for why in ("took more than 0.5 s", "larger than 1,048,576 bytes"):
                began = time.monotonic()
                report = deliver(store, mailer=None, hub=client, max_attempts=10, now=later)
                assert time.monotonic() - began < BOUNDED
                assert report.failed == 3 and report.delivered == 0 and why in report.errors[0]
                store.execute("UPDATE outbox SET next_attempt_at = ''")  # due again
            assert deliver(store, mailer=None, hub=client, max_attempts=10, now=later).delivered
        finally:
            client.close()
    assert outbox.outbox_counts(store)["pending"] == 0 and len(hub.events) == 3


def test_a_trickling_smtp_banner_costs_one_deadline(store: sqlite_utils.Database) -> None:
    for n in range(2):
        outbox.enqueue(store, "email", email(n))
    with TricklingSmtp("banner", interval=0.1) as smtp:
        mailer = Mailer(
            SmtpSettings("127.0.0.1", smtp.port, starttls=False, connect_deadline=DEADLINE)
        )
        began = time.monotonic()
        report = deliver(store, mailer=mailer, hub=None, max_attempts=10, now=later)
    assert time.monotonic() - began < BOUNDED
    assert (report.failed, outbox.outbox_counts(store)["pending"]) == (1, 2)
    assert "could not start: no answer within 0.5 s" in report.errors[0]


# --- 18: a lost acknowledgement never sends a CV twice ------------------------------------


def test_an_email_whose_acknowledgement_is_lost_arrives_once(store: sqlite_utils.Database) -> None:
    keys = [outbox.enqueue(store, "email", email(n)) for n in range(3)]
    clock = [datetime.now(UTC) + timedelta(seconds=1)]
    with FakeSmtp() as smtp:
        smtp.faults.extend(["drop_after_accept"] * 3)
        settings = SmtpSettings("127.0.0.1", smtp.port, starttls=False, sender="k@example.org")
        for _ in range(4):  # every pass the scheduler would make in a day
            deliver(store, mailer=Mailer(settings), hub=None, max_attempts=10, now=lambda: clock[0])
            clock[0] += timedelta(hours=7)
    assert smtp.by_id == {f"<{k}@kiosk>": 1 for k in keys}  # 3 messages, 3 arrivals
    waiting = outbox.needs_staff(store)
    assert {i.key for i in waiting} == set(keys)
    assert all("may have arrived" in (i.last_error or "") for i in waiting)


def test_an_smtp_reply_that_never_comes_is_uncertain_not_resent(
    store: sqlite_utils.Database,
) -> None:
    key = outbox.enqueue(store, "email", email())
    with TricklingSmtp("reply", interval=0.1) as smtp:
        mailer = Mailer(
            SmtpSettings("127.0.0.1", smtp.port, starttls=False, message_deadline=DEADLINE)
        )
        began = time.monotonic()
        with pytest.raises(DeliveryError, match=r"no answer within 0\.5 s") as caught:
            mailer.send(key, email())
        assert time.monotonic() - began < BOUNDED and caught.value.uncertain
        mailer.close()
        report = deliver(store, mailer=mailer, hub=None, max_attempts=10, now=later)
        assert report.to_staff == 1
    assert len(smtp.received) == 2  # the direct try and the pass; nothing after that


# --- 15: a bad answer or a bad offer is skipped, never fatal ------------------------------


def test_deeply_nested_json_skips_that_search_and_the_others_go_on(
    catalogue: sqlite_utils.Database,
) -> None:
    deps = ["69", "01", "38", "42", "71", "73"]  # two searches: 5 + 1 départements
    with FakeFranceTravail(make_offers(60, deps)) as api:
        api.inject(*(Fault("nested") for _ in range(5)))  # every try of the first search
        report = pull_from(api, catalogue, deps)
    assert report.error is None and not report.complete
    assert report.areas == {d: d == "73" for d in deps} and report.added == 10


def test_a_lone_surrogate_in_one_offer_skips_only_that_offer(
    catalogue: sqlite_utils.Database, caplog: pytest.LogCaptureFixture
) -> None:
    bad = {**make_offers(1, prefix="BAD")[0], "description": "Serveur \ud800 H/F"}
    with FakeFranceTravail([*make_offers(20), bad]) as api:
        report = pull_from(api, catalogue, ["69"])
    assert report.complete and report.added == 20 and report.skipped == 1
    assert "BAD000000" in report.skipped_reasons[0] and "not valid Unicode" in caplog.text


def test_a_reference_list_with_a_lone_surrogate_keeps_the_rest(
    catalogue: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    communes = [*fake_api.REFERENCES["communes"], {"code": "69999", "libelle": "X\udfff"}]
    monkeypatch.setitem(fake_api.REFERENCES, "communes", communes)
    with FakeFranceTravail(make_offers(5)) as api:
        report = pull_from(api, catalogue, ["69"])
    assert report.complete and report.reference_lists["communes"] == 2


def test_a_hub_answer_nested_too_deeply_is_a_failed_batch(store: sqlite_utils.Database) -> None:
    outbox.enqueue(store, "hub_event", {"type": "help_request", "data": {}})
    with FakeHub() as hub:
        hub.faults.append("nested")
        client = HubClient(HubSettings(hub.base_url, hub.kiosk_id, hub.token))
        try:
            report = deliver(store, mailer=None, hub=client, max_attempts=10, now=later)
        finally:
            client.close()
    assert report.failed == 1 and "not the expected JSON" in report.errors[0]


def test_an_import_skips_an_offer_with_a_lone_surrogate(
    catalogue: sqlite_utils.Database, tmp_path: Path
) -> None:
    path = tmp_path / "offers.json"
    # As a file carries it: the escape, which json.loads turns into a lone surrogate.
    path.write_text(
        '[{"id": "S1", "intitule": "Serveur \\ud800"}, {"id": "S2", "intitule": "Cariste"}]',
        encoding="utf-8",
    )
    report = import_offers(catalogue, read_offers(path))
    assert (report.inserted, len(report.skipped)) == (1, 1)
    assert "S1" in report.skipped[0] and "not valid Unicode" in report.skipped[0]


# --- 17: no pass empties an area on a suspicious answer; splitting is bounded -------------


def test_a_search_answering_204_everywhere_removes_nothing_unless_forced(
    catalogue: sqlite_utils.Database,
) -> None:
    with FakeFranceTravail(make_offers(300, ["69", "01"])) as api:
        assert pull_from(api, catalogue, ["69", "01"]).added == 300
        api.search_mode = "204"
        report = pull_from(api, catalogue, ["69", "01"])
        assert report.removed == 0 and live(catalogue) == 300 and not report.complete
        assert set(report.held_back) == {"69", "01"}
        assert "would remove 150 of its 150 offers" in report.held_back["69"]
        forced = pull_from(api, catalogue, ["69", "01"], force=True)
    assert forced.removed == 300 and live(catalogue) == 0


def test_an_area_losing_a_few_offers_still_loses_them(catalogue: sqlite_utils.Database) -> None:
    with FakeFranceTravail(make_offers(100, ["69"])) as api:
        pull_from(api, catalogue, ["69"])
        api.remove([f"T{n:06d}" for n in range(30)])
        report = pull_from(api, catalogue, ["69"])
    assert report.complete and report.removed == 30 and not report.held_back


def test_nothing_received_at_all_keeps_the_demo(catalogue: sqlite_utils.Database) -> None:
    with FakeFranceTravail(make_offers(50)) as api:
        api.search_mode = "204"
        report = pull_from(api, catalogue, ["69"])
    assert report.demo_removed == 0 and catalogue_info(catalogue).kind == "demo"
    assert "no offer received at all" in report.held_back["69"]


def test_a_total_that_never_fits_stops_at_once_incomplete() -> None:
    with FakeFranceTravail(make_offers(400)) as api:
        api.search_mode, api.search_limit = "huge_total", 200  # the old client never stopped
        began = time.monotonic()
        complete, _ = fetch(client_for(api))
        # Halving from 2000 to the offers' 90 days costs two requests a level, then it stops.
        assert not complete and api.calls["search"] <= 2 + 2 * 30
        assert time.monotonic() - began < BOUNDED


def test_the_number_of_date_windows_is_bounded() -> None:
    with FakeFranceTravail(make_offers(3400, seed=3)) as api:
        api.search_limit = 60
        client = client_for(api, max_windows=3)
        complete, _ = fetch(client)
        assert not complete and api.calls["search"] <= 1 + 3 + 2 * 21


# --- 20: descriptions and imports of bounded size ---------------------------------------


def test_a_huge_description_is_cut_at_a_word_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    offer = {"id": "L1", "intitule": "Cariste", "description": "palette " * 130_000}  # 1 MB
    row = offer_row(offer, "import")
    assert len(row["description"]) <= MAX_DESCRIPTION_CHARS
    assert row["description"].endswith("palette […]")
    assert len(row["raw"]) < MAX_DESCRIPTION_CHARS + 1000
    assert json.loads(row["raw"])["description"] == row["description"]
    assert "L1: description of 1040000 characters cut to 20000" in caplog.text


def test_a_huge_description_from_the_api_is_cut_too(catalogue: sqlite_utils.Database) -> None:
    long = {**make_offers(1, prefix="LONG")[0], "description": "x" * 1_000_000}
    with FakeFranceTravail([*make_offers(5), long]) as api:
        first = pull_from(api, catalogue, ["69"], max_answer_bytes=4 * CAP)
        again = pull_from(api, catalogue, ["69"], max_answer_bytes=4 * CAP)
    assert first.added == 6 and again.unchanged == 6  # the cut text compares equal
    (text,) = catalogue.execute("SELECT description FROM offers WHERE id = 'LONG000000'").fetchone()
    assert len(text) <= MAX_DESCRIPTION_CHARS


def test_an_offer_too_large_is_skipped_with_a_reason(
    catalogue: sqlite_utils.Database, tmp_path: Path
) -> None:
    path = tmp_path / "offers.json"
    big = {"id": "B1", "intitule": "Cariste", "competences": ["x" * 1000] * 200}
    path.write_text(json.dumps([big, {"id": "B2", "intitule": "Serveur"}]), encoding="utf-8")
    report = import_offers(catalogue, read_offers(path))
    assert report.inserted == 1 and "B1 is too large" in report.skipped[0]


def test_an_import_file_over_the_cap_is_refused_in_one_line_without_reading_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(65 * 1024 * 1024)  # sparse: 65 MB announced, nothing written
    began = time.monotonic()
    with pytest.raises(ImportFileError, match="too large") as caught:
        read_offers(path)
    assert time.monotonic() - began < 0.5 and "\n" not in str(caught.value)


@pytest.fixture(autouse=True)
def _log_warnings(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
