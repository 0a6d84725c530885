"""The offers relay against the real things: the fake France Travail API on 127.0.0.1, the hub
on the real PostgreSQL pulling it (`hub pull-offers`, and its schedule in `hub serve`), and
kiosks without credentials running their real sync pass (`sync_once`) against the hub."""

from __future__ import annotations

import gzip
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from hub.offers.figures import pull_requests, requests_per_day
from kiosk.catalogue.offers import upsert_offers
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.sync.run import CATALOGUE_FILE, open_db, sync_once
from tests.fakes.francetravail import CLIENT_ID, CLIENT_SECRET, FakeFranceTravail, Fault
from tests.fakes.offers import make_offers
from tests.hub.conftest import CONFIG_TEXT, Hub, KioskSide, kiosk_cli

DEPS = ["01", "69"]
# One instant for every list of offers: the same offer made twice must be the same offer.
NOW = datetime.now(UTC)


def _make(count: int, deps: list[str], **kwargs: Any) -> list[dict[str, Any]]:
    return make_offers(count, deps, now=NOW, **kwargs)


def _hub_env(api: FakeFranceTravail, **extra: str) -> dict[str, str]:
    return {
        "HUB_FRANCETRAVAIL_CLIENT_ID": CLIENT_ID,
        "HUB_FRANCETRAVAIL_CLIENT_SECRET": CLIENT_SECRET,
        "HUB_FRANCETRAVAIL_TOKEN_URL": f"{api.base_url}/connexion/oauth2/access_token",
        "HUB_FRANCETRAVAIL_API_URL": f"{api.base_url}/partenaire/offresdemploi",
        "HUB_FRANCETRAVAIL_REQUESTS_PER_SECOND": "50",
        "HUB_FRANCETRAVAIL_MAX_ATTEMPTS": "1",  # an outage is an outage at once
        "HUB_OFFERS_PAGE": "50",  # 180 offers: four pages
        **extra,
    }


def _kiosk(hub: Hub, tmp_path: Path, name: str) -> KioskSide:
    code = hub.add_kiosk(name)
    folder = tmp_path / name
    folder.mkdir()
    path = folder / "kiosk.toml"
    path.write_text(CONFIG_TEXT.format(data=folder / "data"), encoding="utf-8")
    done = kiosk_cli("enrol", hub.url, code, "--config", str(path))
    assert done.returncode == 0, done.stderr
    return KioskSide(name, path, folder / "data")


def _sync(kiosk: KioskSide, **values: Any) -> Any:
    config = kiosk.config(**{"francetravail__departements": DEPS, **values})
    return sync_once(config, kiosk.data_dir)


def _offers(data_dir: Path) -> dict[str, tuple[Any, ...]]:
    db = open_db(data_dir / CATALOGUE_FILE, CATALOGUE_SCHEMA)
    try:
        return {row[0]: tuple(row) for row in db.execute("SELECT * FROM offers ORDER BY id")}
    finally:
        db.conn.close()


def _meta(data_dir: Path, key: str) -> str | None:
    db = open_db(data_dir / CATALOGUE_FILE, CATALOGUE_SCHEMA)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else row[0]
    finally:
        db.conn.close()


