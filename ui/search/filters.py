"""The filters as big toggles, each spoken when touched: distance, contract, hours,
beginners, recent. A change is reported with `changed(Filters)`; the panel never searches."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalogue.search import DISTANCES_KM, RECENT_DAYS, Filters
from kiosk.i18n import N_, _
from ui import theme
from ui.context import UiContext
from ui.widgets.spoken import SpokenButton, TLabel

CONTRACT_CHIPS = (
    ("CDI", N_("CDI (permanent)")),
    ("CDD", N_("CDD (fixed-term)")),
    ("MIS", N_("Interim")),
    ("SAI", N_("Seasonal")),
    ("ALT", N_("Work and study")),
)


class FilterPanel(QWidget):
    changed = Signal(object)  # Filters
    town_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filters = Filters()
        self.town_name = ""
        self.last_change = ""  # "Beginners welcome: on", said before the new count
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        column.addLayout(grid)

        def chip(label: object, hint: str, on_click: object) -> SpokenButton:
            button = SpokenButton(ctx, label, role="chip", hint=hint)  # type: ignore[arg-type]
            button.setCheckable(True)
            button.setMinimumSize(theme.MIN_TARGET * 2, theme.BAR_BUTTON - 16)
            button.clicked.connect(lambda _c=False, b=button: self._note(b))
            button.clicked.connect(on_click)  # type: ignore[arg-type]
            return button

        grid.addWidget(TLabel(ctx, N_("Distance")), 0, 0)
        self.distance: dict[int | None, SpokenButton] = {}
        for i, km in enumerate((*DISTANCES_KM, None)):
            label = (lambda k=km: _("{km} km").format(km=k)) if km else N_("Anywhere")
            hint = N_("Only offers this close.") if km else N_("Offers from everywhere.")
            self.distance[km] = chip(label, hint, lambda _c=False, k=km: self._set(km=k))
            grid.addWidget(self.distance[km], 0, i + 1)
        self.town = chip(
            lambda: _("Around: {town}").format(town=self.town_name),
            N_("Choose another town."),
            lambda _c=False: self.town_requested.emit(),
        )
        self.town.setCheckable(False)
        grid.addWidget(self.town, 0, len(DISTANCES_KM) + 2)

        grid.addWidget(TLabel(ctx, N_("Contract")), 1, 0)
        self.contracts: dict[str, SpokenButton] = {}
        for i, (code, label) in enumerate(CONTRACT_CHIPS):
            self.contracts[code] = chip(label, N_("Touch to add or remove."), self._contracts)
            grid.addWidget(self.contracts[code], 1, i + 1)

        others = QHBoxLayout()
        others.setSpacing(10)
        self.full = chip(N_("Full time"), N_("Only full-time jobs."), self._hours_full)
        self.part = chip(N_("Part time"), N_("Only part-time jobs."), self._hours_part)
        self.beginners = chip(
            N_("Beginners welcome"), N_("Jobs open to people without experience."), self._flags
        )
        self.recent = chip(
            N_("Last 7 days"), N_("Only offers published in the last 7 days."), self._flags
        )
        for button in (self.full, self.part, self.beginners, self.recent):
            others.addWidget(button)
        others.addStretch(1)
        column.addLayout(others)

    # -- state ------------------------------------------------------------------------------
    def set_filters(self, filters: Filters, town_name: str) -> None:
        self.filters = filters
        self.town_name = town_name
        self.town.set_label(lambda: _("Around: {town}").format(town=self.town_name))
        for km, button in self.distance.items():
            button.setChecked(filters.km == km)
        for code, button in self.contracts.items():
            button.setChecked(code in filters.contracts)
        self.full.setChecked(filters.full_time is True)
        self.part.setChecked(filters.full_time is False)
        self.beginners.setChecked(filters.beginners)
        self.recent.setChecked(filters.recent_days is not None)

    def _note(self, button: SpokenButton) -> None:
        template = _("{filter}: on") if button.isChecked() else _("{filter}: off")
        self.last_change = template.format(filter=button.text())

    def _set(self, **changes: object) -> None:
        self.set_filters(replace(self.filters, **changes), self.town_name)  # type: ignore[arg-type]
        self.changed.emit(self.filters)

    def _contracts(self) -> None:
        chosen = frozenset(c for c, b in self.contracts.items() if b.isChecked())
        self._set(contracts=chosen)

    def _hours_full(self) -> None:
        self._set(full_time=True if self.full.isChecked() else None)

    def _hours_part(self) -> None:
        self._set(full_time=False if self.part.isChecked() else None)

    def _flags(self) -> None:
        self._set(
            beginners=self.beginners.isChecked(),
            recent_days=RECENT_DAYS if self.recent.isChecked() else None,
        )
