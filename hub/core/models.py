"""Everything the hub keeps, in PostgreSQL (docs/hub.md, "Models").

`Event` is the durable, deduplicated log of what kiosks sent (unique per kiosk and key); the
other kiosk-fed tables are projections of it written in the same transaction (help requests,
daily counters, heartbeats and the kiosk's latest health), so an acknowledged event is always
fully applied, and a repeated one never twice. Nothing here holds a person's identity in
clear: saved spaces and relayed e-mails are encrypted (hub.core.crypto).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone


class StaffManager(BaseUserManager["Staff"]):
    def create_user(
        self, email: str, password: str | None = None, role: str = "staff", **extra: Any
    ) -> Staff:
        if not email:
            raise ValueError("a staff account needs an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), role=role, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> Staff:
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, role=Staff.TECHNICIAN, **extra)


class Staff(AbstractBaseUser, PermissionsMixin):
    """A person who signs in to the dashboard. `staff` answer help requests and see figures;
    `technician` also enrol and revoke kiosks and manage accounts."""

    STAFF, TECHNICIAN = "staff", "technician"
    ROLES: ClassVar[list[tuple[str, str]]] = [(STAFF, "Staff"), (TECHNICIAN, "Technician")]

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=ROLES, default=STAFF)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = StaffManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    @property
    def is_technician(self) -> bool:
        return self.role == self.TECHNICIAN

    @property
    def is_staff(self) -> bool:  # Django's admin flag; the hub has no admin site
        return False

    def __str__(self) -> str:
        return self.email


class Kiosk(models.Model):
    """A terminal. Its latest heartbeat is copied here so the fleet view is one query."""

    id = models.SlugField(primary_key=True, max_length=64)
    name = models.CharField(max_length=200)
    place = models.CharField(max_length=200, blank=True)  # "Lyon 3, entrance hall"
    departement = models.CharField(max_length=3, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Health, from the latest heartbeat (hub clock for last_seen).
    last_seen = models.DateTimeField(null=True, blank=True)
    version = models.CharField(max_length=40, blank=True)
    catalogue_updated_at = models.DateTimeField(null=True, blank=True)
    offers = models.IntegerField(null=True, blank=True)
    outbox_pending = models.IntegerField(null=True, blank=True)
    outbox_needs_staff = models.IntegerField(null=True, blank=True)
    doctor = models.JSONField(default=dict, blank=True)  # {"level": "ok|warning|problem", ...}
    printer = models.JSONField(default=dict, blank=True)
    speech = models.JSONField(default=dict, blank=True)
    clock_skew_seconds = models.FloatField(null=True, blank=True)  # kiosk clock - hub clock

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]

    def __str__(self) -> str:
        return self.id


class KioskToken(models.Model):
    """A kiosk's bearer token, stored as its SHA-256 (the token is 256 random bits)."""

    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)  # shown to technicians to tell tokens apart
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)  # None: until revoked
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)


class EnrolmentCode(models.Model):
    """A one-time code `hub add-kiosk` prints; `kiosk enrol` exchanges it for a token."""

    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="enrolment_codes")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.SET_NULL)


class Event(models.Model):
    """One event as a kiosk sent it: the durable, deduplicated log (docs/hub-protocol.md)."""

    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="events")
    key = models.CharField(max_length=32)
    type = models.CharField(max_length=40)
    created_at = models.DateTimeField()  # the kiosk's clock, as sent
    received_at = models.DateTimeField(default=timezone.now)  # the hub's clock
    data = models.JSONField(default=dict)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["kiosk", "key"], name="event_kiosk_key")
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["type", "received_at"])]


class Heartbeat(models.Model):
    """A kiosk's state at one moment: the history behind the fleet view and its charts."""

    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="heartbeats")
    received_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)  # kiosk clock
    version = models.CharField(max_length=40, blank=True)
    catalogue_updated_at = models.DateTimeField(null=True, blank=True)
    offers = models.IntegerField(null=True, blank=True)
    outbox_pending = models.IntegerField(null=True, blank=True)
    outbox_needs_staff = models.IntegerField(null=True, blank=True)
    doctor = models.JSONField(default=dict, blank=True)
    printer = models.JSONField(default=dict, blank=True)
    speech = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["kiosk", "-received_at"])]


