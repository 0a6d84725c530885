"""The CV: what a person tells the wizard, as immutable values.

Immutable (frozen dataclasses, tuples) so a CV can be handed to a rendering thread while the
person keeps editing: change it with `dataclasses.replace` or the `with_*` helpers. Values
are already cleaned when they get here; `kiosk.cv.validation` holds the cleaning functions
and `problems(cv, today)` lists what is still wrong. No photo field, on purpose: agencies
advise against photos (discrimination).
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field

from kiosk.cv.dates import Period


class Level(enum.StrEnum):
    """How well a person speaks a language, in plain words (ids of data/cv/levels.json)."""

    A_FEW_WORDS = "a_few_words"
    CAN_TALK = "can_talk"
    FLUENT = "fluent"
    NATIVE = "native"


class OtherKind(enum.StrEnum):
    """Experience that counts even without a job contract."""

    VOLUNTEERING = "volunteering"
    FAMILY = "family"
    SPORT = "sport"
    INTERNSHIP = "internship"
    ODD_JOBS = "odd_jobs"
    OTHER = "other"


@dataclass(frozen=True)
class Term:
    """A short phrase: typed by the person (`ref` empty), or picked from a suggestion
    (`ref` is "kind:id" in data/cv/, and the CV prints it in its own language)."""

    text: str
    ref: str = ""


@dataclass(frozen=True)
class Identity:
    name: str = ""  # the only required field of a CV
    phone: str = ""
    email: str = ""
    town: str = ""


@dataclass(frozen=True)
class WantedJob:
    label: str  # as shown to the person, e.g. the ROME label "Commis / Commise de cuisine"
    rome: str = ""  # ROME code, e.g. "G1602"; empty for a job typed freely


@dataclass(frozen=True)
class Experience:
    job: str
    employer: str = ""
    town: str = ""
    period: Period | None = None
    tasks: tuple[Term, ...] = ()
    summary: str = ""  # free text (imported files have it; the wizard uses tasks)


@dataclass(frozen=True)
class OtherExperience:
    kind: OtherKind
    title: str  # what the person did: "Coach of the under-12 team"
    organisation: str = ""
    town: str = ""
    period: Period | None = None
    tasks: tuple[Term, ...] = ()
    summary: str = ""


@dataclass(frozen=True)
class Education:
    title: str  # "CAP Cuisine", "Baccalauréat", "3e"
    school: str = ""
    town: str = ""
    period: Period | None = None
    obtained: bool = True  # False: studied to this level without the diploma


@dataclass(frozen=True)
class SpokenLanguage:
    name: str  # as typed, or the language's name when picked from a list
    code: str = ""  # ISO 639-1 when picked ("ar"): printed in the CV's own language
    level: Level | None = None
    level_text: str = ""  # an imported level the kiosk does not know ("Professional")


@dataclass(frozen=True)
class CV:
    identity: Identity = field(default_factory=Identity)
    wanted_jobs: tuple[WantedJob, ...] = ()
    experiences: tuple[Experience, ...] = ()
    other_experiences: tuple[OtherExperience, ...] = ()
    education: tuple[Education, ...] = ()
    no_diploma: bool = False  # the person said "no diploma": a fine answer, never a problem
    skills: tuple[Term, ...] = ()
    languages: tuple[SpokenLanguage, ...] = ()
    licences: tuple[str, ...] = ()  # ids of data/cv/transport.json "licences": "B", "C"...
    transport: tuple[str, ...] = ()  # ids of data/cv/transport.json "means": "car"...
    interests: tuple[Term, ...] = ()
    about: tuple[Term, ...] = ()  # sentences picked (or typed) for "about me"
    language: str = "fr"  # the language the CV is printed in (fr, en, ar)

    def replace(self, **changes: object) -> CV:
        """A copy with some fields changed: `cv.replace(skills=(...))`."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def add(self, name: str, item: object) -> CV:
        """A copy with `item` appended to the tuple field `name` ("experiences"...)."""
        return self.replace(**{name: (*getattr(self, name), item)})

    def remove(self, name: str, index: int) -> CV:
        """A copy without item `index` of the tuple field `name`."""
        items = list(getattr(self, name))
        del items[index]
        return self.replace(**{name: tuple(items)})

    def put(self, name: str, index: int, item: object) -> CV:
        """A copy with item `index` of the tuple field `name` replaced by `item`."""
        items = list(getattr(self, name))
        items[index] = item
        return self.replace(**{name: tuple(items)})
