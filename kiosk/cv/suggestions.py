"""What the wizard suggests and what the printed CV says, in any language of the registry.

The words themselves are English message ids in `kiosk.cv.phrasebook`, translated in the
catalogues like the rest of the kiosk (one place per language, one completeness test). The
printed CV must not depend on the screen's language (a person may build the CV in Persian and
print it in French), so every text here is asked for in an explicit language. A phrase picked
from a suggestion is stored as a `Term` with `ref` "kind:id", so it prints in whichever
language the CV is printed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale

from kiosk import languages
from kiosk.cv import phrasebook
from kiosk.cv.model import Term
from kiosk.i18n import LANGUAGES, in_language, ngettext

# Every language of the registry can be printed; the list is the registry's own.
CV_LANGUAGES: tuple[str, ...] = languages.CODES
KINDS = ("skill", "task", "about", "interest", "level", "licence", "transport")
_TABLES: dict[str, tuple[phrasebook.Word, ...]] = {
    "skill": phrasebook.SKILLS,
    "task": phrasebook.TASKS,
    "about": phrasebook.ABOUT,
    "interest": phrasebook.INTERESTS,
    "level": phrasebook.LEVELS,
    "licence": phrasebook.LICENCES,
    "transport": phrasebook.TRANSPORT,
}


class SuggestionDataError(ValueError):
    """The phrasebook is not as expected (an editing mistake, caught by the tests)."""


def _language(lang: str) -> str:
    # An unknown code (a stale setting, a CV from a newer kiosk) prints in English.
    return lang if lang in LANGUAGES else "en"


def translate(msgid: str, lang: str) -> str:
    """A phrasebook message in `lang` (English when the catalogue lacks it, never empty)."""
    return in_language(_language(lang), msgid)


class _Texts(Mapping[str, str]):
    """A phrase's text in every language, read from the catalogues when asked."""

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return translate(self.msgid, lang)

    def __iter__(self) -> Iterator[str]:
        return iter(CV_LANGUAGES)

    def __len__(self) -> int:
        return len(CV_LANGUAGES)

    def __repr__(self) -> str:
        return f"_Texts({self.msgid!r})"


@dataclass(frozen=True)
class Phrase:
    """One suggestion: an id, its text (per language), and the occupations it suits."""

    kind: str
    id: str
    text: Mapping[str, str]
    suits: tuple[str, ...] = ()  # "*", ROME domain letters, ROME codes
    extra: Mapping[str, Any] | None = None

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def msgid(self) -> str:
        return self.text.msgid if isinstance(self.text, _Texts) else self.text["en"]

    def in_language(self, lang: str) -> str:
        return translate(self.msgid, lang)

    def term(self, lang: str) -> Term:
        """What the CV stores when the person picks this phrase while using `lang`."""
        return Term(self.in_language(lang), self.ref)


def _phrases(kind: str, words: Iterable[phrasebook.Word]) -> dict[str, Phrase]:
    found: dict[str, Phrase] = {}
    for word in words:
        where = f"phrasebook {kind} {word.id!r}"
        if not word.msgid.strip():
            raise SuggestionDataError(f"{where}: no text")
        if word.id in found:
            raise SuggestionDataError(f"{where}: the id is used twice")
        if not all(re.fullmatch(r"\*|[A-N]|[A-N]\d{4}", s) for s in word.suits):
            raise SuggestionDataError(f"{where}: 'suits' holds '*', A..N or ROME codes")
        extra = {"cefr": list(word.cefr), "also": list(word.also)} if kind == "level" else {}
        found[word.id] = Phrase(kind, word.id, _Texts(word.msgid), word.suits, extra)
    return found


class Vocabulary:
    """Every suggestion and printed word, loaded once (see `vocabulary()`)."""

    def __init__(
        self,
        tables: Mapping[str, Iterable[phrasebook.Word]] | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        tables = _TABLES if tables is None else tables
        self._by_kind = {kind: _phrases(kind, tables.get(kind, ())) for kind in KINDS}
        self._labels = dict(phrasebook.LABELS if labels is None else labels)

    # --- suggestions for the wizard ------------------------------------------------------

    def all(self, kind: str) -> list[Phrase]:
        """Every phrase of a kind, in the phrasebook's order."""
        return list(self._by_kind[kind].values())

    def get(self, kind: str, phrase_id: str) -> Phrase | None:
        return self._by_kind.get(kind, {}).get(phrase_id)

    def for_occupations(self, kind: str, rome_codes: Iterable[str]) -> list[Phrase]:
        """Suggestions for the wanted occupations: exact occupation first, then its domain,
        then those for everyone. With no occupation: the ones for everyone."""
        codes = [c.upper() for c in rome_codes]
        domains = [c[0] for c in codes if c]
        ranked: list[tuple[int, int, Phrase]] = []
        for order, phrase in enumerate(self._by_kind[kind].values()):
            if any(c in phrase.suits for c in codes):
                rank = 0
            elif any(d in phrase.suits for d in domains):
                rank = 1
            elif "*" in phrase.suits:
                rank = 2
            else:
                continue
            ranked.append((rank, order, phrase))
        return [p for _r, _o, p in sorted(ranked, key=lambda t: (t[0], t[1]))]

    # --- printing ---------------------------------------------------------------------------

    def resolve(self, term: Term, lang: str) -> str:
        """A term's text in the CV's language: a picked phrase is translated, typed text kept."""
        if term.ref and ":" in term.ref:
            kind, _sep, phrase_id = term.ref.partition(":")
            phrase = self.get(kind, phrase_id)
            if phrase is not None:
                return phrase.in_language(lang)
        return term.text

    def label(self, label_id: str, lang: str, **values: object) -> str:
        """A word or heading the printed CV uses, in `lang` (English if unknown)."""
        if label_id == "range":  # the same in every language; the renderer isolates each end
            return "{start} – {end}".format(**values)
        if label_id == "list_separator":
            return separator(lang)
        return translate(self._labels[label_id], lang).format(**values)

    def plural(self, label_id: str, n: int, lang: str) -> str:
        """ "3 mois", "شهران", "5 місяців": the catalogue's plural rule for the language."""
        return duration(label_id.removeprefix("duration.").removesuffix("s"), n, lang)

    def language_name(self, code: str, lang: str) -> str:
        """The name of a language (ISO 639-1 code) in the CV's language, through babel."""
        locale = Locale.parse(LANGUAGES[_language(lang)].locale)
        name = locale.languages.get(code)
        if not name:
            return code
        return capitalised(name, lang)


def capitalised(name: str, lang: str) -> str:
    """A language name as a CV line starts: "Arabe", "Французька", "İngilizce" (babel gives
    them lower case in most languages; Turkish capitalises i as İ)."""
    first = "İ" if lang == "tr" and name[:1] == "i" else name[:1].upper()
    return first + name[1:]


def separator(lang: str) -> str:
    """Between items of a list: the Arabic comma in Arabic script."""
    return "، " if languages.get(lang).script == "arabic" else ", "


def duration(unit: str, n: int, lang: str) -> str:
    """ "3 months" in `lang`, plural forms by the language's own rule (`unit`: week, month,
    year)."""
    lang = _language(lang)
    if unit == "week":
        text = ngettext("{n} week", "{n} weeks", n, lang)
    elif unit == "month":
        text = ngettext("{n} month", "{n} months", n, lang)
    else:
        text = ngettext("{n} year", "{n} years", n, lang)
    return text.format(n=n)


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary()
