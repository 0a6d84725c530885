"""JSON Resume (https://jsonresume.org/schema) as the CV's exchange and storage format.

`to_json_resume(cv)` writes standard fields (basics, work, volunteer, education, skills,
languages, interests) so any JSON Resume tool can read it; what the standard has no place
for goes where the schema allows extra properties: `x-`-prefixed keys on entries and
`meta.kiosk` (ROME codes, driving licences, transport, picked-phrase ids). A kiosk CV goes
through `to_json_resume` and `from_json_resume` unchanged.

`from_json_resume(data)` reads any JSON Resume: unknown keys are ignored; a value of the
wrong type raises `FieldError` naming its path ("work[2].startDate: expected a date like
2021-03"). Fields are cleaned like the wizard's (`kiosk.cv.validation`), except phone
numbers, which are kept as written when they hold no letters (files come from anywhere).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from kiosk.cv import validation as v
from kiosk.cv.dates import WRITTEN_MAX, Duration, Period, YearMonth, check_period
from kiosk.cv.model import (
    CV,
    Education,
    Experience,
    Identity,
    Level,
    OtherExperience,
    OtherKind,
    SpokenLanguage,
    Term,
    WantedJob,
)
from kiosk.cv.suggestions import CV_LANGUAGES, vocabulary
from kiosk.i18n import N_

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
EXPECTED = N_("expected {expected}")
AN_OBJECT = "an object"
A_LIST = "a list"
A_TEXT = "a text"
A_BOOLEAN = "true or false"
A_DATE = "a date like 2021-03"
DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


# --- writing ---------------------------------------------------------------------------------


def _dates(period: Period | None) -> dict[str, Any]:
    if period is None:
        return {}
    out: dict[str, Any] = {}
    if period.start is not None:
        out["startDate"] = period.start.iso()
        if period.end is not None:
            out["endDate"] = period.end.iso()
    if period.duration is not None:
        out["x-duration"] = period.duration.iso()
    if period.text:
        out["x-as-written"] = period.text
    return out


def _term(term: Term, key: str = "name") -> dict[str, Any]:
    return {key: term.text, **({"x-ref": term.ref} if term.ref else {})}


def _terms(terms: tuple[Term, ...]) -> list[dict[str, Any]]:
    return [_term(t, "text") for t in terms]


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {k: val for k, val in item.items() if val not in ("", None, [], {})}


def to_json_resume(cv: CV) -> dict[str, Any]:
    """The CV as a JSON Resume document (a dict ready for `json.dumps`)."""
    words = vocabulary()
    lang = cv.language
    ident = cv.identity
    basics = _drop_empty(
        {
            "name": ident.name,
            "label": " / ".join(j.label for j in cv.wanted_jobs),
            "email": ident.email,
            "phone": ident.phone,
            "summary": " ".join(words.resolve(t, lang) for t in cv.about),
            "location": _drop_empty({"city": ident.town}),
        }
    )
    work = [
        _drop_empty(
            {
                "name": e.employer,
                "position": e.job,
                "location": e.town,
                **_dates(e.period),
                "summary": e.summary,
                "highlights": [words.resolve(t, lang) for t in e.tasks],
                "x-tasks": _terms(e.tasks) if any(t.ref for t in e.tasks) else [],
            }
        )
        for e in cv.experiences
    ]
    volunteer = [
        _drop_empty(
            {
                "organization": e.organisation,
                "position": e.title,
                "location": e.town,
                **_dates(e.period),
                "summary": e.summary,
                "highlights": [words.resolve(t, lang) for t in e.tasks],
                "x-tasks": _terms(e.tasks) if any(t.ref for t in e.tasks) else [],
                "x-kind": e.kind.value,
            }
        )
        for e in cv.other_experiences
    ]
    education = [
        _drop_empty(
            {
                "institution": s.school,
                "studyType": s.title,
                "location": s.town,
                **_dates(s.period),
                "x-obtained": None if s.obtained else False,
            }
        )
        for s in cv.education
    ]
    levels = {p.id: p for p in words.all("level")}
    languages = [
        _drop_empty(
            {
                "language": words.language_name(s.code, lang) if s.code else s.name,
                "fluency": levels[s.level.value].in_language("en") if s.level else s.level_text,
                "x-code": s.code,
                "x-name": s.name if s.code else "",
                "x-level": s.level.value if s.level else "",
            }
        )
        for s in cv.languages
    ]
    kiosk_meta = _drop_empty(
        {
            "version": 1,
            "language": cv.language,
            "wantedJobs": [_drop_empty({"label": j.label, "rome": j.rome}) for j in cv.wanted_jobs],
            "about": _terms(cv.about),
            "noDiploma": cv.no_diploma or None,
            "licences": list(cv.licences),
            "transport": list(cv.transport),
        }
    )
    return _drop_empty(
        {
            "$schema": SCHEMA_URL,
            "basics": basics,
            "work": work,
            "volunteer": volunteer,
            "education": education,
            "skills": [_term(t) for t in cv.skills],
            "languages": languages,
            "interests": [_term(t) for t in cv.interests],
            "meta": {"kiosk": kiosk_meta},
        }
    )


# --- reading ---------------------------------------------------------------------------------


def _wrong(path: str, expected: str) -> v.FieldError:
    return v.FieldError(path, EXPECTED, expected=expected)


class _Reader:
    """Typed access to a JSON value that names the path of what is wrong."""

    def __init__(self, value: Any, path: str) -> None:
        self.value, self.path = value, path

    def at(self, key: str) -> _Reader:
        if not isinstance(self.value, Mapping):
            raise _wrong(self.path or "(top)", AN_OBJECT)
        sub = f"{self.path}.{key}" if self.path else key
        return _Reader(self.value.get(key), sub)

    def obj(self, key: str) -> _Reader:
        child = self.at(key)
        if child.value is None:
            return _Reader({}, child.path)
        if not isinstance(child.value, Mapping):
            raise _wrong(child.path, AN_OBJECT)
        return child

    def items(self, key: str) -> list[_Reader]:
        child = self.at(key)
        if child.value is None:
            return []
        if not isinstance(child.value, list):
            raise _wrong(child.path, A_LIST)
        return [_Reader(item, f"{child.path}[{i}]") for i, item in enumerate(child.value)]

    def text(self, key: str) -> str:
        child = self.at(key)
        if child.value is None:
            return ""
        if not isinstance(child.value, str):
            raise _wrong(child.path, A_TEXT)
        return child.value

    def flag(self, key: str) -> bool | None:
        child = self.at(key)
        if child.value is None:
            return None
        if not isinstance(child.value, bool):
            raise _wrong(child.path, A_BOOLEAN)
        return child.value

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key


def _date(entry: _Reader, key: str) -> YearMonth | None:
    text = entry.text(key).strip()
    if not text:
        return None
    match = DATE_RE.fullmatch(text)
    month = int(match[2]) if match and match[2] else None
    if not match or (month is not None and not 1 <= month <= 12):
        raise _wrong(entry.where(key), A_DATE)
    return YearMonth(int(match[1]), month)


def _period(entry: _Reader, today: dt.date) -> Period | None:
    start, end = _date(entry, "startDate"), _date(entry, "endDate")
    duration_text = entry.text("x-duration")
    duration = Duration.from_iso(duration_text) if duration_text else None
    if duration_text and duration is None:
        raise _wrong(entry.where("x-duration"), "a duration like P3M")
    written = entry.text("x-as-written").strip()[:WRITTEN_MAX]
    if start is None:
        if end is not None:  # only an end date: read it as that single year or month
            start = end
        elif duration is None:
            return Period(text=written) if written else None
    period = Period(start=start, end=end, ongoing=start is not None and end is None)
    if duration is not None:
        period = Period(duration=duration) if start is None else period
        if start is not None:  # "3 weeks in 2022"
            period = Period(start=start, end=end or start, duration=duration)
    if written:
        period = dataclasses.replace(period, text=written)
    try:
        return check_period(period, today)
    except v.UserError as exc:
        raise v.FieldError(entry.where("startDate"), exc.message, **exc.values) from exc


def _term_list(items: list[_Reader], limit: int) -> tuple[Term, ...]:
    out = []
    for item in items:
        out.append(
            Term(v.clean_required(item.text("text"), item.where("text"), limit), item.text("x-ref"))
        )
    return tuple(out)


def _tasks(entry: _Reader) -> tuple[Term, ...]:
    refs = entry.items("x-tasks")
    if refs:
        return _term_list(refs, v.TASK_MAX)
    highlights = entry.items("highlights")
    tasks = []
    for item in highlights:
        if not isinstance(item.value, str):
            raise _wrong(item.path, A_TEXT)
        text = v.clean_text(item.value, item.path, v.TASK_MAX)
        if text:
            tasks.append(Term(text))
    return tuple(tasks)


def _location(entry: _Reader) -> str:
    """`location` is a text on entries; basics.location is an object with a city."""
    child = entry.at("location")
    if isinstance(child.value, Mapping):
        return v.clean_text(entry.obj("location").text("city"), child.path + ".city")
    return v.clean_text(entry.text("location"), child.path)


def _named(entry: _Reader, key: str, limit: int) -> Term:
    """A skill or interest: its name, with its keywords after a colon."""
    name = v.clean_text(entry.text(key), entry.where(key), limit)
    keywords = []
    for word in entry.items("keywords"):
        if not isinstance(word.value, str):
            raise _wrong(word.path, A_TEXT)
        keywords.append(word.value.strip())
    text = f"{name}: {', '.join(k for k in keywords if k)}" if keywords and name else name
    text = text or ", ".join(keywords)
    return Term(v.clean_text(text, entry.where(key), limit), entry.text("x-ref"))


def _level(entry: _Reader) -> tuple[Level | None, str]:
    wanted = entry.text("x-level")
    if wanted in Level.__members__.values():
        return Level(wanted), ""
    fluency = v.clean_text(entry.text("fluency"), entry.where("fluency"), v.TERM_MAX)
    plain = fluency.casefold().strip()
    for phrase in vocabulary().all("level"):
        extra = phrase.extra or {}
        names = [t.casefold() for t in phrase.text.values()]
        names += [str(c).casefold() for c in extra.get("cefr", [])]
        names += [str(a).casefold() for a in extra.get("also", [])]
        if plain in names or plain == phrase.id:
            return Level(phrase.id), ""
    return None, fluency


def from_json_resume(data: Any, today: dt.date | None = None) -> CV:
    """A CV from a JSON Resume document; FieldError names the first field that is wrong.

    `today` (default: the real date) is used to refuse dates in the future. A document with
    no name is accepted (a draft in progress): `validation.problems` reports it.
    """
    today = today or dt.date.today()
    root = _Reader(data, "")
    if not isinstance(data, Mapping):
        raise _wrong("(top)", AN_OBJECT)
    basics = root.obj("basics")
    meta = root.obj("meta").obj("kiosk")
    name = v.clean_text(basics.text("name"), "basics.name", v.NAME_MAX)
    identity = Identity(
        name=v.clean_name(name, "basics.name") if name else "",
        phone=v.clean_phone(basics.text("phone"), "basics.phone", lenient=True),
        email=v.clean_email(basics.text("email"), "basics.email"),
        town=_location(basics),
    )
    wanted = tuple(
        WantedJob(
            v.clean_required(job.text("label"), job.where("label")),
            v.clean_rome(job.text("rome"), job.where("rome")),
        )
        for job in meta.items("wantedJobs")
    )
    if not wanted and basics.text("label").strip():
        wanted = (WantedJob(v.clean_text(basics.text("label"), "basics.label", v.TERM_MAX)),)
    about = _term_list(meta.items("about"), v.TEXT_MAX)
    if not about and basics.text("summary").strip():
        about = (
            Term(v.clean_text(basics.text("summary"), "basics.summary", v.TEXT_MAX, lines=True)),
        )

    experiences = []
    for entry in root.items("work"):
        if not isinstance(entry.value, Mapping):
            raise _wrong(entry.path, AN_OBJECT)
        job = entry.text("position") or entry.text("name")
        experiences.append(
            Experience(
                job=v.clean_required(job, entry.where("position")),
                employer=v.clean_text(entry.text("name"), entry.where("name")),
                town=_location(entry),
                period=_period(entry, today),
                tasks=_tasks(entry),
                summary=v.clean_text(
                    entry.text("summary"), entry.where("summary"), v.TEXT_MAX, lines=True
                ),
            )
        )
    others = []
    for entry in root.items("volunteer"):
        if not isinstance(entry.value, Mapping):
            raise _wrong(entry.path, AN_OBJECT)
        kind_text = entry.text("x-kind")
        kind = (
            OtherKind(kind_text)
            if kind_text in OtherKind.__members__.values()
            else OtherKind.VOLUNTEERING
        )
        title = entry.text("position") or entry.text("organization")
        others.append(
            OtherExperience(
                kind=kind,
                title=v.clean_required(title, entry.where("position")),
                organisation=v.clean_text(entry.text("organization"), entry.where("organization")),
                town=_location(entry),
                period=_period(entry, today),
                tasks=_tasks(entry),
                summary=v.clean_text(
                    entry.text("summary"), entry.where("summary"), v.TEXT_MAX, lines=True
                ),
            )
        )
    education = []
    for entry in root.items("education"):
        if not isinstance(entry.value, Mapping):
            raise _wrong(entry.path, AN_OBJECT)
        title = " ".join(t for t in (entry.text("studyType"), entry.text("area")) if t.strip())
        title = title or entry.text("institution")
        education.append(
            Education(
                title=v.clean_required(title, entry.where("studyType")),
                school=v.clean_text(entry.text("institution"), entry.where("institution")),
                town=_location(entry),
                period=_period(entry, today),
                obtained=entry.flag("x-obtained") is not False,
            )
        )
    languages = []
    for entry in root.items("languages"):
        if not isinstance(entry.value, Mapping):
            raise _wrong(entry.path, AN_OBJECT)
        code = entry.text("x-code").strip().lower()
        name = entry.text("x-name") or entry.text("language")
        level, level_text = _level(entry)
        languages.append(
            SpokenLanguage(
                name=v.clean_required(name, entry.where("language")),
                code=code if re.fullmatch(r"[a-z]{2,3}", code) else "",
                level=level,
                level_text=level_text,
            )
        )
    skills = []
    for entry in root.items("skills"):
        if not isinstance(entry.value, Mapping):
            raise _wrong(entry.path, AN_OBJECT)
        term = _named(entry, "name", v.TERM_MAX)
        if term.text:
            skills.append(term)
    interests = []
    for entry in root.items("interests"):
        if not isinstance(entry.value, Mapping):
            raise _wrong(entry.path, AN_OBJECT)
        term = _named(entry, "name", v.TERM_MAX)
        if term.text:
            interests.append(term)

    def choices(key: str, kind: str) -> tuple[str, ...]:
        out = []
        for item in meta.items(key):
            if not isinstance(item.value, str):
                raise _wrong(item.path, A_TEXT)
            if vocabulary().get(kind, item.value) is None:
                raise v.FieldError(item.path, v.UNKNOWN_CHOICE, value=item.value[:20])
            out.append(item.value)
        return tuple(out)

    language = meta.text("language")
    cv = CV(
        identity=identity,
        wanted_jobs=wanted,
        experiences=tuple(experiences),
        other_experiences=tuple(others),
        education=tuple(education),
        no_diploma=bool(meta.flag("noDiploma")),
        skills=tuple(skills),
        languages=tuple(languages),
        licences=choices("licences", "licence"),
        transport=choices("transport", "transport"),
        interests=tuple(interests),
        about=about,
        language=language if language in CV_LANGUAGES else "fr",
    )
    for name in v.COUNT_MAX:
        if name != "tasks":
            path = {"experiences": "work", "other_experiences": "volunteer"}.get(name, name)
            v.check_count(getattr(cv, name), path, name)
    return cv
