"""The bar on every screen: home, repeat, stop sound, volume, listen-first, large text,
language, and "I've finished".

These are the controls a person who cannot read needs at any moment, so they never move.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kiosk.i18n import LANGUAGES, N_, _
from kiosk.speech import MAX_VOLUME
from ui import theme
from ui.context import UiContext
from ui.icons import icon
from ui.widgets.spoken import SpokenButton, SpokenToolButton


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

        # Every known language is built; staff choose which are shown (refresh_languages).
        self.languages: dict[str, SpokenButton] = {}
        for code in LANGUAGES:
            native = LANGUAGES[code].native_name
            chip = SpokenButton(ctx, lambda n=native: n, role="chip")
            chip.setCheckable(True)
            chip.setMinimumSize(theme.BAR_BUTTON + 16, theme.BAR_BUTTON)
            chip.clicked.connect(lambda _c=False, c=code: self._choose_language(c))
            row.addWidget(chip)
            self.languages[code] = chip
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
        for button, on in ((self.listen, self.ctx.listen_first), (self.large, self.ctx.large_text)):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)

    def refresh_languages(self, *_args: object) -> None:
        enabled = self.ctx.enabled_languages()
        for code, chip in self.languages.items():
            chip.setVisible(code in enabled)