class HelpRequest(models.Model):
    """ "I need help" pressed on a kiosk. open -> taken -> closed, or cancelled by the kiosk
    (the person left or no longer waits)."""

    OPEN, TAKEN, CLOSED, CANCELLED = "open", "taken", "closed", "cancelled"
    STATES: ClassVar[list[tuple[str, str]]] = [
        (OPEN, "Open"),
        (TAKEN, "Taken"),
        (CLOSED, "Closed"),
        (CANCELLED, "Cancelled"),
    ]
    ACTIVE = (OPEN, TAKEN)

    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="help_requests")
    key = models.CharField(max_length=32)  # the event that opened it
    requested_at = models.DateTimeField()  # kiosk clock, as sent
    created_at = models.DateTimeField(default=timezone.now)  # hub clock: order and "waiting"
    screen = models.CharField(max_length=40, blank=True)
    state = models.CharField(max_length=10, choices=STATES, default=OPEN)
    updated_at = models.DateTimeField(default=timezone.now)  # dashboards poll for changes
    taken_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    taken_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["kiosk", "key"], name="help_kiosk_key")
        ]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["state", "created_at"]),
            models.Index(fields=["updated_at"]),
        ]


class DailyCounter(models.Model):
    """An anonymous total for one kiosk and day: `sessions`, `searches`, `language_fr`...

    Kiosks send the day's totals (not increments), so the hub keeps the largest value seen:
    a repeated or reordered report can never count twice."""

    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="counters")
    day = models.DateField()
    name = models.CharField(max_length=40)
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["kiosk", "day", "name"], name="counter_kiosk_day_name")
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["day", "name"])]

    @property
    def language(self) -> str | None:
        return self.name.removeprefix("language_") if self.name.startswith("language_") else None


class RelayMail(models.Model):
    """An e-mail a kiosk without SMTP handed to the hub (its outbox key travels on as the
    Message-ID). Sent once: `sending` is committed before the SMTP exchange, so a crash in
    the middle leaves it for staff ("it may have arrived"), never for a second automatic try.
    The encrypted payload is erased once sent."""

    PENDING, SENDING, SENT, NEEDS_STAFF = "pending", "sending", "sent", "needs_staff"
    STATES: ClassVar[list[tuple[str, str]]] = [
        (PENDING, "Pending"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
        (NEEDS_STAFF, "Needs staff"),
    ]

    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="mails")
    key = models.CharField(max_length=32)
    received_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=12, choices=STATES, default=PENDING)
    uncertain = models.BooleanField(default=False)  # sent in full, answer lost
    attempts = models.IntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    size = models.IntegerField(default=0)
    payload = models.BinaryField(null=True, blank=True)  # encrypted JSON; None once sent

    class Meta:
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["kiosk", "key"], name="mail_kiosk_key")
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["state", "next_attempt_at"])]


class Space(models.Model):
    """A saved space ("keep my CV"), found from any kiosk by first name and 6-digit code.

    `lookup` is derived from both (scrypt, then HMAC with the hub's key): finding the row is
    the proof of the code, and the table holds no first name. `payload` is AES-GCM under the
    hub's data key."""

    id = models.CharField(primary_key=True, max_length=32)
    lookup = models.CharField(max_length=64, unique=True)
    payload = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        Kiosk, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["last_used_at"])]


class SpaceGuard(models.Model):
    """Wrong codes counted network-wide: per kiosk (`kiosk:<id>`) and per first name
    (`name:<hmac>`). Five within the window and that scope waits."""

    scope = models.CharField(primary_key=True, max_length=100)
    failures = models.IntegerField(default=0)
    window_started_at = models.DateTimeField(default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True)


class AuditEntry(models.Model):
    """A staff or technician action: who, what, on what, when."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=200)  # the e-mail, or "command line (user)"
    action = models.CharField(max_length=60)  # "kiosk.add", "kiosk.revoke", "help.take"...
    target = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes: ClassVar[list[Any]] = [models.Index(fields=["-at"])]


def audit(
    action: str,
    target: str = "",
    *,
    actor: Staff | None = None,
    label: str = "",
    ip: str | None = None,
    **details: Any,
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        target=target,
        actor=actor,
        actor_label=label or (actor.email if actor else "command line"),
        details=details,
        ip=ip,
    )


class SignInGuard(models.Model):
    """Wrong dashboard passwords counted in PostgreSQL, so every hub process sees the same
    count: per account (`account:<hmac of the e-mail typed>`) and per client address
    (`address:<ip>`). Too many within the window and that scope waits (hub.dashboard.signin)."""

    scope = models.CharField(primary_key=True, max_length=100)
    failures = models.IntegerField(default=0)
    window_started_at = models.DateTimeField(default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True)
