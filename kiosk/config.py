"""Every setting of the kiosk, declared once: name, type, default, description.

The registry is the single source: loading checks against it, `docs/config.md` is generated
from it, and code reads values only through keys it declares (a test checks that).
A configuration file is TOML; a dotted key `section.name` is `name` under `[section]`.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from kiosk import languages

APP_NAME = "france-travail-kiosk"
ENV_CONFIG = "KIOSK_CONFIG"
ENV_DATA_DIR = "KIOSK_DATA_DIR"
LANGUAGES = languages.CODES  # the registry in kiosk/languages.py


class ConfigError(Exception):
    """A setting has a value the kiosk cannot use: start-up stops and names it."""

    def __init__(self, key: str, value: object, expected: str, source: str = "") -> None:
        self.key, self.value, self.expected, self.source = key, value, expected, source
        where = f" in {source}" if source else ""
        super().__init__(f"setting '{key}'{where} has the value {value!r}: expected {expected}")


class UnknownSetting(ConfigError):
    """A key the registry does not declare. Its value is never shown, not even in a log: a
    misspelt `pasword = "..."` still holds a password."""

    def __init__(self, key: str, source: str = "") -> None:
        nearest = nearest_setting(key)
        hint = f"; did you mean '{nearest}'?" if nearest else ""
        self.key, self.value, self.source = key, "(not shown)", source
        self.expected = "a known setting (see docs/config.md)"
        where = f" in {source}" if source else ""
        Exception.__init__(
            self,
            f"setting '{key}'{where} is not a known setting{hint} "
            "(its value is not shown; see docs/config.md)",
        )


def nearest_setting(key: str) -> str | None:
    """The declared key an unknown one most likely meant, or None."""
    last = key.rsplit(".", 1)[-1]
    same_name = [k for k in REGISTRY if k.rsplit(".", 1)[-1] == last]
    if same_name:
        return same_name[0]
    close = difflib.get_close_matches(key, list(REGISTRY), n=1, cutoff=0.6)
    if close:
        return close[0]
    names = {k.rsplit(".", 1)[-1]: k for k in REGISTRY}
    close = difflib.get_close_matches(last, list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


@dataclass(frozen=True)
class Setting:
    key: str
    kind: str  # bool, int, str, path, list
    default: Any
    description: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    pattern: str = ""  # for str and strlist: a regular expression every value must match
    secret: bool = False  # never printed in messages or documentation examples

    def expected(self) -> str:
        if self.kind == "bool":
            return "true or false"
        if self.kind == "int":
            return f"a whole number from {self.minimum} to {self.maximum}"
        if self.kind == "list":
            return "a list of some of: " + ", ".join(self.choices)
        if self.kind == "strlist":
            return f"a list of texts like {self.pattern!r}" if self.pattern else "a list of texts"
        if self.pattern:
            return f"a text matching {self.pattern!r}"
        if self.choices:
            return "one of: " + ", ".join(self.choices)
        return "a path" if self.kind == "path" else "a text"

    def coerce(self, value: object, source: str = "") -> Any:
        def bad() -> ConfigError:
            shown = "(hidden)" if self.secret else value
            return ConfigError(self.key, shown, self.expected(), source)

        def matches(text: str) -> bool:
            return not self.pattern or re.fullmatch(self.pattern, text) is not None

        if self.kind == "bool":
            if not isinstance(value, bool):
                raise bad()
            return value
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise bad()
            assert self.minimum is not None and self.maximum is not None
            if not self.minimum <= value <= self.maximum:
                raise bad()
            return value
        if self.kind == "list":
            if not isinstance(value, list) or not value:
                raise bad()
            if any(not isinstance(v, str) or v not in self.choices for v in value):
                raise bad()
            return tuple(dict.fromkeys(value))
        if self.kind == "strlist":
            if not isinstance(value, list):
                raise bad()
            if any(not isinstance(v, str) or not matches(v) for v in value):
                raise bad()
            return tuple(dict.fromkeys(value))
        if not isinstance(value, str):
            raise bad()
        if self.choices and value not in self.choices:
            raise bad()
        if value and not matches(value):
            raise bad()
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "data_dir",
        "path",
        "",
        "Where the databases, speech cache and logs live. Empty: the platform's user data "
        f"folder. The environment variable {ENV_DATA_DIR} overrides it.",
    ),
    Setting(
        "language.default",
        "str",
        "fr",
        "The language a new session starts in.",
        choices=LANGUAGES,
    ),
    Setting(
        "language.enabled",
        "list",
        list(languages.DEFAULT_ENABLED),
        "The languages offered on the welcome screen and in the bar's language chooser. A "
        "language without a speech voice on this computer is still shown; `kiosk doctor` "
        "and the staff status line say so.",
        choices=LANGUAGES,
    ),
    Setting(
        "language.order",
        "list",
        [],
        "The order of the languages on the welcome screen, first the ones most people at "
        'this agency read (for example `["fr", "uk", "ar"]`). Enabled languages not '
        "listed follow in the kiosk's own order. Empty: the order of language.enabled.",
        choices=LANGUAGES,
    ),
    Setting(
        "session.idle_seconds",
        "int",
        90,
        "Seconds without a touch before the kiosk asks whether the person is still there.",
        minimum=20,
        maximum=3600,
    ),
    Setting(
        "session.warning_seconds",
        "int",
        20,
        "Seconds the 'Are you still there?' countdown lasts before the session ends and "
        "everything not saved is wiped.",
        minimum=5,
        maximum=120,
    ),
    Setting(
        "session.help_wait_seconds",
        "int",
        900,
        "Seconds without a touch before 'Are you still there?' while a person waits for the "
        "staff member they asked for (their session is not wiped under them).",
        minimum=20,
        maximum=7200,
    ),
    Setting("speech.enabled", "bool", True, "Speak screens and controls aloud."),
    Setting(
        "speech.rate",
        "int",
        150,
        "Speaking rate in words per minute (slower is easier to follow).",
        minimum=80,
        maximum=300,
    ),
    Setting(
        "speech.default_volume",
        "int",
        3,
        "Volume step every session starts at (0 silent to 5 loudest); it returns to this "
        "after each person.",
        minimum=0,
        maximum=5,
    ),
    Setting(
        "speech.player",
        "str",
        "auto",
        "How sound is played: auto picks aplay on Linux and winsound on Windows.",
        choices=("auto", "aplay", "winsound", "none"),
    ),
    Setting(
        "speech.cache_mb",
        "int",
        64,
        "Disk space for already synthesised phrases, in megabytes.",
        minimum=1,
        maximum=4096,
    ),
    Setting(
        "touch.hold_to_speak_ms",
        "int",
        600,
        "Touching and holding a control this long speaks its name without acting.",
        minimum=200,
        maximum=3000,
    ),
    Setting(
        "touch.listen_first",
        "bool",
        False,
        "Start every session in 'listen first' mode: the first tap speaks, the second acts.",
    ),
    Setting(
        "display.fullscreen",
        "bool",
        False,
        "Run as a kiosk: full screen, no window frame, no way out but staff mode "
        "(the same as `kiosk run --kiosk`).",
    ),
    Setting(
        "display.large_text",
        "bool",
        False,
        "Start every session with large text.",
    ),
    Setting(
        "agency.name",
        "str",
        "",
        "The agency's name, shown on the welcome screen.",
    ),
    Setting(
        "agency.commune",
        "str",
        "69123",
        "INSEE code of the agency's town: the centre of 'offers near here' (default Lyon).",
        pattern=r"\d[0-9AB]\d{3}",
    ),
    Setting(
        "printer.name",
        "str",
        "",
        "Printer for offers and CVs. Empty: the system's default printer.",
    ),
    Setting(
        "spaces.expiry_days",
        "int",
        90,
        "A saved space unused for this many days is deleted.",
        minimum=1,
        maximum=3650,
    ),
    Setting(
        "francetravail.client_id",
        "str",
        "",
        "France Travail API client id. Empty: no pull; the kiosk stays on its shipped or "
        "imported catalogue.",
    ),
    Setting(
        "francetravail.client_secret", "str", "", "France Travail API client secret.", secret=True
    ),
    Setting(
        "francetravail.token_url",
        "str",
        "https://entreprise.francetravail.fr/connexion/oauth2/access_token",
        "OAuth2 token endpoint (client credentials).",
        pattern=r"https?://\S+",
    ),
    Setting(
        "francetravail.api_url",
        "str",
        "https://api.francetravail.io/partenaire/offresdemploi",
        "Base URL of the 'Offres d'emploi v2' API.",
        pattern=r"https?://\S+",
    ),
    Setting(
        "francetravail.departements",
        "strlist",
        ["69"],
        "Départements whose offers are pulled (5 per request at most; more are split).",
        pattern=r"\d{2}|2A|2B|97\d",
    ),
    Setting(
        "francetravail.page_cap",
        "int",
        3149,
        "Highest 'last' index the API accepts in a range; larger searches are split by "
        "creation date.",
        minimum=149,
        maximum=3149,
    ),
    Setting(
        "francetravail.requests_per_second",
        "int",
        3,
        "Client-side rate limit towards the API.",
        minimum=1,
        maximum=10,
    ),
    Setting("smtp.host", "str", "", "SMTP server for e-mails users ask to send. Empty: none."),
    Setting("smtp.port", "int", 587, "SMTP port.", minimum=1, maximum=65535),
    Setting("smtp.starttls", "bool", True, "Use STARTTLS on the SMTP connection."),
    Setting("smtp.username", "str", "", "SMTP user name (empty: no login)."),
    Setting("smtp.password", "str", "", "SMTP password.", secret=True),
    Setting("smtp.sender", "str", "", "The From address of e-mails the kiosk sends."),
    Setting(
        "hub.url", "str", "", "The agency hub's base URL. Empty: no hub.", pattern=r"https?://\S+"
    ),
    Setting("hub.kiosk_id", "str", "", "This kiosk's name at the hub."),
    Setting("hub.token", "str", "", "Bearer token for the hub.", secret=True),
    Setting(
        "sync.interval_minutes",
        "int",
        60,
        "Minutes between background syncs while the kiosk runs.",
        minimum=1,
        maximum=1440,
    ),
    Setting(
        "sync.max_attempts",
        "int",
        10,
        "Failed deliveries of one outbox item before it waits for staff.",
        minimum=1,
        maximum=100,
    ),
    Setting(
        "staff.pin_hash",
        "str",
        "",
        "Hash of the staff PIN (`kiosk set-staff-pin` writes it). Empty: staff mode is off.",
        secret=True,
    ),
    Setting(
        "staff.corner",
        "str",
        "top-left",
        "Corner of the screen where a long press opens staff mode.",
        choices=("top-left", "top-right", "bottom-left", "bottom-right"),
    ),
    Setting(
        "staff.hold_seconds",
        "int",
        3,
        "Seconds the corner must be held to open staff mode.",
        minimum=2,
        maximum=15,
    ),
    Setting(
        "catalogue.demo",
        "bool",
        True,
        "With no real catalogue yet, seed a clearly labelled demo catalogue of offers.",
    ),
    Setting(
        "logging.level",
        "str",
        "INFO",
        "How much the log says.",
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
    ),
)

REGISTRY: dict[str, Setting] = {s.key: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    values: Mapping[str, Any]
    source: Path | None = None
    problems: tuple[str, ...] = field(default=())

    def _get(self, key: str, kind: str) -> Any:
        setting = REGISTRY.get(key)
        if setting is None:
            raise KeyError(f"undeclared setting {key!r}")
        if setting.kind != kind:
            raise TypeError(f"setting {key!r} is a {setting.kind}, not a {kind}")
        return self.values[key]

    def get_bool(self, key: str) -> bool:
        return bool(self._get(key, "bool"))

    def get_int(self, key: str) -> int:
        return int(self._get(key, "int"))

    def get_str(self, key: str) -> str:
        return str(self._get(key, "str"))

    def get_list(self, key: str) -> tuple[str, ...]:
        setting = REGISTRY.get(key)
        kind = setting.kind if setting is not None and setting.kind == "strlist" else "list"
        return tuple(self._get(key, kind))

    @property
    def data_dir(self) -> Path:
        return Path(self._get("data_dir", "path"))

    def with_values(self, **overrides: Any) -> Config:
        """A copy with some values replaced (keys with '__' for '.'), checked like a file."""
        values = dict(self.values)
        for name, value in overrides.items():
            key = name.replace("__", ".")
            values[key] = REGISTRY[key].coerce(value, "override")
        return Config(values, self.source, self.problems)


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = value
    return flat


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def load(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read the settings: defaults, then the TOML file, then the environment.

    A value of the wrong type or out of range raises ConfigError (start-up stops). A file
    that cannot be read or parsed is reported in `problems` and the defaults are used, so a
    damaged file on one terminal never leaves a person in front of a dead screen.
    """
    env = os.environ if environ is None else environ
    if path is None and env.get(ENV_CONFIG):
        path = Path(env[ENV_CONFIG])
    values = {s.key: s.default for s in SETTINGS}
    problems: list[str] = []
    source = str(path) if path else ""
    if path is not None:
        try:
            with open(path, "rb") as handle:
                table = tomllib.load(handle)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(f"configuration file {path} could not be read ({exc}); using defaults")
        else:
            for key, value in _flatten(table).items():
                setting = REGISTRY.get(key)
                if setting is None:
                    raise UnknownSetting(key, source)
                values[key] = setting.coerce(value, source)
    for setting in SETTINGS:
        if setting.kind in ("list", "strlist"):
            values[setting.key] = tuple(values[setting.key])
    if values["language.default"] not in values["language.enabled"]:
        raise ConfigError(
            "language.default",
            values["language.default"],
            "one of language.enabled: " + ", ".join(values["language.enabled"]),
            source,
        )
    data_dir = env.get(ENV_DATA_DIR) or values["data_dir"]
    values["data_dir"] = str(Path(data_dir).expanduser()) if data_dir else str(default_data_dir())
    return Config(values, path, tuple(problems))


