"""Controls that speak: touch and hold says the name; in listen-first mode tap once to hear,
tap again to act. Their label is an English message id, translated live.

A control whose words are not all in the person's language (an offer's French title on an
Arabic card) is given spoken parts: each part is read by the voice of its own language, in
order, as one utterance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QToolButton, QWidget

from kiosk.i18n import _
from ui.context import UiContext

Text = str | Callable[[], str]  # a message id, or a function giving the translated text
MESSAGE_ROLES = ("alert", "status", "demo")  # coloured strips that must never show empty
# Words and the language whose voice reads them; None is the person's language.
Part = tuple[str, str | None]
_SENTENCE_MARKS = (".", "!", "?", "…", "؟", ":")


def _render(text: Text) -> str:
    return text() if callable(text) else _(text)


class TouchGuard(QObject):
    """Event filter shared by all spoken buttons: hold-to-speak and listen-first."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._held)
        self._pressed: QAbstractButton | None = None
        self._spoke_on_hold = False

    def _held(self) -> None:
        if self._pressed is not None:
            self._spoke_on_hold = True
            self.ctx.say_parts(spoken_parts(self._pressed))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not isinstance(obj, QAbstractButton) or not obj.isEnabled():
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._pressed, self._spoke_on_hold = obj, False
            self._timer.start(self.ctx.hold_ms)
        elif kind == QEvent.Type.MouseButtonRelease:
            self._timer.stop()
            self._pressed = None
            if self._spoke_on_hold:
                obj.setDown(False)
                return True  # a hold only speaks; it never acts
            if self.ctx.listen_first and self.ctx.armed is not obj:
                obj.setDown(False)
                self.ctx.arm(obj)
                self.ctx.say_parts(spoken_parts(obj))
                return True
            self.ctx.disarm()
            self.ctx.speaker.stop()  # the person acts: speech about the old state stops
        return False


def speech_language(widget: QWidget) -> str | None:
    """A control may speak in its own language (the welcome screen's language buttons)."""
    value = widget.property("speech_language")
    return str(value) if value else None


def spoken_text(widget: QWidget) -> str:
    name = widget.accessibleName()
    hint = widget.accessibleDescription()
    return f"{name}. {hint}" if hint else name


def spoken_parts(widget: QWidget) -> list[Part]:
    """What touching and holding ``widget`` says, part by part: the parts it was given
    (`set_spoken_parts`), else its name and hint in its own speech language."""
    parts = getattr(widget, "_kiosk_parts", None)
    if callable(parts):
        return list(parts())
    return [(spoken_text(widget), speech_language(widget))]


def in_sentences(lines: Sequence[Sequence[Part]], language: str) -> list[tuple[str, str]]:
    """Lines (each one or more parts; None is ``language``, the person's) as one utterance:
    each line ends a sentence, and parts of one voice that follow each other are said in one
    go ("Lyon 03" inside "Lyon 03, 12 km away" stays one line, read by two voices)."""
    said: list[tuple[str, str]] = []
    for line in lines:
        for n, (text, own) in enumerate(p for p in line if p[0].strip()):
            text, language_ = text.strip(), own or language
            if said and said[-1][1] == language_:
                joint = " " if n or said[-1][0].endswith(_SENTENCE_MARKS) else ". "
                said[-1] = (said[-1][0] + joint + text, language_)
            else:
                said.append((text, language_))
    return said


def _guard(ctx: UiContext) -> TouchGuard:
    """One filter per context, made on first use."""
    guard = getattr(ctx, "_touch_guard", None)
    if guard is None:
        guard = TouchGuard(ctx)
        ctx._touch_guard = guard  # type: ignore[attr-defined]
    return guard


class _Spoken:
    """Shared set-up for both button kinds (composition through a helper, not a Qt mixin).

    The language listener is the button's own bound method: PySide6 drops a connection to a
    QObject's method when that object is destroyed. A closure would outlive the button (cards
    and chips are rebuilt on every search) and raise on the next language change.
    """

    @staticmethod
    def setup(
        button: SpokenButton | SpokenToolButton,
        ctx: UiContext,
        label: Text,
        icon: str | None,
        role: str,
        hint: Text | None,
    ) -> None:
        button.setProperty("role", role)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.installEventFilter(_guard(ctx))
        button._kiosk_state = {"label": label, "hint": hint, "icon": icon}
        ctx.language_changed.connect(button.retranslate)
        button.retranslate()
        if icon:
            from ui.icons import icon as make_icon

            button.setIcon(make_icon(icon, role))

    @staticmethod
    def retranslate(button: QAbstractButton, state: dict[str, Text | None]) -> None:
        text = _render(state["label"])  # type: ignore[arg-type]
        button.setText(text)
        button.setAccessibleName(text)
        hint = state["hint"]
        button.setAccessibleDescription(_render(hint) if hint else "")


