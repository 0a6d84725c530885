"""The agency hub under 1,000 simulated kiosks (compressed time), with one and two hub
processes behind Debian's haproxy, on a PostgreSQL cluster made for the run (fsync off, as in
the tests: the figure is the hub's own cost, not this machine's disk).

Each kiosk-minute is what a kiosk sends in production in a minute of activity: its state (a
heartbeat and the day's counters, one batch) and a few events (one batch), through the
kiosk's real client; every event stays in the kiosk's outbox until acknowledged. Offer
changes are fetched too when the hub serves the offers relay (GET /api/v1/offers).
Figures, not asserts: lost and duplicated events are counted, not checked.
"""

from __future__ import annotations

import contextlib
import math
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

KIOSKS = int(os.environ.get("HUB_BENCH_KIOSKS", "1000"))
MINUTES = int(os.environ.get("HUB_BENCH_MINUTES", "2"))  # compressed kiosk-minutes each
EVENTS = 3  # events a kiosk sends in a busy minute (help, cancel, ...), besides its state
THREADS = 32  # kiosks talking at the same moment

# France Travail arithmetic (docs/hub.md, "Offers relay"): a kiosk pulling directly
# refreshes its départements every sync.interval_minutes (60); one département's offers take
# ceil(offers / 150) requests (the API's page) plus a token and the references.
OFFERS_PER_DEPARTEMENT = 12_000  # about the Rhône's count; most départements have fewer
DEPARTEMENTS_PER_KIOSK = 1
DEPARTEMENTS_IN_REGION = 12  # Auvergne-Rhône-Alpes: 1,000 kiosks would span about this
PULLS_PER_DAY = 24


def _france_travail() -> dict[str, Any]:
    """From the relay's own count (hub.offers.figures, the kiosk's paging rules) when the
    relay is built; else plain arithmetic on the same assumptions."""
    try:
        from hub.offers.figures import requests_per_day
    except ImportError:
        per_pull = math.ceil(OFFERS_PER_DEPARTEMENT / 150) + 2  # pages + token + references
        direct = KIOSKS * DEPARTEMENTS_PER_KIOSK * PULLS_PER_DAY * per_pull
        relayed = DEPARTEMENTS_IN_REGION * PULLS_PER_DAY * per_pull
        return {
            "source": "arithmetic (offers relay not built)",
            "assumptions": (
                f"{OFFERS_PER_DEPARTEMENT} offers per département, 150 per request, "
                f"{PULLS_PER_DAY} pulls a day, {KIOSKS} kiosks of one département each, "
                f"{DEPARTEMENTS_IN_REGION} départements in the region"
            ),
            "without_relay": direct,
            "with_relay": relayed,
            "ratio": round(direct / relayed, 1),
        }
    figures = requests_per_day(KIOSKS, DEPARTEMENTS_IN_REGION)
    return {"source": "hub.offers.figures.requests_per_day", **figures}


OFFERS = 3000  # in the département the kiosks follow, at the fake France Travail API


