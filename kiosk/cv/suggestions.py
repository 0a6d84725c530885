"""What the wizard suggests and what the printed CV says, kept as data in `data/cv/`.

Every entry has an English id and its text in French, English and Arabic, translated inside
the data file (the printed CV must not depend on the screen's language: a person may build
the CV in Arabic and print it in French). A phrase picked from a suggestion is stored as a
`Term` with `ref` "kind:id" so it is printed in whichever language the CV is printed in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from kiosk import resources
from kiosk.cv.model import Term
from kiosk.i18n import LANGUAGES

CV_LANGUAGES = ("fr", "en", "ar")
KINDS = ("skill", "task", "about", "interest", "level", "licence", "transport")


class SuggestionDataError(ValueError):
    """A file in data/cv/ is not as expected (a packaging or editing mistake)."""


@dataclass(frozen=True)
class Phrase:
    """One suggestion: an id, its text per language, and the occupations it suits."""

    kind: str
    id: str
    text: Mapping[str, str]
    suits: tuple[str, ...] = ()  # "*", ROME domain letters, ROME codes
    extra: Mapping[str, Any] | None = None

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.id}"

    def in_language(self, lang: str) -> str:
        return self.text.get(lang) or self.text["en"]

    def term(self, lang: str) -> Term:
        """What the CV stores when the person picks this phrase while using `lang`."""
        return Term(self.in_language(lang), self.ref)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SuggestionDataError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise SuggestionDataError(f"{path}: expected an object")
    return data


def _phrases(kind: str, entries: Any, where: str) -> dict[str, Phrase]:
    if not isinstance(entries, list):
        raise SuggestionDataError(f"{where}: expected a list of entries")
    found: dict[str, Phrase] = {}
    for n, entry in enumerate(entries):
        spot = f"{where}[{n}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise SuggestionDataError(f"{spot}: expected an object with an id")
        texts = {lang: entry.get(lang) for lang in CV_LANGUAGES}
        if not all(isinstance(t, str) and t.strip() for t in texts.values()):
            raise SuggestionDataError(f"{spot} ({entry['id']}): needs en, fr and ar texts")
        if entry["id"] in found:
            raise SuggestionDataError(f"{spot}: id {entry['id']!r} is used twice")
        suits = entry.get("for", [])
        if not isinstance(suits, list) or not all(
            isinstance(s, str) and re.fullmatch(r"\*|[A-N]|[A-N]\d{4}", s) for s in suits
        ):
            raise SuggestionDataError(f"{spot}: 'for' holds '*', A..N or ROME codes")
        extra = {k: v for k, v in entry.items() if k not in (*CV_LANGUAGES, "id", "for")}
        found[entry["id"]] = Phrase(kind, entry["id"], texts, tuple(suits), extra)  # type: ignore[arg-type]
    return found


class Vocabulary:
    """Everything in data/cv/, loaded once (see `vocabulary()`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        files = {
            "skill": ("skills.json", "entries"),
            "task": ("tasks.json", "entries"),
            "about": ("about.json", "entries"),
            "interest": ("interests.json", "entries"),
            "level": ("levels.json", "entries"),
            "licence": ("transport.json", "licences"),
            "transport": ("transport.json", "means"),
        }
        self._by_kind: dict[str, dict[str, Phrase]] = {}
        for kind, (name, key) in files.items():
            data = _read(folder / name)
            self._by_kind[kind] = _phrases(kind, data.get(key), f"{name}:{key}")
        labels = _read(folder / "labels.json").get("entries")
        if not isinstance(labels, list):
            raise SuggestionDataError("labels.json: expected a list of entries")
        self._labels: dict[str, Mapping[str, Any]] = {}
        for entry in labels:
            if not isinstance(entry, dict) or not all(
                isinstance(entry.get(lang), str | dict) for lang in CV_LANGUAGES
            ):
                raise SuggestionDataError(f"labels.json: bad entry {entry!r}")
            self._labels[str(entry["id"])] = entry

    # --- suggestions for the wizard ------------------------------------------------------

    def all(self, kind: str) -> list[Phrase]:
        """Every phrase of a kind, in the data file's order."""
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

    def skills_for(self, rome_codes: Iterable[str]) -> list[Phrase]:
        return self.for_occupations("skill", rome_codes)

    def tasks_for(self, rome_codes: Iterable[str]) -> list[Phrase]:
        return self.for_occupations("task", rome_codes)

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
        entry = self._labels[label_id]
        text = entry.get(lang) if lang in CV_LANGUAGES else entry["en"]
        return str(text).format(**values)

    def plural(self, label_id: str, n: int, lang: str) -> str:
        """ "3 mois", "شهران": babel's plural rules for the language pick the form."""
        code = lang if lang in CV_LANGUAGES else "en"
        forms = self._labels[label_id][code]
        category = Locale.parse(LANGUAGES[code].locale).plural_form(n)
        text = forms.get(category) or forms["other"]
        return str(text).format(n=n)

    def language_name(self, code: str, lang: str) -> str:
        """The name of a language (ISO 639-1 code) in the CV's language, through babel."""
        locale = Locale.parse(LANGUAGES[lang].locale if lang in LANGUAGES else "en_GB")
        name = locale.languages.get(code)
        if not name:
            return code
        return name[:1].upper() + name[1:] if lang == "fr" else name


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary(resources.data_file("cv"))
