"""One offer: a short plain-language summary first, then the full text as published with its
update date (the API's licence asks for both). Listen, print, take it on a phone, keep it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.catalogue.search import OfferDetail
from kiosk.errors import Explained
from kiosk.i18n import N_, _
from kiosk.staff import counters
from ui.context import UiContext
from ui.screens.base import Screen
from ui.search import words
from ui.search.card import LINE_MAX, TEXT_MAX, TITLE_MAX, shown
from ui.search.printing import offer_html, print_offer
from ui.search.qr import qr_pixmap
from ui.search.scrolling import kinetic_area
from ui.search.state import state_for
from ui.widgets.spoken import SpokenToolButton, TLabel

GONE = N_("Sorry, this offer is no longer available.")
PRINTING = N_("Printing. Please take your page from the printer.")
PRINTED = N_("Your offer is printed. Please take it from the printer.")
NO_ADDRESS = N_("This offer has no internet address. Print it instead.")
SCAN = N_("Point your phone's camera at this square to open the offer.")
KEPT = N_("Offer kept. Find it in “Find a job”.")
UNKEPT = N_("Offer removed from your kept offers.")


def _text(text: str, role: str = "body", limit: int = LINE_MAX) -> QLabel:
    label = QLabel(shown(text, limit))
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the offer's words, never markup
    return label


class OfferScreen(Screen):
    NAME = "offer"
    TITLE = N_("Job offer")
    INSTRUCTION = N_("Here is the offer in short, then in full.")
    PICTOGRAM = "mdi6.briefcase"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = state_for(ctx)
        self.offer: OfferDetail | None = None
        self.demo = TLabel(ctx, words.DEMO, role="demo", wrap=False)
        self.demo.hide()
        self.layout_.addWidget(self.demo, alignment=Qt.AlignmentFlag.AlignHCenter)

        middle = QHBoxLayout()
        self.content = QWidget()
        self.column = QVBoxLayout(self.content)
        self.column.setContentsMargins(0, 0, 12, 0)
        self.area = kinetic_area(self.content)
        middle.addWidget(self.area, 1)
        self.qr_panel = QWidget()
        qr_column = QVBoxLayout(self.qr_panel)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setAccessibleName(_("QR code"))
        self.qr_caption = TLabel(ctx, SCAN)
        self.qr_caption.setMaximumWidth(360)
        qr_column.addWidget(self.qr)
        qr_column.addWidget(self.qr_caption)
        qr_column.addStretch(1)
        self.qr_panel.hide()
        middle.addWidget(self.qr_panel)
        self.layout_.addLayout(middle, 1)

        self.message = TLabel(ctx, "", role="alert")
        self.message.hide()
        self.layout_.addWidget(self.message)
        actions = QHBoxLayout()
        actions.setSpacing(12)

        def action(label: str, icon: str, hint: str) -> SpokenToolButton:
            button = SpokenToolButton(ctx, label, icon, role="bar", hint=hint, icon_size=40)
            button.setMinimumSize(170, 100)
            actions.addWidget(button)
            return button

        self.back = action(N_("Back"), "mdi6.arrow-left", N_("Back to the offers."))
        self.listen = action(N_("Listen"), "mdi6.volume-high", N_("Hear this offer."))
        self.print_button = action(N_("Print this offer"), "mdi6.printer", N_("Print it on paper."))
        self.phone = action(
            N_("Show on my phone"), "mdi6.qrcode", N_("A square to scan with your phone.")
        )
        self.phone.setCheckable(True)
        self.keep = action(
            N_("Keep this offer"), "mdi6.bookmark-plus", N_("Keep it for later, during this visit.")
        )
        self.keep.setCheckable(True)
        self.layout_.addLayout(actions)
        self.back.clicked.connect(lambda: self.navigate.emit("offers"))
        self.listen.clicked.connect(self.read_aloud)
        self.print_button.clicked.connect(self.print_it)
        self.phone.toggled.connect(self.show_qr)
        self.keep.clicked.connect(self.toggle_keep)
        self.printer_name = ctx.config.get_str("printer.name")

    # -- showing -------------------------------------------------------------------------------
    def title_text(self) -> str:
        offer = getattr(self, "offer", None)  # called by Screen.__init__ before ours ran
        return shown(offer.card.title, TITLE_MAX) if offer else _(self.TITLE)

    def shown(self) -> None:
        self.state.fresh()
        self.offer = None
        self.message.hide()
        self.phone.setChecked(False)
        self._fill()
        offer_id = self.state.offer_id
        if offer_id:
            self.ctx.tasks.run(self.state.offer_job(offer_id), self._loaded, context="offer")

    def forget_person(self) -> None:
        """The session has ended: the offer this person read goes from the screen."""
        self.offer = None
        self.message.hide()
        self.phone.setChecked(False)
        self._fill()

    def _loaded(self, offer: OfferDetail | None) -> None:
        self.offer = offer
        self._fill()
        if offer is None:
            self._tell(_(GONE))
        elif self.isVisible():
            self.ctx.say(self.summary_text())

    def _fill(self) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
            elif item is not None and item.layout() is not None:
                _drop(item.layout())
        self.title.retranslate()
        before = set(self.content.findChildren(QLabel))  # the old ones, going, and the fixed ones
        offer = self.offer
        self.demo.setVisible(bool(offer and offer.card.demo))
        for button in (self.listen, self.print_button, self.phone, self.keep):
            button.setEnabled(offer is not None)
        if offer is None:
            return
        self.keep.setChecked(offer.card.id in self.state.kept())
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for row, (head, text) in enumerate(words.summary(offer)):
            heading = _text(head)
            heading.setStyleSheet("font-weight: bold;")
            grid.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_text(text), row, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid)
        self.column.addWidget(_text(_("The full offer"), "title"))
        self.full_text = _text(offer.description, limit=TEXT_MAX)
        self.full_text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.column.addWidget(self.full_text)
        self.update_label = _text(words.update_date(offer))
        self.column.addWidget(self.update_label)
        self.column.addStretch(1)
        # A widget added to a shown parent is shown only by a queued call: show them now, so
        # the offer is complete the moment it is said (and a test sees what a person sees).
        for label in self.content.findChildren(QLabel):
            if label not in before:
                label.show()

    def summary_text(self) -> str:
        if self.offer is None:
            return self.title_text()
        parts = [
            f"{head}: {shown(text, LINE_MAX).rstrip('.')}."
            for head, text in words.summary(self.offer)
        ]
        if self.offer.card.demo:
            parts.insert(0, _(words.DEMO) + ".")
        return " ".join(parts)

    def spoken_intro(self) -> str:
        if self.offer is None:
            return _(self.TITLE)
        return f"{self.title_text()}. {_(self.INSTRUCTION)}"

    def _tell(self, text: str) -> None:
        self.message.set_source(lambda: text)
        self.message.show()
        self.ctx.say(text)

    # -- actions ---------------------------------------------------------------------------------
    def read_aloud(self) -> None:
        if self.offer is not None:
            date = words.update_date(self.offer)
            text = shown(self.offer.description, TEXT_MAX)
            self.ctx.say(f"{self.summary_text()} {text} {date}")

    def print_it(self) -> None:
        if self.offer is None:
            return
        document = offer_html(self.offer)
        name = self.printer_name
        self.print_button.setEnabled(False)
        self._tell(_(PRINTING))
        self.ctx.tasks.run(
            lambda: print_offer(document, name),
            lambda _where: self._printed(),
            self._print_failed,
            context="print offer",
        )

    def _printed(self) -> None:
        self.ctx.count(counters.OFFERS_PRINTED)
        self.print_button.setEnabled(True)
        self._tell(_(PRINTED))

    def _print_failed(self, explained: Explained) -> None:
        self.print_button.setEnabled(True)
        self._tell(explained.user)

    def show_qr(self, on: bool) -> None:
        if not on or self.offer is None:
            self.qr_panel.hide()
            return
        url = self.offer.url
        if not url:
            self.phone.setChecked(False)
            self._tell(_(NO_ADDRESS))
            return
        self.qr.setPixmap(qr_pixmap(url))
        self.qr_panel.show()
        self.ctx.count(counters.OFFERS_SCANNED)
        self.ctx.say(_(SCAN))

    def toggle_keep(self) -> None:
        if self.offer is None:
            return
        keep = self.keep.isChecked()
        self.state.set_kept(self.offer.card.id, keep)
        self._tell(_(KEPT) if keep else _(UNKEPT))


def _drop(layout: object) -> None:
    from PySide6.QtWidgets import QLayout

    if not isinstance(layout, QLayout):
        return
    while layout.count():
        item = layout.takeAt(0)
        if item is not None and item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
        elif item is not None and item.layout() is not None:
            _drop(item.layout())
    layout.deleteLater()
