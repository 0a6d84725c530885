"""How people really write: words without accents, phonetic spellings and typing slips.

`words()` turns any text into plain lowercase words (nothing a user types can break what is
built from them). `phonetic()` is our own French sound key, tuned for the mistakes job seekers
make on a touchscreen: "boulanjer", "plombié", "serveuze", "chaufeur poid lour" all get the
key of the word they meant. `Lexicon` finds, for one typed word, the known words it may mean.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

# A query is a few words; anything longer is pasted text, not a job name.
MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MAX_WORD_CHARS = 40  # the longest job words are about 25 letters

_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "æ": "ae",
        "ß": "ss",
        "’": "'",
        "ʼ": "'",
        "ı": "i",  # Turkish dotless i: "şoför" typed on a French keyboard is "sofor"
        # Arabic script: one form per letter, as people type it with or without care.
        "ة": "ه",  # taa marbuta, often typed as haa
        "ى": "ي",  # alif maqsura
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian kaf
        "ـ": None,  # tatweel, a stretch that is no letter
        "\u200c": " ",  # zero-width non-joiner (Persian "می‌خواهم"): a break
    }
)
_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script; everything else separates
# Every combining mark of the first plane (accents, Arabic harakat, the Cyrillic breve): one
# `translate` drops them all, several times faster than testing each character.
_NO_MARKS = {c: None for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))}
_ARABIC_ARTICLE = re.compile(r"^ال(?=[\u0621-\u064a]{3})")


def fold(text: str) -> str:
    """Lowercase, no accents or Arabic short vowels, one form per letter: "Œuvre" -> "oeuvre",
    "أُمّ" -> "ام", "йод" -> "иод" (everything a person may type or leave out the same way)."""
    text = text.casefold().translate(_LIGATURES)
    if text.isascii():
        return text
    # NFKD splits accents, hamza above or below (أ إ آ ؤ ئ) and the Cyrillic breve off their
    # letter; combining marks, Arabic harakat and shadda among them, are then dropped.
    return unicodedata.normalize("NFKD", text).translate(_NO_MARKS)


def words(text: str, stopwords: Iterable[str] = ()) -> list[str]:
    """The plain words of a text, in order; "d'entretien" gives "entretien".

    Hyphens, apostrophes, quotes, FTS or SQL syntax and emoji are separators, never part of
    a word. Single letters (the "l" of "l'accueil") carry no meaning here and are dropped.
    """
    stop = set(stopwords)
    found = [_ARABIC_ARTICLE.sub("", w) for w in _WORD.findall(fold(text[:MAX_QUERY_CHARS]))]
    return [w for w in found if len(w) > 1 and w not in stop][:MAX_WORDS]


# -- the French sound key ---------------------------------------------------------------------
# Rules applied in order to a folded word. Written sounds that are heard the same get the same
# letters: "ph" and "f", "qu", "c" and "k", a soft "g" and "j", "au", "eau" and "o", the nasal
# vowels "an"/"en", "in"/"ain"/"ein", "on". Endings that are not heard ("er", "ez", a final
# "e", "s", "t", "d", "x") are dropped, so "plombier" and "plombié", "poids" and "poid" meet.
# Double letters count once. The key is for matching only; nobody ever sees it.
_SOUND_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ph", "f"),
        (r"gu(?=[eiy])", "g"),
        (r"g(?=[eiy])", "j"),
        (r"ge(?=[aou])", "j"),
        (r"c(?=[eiy])", "s"),
        (r"(sch|sh|ch)", "x"),
        (r"(qu|ck|q|c)", "k"),
        (r"tion", "sion"),
        (r"(?<=[aeiouy])s(?=[aeiouy])", "z"),
        (r"z", "s"),
        (r"eaux?|au", "o"),
        (r"(ain|ein|aim|yn|in|im|un|um)(?![aeiouy])", "1"),
        (r"(an|am|en|em)(?![aeiouy])", "2"),
        (r"(on|om)(?![aeiouy])", "3"),
        (r"oi", "wa"),
        (r"(oeu|eu|oe)", "e"),
        (r"ou", "u"),
        (r"(ai|ei|ay)", "e"),
        (r"y", "i"),
        (r"w", "v"),
        (r"h", ""),
        (r"(.)\1+", r"\1"),
    )
)
# Silent endings come off in this order: a plural, a mute "e", then "er"/"ez"/"et" or a mute
# consonant. "boulangère" -> "...jere" -> "...jer" -> "...j"; "poids" -> "...ds" -> "...d" -> "...".
_SILENT_ENDS = (re.compile(r"[sx]$"), re.compile(r"e$"), re.compile(r"(er|ez|et|[tdp])$"))


def phonetic(word: str) -> str:
    """The French sound key of one folded word ("boulanjer" -> "bul2j")."""
    key = fold(word)
    if not key.isascii():  # Arabic, Cyrillic: these are French sounds, they do not apply
        return key
    for pattern, replacement in _SOUND_RULES:
        key = pattern.sub(replacement, key)
    for ending in _SILENT_ENDS:
        shorter = ending.sub("", key)
        if len(shorter) >= 2:
            key = shorter
    return key or word


def distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a swap of two letters is one slip), capped at
    `limit` + 1 so that far-apart words cost little to compare."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _deletes(word: str) -> set[str]:
    """The word with one letter left out, each way (the "symmetric delete" trick)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True)
