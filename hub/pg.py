"""A local PostgreSQL cluster in a data directory, from Debian's `postgresql` package.

`make hub` and the tests use it; production names its own PostgreSQL by URL instead
(HUB_DATABASE_URL). The cluster listens on a Unix socket inside its directory only (no TCP
port, so several clusters never collide), with `trust` authentication: only the directory's
owner can reach the socket. `initdb` refuses to run as root, so when we are root the server
runs as the unprivileged `postgres` user Debian's package creates, and owns its directory.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
from pathlib import Path

SERVER_USER = "postgres"  # created by Debian's postgresql-common
DB_USER = "hub"
PORT = 5432  # names the socket file only: TCP is off


class ClusterError(Exception):
    """The cluster cannot be created or started; the message says what to do."""


def bin_dir() -> Path:
    """The newest PostgreSQL server binaries installed (/usr/lib/postgresql/<major>/bin)."""
    env = os.environ.get("HUB_PG_BIN")
    if env:
        return Path(env)
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if not found:
        raise ClusterError(
            "PostgreSQL is not installed: sudo apt-get install postgresql (Debian's package)"
        )
    return Path(found[-1]).parent


class LocalCluster:
    def __init__(self, root: Path, *, fsync: bool = True) -> None:
        self.root = root.resolve()
        self.data = self.root / "pgdata"
        self.run = self.root / "run"
        self.log = self.root / "postgres.log"
        self.fsync = fsync
        self.as_root = os.geteuid() == 0

    # --- running the server's tools as its user ----------------------------------------
    def _cmd(self, tool: str, *args: str) -> list[str]:
        command = [str(bin_dir() / tool), *args]
        if self.as_root:
            return ["runuser", "-u", SERVER_USER, "--", *command]
        return command

    def _call(self, tool: str, *args: str, timeout: float = 120.0) -> str:
        try:
            done = subprocess.run(
                self._cmd(tool, *args),
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd="/",
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ClusterError(f"{tool} failed: {exc}") from exc
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise ClusterError(f"{tool} failed: {' / '.join(tail)} (log: {self.log})")
        return done.stdout

    def _own(self, *paths: Path) -> None:
        """As root: the server's user owns its files; every parent can be traversed."""
        if not self.as_root:
            return
        user = pwd.getpwnam(SERVER_USER)
        for path in paths:
            os.chown(path, user.pw_uid, user.pw_gid)
        # The server must reach its directory: traverse (not list) on the parents we made.
        for parent in [self.root, *self.root.parents]:
            mode = parent.stat().st_mode
            if not mode & 0o001:
                os.chmod(parent, (mode | 0o001) & 0o7777)

    # --- the cluster ----------------------------------------------------------------------
    def url(self, database: str = "hub") -> str:
        return f"postgresql://{DB_USER}@/{database}?host={self.run}&port={PORT}"

    def initialised(self) -> bool:
        return (self.data / "PG_VERSION").exists()

    def init(self) -> None:
        if self.as_root:
            try:
                pwd.getpwnam(SERVER_USER)
            except KeyError as exc:
                raise ClusterError(
                    "running as root, but there is no 'postgres' user to run the server: "
                    "install Debian's postgresql package or run as an ordinary user"
                ) from exc
        self.root.mkdir(parents=True, exist_ok=True)
        self.run.mkdir(mode=0o700, exist_ok=True)
        self.log.touch(exist_ok=True)
        if self.initialised():
            self._own(self.run, self.log)
            return
        self.data.mkdir(mode=0o700, exist_ok=True)
        self._own(self.data, self.run, self.log)
        self._call(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            DB_USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
        )

    def running(self) -> bool:
        try:
            self._call("pg_ctl", "status", "-D", str(self.data), timeout=10)
        except ClusterError:
            return False
        return True

    def start(self) -> None:
        if not self.initialised():
            self.init()
        if self.running():
            return
        options = [
            "-c listen_addresses=''",
            f"-c unix_socket_directories='{self.run}'",
            f"-c port={PORT}",
            "-c max_connections=200",
        ]
        if not self.fsync:  # tests only: speed over surviving a power cut
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._call(
            "pg_ctl",
            "start",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "-o",
            " ".join(options),
        )

    def stop(self, mode: str = "fast") -> None:
        if self.initialised() and self.running():
            self._call("pg_ctl", "stop", "-D", str(self.data), "-m", mode, "-w", "-t", "60")

    def restart(self) -> None:
        self.stop()
        self.start()

    def ensure_database(self, name: str = "hub", template: str | None = None) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists:
                return
            query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template:
                query = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            conn.execute(query)

    def destroy(self) -> None:
        with contextlib.suppress(ClusterError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)
