"""What the preview says about the CV: counts only, never the personal details, because the
loudspeaker is heard by the whole room."""

from __future__ import annotations

from kiosk.cv.model import CV
from kiosk.i18n import N_, _, ngettext

NO_NAME = N_("Your name is missing. Touch “Change my answers”.")


def spoken_summary(cv: CV) -> str:
    parts = [
        ngettext("{n} job", "{n} jobs", len(cv.experiences)),
        ngettext("{n} other experience", "{n} other experiences", len(cv.other_experiences)),
        ngettext("{n} diploma or class", "{n} diplomas or classes", len(cv.education)),
        ngettext("{n} skill", "{n} skills", len(cv.skills)),
        ngettext("{n} language", "{n} languages", len(cv.languages)),
    ]
    counts = [
        len(cv.experiences),
        len(cv.other_experiences),
        len(cv.education),
        len(cv.skills),
        len(cv.languages),
    ]
    listed = ", ".join(p.format(n=n) for p, n in zip(parts, counts, strict=True) if n)
    text = _("Your CV has: {list}.").format(list=listed) if listed else ""
    if not cv.identity.name:
        text = f"{text} {_(NO_NAME)}".strip()
    return text
