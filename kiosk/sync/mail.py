"""E-mail delivery over SMTP, one connection per delivery pass.

The outbox key is the Message-ID (`<key@kiosk>`). A 5xx refusal is permanent (retrying the
same message cannot help): the item goes straight to staff.

A person's CV must arrive once. When the whole message was sent (DATA, the text, the final
dot) but the server's answer never came (connection lost, deadline), the server may well
have kept it: SMTP offers no way to ask, and resending is what used to deliver it twice. Such
an item is *uncertain*: it is not resent automatically but waits for staff, who can check
with the person (or the mail server's log, by Message-ID) and press retry only if it did not
arrive. The trade-off: in the rarer case where the server dropped the message after reading
it, the e-mail waits for staff instead of going again by itself. A failure before the final
dot was sent is not uncertain (the server cannot have accepted the message) and is retried.

smtplib's timeout bounds each socket operation, not the exchange: a `Deadline`
(kiosk.sync.http) bounds the opening (banner, EHLO, STARTTLS, login) and each message.
"""

from __future__ import annotations

import base64
import binascii
import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any

from kiosk.config import Config
from kiosk.sync.http import Deadline, DeadlineExceeded, watch
from kiosk.sync.privacy import redact

# Banner, EHLO, STARTTLS and login: a few round trips.
CONNECT_DEADLINE = 60.0
# One message with its CV attached (a few hundred kilobytes) and the server's answer.
MESSAGE_DEADLINE = 120.0
QUIT_DEADLINE = 10.0


class DeliveryError(Exception):
    """One message was not delivered. `permanent`: do not retry; `connect`: the server is
    unreachable, so the other messages of this pass would fail the same way; `uncertain`: the
    server may have kept it (its answer was lost), so it is not resent without staff."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        connect: bool = False,
        uncertain: bool = False,
    ) -> None:
        super().__init__(redact(message))
        self.permanent, self.connect, self.uncertain = permanent, connect, uncertain


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    username: str = ""
    password: str = ""
    sender: str = ""
    timeout: float = 30.0  # each socket operation
    connect_deadline: float = CONNECT_DEADLINE
    message_deadline: float = MESSAGE_DEADLINE

    @classmethod
    def from_config(cls, config: Config) -> SmtpSettings | None:
        host = config.get_str("smtp.host")
        if not host:
            return None
        return cls(
            host=host,
            port=config.get_int("smtp.port"),
            starttls=config.get_bool("smtp.starttls"),
            username=config.get_str("smtp.username"),
            password=config.get_str("smtp.password"),
            sender=config.get_str("smtp.sender"),
        )


def message_id(key: str) -> str:
    return f"<{key}@kiosk>"


def build_message(key: str, payload: Mapping[str, Any], sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = payload["to"]
    message["Subject"] = payload["subject"]
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id(key)
    message.set_content(payload["body"])
    for attachment in payload.get("attachments", []):
        maintype, _, subtype = attachment["content_type"].partition("/")
        try:
            data = base64.b64decode(attachment["data_b64"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise DeliveryError("an attachment is not valid base64", permanent=True) from exc
        message.add_attachment(
            data,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment["filename"],
        )
    return message


class BoundedSMTP(smtplib.SMTP):
    """smtplib.SMTP whose socket a `Deadline` can interrupt from the first byte of the banner,
    and which knows whether the last message's text went out in full."""

    body_sent = False  # the message and its final dot were handed to the network
    _in_data = False

    def _get_socket(self, host: str, port: int, timeout: float) -> Any:
        sock = super()._get_socket(host, port, timeout)  # type: ignore[misc]
        watch(sock)
        return sock

    def data(self, msg: Any) -> tuple[int, bytes]:
        self.body_sent, self._in_data = False, True
        try:
            return super().data(msg)
        finally:
            self._in_data = False

    def send(self, s: Any) -> None:
        super().send(s)
        # In DATA, the one bytes payload is the message ending with the dot (commands are str).
        if self._in_data and isinstance(s, bytes):
            self.body_sent = True


class Mailer:
    def __init__(
        self, settings: SmtpSettings, smtp_factory: Callable[..., smtplib.SMTP] = BoundedSMTP
    ) -> None:
        self.settings, self.smtp_factory = settings, smtp_factory
        self._smtp: smtplib.SMTP | None = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        s = self.settings
        # A socket shut down by the deadline can end a reply in the middle of its line, which
        # smtplib reads as a whole reply: past the deadline, no answer is believed.
        with Deadline(s.connect_deadline) as deadline:
            try:
                smtp = self.smtp_factory(s.host, s.port, timeout=s.timeout)
            except (OSError, smtplib.SMTPException) as exc:
                why = _slow(deadline) or str(exc)
                raise DeliveryError(f"cannot reach the SMTP server: {why}", connect=True) from exc
            deadline.watch(smtp.sock)
            try:
                smtp.ehlo()
                if s.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
                if s.username:
                    smtp.login(s.username, s.password)
                deadline.check("opening the SMTP session")
            except (OSError, smtplib.SMTPException, DeadlineExceeded) as exc:
                smtp.close()
                why = _slow(deadline) or str(exc)
                raise DeliveryError(f"SMTP session could not start: {why}", connect=True) from exc
        self._smtp = smtp
        return smtp

    def send(self, key: str, payload: Mapping[str, Any]) -> None:
        message = build_message(key, payload, self.settings.sender)
        smtp = self._connection()
        with Deadline(self.settings.message_deadline) as deadline:
            deadline.watch(smtp.sock)
            try:
                refused = smtp.send_message(
                    message, from_addr=self.settings.sender, to_addrs=[payload["to"]]
                )
                deadline.check("sending one e-mail")
            except smtplib.SMTPRecipientsRefused as exc:
                if deadline.expired:
                    raise self._lost(smtp, deadline, exc) from exc
                codes = [code for code, _ in exc.recipients.values()]
                raise DeliveryError(
                    f"recipient refused ({codes})", permanent=all(c >= 500 for c in codes)
                ) from exc
            except smtplib.SMTPResponseException as exc:
                if deadline.expired:
                    raise self._lost(smtp, deadline, exc) from exc
                # The server answered: whatever it said, it did not take the message.
                self.close()
                raise DeliveryError(
                    f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", permanent=exc.smtp_code >= 500
                ) from exc
            except (OSError, smtplib.SMTPException, DeadlineExceeded) as exc:
                raise self._lost(smtp, deadline, exc) from exc
        if refused:
            raise DeliveryError("recipient refused", permanent=True)

    def _lost(self, smtp: smtplib.SMTP, deadline: Deadline, exc: Exception) -> DeliveryError:
        """The connection broke, or the deadline cut it, before the server's last word."""
        self.close()
        why = _slow(deadline) or f"connection lost ({type(exc).__name__})"
        if getattr(smtp, "body_sent", False):
            return DeliveryError(
                f"SMTP {why} after the whole e-mail was sent: it may have arrived. "
                "Not sent again automatically: retry only if it did not",
                uncertain=True,
            )
        return DeliveryError(f"SMTP {why}")

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        with Deadline(QUIT_DEADLINE) as deadline:
            deadline.watch(smtp.sock)
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()


def _slow(deadline: Deadline) -> str | None:
    """Why the exchange stopped, when it was the deadline (the server may be trickling)."""
    return f"no answer within {deadline.seconds:g} s" if deadline.expired else None
