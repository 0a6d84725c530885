"""`import_offers`: the API's JSON from a file, odd offers skipped, demo offers replaced."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.catalogue import catalogue_info, ensure_seeded
from kiosk.catalogue.importer import ImportFileError, import_offers, read_offers
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.catalogue.search import Searcher
from kiosk.storage import open_database

GOOD = [
    {"id": "1", "intitule": "Cariste H/F", "romeCode": "N1101"},
    {"id": "2", "intitule": "Serveur", "romeCode": "G1803", "lieuTravail": "not an object"},
]
BROKEN = [{"intitule": "no id"}, {"id": "3"}, 42, None, "text", [1, 2]]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    opened = open_database(tmp_path / "catalogue.db", CATALOGUE_SCHEMA)
    ensure_seeded(opened.db, demo=True, today=date(2026, 3, 10))
    yield opened.db
    opened.db.conn.close()


def write(tmp_path: Path, data: object, name: str = "offers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_api_answer_imports_skipping_broken_offers(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    offers = read_offers(write(tmp_path, {"resultats": GOOD + BROKEN, "filtresPossibles": []}))
    report = import_offers(db, offers)
    assert (report.inserted, report.updated, len(report.skipped)) == (2, 0, len(BROKEN))
    assert report.demo_removed == 3000
    origins = db.execute("SELECT DISTINCT origin FROM offers").fetchall()
    assert origins == [("import",)]
    info = catalogue_info(db)
    assert info.kind == "live" and info.offers == 2
    assert [c.id for c in Searcher(db).search("karist").offers] == ["1"]


def test_a_plain_list_imports_and_again_counts_updates(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    import_offers(db, read_offers(write(tmp_path, GOOD)))
    changed = [dict(GOOD[0], intitule="Cariste confirmé"), GOOD[1]]
    report = import_offers(db, read_offers(write(tmp_path, changed)))
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 1)


def test_a_file_of_broken_offers_changes_nothing(db: sqlite_utils.Database, tmp_path: Path) -> None:
    report = import_offers(db, read_offers(write(tmp_path, BROKEN)))
    assert report.stored == 0 and len(report.skipped) == len(BROKEN)
    assert catalogue_info(db).kind == "demo" and catalogue_info(db).offers == 3000


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "is not JSON"),
        (b"\xff\xfe\x00garbage", "is not JSON"),
        (b'{"other": []}', "expected"),
        (b'"just text"', "expected"),
    ],
)
def test_an_unusable_file_is_refused_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        read_offers(path)


def test_a_missing_file_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="cannot read"):
        read_offers(tmp_path / "nowhere.json")
