"""E-mail delivery over SMTP, one connection per delivery pass.

The outbox key is the Message-ID (`<key@kiosk>`): when the connection drops after the server
took the message but before we heard so, the retry carries the same Message-ID and the
duplicate is recognisable (mail systems and people can drop it). A 5xx refusal is permanent
(retrying the same message cannot help): the item goes straight to staff.
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
from kiosk.sync.privacy import redact


class DeliveryError(Exception):
    """One message was not delivered. `permanent`: do not retry; `connect`: the server is
    unreachable, so the other messages of this pass would fail the same way."""

    def __init__(self, message: str, *, permanent: bool = False, connect: bool = False) -> None:
        super().__init__(redact(message))
        self.permanent, self.connect = permanent, connect


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    username: str = ""
    password: str = ""
    sender: str = ""
    timeout: float = 30.0

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


class Mailer:
    def __init__(
        self, settings: SmtpSettings, smtp_factory: Callable[..., smtplib.SMTP] = smtplib.SMTP
    ) -> None:
        self.settings, self.smtp_factory = settings, smtp_factory
        self._smtp: smtplib.SMTP | None = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        s = self.settings
        try:
            smtp = self.smtp_factory(s.host, s.port, timeout=s.timeout)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"cannot reach the SMTP server: {exc}", connect=True) from exc
        try:
            smtp.ehlo()
            if s.starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if s.username:
                smtp.login(s.username, s.password)
        except (OSError, smtplib.SMTPException) as exc:
            smtp.close()
            raise DeliveryError(f"SMTP session could not start: {exc}", connect=True) from exc
        self._smtp = smtp
        return smtp

    def send(self, key: str, payload: Mapping[str, Any]) -> None:
        message = build_message(key, payload, self.settings.sender)
        smtp = self._connection()
        try:
            refused = smtp.send_message(
                message, from_addr=self.settings.sender, to_addrs=[payload["to"]]
            )
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(
                f"recipient refused ({codes})", permanent=all(c >= 500 for c in codes)
            ) from exc
        except smtplib.SMTPResponseException as exc:
            self.close()
            raise DeliveryError(
                f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", permanent=exc.smtp_code >= 500
            ) from exc
        except (OSError, smtplib.SMTPException) as exc:
            # Possibly delivered: the retry carries the same Message-ID.
            self.close()
            raise DeliveryError(f"SMTP connection lost: {type(exc).__name__}") from exc
        if refused:
            raise DeliveryError("recipient refused", permanent=True)

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
