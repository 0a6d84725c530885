"""The words for jobs the resolver knows besides the occupation labels, read from data/.

- ROME's 13,120 job titles ("appellations"), each naming one occupation;
- every ESCO label (preferred and alternative) in en, ar, es, pt, ro, uk and fr, mapped to ROME
  codes through the official ROME↔ESCO table (data/esco/labels.json.gz);
- everyday words written per language (data/synonyms.json for French, data/words/<lang>.json);
- ROME's "close occupation" links (mobilites), for "nothing found, try these".

A missing or damaged file costs its words, never the search: the kiosk keeps what it has.
"""

from __future__ import annotations

import gzip
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from kiosk import resources

log = logging.getLogger(__name__)

WORD_LANGUAGES = ("en", "ar", "es", "pt", "ro", "uk", "tr", "fa")
_T = TypeVar("_T")
_lock = threading.Lock()


@dataclass(frozen=True)
class Names:
    """Everyday words of one language: word -> ROME codes (closest first), and words that say
    nothing about the job ("I am looking for a job as")."""

    names: dict[str, tuple[str, ...]]
    ignore: frozenset[str]


def _guarded(what: str, read: Callable[[], _T], empty: _T) -> _T:
    try:
        return read()
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError) as exc:
        log.warning("search words: cannot read %s (%s); going on without them", what, exc)
        return empty


def _tsv_gz(*parts: str) -> list[list[str]]:
    with gzip.open(resources.data_file(*parts), "rt", encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


@cache
def appellations() -> tuple[tuple[str, str], ...]:
    """(ROME code, job title) for the 13,120 titles."""
    with _lock:
        empty: list[list[str]] = []
        rows = _guarded("appellations", lambda: _tsv_gz("rome", "appellations.tsv.gz"), empty)
    return tuple((r[0], r[1]) for r in rows if len(r) == 2)


@cache
def mobilities() -> dict[str, tuple[str, ...]]:
    """ROME code -> its close occupations, in ROME's order."""
    with _lock:
        empty: list[list[str]] = []
        rows = _guarded("mobilities", lambda: _tsv_gz("rome", "mobilites.tsv.gz"), empty)
    found: dict[str, list[str]] = {}
    for row in rows:
        if len(row) == 2:
            found.setdefault(row[0], []).append(row[1])
    return {c: tuple(t) for c, t in found.items()}


def _read_esco() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    with gzip.open(resources.data_file("esco", "labels.json.gz"), "rt", encoding="utf-8") as f:
        raw: Any = json.load(f)
    return {
        str(lang): [(str(label), tuple(str(c) for c in codes)) for label, codes in entries]
        for lang, entries in raw.items()
    }


@cache
def esco_labels() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """language -> [(ESCO label, ROME codes closest first)]."""
    with _lock:
        return _guarded("ESCO labels", _read_esco, {})


def _read_names(lang: str) -> Names:
    path = resources.data_file("words", f"{lang}.json")
    raw: Any = json.loads(path.read_text(encoding="utf-8"))
    names = {str(w): tuple(str(c) for c in codes) for w, codes in raw["names"].items()}
    # A written title is also a word for its job ("Tır şoförü").
    for code, title in raw.get("titles", {}).items():
        names.setdefault(str(title), (str(code),))
    return Names(names, frozenset(str(w) for w in raw.get("ignore", [])))


@cache
def everyday_words(lang: str) -> Names:
    """The everyday words written for `lang` (not French: see resolve.load_synonyms)."""
    return _guarded(f"data/words/{lang}.json", lambda: _read_names(lang), Names({}, frozenset()))
