"""Make my CV: send it to my e-mail.

Offered only where an e-mail can leave this kiosk. The e-mail goes into the outbox (kept until
the server acknowledges it) and the background delivery is woken at once; while the person is
still there the screen says whether it has left. A second tap sends nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QWidget

from kiosk.cv.model import CV
from kiosk.cv.validation import FieldError, clean_email
from kiosk.errors import Explained, explain
from kiosk.i18n import N_, _
from kiosk.staff import counters
from kiosk.sync import outbox
from ui.context import UiContext
from ui.cv import blank, output
from ui.cv.fields import Field
from ui.cv.step import StepScreen, main_button
from ui.widgets.spoken import TLabel

NO_ADDRESS = N_("Please write your e-mail address, like marie.dupont@gmail.com.")
SENDING = N_("Sending your CV to {email}…")
SENDING_SPOKEN = N_("Sending your CV.")
SENT = N_("Your CV was sent to {email}. Look in your e-mails.")
SENT_SPOKEN = N_("Done. Your CV was sent.")
LATER = N_(
    "The kiosk cannot send it right now. It will send it to {email} when the connection is "
    "back. You can go."
)
LATER_SPOKEN = N_("The kiosk will send it later. You can go.")
NO_ROUTE = N_("This kiosk cannot send e-mails. Please print your CV or ask a staff member.")
log = logging.getLogger(__name__)
CHECK_MS = 500  # how often the screen looks whether the e-mail has left
PATIENCE_MS = 30000  # then it says the e-mail will leave later, which the outbox ensures
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
        self.sent = TLabel(ctx, blank, role="status")  # hidden while empty
        self.body.addWidget(self.sent)
        self.body.addStretch(1)
        self.next.hide()
        self.send = main_button(ctx, N_("Send"), "mdi6.send", N_("Send the CV to this address."))
        self.send.setMinimumSize(360, 96)
        self.send.clicked.connect(self.go_next)
        self.nav.addWidget(self.send)
        self._busy = False
        self._sent_to: tuple[str, str] | None = None  # (address, CV) already queued
        self._key = ""
        self._email = ""
        self._waited_ms = 0
        self._check = QTimer(self)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self._check_sent)

    def load(self, cv: CV) -> None:
        self.address.set_text(cv.identity.email)
        self.sent.set_source(blank)
        self._check.stop()
        self._sent_to = None
        self.send.setEnabled(True)

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
        if not self.ctx.can_send("email"):
            self._tell(lambda: _(NO_ROUTE), _(NO_ROUTE))
            return
        cv, template = self.state.cv, self.state.template
        if self._sent_to == (email, repr(cv)):
            return  # a second tap: this CV is already on its way to this address
        self._busy = True
        self.ctx.tasks.run(
            lambda: output.attachment(cv, template),
            lambda attached: self._queue(email, attached),
            self._failed,
            context="cv e-mail",
        )

    def _queue(self, email: str, attached: dict[str, str]) -> None:
        self._busy = False
        try:
            self._key = outbox.enqueue(
                self.ctx.kiosk.store,
                "email",
                {"to": email, "subject": _(SUBJECT), "body": _(BODY), "attachments": [attached]},
            )
            counters.count(self.ctx.kiosk.store, counters.CVS_MADE)
        except Exception as exc:  # nothing is promised that was not kept
            self._failed(explain(exc, "cv e-mail queue"))
            return
        self._sent_to = (email, repr(self.state.cv))
        self._email = email
        self.send.setEnabled(False)
        self.ctx.queued.emit()
        # The address is shown, not said: the loudspeaker is heard by the whole room.
        self._tell(lambda: _(SENDING).format(email=email), _(SENDING_SPOKEN))
        self._waited_ms = 0
        self._check.start()

    def _check_sent(self) -> None:
        self._waited_ms += CHECK_MS
        try:
            row = self.ctx.kiosk.store.execute(
                "SELECT state FROM outbox WHERE key = ?", [self._key]
            ).fetchone()
        except Exception:
            log.exception("outbox could not be read")
            row = ("pending",)
        email = self._email
        if row is None:  # acknowledged by the server: it left the outbox
            self._check.stop()
            self._tell(lambda: _(SENT).format(email=email), _(SENT_SPOKEN))
        elif self._waited_ms >= PATIENCE_MS or row[0] != outbox.PENDING:
            self._check.stop()
            self._tell(lambda: _(LATER).format(email=email), _(LATER_SPOKEN))

    def _tell(self, shown: Callable[[], str], spoken: str) -> None:
        self.sent.set_source(shown)
        self.ctx.say(spoken)

    def hideEvent(self, event: QHideEvent) -> None:
        self._check.stop()  # the outbox still delivers it; this screen stops watching
        super().hideEvent(event)

    def _failed(self, explained: Explained) -> None:
        self._busy = False
        self.error.set_source(lambda: explained.user)
        self.error.show()
        self.ctx.say(explained.user)
