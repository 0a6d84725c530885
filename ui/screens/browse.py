"""Choose without writing: the 14 kinds of jobs as pictures, then the jobs of one kind that
have offers, with how many."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalogue.search import Domain, OccupationCount
from kiosk.i18n import N_, _, ngettext
from ui import theme
from ui.context import UiContext
from ui.screens.base import Screen
from ui.search.row import WrappedButton
from ui.search.scrolling import kinetic_area
from ui.search.state import Question, state_for
from ui.search.words import job_label
from ui.widgets.flow import ReflowGrid
from ui.widgets.spoken import SpokenButton
from ui.widgets.tile import Tile

# One pictogram per ROME "grand domaine" (Material Design Icons through qtawesome).
DOMAIN_ICONS = {
    "A": "mdi6.tractor",
    "B": "mdi6.palette",
    "C": "mdi6.bank",
    "D": "mdi6.cart",
    "E": "mdi6.bullhorn",
    "F": "mdi6.hammer-wrench",
    "G": "mdi6.silverware-fork-knife",
    "H": "mdi6.factory",
    "I": "mdi6.tools",
    "J": "mdi6.hospital-box",
    "K": "mdi6.hand-heart",
    "L": "mdi6.drama-masks",
    "M": "mdi6.briefcase",
    "N": "mdi6.truck",
}
# Short names for the tiles, said and shown; the ROME labels are too long for a picture.
DOMAIN_NAMES = {
    "A": N_("Farming, gardens, animals"),
    "B": N_("Crafts and art"),
    "C": N_("Bank, insurance, housing"),
    "D": N_("Shops and selling"),
    "E": N_("Media and communication"),
    "F": N_("Building and public works"),
    "G": N_("Hotels, restaurants, leisure"),
    "H": N_("Factories"),
    "I": N_("Installing and repairing"),
    "J": N_("Health"),
    "K": N_("Helping people, cleaning, security"),
    "L": N_("Shows and events"),
    "M": N_("Offices"),
    "N": N_("Transport and warehouses"),
}


def _offers(n: int) -> str:
    return ngettext("{n} offer", "{n} offers", n).format(n=n)


class DomainsScreen(Screen):
    NAME = "domains"
    TITLE = N_("Kinds of jobs")
    INSTRUCTION = N_("Touch a picture to see its jobs.")
    PICTOGRAM = "mdi6.view-grid"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = state_for(ctx)
        self.counts: dict[str, int] = {}
        # As many columns as fit (five at 1920 px); the screen scrolls when rows are many.
        self.grid = ReflowGrid(max_columns=5, spacing=12, min_cell=220)
        self.tiles: dict[str, Tile] = {}
        for letter in DOMAIN_ICONS:
            tile = Tile(
                ctx,
                DOMAIN_NAMES[letter],
                DOMAIN_ICONS[letter],
                hint=lambda k=letter: _offers(self.counts.get(k, 0)) if self.counts else "",
                icon_size=56,
            )
            tile.setMinimumHeight(150)
            tile.clicked.connect(lambda _c=False, k=letter: self._open(k))
            self.grid.add(tile)
            self.tiles[letter] = tile
        self.layout_.addWidget(self.grid, 1)
        self.back = SpokenButton(
            ctx, N_("Back"), "mdi6.arrow-left", hint=N_("Write a job instead.")
        )
        self.back.setMinimumSize(160, theme.BAR_BUTTON - 8)
        self.back.clicked.connect(lambda: self.navigate.emit("find_job"))
        self.layout_.addWidget(self.back)

    def shown(self) -> None:
        self.state.fresh()
        filters = self.state.question.filters
        self.ctx.tasks.run(
            # Counts under the person's filters: the same numbers the offers list will show.
            self.state.searcher_job(lambda s: s.domains(filters)),
            self._counted,
            context="domains",
        )

    def _counted(self, domains: list[Domain]) -> None:
        self.counts = {d.letter: d.offers for d in domains}
        for letter, tile in self.tiles.items():
            tile.retranslate()
            tile.setEnabled(self.counts.get(letter, 0) > 0)

    def _open(self, letter: str) -> None:
        self.state.domain = letter
        self.navigate.emit("occupations")


class OccupationsScreen(Screen):
    NAME = "occupations"
    TITLE = N_("Jobs")
    INSTRUCTION = N_("Touch a job to see its offers.")
    PICTOGRAM = "mdi6.briefcase"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = state_for(ctx)
        self.items: list[OccupationCount] = []
        self.list = QWidget()
        self.column = QVBoxLayout(self.list)
        self.column.setSpacing(12)
        self.column.setContentsMargins(0, 0, 12, 0)
        self.layout_.addWidget(kinetic_area(self.list), 1)
        self.buttons: list[WrappedButton] = []
        row = QHBoxLayout()
        self.back = SpokenButton(
            ctx, N_("Back"), "mdi6.arrow-left", hint=N_("Other kinds of jobs.")
        )
        self.back.setMinimumSize(160, theme.BAR_BUTTON - 8)
        self.back.clicked.connect(lambda: self.navigate.emit("domains"))
        row.addWidget(self.back)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def title_text(self) -> str:
        # Called by Screen.__init__ before this screen's own attributes exist.
        letter = getattr(getattr(self, "state", None), "domain", None)
        return _(DOMAIN_NAMES[letter]) if letter in DOMAIN_NAMES else _(self.TITLE)

    def shown(self) -> None:
        self.title.retranslate()
        letter = self.state.domain or "A"
        filters = self.state.question.filters
        self.ctx.tasks.run(
            self.state.searcher_job(lambda s: s.occupations_in(letter, filters)),
            self._listed,
            context="occupations",
        )

    def _listed(self, items: list[OccupationCount]) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.buttons = []
        for occupation in items:
            button = WrappedButton(
                self.ctx,
                # The job in the person's language, the French title beside it; long: wraps.
                lambda o=occupation: f"{job_label(o.code, o.label)} ({_offers(o.offers)})",
                "mdi6.briefcase",
            )
            button.setMinimumHeight(theme.BAR_BUTTON)
            button.clicked.connect(lambda _c=False, o=occupation: self._open(o))
            self.column.addWidget(button)
            self.buttons.append(button)
        self.column.addStretch(1)

    def _open(self, occupation: OccupationCount) -> None:
        self.state.question = Question(
            "codes", codes=(occupation.code,), label=occupation.label,
            filters=self.state.question.filters,
        )  # fmt: skip
        self.navigate.emit("offers")
