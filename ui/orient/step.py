"""One question of "What job could I do?": title, instruction and the answer widgets, then
Back, Skip and Next kept in view at the bottom (only the question scrolls). Every question
may be skipped; Skip leaves the question's answer empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import N_, _
from ui.context import UiContext
from ui.cv.step import nav_row, set_arrows, step_buttons
from ui.orient.state import OrientState, state_for
from ui.screens.base import Screen
from ui.widgets.spoken import TLabel

# The path, in the order a person meets it; the answer comes after the last question.
QUESTIONS = ("orient_likes", "orient_done", "orient_limits")
ANSWER = "orient_jobs"
QUESTION_OF = N_("Question {n} of {total}.")


class OrientStep(Screen):
    """Subclasses fill `body` and override `load` (state -> widgets), `clear` (widgets ->
    state when skipped) and may add to `collect` (widgets -> state on Next)."""

    NEXT_LABEL = N_("Next")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state: OrientState = state_for(ctx)
        self.layout_.setSpacing(10)
        self.layout_.setContentsMargins(48, 12, 48, 12)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        self.layout_.addLayout(self.body, 1)
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        self.fixed = outer  # below the scrolling question: the keyboard, then the buttons
        self.back, self.skip, self.next = step_buttons(ctx, self.NEXT_LABEL)
        self.progress = TLabel(ctx, lambda: self.progress_text())
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addLayout(nav_row([self.back], self.progress, [self.skip, self.next]))
        self.back.clicked.connect(self.go_back)
        self.skip.clicked.connect(self.go_skip)
        self.next.clicked.connect(self.go_next)
        ctx.language_changed.connect(self._arrows)
        self._arrows()

    def _arrows(self, *_args: object) -> None:
        set_arrows(self.back, self.next)

    def progress_text(self) -> str:
        return _(QUESTION_OF).format(n=QUESTIONS.index(self.NAME) + 1, total=len(QUESTIONS))

    def spoken_intro(self) -> str:
        return " ".join(p for p in (self.title_text(), self.instruction_text()) if p)

    def load(self) -> None:
        """Show the person's answers so far."""

    def clear(self) -> None:
        """Skip: this question's answer is empty."""

    def collect(self) -> None:
        """Next: anything still in a widget (typed, not yet added) goes into the answers."""

    def shown(self) -> None:
        self.state.fresh()
        self.state.kept = None  # answering again: the next list is this visit's own
        self.load()

    def forget_person(self) -> None:
        """The session has ended: the widgets show no answer of the person's."""
        self.state.forget()
        self.load()

    def _after(self, step: int) -> str:
        i = QUESTIONS.index(self.NAME) + step
        if i < 0:
            return "orient"
        return QUESTIONS[i] if i < len(QUESTIONS) else ANSWER

    def go_next(self) -> None:
        self.collect()
        self.navigate.emit(self._after(1))

    def go_back(self) -> None:
        self.collect()
        self.navigate.emit(self._after(-1))

    def go_skip(self) -> None:
        self.clear()
        self.load()
        self.navigate.emit(self._after(1))
