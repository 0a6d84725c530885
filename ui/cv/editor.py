"""Editing one entry of a list (a job, an experience, a diploma): its fields on one screen,
back to the list when done. `state.editing` says which entry; None adds a new one."""

from __future__ import annotations

from typing import Any

from kiosk.cv.dates import Period, format_period
from kiosk.cv.model import CV
from kiosk.cv.validation import FieldError, clean_period, clean_required, clean_text
from kiosk.i18n import N_
from ui.cv.step import StepScreen

DATES = N_("When? Dates as you remember them")
DATES_EXAMPLE = N_("2019 to 2021, summer 2022, since January, or 3 months")
TOWN = N_("Town")
TOWN_EXAMPLE = N_("Villeurbanne")


class EntryEditor(StepScreen):
    FIELD = ""  # the CV's tuple
    LIST = ""  # the list screen to return to
    REQUIRED = ""  # the key of the one field that must be filled ("job", "title")
    KEYBOARD = True
    SKIPPABLE = False

    def current(self, cv: CV) -> Any:
        i = self.state.editing
        items = getattr(cv, self.FIELD)
        return items[i] if i is not None and i < len(items) else None

    def where(self) -> str:
        i = self.state.editing
        return f"{self.FIELD}[{len(getattr(self.state.cv, self.FIELD)) if i is None else i}]"

    def period_text(self, period: Period | None) -> str:
        return format_period(period, self.ctx.language) if period is not None else ""

    def read(self, key: str, strict: bool, old: str, *, required: bool = False) -> str:
        """One field cleaned; with `strict` False a wrong value keeps the `old` one."""
        where = f"{self.where()}.{key}"
        try:
            if required:
                return clean_required(self.fields[key].text(), where)
            return clean_text(self.fields[key].text(), where)
        except FieldError:
            if strict:
                raise
            return old

    def read_period(self, strict: bool, old: Period | None) -> Period | None:
        try:
            return clean_period(
                self.fields["period"].text(), f"{self.where()}.period", self.state.today()
            )
        except FieldError:
            if strict:
                raise
            return old

    def build(self, cv: CV, strict: bool) -> Any:
        """The entry from the fields (raise FieldError when `strict`)."""
        raise NotImplementedError

    def collect(self, cv: CV, strict: bool = True) -> CV:
        if not strict and not self.fields[self.REQUIRED].text().strip():
            return cv  # nothing worth keeping yet
        entry = self.build(cv, strict)
        i = self.state.editing
        if i is None or i >= len(getattr(cv, self.FIELD)):
            cv = cv.add(self.FIELD, entry)
            self.state.editing = len(getattr(cv, self.FIELD)) - 1
            return cv
        return cv.put(self.FIELD, i, entry)

    def next_screen(self) -> str:
        return self.LIST

    def back_screen(self) -> str:
        return self.LIST
