"""The CV as it will be printed, in one language: resolved text, sections in reading order.

The renderer (`ui.cv_pdf`) only lays this out; what the CV says, in which words and order,
is decided here, without Qt, so it is tested directly. Experiences are listed most recent
first; empty sections are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.cv.dates import format_period
from kiosk.cv.model import CV, Education, Experience, OtherExperience
from kiosk.cv.suggestions import CV_LANGUAGES, Vocabulary, vocabulary
from kiosk.i18n import LANGUAGES

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

    def experience_count(self) -> int:
        found = self.section("experience")
        return len(found.entries) if found else 0


def _recent_first(items: tuple[Experience, ...] | tuple[OtherExperience, ...]) -> list[int]:
    """Indexes, most recent first; items without dates keep their order, after the dated."""

    def key(i: int) -> tuple[tuple[int, int, int], int]:
        period = items[i].period
        return (period.sort_key() if period else (0, 0, 0), -i)

    return sorted(range(len(items)), key=key, reverse=True)


def _place(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def _experience(e: Experience | OtherExperience, words: Vocabulary, lang: str) -> Entry:
    if isinstance(e, Experience):
        title, place = e.job, _place(e.employer, e.town)
    else:
        kind = words.label(f"kind.{e.kind.value}", lang)
        title, place = (
            f"{kind} : {e.title}" if lang == "fr" else f"{kind}: {e.title}",
            _place(e.organisation, e.town),
        )
    lines = [words.resolve(t, lang) for t in e.tasks]
    if e.summary:
        lines.insert(0, e.summary)
    if e.period is None:
        return Entry(title, place, lines=tuple(lines))
    dates = format_period(e.period, lang)
    return Entry(title, place, dates, tuple(lines), format_period(e.period, lang, short=True))


def _education(s: Education, words: Vocabulary, lang: str) -> Entry:
    title = s.title if s.obtained else f"{s.title} {words.label('diploma_not_obtained', lang)}"
    if s.period is None:
        return Entry(title, _place(s.school, s.town))
    dates = format_period(s.period, lang)
    return Entry(title, _place(s.school, s.town), dates, (), format_period(s.period, lang, True))


def printable(cv: CV, lang: str | None = None, *, keep_experiences: int | None = None) -> Printable:
    """What the CV prints in `lang` (default: the CV's own language).

    `keep_experiences` keeps only the N most recent jobs (to tell the person what would fit).
    """
    lang = lang if lang in CV_LANGUAGES else cv.language
    words = vocabulary()
    ident = cv.identity
    sep = words.label("list_separator", lang)
    sections: list[Section] = []

    def add(key: str, **content: object) -> None:
        if any(content.values()):
            sections.append(Section(key, words.label(f"heading.{key}", lang), **content))  # type: ignore[arg-type]

    add("profile", text=" ".join(words.resolve(t, lang) for t in cv.about))
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
    add("skills", items=tuple(words.resolve(t, lang) for t in cv.skills))
    languages = []
    for spoken in cv.languages:
        name = words.language_name(spoken.code, lang) if spoken.code else spoken.name
        level = spoken.level_text
        if spoken.level is not None:
            phrase = words.get("level", spoken.level.value)
            level = phrase.in_language(lang) if phrase else spoken.level.value
        languages.append(
            f"{name} : {level}" if lang == "fr" and level else f"{name}: {level}" if level else name
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
    add("interests", items=tuple(words.resolve(t, lang) for t in cv.interests))
    contacts = tuple(c for c in (ident.phone, ident.email, ident.town) if c)
    headline = " / ".join(j.label for j in cv.wanted_jobs)
    return Printable(lang, LANGUAGES[lang].rtl, ident.name, headline, contacts, tuple(sections))