def _hub_pull(hub: Hub) -> dict[str, Any]:
    done = hub.cli("pull-offers")
    assert done.stdout.strip(), done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_kiosks_without_credentials_get_what_the_hub_pulled_changes_and_removals_too(
    hub_db: Hub, tmp_path: Path
) -> None:
    with FakeFranceTravail(_make(180, DEPS)) as api:
        hub_db.extra_env.update(_hub_env(api, HUB_FRANCETRAVAIL_DEPARTEMENTS="69,01"))
        hub_db.serve()
        first, second = _kiosk(hub_db, tmp_path, "lyon-a"), _kiosk(hub_db, tmp_path, "bourg-b")
        # A demo catalogue on the first kiosk: replaced once the hub's offers are live.
        demo_db = open_db(first.data_dir / CATALOGUE_FILE, CATALOGUE_SCHEMA)
        upsert_offers(demo_db, _make(3, ["69"], prefix="DEMO"), origin="demo")
        demo_db.conn.close()

        before = dict(api.calls)
        report = _hub_pull(hub_db)
        assert report["complete"] and report["received"] == 180 and report["added"] == 180
        one_pull = {k: api.calls.get(k, 0) - before.get(k, 0) for k in api.calls}
        # The bench's figure counts what a real pull asks: token + searches (+ 3 lists weekly).
        assert one_pull["token"] + one_pull["search"] == pull_requests(2, 90)
        assert report["requests"] == pull_requests(2, 90) - 1 + 3  # the client counts lists

        calls = dict(api.calls)
        results = [_sync(first), _sync(second)]
        assert api.calls == calls  # the kiosks never reached France Travail
        for result in results:
            assert result.ok, result.reason
            assert result.pull.received == 180 and result.pull.added == 180
            assert result.pull.requests == 4  # 180 offers, 50 a page
        relayed = _offers(first.data_dir)
        assert not any(k.startswith("DEMO") for k in relayed)  # the demo went, all at once
        assert _meta(first.data_dir, "catalogue_kind") == "live"
        assert _meta(first.data_dir, "ref_typesContrats") is not None

        # Exactly what a direct pull gives, column for column.
        direct = KioskSide("direct", first.config_path, tmp_path / "direct-data")
        assert _sync(direct, **api.config_values(DEPS)).ok
        assert _offers(direct.data_dir) == relayed

        # At France Travail one offer changes, one disappears.
        offers = _make(180, DEPS)
        offers[3]["intitule"] = "Boulanger / Boulangère"
        api.set_offers([o for o in offers if o["id"] != "T000005"])
        report = _hub_pull(hub_db)
        assert (report["updated"], report["removed"], report["added"]) == (1, 1, 0)
        ((removed, raw, version),) = hub_db.query(
            "SELECT removed, raw, version FROM hub_offers_offer WHERE id = 'T000005'"
        )
        assert removed and raw is None
        assert version == hub_db.query("SELECT max(version) FROM hub_offers_offer")[0][0]

        result = _sync(first)
        assert result.ok, result.reason
        assert result.pull.requests == 1  # only what changed: one small page
        assert (result.pull.updated, result.pull.removed, result.pull.added) == (1, 1, 0)
        now = _offers(first.data_dir)
        assert "T000005" not in now and len(now) == 179
        assert now["T000003"][1] == "Boulanger / Boulangère"
        assert _sync(direct, **api.config_values(DEPS)).ok
        assert _offers(direct.data_dir) == now

        # Nothing new: one page, nothing written.
        result = _sync(first)
        assert result.pull.requests == 1 and result.pull.received == 0
        assert _offers(first.data_dir) == now


def test_a_france_travail_outage_keeps_the_hubs_offers_and_every_kiosks_catalogue(
    hub_db: Hub, tmp_path: Path
) -> None:
    with FakeFranceTravail(_make(180, DEPS)) as api:
        hub_db.extra_env.update(_hub_env(api, HUB_FRANCETRAVAIL_DEPARTEMENTS="69,01"))
        hub_db.serve()
        kiosk = _kiosk(hub_db, tmp_path, "lyon-a")
        assert _hub_pull(hub_db)["complete"]
        assert _sync(kiosk).ok
        kept, fresh = _offers(kiosk.data_dir), _meta(kiosk.data_dir, "catalogue_updated_at")
        rows = hub_db.query("SELECT id, version, removed FROM hub_offers_offer ORDER BY id")

        # 20 offers gone at France Travail, and the API fails in the middle of the pull (its
        # second page): a complete pull would remove them, this one must not.
        api.set_offers(_make(180, DEPS)[:160])
        api.inject(Fault("status", code=503, after=1))
        report = _hub_pull(hub_db)
        assert not report["complete"] and "503" in report["error"]
        assert report["removed"] == 0
        assert hub_db.query("SELECT id, version, removed FROM hub_offers_offer ORDER BY id") == rows
        (last_ok,) = hub_db.query("SELECT last_ok FROM hub_offers_feed")[0]
        assert last_ok is False

        result = _sync(kiosk)
        assert _offers(kiosk.data_dir) == kept
        assert _meta(kiosk.data_dir, "catalogue_updated_at") == fresh  # staff see its age
        assert result.pull.removed == 0

        # The hub itself unreachable: the kiosk keeps everything and says why.
        hub_db.stop()
        result = _sync(kiosk)
        assert not result.ok and "hub" in result.reason
        assert _offers(kiosk.data_dir) == kept


