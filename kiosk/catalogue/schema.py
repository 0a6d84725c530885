"""`catalogue.db`: offers and occupations. Rebuildable from the last sync or the shipped data.

The offers table keeps the France Travail API's shape (see docs/architecture.md): the columns
the kiosk shows or filters on, plus the offer as received, so nothing shown is altered.
"""

from __future__ import annotations

import sqlite_utils

from kiosk.storage.database import Schema


def _v1(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- The 14 ROME "grands domaines", keyed by the first letter of a ROME code.
        CREATE TABLE domains (letter TEXT PRIMARY KEY, label TEXT NOT NULL);
        CREATE TABLE occupations (
            code TEXT PRIMARY KEY,           -- ROME code, e.g. D1102
            label TEXT NOT NULL,             -- "Boulanger / Boulangère"
            domain TEXT NOT NULL REFERENCES domains(letter)
        );
        CREATE TABLE sectors (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
        CREATE TABLE sector_occupations (
            sector_id INTEGER NOT NULL REFERENCES sectors(id),
            code TEXT NOT NULL REFERENCES occupations(code),
            PRIMARY KEY (sector_id, code)
        );
        CREATE TABLE offers (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            rome_code TEXT,
            rome_label TEXT,
            place_label TEXT,
            commune TEXT,                    -- INSEE code
            postcode TEXT,
            departement TEXT,
            latitude REAL,
            longitude REAL,
            employer TEXT,
            contract_type TEXT,              -- CDI, CDD, MIS, SAI, ...
            contract_label TEXT,
            contract_nature TEXT,
            experience TEXT,                 -- D, S, E
            experience_label TEXT,
            salary_label TEXT,
            working_time_label TEXT,
            full_time INTEGER,               -- 1, 0 or NULL when unknown
            work_study INTEGER NOT NULL DEFAULT 0,
            created_at TEXT,
            updated_at TEXT,
            apply_url TEXT,
            apply_text TEXT,                 -- how to apply, in the offer's words
            source_url TEXT,
            origin TEXT NOT NULL,            -- demo, francetravail, import
            raw TEXT NOT NULL                -- the offer as received (JSON)
        );
        CREATE INDEX offers_rome ON offers(rome_code);
        CREATE INDEX offers_departement ON offers(departement);
        CREATE INDEX offers_updated ON offers(updated_at);
        """
    )


CATALOGUE_SCHEMA = Schema("catalogue.db", (_v1,))
