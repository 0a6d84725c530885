"""Applying a pull to catalogue.db: exact live offers, expiry, nothing removed on doubt, atomic."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.catalogue import CATALOGUE_SCHEMA, catalogue_info, ensure_seeded
from kiosk.config import Config
from kiosk.storage import connect, open_database
from kiosk.sync.run import sync_once
from tests.fakes.francetravail import FakeFranceTravail, Fault
from tests.fakes.kit import FakeClock, settings
from tests.fakes.offers import make_offers, odd_offer

OFFERS = make_offers(300, ["69", "01"], prefix="A") + make_offers(50, ["13"], prefix="M")


@pytest.fixture
def api() -> Iterator[FakeFranceTravail]:
    with FakeFranceTravail(OFFERS) as server:
        yield server


@pytest.fixture
def catalogue(data_dir: Path) -> Iterator[sqlite_utils.Database]:
    """A kiosk as first started: ROME occupations and the demo offers."""
    db = open_database(data_dir / "catalogue.db", CATALOGUE_SCHEMA).db
    ensure_seeded(db, demo=True)
    yield db
    db.conn.close()


def sync(config: Config, data_dir: Path) -> dict[str, object]:
    clock = FakeClock()
    result = sync_once(config, data_dir, sleep=clock.sleep, clock=clock)
    assert result.pull is not None
    return result.pull.summary()


def live_ids(db: sqlite_utils.Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT id FROM offers WHERE origin = 'francetravail'")}


def expected(api: FakeFranceTravail, *departements: str) -> set[str]:
    return {k for k, o in api.offers.items() if o["lieuTravail"]["libelle"][:2] in departements}


def test_a_complete_pull_brings_exactly_the_configured_departements_and_replaces_the_demo(
    api: FakeFranceTravail, catalogue: sqlite_utils.Database, data_dir: Path
) -> None:
    assert catalogue_info(catalogue).kind == "demo"
    report = sync(settings(data_dir, **api.config_values(["69", "01"])), data_dir)
    assert report["complete"] and report["added"] == 300 and report["demo_removed"] == 3000
    assert live_ids(catalogue) == expected(api, "69", "01")
    info = catalogue_info(catalogue)
    assert info.kind == "live" and info.offers == 300 and info.updated_at is not None
    meta = dict(catalogue.execute("SELECT key, value FROM meta").fetchall())
    assert meta["francetravail_refreshed_69"] == meta["catalogue_updated_at"]
    assert '"codePostal": "69003"' in meta["ref_communes"]


def test_a_second_run_changes_nothing(
    api: FakeFranceTravail, catalogue: sqlite_utils.Database, data_dir: Path
) -> None:
    config = settings(data_dir, **api.config_values(["69", "01"]))
    sync(config, data_dir)
    before = catalogue.execute("SELECT id, raw FROM offers ORDER BY id").fetchall()
    report = sync(config, data_dir)
    assert (report["added"], report["updated"], report["removed"]) == (0, 0, 0)
    assert report["unchanged"] == 300 and report["reference_lists"] == {}  # a week not passed
    assert catalogue.execute("SELECT id, raw FROM offers ORDER BY id").fetchall() == before


def test_expired_offers_disappear_and_changed_ones_are_updated(
    api: FakeFranceTravail, catalogue: sqlite_utils.Database, data_dir: Path
) -> None:
    config = settings(data_dir, **api.config_values(["69", "01"]))
    sync(config, data_dir)
    gone = sorted(expected(api, "69"))[:7]
    offers = [o for o in OFFERS if o["id"] not in gone]
    changed = next(o for o in offers if o["id"] not in gone and o["id"].startswith("A"))
    offers[offers.index(changed)] = {**changed, "intitule": "Chef de rang"}
    api.set_offers(offers)
    report = sync(config, data_dir)
    assert report["removed"] == 7 and report["updated"] == 1 and report["added"] == 0
    assert live_ids(catalogue) == expected(api, "69", "01")
    title = catalogue.execute("SELECT title FROM offers WHERE id = ?", [changed["id"]]).fetchone()
    assert title[0] == "Chef de rang"


def test_a_departement_dropped_from_the_configuration_is_removed_by_a_complete_pull(
    api: FakeFranceTravail, catalogue: sqlite_utils.Database, data_dir: Path
) -> None:
    sync(settings(data_dir, **api.config_values(["69", "01", "13"])), data_dir)
    report = sync(settings(data_dir, **api.config_values(["69"])), data_dir)
    assert report["complete"] and live_ids(catalogue) == expected(api, "69")


@pytest.mark.parametrize(
    "faults",
    [
        [Fault("status", code=500) for _ in range(5)],  # the run gives up
        [Fault("bad_range", after=1)],  # partial: Content-Range disagrees with the body
        [Fault("short", after=1)],
    ],
    ids=["failed", "bad-content-range", "short-page"],
)
def test_a_failed_or_partial_refresh_removes_nothing(
    api: FakeFranceTravail,
    catalogue: sqlite_utils.Database,
    data_dir: Path,
    faults: list[Fault],
) -> None:
    config = settings(data_dir, **api.config_values(["69", "01"]))
    sync(config, data_dir)
    before = live_ids(catalogue)
    api.remove(sorted(before)[:20])
    api.inject(*faults)
    report = sync(config, data_dir)
    assert not report["complete"] and report["removed"] == 0
    assert live_ids(catalogue) == before
    assert sync(config, data_dir)["removed"] == 20  # the next complete run catches up


def test_a_partial_first_pull_keeps_the_demo(
    api: FakeFranceTravail, catalogue: sqlite_utils.Database, data_dir: Path
) -> None:
    api.inject(Fault("bad_range", after=1))
    report = sync(settings(data_dir, **api.config_values(["69", "01"])), data_dir)
    assert not report["complete"] and report["demo_removed"] == 0
    assert catalogue_info(catalogue).kind == "demo"


def test_only_complete_areas_lose_expired_offers_when_another_area_fails(
    catalogue: sqlite_utils.Database, data_dir: Path
) -> None:
    # Six départements: two requests (5 + 1). The second fails; the first is complete.
    deps = ["69", "01", "38", "42", "71", "73"]
    with FakeFranceTravail(make_offers(120, deps, prefix="S")) as api:
        config = settings(data_dir, **api.config_values(deps))
        sync(config, data_dir)
        # Half of each (20 per département): more would be held back as beyond belief.
        for dep in ("69", "73"):
            api.remove(
                [k for k, o in api.offers.items() if o["lieuTravail"]["libelle"][:2] == dep][:10]
            )
        api.inject(
            Fault("status", code=500, after=1), *(Fault("status", code=500) for _ in range(4))
        )
        report = sync(config, data_dir)
        assert report["areas"] == {d: d != "73" for d in deps}
        assert live_ids(catalogue) == set(api.offers) | {
            k for k in live_ids(catalogue) if k.startswith("S") and int(k[1:]) % 6 == 5
        }
        assert report["removed"] == 10  # the 69 ones; 73's wait for a complete refresh


def test_an_offer_with_wrong_field_types_does_not_stop_the_sync(
    catalogue: sqlite_utils.Database, data_dir: Path
) -> None:
    untitled = {**odd_offer("ODD2"), "intitule": {"not": "a title"}}
    offers = [*make_offers(20), odd_offer("ODD1"), untitled, "not an offer", {"intitule": "no id"}]
    with FakeFranceTravail(offers) as api:
        report = sync(settings(data_dir, **api.config_values(["69"])), data_dir)
    assert report["complete"] and report["added"] == 21  # 20 + ODD1, stored loosely
    assert report["skipped"] >= 1 and "ODD2" in str(report["skipped_reasons"])
    row = catalogue.execute("SELECT description, place_label, raw FROM offers WHERE id = 'ODD1'")
    description, place, raw = row.fetchone()
    assert (description, place) == ("", None) and '"nombrePostes": "deux"' in raw


def test_readers_see_the_old_catalogue_until_the_new_one_is_whole(
    api: FakeFranceTravail, catalogue: sqlite_utils.Database, data_dir: Path
) -> None:
    config = settings(data_dir, **api.config_values(["69", "01"]))
    api.inject(Fault("hold", after=1))  # the pull stops in the middle of its pages
    done = threading.Event()
    worker = threading.Thread(target=lambda: (sync(config, data_dir), done.set()))
    worker.start()
    try:
        assert api.held.wait(10)
        reader = connect(data_dir / "catalogue.db")
        assert reader.execute("SELECT count(*), min(origin) FROM offers").fetchone() == (
            3000,
            "demo",
        )
        reader.execute("BEGIN")  # a search in progress: its first read fixes its snapshot
        assert reader.execute("SELECT count(*) FROM offers").fetchone()[0] == 3000
        api.release.set()
        assert done.wait(30)
        assert reader.execute("SELECT count(*) FROM offers").fetchone()[0] == 3000
        reader.execute("COMMIT")
        assert reader.execute("SELECT count(*), min(origin) FROM offers").fetchone() == (
            300,
            "francetravail",
        )
        reader.conn.close()
    finally:
        api.release.set()
        worker.join()


def test_without_a_client_id_there_is_no_pull(
    catalogue: sqlite_utils.Database, data_dir: Path
) -> None:
    result = sync_once(settings(data_dir), data_dir)
    assert result.ok and result.pull is None and "not configured" in result.reason
    assert catalogue_info(catalogue).kind == "demo"
