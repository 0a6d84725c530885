"""Every French commune (data/geo/communes.tsv.gz): a town by its INSEE code, and the towns a
person means by typing a name or a postcode, spelt as they can.

"st etienne", "saint-étienne", "SAINT ETIENNE" and "42000" all find Saint-Étienne; a slip or
two ("villeurbane") still finds the town; a name several communes share ("Saint-Denis") gives
each, with its département and postcode to tell them apart, the most populated first.
"""

from __future__ import annotations

import gzip
import re
import threading
from bisect import bisect_left
from dataclasses import dataclass

from kiosk import resources
from kiosk.catalogue.demo import Town
from kiosk.catalogue.spelling import distance, fold

MAX_QUERY_CHARS = 80
_SAINT = re.compile(r"\b(saint|ste|sainte|st)\b")
_SEPARATORS = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    departement: str
    postcodes: tuple[str, ...]
    population: int
    latitude: float
    longitude: float

    @property
    def postcode(self) -> str:
        return self.postcodes[0] if self.postcodes else ""

    def as_town(self) -> Town:
        return Town(
            name=self.name,
            insee=self.insee,
            postcode=self.postcode,
            departement=self.departement,
            latitude=self.latitude,
            longitude=self.longitude,
            weight=0.0,
            population=self.population,
        )


def key(name: str) -> str:
    """How a town name is compared: no case, accents, hyphens or apostrophes; every way of
    writing "Saint" is "st" ("Saint-Étienne" -> "st etienne")."""
    folded = _SEPARATORS.sub(" ", fold(name[:MAX_QUERY_CHARS])).strip()
    return " ".join(_SAINT.sub("st", folded).split())


class Communes:
    """Immutable once built; one per process (see `communes()`)."""

    def __init__(self, rows: list[Commune]) -> None:
        self.by_insee = {c.insee: c for c in rows}
        self._by_postcode: dict[str, list[Commune]] = {}
        for c in rows:
            for postcode in c.postcodes:
                self._by_postcode.setdefault(postcode, []).append(c)
        # Names are indexed on the first name search: a search centred on a town needs none.
        self._index_lock = threading.Lock()
        self._keys: list[str] = []
        self._sorted: list[Commune] = []

    def _indexed(self) -> None:
        with self._index_lock:
            if not self._keys and self.by_insee:
                keyed = sorted(((key(c.name), c) for c in self.by_insee.values()), key=_first)
                self._sorted = [c for _k, c in keyed]
                self._keys = [k for k, _c in keyed]

    def __len__(self) -> int:
        return len(self.by_insee)

    def get(self, insee: str | None) -> Commune | None:
        return self.by_insee.get(insee or "")

    def find(self, typed: str, limit: int = 8) -> list[Commune]:
        """The communes `typed` may mean, best first: a postcode (or its start), else the name
        exactly, then names starting with it, then names a slip or two away."""
        text = typed.strip()[:MAX_QUERY_CHARS]
        digits = text.replace(" ", "")
        if digits.isdigit() or (len(digits) == 5 and digits[:2].upper() in ("2A", "2B")):
            return self._postcode(digits.upper(), limit)
        wanted = key(text)
        if len(wanted) < 2:
            return []
        self._indexed()
        exact: list[Commune] = []
        starting: list[Commune] = []
        start = bisect_left(self._keys, wanted)
        for k, c in zip(self._keys[start:], self._sorted[start:], strict=False):
            if not k.startswith(wanted):
                break
            (exact if k == wanted else starting).append(c)
            if len(starting) > 400:
                break
        by_size = lambda cs: sorted(cs, key=lambda c: -c.population)  # noqa: E731
        found = by_size(exact) + by_size(starting)
        if len(found) < limit and len(wanted) >= 4:
            found += self._near(wanted, {c.insee for c in found})
        return found[:limit]

    def _postcode(self, digits: str, limit: int) -> list[Commune]:
        if len(digits) == 5:
            found = list(self._by_postcode.get(digits, []))
            if not found:  # a commune's INSEE code typed instead of its postcode
                c = self.by_insee.get(digits)
                found = [c] if c else []
        elif len(digits) >= 2:
            found = [c for pc, cs in self._by_postcode.items() if pc.startswith(digits) for c in cs]
        else:
            return []
        unique = {c.insee: c for c in found}
        return sorted(unique.values(), key=lambda c: -c.population)[:limit]

    def _near(self, wanted: str, seen: set[str]) -> list[Commune]:
        """Names one or two slips away; only names sharing the first letter are compared, as
        people rarely miss a town's first letter (a few thousand comparisons, not 35,000)."""
        limit = 1 if len(wanted) <= 5 else 2
        lo = bisect_left(self._keys, wanted[0])
        hi = bisect_left(self._keys, chr(ord(wanted[0]) + 1))
        scored: list[tuple[int, int, Commune]] = []
        for k, c in zip(self._keys[lo:hi], self._sorted[lo:hi], strict=True):
            if abs(len(k) - len(wanted)) > limit or c.insee in seen:
                continue
            slips = distance(wanted, k, limit)
            if slips <= limit:
                scored.append((slips, -c.population, c))
        scored.sort(key=lambda s: (s[0], s[1]))
        return [c for _s, _p, c in scored]


def _first(pair: tuple[str, Commune]) -> str:
    return pair[0]


_lock = threading.Lock()
_communes: Communes | None = None


def _read() -> list[Commune]:
    rows: list[Commune] = []
    with gzip.open(resources.data_file("geo", "communes.tsv.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 7:
                continue
            insee, name, dep, postcodes, population, lat, lon = parts
            rows.append(
                Commune(
                    insee,
                    name,
                    dep,
                    tuple(postcodes.split()),
                    int(population or 0),
                    float(lat),
                    float(lon),
                )
            )
    return rows


def communes() -> Communes:
    """All communes, read once per process (about 0.2 s) and shared by every thread."""
    global _communes
    with _lock:
        if _communes is None:
            try:
                _communes = Communes(_read())
            except (OSError, ValueError, EOFError):
                _communes = Communes([])  # no towns to choose: the search still works
        return _communes
