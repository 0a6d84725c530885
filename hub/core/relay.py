"""The e-mail relay: e-mails kiosks without SMTP handed over, sent by the hub's SMTP.

Received durably (encrypted) and deduplicated by the kiosk's outbox key, which stays the
Message-ID, so a kiosk retrying after a lost answer never makes a second e-mail. Sending
uses the kiosk's own SMTP code (kiosk.sync.mail) and its rules: a 5xx refusal, or a message
sent in full whose answer was lost, waits for staff instead of going again. Each item is
claimed with SKIP LOCKED and a lease, so any number of hub processes can run the relay; an
item whose lease ran out while `sending` (the process died mid-exchange) goes to staff as
"it may have arrived", never out again by itself.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import random
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from hub.core import crypto
from hub.core.models import Kiosk, RelayMail, Staff, audit
from kiosk.sync.backoff import Backoff
from kiosk.sync.mail import DeliveryError, Mailer, SmtpSettings

log = logging.getLogger(__name__)
LEASE = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 10
BACKOFF = Backoff(base=60.0, cap=6 * 3600.0)


def smtp_settings() -> SmtpSettings | None:
    host = os.environ.get("HUB_SMTP_HOST", "")
    if not host:
        return None
    return SmtpSettings(
        host=host,
        port=int(os.environ.get("HUB_SMTP_PORT", "587")),
        starttls=os.environ.get("HUB_SMTP_STARTTLS", "1") == "1",
        username=os.environ.get("HUB_SMTP_USERNAME", ""),
        password=os.environ.get("HUB_SMTP_PASSWORD", ""),
        sender=os.environ.get("HUB_SMTP_SENDER", ""),
    )


def accept(kiosk: Kiosk, key: str, message: dict[str, Any]) -> bool:
    """Store the e-mail once; True when it is new. Committed before the kiosk hears 'ok'."""
    text = json.dumps(message, ensure_ascii=False).encode()
    if RelayMail.objects.filter(kiosk=kiosk, key=key).exists():
        return False
    try:
        with transaction.atomic():
            mail = RelayMail.objects.create(kiosk=kiosk, key=key, size=len(text), payload=b"")
            mail.payload = crypto.seal(text, f"mail:{mail.pk}")
            mail.save(update_fields=["payload"])
    except IntegrityError:  # the same key from a retry racing the first request
        return False
    return True


def _claim(now: dt.datetime) -> RelayMail | None:
    with transaction.atomic():
        mail = (
            RelayMail.objects.select_for_update(skip_locked=True)
            .filter(state=RelayMail.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if mail is None:
            return None
        mail.state = RelayMail.SENDING
        mail.attempts += 1
        mail.next_attempt_at = now + LEASE
        mail.save(update_fields=["state", "attempts", "next_attempt_at"])
    return mail


def recover_stale(now: dt.datetime | None = None) -> int:
    """Items left `sending` by a process that died: to staff, as 'it may have arrived'."""
    return RelayMail.objects.filter(
        state=RelayMail.SENDING, next_attempt_at__lt=now or timezone.now()
    ).update(
        state=RelayMail.NEEDS_STAFF,
        uncertain=True,
        last_error="the hub stopped while sending it: it may have arrived",
    )


def send_due(settings: SmtpSettings | None = None, limit: int = 100) -> dict[str, int]:
    settings = settings or smtp_settings()
    done = {"sent": 0, "failed": 0, "to_staff": 0}
    recover_stale()
    if settings is None:
        return done
    mailer = Mailer(settings)
    try:
        for _ in range(limit):
            now = timezone.now()
            mail = _claim(now)
            if mail is None:
                break
            try:
                message = json.loads(crypto.open_sealed(mail.payload, f"mail:{mail.pk}"))
                mailer.send(mail.key, message)
            except DeliveryError as exc:
                _failed(mail, exc, done)
                if exc.connect:
                    break
                continue
            RelayMail.objects.filter(pk=mail.pk).update(
                state=RelayMail.SENT, sent_at=timezone.now(), payload=None, last_error=""
            )
            done["sent"] += 1
    finally:
        mailer.close()
    return done


def _failed(mail: RelayMail, exc: DeliveryError, done: dict[str, int]) -> None:
    done["failed"] += 1
    to_staff = exc.permanent or exc.uncertain or mail.attempts >= MAX_ATTEMPTS
    later = timezone.now() + dt.timedelta(seconds=BACKOFF.delay(mail.attempts, random.random))
    RelayMail.objects.filter(pk=mail.pk).update(
        state=RelayMail.NEEDS_STAFF if to_staff else RelayMail.PENDING,
        uncertain=exc.uncertain,
        last_error=str(exc)[:300],
        next_attempt_at=later,
    )
    if to_staff:
        done["to_staff"] += 1
    log.warning("relay: e-mail %s: %s", mail.key, exc)


def retry(mail_id: int, actor: Staff | None = None, label: str = "") -> bool:
    """Staff: send it again (only if the person says it did not arrive, when uncertain)."""
    changed = RelayMail.objects.filter(
        pk=mail_id, state=RelayMail.NEEDS_STAFF, payload__isnull=False
    ).update(state=RelayMail.PENDING, attempts=0, next_attempt_at=timezone.now(), uncertain=False)
    if changed:
        audit("mail.retry", str(mail_id), actor=actor, label=label)
    return bool(changed)
