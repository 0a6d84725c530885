"""All of the doctor's checks, in the order a technician reads them."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk import config
from kiosk.doctor import Check, network, qt, speech, system, warning
from kiosk.doctor.config_check import (
    check_file,
    check_settings,
    config_path,
    environment_note,
    load_for_checks,
)
from kiosk.staff.settings import effective_config
from kiosk.staff.status import DiskUsageFn, disk_usage

log = logging.getLogger(__name__)


@dataclass
class Probes:
    """What the checks touch in the world; tests replace some of it."""

    disk_usage: DiskUsageFn = disk_usage
    try_write: system.WriteProbe = system.try_write
    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    speech: Callable[[config.Config], list[Check]] = speech.speech_checks
    qt: Callable[[config.Config], list[Check]] | None = None  # None: the real child process
    network: Callable[[config.Config], list[Check]] = network.network_checks


def _with_staff_overrides(settings: config.Config) -> tuple[config.Config, list[Check]]:
    """Languages and printer as staff set them in kiosk.db, when it can be read."""
    path = settings.data_dir / "kiosk.db"
    if not path.exists():
        return settings, []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
        try:
            import sqlite_utils

            return effective_config(settings, sqlite_utils.Database(conn)), []
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return settings, [warning("staff settings", f"could not be read ({exc})")]


def run_checks(
    path: Path | None,
    environ: Mapping[str, str] | None = None,
    probes: Probes | None = None,
    with_network: bool = True,
) -> list[Check]:
    env = dict(os.environ if environ is None else environ)
    probes = probes or Probes()
    path = config_path(path, env)
    checks: list[Check] = [system.python_check()]
    checks += check_file(path)
    settings, note = load_for_checks(path, env)
    if note:
        checks.append(warning("config", note))
    settings, notes = _with_staff_overrides(settings)
    checks += notes
    checks += check_settings(settings)
    checks += environment_note(env)
    data_dir = settings.data_dir
    checks.append(system.data_dir_check(data_dir, probes.try_write))
    checks.append(system.disk_check(data_dir, probes.disk_usage))
    checks += system.databases(data_dir)
    checks.append(system.clock_check(probes.now(), data_dir))
    if probes.qt is not None:
        checks += probes.qt(settings)
    else:
        checks += qt.qt_checks(
            settings.get_list("language.enabled"), settings.get_str("printer.name"), env
        )
    checks += probes.speech(settings)
    if with_network:
        checks += probes.network(settings)
    return checks
