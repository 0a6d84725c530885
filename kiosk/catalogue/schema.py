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


_FTS_COLUMNS = "title, rome_label, place_label, description"


def _v2(db: sqlite_utils.Database) -> None:
    """Full-text search over offers, kept right by triggers whoever writes (sync, import,
    a technician's DELETE), and an index for "offers of these occupations, newest first".

    External content: the words live once, in `offers`; the index refers to offers by rowid.
    `VACUUM` may renumber the rowids of a table without an INTEGER PRIMARY KEY, so whoever
    vacuums catalogue.db must then run `INSERT INTO offers_fts(offers_fts) VALUES('rebuild')`.
    """
    new = ", ".join(f"new.{c}" for c in _FTS_COLUMNS.split(", "))
    old = ", ".join(f"old.{c}" for c in _FTS_COLUMNS.split(", "))
    db.executescript(
        f"""
        CREATE VIRTUAL TABLE offers_fts USING fts5(
            {_FTS_COLUMNS},
            content='offers', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER offers_fts_insert AFTER INSERT ON offers BEGIN
            INSERT INTO offers_fts (rowid, {_FTS_COLUMNS}) VALUES (new.rowid, {new});
        END;
        CREATE TRIGGER offers_fts_delete AFTER DELETE ON offers BEGIN
            INSERT INTO offers_fts (offers_fts, rowid, {_FTS_COLUMNS})
            VALUES ('delete', old.rowid, {old});
        END;
        CREATE TRIGGER offers_fts_update AFTER UPDATE OF {_FTS_COLUMNS} ON offers BEGIN
            INSERT INTO offers_fts (offers_fts, rowid, {_FTS_COLUMNS})
            VALUES ('delete', old.rowid, {old});
            INSERT INTO offers_fts (rowid, {_FTS_COLUMNS}) VALUES (new.rowid, {new});
        END;
        INSERT INTO offers_fts (offers_fts) VALUES ('rebuild');
        -- Covers "offers of these occupations, newest first"; makes offers_rome redundant.
        CREATE INDEX offers_rome_updated ON offers(rome_code, updated_at);
        DROP INDEX offers_rome;
        """
    )


def _v3(db: sqlite_utils.Database) -> None:
    """Ranking in SQL: "offers of these occupations, nearest first" reads only this index (the
    code, the place and the date), however many offers an occupation has."""
    db.executescript(
        """
        CREATE INDEX offers_rome_place ON offers(rome_code, latitude, longitude, updated_at);
        DROP INDEX offers_rome_updated;
        """
    )


def _v4(db: sqlite_utils.Database) -> None:
    """The filters join the ranking index, so a filtered search reads no offer row either."""
    db.executescript(
        """
        CREATE INDEX offers_rank ON offers(
            rome_code, latitude, longitude, updated_at,
            contract_type, work_study, full_time, experience, created_at, commune
        );
        DROP INDEX offers_rome_place;
        """
    )


CATALOGUE_SCHEMA = Schema("catalogue.db", (_v1, _v2, _v3, _v4))
