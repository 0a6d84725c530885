"""The bar on every screen: home, repeat, stop sound, volume, listen-first, large text,
language, and "I've finished".

These are the controls a person who cannot read needs at any moment, so they never move.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import LANGUAGES, N_, _, current, in_language
from kiosk.speech import MAX_VOLUME
from ui import theme
from ui.context import UiContext
from ui.fits import SLACK
from ui.flags import flag
from ui.icons import icon
from ui.widgets.spoken import SpokenButton, SpokenToolButton, TLabel

CHOOSE_LANGUAGE = N_("Choose another language.")


class LanguageChooser(QFrame):
    """Every enabled language in one panel over the screen, opened from the bar's language
    button: nine chips would not fit in the bar at 1280 px, one button always does.

    A panel inside the window rather than a popup window: no keyboard grab, one window for
    the accessibility bus, and it closes by its own button or by choosing."""

    chosen = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setProperty("role", "bar")  # the bar's own look: it belongs to the bar
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(3)
        self.setAutoFillBackground(True)
        self.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(12)
        top = QHBoxLayout()
        self.title = TLabel(ctx, CHOOSE_LANGUAGE, role="instruction")
        top.addWidget(self.title, 1)
        self.close_button = SpokenButton(
            ctx, N_("Close"), "mdi6.close", hint=N_("Keep this language.")
        )
        self.close_button.setMinimumSize(theme.BAR_BUTTON * 2, theme.BAR_BUTTON)
        self.close_button.clicked.connect(self.hide)
        top.addWidget(self.close_button)
        column.addLayout(top)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        column.addLayout(self.grid)
        self.buttons: dict[str, SpokenButton] = {}
        for code in LANGUAGES:
            native = LANGUAGES[code].native_name
            chip = SpokenButton(
                ctx,
                lambda n=native: n,
                role="chip",
                hint=lambda c=code: in_language(c, CHOOSE_LANGUAGE),
                parent=self,
            )
            chip.setIcon(flag(code))
            chip.setIconSize(QSize(48, 32))
            chip.setProperty("speech_language", code)  # each name said in its own voice
            chip.setCheckable(True)
            chip.setMinimumSize(260, theme.BAR_BUTTON)
            chip.clicked.connect(lambda _c=False, c=code: self._pick(c))
            self.buttons[code] = chip

    def refresh(self, enabled: tuple[str, ...]) -> None:
        self.setAccessibleName(_("Languages"))  # in the language of the moment it opens
        for chip in self.buttons.values():
            self.grid.removeWidget(chip)
        columns = 3 if len(enabled) > 4 else 2
        for n, code in enumerate(enabled):
            self.grid.addWidget(self.buttons[code], n // columns, n % columns)
        for code, chip in self.buttons.items():
            chip.setVisible(code in enabled)
            chip.setChecked(code == self.ctx.language)

    def _pick(self, code: str) -> None:
        self.hide()
        self.chosen.emit(code)

    def open_over(self, window: QWidget) -> None:
        if self.parentWidget() is not window:
            self.setParent(window)  # built inside the bar, shown over the whole window
        self.refresh(self.ctx.enabled_languages())
        self.adjustSize()
        centre = window.rect().center()
        self.move(centre - QPoint(self.width() // 2, self.height() // 2))
        self.show()
        self.raise_()


class Bar(QFrame):
    home_requested = Signal()
    repeat_requested = Signal()
    finish_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setProperty("role", "bar")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 8, 8, 8)
        row.setSpacing(6)  # at 1280 px wide the French labels need every pixel

        def tool(label: str, icon: str, hint: str, checkable: bool = False) -> SpokenToolButton:
            button = SpokenToolButton(ctx, label, icon, hint=hint, checkable=checkable)
            button.setMinimumSize(theme.BAR_BUTTON, theme.BAR_BUTTON)
            row.addWidget(button)
            return button

        self.home = tool(N_("Home"), "mdi6.home", N_("Go back to the start."))
        self.repeat = tool(N_("Repeat"), "mdi6.replay", N_("Hear this screen again."))
        self.stop = tool(N_("Stop sound"), "mdi6.volume-off", N_("Stop the voice."))
        self.quieter = tool(N_("Quieter"), "mdi6.volume-minus", N_("Make the voice quieter."))
        self.louder = tool(N_("Louder"), "mdi6.volume-plus", N_("Make the voice louder."))
        self.listen = tool(
            N_("Listen first"),
            "mdi6.ear-hearing",
            N_("Touch once to hear a button, twice to use it."),
            checkable=True,
        )
        self.large = tool(N_("Large text"), "mdi6.format-size", N_("Make the text bigger."), True)
        row.addStretch(1)

        # One button named after the current language, in that language; it opens the
        # chooser with every enabled language (the chooser's chips are `languages`).
        self.language = tool(lambda: current().native_name, "mdi6.translate", CHOOSE_LANGUAGE)
        self.chooser = LanguageChooser(ctx, self)
        self.chooser.chosen.connect(self._choose_language)
        self.languages = self.chooser.buttons
        self.language.clicked.connect(self._toggle_chooser)
        self.finish = tool(
            N_("I've finished"),
            "mdi6.exit-run",
            N_("End my visit now. Everything I did here is erased."),
        )
        self.finish.setProperty("finish", True)
        self.finish.setIcon(icon("mdi6.exit-run", "tile"))  # light on the dark, filled button
        # Filled rather than wider: at 1280x800 the bar has no width to spare.
        self.finish.clicked.connect(self.finish_requested)
        self.refresh_languages()
        ctx.config_changed.connect(self.refresh_languages)

        self.home.clicked.connect(self.home_requested)
        self.repeat.clicked.connect(self.repeat_requested)
        self.stop.clicked.connect(ctx.speaker.stop)
        self.quieter.clicked.connect(lambda: self._volume(-1))
        self.louder.clicked.connect(lambda: self._volume(+1))
        self.listen.toggled.connect(self._listen_toggled)
        self.large.toggled.connect(self._large_toggled)
        ctx.language_changed.connect(self._sync)
        ctx.modes_changed.connect(self._sync)
        self._sync()
        self._fitting = False
        # After the language or the text size changed, once the new style is applied.
        ctx.language_changed.connect(lambda *_a: QTimer.singleShot(0, self.fit))
        ctx.modes_changed.connect(lambda *_a: QTimer.singleShot(0, self.fit))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def _needed_width(self) -> int:
        """The width of the bar with every button it may show (Home is hidden on some
        screens; counting it keeps the words one size from screen to screen), each button
        allowed the few pixels of rounding the fit check (ui.fits) allows."""
        layout = self.layout()
        buttons = [b for b in self.findChildren(SpokenToolButton) if b.parentWidget() is self]
        margins = layout.contentsMargins()
        return (
            sum(max(b.sizeHint().width() - SLACK, b.minimumWidth()) for b in buttons)
            + layout.spacing() * max(len(buttons) - 1, 0)
            + margins.left()
            + margins.right()
        )

    def _set_tight(self, tight: bool) -> None:
        if bool(self.property("tight")) == tight:
            return
        self.setProperty("tight", tight)
        for button in self.findChildren(SpokenToolButton):
            button.style().unpolish(button)
            button.style().polish(button)
            button.updateGeometry()

    def fit(self) -> None:
        """Large text makes the bar's words a fifth bigger; in a language with long words
        (Ukrainian) they then need more than a 1280 px screen. The bar's words keep their
        normal size there, and the page's words still grow."""
        if getattr(self, "_fitting", True) or self.width() <= 0:
            return
        self._fitting = True
        try:
            self._set_tight(False)
            self._set_tight(self.ctx.large_text and self._needed_width() > self.width())
        finally:
            self._fitting = False

    def _toggle_chooser(self) -> None:
        if self.chooser.isVisible():
            self.chooser.hide()
        else:
            self.chooser.open_over(self.window())

    def _choose_language(self, code: str) -> None:
        self.ctx.set_language(code)
        self._sync()

    def _volume(self, step: int) -> None:
        speaker = self.ctx.speaker
        level = speaker.volume_up() if step > 0 else speaker.volume_down()
        # Said even at 0 would be silent; at 0 the screen still shows the level.
        self.ctx.say(_("Volume {level} of {top}.").format(level=level, top=MAX_VOLUME))

    def _listen_toggled(self, on: bool) -> None:
        if on != self.ctx.listen_first:
            self.ctx.set_listen_first(on)
            self.ctx.say(_("Listen first is on.") if on else _("Listen first is off."))

    def _large_toggled(self, on: bool) -> None:
        if on != self.ctx.large_text:
            self.ctx.set_large_text(on)
            self.ctx.say(_("Large text is on.") if on else _("Large text is off."))

    def _sync(self, *_args: object) -> None:
        for code, chip in self.languages.items():
            chip.setChecked(code == self.ctx.language)
        self.language.setIcon(flag(self.ctx.language))
        for button, on in ((self.listen, self.ctx.listen_first), (self.large, self.ctx.large_text)):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)

    def refresh_languages(self, *_args: object) -> None:
        enabled = self.ctx.enabled_languages()
        self.chooser.refresh(enabled)
        self._show_language()

    def offer_language(self, on: bool) -> None:
        """Whether this screen offers the language button (the welcome screen is itself the
        chooser: a second "Français" there would be one button too many)."""
        self._language_offered = on
        self._show_language()
        if not on:
            self.chooser.hide()

    def _show_language(self) -> None:
        # With a single language there is nothing to choose.
        offered = getattr(self, "_language_offered", True)
        self.language.setVisible(offered and len(self.ctx.enabled_languages()) > 1)