def markdown_reference(settings: Sequence[Setting] = SETTINGS) -> str:
    """The text of docs/config.md, generated so the documentation cannot drift."""
    lines = [
        "# Configuration",
        "",
        "<!-- Generated by `python -m kiosk config-doc` from kiosk/config.py. Do not edit. -->",
        "",
        f"The kiosk reads a TOML file given by `--config PATH` or the `{ENV_CONFIG}` "
        f"environment variable. `{ENV_DATA_DIR}` overrides the data directory. With no file at "
        "all the kiosk runs on the defaults below. A value of the wrong type or out of range "
        "stops start-up with a message naming the key, the value and what is expected; an "
        "unknown key does too. A file that cannot be read at all is reported on the staff "
        "status line and the defaults are used.",
        "",
        "A dotted key `section.name` is written `name = ...` under `[section]`.",
        "",
        "| key | type | default | expected | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for s in settings:
        default = list(s.default) if s.kind in ("list", "strlist") else s.default
        shown = (
            "`true`"
            if default is True
            else "`false`"
            if default is False
            else f"`{default!r}`"
            if default != ""
            else "(empty)"
        )
        lines.append(f"| `{s.key}` | {s.kind} | {shown} | {s.expected()} | {s.description} |")
    lines += [
        "",
        "## Example",
        "",
        "```toml",
        "[language]",
        'default = "fr"',
        'enabled = ["fr", "en", "ar", "es", "pt", "ro", "uk", "tr", "fa"]',
        'order = ["fr", "ar", "uk"]',
        "",
        "[session]",
        "idle_seconds = 120",
        "",
        "[speech]",
        "default_volume = 4",
        "```",
        "",
    ]
    return "\n".join(lines)
