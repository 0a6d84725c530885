"""The orientation engine's public API: answers in, explained suggestions out.

    answers = Answers(interests=(9,), experiences=("cueillette", "childcare"), avoid=("night",),
                      diploma="none", near="69123", km=20)
    result = suggest(conn, answers)          # conn: a catalogue.db connection (sqlite_utils)
    for s in result.suggestions:
        s.label, s.why(), s.description, s.access_text(), s.offers
    for note in result.notes:
        note.text()                          # "Nothing fits all your choices. ..."
    close_jobs(conn, "A1414", near="69123", km=20)   # ROME mobility links, most offers first

Everything is deterministic: the same answers and catalogue give the same list, and every
suggestion carries the reasons it was chosen as data (`Reason.kind` + `params`), so the
screen, the voice and the printed sheet say the same thing (`Suggestion.why()`).
Strings are translated when `why()`/`text()` is called, in the current language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlite_utils

from kiosk.errors import UserError
from kiosk.i18n import N_, _, ngettext
from kiosk.orientation.choices import (
    ACTIVITY_BY_ID,
    AVOID,
    CONSTRAINT_BY_ID,
    DIPLOMA_IDS,
    INTEREST_BY_CODE,
)

MAX_INTERESTS = 3  # the screen offers up to 3; more are kept but count less
MAX_EXPERIENCES = 20  # beyond this the rest are ignored, and a note says so

Access = Literal["none", "licence", "diploma"]
ACCESS_TEXT: dict[str, str] = {
    "none": N_("No diploma needed"),
    "licence": N_("A licence you can get at work"),
    "diploma": N_("A diploma is needed"),
}


class AnswersError(UserError):
    """Answers that cannot be read (wrong types, unknown codes); the message is plain."""


@dataclass(frozen=True)
class Answers:
    """What the person said; every field may be empty.

    interests: centre d'intérêt codes (1..30, see choices.INTERESTS), up to 3 meant.
    experiences: free text in any language ("j'ai gardé des enfants", "نجار") and/or
        activity ids from choices.ACTIVITIES ("childcare").
    avoid: a subset of choices.AVOID (night, weekend, heavy, standing, outdoor, driving, travel).
    diploma: "none" | "cap" | "bac" | "higher", or None when not said.
    near: INSEE code of the town offers are counted around (None: the agency's town).
    km: distance around `near` for the offers count (None: 30 km).
    """

    interests: tuple[int, ...] = ()
    experiences: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    diploma: str | None = None
    near: str | None = None
    km: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.interests or self.experiences or self.avoid or self.diploma)

    @classmethod
    def from_json(cls, raw: Any) -> Answers:
        """Read the `kiosk orient` JSON shape; AnswersError says plainly what is wrong."""
        if not isinstance(raw, Mapping):
            raise AnswersError(N_("The answers must be a JSON object."))
        known = {"interests", "experiences", "avoid", "diploma", "near", "km"}
        extra = sorted(set(raw) - known)
        if extra:
            raise AnswersError(N_("Unknown answer: {name}."), name=", ".join(map(str, extra)))
        interests = raw.get("interests") or []
        experiences = raw.get("experiences") or []
        avoid = raw.get("avoid") or []
        if not isinstance(interests, list) or not all(
            isinstance(i, int | str) and str(i).isdigit() for i in interests
        ):
            raise AnswersError(N_("Interests must be a list of numbers from 1 to 30."))
        codes = tuple(dict.fromkeys(int(i) for i in interests))
        bad = [c for c in codes if c not in INTEREST_BY_CODE]
        if bad:
            raise AnswersError(N_("Unknown interest: {name}."), name=", ".join(map(str, bad)))
        if not isinstance(experiences, list) or not all(isinstance(e, str) for e in experiences):
            raise AnswersError(N_("Experiences must be a list of words."))
        if not isinstance(avoid, list) or not all(isinstance(a, str) for a in avoid):
            raise AnswersError(N_("Things to avoid must be a list of words."))
        wrong = [a for a in avoid if a not in AVOID]
        if wrong:
            raise AnswersError(N_("Unknown thing to avoid: {name}."), name=", ".join(wrong))
        diploma = raw.get("diploma")
        if diploma is not None and diploma not in DIPLOMA_IDS:
            raise AnswersError(N_("Diploma must be none, cap, bac or higher."))
        near = raw.get("near")
        if near is not None and not (isinstance(near, str | int) and str(near).isalnum()):
            raise AnswersError(N_("The town must be an INSEE code."))
        km = raw.get("km")
        if km is not None and (
            isinstance(km, bool) or not isinstance(km, int) or not 0 < km <= 500
        ):
            raise AnswersError(N_("The distance must be a number of kilometres."))
        return cls(
            interests=codes,
            experiences=tuple(e.strip() for e in experiences if e.strip()),
            avoid=tuple(dict.fromkeys(avoid)),
            diploma=diploma,
            near=None if near is None else str(near),
            km=km,
        )


ReasonKind = Literal["interest", "activity", "past_job", "close_to", "skills", "offers"]


@dataclass(frozen=True)
class Reason:
    """One reason a job was suggested, as data.

    interest   {"code": 9}                          the person chose this centre d'intérêt
    activity   {"id": "farm"}                       an everyday activity leads here (skills)
    past_job   {"code": "A1414", "label": "..."}    the person did this very job
    close_to   {"code": "A1414", "label": "..."}    ROME lists it as close to a job they did
    skills     {"code": "A1414", "label": "...", "skills": ["Cueillir ..."]}  shares skills
               with a job they did
    offers     {"count": 12}                        offers nearby (the only reason when the
                                                    person answered nothing)
    """

    kind: ReasonKind
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        p = self.params
        if self.kind == "interest":
            return _(INTEREST_BY_CODE[int(p["code"])].because)
        if self.kind == "activity":
            return _(ACTIVITY_BY_ID[str(p["id"])].because)
        if self.kind == "past_job":
            return _("You have done this job.")
        if self.kind == "close_to":
            return _("It is close to a job you did: {job}.").format(job=p["label"])
        if self.kind == "skills":
            return _("It uses skills from a job you did: {job}.").format(job=p["label"])
        count = int(p["count"])
        return ngettext("There is {n} offer nearby.", "There are {n} offers nearby.", count).format(
            n=count
        )

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, **dict(self.params)}


@dataclass(frozen=True)
class Suggestion:
    code: str  # ROME code
    label: str  # French ROME label ("Cueilleur / Cueilleuse")
    score: float
    reasons: tuple[Reason, ...]  # strongest first; "offers" last
    description: str  # the ROME definition's first sentence (French)
    access: Access
    offers: int  # offers within km of near, now
    cadre: bool  # "emploi cadre" in ROME
    regulated: bool  # "emploi réglementé" in ROME
    icon: str  # qtawesome name for the job's field

    def why(self, most: int = 2) -> str:
        """One or two short sentences in the current language: the strongest reasons,
        e.g. "You like nature and the outdoors. You worked on a farm or picked fruit." """
        told = [r for r in self.reasons if r.kind != "offers"][:most] or list(self.reasons[:1])
        return " ".join(r.text() for r in told)

    def access_text(self) -> str:
        return _(ACCESS_TEXT[self.access])

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "why": self.why(),
            "offers": self.offers,
            "reasons": [r.as_json() for r in self.reasons],
            "description": self.description,
            "access": self.access,
            "cadre": self.cadre,
            "regulated": self.regulated,
            "score": round(self.score, 4),
        }


NoteKind = Literal[
    "no_answers",  # nothing said: the jobs with the most offers nearby
    "nothing_fits",  # {"loosen": ["night", ...], "fit": 1}: fewer than 3 jobs fit; what to give up
    "unknown_experience",  # {"text": "..."} words that name nothing known (the rest still used)
    "too_many_experiences",  # {"kept": 20, "given": 50}
    "contradiction",  # {"interest": 19, "avoid": "driving"} likes what they also rule out
    "unknown_town",  # {"near": "..."} offers counted around the agency instead
]


@dataclass(frozen=True)
class Note:
    kind: NoteKind
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        p = self.params
        if self.kind == "no_answers":
            return _("You did not answer. Here are the jobs with the most offers nearby.")
        if self.kind == "nothing_fits":
            if p.get("fit"):
                return _("Few jobs fit all your choices. Take away one thing you ruled out.")
            return _("No job fits all your choices. Take away one thing you ruled out.")
        if self.kind == "unknown_experience":
            return _("We did not understand: {text}. The rest is used.").format(text=p["text"])
        if self.kind == "too_many_experiences":
            return _("We used your first {n} experiences.").format(n=p["kept"])
        if self.kind == "contradiction":
            return _(
                "You like “{interest}” but you ruled out “{avoid}”. We kept the jobs without it."
            ).format(
                interest=_(INTEREST_BY_CODE[int(p["interest"])].label),
                avoid=_(CONSTRAINT_BY_ID[str(p["avoid"])].label),
            )
        return _("We do not know this town. Offers are counted near the agency.")

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text(), **dict(self.params)}


@dataclass(frozen=True)
class Understood:
    """How one experience was read: an activity id, ROME codes of a job, or nothing."""

    text: str
    activity: str | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    suggestions: tuple[Suggestion, ...]
    notes: tuple[Note, ...]
    understood: tuple[Understood, ...]
    loosen: tuple[
        str, ...
    ] = ()  # when nothing fits: the constraints to offer to give up, best first
    took_ms: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "occupations": [s.as_json() for s in self.suggestions],
            "notes": [n.as_json() for n in self.notes],
            "loosen": list(self.loosen),
            "understood": [
                {"text": u.text, "activity": u.activity, "codes": list(u.codes)}
                for u in self.understood
            ],
            "took_ms": round(self.took_ms, 1),
        }


@dataclass(frozen=True)
class CloseJob:
    code: str
    label: str
    offers: int
    rank: int  # ROME's order of closeness (1 = closest)


def suggest(
    conn: sqlite_utils.Database,
    answers: Answers,
    limit: int = 10,
    *,
    agency_commune: str = "69123",
) -> Result:
    """Occupations for these answers, best first (at most `limit`), explained.

    Interests, skills from activities and past jobs, ROME closeness, ruled-out work
    conditions (never broken), reachability without a diploma, and offers near the place.
    """
    from kiosk.orientation import engine

    return engine.suggest(conn, answers, limit, agency_commune)


def close_jobs(
    conn: sqlite_utils.Database,
    code: str,
    near: str | None = None,
    km: int | None = None,
    *,
    limit: int = 12,
    agency_commune: str = "69123",
) -> list[CloseJob]:
    """ "Jobs close to the one I had": ROME's mobility links from `code`, most offers nearby
    first (ROME's own order among equals)."""
    from kiosk.orientation import engine

    return engine.close_jobs(conn, code, near, km, limit, agency_commune)


def resolve_experience(conn: sqlite_utils.Database, text: str) -> Understood:
    """How the engine reads one experience (for a screen that confirms what it understood)."""
    from kiosk.orientation import engine

    return engine.understand(conn, text)


__all__ = [
    "ACCESS_TEXT",
    "AVOID",
    "Answers",
    "AnswersError",
    "CloseJob",
    "Note",
    "Reason",
    "Result",
    "Suggestion",
    "Understood",
    "close_jobs",
    "resolve_experience",
    "suggest",
]
