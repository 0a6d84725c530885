"""Choose the town the distance is measured from (the agency's town until then): type its name
or its postcode on the screen's keyboard, among all French communes, mistakes allowed; when
several communes share a name, each shows its département and postcode."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.catalogue.communes import Commune, communes
from kiosk.catalogue.search import DISTANCES_KM
from kiosk.errors import Explained
from kiosk.i18n import N_, _
from ui import theme
from ui.context import UiContext
from ui.keyboard import OnScreenKeyboard
from ui.screens.base import Screen
from ui.search.scrolling import kinetic_area
from ui.search.state import state_for
from ui.widgets.spoken import SpokenButton, TLabel

NO_TOWN = N_("No town has this name or postcode. Check the spelling.")
TYPE_TOWN = N_("Write the name of the town or its postcode.")
MATCHES = 8


def town_label(commune: Commune) -> str:
    """ "Saint-Denis (93) 93200": the département and postcode tell same-named towns apart."""
    return f"{commune.name} ({commune.departement}) {commune.postcode}".strip()


class TownsScreen(Screen):
    NAME = "towns"
    TITLE = N_("Choose a town")
    INSTRUCTION = N_("Write the town or its postcode, then touch it in the list.")
    PICTOGRAM = "mdi6.city"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = state_for(ctx)
        self._request = 0
        self.matches: list[Commune] = []
        row = QHBoxLayout()
        row.setSpacing(16)
        self.back = SpokenButton(ctx, N_("Back"), "mdi6.arrow-left", hint=N_("Keep the town."))
        self.back.setMinimumSize(160, theme.BAR_BUTTON - 8)
        self.back.clicked.connect(lambda: self.navigate.emit("offers"))
        self.field = QLineEdit()
        self.field.setMinimumHeight(80)
        self.field.setMaxLength(80)
        self.field.setAccessibleName(_("Town or postcode"))
        self.field.textChanged.connect(self._typed)
        row.addWidget(self.back)
        row.addWidget(self.field, 1)
        self.layout_.addLayout(row)
        self.message = TLabel(ctx, "", role="instruction")
        self.message.hide()
        self.layout_.addWidget(self.message)
        content = QWidget()
        self.column = QVBoxLayout(content)
        self.column.setSpacing(12)
        self.column.setContentsMargins(0, 0, 12, 0)
        self.column.addStretch(1)
        self.layout_.addWidget(kinetic_area(content), 1)
        self.buttons: list[SpokenButton] = []
        self.keyboard = OnScreenKeyboard(speak=ctx.say)
        self.keyboard.set_target(self.field)
        self.keyboard.setMinimumHeight(330)
        self.keyboard.submitted.connect(self._first)
        self.layout_.addWidget(self.keyboard)
        ctx.language_changed.connect(self._language_changed)

    def _language_changed(self, *_args: object) -> None:
        self.field.setAccessibleName(_("Town or postcode"))
        self.keyboard.retranslate()

    def shown(self) -> None:
        self.state.fresh()
        self.field.clear()
        self._show([], "")
        self.keyboard.show()
        # Town names are French: the French letters whatever the person's language.
        self.keyboard.set_language("fr")

    def forget_person(self) -> None:
        self._request += 1
        self.field.clear()
        self._show([], "")

    def _typed(self, text: str) -> None:
        self._request += 1
        request = self._request
        typed = text.strip()
        if not typed:
            self._show([], "")
            return

        def find() -> list[Commune]:
            return communes().find(typed, MATCHES)

        self.ctx.tasks.run(
            find,
            lambda found: self._found(request, found, typed),
            lambda explained: self._failed(request, explained),
            context="town search",
        )

    def _found(self, request: int, found: list[Commune], typed: str) -> None:
        # A newer letter, or the wipe (forget_person), makes this answer nobody's.
        if request == self._request:
            self._show(found, typed)

    def _failed(self, request: int, explained: Explained) -> None:
        if request == self._request and self.isVisible():
            self._show([], "")
            self.ctx.show_error(explained)

    def _show(self, found: list[Commune], typed: str) -> None:
        for button in self.buttons:
            button.hide()
            button.deleteLater()
        self.buttons = []
        self.matches = found
        for i, commune in enumerate(found):
            button = SpokenButton(self.ctx, lambda c=commune: town_label(c), "mdi6.map-marker")
            button.setMinimumHeight(theme.BAR_BUTTON - 8)
            button.clicked.connect(lambda _c=False, c=commune: self.choose(c))
            self.column.insertWidget(i, button)
            self.buttons.append(button)
        if typed and not found:
            self.message.set_source(NO_TOWN)
            self.message.show()
            if self.isVisible():
                self.ctx.say(_(NO_TOWN))
        else:
            self.message.hide()

    def _first(self) -> None:
        if self.matches:
            self.choose(self.matches[0])
        elif not self.field.text().strip():
            self.message.set_source(TYPE_TOWN)
            self.message.show()
            self.ctx.say(_(TYPE_TOWN))

    def choose(self, commune: Commune) -> None:
        q = self.state.question
        # A town without a distance would change nothing: start at 10 km, a short bus ride.
        km = q.filters.km or DISTANCES_KM[1]
        chosen = replace(q.filters, near=commune.insee, near_name=commune.name, km=km)
        self.state.question = replace(q, filters=chosen)
        self.navigate.emit("offers")
