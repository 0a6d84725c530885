"""One offer: a short summary in plain words in the person's language first (pay, hours,
contract with its pictogram, experience), then the full text as published, in French, with its
update date (the API's licence asks for both), read by the French voice whatever the screen's
language. Listen, print, take it on a phone, keep it: each says on screen that it happened."""

from __future__ import annotations

from babel.dates import format_date
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from kiosk.catalogue.plain import FRENCH
from kiosk.catalogue.search import OfferDetail
from kiosk.errors import Explained
from kiosk.i18n import LANGUAGES, N_, _, in_language
from kiosk.staff import counters
from ui.context import UiContext
from ui.icons import icon
from ui.screens.base import Screen
from ui.search import summary, words
from ui.search.card import TEXT_MAX, TITLE_MAX, said_label, shown, side_alignment
from ui.search.printing import offer_html, print_offer
from ui.search.qr import qr_pixmap
from ui.search.scrolling import kinetic_area
from ui.search.state import state_for
from ui.widgets.spoken import SpokenButton, SpokenToolButton, TLabel, in_sentences

GONE = N_("Sorry, this offer is no longer available.")
PRINTING = N_("Printing. Please take your page from the printer.")
PRINTED = N_("Your offer is printed. Please take it from the printer.")
NO_ADDRESS = N_("This offer has no internet address. Print it instead.")
SCAN = N_("Point your phone's camera at this square to open the offer.")
KEPT = N_("Offer kept. Find it in “Find a job”.")
UNKEPT = N_("Offer removed from your kept offers.")
QR_SHOWN = N_("The square is on the screen. Point your phone's camera at it to open the offer.")
FULL_OFFER = N_("The full offer, in French")
HEAR_FRENCH = N_("Listen in French")
HEAR_FRENCH_HINT = N_("Hear the full offer read in French, as the employer wrote it.")
# Said by the French voice after the offer's own words, whatever the screen's language.
UPDATED_ON = N_("Offer updated on {date}")


def french_update_date(offer: OfferDetail) -> str:
    moment = words.parse_time(offer.card.updated_at)
    if moment is None:
        return ""
    date = format_date(moment.date(), format="long", locale=LANGUAGES[FRENCH].locale)
    return in_language(FRENCH, UPDATED_ON).format(date=date)


