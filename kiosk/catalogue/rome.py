"""The ROME 4.0 occupations shipped in `data/rome/`, into `catalogue.db`.

The shipped file groups occupations by NAF activity sector (see data/rome/SOURCE.md); an
occupation appears under every sector it belongs to, so the occupation list is the union.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk import resources
from kiosk.catalogue.offers import transaction

_CODE = re.compile(r"^[A-N]\d{4}$")


class RomeDataError(ValueError):
    """The shipped ROME files are not what this module expects (a packaging mistake)."""


@dataclass(frozen=True)
class Sector:
    id: int
    label: str
    codes: tuple[str, ...]  # ROME codes, in the file's order


@dataclass(frozen=True)
class RomeData:
    occupations: dict[str, str]  # ROME code -> label ("Boulanger / Boulangère")
    domains: dict[str, str]  # letter A..N -> label of the "grand domaine"
    sectors: tuple[Sector, ...]

    @staticmethod
    def domain_of(code: str) -> str:
        """The grand domaine of a ROME code is its first letter."""
        return code[0]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RomeDataError(f"cannot read {path}: {exc}") from exc


def load_domains(path: Path | None = None) -> dict[str, str]:
    path = path or resources.data_file("rome", "domains.json")
    raw = _read_json(path)
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and re.fullmatch(r"[A-N]", k) and isinstance(v, str) and v
        for k, v in raw.items()
    ):
        raise RomeDataError(f"{path}: expected an object of letter A..N -> label")
    return dict(sorted(raw.items()))


def load_rome(path: Path | None = None, domains_path: Path | None = None) -> RomeData:
    """Read the shipped sector -> occupations file and the domain labels.

    Paths are resolved at call time, not import time, so a PyInstaller bundle finds its copy.
    """
    path = path or resources.data_file("rome", "secteurs_naf_rome.json")
    raw = _read_json(path)
    if not isinstance(raw, dict):
        raise RomeDataError(f"{path}: expected an object of sector id -> sector")
    domains = load_domains(domains_path)
    occupations: dict[str, str] = {}
    sectors: list[Sector] = []
    for key, sector in raw.items():
        if not (isinstance(key, str) and key.isdigit() and isinstance(sector, dict)):
            raise RomeDataError(f"{path}: sector {key!r} is not a numbered object")
        label, entries = sector.get("libelle"), sector.get("codes_rome")
        if not isinstance(label, str) or not isinstance(entries, list):
            raise RomeDataError(f"{path}: sector {key} lacks libelle or codes_rome")
        codes: list[str] = []
        for entry in entries:
            code = entry.get("code") if isinstance(entry, dict) else None
            name = entry.get("libelle") if isinstance(entry, dict) else None
            if not (isinstance(code, str) and _CODE.match(code) and isinstance(name, str)):
                raise RomeDataError(f"{path}: sector {key} has a malformed occupation {entry!r}")
            if code[0] not in domains:
                raise RomeDataError(f"{path}: {code} belongs to no known domain")
            occupations.setdefault(code, name)
            if code not in codes:
                codes.append(code)
        sectors.append(Sector(int(key), label, tuple(codes)))
    sectors.sort(key=lambda s: s.id)
    return RomeData(dict(sorted(occupations.items())), domains, tuple(sectors))


def store_rome(db: sqlite_utils.Database, data: RomeData) -> None:
    """Write domains, occupations and sectors in one transaction; safe to run again."""
    conn = db.conn
    with transaction(db):
        conn.executemany(
            "INSERT INTO domains (letter, label) VALUES (?, ?) "
            "ON CONFLICT(letter) DO UPDATE SET label = excluded.label",
            data.domains.items(),
        )
        conn.executemany(
            "INSERT INTO occupations (code, label, domain) VALUES (?, ?, ?) "
            "ON CONFLICT(code) DO UPDATE SET label = excluded.label, domain = excluded.domain",
            ((code, label, data.domain_of(code)) for code, label in data.occupations.items()),
        )
        conn.executemany(
            "INSERT INTO sectors (id, label) VALUES (?, ?) "
            "ON CONFLICT(id) DO UPDATE SET label = excluded.label",
            ((s.id, s.label) for s in data.sectors),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO sector_occupations (sector_id, code) VALUES (?, ?)",
            ((s.id, code) for s in data.sectors for code in s.codes),
        )
