"""Dashboard sign-in throttling and audit, counted in PostgreSQL (docs/hub.md, "Sign-in").

Too many wrong passwords for one account (5 within 15 minutes), or from one client address
(20: an agency's staff may share one address), and that account or address waits 15 minutes:
the password is not even checked then. The count lives in `SignInGuard` rows, locked FOR
UPDATE in one order while the password is checked, so attempts at once on several hub
processes queue up and never pass the limit. Every success, failure, refusal and lockout is
written to the audit log, never the password; a typed e-mail that is no account is not
stored either (it may be a password typed in the wrong field).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from hub.core import crypto
from hub.core.models import SignInGuard, Staff, audit

UNKNOWN_ACCOUNT = "?"


def _limit(name: str) -> int:
    return int(getattr(settings, name))


def client_ip(request: HttpRequest) -> str | None:
    """The person's address: REMOTE_ADDR, or behind a trusted load balancer
    (HUB_TRUSTED_PROXIES) the nearest X-Forwarded-For address that is not one of them."""
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = set(getattr(settings, "HUB_TRUSTED_PROXIES", []))
    if remote is None or remote not in trusted:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        if address and address not in trusted:
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # a forged header: count the proxy rather than nothing
    return remote


def normal_email(email: str) -> str:
    """The account a typed e-mail means, as the sign-in form reads it (Django's username
    field applies NFKC): "ｍarie@…" with a full-width ｍ is marie's account, and must count
    against marie's limit, not a fresh one."""
    return unicodedata.normalize("NFKC", email).strip().lower()


def account_scope(email: str) -> str:
    return "account:" + crypto.mac("signin-account", normal_email(email).encode())


@dataclass
class Attempt:
    """One sign-in being checked: open with `begin`, inside a transaction."""

    email: str
    ip: str | None
    guards: list[SignInGuard]
    now: dt.datetime

    @property
    def locked_until(self) -> dt.datetime | None:
        waiting = [
            g.locked_until for g in self.guards if g.locked_until and g.locked_until > self.now
        ]
        return max(waiting) if waiting else None

    def _account(self) -> Staff | None:
        return Staff.objects.filter(email=normal_email(self.email)).first()

    def _label(self, account: Staff | None) -> str:
        return account.email if account else UNKNOWN_ACCOUNT

    def refused(self) -> None:
        account = self._account()
        audit(
            "signin.refused",
            self._label(account),
            actor=account,
            label=self._label(account),
            ip=self.ip,
            until=timezone.localtime(self.locked_until).isoformat(timespec="minutes")
            if self.locked_until
            else "",
        )

    def succeeded(self, account: Staff) -> None:
        # A right password forgives the account's mistakes, not the address's.
        for guard in self.guards:
            if guard.scope.startswith("account:"):
                guard.delete()
        audit("signin.ok", account.email, actor=account, ip=self.ip)

    def failed(self) -> dt.datetime | None:
        """Counts one wrong password; the time sign-in is refused until if this locks."""
        account = self._account()
        label = self._label(account)
        audit("signin.failed", label, actor=account, label=label, ip=self.ip)
        window = dt.timedelta(seconds=_limit("HUB_SIGNIN_WINDOW_SECONDS"))
        lock = dt.timedelta(seconds=_limit("HUB_SIGNIN_LOCK_SECONDS"))
        locked: dt.datetime | None = None
        for guard in self.guards:
            if self.now - guard.window_started_at >= window:
                guard.failures, guard.window_started_at = 0, self.now
            guard.failures += 1
            most = _limit(
                "HUB_SIGNIN_MAX_FAILURES"
                if guard.scope.startswith("account:")
                else "HUB_SIGNIN_MAX_FAILURES_PER_ADDRESS"
            )
            if guard.failures >= most:
                guard.failures, guard.locked_until = 0, self.now + lock
                locked = guard.locked_until
                audit(
                    "signin.locked",
                    label if guard.scope.startswith("account:") else (self.ip or ""),
                    actor=account,
                    label=label,
                    ip=self.ip,
                    scope="account" if guard.scope.startswith("account:") else "address",
                    until=timezone.localtime(locked).isoformat(timespec="minutes"),
                )
            guard.save()
        return locked


def begin(email: str, ip: str | None) -> Attempt:
    """The guards of this account and address, locked for this transaction."""
    now = timezone.now()
    scopes = sorted({account_scope(email), *([f"address:{ip}"] if ip else [])})
    SignInGuard.objects.bulk_create(
        [SignInGuard(scope=s, window_started_at=now) for s in scopes], ignore_conflicts=True
    )
    # Locked in one order by every process: sign-ins at once queue up, never deadlock.
    guards = list(
        SignInGuard.objects.select_for_update().filter(scope__in=scopes).order_by("scope")
    )
    return Attempt(email, ip, guards, now)