def test_the_feed_is_gzip_paged_and_refuses_bad_requests(hub_db: Hub, tmp_path: Path) -> None:
    with FakeFranceTravail(_make(180, DEPS)) as api:
        hub_db.extra_env.update(_hub_env(api, HUB_FRANCETRAVAIL_DEPARTEMENTS="69,01"))
        hub_db.serve()
        kiosk = _kiosk(hub_db, tmp_path, "lyon-a")
        assert _hub_pull(hub_db)["complete"]
        token = kiosk.config().get_str("hub.token")
        url = f"{hub_db.url}/api/v1/offers"
        auth = {"Authorization": f"Bearer {token}"}
        raw = requests.get(
            url,
            params={"since": "0", "departements": "69"},
            headers={**auth, "Accept-Encoding": "gzip"},
            stream=True,
            timeout=10,
        )
        assert raw.headers["Content-Encoding"] == "gzip"
        wire = raw.raw.read()
        body = json.loads(gzip.decompress(wire))
        assert len(wire) * 3 < len(gzip.decompress(wire))
        assert body["full"] and body["more"] and len(body["offers"]) == 50
        assert {o["offer"]["lieuTravail"]["libelle"][:2] for o in body["offers"]} == {"69"}
        assert body["areas"]["69"] is not None
        following = requests.get(
            url, params={"since": str(body["version"])}, headers=auth, timeout=10
        ).json()
        assert min(o["version"] for o in following["offers"]) > body["version"]
        for params, status in (
            ({"since": "-1"}, 400),
            ({"since": "x"}, 400),
            ({"departements": "69;DROP TABLE"}, 400),
        ):
            answer = requests.get(url, params=params, headers=auth, timeout=10)
            assert answer.status_code == status and answer.json()["error"] == "malformed"
        assert requests.get(url, timeout=10).status_code == 401
        assert requests.get(url, headers={"Authorization": "Bearer forged"}, timeout=10).json()[
            "error"
        ] == ("bad_token")


def test_the_hub_pulls_on_schedule_the_departements_its_kiosks_ask_for(
    hub_db: Hub, tmp_path: Path
) -> None:
    with FakeFranceTravail(_make(60, ["38", "69"])) as api:
        # No fixed list: the hub learns the départements from its kiosks.
        hub_db.extra_env.update(_hub_env(api, HUB_OFFERS_INTERVAL="1"))
        hub_db.serve(relay=True)
        kiosk = _kiosk(hub_db, tmp_path, "grenoble")
        result = sync_once(kiosk.config(francetravail__departements=["38"]), kiosk.data_dir)
        assert not result.ok and result.pull.received == 0  # the hub has not pulled 38 yet
        deadline = time.monotonic() + 20
        while not hub_db.query("SELECT count(*) FROM hub_offers_offer")[0][0]:
            assert time.monotonic() < deadline, "the scheduled pull did not come"
            time.sleep(0.2)
        result = sync_once(kiosk.config(francetravail__departements=["38"]), kiosk.data_dir)
        assert result.ok, result.reason
        assert result.pull.received == 30
        db = open_db(kiosk.data_dir / CATALOGUE_FILE, CATALOGUE_SCHEMA)
        try:
            assert db.execute("SELECT DISTINCT departement FROM offers").fetchall() == [("38",)]
        finally:
            db.conn.close()


def test_the_bench_figure_shows_the_relay_divides_france_travail_requests() -> None:
    figure = requests_per_day(1000, 12, offers_per_departement=3000)
    assert figure["with_relay"] * 50 < figure["without_relay"]
    assert requests_per_day(1, 1)["ratio"] == 1.0  # one kiosk alone gains nothing


def test_a_hub_without_france_travail_credentials_leaves_the_catalogue_alone(
    hub_db: Hub, tmp_path: Path
) -> None:
    hub_db.serve()
    kiosk = _kiosk(hub_db, tmp_path, "lyon-a")
    result = _sync(kiosk)
    assert result.ok and result.pull is None
    assert result.reason.startswith("pull not configured")
