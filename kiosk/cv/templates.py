"""The CV templates: names and descriptions, so the wizard and `kiosk cv templates` list them
without loading Qt. `ui.cv_pdf` draws them; a test checks both lists agree."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import N_


@dataclass(frozen=True)
class Template:
    name: str
    description: str  # English message id, translated when shown

    def as_dict(self, translate: bool = True) -> dict[str, str]:
        from kiosk.i18n import _

        return {
            "name": self.name,
            "description": _(self.description) if translate else self.description,
        }


TEMPLATES: tuple[Template, ...] = (
    Template("classic", N_("Classic: one column, black and dark blue, very sober.")),
    Template("band", N_("Side band: your contact details and skills in a coloured band.")),
)
DEFAULT = "classic"


def names() -> tuple[str, ...]:
    return tuple(t.name for t in TEMPLATES)