def _seed_offers(env: dict[str, str], stack: contextlib.ExitStack) -> bool:
    """When the hub has the offers relay: a fake France Travail API on 127.0.0.1 (the tests'
    own), pulled once by `hub pull-offers`, so kiosks fetch real pages, then only changes."""
    try:
        import hub.offers  # noqa: F401
        from tests.fakes.francetravail import CLIENT_ID, CLIENT_SECRET, FakeFranceTravail
        from tests.fakes.offers import make_offers
    except ImportError:
        return False
    api = stack.enter_context(FakeFranceTravail(make_offers(OFFERS, ["69"])))
    env.update(
        HUB_FRANCETRAVAIL_CLIENT_ID=CLIENT_ID,
        HUB_FRANCETRAVAIL_CLIENT_SECRET=CLIENT_SECRET,
        HUB_FRANCETRAVAIL_TOKEN_URL=f"{api.base_url}/connexion/oauth2/access_token",
        HUB_FRANCETRAVAIL_API_URL=f"{api.base_url}/partenaire/offresdemploi",
        HUB_FRANCETRAVAIL_REQUESTS_PER_SECOND="50",
        HUB_FRANCETRAVAIL_DEPARTEMENTS="69",
        HUB_OFFERS_INTERVAL="86400",  # pulled once here, not again during the run
    )
    done = subprocess.run(
        [sys.executable, "-m", "hub", "pull-offers"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.returncode == 0


def _offers_relay(url: str, token: str) -> str | None:
    """The relay's current version, read as a kiosk's first full fetch does (every page);
    None when the hub serves no offers relay."""
    import requests

    since = "0"
    try:
        for _ in range(1000):
            answer = requests.get(
                f"{url}/api/v1/offers",
                params={"since": since, "departements": "69", "references_since": ""},
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
            if answer.status_code != 200:
                return None
            page = answer.json()
            since = str(page["version"])
            if not page.get("more"):
                return since
    except (requests.RequestException, ValueError, KeyError):
        return None
    return None


def _phase(
    env: dict[str, str],
    fleet: list[tuple[str, str]],
    processes: int,
    postmaster: int,
    relay: str | None = None,
) -> dict[str, Any]:
    import psycopg

    from bench._hubload import Balancer, Driver, HubProcess, tree_cpu_seconds

    hubs = [HubProcess(env).start() for _ in range(processes)]
    balancer = Balancer([h.port for h in hubs]).start()
    if relay is None:  # asked once, so both phases carry the same load
        relay = _offers_relay(balancer.url, fleet[0][1])
    driver = Driver(balancer.url, fleet, threads=THREADS)
    if relay is not None:
        # Every kiosk already holds the offers (its first full fetch is done once in its
        # life): each minute it asks what changed since that version.
        driver.fetch_offers = True
        driver.offers_versions = {kiosk_id: relay for kiosk_id, _ in fleet}
    try:
        hub_cpu = sum(h.cpu_seconds() for h in hubs)
        pg_cpu = tree_cpu_seconds(postmaster)
        client_cpu = time.process_time()
        result = driver.run(MINUTES, EVENTS, deadline=900.0)
        hub_cpu = sum(h.cpu_seconds() for h in hubs) - hub_cpu
        pg_cpu = tree_cpu_seconds(postmaster) - pg_cpu
        client_cpu = time.process_time() - client_cpu
    finally:
        driver.close()
        balancer.stop()
        for h in hubs:
            h.stop()
    sent = set(driver.keys())
    with psycopg.connect(env["HUB_DATABASE_URL"]) as conn:
        stored = conn.execute("SELECT kiosk_id, key FROM hub_event").fetchall()
        helps = conn.execute("SELECT count(*) FROM hub_helprequest").fetchone()
        conn.execute("TRUNCATE hub_event, hub_helprequest, hub_heartbeat, hub_dailycounter")
    stored_set = {(k, key) for k, key in stored}
    help_sent = KIOSKS * MINUTES * len(range(0, EVENTS, 3))
    kiosk_minutes = KIOSKS * MINUTES
    figures = result.figures()
    figures.update(
        {
            "hub_processes": processes,
            "events_lost": len(sent - stored_set),
            "events_duplicated": (len(stored) - len(stored_set))
            + max(0, (helps[0] if helps else 0) - help_sent),
            "offers_relay_version": relay,
            "cpu_seconds_hub": round(hub_cpu, 2),
            "cpu_seconds_postgresql": round(pg_cpu, 2),
            "cpu_seconds_simulated_kiosks": round(client_cpu, 2),
            # One real minute of 1,000 kiosks costs this much CPU (hub + database).
            "cpu_seconds_per_1000_kiosk_minutes": round(
                (hub_cpu + pg_cpu) / kiosk_minutes * 1000, 2
            ),
            "kiosk_minutes_per_second": round(kiosk_minutes / result.seconds, 1),
        }
    )
    return figures


def run() -> dict[str, Any]:
    from bench._hubload import HAPROXY, make_fleet
    from hub.pg import LocalCluster, bin_dir

    try:
        bin_dir()
    except Exception as exc:
        return {"skipped": f"no PostgreSQL: {exc}"}
    if not Path(HAPROXY).exists():
        return {"skipped": "no haproxy (make system installs it)"}
    from hub.core.crypto import new_key

    root = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    os.chmod(root, 0o711)
    cluster = LocalCluster(root, fsync=False)
    stack = contextlib.ExitStack()
    try:
        cluster.start()
        cluster.ensure_database("hub")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "KIOSK_"))}
        env.update(
            HUB_DATABASE_URL=cluster.url("hub"),
            HUB_SECRET_KEY=secrets.token_urlsafe(48),
            HUB_DATA_KEY=new_key(),
            HUB_LOG_LEVEL="WARNING",
            PYTHONPATH=str(Path(__file__).resolve().parents[1]),
        )
        subprocess.run(
            [sys.executable, "-m", "hub", "migrate"],
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
        fleet = make_fleet(env, KIOSKS)
        seeded = _seed_offers(env, stack)
        load = os.getloadavg()[0]
        postmaster = int((cluster.data / "postmaster.pid").read_text().split()[0])
        one = _phase(env, fleet, 1, postmaster)
        two = _phase(env, fleet, 2, postmaster, relay=one["offers_relay_version"])
    finally:
        stack.close()
        cluster.destroy()
        shutil.rmtree(root, ignore_errors=True)
    real_time_rps = KIOSKS * (2 + (1 if one["offers_relay_version"] else 0)) / 60
    return {
        "kiosks": KIOSKS,
        "offers_relay_seeded": seeded,
        "kiosk_minutes_each": MINUTES,
        "events_per_kiosk_minute": EVENTS + 2,
        "concurrency": THREADS,
        "machine_cpus": os.cpu_count(),
        "load_average_before": round(load, 2),
        "one_process": one,
        "two_processes": two,
        # The same work (kiosk-minutes) done per second by two processes against one.
        "speedup_two_over_one": round(
            two["kiosk_minutes_per_second"] / one["kiosk_minutes_per_second"], 2
        ),
        "real_time_requests_per_second_for_these_kiosks": round(real_time_rps, 1),
        "headroom_one_process": round(one["requests_per_second"] / real_time_rps, 1),
        "france_travail": _france_travail(),
    }
