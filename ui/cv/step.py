"""One question of the wizard: title, instruction and an example, spoken when shown; the
answer widgets; an explanation of any mistake next to its field; Back, Skip and Next.

Next checks the answer with the CV core's cleaning functions and autosaves before moving on;
Back and leaving the screen any other way (the bar's Home, the inactivity warning) save what
is already right, so a power cut loses at most the field being typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.cv.model import CV
from kiosk.cv.validation import FieldError
from kiosk.errors import UserError, explain
from kiosk.i18n import N_, _
from ui import theme
from ui.context import UiContext
from ui.cv import blank
from ui.cv.bidi import isolate_ltr
from ui.cv.fields import EXAMPLE, Field
from ui.cv.flow import QUESTIONS, STEPS, next_step, previous_step, step_number
from ui.cv.scroll import taps_at_once
from ui.cv.state import CvState, state_for
from ui.icons import icon
from ui.keyboard import OnScreenKeyboard
from ui.screens.base import Screen
from ui.widgets.scroll import KineticScrollArea
from ui.widgets.spoken import SpokenButton, TLabel

QUESTION_OF = N_("Question {n} of {total}.")
NAV_HEIGHT = 88
# Below this window height (a 1280x800 screen) the keyboard and the question share little
# room: Back / Next are lower and the instruction, said aloud, gives its lines to the fields.
SHORT = 900
NAV_HEIGHT_SHORT = 64


def main_button(ctx: UiContext, label: str, icon: str, hint: str) -> SpokenButton:
    """The one action a screen leads to, white on blue (the tiles' colours, 11:1)."""
    button = SpokenButton(ctx, label, icon, role="tile", hint=hint, icon_size=48)
    button.setStyleSheet(
        f"QPushButton {{ color: {theme.PAPER}; background: {theme.BLUE}; font-weight: bold;"
        f" border: 4px solid {theme.BLUE}; }} QPushButton:pressed {{ background: #002548; }}"
        f' QPushButton[armed="true"] {{ border: 6px solid {theme.FOCUS}; }}'
    )
    return button


# Back and Skip are wide enough to find with a finger, no wider; Next, the way on, is wider.
NAV_WIDTHS = (160, 160, 240)


def step_buttons(
    ctx: UiContext, next_label: str = N_("Next")
) -> tuple[SpokenButton, SpokenButton, SpokenButton]:
    """Back, Skip and Next of a question (the CV's, the orientation's)."""
    back = SpokenButton(ctx, N_("Back"), "mdi6.arrow-left", hint=N_("The question before."))
    skip = SpokenButton(
        ctx, N_("Skip"), "mdi6.debug-step-over", hint=N_("Leave this question empty.")
    )
    next_ = main_button(ctx, next_label, "mdi6.arrow-right", N_("Save and go on."))
    for button, width in zip((back, skip, next_), NAV_WIDTHS, strict=True):
        button.setMinimumSize(width, NAV_HEIGHT)
    return back, skip, next_


def set_arrows(back: SpokenButton, next_: SpokenButton) -> None:
    # Named left to right: ui.icons mirrors them for Arabic and Persian when drawn.
    next_.setIcon(icon("mdi6.arrow-right", "tile"))
    back.setIcon(icon("mdi6.arrow-left"))


def nav_row(
    start: Sequence[QWidget], middle: QWidget | None = None, end: Sequence[QWidget] = ()
) -> QHBoxLayout:
    """The row of buttons kept in view at the bottom of a screen, under what scrolls: `start`
    at the reading side, `middle` (the progress) centred, `end` at the far side."""
    nav = QHBoxLayout()
    # Narrow margins: in large text Romanian's Back, Skip and "See my jobs" need the room.
    nav.setSpacing(16)
    nav.setContentsMargins(24, 8, 24, 12)
    for widget in start:
        nav.addWidget(widget)
    nav.addStretch(1)
    if middle is not None:
        nav.addWidget(middle)
        nav.addStretch(1)
    for widget in end:
        nav.addWidget(widget)
    return nav


class StepScreen(Screen):
    """Subclasses set EXAMPLE, and override `load` (CV -> widgets) and `collect`
    (widgets -> CV, raising FieldError); `collect(strict=False)` keeps what is valid."""

    EXAMPLE = ""
    SKIPPABLE = True
    KEYBOARD = False
    # False where the answer is mostly touched (chips): the keyboard comes when a box is
    # touched, so the choices have the room.
    KEYBOARD_AT_ONCE = True

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state: CvState = state_for(ctx)
        self.fields: dict[str, Field] = {}
        self._leaving = False
        self.layout_.setSpacing(10)
        self.layout_.setContentsMargins(48, 12, 48, 12)
        # Wraps rather than widen the row of Back, Skip and Next beyond a 1280 px screen.
        self.progress = TLabel(ctx, lambda: self.progress_text(), role="body")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.example = TLabel(ctx, lambda: self.example_text())
        self.example.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.example.setVisible(bool(self.EXAMPLE))
        self.layout_.addWidget(self.example)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        self.layout_.addLayout(self.body, 1)
        self.error = TLabel(ctx, blank, role="alert")
        self.error.hide()
        self.layout_.addWidget(self.error)
        # The keyboard and Back / Skip / Next stay in view at the bottom; only the question
        # above them scrolls when a small screen or large text makes it taller than the room.
        outer = self.layout()
        screen_scroll = getattr(self, "scroll", None)
        if isinstance(screen_scroll, KineticScrollArea):
            taps_at_once(screen_scroll)  # the question scrolls; Search or a chip still answer
            # The question gives way, never the keyboard: a squeezed keypad loses its keys.
            screen_scroll.setMinimumHeight(120)
        self._short: bool | None = None
        fixed = outer if isinstance(outer, QVBoxLayout) and outer is not self.layout_ else None
        self.keyboard: OnScreenKeyboard | None = None
        if self.KEYBOARD:
            self.keyboard = OnScreenKeyboard(speak=ctx.say)
            self.keyboard.setMinimumHeight(300)
            self.keyboard.submitted.connect(self.submit_field)
            (fixed or self.layout_).addWidget(self.keyboard)
            ctx.language_changed.connect(self._retranslate_keyboard)
        self.back, self.skip, self.next = step_buttons(ctx)
        # The words set the width beyond these (large text too).
        self._nav_widths = tuple(zip((self.back, self.skip, self.next), NAV_WIDTHS, strict=True))
        self.nav = nav = nav_row([self.back], self.progress, [self.skip, self.next])
        self.skip.setVisible(self.SKIPPABLE)
        self.back.clicked.connect(self.go_back)
        self.skip.clicked.connect(self.go_skip)
        self.next.clicked.connect(self.go_next)
        if fixed is not None:
            fixed.addLayout(nav)
        else:
            nav.setContentsMargins(0, 0, 0, 0)  # inside the screen's own margins
            self.layout_.addLayout(nav)
        ctx.language_changed.connect(self._arrows)
        self._arrows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        short = event.size().height() < SHORT
        if short != self._short:
            self._short = short
            for button, width in self._nav_widths:
                button.setMinimumSize(width, NAV_HEIGHT_SHORT if short else NAV_HEIGHT)
            if self.nav.contentsMargins().left() == 48:
                self.nav.setContentsMargins(48, 4 if short else 8, 48, 4 if short else 12)
            self._compact()
        super().resizeEvent(event)

    def _compact(self) -> None:
        """On a short window, a screen of several fields shows them rather than the
        instruction, which is said when the screen opens and by Repeat."""
        several = bool(self._short) and len(self.fields) > 1
        self.instruction.setVisible(not several)
        for field in self.fields.values():
            field.set_compact(several)

    def _retranslate_keyboard(self, *_args: object) -> None:
        if self.keyboard is not None:
            self.keyboard.retranslate()

    def _arrows(self, *_args: object) -> None:
        set_arrows(self.back, self.next)

    # --- texts -------------------------------------------------------------------------------

    def progress_text(self) -> str:
        if self.NAME not in STEPS[:QUESTIONS]:
            return ""
        return _(QUESTION_OF).format(n=step_number(self.NAME), total=QUESTIONS)

    def example_text(self) -> str:
        return isolate_ltr(_(EXAMPLE).format(example=_(self.EXAMPLE))) if self.EXAMPLE else ""

    def spoken_intro(self) -> str:
        parts = (self.title_text(), self.instruction_text(), self.example_text())
        return " ".join(p for p in parts if p)

    # --- fields and the keyboard -------------------------------------------------------------

    def register(self, key: str, field: Field) -> Field:
        """A field the keyboard can type into; `key` ends the core's field path ("email")."""
        self.fields[key] = field
        field.touched.connect(self.target)
        return field

    def add_field(self, key: str, field: Field) -> Field:
        self.body.addWidget(self.register(key, field))
        return field

    def target(self, field: Field) -> None:
        """The keyboard types into `field`; a secret field is never read aloud."""
        if self.keyboard is None:
            return
        self._aim(field)
        self.ctx.say(field.caption_text())

    def _aim(self, field: Field) -> None:
        """The keyboard types into `field`, on its digits for a code or a phone number."""
        if self.keyboard is None:
            return
        self.keyboard.show()
        self.keyboard.set_target(field.edit)
        self.keyboard.set_secret(field.secret)
        scroll = getattr(self, "scroll", None)
        if scroll is not None:
            scroll.ensureWidgetVisible(field)
        if field.digits:
            self.keyboard.set_layout("keypad")  # big digits for a phone number or a code
        elif self.keyboard.layout() in ("123", "keypad"):
            self.keyboard.set_language(self.ctx.language)
        field.edit.setFocus()

    def submit_field(self) -> None:
        """The keyboard's OK: on to the next field, or Next after the last one."""
        keys = list(self.fields)
        current = self.keyboard.target() if self.keyboard else None
        for i, key in enumerate(keys):
            if self.fields[key].edit is current and i + 1 < len(keys):
                self.target(self.fields[keys[i + 1]])
                return
        self.go_next()

    # --- the CV ------------------------------------------------------------------------------

    def load(self, cv: CV) -> None:
        """Fill the widgets from the CV."""

    def collect(self, cv: CV, strict: bool = True) -> CV:
        """The CV with this screen's answers; raises FieldError when `strict`."""
        return cv

    def next_screen(self) -> str:
        return next_step(self.NAME)

    def back_screen(self) -> str:
        return previous_step(self.NAME)

    # --- showing and leaving -----------------------------------------------------------------

    def shown(self) -> None:
        self.state.fresh()
        self._leaving = False
        self.clear_errors()
        self.load(self.state.cv)
        if self.keyboard is not None:
            self.keyboard.set_language(self.ctx.language)
            first = next(iter(self.fields.values()), None)
            if first is not None and self.KEYBOARD_AT_ONCE:
                self._aim(first)
            else:
                self.keyboard.set_target(None)
                self.keyboard.hide()

    def forget_person(self) -> None:
        """The session has ended: no field or list of this screen keeps what was typed."""
        self._leaving = True  # hiding now must not save into the next session
        self.clear_errors()
        for field in self.fields.values():
            field.set_text("")
        self.load(CV())
        if self.keyboard is not None:
            self.keyboard.hide_code()
            self.keyboard.set_target(None)

    def clear_errors(self) -> None:
        self.error.hide()
        for field in self.fields.values():
            field.set_error(None)

    def show_problem(self, exc: UserError) -> None:
        """Show the explanation next to its field (or under the question) and say it."""
        message = explain(exc).user
        where = getattr(exc, "field", "")
        field = self.field_for(where)
        if field is not None:
            field.set_error(message)
            if self.keyboard is not None:
                self.keyboard.set_target(field.edit)
                self.keyboard.set_secret(field.secret)
        else:
            self.error.set_source(lambda: isolate_ltr(message))
            self.error.show()
        self.ctx.say(message)

    def field_for(self, where: str) -> Field | None:
        for key, field in self.fields.items():
            if where == key or where.endswith("." + key):
                return field
        return None

    def commit(self, strict: bool = True) -> bool:
        """Check and autosave this screen's answers; False (and a spoken explanation) if not."""
        self.clear_errors()
        try:
            cv = self.collect(self.state.cv, strict)
            self.state.save(cv)
        except FieldError as exc:
            if strict:
                self.show_problem(exc)
            return False
        except UserError as exc:
            self.show_problem(exc)
            return False
        return True

    def leave(self, name: str) -> None:
        self._leaving = True
        self.navigate.emit(name)

    def go_next(self) -> None:
        if self.commit():
            self.leave(self.next_screen())

    def go_back(self) -> None:
        self.commit(strict=False)
        self.leave(self.back_screen())

    def go_skip(self) -> None:
        self.leave(self.next_screen())

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving by the bar (Home) or the inactivity warning: keep what is already right.
        if not self._leaving and self.ctx.kiosk.sessions.current is not None:
            self.commit(strict=False)
        self._leaving = True
        super().hideEvent(event)
