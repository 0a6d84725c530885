"""Finding offers in `catalogue.db` the way people ask for them.

A query is understood twice: as occupations (`resolve.Resolver`: misspellings, phonetic
spellings, everyday names in every language the kiosk speaks) and as words (FTS5 over titles,
occupation labels and places, with each word's likely corrections). An offer found both ways
ranks first, then offers of the occupations, then offers found by words alone; among equals the
nearest first (from the town chosen, else the agency's commune), then the newest.

Ranking and counting are SQL: one indexed query with LIMIT gives the page, `count(*)` gives the
total, so the cost barely grows with the number of matches. In SQL the distance is the
equirectangular one (exact enough over a département); cards show the great-circle distance.

Nothing the person types reaches SQL as syntax: words are letters and digits only, quoted.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import sqlite_utils

from kiosk.catalogue import vocabulary
from kiosk.catalogue.communes import communes
from kiosk.catalogue.demo import Town
from kiosk.catalogue.geo import _KM_PER_DEGREE, box_around, haversine_km
from kiosk.catalogue.resolve import Occupation, Resolver, known_words, resolver_for
from kiosk.catalogue.spelling import words

CONTRACTS = ("CDI", "CDD", "MIS", "SAI", "ALT")  # ALT: work-study (alternance), any contract
DISTANCES_KM = (5, 10, 20, 50)
RECENT_DAYS = 7
PAGE = 40

# An occupation counts as meant when it scores close to the best one and is not a long shot:
# below this a word is "not understood" ("xyzzy" is a slip or two from several jobs).
_MIN_SCORE = 0.7
_NEAR_BEST = 0.75
_MAX_CODES = 12
_WORD_MATCH_BONUS = 0.35
# Above this many offers matched by words, an understood query is ranked by its occupations only.
_WORDS_CAP = 2000

Status = Literal["ok", "empty_query", "not_understood", "unknown_town"]

# Rings walked out from the centre (km): each finds the places that have offers with a few index
# seeks; the last (None) is everywhere.
_RINGS_KM: tuple[float | None, ...] = (10.0, 40.0, 160.0, 640.0, None)
_WORDS_HIT = "rowid IN (SELECT rowid FROM offers_fts WHERE offers_fts MATCH ?)"
# The places (distinct coordinates) where an occupation has offers, between two latitudes: a
# skip-scan of the ranking index, one seek per place whatever its number of offers.
_NEXT_SAME_LATITUDE = (
    "(SELECT longitude FROM offers WHERE rome_code = :code AND latitude = p.lat "
    "AND longitude > p.lon ORDER BY longitude LIMIT 1)"
)
_NEXT_LATITUDE = (
    "(SELECT latitude FROM offers WHERE rome_code = :code AND latitude > p.lat "
    "AND latitude <= :north ORDER BY latitude LIMIT 1)"
)
_PLACES = f"""
WITH RECURSIVE p(lat, lon) AS (
    SELECT * FROM (
        SELECT latitude, longitude FROM offers
        WHERE rome_code = :code AND latitude >= :south AND latitude <= :north
            AND longitude IS NOT NULL
        ORDER BY latitude, longitude LIMIT 1
    )
    UNION ALL
    SELECT
        CASE WHEN {_NEXT_SAME_LATITUDE} IS NOT NULL THEN p.lat ELSE {_NEXT_LATITUDE} END,
        coalesce(
            {_NEXT_SAME_LATITUDE},
            (SELECT longitude FROM offers WHERE rome_code = :code
                AND latitude = {_NEXT_LATITUDE} AND longitude IS NOT NULL
                ORDER BY longitude LIMIT 1)
        )
    FROM p WHERE p.lat IS NOT NULL
)
SELECT lat, lon FROM p WHERE lat IS NOT NULL AND lon IS NOT NULL
"""


@dataclass(frozen=True)
class _Row:
    rowid: int
    latitude: float | None
    longitude: float | None
    updated_at: str | None
    rome_code: str | None


def _near(centre: Town, squeeze: float, lat: float, lon: float) -> float:
    """The SQL ordering's squared distance in degrees, computed the same way (same floats)."""
    return (lat - centre.latitude) * (lat - centre.latitude) + (lon - centre.longitude) * (
        lon - centre.longitude
    ) * squeeze


