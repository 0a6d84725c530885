"""The nearest-first page walked out from the centre (Searcher._ranked_near) is exactly the page
one ORDER BY over every match gives (the way it was ranked before), on a catalogue built to
trip it: many offers on one point, places at equal distance, no place, equal dates, offers
found by their words and by their occupation, filters, pages."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from kiosk.catalogue import ensure_seeded, upsert_offers
from kiosk.catalogue.demo import Town
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.catalogue.search import _WORDS_HIT, Filters, Searcher, _Row
from kiosk.storage import open_database

CENTRE = (45.764, 4.8357)
# Points: the centre itself, two at the same distance on either side, near and far towns,
# overseas (beyond every ring but the last).
POINTS = [
    CENTRE,
    (45.80, 4.8357),
    (45.728, 4.8357),
    (45.70, 4.90),
    (45.19, 5.72),
    (43.30, 5.37),
    (48.85, 2.35),
    (-21.1, 55.5),
]
CODES = ("D1102", "D1104", "G1803", "G1602")
TITLES = {
    "D1102": ("Boulanger", "Vendeur en boulangerie", "Tourier"),
    "D1104": ("Pâtissier", "Boulanger pâtissier"),
    "G1803": ("Serveur", "Serveuse en brasserie"),
    "G1602": ("Cuisinier", "Commis de cuisine"),
}


def _offers(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    offers = []
    for n in range(count):
        code = rng.choice(CODES)
        where: dict[str, Any] = {"libelle": "69 - LYON", "commune": "69123"}
        if rng.random() > 0.08:
            lat, lon = rng.choice(POINTS[:3]) if rng.random() < 0.5 else rng.choice(POINTS)
            where |= {"latitude": lat, "longitude": lon}
        day = rng.randint(1, 6)  # few dates: many ties, decided by rowid
        offers.append(
            {
                "id": f"o{n:04d}",
                "intitule": rng.choice(TITLES[code]),
                "romeCode": code,
                "lieuTravail": where,
                "typeContrat": rng.choice(("CDI", "CDD", "MIS")),
                "experienceExige": rng.choice(("D", "E")),
                "dateCreation": f"2026-03-0{day}T08:00:00Z",
                "dateActualisation": f"2026-03-0{day}T08:00:00Z",
            }
        )
    return offers


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Searcher]:
    opened = open_database(tmp_path_factory.mktemp("near") / "catalogue.db", CATALOGUE_SCHEMA)
    ensure_seeded(opened.db, demo=False)
    upsert_offers(opened.db, _offers(1500, 11), origin="import")
    town = Town("Lyon", "69123", "69001", "69", *CENTRE, 1.0)
    yield Searcher(opened.db, "69123", towns=[town])
    opened.db.conn.close()


def _one_order_by(
    self: Searcher,
    tiers: dict[str, float],
    match: str | None,
    where: str,
    params: Sequence[Any],
    centre: Town,
    km: int | None,
    need: int,
) -> list[_Row]:
    """The reference: every match sorted by one ORDER BY."""
    either, either_params = [], []
    if tiers:
        either.append(f"rome_code IN ({','.join('?' * len(tiers))})")
        either_params += list(tiers)
    if match is not None:
        either.append(_WORDS_HIT)
        either_params.append(match)
    condition = "(" + " OR ".join(either) + ")" + where
    return self._ranked_sql(tiers, match, condition, [*either_params, *params], centre, need)


def _pages(searcher: Searcher, query: str, codes: Sequence[str], filters: Filters) -> list[Any]:
    found = []
    for offset, limit in ((0, 40), (0, 7), (13, 30), (200, 40)):
        result = searcher.search(query, filters, codes=codes, limit=limit, offset=offset)
        found.append((result.total, [(c.id, c.distance_km) for c in result.offers]))
    return found


@pytest.mark.parametrize(
    ("query", "codes"),
    [("boulanger", ()), ("serveur", ()), ("cuisinier", ()), ("", ("D1102", "G1602"))],
)
@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(km=20),
        Filters(km=5, contracts=frozenset({"CDI", "CDD"})),
        Filters(beginners=True),
    ],
    ids=["none", "20km", "5km-cdi-cdd", "beginners"],
)
def test_the_walk_gives_the_page_one_order_by_gives(
    searcher: Searcher,
    query: str,
    codes: tuple[str, ...],
    filters: Filters,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    walked = _pages(searcher, query, codes, filters)
    assert walked[0][1], "the case finds offers"
    monkeypatch.setattr(Searcher, "_ranked_near", _one_order_by)
    assert _pages(searcher, query, codes, filters) == walked


def test_the_walk_reads_about_a_page_not_every_match(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hundreds of bakers' offers on the centre's point: the page reads its 40 (plus the
    places' seeks), not every match."""
    read: list[int] = []
    real = Searcher._newest

    def counted(self: Searcher, *args: Any) -> list[_Row]:
        rows = real(self, *args)
        read.append(len(rows))
        return rows

    monkeypatch.setattr(Searcher, "_newest", counted)
    result = searcher.search("", codes=["D1102"], limit=40)
    assert result.total > 300 and len(result.offers) == 40
    assert sum(read) <= 40
