"""The order of the wizard's questions: Next and Back follow it; the editors of one entry
(a job, a diploma) return to their list."""

from __future__ import annotations

STEPS = (
    "cv_identity",
    "cv_phone",
    "cv_address",
    "cv_town",
    "cv_jobs",
    "cv_experiences",
    "cv_others",
    "cv_education",
    "cv_skills",
    "cv_languages",
    "cv_mobility",
    "cv_interests",
    "cv_about",
    "cv_preview",
)


def next_step(name: str) -> str:
    i = STEPS.index(name)
    return STEPS[min(i + 1, len(STEPS) - 1)]


def previous_step(name: str) -> str:
    i = STEPS.index(name)
    return STEPS[i - 1] if i > 0 else "cv_start"


def step_number(name: str) -> int:
    """1-based position among the questions (the preview is not a question)."""
    return STEPS.index(name) + 1


QUESTIONS = len(STEPS) - 1
