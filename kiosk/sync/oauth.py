"""OAuth2 client credentials for the France Travail API: one token, reused until near expiry."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests

from kiosk.sync.backoff import DEFAULT_BACKOFF, Backoff, Clock, Sleep
from kiosk.sync.http import DeadlineExceeded, Limits, TooLarge, bounded_request, loads

SCOPE = "api_offresdemploiv2 o2dsoffre"
# Renew this long before the announced expiry, so a token never dies between check and use.
_MARGIN_SECONDS = 60.0
# A token answer is a few hundred bytes: anything much larger is not one.
TOKEN_MAX_BYTES = 64 * 1024


class ApiError(Exception):
    """The API cannot be used for the rest of this run; the message is one line for staff."""


class AuthError(ApiError):
    """The credentials or the token were refused: retrying now would not help."""


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str
    token_url: str


class TokenSource:
    """Fetches a token on first use and again when it is near expiry or after `invalidate()`."""

    def __init__(
        self,
        credentials: Credentials,
        session: requests.Session,
        *,
        limits: Limits,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
        rng: Callable[[], float] = random.random,
        backoff: Backoff = DEFAULT_BACKOFF,
        max_attempts: int = 4,
    ) -> None:
        self.credentials, self.session = credentials, session
        cap = min(limits.max_bytes, TOKEN_MAX_BYTES)
        self.limits = Limits(limits.deadline, cap, limits.timeout)
        self.clock, self.sleep, self.rng = clock, sleep, rng
        self.backoff, self.max_attempts = backoff, max_attempts
        self._token: str | None = None
        self._expires_at = 0.0
        self.fetched = 0  # tokens obtained this run, for the sync log

    def invalidate(self) -> None:
        self._token = None

    def token(self) -> str:
        if self._token is None or self.clock() >= self._expires_at:
            self._token = None
            self._fetch()
        assert self._token is not None
        return self._token

    def _fetch(self) -> None:
        for attempt in range(1, self.max_attempts + 1):
            problem = self._try_once()
            if problem is None:
                return
            if attempt < self.max_attempts:
                self.sleep(self.backoff.delay(attempt, self.rng))
        raise ApiError(f"token endpoint unavailable ({problem}) after {self.max_attempts} tries")

    def _try_once(self) -> str | None:
        """None on success, else why this try failed (worth another try)."""
        c = self.credentials
        try:
            response = bounded_request(
                self.session,
                "POST",
                c.token_url,
                self.limits,
                params={"realm": "/partenaire"},
                data={
                    "grant_type": "client_credentials",
                    "client_id": c.client_id,
                    "client_secret": c.client_secret,
                    "scope": SCOPE,
                },
                headers={"Accept": "application/json"},
            )
        except TooLarge as exc:
            raise ApiError(f"token endpoint: {exc}") from exc
        except DeadlineExceeded as exc:
            return str(exc)  # a trickling endpoint is retried like one that is down
        except requests.RequestException as exc:
            return f"network error: {type(exc).__name__}"
        if response.status_code >= 500:
            return f"HTTP {response.status_code}"
        try:
            body = loads(response.content)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            if response.status_code >= 400:
                raise AuthError(f"token endpoint refused the request (HTTP {response.status_code})")
            return "token answer is not JSON"
        if response.status_code >= 400 or "error" in body:
            # invalid_client, invalid_scope...: the configuration is wrong, not the network.
            error = str(body.get("error", f"HTTP {response.status_code}"))[:60]
            error = error.encode("utf-8", "replace").decode()  # it goes to the logs
            raise AuthError(f"France Travail refused the credentials ({error})")
        token, lifetime = body.get("access_token"), body.get("expires_in")
        # A header carries ASCII only: anything else would fail on every request made with it.
        if not isinstance(token, str) or not token or not token.isascii():
            return "token answer has no access_token"
        seconds = float(lifetime) if isinstance(lifetime, int | float) and lifetime > 0 else 1499.0
        self._token = token
        self._expires_at = self.clock() + max(seconds - _MARGIN_SECONDS, seconds / 2)
        self.fetched += 1
        return None