def _near_sql(centre: Town | None) -> tuple[str, list[Any]]:
    if centre is None:
        return "0", []
    squeeze = math.cos(math.radians(centre.latitude))
    near = "((latitude - ?) * (latitude - ?) + (longitude - ?) * (longitude - ?) * ?)"
    c = centre
    return near, [c.latitude, c.latitude, c.longitude, c.longitude, squeeze * squeeze]


def _ordered(rows: Sequence[_Row], centre: Town) -> list[_Row]:
    """Nearest first (no place last), then newest (no date last), then by rowid: the SQL order."""
    squeeze = math.cos(math.radians(centre.latitude))
    squeeze = squeeze * squeeze

    def place(r: _Row) -> tuple[bool, float]:
        if r.latitude is None or r.longitude is None:
            return (True, 0.0)
        return (False, _near(centre, squeeze, r.latitude, r.longitude))

    by_rowid = sorted(rows, key=lambda r: r.rowid)
    newest = sorted(by_rowid, key=lambda r: r.updated_at or "", reverse=True)  # stable
    return sorted(newest, key=place)


_CARD_COLUMNS = (
    "id, title, place_label, commune, contract_type, contract_label, working_time_label, "
    "full_time, work_study, experience, salary_label, updated_at, origin, rome_code, "
    "latitude, longitude"
)


@dataclass(frozen=True)
class Filters:
    near: str | None = None  # INSEE code of the centre; None: the agency's town
    km: int | None = None  # None: anywhere
    contracts: frozenset[str] = frozenset()  # any of CONTRACTS
    full_time: bool | None = None  # None: either
    beginners: bool = False  # experience D: "débutant accepté"
    recent_days: int | None = None  # published in the last N days
    # The chosen town's name, for the screen (the search reads `near`): known when chosen, so
    # the screen never looks it up among all communes itself.
    near_name: str | None = field(default=None, compare=False)

    def count(self) -> int:
        """How many filters are on (for "fewer filters")."""
        return sum(
            (
                self.km is not None,
                bool(self.contracts),
                self.full_time is not None,
                self.beginners,
                self.recent_days is not None,
            )
        )

    def wider(self) -> Filters | None:
        """The next distance up, or None when already the widest (or no distance set)."""
        if self.km is None:
            return None
        larger = [d for d in DISTANCES_KM if d > self.km]
        return replace(self, km=larger[0] if larger else None)


@dataclass(frozen=True)
class OfferCard:
    id: str
    title: str
    town: str | None
    commune: str | None
    contract_type: str | None
    contract_label: str | None
    working_time: str | None
    full_time: bool | None
    work_study: bool
    beginners: bool
    salary: str | None
    updated_at: str | None  # ISO 8601 UTC
    origin: str
    rome_code: str | None
    distance_km: float | None = None

    @property
    def demo(self) -> bool:
        return self.origin == "demo"

    def as_json(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items()}
        if self.distance_km is not None:
            data["distance_km"] = round(self.distance_km, 1)
        return data


@dataclass(frozen=True)
class SearchResult:
    total: int
    offers: tuple[OfferCard, ...]
    occupations: tuple[Occupation, ...]  # what the query was understood as
    took_ms: float
    status: Status = "ok"
    filters: Filters = field(default_factory=Filters)
    place: str | None = None  # the centre's town name ("Lyon"), None when unknown

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "took_ms": round(self.took_ms, 2),
            "status": self.status,
            "occupations": [o.__dict__ for o in self.occupations],
            "results": [o.as_json() for o in self.offers],
        }


@dataclass(frozen=True)
class Domain:
    letter: str
    label: str
    offers: int


@dataclass(frozen=True)
class OccupationCount:
    code: str
    label: str
    offers: int


@dataclass(frozen=True)
class OfferDetail:
    card: OfferCard
    description: str
    employer: str | None
    experience_label: str | None
    apply_url: str | None
    apply_text: str | None
    source_url: str | None
    created_at: str | None
    raw: dict[str, Any]

    @property
    def url(self) -> str | None:
        """The address a phone should open: the offer's page, else where to apply."""
        return self.source_url or self.apply_url


