"""Finding offers in `catalogue.db` the way people ask for them.

A query is understood twice: as occupations (`resolve.Resolver`: misspellings, phonetic
spellings, everyday names) and as words (FTS5 over titles, occupation labels and places, with
each word's likely corrections). An offer found both ways ranks first, then offers of the
occupations, then offers found by words alone; among equals the newest first. Filters are SQL
conditions; distance is a bounding box in SQL, then the true distance in Python.

Nothing the person types reaches SQL as syntax: words are letters and digits only, quoted.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import sqlite_utils

from kiosk.catalogue.demo import Town, load_towns
from kiosk.catalogue.geo import box_around, haversine_km
from kiosk.catalogue.resolve import Occupation, Resolver, known_words, resolver_for
from kiosk.catalogue.spelling import words

CONTRACTS = ("CDI", "CDD", "MIS", "SAI", "ALT")  # ALT: work-study (alternance), any contract
DISTANCES_KM = (5, 10, 20, 50)
RECENT_DAYS = 7
PAGE = 40

# An occupation counts as meant when it scores close to the best one and is not a long shot.
_MIN_SCORE = 0.55
_NEAR_BEST = 0.75
_MAX_CODES = 12
_WORD_MATCH_BONUS = 0.35

Status = Literal["ok", "empty_query", "not_understood", "unknown_town"]

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


def _fts_query(groups: Sequence[Sequence[str]]) -> str:
    """Each typed word or any of its corrections, every typed word required. Words are
    letters and digits only (see spelling.words), so quoting them cannot be escaped."""
    parts = []
    for alternatives in groups:
        terms = [f'"{w}"' for w in alternatives]
        typed = alternatives[0]
        if len(typed) >= 4:
            terms.append(f'"{typed}"*')  # a word still being typed
        parts.append("(" + " OR ".join(terms) + ")")
    return " AND ".join(parts)


def rebuild_index(db: sqlite_utils.Database) -> None:
    """Rebuild the full-text index from the offers (after a VACUUM, see schema._v2)."""
    db.execute("INSERT INTO offers_fts (offers_fts) VALUES ('rebuild')")


class Searcher:
    """Searches one connection's catalogue. Cheap to make: one per thread."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        agency_commune: str = "69123",
        towns: Sequence[Town] | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.db = db
        self.agency_commune = agency_commune
        self.towns = {t.insee: t for t in (towns if towns is not None else load_towns())}
        self.resolver = resolver or resolver_for(db)

    # -- occupations ----------------------------------------------------------------------
    def occupations(self, query: str, limit: int = 10) -> list[Occupation]:
        return [o for o in self.resolver.resolve(query, limit) if o.score >= 0.4]

    def domains(self) -> list[Domain]:
        counts = dict(
            self.db.execute(
                "SELECT substr(rome_code, 1, 1), count(*) FROM offers "
                "WHERE rome_code IS NOT NULL GROUP BY 1"
            ).fetchall()
        )
        return [
            Domain(letter, label, int(counts.get(letter, 0)))
            for letter, label in self.db.execute("SELECT letter, label FROM domains ORDER BY 1")
        ]

    def occupations_in(self, letter: str) -> list[OccupationCount]:
        """The occupations of a domain that have offers, the most offers first."""
        rows = self.db.execute(
            "SELECT o.code, o.label, count(*) FROM offers f JOIN occupations o "
            "ON o.code = f.rome_code WHERE o.domain = ? GROUP BY o.code "
            "ORDER BY 3 DESC, o.label",
            [letter],
        ).fetchall()
        return [OccupationCount(c, label, int(n)) for c, label, n in rows]

    def related(self, codes: Sequence[str], limit: int = 6) -> list[OccupationCount]:
        """Occupations near these (same ROME group first, then same domain) that have offers."""
        found: dict[str, OccupationCount] = {}
        for prefix_len in (3, 1):
            for prefix in dict.fromkeys(c[:prefix_len] for c in codes if c):
                rows = self.db.execute(
                    "SELECT o.code, o.label, count(*) FROM offers f JOIN occupations o "
                    "ON o.code = f.rome_code WHERE f.rome_code >= ? AND f.rome_code < ? "
                    "GROUP BY o.code ORDER BY 3 DESC LIMIT ?",
                    [prefix, prefix + "~", limit + len(codes)],
                ).fetchall()
                for code, label, n in rows:
                    if code not in codes and code not in found:
                        found[code] = OccupationCount(code, label, int(n))
            if len(found) >= limit:
                break
        return list(found.values())[:limit]

    # -- offers ---------------------------------------------------------------------------
    def town(self, insee: str | None) -> Town | None:
        return self.towns.get(insee or self.agency_commune)

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
            return SearchResult(total, tuple(cards), tuple(occupations), took, status, filters)

        centre = None
        if filters.km is not None:
            centre = self.town(filters.near)
            if centre is None:
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
        found: dict[int, tuple[float, str, float | None]] = {}
        scores = {o.code: round(o.score, 2) for o in occupations}
        if scores:
            marks = ",".join("?" * len(scores))
            sql = (
                "SELECT rowid, rome_code, updated_at, latitude, longitude FROM offers "
                f"WHERE rome_code IN ({marks}){where}"
            )
            for rowid, code, updated, lat, lon in self.db.execute(sql, [*scores, *params]):
                found[rowid] = (scores[code], updated or "", self._distance(centre, lat, lon))
        if typed and not codes:
            expression = _fts_query(known_words(self.resolver, typed))
            by_words = self._by_words(
                "{title rome_label place_label} : (" + expression + ")", where, params
            )
            if not by_words and not found:
                by_words = self._by_words("{description} : (" + expression + ")", where, params)
            for rowid, code, updated, lat, lon in by_words:
                relevance = scores.get(code or "", 0.0) + _WORD_MATCH_BONUS
                found[rowid] = (relevance, updated or "", self._distance(centre, lat, lon))

        if centre is not None and filters.km is not None:
            km = filters.km
            found = {r: v for r, v in found.items() if v[2] is None or v[2] <= km}
        # Newest first, then (stable) the most relevant first: newest first among equals.
        ordered = sorted(found.items(), key=lambda kv: kv[1][1], reverse=True)
        ordered.sort(key=lambda kv: -kv[1][0])
        page = ordered[offset : offset + max(0, limit)]
        cards = self._cards([r for r, _v in page], {r: v[2] for r, v in page})
        status: Status = "ok" if occupations or found else "not_understood"
        return done(len(found), cards, occupations, status)

    def _meant(self, query: str, typed: Sequence[str]) -> list[Occupation]:
        """The occupations the whole query means; failing that, each clearly known word's
        ("serveur ou plongeur" asks for two jobs, and no occupation is both)."""
        found = _confident(self.resolver.resolve(query, limit=_MAX_CODES))
        if found or len(typed) < 2:
            return found
        merged: dict[str, Occupation] = {}
        for word, matches in self.resolver.understood(typed).items():
            if matches and matches[0].score >= 0.9:
                for o in _confident(self.resolver.resolve(word, limit=_MAX_CODES)):
                    if o.code not in merged or merged[o.code].score < o.score:
                        merged[o.code] = o
        return sorted(merged.values(), key=lambda o: -o.score)[:_MAX_CODES]

    def _by_words(
        self, match: str, where: str, params: Sequence[Any]
    ) -> list[tuple[int, str | None, str | None, float | None, float | None]]:
        return self.db.execute(
            "SELECT o.rowid, o.rome_code, o.updated_at, o.latitude, o.longitude "
            "FROM offers_fts JOIN offers o ON o.rowid = offers_fts.rowid "
            f"WHERE offers_fts MATCH ?{where}",
            [match, *params],
        ).fetchall()

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
            # An offer without coordinates is kept only when it names the centre's town.
            parts.append(
                "((latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?) "
                "OR (latitude IS NULL AND commune = ?))"
            )
            params += [box.south, box.north, box.west, box.east, centre.insee]
        # Bare column names: none of them is also a column of offers_fts, so they stay
        # unambiguous when _by_words joins the two.
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
