"""The real hub for tests: one PostgreSQL cluster per session (Debian's package, in a temp
directory), a database per test copied from a migrated template, and the hub served by
gunicorn on 127.0.0.1 as `hub serve` does."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests

from hub.pg import LocalCluster, bin_dir

ROOT = Path(__file__).resolve().parents[2]
_numbers = itertools.count()


def _require_postgres() -> None:
    try:
        bin_dir()
    except Exception as exc:
        pytest.fail(f"the hub's tests need Debian's postgresql package: {exc}")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[LocalCluster]:
    _require_postgres()
    # Not under pytest's tmp (0700 under /tmp/pytest-of-root): as root, the server runs as
    # `postgres`, who must reach its directory.
    root = Path(tempfile.mkdtemp(prefix="hub-pg-"))
    os.chmod(root, 0o711)
    cluster = LocalCluster(root, fsync=False)
    cluster.start()
    cluster.ensure_database("hub_template")
    env = base_env(cluster.url("hub_template"))
    done = subprocess.run(
        [sys.executable, "-m", "hub", "migrate"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    try:
        yield cluster
    finally:
        cluster.destroy()
        shutil.rmtree(root, ignore_errors=True)


SECRETS = {
    "HUB_SECRET_KEY": "test-secret-key-not-for-production-0123456789",
    # 32 bytes of base64: a fixed key, so every test process agrees.
    "HUB_DATA_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    "HUB_SPACES_SCRYPT_N": str(2**10),  # fast in tests; the default is 2**14
}


def base_env(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "KIOSK_"))}
    env.update(SECRETS, HUB_DATABASE_URL=url, HUB_CONN_MAX_AGE="60", **extra)
    env["PYTHONPATH"] = str(ROOT)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Hub:
    cluster: LocalCluster
    database: str
    url: str = ""
    process: subprocess.Popen[bytes] | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def db_url(self) -> str:
        return self.cluster.url(self.database)

    def env(self) -> dict[str, str]:
        return base_env(self.db_url, **self.extra_env)

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hub", *args],
            env=self.env(),
            cwd=ROOT,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def query(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.db_url) as conn:
            return conn.execute(sql, params).fetchall()

    def serve(self, workers: int = 1, relay: bool = False) -> str:
        port = free_port()
        args = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
        if not relay:
            args.append("--no-relay")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hub", *args],
            env=self.env(),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self.url
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the hub did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.process = None

    def add_kiosk(self, name: str, *extra: str) -> str:
        done = self.cli("add-kiosk", name, *extra)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]


def drop_database(cluster: LocalCluster, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(cluster.url("postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def hub_db(pg_cluster: LocalCluster) -> Iterator[Hub]:
    """A fresh database copied from the migrated template (no server)."""
    name = f"hub_test_{os.getpid()}_{next(_numbers)}"
    pg_cluster.ensure_database(name, template="hub_template")
    hub = Hub(pg_cluster, name)
    try:
        yield hub
    finally:
        hub.stop()
        drop_database(pg_cluster, name)


@pytest.fixture
def hub(hub_db: Hub) -> Hub:
    """The hub served by the real server on 127.0.0.1, on its own database."""
    hub_db.serve()
    return hub_db


# --- kiosks enrolled at the hub, each with its own data directory ------------------------


@dataclass
class KioskSide:
    name: str
    config_path: Path
    data_dir: Path

    def config(self, **values: Any) -> Any:
        from kiosk import config

        loaded = config.load(self.config_path, environ={})
        return loaded.with_values(**values) if values else loaded

    def store(self) -> Any:
        from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
        from kiosk.sync.run import KIOSK_FILE, open_db

        return open_db(self.data_dir / KIOSK_FILE, KIOSK_SCHEMA)


def kiosk_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "KIOSK_"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


CONFIG_TEXT = """# Kiosk at the test agency: comments must survive enrolment.
data_dir = "{data}"

[sync]
# tries before staff
max_attempts = 10
"""


@pytest.fixture
def enrolled(hub: Hub, tmp_path: Path) -> Any:
    """`enrolled("lyon-a")`: a kiosk registered with `hub add-kiosk` and joined with the real
    `kiosk enrol` command."""

    def make(name: str, *extra: str) -> KioskSide:
        code = hub.add_kiosk(name, *extra)
        folder = tmp_path / name
        folder.mkdir()
        config_path = folder / "kiosk.toml"
        config_path.write_text(CONFIG_TEXT.format(data=folder / "data"), encoding="utf-8")
        done = kiosk_cli("enrol", hub.url, code, "--config", str(config_path))
        assert done.returncode == 0, done.stderr
        return KioskSide(name, config_path, folder / "data")

    return make