class Match:
    word: str  # a known word
    score: float  # 1.0 for the word itself, less the less sure we are


class Lexicon:
    """The known words (occupation labels and everyday names), findable despite mistakes.

    Typing slips are found through "symmetric deletes": a word and a typed word one or two
    slips apart share a form with one letter left out of each, so candidates come from a
    dictionary lookup instead of comparing against every known word.
    """

    def __init__(self, known: Iterable[str]) -> None:
        self.words = sorted(set(known))
        by_sound: dict[str, set[str]] = {}
        by_delete: dict[str, set[str]] = {}
        by_sound_delete: dict[str, set[str]] = {}
        # Tens of thousands of words in every language: plain loops and local names keep the
        # build to about a second.
        for word in self.words:
            key = phonetic(word)
            found = by_sound.get(key)
            if found is None:
                by_sound[key] = {word}
            else:
                found.add(word)
            for form in {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}:
                found = by_delete.get(form)
                if found is None:
                    by_delete[form] = {word}
                else:
                    found.add(word)
            if len(key) >= 4 and key.isascii():
                for form in {key[:i] + key[i + 1 :] for i in range(len(key))} | {key}:
                    found = by_sound_delete.get(form)
                    if found is None:
                        by_sound_delete[form] = {word}
                    else:
                        found.add(word)
        self._by_sound = by_sound
        self._by_delete = by_delete
        self._by_sound_delete = by_sound_delete

    def __contains__(self, word: str) -> bool:
        return word in self._by_delete and word in self._by_delete[word]

    def lookup(self, typed: str) -> list[Match]:
        """Known words `typed` may mean, best first; empty when nothing is close enough."""
        found: dict[str, float] = {}

        def offer(word: str, score: float) -> None:
            if score > found.get(word, 0.0):
                found[word] = score

        if typed in self:
            offer(typed, 1.0)
        if len(typed) > MAX_WORD_CHARS:  # pasted text, not a word: no costly guessing
            return [Match(w, s) for w, s in found.items()]
        key = phonetic(typed)
        for word in self._by_sound.get(key, ()):
            offer(word, 0.92)
        # One or two slips; short words tolerate one, or anything would match anything.
        limit = 1 if len(typed) <= 5 else 2
        candidates: set[str] = set()
        for form in _deletes(typed) | {typed}:
            candidates |= self._by_delete.get(form, set())
        if limit == 2:
            for form in _deletes(typed):
                for shorter in _deletes(form):
                    candidates |= self._by_delete.get(shorter, set())
        for word in candidates:
            slips = distance(typed, word, limit)
            if slips <= limit:
                offer(word, 0.9 - 0.1 * slips)
        # A slip on top of a phonetic spelling ("chaufeure", "boulenjer"); the first sound
        # must be right, or any short nonsense finds a job ("xyzzy" and "huissier").
        if len(key) >= 4:
            near: set[str] = set()
            for form in _deletes(key) | {key}:
                near |= self._by_sound_delete.get(form, set())
            for word in near:
                sound = phonetic(word)
                if sound[:1] == key[:1] and distance(key, sound, 1) <= 1:
                    offer(word, 0.72)
        # The start of a word, as typed one key at a time on the on-screen keyboard.
        if len(typed) >= 4:
            start = bisect_left(self.words, typed)
            for word in self.words[start : start + 40]:
                if not word.startswith(typed):
                    break
                offer(word, 0.6 + 0.3 * len(typed) / len(word))
        return sorted((Match(w, s) for w, s in found.items()), key=lambda m: (-m.score, m.word))