class SpokenButton(QPushButton):
    def __init__(
        self,
        ctx: UiContext,
        label: Text,
        icon: str | None = None,
        role: str = "button",
        hint: Text | None = None,
        icon_size: int = 40,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setIconSize(QSize(icon_size, icon_size))
        _Spoken.setup(self, ctx, label, icon, role, hint)

    def retranslate(self, *_args: object) -> None:
        _Spoken.retranslate(self, self._kiosk_state)

    def _kiosk_retranslate(self) -> None:  # the name older callers use
        self.retranslate()

    def set_label(self, label: Text) -> None:
        self._kiosk_state["label"] = label
        self.retranslate()

    def set_spoken_parts(self, parts: Callable[[], Sequence[Part]] | None) -> None:
        """Say ``parts()`` on touch and hold (and in listen-first), each part in its own
        voice, instead of the name and hint in one voice. Asked at each touch, so the words
        follow the language of the moment."""
        self._kiosk_parts = parts


class SpokenToolButton(QToolButton):
    """Pictogram above the words: the bar's buttons and the big tiles."""

    def __init__(
        self,
        ctx: UiContext,
        label: Text,
        icon: str,
        role: str = "bar",
        hint: Text | None = None,
        checkable: bool = False,
        icon_size: int = 36,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setIconSize(QSize(icon_size, icon_size))
        self.setCheckable(checkable)
        _Spoken.setup(self, ctx, label, icon, role, hint)

    def retranslate(self, *_args: object) -> None:
        _Spoken.retranslate(self, self._kiosk_state)

    def _kiosk_retranslate(self) -> None:  # the name older callers use
        self.retranslate()

    def set_label(self, label: Text) -> None:
        self._kiosk_state["label"] = label
        self.retranslate()

    def set_spoken_parts(self, parts: Callable[[], Sequence[Part]] | None) -> None:
        """Say ``parts()`` on touch and hold (and in listen-first), each part in its own
        voice, instead of the name and hint in one voice. Asked at each touch, so the words
        follow the language of the moment."""
        self._kiosk_parts = parts


class TLabel(QLabel):
    """A label whose text is a message id (or a function), retranslated live.

    Plain text unless `rich`: a function's text often holds an offer's words or what a
    person typed, and Qt's rich text would act on markup in it (`<img src=file://…>` loads a
    local file). Only a caller that escapes every piece itself may ask for `rich`.
    """

    def __init__(
        self,
        ctx: UiContext,
        text: Text,
        role: str = "body",
        wrap: bool = True,
        parent: QWidget | None = None,
        *,
        rich: bool = False,
    ):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.setProperty("role", role)
        self.setWordWrap(wrap)
        self._text = text
        ctx.language_changed.connect(self.retranslate)
        self.retranslate()
        if role in MESSAGE_ROLES and not self.text().strip():
            self._hidden_empty = True
            self.hide()

    def set_source(self, text: Text) -> None:
        self._text = text
        self.retranslate()

    def setText(self, text: str) -> None:
        super().setText(text)
        # A coloured message strip with no words reads as an alarm with nothing to say: it
        # hides while empty and comes back with its next sentence.
        if self.property("role") in MESSAGE_ROLES:
            if not text.strip():
                if not self.isHidden():
                    self._hidden_empty = True
                    self.hide()
            elif getattr(self, "_hidden_empty", False):
                self._hidden_empty = False
                self.show()

    def retranslate(self, *_args: object) -> None:
        self.setText(_render(self._text))

    def spoken(self) -> str:
        return self.text()


__all__ = [
    "Part",
    "SpokenButton",
    "SpokenToolButton",
    "TLabel",
    "TouchGuard",
    "in_sentences",
    "spoken_parts",
    "spoken_text",
]
