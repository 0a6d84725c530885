"""What job could I do? Orientation from interests, everyday experience and constraints.

Qt-free and deterministic. The public API is in `api` (re-exported here); the choices the
screens show are in `choices`; the scoring is in `engine`; the data it reads is
data/orientation/ (derived from ROME 4.0 by `build`). See /work/brief/API.md.
"""

from kiosk.orientation.api import (
    ACCESS_TEXT,
    Answers,
    AnswersError,
    CloseJob,
    Note,
    Reason,
    Result,
    Suggestion,
    Understood,
    close_jobs,
    resolve_experience,
    suggest,
)
from kiosk.orientation.choices import (
    ACTIVITIES,
    AVOID,
    CONSTRAINTS,
    DIPLOMAS,
    INTERESTS,
    Activity,
    Constraint,
    Diploma,
    Interest,
)

__all__ = [
    "ACCESS_TEXT",
    "ACTIVITIES",
    "AVOID",
    "CONSTRAINTS",
    "DIPLOMAS",
    "INTERESTS",
    "Activity",
    "Answers",
    "AnswersError",
    "CloseJob",
    "Constraint",
    "Diploma",
    "Interest",
    "Note",
    "Reason",
    "Result",
    "Suggestion",
    "Understood",
    "close_jobs",
    "resolve_experience",
    "suggest",
]
