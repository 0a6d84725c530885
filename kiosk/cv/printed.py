"""The CV as it will be printed, in one language: resolved text, sections in reading order.

The renderer (`ui.cv_pdf`) only lays this out; what the CV says, in which words and order,
is decided here, without Qt, so it is tested directly. Experiences are listed most recent
first; empty sections are left out.

Any language of the registry can be printed: headings and picked phrases come from the
catalogues in the CV's language, never the screen's. In a right-to-left CV (Arabic, Persian)
what the person typed in Latin letters (a French employer, a town) is isolated left-to-right,
so "McDonald's, Lyon" stays readable and in its place inside the Persian line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.cv.dates import format_period
from kiosk.cv.model import CV, Education, Experience, OtherExperience
from kiosk.cv.suggestions import CV_LANGUAGES, Vocabulary, separator, vocabulary
from kiosk.i18n import LANGUAGES, ltr

# Section keys, in reading order. Templates choose which go in a side column.
SECTIONS = (
    "profile",
    "experience",
    "other",
    "education",
    "skills",
    "languages",
    "mobility",
    "interests",
)


@dataclass(frozen=True)
class Entry:
    """One dated item: "Kitchen assistant", "Le Bistrot, Lyon", "2019 – 2021", tasks."""

    title: str
    place: str = ""
    dates: str = ""
    lines: tuple[str, ...] = ()
    short_dates: str = ""  # months as digits, for a dense page: "03/2019 – 06/2020"


@dataclass(frozen=True)
class Section:
    key: str  # one of SECTIONS
    heading: str
    entries: tuple[Entry, ...] = ()  # dated items (experience, education)
    items: tuple[str, ...] = ()  # plain lines (skills, languages...)
    text: str = ""  # a paragraph (profile)


@dataclass(frozen=True)
class Printable:
    lang: str
    rtl: bool
    name: str
    headline: str  # the wanted jobs
    contacts: tuple[str, ...]  # phone, e-mail, town: each on its own line
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def _recent_first(items: tuple[Experience, ...] | tuple[OtherExperience, ...]) -> list[int]:
    """Indexes, most recent first; items without dates keep their order, after the dated."""

    def key(i: int) -> tuple[tuple[int, int, int], int]:
        period = items[i].period
        return (period.sort_key() if period else (0, 0, 0), -i)

    return sorted(range(len(items)), key=key, reverse=True)


_RTL_LETTER = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u052f]")


def typed(text: str, lang: str) -> str:
    """What a person typed, safe in the CV's direction: in a right-to-left CV, text written
    only in left-to-right letters ("Le Bistrot", "CAP Cuisine") is isolated, so its words and
    the punctuation around it keep their order. Text with Arabic letters is left to the bidi
    algorithm, which orders it well."""
    if LANGUAGES[lang].rtl and _LTR_LETTER.search(text) and not _RTL_LETTER.search(text):
        return ltr(text)
    return text


def _place(lang: str, *parts: str) -> str:
    return separator(lang).join(typed(p, lang) for p in parts if p)


def _experience(e: Experience | OtherExperience, words: Vocabulary, lang: str) -> Entry:
    if isinstance(e, Experience):
        title, place = typed(e.job, lang), _place(lang, e.employer, e.town)
    else:
        kind = words.label(f"kind.{e.kind.value}", lang)
        title = words.label("kind_title", lang, kind=kind, title=typed(e.title, lang))
        place = _place(lang, e.organisation, e.town)
    lines = [typed(words.resolve(t, lang), lang) for t in e.tasks]
    if e.summary:
        lines.insert(0, typed(e.summary, lang))
    if e.period is None:
        return Entry(title, place, lines=tuple(lines))
    dates = format_period(e.period, lang)
    return Entry(title, place, dates, tuple(lines), format_period(e.period, lang, short=True))


def _education(s: Education, words: Vocabulary, lang: str) -> Entry:
    title = typed(s.title, lang)
    if not s.obtained:
        title = f"{title} {words.label('diploma_not_obtained', lang)}"
    place = _place(lang, s.school, s.town)
    if s.period is None:
        return Entry(title, place)
    dates = format_period(s.period, lang)
    return Entry(title, place, dates, (), format_period(s.period, lang, True))


def printable(cv: CV, lang: str | None = None, *, keep_experiences: int | None = None) -> Printable:
    """What the CV prints in `lang` (default: the CV's own language).

    `keep_experiences` keeps only the N most recent jobs (to tell the person what would fit).
    """
    lang = lang if lang in CV_LANGUAGES else cv.language
    lang = lang if lang in CV_LANGUAGES else "en"  # a CV saved by a newer kiosk
    words = vocabulary()
    ident = cv.identity
    sep = separator(lang)
    sections: list[Section] = []

    def add(key: str, **content: object) -> None:
        if any(content.values()):
            sections.append(Section(key, words.label(f"heading.{key}", lang), **content))  # type: ignore[arg-type]

    add("profile", text=" ".join(typed(words.resolve(t, lang), lang) for t in cv.about))
    jobs = [_experience(cv.experiences[i], words, lang) for i in _recent_first(cv.experiences)]
    if keep_experiences is not None:
        jobs = jobs[:keep_experiences]
    add("experience", entries=tuple(jobs))
    others = cv.other_experiences
    add("other", entries=tuple(_experience(others[i], words, lang) for i in _recent_first(others)))
    schools = [_education(s, words, lang) for s in cv.education]
    if not schools and cv.no_diploma:
        schools = [Entry(words.label("no_diploma", lang))]
    add("education", entries=tuple(schools))
    add("skills", items=tuple(typed(words.resolve(t, lang), lang) for t in cv.skills))
    languages = []
    for spoken in cv.languages:
        name = words.language_name(spoken.code, lang) if spoken.code else typed(spoken.name, lang)
        level = typed(spoken.level_text, lang)
        if spoken.level is not None:
            phrase = words.get("level", spoken.level.value)
            level = phrase.in_language(lang) if phrase else spoken.level.value
        languages.append(
            words.label("language_level", lang, language=name, level=level) if level else name
        )
    add("languages", items=tuple(languages))
    mobility = []
    if cv.licences:
        names = [
            (p.in_language(lang) if (p := words.get("licence", c)) else c) for c in cv.licences
        ]
        mobility.append(words.label("licence", lang, categories=sep.join(names)))
    for means in cv.transport:
        phrase = words.get("transport", means)
        mobility.append(phrase.in_language(lang) if phrase else means)
    add("mobility", items=tuple(mobility))
    add("interests", items=tuple(typed(words.resolve(t, lang), lang) for t in cv.interests))
    contacts = tuple(c for c in (ident.phone, ident.email, ident.town) if c)
    # Wanted jobs are French ROME titles: each isolated, so a Persian CV lists them in order.
    headline = " / ".join(typed(j.label, lang) for j in cv.wanted_jobs)
    name = typed(ident.name, lang)
    return Printable(lang, LANGUAGES[lang].rtl, name, headline, contacts, tuple(sections))
