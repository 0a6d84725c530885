"""ROME data, real towns, demo offers and first-start seeding, on a real SQLite file."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from kiosk import resources
from kiosk.catalogue import (
    CATALOGUE_SCHEMA,
    catalogue_info,
    ensure_seeded,
    generate_demo_offers,
    load_rome,
    load_towns,
    store_rome,
)
from kiosk.catalogue import seed as seed_module
from kiosk.storage.database import open_database

TODAY = date(2026, 3, 2)
ENTRY_LEVEL_DOMAINS = set("DGKNFHJ")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "catalogue.db", CATALOGUE_SCHEMA).db
    yield database
    database.conn.close()


@pytest.fixture(scope="module")
def demo_offers() -> list[dict[str, Any]]:
    return generate_demo_offers(load_rome().occupations, load_towns(), today=TODAY)


def count(db: sqlite_utils.Database, sql: str) -> int:
    return int(db.execute(sql).fetchone()[0])


def parse(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")


# --- shipped data -------------------------------------------------------------------------


def test_shipped_rome_file_is_the_shared_one_unchanged() -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "data" / "rome"
    if not shared.is_dir():
        pytest.skip("shared/ is not beside this checkout")
    shipped = resources.data_file("rome", "secteurs_naf_rome.json")
    assert shipped.read_bytes() == (shared / "secteurs_naf_rome.json").read_bytes()


def test_load_rome_reads_all_occupations_domains_and_sectors() -> None:
    rome = load_rome()
    assert len(rome.occupations) == 1584
    assert list(rome.domains) == list("ABCDEFGHIJKLMN")
    assert rome.domains["J"] == "Santé"
    assert rome.domains["N"] == "Transport et logistique"
    assert len(rome.sectors) == 89
    assert rome.occupations["D1102"] == "Boulanger / Boulangère"
    assert rome.domain_of("D1102") == "D"
    # Every occupation comes from some sector, and every sector code is an occupation.
    in_sectors = {code for sector in rome.sectors for code in sector.codes}
    assert in_sectors == set(rome.occupations)
    assert {code[0] for code in rome.occupations} == set(rome.domains)


def test_towns_are_real_looking_and_consistent() -> None:
    towns = load_towns()
    assert 50 <= len(towns) <= 70
    assert len({t.insee for t in towns}) == len(towns)
    for town in towns:
        assert len(town.insee) == 5 and town.insee.isdigit(), town
        assert len(town.postcode) == 5 and town.postcode.isdigit(), town
        assert town.postcode.startswith(town.departement), town
        assert town.insee.startswith(town.departement), town
        # Metropolitan France.
        assert 41.0 <= town.latitude <= 51.5, town
        assert -5.5 <= town.longitude <= 9.6, town
        assert town.weight > 0
        assert round(town.latitude, 4) == town.latitude
    by_name = {t.name: t for t in towns}
    expected = {
        "Lyon": "69123",
        "Villeurbanne": "69266",
        "Vénissieux": "69259",
        "Vaulx-en-Velin": "69256",
        "Bron": "69029",
        "Saint-Priest": "69290",
        "Caluire-et-Cuire": "69034",
        "Villefranche-sur-Saône": "69264",
        "Givors": "69091",
        "Vienne": "38544",
        "Bourg-en-Bresse": "01053",
        "Saint-Étienne": "42218",
        "Paris": "75056",
        "Marseille": "13055",
        "Toulouse": "31555",
        "Nice": "06088",
        "Nantes": "44109",
        "Strasbourg": "67482",
        "Montpellier": "34172",
        "Bordeaux": "33063",
        "Lille": "59350",
        "Rennes": "35238",
    }
    assert {name: by_name[name].insee for name in expected} == expected
    # The demo must look like a Lyon-area agency's catalogue.
    total = sum(t.weight for t in towns)
    assert sum(t.weight for t in towns if t.departement == "69") / total > 0.3


def test_towns_file_is_plain_json_with_attribution() -> None:
    raw = json.loads(resources.data_file("towns.json").read_text(encoding="utf-8"))
    assert "INSEE" in raw["about"]
    source = resources.data_file("rome", "SOURCE.md").read_text(encoding="utf-8")
    assert "Licence Ouverte" in source and "MIT" in source


# --- ROME into the database ---------------------------------------------------------------


def test_store_rome_fills_every_table_and_can_run_again(db: sqlite_utils.Database) -> None:
    rome = load_rome()
    store_rome(db, rome)
    store_rome(db, rome)
    assert count(db, "SELECT count(DISTINCT code) FROM occupations") == 1584
    assert count(db, "SELECT count(*) FROM domains") == 14
    assert count(db, "SELECT count(*) FROM sectors") == 89
    links = sum(len(sector.codes) for sector in rome.sectors)
    assert count(db, "SELECT count(*) FROM sector_occupations") == links
    orphans = "SELECT count(*) FROM occupations o LEFT JOIN domains d ON d.letter = o.domain"
    assert count(db, orphans + " WHERE d.letter IS NULL") == 0
    assert count(db, "SELECT count(*) FROM occupations WHERE substr(code, 1, 1) != domain") == 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


# --- demo offers --------------------------------------------------------------------------


def test_demo_generation_is_deterministic(demo_offers: list[dict[str, Any]]) -> None:
    occupations, towns = load_rome().occupations, load_towns()
    again = generate_demo_offers(dict(reversed(occupations.items())), towns, today=TODAY)
    assert json.dumps(again, ensure_ascii=False) == json.dumps(demo_offers, ensure_ascii=False)
    other_seed = generate_demo_offers(occupations, towns, seed=7, today=TODAY)
    assert other_seed != demo_offers
    assert [o["id"] for o in other_seed] == [o["id"] for o in demo_offers]
    small = generate_demo_offers(occupations, towns, count=10, today=TODAY)
    assert len(small) == 10


def test_demo_offers_have_the_api_shape(demo_offers: list[dict[str, Any]]) -> None:
    rome = load_rome()
    assert len(demo_offers) == 3000
    assert len({o["id"] for o in demo_offers}) == 3000
    assert demo_offers[122]["id"] == "DEMO000123"
    for offer in demo_offers:
        assert offer["intitule"] == rome.occupations[offer["romeCode"]] == offer["romeLibelle"]
        assert "Démo" in offer["entreprise"]["nom"]
        assert "démonstration" in offer["description"]
        assert offer["typeContrat"] in {"CDI", "CDD", "MIS", "SAI"}
        assert offer["experienceExige"] in {"D", "S", "E"}
        assert offer["dureeTravailLibelleConverti"] in {"Temps plein", "Temps partiel"}
        assert offer["origineOffre"]["urlOrigine"].endswith("/detail/" + offer["id"])
        contact = offer["contact"]
        assert contact.get("urlPostulation", "https://x.example.org/").startswith("https://")
        assert "example.org" in json.dumps(contact)
        place = offer["lieuTravail"]
        assert place["libelle"].startswith(place["codePostal"][:2] + " - ")
        created, updated = parse(offer["dateCreation"]), parse(offer["dateActualisation"])
        midnight = datetime(TODAY.year, TODAY.month, TODAY.day)
        assert midnight - timedelta(days=60) <= created <= updated <= midnight


def test_demo_offers_mix_matches_what_a_kiosk_needs_to_show(
    demo_offers: list[dict[str, Any]],
) -> None:
    n = len(demo_offers)
    contracts = Counter(o["typeContrat"] for o in demo_offers)
    work_study = sum(o["alternance"] for o in demo_offers)
    assert 0.40 < contracts["CDI"] / n < 0.50
    assert 0.03 < contracts["SAI"] / n < 0.08
    assert 0.10 < contracts["MIS"] / n < 0.20
    assert 0.03 < work_study / n < 0.08
    assert all(
        o["natureContrat"] == "Contrat apprentissage" for o in demo_offers if o["alternance"]
    )
    no_salary = sum("libelle" not in o.get("salaire", {}) for o in demo_offers)
    assert 0.10 < no_salary / n < 0.20
    no_position = sum("latitude" not in o["lieuTravail"] for o in demo_offers)
    assert 0.005 < no_position / n < 0.04
    domains = Counter(o["romeCode"][0] for o in demo_offers)
    assert set(domains) == set("ABCDEFGHIJKLMN")
    assert sum(domains[d] for d in ENTRY_LEVEL_DOMAINS) / n > 0.7
    lyon_area = sum(o["lieuTravail"]["libelle"].startswith("69 - ") for o in demo_offers)
    assert lyon_area / n > 0.3


# --- seeding ------------------------------------------------------------------------------


def test_fresh_catalogue_is_empty(db: sqlite_utils.Database) -> None:
    info = catalogue_info(db)
    assert (info.offers, info.occupations, info.kind, info.updated_at) == (0, 0, "empty", None)


def test_seed_without_demo_stores_only_rome(db: sqlite_utils.Database) -> None:
    report = ensure_seeded(db, demo=False, today=TODAY)
    assert report.occupations_stored == 1584 and report.offers_stored == 0
    info = catalogue_info(db)
    assert (info.offers, info.occupations, info.kind) == (0, 1584, "empty")


def test_demo_seed_stores_offers_once(db: sqlite_utils.Database) -> None:
    report = ensure_seeded(db, demo=True, today=TODAY)
    assert report.occupations_stored == 1584
    assert report.offers_stored == 3000
    assert report.skipped == ()
    assert count(db, "SELECT count(DISTINCT code) FROM occupations") == 1584
    assert count(db, "SELECT count(*) FROM domains") == 14
    assert count(db, "SELECT count(*) FROM offers WHERE origin = 'demo'") == 3000
    assert (
        count(db, "SELECT count(*) FROM offers o JOIN occupations c ON c.code = o.rome_code")
        == 3000
    )
    assert count(db, "SELECT count(*) FROM offers WHERE departement IS NULL") == 0
    info = catalogue_info(db)
    assert (info.offers, info.occupations, info.kind) == (3000, 1584, "demo")
    assert info.updated_at is not None and info.updated_at.endswith("Z")

    again = ensure_seeded(db, demo=True, today=TODAY + timedelta(days=5))
    assert (again.occupations_stored, again.offers_stored) == (0, 0)
    assert catalogue_info(db) == info
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_demo_seed_writes_all_or_nothing(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(seed_module, "upsert_offers", broken)
    with pytest.raises(OSError, match="disk full"):
        ensure_seeded(db, demo=True, today=TODAY)
    assert count(db, "SELECT count(*) FROM occupations") == 0
    assert not db.conn.in_transaction


def test_offers_from_elsewhere_make_a_live_catalogue(db: sqlite_utils.Database) -> None:
    ensure_seeded(db, demo=False, today=TODAY)
    db.execute(
        "INSERT INTO offers (id, title, origin, raw) "
        "VALUES ('123ABC', 'Serveur', 'francetravail', '{}')"
    )
    assert catalogue_info(db).kind == "live"
    assert ensure_seeded(db, demo=True, today=TODAY).offers_stored == 0
