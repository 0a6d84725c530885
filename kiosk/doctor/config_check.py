"""The configuration file, checked key by key so a technician sees every mistake at once."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk import config
from kiosk.doctor import Check, ok, problem, warning
from kiosk.staff.pin import parse_hash

DOC = "see docs/config.md or `kiosk config-doc`"


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = value
    return flat


def _where(key: str) -> str:
    section, _, name = key.rpartition(".")
    return f"`{name}` under [{section}]" if section else f"`{name}` at the top"


def suggest(key: str) -> str:
    """A hint for an unknown key: the known setting it most likely meant."""
    sections = {k.split(".")[0] for k in config.REGISTRY if "." in k}
    if key in sections:
        return f"[{key}] is a section: write its settings under a [{key}] header; {DOC}"
    last = key.rsplit(".", 1)[-1]
    same_name = [k for k in config.REGISTRY if k.rsplit(".", 1)[-1] == last]
    if same_name:
        return "did you mean " + " or ".join(_where(k) for k in same_name) + "?"
    close = difflib.get_close_matches(key, list(config.REGISTRY), n=1, cutoff=0.6)
    if close:
        return f"did you mean {_where(close[0])}?"
    return f"remove it; {DOC}"


def config_path(path: Path | None, environ: Mapping[str, str]) -> Path | None:
    if path is None and environ.get(config.ENV_CONFIG):
        return Path(environ[config.ENV_CONFIG])
    return path


def check_file(path: Path | None) -> list[Check]:
    """Every problem in the file, not just the first one start-up would stop at."""
    if path is None:
        return [ok("config", f"no configuration file ({config.ENV_CONFIG} unset): defaults")]
    try:
        with open(path, "rb") as handle:
            table = tomllib.load(handle)
    except FileNotFoundError:
        return [
            problem(
                "config",
                f"{path} does not exist; the kiosk runs on the defaults",
                f"create it or correct --config / {config.ENV_CONFIG}",
            )
        ]
    except OSError as exc:
        return [problem("config", f"{path} cannot be read ({exc})", "check its permissions")]
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return [
            problem(
                "config",
                f"{path} is not valid TOML ({exc}); the kiosk runs on the defaults",
                "fix the line named; strings need double quotes",
            )
        ]
    found: list[Check] = []
    values: dict[str, Any] = {}
    for key, value in _flatten(table).items():
        setting = config.REGISTRY.get(key)
        if setting is None:
            found.append(problem("config", f"unknown setting '{key}' in {path}", suggest(key)))
            continue
        try:
            values[key] = setting.coerce(value, str(path))
        except config.ConfigError as exc:
            found.append(problem("config", str(exc), f"correct it; {DOC}"))
    if found:
        return [*found, warning("config", "the kiosk will not start with this file")]
    try:
        config.load(path, environ={})
    except config.ConfigError as exc:
        return [problem("config", str(exc), f"correct it; {DOC}")]
    return [ok("config", f"{path}: {len(values)} setting(s), all valid")]


def load_for_checks(path: Path | None, environ: Mapping[str, str]) -> tuple[config.Config, str]:
    """The configuration the other checks use: the file's, or the defaults if it is broken."""
    try:
        return config.load(path, environ=environ), ""
    except config.ConfigError:
        env = {k: v for k, v in environ.items() if k != config.ENV_CONFIG}
        return config.load(None, environ=env), "the configuration is broken: checked with defaults"


def check_settings(settings: config.Config) -> list[Check]:
    """Settings that are valid alone but do not work together, and the staff PIN."""
    found: list[Check] = []
    pin_hash = settings.get_str("staff.pin_hash")
    if not pin_hash:
        found.append(
            warning(
                "staff PIN",
                "staff.pin_hash is empty: staff mode is off, so in kiosk mode nobody can exit",
                "run `kiosk set-staff-pin --config FILE`",
            )
        )
    else:
        try:
            parse_hash(pin_hash)
        except ValueError as exc:
            found.append(
                problem(
                    "staff PIN", f"staff.pin_hash: {exc}", "run `kiosk set-staff-pin --config FILE`"
                )
            )
        else:
            found.append(ok("staff PIN", "set"))
    client = settings.get_str("francetravail.client_id")
    if client and not settings.get_str("francetravail.client_secret"):
        found.append(
            problem(
                "config",
                "francetravail.client_id is set but client_secret is empty",
                "add client_secret under [francetravail]",
            )
        )
    if settings.get_str("hub.url") and not settings.get_str("hub.token"):
        found.append(
            warning("config", "hub.url is set but hub.token is empty", "add token under [hub]")
        )
    if settings.get_str("smtp.host") and not settings.get_str("smtp.sender"):
        found.append(
            warning(
                "config",
                "smtp.host is set but smtp.sender is empty: e-mails have no From address",
                "add sender under [smtp]",
            )
        )
    return found


def environment_note(environ: Mapping[str, str]) -> list[Check]:
    data = environ.get(config.ENV_DATA_DIR)
    return [ok("data dir", f"{config.ENV_DATA_DIR}={data} overrides data_dir")] if data else []


__all__ = ["check_file", "check_settings", "config_path", "environment_note", "load_for_checks"]
