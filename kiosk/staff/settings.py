"""Settings staff change on the kiosk, stored in `kiosk.db`, over the configuration file.

Only a few settings may be changed this way (OVERRIDABLE); each value is checked by the same
registry rules as the file (`REGISTRY[key].coerce`), so an override can never hold what the
configuration file could not.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import sqlite_utils

from kiosk.config import REGISTRY, Config, ConfigError

log = logging.getLogger(__name__)

OVERRIDABLE = (
    "language.enabled",
    "session.idle_seconds",
    "speech.default_volume",
    "speech.rate",
    "printer.name",
)
_SOURCE = "staff settings"


def _check_key(key: str) -> None:
    if key not in OVERRIDABLE:
        raise KeyError(f"{key!r} cannot be changed from staff mode")


def _coerce(key: str, value: Any) -> Any:
    if isinstance(value, tuple):
        value = list(value)
    return REGISTRY[key].coerce(value, _SOURCE)


def set_override(db: sqlite_utils.Database, key: str, value: Any, config: Config) -> Any:
    """Check and store `value` for `key`; returns the value as the kiosk will use it.

    `config` is the file's configuration, needed for rules across settings (the default
    language must stay enabled). Raises ConfigError for a value the kiosk cannot use.
    """
    _check_key(key)
    coerced = _coerce(key, value)
    if key == "language.enabled":
        default = config.get_str("language.default")
        if default not in coerced:
            raise ConfigError(
                key, list(coerced), f"a list that includes the default language {default}", _SOURCE
            )
    stored = list(coerced) if isinstance(coerced, tuple) else coerced
    db.execute(
        "INSERT INTO staff_settings (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [key, json.dumps(stored), dt.datetime.now(dt.UTC).isoformat(timespec="seconds")],
    )
    log.info("staff changed setting %s", key)
    return coerced


def clear_override(db: sqlite_utils.Database, key: str) -> None:
    """Go back to the configuration file's value for `key`."""
    _check_key(key)
    db.execute("DELETE FROM staff_settings WHERE key = ?", [key])


def overrides(db: sqlite_utils.Database) -> dict[str, Any]:
    """The stored overrides that are still valid; a stale or damaged one is skipped (logged)."""
    found: dict[str, Any] = {}
    for key, raw in db.execute("SELECT key, value FROM staff_settings ORDER BY key").fetchall():
        if key not in OVERRIDABLE:
            log.warning("staff setting %s is no longer overridable; ignored", key)
            continue
        try:
            found[key] = _coerce(key, json.loads(raw))
        except (ValueError, ConfigError) as exc:
            log.warning("staff setting %s ignored: %s", key, exc)
    return found


def effective_config(config: Config, db: sqlite_utils.Database) -> Config:
    """The configuration with the staff overrides applied on top."""
    values = dict(config.values)
    for key, value in overrides(db).items():
        if key == "language.enabled" and values["language.default"] not in value:
            log.warning("staff setting %s ignored: it leaves out the default language", key)
            continue
        values[key] = value
    return Config(values, config.source, config.problems)
