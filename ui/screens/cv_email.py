"""Make my CV: send it to my e-mail. Queued in the outbox; it leaves when the kiosk is online."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.cv.model import CV
from kiosk.cv.validation import FieldError, clean_email
from kiosk.errors import Explained
from kiosk.i18n import N_, _
from kiosk.sync import outbox
from ui.context import UiContext
from ui.cv import blank, output
from ui.cv.fields import Field
from ui.cv.step import StepScreen, main_button
from ui.widgets.spoken import TLabel

NO_ADDRESS = N_("Please write your e-mail address, like marie.dupont@gmail.com.")
QUEUED = N_("Your CV will be sent to {email}. It will be sent as soon as the kiosk is online.")
QUEUED_SPOKEN = N_("Done. It will be sent as soon as the kiosk is online.")
SUBJECT = N_("Your CV")
BODY = N_(
    "Hello,\n\nHere is the CV you made at the France Travail kiosk. It is attached to this "
    "e-mail as a PDF file.\n\nGood luck!"
)


class CvEmailScreen(StepScreen):
    NAME = "cv_email"
    TITLE = N_("Send to my e-mail")
    INSTRUCTION = N_("Check your e-mail address, then touch Send.")
    PICTOGRAM = "mdi6.email-fast"
    KEYBOARD = True
    SKIPPABLE = False

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.address = self.add_field(
            "email", Field(ctx, N_("Your e-mail address"), N_("marie.dupont@gmail.com"))
        )
        self.sent = TLabel(ctx, blank)
        self.body.addWidget(self.sent)
        self.body.addStretch(1)
        self.next.hide()
        self.send = main_button(ctx, N_("Send"), "mdi6.send", N_("Send the CV to this address."))
        self.send.setMinimumSize(360, 96)
        self.send.clicked.connect(self.go_next)
        self.nav.addWidget(self.send)
        self._busy = False

    def load(self, cv: CV) -> None:
        self.address.set_text(cv.identity.email)
        self.sent.set_source(blank)

    def back_screen(self) -> str:
        return "cv_preview"

    def go_back(self) -> None:
        self.leave("cv_preview")

    def collect(self, cv: CV, strict: bool = True) -> CV:
        return cv  # the address is for this e-mail only: the CV is not changed

    def go_next(self) -> None:
        self.clear_errors()
        try:
            email = clean_email(self.address.text())
            if not email:
                raise FieldError("identity.email", NO_ADDRESS)
        except FieldError as exc:
            self.show_problem(exc)
            return
        if self._busy:
            return
        self._busy = True
        cv, template = self.state.cv, self.state.template
        self.ctx.tasks.run(
            lambda: output.attachment(cv, template),
            lambda attached: self._queue(email, attached),
            self._failed,
            context="cv e-mail",
        )

    def _queue(self, email: str, attached: dict[str, str]) -> None:
        self._busy = False
        outbox.enqueue(
            self.ctx.kiosk.store,
            "email",
            {"to": email, "subject": _(SUBJECT), "body": _(BODY), "attachments": [attached]},
        )
        self.sent.set_source(lambda: _(QUEUED).format(email=email))
        # The address is shown, not said: the loudspeaker is heard by the whole room.
        self.ctx.say(_(QUEUED_SPOKEN))

    def _failed(self, explained: Explained) -> None:
        self._busy = False
        self.error.set_source(lambda: explained.user)
        self.error.show()
        self.ctx.say(explained.user)