def _card(row: Mapping[str, Any], distance: float | None = None) -> OfferCard:
    full = row["full_time"]
    return OfferCard(
        id=row["id"],
        title=row["title"],
        town=row["place_label"],
        commune=row["commune"],
        contract_type=row["contract_type"],
        contract_label=row["contract_label"],
        working_time=row["working_time_label"],
        full_time=None if full is None else bool(full),
        work_study=bool(row["work_study"]),
        beginners=row["experience"] == "D",
        salary=row["salary_label"],
        updated_at=row["updated_at"],
        origin=row["origin"],
        rome_code=row["rome_code"],
        distance_km=distance,
    )


def _confident(occupations: list[Occupation]) -> list[Occupation]:
    best = occupations[0].score if occupations else 0.0
    return [o for o in occupations if o.score >= max(_MIN_SCORE, best * _NEAR_BEST)]


def _fts_query(groups: Sequence[Sequence[str]], whole: Container[str] = ()) -> str:
    """Each typed word or any of its corrections, every typed word required. Words are
    letters and digits only (see spelling.words), so quoting them cannot be escaped.
    `whole`: typed words known as they are, which get no prefix term (a prefix query reads
    every offer of every longer word: 75 ms for "macon"* at 1M offers)."""
    parts = []
    for alternatives in groups:
        terms = [f'"{w}"' for w in alternatives]
        typed = alternatives[0]
        if len(typed) >= 4 and typed not in whole:
            terms.append(f'"{typed}"*')  # a word still being typed
        parts.append("(" + " OR ".join(terms) + ")")
    return " AND ".join(parts)


