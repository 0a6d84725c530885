"""API-shaped offers into the `offers` table: loose parsing, precise refusals, honest counts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalogue import CATALOGUE_SCHEMA, BadOffer, offer_row, upsert_offers
from kiosk.catalogue.offers import OFFER_COLUMNS
from kiosk.storage.database import open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "catalogue.db", CATALOGUE_SCHEMA).db
    yield database
    database.conn.close()


def api_offer(offer_id: str | None = "187XKJQ", **changes: Any) -> dict[str, Any]:
    """An offer as the France Travail API sends it (trimmed to the fields the kiosk reads)."""
    offer: dict[str, Any] = {
        "id": offer_id,
        "intitule": "Serveur / Serveuse en restauration",
        "description": "Service en salle, midi et soir.",
        "dateCreation": "2026-02-20T09:15:02.000Z",
        "dateActualisation": "2026-02-25T17:40:11.000Z",
        "lieuTravail": {
            "libelle": "69 - LYON 03",
            "latitude": 45.759,
            "longitude": 4.8497,
            "codePostal": "69003",
            "commune": "69383",
        },
        "romeCode": "G1803",
        "romeLibelle": "Serveur / Serveuse en restauration",
        "entreprise": {"nom": "Brasserie Démo des Halles"},
        "typeContrat": "CDD",
        "typeContratLibelle": "Contrat à durée déterminée - 6 Mois",
        "natureContrat": "Contrat travail",
        "experienceExige": "S",
        "experienceLibelle": "1 an - expérience souhaitée",
        "salaire": {"libelle": "Mensuel de 1802.00 Euros à 2000.00 Euros sur 12 mois"},
        "dureeTravailLibelle": "35H Travail en journée",
        "dureeTravailLibelleConverti": "Temps plein",
        "alternance": False,
        "contact": {
            "nom": "Brasserie Démo des Halles - Mme Exemple",
            "coordonnees1": "12 rue de la Démonstration",
            "courriel": "recrutement@example.org",
            "urlPostulation": "https://recrutement.example.org/187XKJQ",
        },
        "origineOffre": {
            "origine": "1",
            "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/187XKJQ",
        },
    }
    offer.update(changes)
    return offer


# --- offer_row ----------------------------------------------------------------------------


def test_offer_row_maps_every_column() -> None:
    offer = api_offer()
    row = offer_row(offer, "francetravail")
    assert set(row) == set(OFFER_COLUMNS)
    assert row["id"] == "187XKJQ"
    assert row["title"] == "Serveur / Serveuse en restauration"
    assert row["place_label"] == "69 - LYON 03"
    assert (row["commune"], row["postcode"], row["departement"]) == ("69383", "69003", "69")
    assert (row["latitude"], row["longitude"]) == (45.759, 4.8497)
    assert row["employer"] == "Brasserie Démo des Halles"
    assert (row["contract_type"], row["experience"]) == ("CDD", "S")
    assert row["salary_label"].startswith("Mensuel de 1802.00")
    assert (row["full_time"], row["work_study"]) == (1, 0)
    assert row["created_at"] == "2026-02-20T09:15:02Z"
    assert row["updated_at"] == "2026-02-25T17:40:11Z"
    assert row["apply_url"] == "https://recrutement.example.org/187XKJQ"
    assert "recrutement@example.org" in row["apply_text"]
    assert row["source_url"].endswith("/detail/187XKJQ")
    assert row["origin"] == "francetravail"
    assert json.loads(row["raw"]) == offer
    assert "Démo" in row["raw"]  # kept as written, not escaped


def test_offer_row_with_only_id_and_title() -> None:
    row = offer_row({"id": "X1", "intitule": "Cariste"}, "import")
    assert row["description"] == ""
    assert row["work_study"] == 0
    for column in OFFER_COLUMNS:
        if column not in {"id", "title", "description", "work_study", "origin", "raw"}:
            assert row[column] is None, column


def test_offer_row_reads_wrong_types_loosely() -> None:
    row = offer_row(
        api_offer(
            id=123456,
            salaire="Selon convention collective",
            lieuTravail=["69 - LYON", 45.7, 4.8],
            entreprise="Brasserie",
            contact=None,
            alternance="true",
            dureeTravailLibelleConverti=["Temps plein"],
            dateCreation=[2026, 2, 20],
            dateActualisation="hier",
            romeCode=["G1803"],
            origineOffre={"urlOrigine": "javascript:alert(1)"},
        ),
        "import",
    )
    assert row["id"] == "123456"
    assert row["salary_label"] == "Selon convention collective"
    assert row["place_label"] is None and row["latitude"] is None and row["departement"] is None
    assert row["employer"] is None
    assert row["apply_url"] is None and row["apply_text"] is None
    assert row["work_study"] == 1
    assert row["full_time"] is None
    assert row["created_at"] is None and row["updated_at"] is None
    assert row["rome_code"] is None
    assert row["source_url"] is None


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ({"latitude": "45.7", "longitude": "4.85"}, (45.7, 4.85)),
        ({"latitude": "45,7", "longitude": 4}, (45.7, 4.0)),
        ({"latitude": 45.7}, (None, None)),
        ({"latitude": "nord", "longitude": 4.8}, (None, None)),
        ({"latitude": 145.0, "longitude": 4.8}, (None, None)),
        ({"latitude": 0, "longitude": 0}, (None, None)),
        ({"latitude": True, "longitude": 4.8}, (None, None)),
        ({"latitude": float("nan"), "longitude": 4.8}, (None, None)),
    ],
)
def test_offer_row_coordinates(place: dict[str, Any], expected: tuple[Any, Any]) -> None:
    row = offer_row(api_offer(lieuTravail=place), "import")
    assert (row["latitude"], row["longitude"]) == expected


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ({"libelle": "2A - AJACCIO"}, "2A"),
        ({"libelle": "971 - LES ABYMES", "codePostal": "97139"}, "971"),
        ({"libelle": "LYON", "codePostal": "69003"}, "69"),
        ({"codePostal": "01000"}, "01"),
        ({"codePostal": "20000"}, "2A"),
        ({"codePostal": "20200"}, "2B"),
        ({"codePostal": "6900"}, None),
        ({"commune": "38544"}, "38"),
        ({"libelle": "Île-de-France"}, None),
    ],
)
def test_offer_row_departement(place: dict[str, Any], expected: str | None) -> None:
    assert offer_row(api_offer(lieuTravail=place), "import")["departement"] == expected


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2026-02-20T09:15:02Z", "2026-02-20T09:15:02Z"),
        ("2026-02-20T09:15:02.000Z", "2026-02-20T09:15:02Z"),
        ("2026-02-20T10:15:02+01:00", "2026-02-20T09:15:02Z"),
        ("2026-02-20", "2026-02-20T00:00:00Z"),
        ("2026-13-20T09:15:02Z", None),
        ("", None),
    ],
)
def test_offer_row_dates_are_normalised_to_utc(stamp: str, expected: str | None) -> None:
    row = offer_row(api_offer(dateCreation=stamp, dateActualisation=None), "import")
    assert row["created_at"] == expected
    assert row["updated_at"] == expected  # no update date: the creation date stands in


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": None}, "no usable id"),
        ({"id": "   "}, "no usable id"),
        ({"id": {"value": 1}}, "no usable id"),
        ({"id": True}, "no usable id"),
        ({"intitule": None}, "offer 187XKJQ has no title"),
        ({"intitule": ["Serveur"]}, "offer 187XKJQ has no title"),
    ],
)
def test_offer_row_refuses_offers_without_id_or_title(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(BadOffer, match=message):
        offer_row(api_offer(**changes), "import")


def test_offer_row_refuses_what_is_not_an_object() -> None:
    with pytest.raises(BadOffer, match="not an object"):
        offer_row(["id", "intitule"], "import")  # type: ignore[arg-type]
    offer = api_offer()
    del offer["id"]
    with pytest.raises(BadOffer):
        offer_row(offer, "import")


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
FIELDS = [
    "id",
    "intitule",
    "description",
    "dateCreation",
    "dateActualisation",
    "lieuTravail",
    "libelle",
    "latitude",
    "longitude",
    "codePostal",
    "commune",
    "romeCode",
    "entreprise",
    "nom",
    "salaire",
    "contact",
    "urlPostulation",
    "courriel",
    "alternance",
    "dureeTravailLibelleConverti",
    "origineOffre",
    "urlOrigine",
]
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=20,
)
OFFERS = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), JSON_VALUES, max_size=12)


@settings(max_examples=300, deadline=None)
@given(OFFERS)
def test_offer_row_never_fails_other_than_bad_offer(offer: dict[str, Any]) -> None:
    try:
        row = offer_row(offer, "import")
    except BadOffer:
        return
    assert set(row) == set(OFFER_COLUMNS)
    assert isinstance(row["id"], str) and row["id"]
    assert isinstance(row["title"], str) and row["title"]
    for column, value in row.items():
        assert value is None or isinstance(value, str | int | float), column
    assert row["full_time"] in {0, 1, None}
    assert row["work_study"] in {0, 1}


# --- upsert_offers ------------------------------------------------------------------------


def stored(db: sqlite_utils.Database, offer_id: str) -> dict[str, Any]:
    return dict(next(db.query("SELECT * FROM offers WHERE id = ?", [offer_id])))


def test_upsert_counts_inserted_updated_and_unchanged(db: sqlite_utils.Database) -> None:
    offers = [api_offer("A1"), api_offer("A2"), api_offer("A3")]
    first = upsert_offers(db, offers, "francetravail")
    assert (first.inserted, first.updated, first.unchanged, first.skipped) == (3, 0, 0, [])

    changed = api_offer("A2", salaire={"libelle": "Mensuel de 2100.00 Euros sur 12 mois"})
    second = upsert_offers(
        db, [api_offer("A1"), changed, api_offer("A3"), api_offer("A4")], "francetravail"
    )
    assert (second.inserted, second.updated, second.unchanged) == (1, 1, 2)
    # The same offers arriving by another road count as changed: their origin is.
    third = upsert_offers(db, [api_offer("A1")], "import")
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 0)
    assert stored(db, "A2")["salary_label"] == "Mensuel de 2100.00 Euros sur 12 mois"
    assert json.loads(stored(db, "A2")["raw"]) == changed
    assert db.execute("SELECT count(*) FROM offers").fetchone()[0] == 4


def test_upsert_skips_bad_offers_and_stores_the_rest(db: sqlite_utils.Database) -> None:
    batch: list[Any] = [
        api_offer("B1"),
        api_offer(None),
        api_offer("B3", intitule=""),
        "not an offer",
        api_offer("B5", lieuTravail="69 - LYON", salaire=12),
    ]
    result = upsert_offers(db, batch, "import")
    assert (result.inserted, result.updated) == (2, 0)
    assert len(result.skipped) == 3
    assert result.skipped[0].startswith("offer #1: offer has no usable id")
    assert result.skipped[1].startswith("offer #2: offer B3 has no title")
    assert result.skipped[2].startswith("offer #3:")
    assert [r[0] for r in db.execute("SELECT id FROM offers ORDER BY id")] == ["B1", "B5"]
    assert stored(db, "B5")["salary_label"] == "12"


def test_upsert_same_id_twice_keeps_the_later_copy(db: sqlite_utils.Database) -> None:
    result = upsert_offers(db, [api_offer("C1"), api_offer("C1", intitule="Cuisinier")], "x")
    assert (result.inserted, result.updated) == (1, 0)
    assert stored(db, "C1")["title"] == "Cuisinier"


def test_upsert_nothing_usable_writes_nothing(db: sqlite_utils.Database) -> None:
    result = upsert_offers(db, [{"intitule": "Sans id"}], "import")
    assert (result.inserted, result.updated, len(result.skipped)) == (0, 0, 1)
    assert not db.conn.in_transaction


def test_upsert_is_one_transaction(db: sqlite_utils.Database) -> None:
    # A failure halfway (here: a trigger refusing one row) leaves nothing half-written.
    upsert_offers(db, [api_offer("D1")], "import")
    db.execute(
        "CREATE TRIGGER no_d3 BEFORE INSERT ON offers WHEN NEW.id = 'D3' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(Exception, match="refused"):
        upsert_offers(db, [api_offer("D2"), api_offer("D3")], "import")
    assert [r[0] for r in db.execute("SELECT id FROM offers")] == ["D1"]
    assert not db.conn.in_transaction
