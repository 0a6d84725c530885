"""A question answered with a list (jobs, other experiences, diplomas): each entry with
"Change" and "Remove", and "Add" for one more. Thirty entries scroll with one finger."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.cv.dates import format_period
from kiosk.cv.model import CV, Education, Experience, OtherExperience
from kiosk.cv.validation import COUNT_MAX, TOO_MANY, FieldError
from kiosk.i18n import N_, _
from ui.context import UiContext
from ui.cv.scroll import scroll_area
from ui.cv.step import StepScreen
from ui.widgets.spoken import SpokenButton, TLabel

REMOVED = N_("Removed: {item}")
ROW_HEIGHT = 72

Entry = Experience | OtherExperience | Education


def describe(entry: Entry, lang: str) -> str:
    """One line the person recognises: what, where, when."""
    if isinstance(entry, Experience):
        parts = [entry.job, entry.employer, entry.town]
    elif isinstance(entry, OtherExperience):
        parts = [entry.title, entry.organisation, entry.town]
    else:
        parts = [entry.title, entry.school, entry.town]
    if entry.period is not None:
        parts.append(format_period(entry.period, lang))
    return " · ".join(p for p in parts if p)


class EntryListStep(StepScreen):
    FIELD = ""  # the CV's tuple: "experiences"...
    EDITOR = ""  # the screen that edits one entry
    ADD = N_("Add")
    ADD_HINT = N_("Add one more.")
    EMPTY = N_("Nothing yet.")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.top = QHBoxLayout()
        self.add = SpokenButton(ctx, self.ADD, "mdi6.plus-circle", hint=self.ADD_HINT, icon_size=48)
        self.add.setMinimumSize(420, 96)
        self.add.clicked.connect(self.add_entry)
        self.top.addWidget(self.add)
        self.top.addStretch(1)
        self.body.addLayout(self.top)
        self.empty = TLabel(ctx, self.EMPTY)
        self.body.addWidget(self.empty)
        self.content = QWidget()
        self.rows = QVBoxLayout(self.content)
        self.rows.setSpacing(12)
        self.rows.addStretch(1)
        self.area = scroll_area(self.content)
        self.body.addWidget(self.area, 1)
        self.row_buttons: list[tuple[SpokenButton, SpokenButton]] = []

    def entries(self, cv: CV) -> tuple[Entry, ...]:
        return getattr(cv, self.FIELD)

    def load(self, cv: CV) -> None:
        while self.rows.count() > 1:
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.row_buttons = []
        entries = self.entries(cv)
        for i, entry in enumerate(entries):
            self.rows.insertWidget(i, self._row(i, entry))
        self.empty.setVisible(not entries)

    def _row(self, index: int, entry: Entry) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        text = describe(entry, self.ctx.language)
        label = TLabel(self.ctx, lambda t=text: t)
        change = SpokenButton(self.ctx, N_("Change"), "mdi6.pencil", hint=lambda t=text: t)
        remove = SpokenButton(self.ctx, N_("Remove"), "mdi6.delete", hint=lambda t=text: t)
        for button in (change, remove):
            button.setMinimumSize(200, ROW_HEIGHT)
        change.clicked.connect(lambda _c=False, i=index: self.change_entry(i))
        remove.clicked.connect(lambda _c=False, i=index: self.remove_entry(i))
        line.addWidget(label, 1)
        line.addWidget(change)
        line.addWidget(remove)
        self.row_buttons.append((change, remove))
        return row

    def add_entry(self) -> None:
        limit = COUNT_MAX[self.FIELD]
        if len(self.entries(self.state.cv)) >= limit:
            self.show_problem(FieldError(self.FIELD, TOO_MANY, limit=limit))
            return
        self.state.editing = None
        self.leave(self.EDITOR)

    def change_entry(self, index: int) -> None:
        self.state.editing = index
        self.leave(self.EDITOR)

    def remove_entry(self, index: int) -> None:
        cv = self.state.cv
        text = describe(self.entries(cv)[index], self.ctx.language)
        self.state.save(cv.remove(self.FIELD, index))
        self.load(self.state.cv)
        self.ctx.say(_(REMOVED).format(item=text))