class Searcher:
    """Searches one connection's catalogue. Cheap to make: one per thread."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        agency_commune: str = "69123",
        towns: Sequence[Town] | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        """`towns`: the places a search may be centred on; every French commune by default."""
        self.db = db
        self.agency_commune = agency_commune
        self.towns = None if towns is None else {t.insee: t for t in towns}
        self.resolver = resolver or resolver_for(db)

    # -- occupations ----------------------------------------------------------------------
    def occupations(self, query: str, limit: int = 10) -> list[Occupation]:
        """The occupations a query means, best first, as the search reads it; empty when it
        names no job."""
        typed = words(query, self.resolver.ignore)
        return self._meant(query, typed, limit) if typed else []

    def domains(self, filters: Filters | None = None) -> list[Domain]:
        """The 14 kinds of jobs with how many offers each has under `filters`."""
        filters = filters or Filters()
        where, params = self._conditions(filters, self.town(filters.near), None)
        counts = dict(
            self.db.execute(
                "SELECT substr(rome_code, 1, 1), count(*) FROM offers "
                f"WHERE rome_code IS NOT NULL{where} GROUP BY 1",
                params,
            ).fetchall()
        )
        return [
            Domain(letter, label, int(counts.get(letter, 0)))
            for letter, label in self.db.execute("SELECT letter, label FROM domains ORDER BY 1")
        ]

    def occupations_in(self, letter: str, filters: Filters | None = None) -> list[OccupationCount]:
        """The occupations of a domain that have offers under `filters`, the most first."""
        filters = filters or Filters()
        where, params = self._conditions(filters, self.town(filters.near), None)
        rows = self.db.execute(
            "SELECT rome_code, count(*) FROM offers WHERE rome_code >= ? AND rome_code < ?"
            f"{where} GROUP BY rome_code",
            [letter, letter + "~", *params],
        ).fetchall()
        labels = self.resolver.labels
        found = [OccupationCount(str(c), labels.get(str(c), str(c)), int(n)) for c, n in rows]
        return sorted(found, key=lambda o: (-o.offers, o.label))

    def related(
        self,
        codes: Sequence[str],
        limit: int = 6,
        filters: Filters | None = None,
        now: datetime | None = None,
    ) -> list[OccupationCount]:
        """Close occupations that have offers under `filters`: ROME's own mobility links
        (mobilites.csv) in ROME's order, then the same ROME group. Counts respect the filters."""
        filters = filters or Filters()
        centre = self.town(filters.near)
        where, params = self._conditions(filters, centre, now)
        close = vocabulary.mobilities()
        wanted = [t for c in codes for t in close.get(c, ())]
        for prefix in dict.fromkeys(c[:3] for c in codes if c):
            wanted += [c for c in self.resolver.labels if c.startswith(prefix)]
        wanted = [c for c in dict.fromkeys(wanted) if c not in codes][:60]
        if not wanted:
            return []
        counts = self._counts(wanted, where, params)
        labels = self.resolver.labels
        found = [OccupationCount(c, labels.get(c, c), counts[c]) for c in wanted if counts.get(c)]
        return found[:limit]

    def _counts(self, codes: Sequence[str], where: str, params: Sequence[Any]) -> dict[str, int]:
        marks = ",".join("?" * len(codes))
        rows = self.db.execute(
            f"SELECT rome_code, count(*) FROM offers WHERE rome_code IN ({marks}){where} "
            "GROUP BY rome_code",
            [*codes, *params],
        ).fetchall()
        return {str(c): int(n) for c, n in rows}

    # -- offers ---------------------------------------------------------------------------
    def town(self, insee: str | None) -> Town | None:
        """The centre of a search: this commune, else the agency's; None if unknown."""
        code = insee or self.agency_commune
        if self.towns is not None:
            return self.towns.get(code)
        found = communes().get(code)
        return None if found is None else found.as_town()

    def search(
        self,
        query: str = "",
        filters: Filters | None = None,
        *,
        codes: Sequence[str] = (),
        limit: int = PAGE,
        offset: int = 0,
        now: datetime | None = None,
    ) -> SearchResult:
        """Offers for a typed query, or for given occupation codes (browsing), filtered."""
        started = time.perf_counter()
        filters = filters or Filters()

        def done(
            total: int,
            cards: Sequence[OfferCard],
            occupations: Sequence[Occupation],
            status: Status = "ok",
        ) -> SearchResult:
            took = (time.perf_counter() - started) * 1000
            place = None if centre is None else centre.name
            return SearchResult(
                total, tuple(cards), tuple(occupations), took, status, filters, place
            )

        centre = self.town(filters.near)
        if centre is None and (filters.near is not None or filters.km is not None):
            return done(0, [], [], "unknown_town")

        typed = words(query, self.resolver.ignore)
        if codes:
            labels = self.resolver.labels
            occupations = [Occupation(c, labels.get(c, c), 1.0) for c in codes]
        elif typed:
            occupations = self._meant(query, typed)
        else:
            return done(0, [], [], "empty_query")

        where, params = self._conditions(filters, centre, now)
        # Relevance tiers of a tenth: codes a query means about equally share a tier, so
        # nearness decides between a truck driver's and a delivery driver's offer.
        tiers = {o.code: round(o.score, 1) for o in occupations}
        match: str | None = None
        if typed and not codes:
            whole = {
                t
                for t, found in self.resolver.understood(typed).items()
                if found and found[0].word == t
            }
            expression = _fts_query(known_words(self.resolver, typed), whole)
            match = "{title rome_label place_label} : (" + expression + ")"
            hits = self._word_hits(match)
            if not tiers and not hits:
                match = "{description} : (" + expression + ")"
            elif tiers and not hits:
                match = None  # nothing to add (an English word in French titles)
            elif tiers and hits > _WORDS_CAP:
                # Words this common ("serveur" in 17,000 titles) are the occupation's own:
                # its offers are already found, and ranking by them would cost every match.
                match = None
        total, rows = self._ranked(tiers, match, where, params, centre, filters.km, limit, offset)
        distances = {r: self._distance(centre, lat, lon) for r, lat, lon in rows}
        cards = self._cards([r for r, _lat, _lon in rows], distances)
        status: Status = "ok" if occupations or total else "not_understood"
        return done(total, cards, occupations, status)

    def _word_hits(self, match: str) -> int:
        """How many offers the words match, up to one more than _WORDS_CAP (all that matters),
        from the full-text index alone (no offer read, and not every hit of a common word)."""
        row = self.db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM offers_fts WHERE offers_fts MATCH ? LIMIT ?)",
            [match, _WORDS_CAP + 1],
        ).fetchone()
        return int(row[0])

    def _ranked(
        self,
        tiers: Mapping[str, float],
        match: str | None,
        where: str,
        params: Sequence[Any],
        centre: Town | None,
        km: int | None,
        limit: int,
        offset: int,
    ) -> tuple[int, list[tuple[int, float | None, float | None]]]:
        """The total and one page of (rowid, latitude, longitude), ranked in SQL."""
        either: list[str] = []
        either_params: list[Any] = []
        if tiers:
            either.append(f"rome_code IN ({','.join('?' * len(tiers))})")
            either_params += list(tiers)
        if match is not None:
            either.append(_WORDS_HIT)
            either_params.append(match)
        if not either:
            return 0, []
        condition = "(" + " OR ".join(either) + ")" + where
        all_params = [*either_params, *params]
        if centre is not None and km is not None:
            # The distance filter's OR (or no place but the centre's town) keeps SQLite from
            # reading only the latitudes in reach: count both sides apart, each on the index.
            box = box_around(centre.latitude, centre.longitude, km)
            total = sum(
                int(self.db.execute(f"SELECT count(*) FROM offers WHERE {c}", p).fetchone()[0])
                for c, p in (
                    (
                        f"{condition} AND latitude BETWEEN ? AND ?",
                        [*all_params, box.south, box.north],
                    ),
                    (f"{condition} AND latitude IS NULL", all_params),
                )
            )
        else:
            total = int(
                self.db.execute(
                    f"SELECT count(*) FROM offers WHERE {condition}", all_params
                ).fetchone()[0]
            )
        if total == 0 or limit <= 0 or offset >= total:
            return total, []
        need = offset + limit
        if centre is None:
            rows = self._ranked_sql(tiers, match, condition, all_params, centre, need)
        else:
            rows = self._ranked_near(tiers, match, where, params, centre, km, need)
        return total, [(r.rowid, r.latitude, r.longitude) for r in rows[offset:need]]

    def _relevance_sql(
        self, tiers: Mapping[str, float], match: str | None
    ) -> tuple[str, list[Any]]:
        parts: list[str] = []
        values: list[Any] = []
        if tiers:
            cases = " ".join("WHEN ? THEN ?" for _ in tiers)
            parts.append(f"(CASE rome_code {cases} ELSE 0 END)")
            values += [v for code, tier in tiers.items() for v in (code, tier)]
        if match is not None:
            parts.append(f"(CASE WHEN {_WORDS_HIT} THEN ? ELSE 0 END)")
            values += [match, _WORD_MATCH_BONUS]
        return " + ".join(parts) or "0", values

    def _ranked_sql(
        self,
        tiers: Mapping[str, float],
        match: str | None,
        condition: str,
        params: Sequence[Any],
        centre: Town | None,
        need: int,
    ) -> list[_Row]:
        """The first `need` matches in one ORDER BY: reads every match, so only for what is
        small (offers found by their words) or has no centre to walk out from."""
        relevance, relevance_params = self._relevance_sql(tiers, match)
        near, near_params = _near_sql(centre)
        rows = self.db.execute(
            f"SELECT rowid, latitude, longitude, updated_at, rome_code, {relevance} AS relevance, "
            f"{near} AS near FROM offers WHERE {condition} "
            "ORDER BY relevance DESC, near IS NULL, near, updated_at DESC, rowid LIMIT ?",
            [*relevance_params, *near_params, *params, need],
        ).fetchall()
        return [_Row(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def _ranked_near(
        self,
        tiers: Mapping[str, float],
        match: str | None,
        where: str,
        params: Sequence[Any],
        centre: Town,
        km: int | None,
        need: int,
    ) -> list[_Row]:
        """The first `need` matches in the order of `_ranked_sql`, reading about `need` of them
        however many there are: level by level of relevance, offers found by their words
        (few: see _WORDS_CAP) in one query, an occupation's offers walked out from the centre."""
        by_level: dict[float, list[_Row]] = {}
        if match is not None:
            found = self._ranked_sql(
                tiers, match, f"{_WORDS_HIT}{where}", [match, *params], centre, need
            )
            for row in found:
                level = tiers.get(row.rome_code or "", 0.0) + _WORD_MATCH_BONUS
                by_level.setdefault(level, []).append(row)
        codes_at: dict[float, list[str]] = {}
        for code, tier in tiers.items():
            codes_at.setdefault(tier, []).append(code)
        walk_where, walk_params = where, list(params)
        if match is not None:  # offers found by words too are in the levels above
            walk_where += f" AND NOT {_WORDS_HIT}"
            walk_params.append(match)
        out: list[_Row] = []
        for level in sorted(set(by_level) | set(codes_at), reverse=True):
            wanted = need - len(out)
            rows = by_level.get(level, [])
            if level in codes_at:
                walked = self._walk(codes_at[level], walk_where, walk_params, centre, km, wanted)
                rows = _ordered([*rows, *walked], centre) if rows else walked
            out += rows[:wanted]
            if len(out) >= need:
                break
        return out

    def _walk(
        self,
        codes: Sequence[str],
        where: str,
        params: Sequence[Any],
        centre: Town,
        km: int | None,
        need: int,
    ) -> list[_Row]:
        """The first `need` offers of these occupations, nearest first then newest: the places
        that have offers, found ring by ring (a few index seeks each, skipping a town's
        offers), then each place's newest offers straight from the ranking index."""
        squeeze = math.cos(math.radians(centre.latitude))
        squeeze = squeeze * squeeze  # as in _near_sql, to the last bit
        rings: list[float | None] = list(_RINGS_KM)
        if km is not None:  # the distance filter: no offer lies beyond it
            rings = [*(r for r in _RINGS_KM if r is not None and r < km), float(km)]
        out: list[_Row] = []
        covered = -1.0
        for ring in rings:
            reach = math.inf if ring is None else (ring / _KM_PER_DEGREE) ** 2
            band = 90.0 if ring is None else ring / _KM_PER_DEGREE
            places: dict[float, list[tuple[float, float, str]]] = {}
            for code in codes:
                for lat, lon in self.db.execute(
                    _PLACES,
                    {
                        "code": code,
                        "south": centre.latitude - band,
                        "north": centre.latitude + band,
                    },
                ):
                    near = _near(centre, squeeze, lat, lon)
                    if covered < near <= reach:
                        places.setdefault(near, []).append((lat, lon, code))
            for near in sorted(places):
                found: list[_Row] = []
                for lat, lon, code in places[near]:
                    found += self._newest(
                        "rome_code = ? AND latitude = ? AND longitude = ?",
                        [code, lat, lon],
                        where,
                        params,
                        need - len(out),
                    )
                out += _ordered(found, centre)[: need - len(out)]
                if len(out) >= need:
                    return out
            covered = reach
        found = []
        for code in codes:
            found += self._newest(
                "rome_code = ? AND (latitude IS NULL OR longitude IS NULL)",
                [code],
                where,
                params,
                need - len(out),
            )
        return out + _ordered(found, centre)[: need - len(out)]

    def _newest(
        self, place: str, place_params: list[Any], where: str, params: Sequence[Any], need: int
    ) -> list[_Row]:
        rows = self.db.execute(
            f"SELECT rowid, latitude, longitude, updated_at, rome_code FROM offers "
            f"WHERE {place}{where} ORDER BY updated_at DESC, rowid LIMIT ?",
            [*place_params, *params, need],
        ).fetchall()
        return [_Row(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def _meant(self, query: str, typed: Sequence[str], limit: int = _MAX_CODES) -> list[Occupation]:
        """The occupations the whole query means; failing that, each clearly known word's
        ("serveur ou plongeur" asks for two jobs, and no occupation is both)."""
        found = _confident(self.resolver.resolve(query, limit=max(limit, _MAX_CODES)))
        if found or len(typed) < 2:
            return found[:limit]
        merged: dict[str, Occupation] = {}
        for word, matches in self.resolver.understood(typed).items():
            if matches and matches[0].score >= 0.9:
                for o in _confident(self.resolver.resolve(word, limit=_MAX_CODES)):
                    if o.code not in merged or merged[o.code].score < o.score:
                        merged[o.code] = o
        return sorted(merged.values(), key=lambda o: -o.score)[:limit]

    def _conditions(
        self, filters: Filters, centre: Town | None, now: datetime | None
    ) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        if filters.contracts:
            types = sorted(c for c in filters.contracts if c != "ALT")
            either = []
            if types:
                either.append(f"contract_type IN ({','.join('?' * len(types))})")
                params += types
            if "ALT" in filters.contracts:
                either.append("work_study = 1")
            parts.append("(" + " OR ".join(either) + ")")
        if filters.full_time is not None:
            parts.append("full_time = ?")
            params.append(1 if filters.full_time else 0)
        if filters.beginners:
            parts.append("experience = 'D'")
        if filters.recent_days is not None:
            since = (now or datetime.now(UTC)).astimezone(UTC) - timedelta(days=filters.recent_days)
            parts.append("created_at >= ?")
            params.append(since.strftime("%Y-%m-%dT%H:%M:%SZ"))
        if centre is not None and filters.km is not None:
            box = box_around(centre.latitude, centre.longitude, filters.km)
            squeeze = math.cos(math.radians(centre.latitude)) ** 2
            reach = (filters.km / _KM_PER_DEGREE) ** 2
            # The box first (cheap), then the distance itself; an offer without coordinates
            # is kept only when it names the centre's town.
            parts.append(
                "((latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? AND "
                "(latitude - ?) * (latitude - ?) + (longitude - ?) * (longitude - ?) * ? <= ?) "
                "OR (latitude IS NULL AND commune = ?))"
            )
            params += [box.south, box.north, box.west, box.east]
            params += [centre.latitude, centre.latitude, centre.longitude, centre.longitude]
            params += [squeeze, reach, centre.insee]
        where = "".join(f" AND {p}" for p in parts)
        return where, params

    @staticmethod
    def _distance(centre: Town | None, lat: float | None, lon: float | None) -> float | None:
        if centre is None or lat is None or lon is None:
            return None
        return haversine_km(centre.latitude, centre.longitude, lat, lon)

    def _cards(self, rowids: Sequence[int], distances: dict[int, float | None]) -> list[OfferCard]:
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        cursor = self.db.execute(
            f"SELECT rowid AS _rowid, {_CARD_COLUMNS} FROM offers WHERE rowid IN ({marks})",
            list(rowids),
        )
        names = [d[0] for d in cursor.description]
        rows = {r[0]: dict(zip(names, r, strict=True)) for r in cursor.fetchall()}
        return [_card(rows[r], distances.get(r)) for r in rowids if r in rows]

    def cards(self, ids: Sequence[str]) -> list[OfferCard]:
        """Cards for these offer ids, in this order; offers no longer there are left out."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        cursor = self.db.execute(
            f"SELECT {_CARD_COLUMNS} FROM offers WHERE id IN ({marks})", list(ids)
        )
        names = [d[0] for d in cursor.description]
        rows = {r[0]: dict(zip(names, r, strict=True)) for r in cursor.fetchall()}
        return [_card(rows[i]) for i in ids if i in rows]

    def offer(self, offer_id: str) -> OfferDetail | None:
        cursor = self.db.execute(
            f"SELECT {_CARD_COLUMNS}, description, employer, experience_label, apply_url, "
            "apply_text, source_url, created_at, raw FROM offers WHERE id = ?",
            [offer_id],
        )
        names = [d[0] for d in cursor.description]
        found = cursor.fetchone()
        if found is None:
            return None
        row = dict(zip(names, found, strict=True))
        try:
            raw = json.loads(row["raw"])
        except ValueError:
            raw = {}
        return OfferDetail(
            card=_card(row),
            description=row["description"] or "",
            employer=row["employer"],
            experience_label=row["experience_label"],
            apply_url=row["apply_url"],
            apply_text=row["apply_text"],
            source_url=row["source_url"],
            created_at=row["created_at"],
            raw=raw if isinstance(raw, dict) else {},
        )
