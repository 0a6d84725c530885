"""Find a job: type a job as you would say it (the on-screen keyboard is there), or choose
from pictures, or see the offers you kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from kiosk.i18n import N_, _, ngettext
from ui import theme
from ui.context import UiContext
from ui.features import Feature
from ui.keyboard import OnScreenKeyboard
from ui.screens.base import Screen
from ui.search.state import Question, state_for
from ui.widgets.spoken import SpokenButton, SpokenToolButton, TLabel

TYPE_FIRST = N_("Type the name of a job first, or choose from pictures.")


class FindJobScreen(Screen):
    NAME = "find_job"
    TITLE = N_("Find a job")
    INSTRUCTION = N_(
        "Write the job you want, as you say it. Mistakes are fine. Or choose from pictures."
    )
    PICTOGRAM = "mdi6.briefcase-search"
    TILE = Feature(
        N_("Find a job"), N_("Search the job offers near you."), "mdi6.briefcase-search", order=10
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = state_for(ctx)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.field = QLineEdit()
        self.field.setMinimumHeight(80)
        self.field.setMaxLength(200)
        self.field.setAccessibleName(_("Job"))
        self.field.returnPressed.connect(self.submit)
        self.search = SpokenButton(
            ctx, N_("Search"), "mdi6.magnify", hint=N_("Show the offers for what you wrote.")
        )
        self.search.setMinimumSize(220, 80)
        self.search.clicked.connect(self.submit)
        row.addWidget(self.field, 1)
        row.addWidget(self.search)
        self.layout_.addLayout(row)
        self.message = TLabel(ctx, "", role="alert")
        self.message.hide()
        self.layout_.addWidget(self.message)

        self._kept_count = 0
        choices = QHBoxLayout()
        choices.setSpacing(24)
        self.browse = SpokenToolButton(
            ctx,
            N_("Choose from pictures"),
            "mdi6.view-grid",
            role="tile",
            hint=N_("See the kinds of jobs, without writing."),
            icon_size=56,
        )
        self.kept = SpokenToolButton(
            ctx,
            lambda: ngettext("{n} kept offer", "{n} kept offers", self._kept_count).format(
                n=self._kept_count
            ),
            "mdi6.bookmark-multiple",
            role="tile",
            hint=N_("See the offers you kept."),
            icon_size=56,
        )
        for button in (self.browse, self.kept):
            button.setMinimumSize(theme.TILE + 100, 170)
            # Never shorter than their picture and words: when the keyboard takes two rows of
            # commands, the page scrolls instead.
            button.setSizePolicy(button.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Minimum)
            choices.addWidget(button)
        self.browse.clicked.connect(lambda: self.navigate.emit("domains"))
        self.kept.clicked.connect(self.show_kept)
        self.layout_.addLayout(choices)
        self.layout_.setAlignment(choices, Qt.AlignmentFlag.AlignHCenter)
        self.layout_.addStretch(1)

        self.keyboard = OnScreenKeyboard(speak=ctx.say)
        self.keyboard.set_target(self.field)
        self.keyboard.setMinimumHeight(330)
        self.keyboard.submitted.connect(self.submit)
        self.layout_.addWidget(self.keyboard)
        ctx.language_changed.connect(self._language_changed)

    def _language_changed(self, *_args: object) -> None:
        self.field.setAccessibleName(_("Job"))
        self.keyboard.retranslate()

    def forget_person(self) -> None:
        """Called by the window's wipe: the typed search leaves the field and the memory."""
        self.field.clear()
        self.state.forget()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The keyboard is in the scrolling page here: bounded by the page's width, it puts
        # its commands on two rows (Turkish in large text) instead of widening the page past
        # the screen, which a scroll area would otherwise allow.
        margins = self.layout_.contentsMargins()
        room = event.size().width() - margins.left() - margins.right()
        self.keyboard.setMaximumWidth(max(room, 320))

    def shown(self) -> None:
        self.state.fresh()
        self.state.warm()
        if self.state.question.mode != "query":
            self.field.clear()
        else:
            self.field.setText(self.state.question.query)
        self.message.hide()
        self.keyboard.show()
        # Arabic speakers get their letters first; everyone else the French keyboard.
        self.keyboard.set_language(self.ctx.language)
        self._kept_count = len(self.state.kept())
        self.kept.setVisible(self._kept_count > 0)
        self.kept._kiosk_retranslate()  # type: ignore[attr-defined]

    def submit(self) -> None:
        text = self.field.text().strip()
        if not text:
            self.message.set_source(TYPE_FIRST)
            self.message.show()
            self.ctx.say(_(TYPE_FIRST))
            return
        filters = self.state.question.filters
        self.state.question = Question("query", text, filters=filters)
        self.navigate.emit("offers")

    def show_kept(self) -> None:
        self.state.question = Question("kept", filters=self.state.question.filters)
        self.navigate.emit("offers")
