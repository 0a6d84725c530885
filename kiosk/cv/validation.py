"""Cleaning what a person typed, and the problems a CV still has, in words they understand.

Each `clean_*` function returns the cleaned value or raises `FieldError` (a `UserError`: an
English message id with values, translated and spoken by `kiosk.errors.explain`). `field`
names the place ("identity.email", "experiences[2].period") so the wizard can go back there.
Emoji and every script are accepted as text; only control characters are removed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from kiosk.cv.dates import Period, PeriodError, check_period, read_period
from kiosk.cv.model import CV, Experience, OtherExperience, Term
from kiosk.errors import UserError
from kiosk.i18n import N_

# Length limits, in characters: a printed CV line, a task, an "about me" sentence.
NAME_MAX = 80
LINE_MAX = 100
TERM_MAX = 120
TASK_MAX = 200
TEXT_MAX = 600
EMAIL_MAX = 254
PHONE_MAX = 30
# How many of each a CV may hold (the renderer says when they do not fit on one page).
COUNT_MAX = {
    "wanted_jobs": 5,
    "experiences": 40,
    "other_experiences": 20,
    "education": 15,
    "skills": 30,
    "languages": 10,
    "interests": 15,
    "about": 8,
    "tasks": 10,
}

NAME_MISSING = N_("Please write your name. It is the one thing a CV must have.")
NAME_NO_LETTER = N_("A name is written with letters. Please check your name.")
EMPTY = N_("This is empty. Please write something, or skip this question.")
TOO_LONG = N_("This is too long: {length} characters. The most is {limit}. Please make it shorter.")
TOO_MANY = N_("You can add {limit} at most. Please remove one first.")
EMAIL_NO_AT = N_("An e-mail address has an @ sign, like marie.dupont@gmail.com. Please add it.")
EMAIL_TWO_AT = N_("An e-mail address has only one @ sign. Please check it.")
EMAIL_SPACE = N_("An e-mail address has no spaces. Please remove them.")
EMAIL_BEFORE_AT = N_("Something is missing before the @ sign, like marie.dupont@gmail.com.")
EMAIL_DOMAIN = N_(
    "After the @ sign comes the name of your e-mail service with a dot, like gmail.com."
)
EMAIL_CHARACTER = N_("An e-mail address cannot hold this sign: {character}. Please check it.")
PHONE_LETTERS = N_("A phone number has only digits. Please remove: {letters}.")
PHONE_DIGITS = N_("A French phone number has 10 digits, like 06 12 34 56 78. This one has {count}.")
PHONE_START = N_("A French phone number starts with 0, like 06 12 34 56 78, or with +33.")
PHONE_ABROAD = N_("A phone number from another country starts with + and has 8 to 15 digits.")
UNKNOWN_CHOICE = N_("This choice is not in the list: {value}.")
ROME_CODE = N_("This occupation code is not right: {value}. It looks like G1602.")


class FieldError(UserError):
    """A problem with one field of the CV; `field` is its path, e.g. "experiences[2].period"."""

    def __init__(self, field: str, message: str, **values: object) -> None:
        super().__init__(message, **values)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message.format(**self.values)}"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean_text(value: str, field: str, limit: int = LINE_MAX, *, lines: bool = False) -> str:
    """Trim spaces, drop control characters, refuse text over `limit` characters.

    One-line fields get their line breaks turned into spaces. Emoji, accents, Arabic and any
    mix of scripts are kept as typed (NFC-normalised so "é" is one character).
    """
    text = unicodedata.normalize("NFC", value)
    if not lines:
        text = re.sub(r"[\r\n\t]+", " ", text)
    text = _CONTROL.sub("", text)
    text = re.sub(r"[ \t\u00a0]+", " ", text).strip()
    if len(text) > limit:
        raise FieldError(field, TOO_LONG, length=len(text), limit=limit)
    return text


def clean_required(value: str, field: str, limit: int = LINE_MAX) -> str:
    text = clean_text(value, field, limit)
    if not text:
        raise FieldError(field, EMPTY)
    return text


# Small words of French, Dutch and German names that stay small inside a name.
_PARTICLES = frozenset({"de", "du", "des", "la", "le", "d", "l", "van", "von", "der"})


def proper_name(text: str) -> str:
    """ "awa traoré" -> "Awa Traoré", "JEAN-PIERRE DE LA TOUR" -> "Jean-Pierre de la Tour".

    Only a name typed all in small letters or all in capitals is changed: one with capitals
    where the person put them ("McDonald", "N'Diaye") is theirs. Scripts without capitals
    (Arabic) are untouched."""
    cased = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if not cased or not (all(c.islower() for c in cased) or all(c.isupper() for c in cased)):
        return text
    words = re.split(r"(\s+|-|'|’)", text.lower())
    out: list[str] = []
    first = True
    for word in words:
        if not word or not word[0].isalpha():
            out.append(word)
            continue
        small = not first and word in _PARTICLES
        out.append(word if small else word[0].upper() + word[1:])
        first = False
    return "".join(out)


def clean_name(value: str, field: str = "identity.name") -> str:
    text = clean_text(value, field, NAME_MAX)
    if not text:
        raise FieldError(field, NAME_MISSING)
    if not any(unicodedata.category(c).startswith("L") for c in text):
        raise FieldError(field, NAME_NO_LETTER)
    return text


def clean_email(value: str, field: str = "identity.email") -> str:
    """'' stays '' (optional); else one @, something before it, a dotted domain after it."""
    text = clean_text(value, field, EMAIL_MAX)
    if not text:
        return ""
    if "@" not in text:
        raise FieldError(field, EMAIL_NO_AT)
    if " " in text:
        raise FieldError(field, EMAIL_SPACE)
    if text.count("@") > 1:
        raise FieldError(field, EMAIL_TWO_AT)
    local, domain = text.split("@")
    if not local:
        raise FieldError(field, EMAIL_BEFORE_AT)
    for character in ',;:<>()[]\\"':
        if character in text:
            raise FieldError(field, EMAIL_CHARACTER, character=character)
    labels = domain.split(".")
    if len(labels) < 2 or not all(labels) or len(labels[-1]) < 2:
        raise FieldError(field, EMAIL_DOMAIN)
    return f"{local}@{domain.lower()}"


def clean_phone(value: str, field: str = "identity.phone", *, lenient: bool = False) -> str:
    """'' stays ''; a French number (06 12 34 56 78, 0612345678, +33 6 12 34 56 78,
    +33 (0)6..., 0033 6...) comes back as "06 12 34 56 78"; a foreign one (+212 6...) is
    kept with its +. Letters are refused, naming them. `lenient` (for imported files) keeps
    any number without letters as written."""
    text = clean_text(value, field, PHONE_MAX)
    if not text:
        return ""
    letters = sorted({c for c in text if c.isalpha()}, key=text.index)
    if letters:
        raise FieldError(field, PHONE_LETTERS, letters=" ".join(letters))
    if not re.fullmatch(r"[+\d\s().\-/]+", text):
        odd = "".join(sorted({c for c in text if not re.match(r"[+\d\s().\-/]", c)}))
        raise FieldError(field, PHONE_LETTERS, letters=" ".join(odd))
    digits = "".join(c for c in text if c.isdigit())
    digits = digits.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    if lenient:
        return text
    international = text.startswith("+") or digits.startswith("00")
    if international:
        number = digits[2:] if digits.startswith("00") else digits
        if number.startswith("33"):
            national = number[2:]
            national = national[1:] if national.startswith("0") else national  # +33 (0)6
            digits = "0" + national
        else:
            if not 8 <= len(number) <= 15:
                raise FieldError(field, PHONE_ABROAD)
            return "+" + number
    if not digits.startswith("0") or digits.startswith("00") or digits[1:2] == "0":
        raise FieldError(field, PHONE_START)
    if len(digits) != 10:
        raise FieldError(field, PHONE_DIGITS, count=len(digits))
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def clean_rome(value: str, field: str) -> str:
    code = value.strip().upper()
    if code and not re.fullmatch(r"[A-N]\d{4}", code):
        raise FieldError(field, ROME_CODE, value=value[:20])
    return code


def clean_period(value: str, field: str, today: dt.date) -> Period | None:
    """'' is no period (optional); else the period as the person remembers it (words no
    date can be read in are kept as typed), refused only for a real mistake."""
    if not value.strip():
        return None
    try:
        return read_period(value, today)
    except PeriodError as exc:
        raise FieldError(field, exc.message, **exc.values) from exc


def clean_term(term: Term, field: str, limit: int = TERM_MAX) -> Term:
    return Term(clean_required(term.text, field, limit), term.ref)


def check_count(items: tuple[object, ...], field: str, name: str) -> None:
    """Refuse adding past the limit for `name` (a CV field or "tasks")."""
    limit = COUNT_MAX[name]
    if len(items) > limit:
        raise FieldError(field, TOO_MANY, limit=limit)


def problems(cv: CV, today: dt.date) -> list[FieldError]:
    """Everything still wrong with a CV, in the order of the wizard's steps.

    An empty list means it can be printed. A draft in progress may have problems (no name
    yet); the preview renders it anyway.
    """
    from kiosk.cv.suggestions import vocabulary

    found: list[FieldError] = []

    def attempt(check: Callable[..., object], *args: object, **kwargs: object) -> None:
        try:
            check(*args, **kwargs)
        except FieldError as exc:
            found.append(exc)

    attempt(clean_name, cv.identity.name)
    attempt(clean_phone, cv.identity.phone)
    attempt(clean_email, cv.identity.email)
    attempt(clean_text, cv.identity.town, "identity.town")
    for name in COUNT_MAX:
        if name != "tasks":
            attempt(check_count, getattr(cv, name), name, name)
    for i, job in enumerate(cv.wanted_jobs):
        attempt(clean_required, job.label, f"wanted_jobs[{i}].label")
        attempt(clean_rome, job.rome, f"wanted_jobs[{i}].rome")
    entries: list[tuple[str, Experience | OtherExperience, str]]
    entries = [("experiences", e, e.job) for e in cv.experiences]
    entries += [("other_experiences", e, e.title) for e in cv.other_experiences]
    counters: dict[str, int] = {}
    for kind, entry, title in entries:
        i = counters[kind] = counters.get(kind, -1) + 1
        where = f"{kind}[{i}]"
        attempt(clean_required, title, f"{where}.{'job' if kind == 'experiences' else 'title'}")
        for part in ("employer", "organisation", "town"):
            if hasattr(entry, part):
                attempt(clean_text, getattr(entry, part), f"{where}.{part}")
        attempt(clean_text, entry.summary, f"{where}.summary", TEXT_MAX, lines=True)
        attempt(check_count, entry.tasks, f"{where}.tasks", "tasks")
        for t, task in enumerate(entry.tasks):
            attempt(clean_term, task, f"{where}.tasks[{t}]", TASK_MAX)
        if entry.period is not None:
            _period(found, entry.period, f"{where}.period", today)
    for i, school in enumerate(cv.education):
        attempt(clean_required, school.title, f"education[{i}].title")
        attempt(clean_text, school.school, f"education[{i}].school")
        attempt(clean_text, school.town, f"education[{i}].town")
        if school.period is not None:
            _period(found, school.period, f"education[{i}].period", today)
    for name in ("skills", "interests"):
        for i, term in enumerate(getattr(cv, name)):
            attempt(clean_term, term, f"{name}[{i}]")
    for i, term in enumerate(cv.about):
        attempt(clean_term, term, f"about[{i}]", TEXT_MAX)
    for i, spoken in enumerate(cv.languages):
        attempt(clean_required, spoken.name, f"languages[{i}].name")
    words = vocabulary()
    for name, kind in (("licences", "licence"), ("transport", "transport")):
        for i, value in enumerate(getattr(cv, name)):
            if words.get(kind, value) is None:
                found.append(FieldError(f"{name}[{i}]", UNKNOWN_CHOICE, value=value[:20]))
    return found


def _period(found: list[FieldError], period: Period, field: str, today: dt.date) -> None:
    try:
        check_period(period, today)
    except PeriodError as exc:
        found.append(FieldError(field, exc.message, **exc.values))
