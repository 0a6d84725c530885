"""Kiosk tokens and enrolment codes: random, shown once, stored as SHA-256 digests.

Both are high-entropy random values (256 and 60 bits), so a fast hash is enough: nothing to
brute-force from the digest, and a lookup by digest never compares secrets in Python.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hub.core.models import EnrolmentCode, Kiosk, KioskToken, Staff, audit

TOKEN_PREFIX = "hk1_"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed


class EnrolError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def new_enrolment_code(
    kiosk: Kiosk, hours: int | None = None, created_by: Staff | None = None
) -> str:
    """A one-time code for `kiosk`, valid `hours` (HUB_ENROL_HOURS); returned once."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    EnrolmentCode.objects.create(
        kiosk=kiosk,
        digest=digest(raw),
        expires_at=timezone.now() + dt.timedelta(hours=hours or settings.HUB_ENROL_HOURS),
        created_by=created_by,
    )
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def enrol(code: str, ip: str | None = None) -> tuple[Kiosk, str]:
    """Exchange a code for a new token; the kiosk's earlier tokens stop working."""
    now = timezone.now()
    with transaction.atomic():
        found = (
            EnrolmentCode.objects.select_for_update()
            .select_related("kiosk")
            .filter(digest=digest(normalise_code(code)))
            .first()
        )
        if found is None:
            raise EnrolError(403, "unknown_code", "This enrolment code is not known to this hub.")
        if found.used_at is not None:
            raise EnrolError(
                409,
                "code_used",
                "This enrolment code was already used. Make a new one: hub add-kiosk NAME.",
            )
        if found.expires_at <= now:
            raise EnrolError(
                410, "code_expired", "This enrolment code has expired. Make a new one."
            )
        found.used_at = now
        found.save(update_fields=["used_at"])
        kiosk = found.kiosk
        KioskToken.objects.filter(kiosk=kiosk, revoked_at__isnull=True).update(revoked_at=now)
        kiosk.revoked_at = None
        kiosk.save(update_fields=["revoked_at"])
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        KioskToken.objects.create(kiosk=kiosk, digest=digest(token), prefix=token[:10])
        audit("kiosk.enrol", kiosk.id, label=f"kiosk {kiosk.id}", ip=ip)
    return kiosk, token


def revoke(kiosk: Kiosk, actor: Staff | None = None, label: str = "") -> int:
    """A stolen or retired terminal: its tokens and unused codes stop working at once."""
    now = timezone.now()
    with transaction.atomic():
        count = KioskToken.objects.filter(kiosk=kiosk, revoked_at__isnull=True).update(
            revoked_at=now
        )
        EnrolmentCode.objects.filter(kiosk=kiosk, used_at__isnull=True).update(expires_at=now)
        kiosk.revoked_at = now
        kiosk.save(update_fields=["revoked_at"])
        audit("kiosk.revoke", kiosk.id, actor=actor, label=label, tokens=count)
    return count
