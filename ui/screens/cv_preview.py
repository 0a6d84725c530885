"""Make my CV: the page as it will be printed, the model and language to print it in, and
the ways to leave with it (print, USB stick, e-mail) or keep it for next time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.cv.model import CV
from kiosk.cv.printed import printable
from kiosk.cv.templates import TEMPLATES
from kiosk.errors import Explained
from kiosk.i18n import LANGUAGES, N_, _
from kiosk.staff import counters
from ui.context import UiContext
from ui.cv import blank, output
from ui.cv.chips import ChipGrid
from ui.cv.flowlayout import FlowLayout
from ui.cv.scroll import taps_at_once
from ui.cv.state import state_for
from ui.cv.summary import spoken_summary
from ui.cv_pdf import DENSITIES, RenderResult, render_preview
from ui.cv_pdf import html as cv_html
from ui.screens.base import Screen
from ui.widgets.scroll import KineticScrollArea
from ui.widgets.spoken import SpokenButton, TLabel

PREVIEW_WIDTH = 500
ACTION_HEIGHT = 72
# Below this window height the instruction, said when the screen opens, gives its line to
# the page and the buttons.
SHORT = 900
PRINTING = N_("Your CV is printing. Please take it from the printer.")
SAVED = N_("Your CV is on your USB stick. You can take the stick out now.")
PREPARING = N_("Please wait a moment.")


def preview_text(cv: CV) -> str:
    """The words on the page, in reading order: the preview's accessible description, so a
    person who cannot see the picture can have it read (and a test can check what it shows)."""
    doc = QTextDocument()
    doc.setHtml(cv_html.classic(printable(cv, cv.language), DENSITIES[0]))
    return doc.toPlainText().strip()


def _render(cv: CV, width: int, template: str) -> tuple[QImage, RenderResult, str]:
    image, result = render_preview(cv, width, template)
    return image, result, preview_text(cv)


class PageLabel(QLabel):
    """The rendered page, scaled down to the room the screen gives it (a 1280x800 screen or
    large text leaves less), never asking for more."""

    def __init__(self) -> None:
        super().__init__()
        self._image: QImage | None = None
        self.setMinimumSize(200, 280)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_image(self, image: QImage | None) -> None:
        self._image = image
        self._scale()

    def _scale(self) -> None:
        if self._image is None or self._image.isNull():
            self.clear()
            return
        size = self.size().boundedTo(self._image.size())
        scaled = self._image.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale()


class CvPreviewScreen(Screen):
    NAME = "cv_preview"
    TITLE = N_("Your CV")
    INSTRUCTION = N_("Here is your CV. Choose a model, then print it or take it with you.")
    PICTOGRAM = "mdi6.file-document"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        if isinstance(getattr(self, "scroll", None), KineticScrollArea):
            taps_at_once(self.scroll)  # a tap acts at once even where the screen scrolls
        self.state = state_for(ctx)
        self._generation = 0
        self._busy = False
        self.result: RenderResult | None = None
        middle = QHBoxLayout()
        middle.setSpacing(32)
        self.page = PageLabel()
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page.setAccessibleName(_("Your CV"))
        middle.addWidget(self.page, 2)
        side = QVBoxLayout()
        side.setSpacing(12)
        # The models describe themselves ("Classic: one column..."): no heading above them.
        self.templates = ChipGrid(ctx, exclusive=True)
        self.templates.set_options([(t.name, t.description) for t in TEMPLATES])
        self.templates.toggled.connect(self._template)
        side.addWidget(self.templates)
        side.addWidget(TLabel(ctx, N_("Language of the CV")))
        # Every language the agency offers: the CV prints in each (kiosk.cv.printed).
        self.languages = ChipGrid(ctx, exclusive=True)
        self._offer_languages()
        ctx.config_changed.connect(lambda _c: self._offer_languages())
        self.languages.toggled.connect(self._language)
        side.addWidget(self.languages)
        self.fit = TLabel(ctx, blank, role="alert")
        self.fit.hide()
        side.addWidget(self.fit)
        self.message = TLabel(ctx, blank, role="status")
        side.addWidget(self.message)
        side.addStretch(1)
        middle.addLayout(side, 3)
        self.layout_.addLayout(middle, 1)
        # The ways to leave with the CV flow like words across the whole width, under the
        # page: three a line on a 1280 px screen, so all of them are in view at once.
        actions_box = QWidget()
        actions = FlowLayout(actions_box, spacing=16)

        def action(label: str, icon: str, hint: str) -> SpokenButton:
            button = SpokenButton(ctx, label, icon, hint=hint, icon_size=40)
            button.setMinimumHeight(ACTION_HEIGHT)
            actions.addWidget(button)
            return button

        self.print_ = action(N_("Print"), "mdi6.printer", N_("Print your CV on paper."))
        self.usb = action(
            N_("Save to a USB stick"), "mdi6.usb-flash-drive", N_("Put your stick in first.")
        )
        self.email = action(
            N_("Send to my e-mail"), "mdi6.email-fast", N_("Receive your CV by e-mail.")
        )
        self.keep = action(
            N_("Keep my CV for next time"),
            "mdi6.lock",
            N_("Protect it with your first name and a secret code."),
        )
        self.change = action(
            N_("Change my answers"), "mdi6.pencil", N_("Go back to the questions.")
        )
        self.delete = action(
            N_("Delete my data"), "mdi6.delete-forever", N_("Delete your kept CV now.")
        )
        self.layout_.addWidget(actions_box)
        self.print_.clicked.connect(self.print_cv)
        self.usb.clicked.connect(self.save_to_stick)
        self.email.clicked.connect(lambda: self.navigate.emit("cv_email"))
        # Offered only where an e-mail can really leave this kiosk (an SMTP server).
        self.email.setVisible(ctx.can_send("email"))
        ctx.config_changed.connect(lambda _c: self.email.setVisible(ctx.can_send("email")))
        self.keep.clicked.connect(lambda: self.navigate.emit("cv_keep"))
        self.change.clicked.connect(lambda: self.navigate.emit("cv_identity"))
        self.delete.clicked.connect(lambda: self.navigate.emit("cv_delete"))

    def _offer_languages(self) -> None:
        codes = [c for c in self.ctx.enabled_languages() if c in LANGUAGES] or ["fr"]
        if self.state.cv.language in LANGUAGES and self.state.cv.language not in codes:
            codes.append(self.state.cv.language)  # a CV found again keeps its language
        self.languages.set_options([(c, lambda n=LANGUAGES[c].native_name: n) for c in codes])
        self.languages.set_selected([self.state.cv.language])

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.instruction.setVisible(event.size().height() >= SHORT)
        super().resizeEvent(event)

    # --- what is said ------------------------------------------------------------------------

    def spoken_intro(self) -> str:
        parts = [super().spoken_intro(), spoken_summary(self.state.cv)]
        if self.result is not None and not self.result.fits:
            parts.append(self.result.explain())
        return " ".join(p for p in parts if p)

    # --- the preview, rendered off the UI thread ----------------------------------------------

    def shown(self) -> None:
        self.state.fresh()
        cv = self.state.cv
        self.templates.set_selected([self.state.template])
        if cv.language not in self.languages.chips:
            self._offer_languages()
        self.languages.set_selected([cv.language])
        # On a disk that refuses writes nothing is offered that would live only in memory.
        self.keep.setVisible(self.state.space_id is None and self.ctx.can_keep())
        self.email.setVisible(self.ctx.can_send("email"))
        self.delete.setVisible(self.state.space_id is not None)
        self.message.set_source(blank)
        self.clear_page()  # never the previous person's CV, not even while this one renders
        self.refresh()

    def clear_page(self) -> None:
        """An empty page: at once when shown, and when a render fails."""
        self.page.set_image(None)
        self.page.setAccessibleDescription("")
        self.result = None
        self.fit.set_source(blank)
        self.fit.hide()

    def forget_person(self) -> None:
        """The session has ended: nothing of this person's CV stays in the screen."""
        self._generation += 1  # a render still running is for nobody now
        self.clear_page()
        self.message.set_source(blank)

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        cv, template = self.state.cv, self.state.template
        width = PREVIEW_WIDTH
        self.ctx.tasks.run(
            lambda: _render(cv, width, template),
            lambda done: self._rendered(generation, done),
            lambda explained: self._render_failed(generation, explained),
            context="cv preview",
        )

    def _rendered(self, generation: int, done: tuple[QImage, RenderResult, str]) -> None:
        if generation != self._generation:
            return  # the person changed the model meanwhile: a newer one is coming
        image, result, text = done
        self.result = result
        self.page.set_image(image)
        self.page.setAccessibleDescription(text)
        self.fit.set_source(lambda: result.explain())
        self.fit.setVisible(not result.fits)
        if not result.fits:
            self.ctx.say(result.explain())

    def _render_failed(self, generation: int, explained: Explained) -> None:
        if generation != self._generation:
            return
        self.clear_page()  # an older page would pass for this CV
        self._result(explained.user, "error")

    def _template(self, name: str, on: bool) -> None:
        if on and name != self.state.template:
            self.state.template = name
            self.refresh()

    def _language(self, code: str, on: bool) -> None:
        if on and code != self.state.cv.language:
            self.state.save(self.state.cv.replace(language=code))
            self.refresh()

    # --- leaving with it -----------------------------------------------------------------------

    def _start(self) -> bool:
        if self._busy:
            return False
        self._busy = True
        self._tell(_(PREPARING))
        return True

    def _tell(self, text: str, *, alert: bool = False) -> None:
        """What is happening now ("Please wait"), next to the buttons, and said."""
        self.message.set_source(lambda: text)
        self.message.setProperty("role", "alert" if alert else "status")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))
        self.ctx.say(text)

    def _result(self, text: str, kind: str) -> None:
        """A result, seen in the window's message area as well as heard."""
        self.message.set_source(blank)
        self.message.hide()
        self.ctx.show_result(text, kind)

    def _failed(self, explained: Explained) -> None:
        self._busy = False
        self._result(explained.user, "error")

    def _done(self, message: str) -> None:
        self.ctx.count(counters.CVS_MADE)
        self._busy = False
        self._result(_(message), "success")

    def print_cv(self) -> None:
        if not self._start():
            return
        cv, template = self.state.cv, self.state.template
        name = self.ctx.config.get_str("printer.name")
        self.ctx.tasks.run(
            lambda: output.print_cv(cv, template, name),
            lambda _r: self._done(PRINTING),
            self._failed,
            context="cv print",
        )

    def save_to_stick(self) -> None:
        if not self._start():
            return
        cv, template = self.state.cv, self.state.template
        self.ctx.tasks.run(
            lambda: output.save_to_stick(cv, template),
            lambda _p: self._done(SAVED),
            self._failed,
            context="cv usb",
        )