def _french(label: QLabel) -> QLabel:
    """The offer's own words: French, read by the French voice, laid out left to right."""
    label.setProperty("speech_language", FRENCH)
    label.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
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
        # The offer scrolls inside the screen; the buttons under it stay in view.
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(0, 0, 12, 0)
        self.area = kinetic_area(self.body)
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

        actions = QHBoxLayout()
        actions.setSpacing(12)

        def action(label: str, pictogram: str, hint: str) -> SpokenToolButton:
            button = SpokenToolButton(ctx, label, pictogram, role="bar", hint=hint, icon_size=40)
            button.setMinimumSize(170, 100)
            actions.addWidget(button)
            return button

        # Named left to right: ui.icons draws it pointing right in Arabic and Persian.
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
        self.summary_rows: list[summary.Row] = []
        self.french_button: SpokenButton | None = None

    def retranslate(self, *args: object) -> None:
        super().retranslate(*args)
        if getattr(self, "offer", None) is not None:
            self._fill()  # the plain words are built in the new language

    # -- showing -------------------------------------------------------------------------------
    def title_text(self) -> str:
        offer = getattr(self, "offer", None)  # called by Screen.__init__ before ours ran
        return shown(offer.card.title, TITLE_MAX) if offer else _(self.TITLE)

    def shown(self) -> None:
        self.state.fresh()
        self.offer = None
        self.phone.setChecked(False)
        self._fill()
        offer_id = self.state.offer_id
        if offer_id:
            self.ctx.tasks.run(self.state.offer_job(offer_id), self._loaded, context="offer")

    def forget_person(self) -> None:
        """The session has ended: the offer this person read goes from the screen."""
        self.offer = None
        self.phone.setChecked(False)
        self._fill()

    def _loaded(self, offer: OfferDetail | None) -> None:
        self.offer = offer
        self._fill()
        if offer is None:
            self._tell(_(GONE), "error")
        elif self.isVisible():
            self.ctx.say_parts(self.summary_parts())

    def _fill(self) -> None:
        _empty(self.column)
        self.title.retranslate()
        before = set(self.body.findChildren(QLabel))  # the old ones, going, and the fixed ones
        offer = self.offer
        self.demo.setVisible(bool(offer and offer.card.demo))
        for button in (self.listen, self.print_button, self.phone, self.keep):
            button.setEnabled(offer is not None)
        if offer is None:
            return
        self.keep.setChecked(offer.card.id in self.state.kept())
        self.summary_rows = summary.rows(offer)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        self.value_labels: dict[str, list[QLabel]] = {}
        for row, part in enumerate(self.summary_rows):
            heading = said_label(part.heading)
            heading.setStyleSheet("font-weight: bold;")
            heading.setWordWrap(False)
            grid.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignTop)
            values = QVBoxLayout()
            values.setSpacing(2)
            line = QHBoxLayout()
            if part.icon:
                picture = QLabel()
                picture.setPixmap(icon(part.icon, "title").pixmap(40, 40))
                picture.setAccessibleName(part.lines[0].shown if part.lines else "")
                line.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
            labels = [said_label(said) for said in part.lines]
            for label in labels:
                if label.property("speech_language") == FRENCH:
                    _french(label)
            self.value_labels[part.key] = labels
            if labels:
                line.addWidget(labels[0], 1)
            values.addLayout(line)
            for label in labels[1:]:
                values.addWidget(label)
            grid.addLayout(values, row, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid)
        heading_line = QHBoxLayout()
        heading_line.addWidget(said_label(_(FULL_OFFER), "title"), 1)
        self.french_button = SpokenButton(
            ctx=self.ctx, label=HEAR_FRENCH, icon="mdi6.volume-high", hint=HEAR_FRENCH_HINT
        )
        self.french_button.setMinimumHeight(64)
        self.french_button.clicked.connect(self.read_french)
        heading_line.addWidget(self.french_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.column.addLayout(heading_line)
        self.full_text = _french(said_label(offer.description, limit=TEXT_MAX))
        # A French document keeps its own left-to-right layout inside an Arabic screen.
        self.full_text.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.full_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        self.full_text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.column.addWidget(self.full_text)
        self.update_label = said_label(words.update_date(offer))
        self.update_label.setAlignment(side_alignment())
        self.column.addWidget(self.update_label)
        self.column.addStretch(1)
        # A widget added to a shown parent is shown only by a queued call: show them now, so
        # the offer is complete the moment it is said (and a test sees what a person sees).
        for label in self.body.findChildren(QLabel):
            if label not in before:
                label.show()
        self.french_button.show()

    def summary_parts(self) -> list[tuple[str, str]]:
        """The summary as it is said: the plain words by the person's voice, the offer's own
        French words in it (title, a pay as written) by the French voice. The long full text
        is left to "Listen in French"."""
        language = self.ctx.language
        if self.offer is None:
            return [(self.title_text(), language)]
        rows = self.summary_rows or summary.rows(self.offer)
        demo = [[(_(words.DEMO), None)]] if self.offer.card.demo else []
        return in_sentences([*demo, *summary.spoken_lines(rows)], language)

    def spoken_intro(self) -> str:
        if self.offer is None or self.ctx.language != FRENCH:
            return f"{_(self.TITLE)}. {_(self.INSTRUCTION)}"
        return f"{self.title_text()}. {_(self.INSTRUCTION)}"

    def _tell(self, text: str, kind: str = "info") -> None:
        self.ctx.show_result(text, kind)

    # -- actions ---------------------------------------------------------------------------------
    def read_aloud(self) -> None:
        if self.offer is not None:
            self.ctx.say_parts(self.summary_parts())

    def read_french(self) -> None:
        """The offer as published, by the French voice, even on an Arabic screen."""
        if self.offer is not None:
            title = shown(self.offer.card.title, TITLE_MAX).rstrip(".")
            text = shown(self.offer.description, TEXT_MAX)
            self.ctx.say(f"{title}. {text} {french_update_date(self.offer)}".strip(), FRENCH)

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
        self._tell(_(PRINTED), "success")

    def _print_failed(self, explained: Explained) -> None:
        self.print_button.setEnabled(True)
        self.ctx.show_error(explained)

    def show_qr(self, on: bool) -> None:
        if not on or self.offer is None:
            self.qr_panel.hide()
            return
        url = self.offer.url
        if not url:
            self.phone.setChecked(False)
            self._tell(_(NO_ADDRESS), "error")
            return
        self.qr.setPixmap(qr_pixmap(url))
        self.qr_panel.show()
        self.ctx.count(counters.OFFERS_SCANNED)
        self._tell(_(QR_SHOWN), "success")

    def toggle_keep(self) -> None:
        if self.offer is None:
            return
        keep = self.keep.isChecked()
        self.state.set_kept(self.offer.card.id, keep)
        self._tell(_(KEPT) if keep else _(UNKEPT), "success" if keep else "info")


def _drop(layout: object) -> None:
    if isinstance(layout, QLayout):
        _empty(layout)
        layout.deleteLater()


def _empty(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item is not None and item.layout() is not None:
            _drop(item.layout())
