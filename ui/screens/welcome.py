"""Welcome: pick your language by badge and native name. Each button speaks in its language.

All enabled languages are shown at once, without scrolling, even nine of them at 1280x800: a
grid of up to three columns. In large text the names need wider buttons: the grid takes
fewer columns (and the screen scrolls) rather than cut a name. The order is the agency's
(language.order).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import LANGUAGES, N_, _, in_language
from ui.context import UiContext
from ui.demo_notice import show_if_demo
from ui.flags import W, flag
from ui.screens.base import Screen
from ui.widgets.flow import ReflowGrid
from ui.widgets.spoken import SpokenButton, TLabel

GREETING = N_("Hello, welcome.")
CHOOSE = N_("Touch your language.")
DEMO = N_("Demo: the job offers on this kiosk are examples, not real offers.")


class LanguageGrid(ReflowGrid):
    """Asks for all its columns and takes fewer when the screen is narrower than that: so
    the buttons stay centred at their own width on a wide screen, and a name never gets
    less room than it needs on a narrow one."""

    def sizeHint(self) -> QSize:
        explicit = Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        hidden = sum(1 for w in self.items if w.isHidden() and w.testAttribute(explicit))
        columns = max(1, min(self.max_columns, len(self.items) - hidden))
        gap = self.grid.horizontalSpacing()
        rows = self.grid.minimumSize().height()
        return QSize(columns * self.cell_width() + (columns - 1) * gap, rows)

    def arrange(self) -> None:
        """Place the items again, in their (new) order."""
        self._place(self.columns_for(self.width()))


class WelcomeScreen(Screen):
    NAME = "welcome"
    TITLE = GREETING
    INSTRUCTION = CHOOSE
    PICTOGRAM = "mdi6.translate"
    language_chosen = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        agency = ctx.config.get_str("agency.name")
        if agency:
            # A proper name: shown as written, in every language.
            self.agency = TLabel(ctx, lambda: agency, role="instruction")
            self.agency.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.layout_.insertWidget(0, self.agency)
        self.grid = LanguageGrid(max_columns=3, spacing=16)
        self.buttons: dict[str, SpokenButton] = {}
        # Every known language is built; staff choose which are shown (refresh_languages).
        for code in LANGUAGES:
            native = LANGUAGES[code].native_name
            button = SpokenButton(
                ctx,
                lambda n=native: n,
                role="language",
                # Held, the button greets in its own language and voice, then says what to do.
                hint=lambda c=code: f"{in_language(c, GREETING)} {in_language(c, CHOOSE)}",
                icon_size=64,
            )
            # Clear space of a sixth of the badge's width on each side, so the name never
            # touches it: 12 px at 72 px wide.
            button.setIcon(flag(code, margin=W // 6))
            button.setIconSize(QSize(72 + 2 * 12, 48))
            button.setProperty("speech_language", code)
            button.setMinimumSize(340, 96)
            button.clicked.connect(lambda _c=False, c=code: self.language_chosen.emit(c))
            self.grid.add(button)  # owned even while hidden (a language staff switched off)
            self.buttons[code] = button
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.grid, 100)
        row.addStretch(1)
        self.layout_.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)
        self.refresh_languages()
        ctx.config_changed.connect(self.refresh_languages)
        # Wrapped, across the full width (a wrapped label needs it): in large text the
        # sentence is wider than a 1280 px screen.
        self.demo = TLabel(ctx, DEMO, role="demo")
        self.demo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        show_if_demo(ctx, self.demo)  # read off the UI thread: a count of every offer
        self.layout_.addWidget(self.demo)

    def refresh_languages(self, *_args: object) -> None:
        enabled = self.ctx.enabled_languages()
        # One column for a few languages (big, easy), up to three for nine: never a scroll
        # in normal text; fewer when the names need it (large text, a narrow screen).
        columns = 1 if len(enabled) <= 3 else 2 if len(enabled) == 4 else 3
        self.grid.max_columns = columns
        # The agency's order: the grid places its items in the order they were added.
        order: list[QWidget] = [self.buttons[c] for c in enabled]
        self.grid.items = order + [b for c, b in self.buttons.items() if c not in enabled]
        for code, button in self.buttons.items():
            button.setVisible(code in enabled)
            button.setMinimumSize(560 if columns == 1 else 340, 120 if columns == 1 else 96)
        self.grid.arrange()
        self.retranslate()

    def title_text(self) -> str:
        # "Hello" in every offered language, each isolated so Arabic and Persian words keep
        # their own direction inside the line: a person finds their own before choosing.
        # A greeting of two words ("Bună ziua") stays on one line: no-break spaces.
        greetings = (
            LANGUAGES[c].greeting.replace(" ", "\u00a0") for c in self.ctx.enabled_languages()
        )
        return " · ".join(f"\u2068{g}\u2069" for g in greetings)

    def instruction_text(self) -> str:
        return _(CHOOSE)

    def spoken_intro(self) -> str:
        return f"{_(GREETING)} {_(CHOOSE)}"
