"""From what a person typed, in any of the kiosk's languages, to the ROME occupations meant.

Every occupation label ("Boulanger / Boulangère"), every ROME job title, every ESCO label in
en/ar/es/pt/ro/uk/fr mapped to ROME codes, every everyday name in data/synonyms.json ("nounou",
"femme de ménage") and data/words/<lang>.json ("سائق", "cleaner") is an entry: a few words and
the codes it stands for (see kiosk.catalogue.vocabulary). A typed word reaches the entries
holding the known words it may mean (see `spelling.Lexicon`); an entry scores by how much of
the query it explains and how much of itself was matched, rare words counting more than
common ones ("entretien" over "agent").
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from kiosk import resources
from kiosk.catalogue import vocabulary
from kiosk.catalogue.spelling import Lexicon, Match, fold, words

# A typed word that matches nothing still counts a little: "serveur zzz" is less sure than
# "serveur", but "zzz" must not drown the word we did understand.
_UNKNOWN_WEIGHT = 1.0
_MATCHES_PER_WORD = 8
_MIN_MATCH = 0.6


@dataclass(frozen=True)
class Occupation:
    code: str
    label: str
    score: float  # 0..1, 1 when every word was understood exactly


@dataclass(frozen=True)
class Synonyms:
    names: dict[str, tuple[str, ...]]  # everyday name -> ROME codes, closest first
    ignore: frozenset[str]  # words that say nothing about the job ("je cherche un travail")


class SynonymsError(ValueError):
    """data/synonyms.json is not what this module expects (a packaging mistake)."""


def load_synonyms(path: Path | None = None) -> Synonyms:
    path = path or resources.data_file("synonyms.json")
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
        names = {str(name): tuple(str(c) for c in codes) for name, codes in raw["names"].items()}
        ignore = frozenset(fold(str(w)) for w in raw.get("ignore", []))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SynonymsError(f"cannot read {path}: {exc}") from exc
    return Synonyms(names, ignore)


def label_variants(label: str) -> list[str]:
    """ "Agent / Agente d'entretien" -> ["Agent d'entretien", "Agente d'entretien"].

    ROME labels give the masculine, a slash, then the feminine followed by the rest; a person
    types one of the two, so each is matched on its own.
    """
    if label.count(" / ") != 1:
        return [label]
    left, right = label.split(" / ")
    head = len(left.split())
    rest = right.split()[head:]
    return [" ".join([left, *rest]), right]


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    codes: tuple[str, ...]


class Resolver:
    """Immutable once built, so one instance serves every thread."""

    def __init__(
        self,
        occupations: Mapping[str, str],
        synonyms: Synonyms,
        extra: Iterable[tuple[str, Sequence[str]]] = (),
    ) -> None:
        """`extra`: more (words, codes closest first) entries: job titles, ESCO labels,
        everyday words of other languages. Their `ignore` words must be in `synonyms`."""
        self.labels = dict(occupations)
        self.ignore = synonyms.ignore
        # The same words may name the same codes in several sources: one entry each.
        merged: dict[tuple[str, ...], tuple[str, ...]] = {}

        def add(text: str, codes: Sequence[str]) -> None:
            known = tuple(c for c in codes if c in occupations)
            found = tuple(words(text, self.ignore))
            if found and known:
                had = merged.get(found, ())
                merged[found] = had + tuple(c for c in known if c not in had)

        for code, label in sorted(occupations.items()):
            for variant in label_variants(label):
                add(variant, (code,))
        for name, codes in synonyms.names.items():
            add(name, codes)
        for text, more in extra:
            for variant in label_variants(text):
                add(variant, more)
        entries = [_Entry(w, c) for w, c in merged.items()]
        self._entries = entries
        self._by_word: dict[str, list[int]] = {}
        for index, entry in enumerate(entries):
            for word in set(entry.words):
                self._by_word.setdefault(word, []).append(index)
        total = len(entries)
        self._idf = {w: math.log(1 + total / len(ids)) for w, ids in self._by_word.items()}
        self.lexicon = Lexicon(self._by_word)

    def understood(self, typed: Sequence[str]) -> dict[str, list[Match]]:
        """For each typed word, the known words it may mean (best first)."""
        return {
            t: [m for m in self.lexicon.lookup(t) if m.score >= _MIN_MATCH][:_MATCHES_PER_WORD]
            for t in dict.fromkeys(typed)
        }

    def resolve(self, query: str, limit: int = 10) -> list[Occupation]:
        """The occupations `query` most likely means, best first (empty if none)."""
        typed = words(query, self.ignore)
        if not typed:
            return []
        matches = self.understood(typed)
        weight = {
            t: self._idf[found[0].word] if found else _UNKNOWN_WEIGHT
            for t, found in matches.items()
        }
        wanted = sum(weight[t] for t in typed)
        candidates = {i for found in matches.values() for m in found for i in self._by_word[m.word]}
        scores: dict[str, float] = {}
        for index in candidates:
            entry = self._entries[index]
            own = set(entry.words)
            explained = 0.0
            covered: dict[str, float] = {}
            for t in typed:
                best = 0.0
                for m in matches[t]:
                    if m.word in own:
                        best = max(best, m.score)
                        covered[m.word] = max(covered.get(m.word, 0.0), m.score)
                explained += best * weight[t]
            idf = [self._idf[w] for w in entry.words]
            complete = sum(covered.get(w, 0.0) * f for w, f in zip(entry.words, idf, strict=True))
            score = (explained / wanted) * (0.7 + 0.3 * complete / sum(idf))
            for rank, code in enumerate(entry.codes):
                # An everyday name's first code is the closest; the others follow it closely.
                value = score * (1 - 0.03 * rank)
                if value > scores.get(code, 0.0):
                    scores[code] = value
        ordered = sorted(scores.items(), key=lambda kv: (-kv[1], len(self.labels[kv[0]]), kv[0]))
        return [Occupation(code, self.labels[code], round(s, 4)) for code, s in ordered[:limit]]


_cache: dict[int, Resolver] = {}
_cache_lock = threading.Lock()
_build_lock = threading.Lock()


def all_words(synonyms: Synonyms) -> tuple[Synonyms, list[tuple[str, tuple[str, ...]]]]:
    """French synonyms with every language's ignored words, and the other entries: everyday
    words of each language first (written for people: their first code is the one meant, where
    an ESCO label of the same words may point elsewhere), then ROME job titles, ESCO labels."""
    extra: list[tuple[str, tuple[str, ...]]] = []
    ignore = set(synonyms.ignore)
    for lang in vocabulary.WORD_LANGUAGES:
        found = vocabulary.everyday_words(lang)
        extra += list(found.names.items())
        ignore |= {fold(w) for w in found.ignore}
    extra += [(t, (c,)) for c, t in vocabulary.appellations()]
    for entries in vocabulary.esco_labels().values():
        extra += entries
    return Synonyms(synonyms.names, frozenset(ignore)), extra


def resolver_for(db: sqlite_utils.Database, synonyms: Synonyms | None = None) -> Resolver:
    """The resolver for this catalogue's occupations, built once per process and reused by
    every connection and thread (building it takes a second or two: warm it at start-up)."""
    rows = tuple(db.execute("SELECT code, label FROM occupations ORDER BY code").fetchall())
    key = hash((rows, None if synonyms is None else id(synonyms)))
    # One build at a time: the screens' warm-up and a first search arriving together wait
    # for the same index instead of building two.
    with _build_lock:
        with _cache_lock:
            found = _cache.get(key)
        if found is None:
            merged, extra = all_words(synonyms or load_synonyms())
            found = Resolver({str(c): str(label) for c, label in rows}, merged, extra)
            with _cache_lock:
                _cache.clear()  # one catalogue at a time: keep memory flat
                _cache[key] = found
    return found


def known_words(resolver: Resolver, typed: Iterable[str]) -> list[list[str]]:
    """For each typed word: itself and the known words it may mean (for a full-text query)."""
    matches = resolver.understood(list(typed))
    return [
        list(dict.fromkeys([t, *(m.word for m in found if m.score >= 0.8)]))[:6]
        for t, found in matches.items()
    ]
