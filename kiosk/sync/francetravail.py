"""The France Travail "Offres d'emploi v2" client: polite, patient, and honest about gaps.

One `requests.Session`, a total deadline and a size cap on every call (kiosk.sync.http), a
client-side rate limit, a token renewed once on a 401, `Retry-After` honoured on 429, backoff
with jitter on 5xx, network errors, deadlines and unreadable bodies, then `ApiError` (the run
gives up; nothing half-fetched is trusted). An answer over the size cap is never retried: it
would only be downloaded again. An answer still unreadable after every try raises
`UnreadableAnswer`, so the pull can skip that search and go on with the others.
The behaviour it must match is in the shared FRANCE_TRAVAIL_API.md.
"""

from __future__ import annotations

import email.utils
import random
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import requests

from kiosk.config import Config
from kiosk.sync.backoff import DEFAULT_BACKOFF, Backoff, Clock, RateLimiter, Sleep
from kiosk.sync.http import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BYTES,
    Answer,
    DeadlineExceeded,
    Limits,
    TooLarge,
    bounded_request,
    bounded_session,
    loads,
)
from kiosk.sync.oauth import ApiError, AuthError, Credentials, TokenSource

T = TypeVar("T")
PAGE_SIZE = 150  # the API's maximum per call
_CONTENT_RANGE = re.compile(r"^\s*offres\s+(\d+)-(\d+)/(\d+)\s*$")


# Date windows one search may be split into. A département of 100,000 offers needs about 150;
# past this the server's totals cannot be believed and the search is left incomplete.
MAX_WINDOWS = 600


class BadResponse(Exception):
    """A success status with a body that cannot be read (empty, not JSON, wrong shape)."""


class UnreadableAnswer(ApiError):
    """Every try got an answer that cannot be read: this search is skipped, not the run."""


@dataclass(frozen=True)
class ApiSettings:
    client_id: str
    client_secret: str
    token_url: str
    api_url: str
    page_cap: int = 3149
    requests_per_second: int = 3
    timeout: tuple[float, float] = (5.0, 30.0)  # connect, each read
    deadline: float = DEFAULT_DEADLINE  # the whole request, answer included
    max_answer_bytes: int = DEFAULT_MAX_BYTES
    max_windows: int = MAX_WINDOWS
    max_attempts: int = 5  # per request, for 5xx, network errors and unreadable bodies
    max_rate_limited: int = 10  # 429s tolerated per request before giving up the run
    retry_after_cap: float = 120.0

    @classmethod
    def from_config(cls, config: Config) -> ApiSettings | None:
        """None when no client id is configured: the kiosk does not pull."""
        client_id = config.get_str("francetravail.client_id")
        if not client_id:
            return None
        return cls(
            client_id=client_id,
            client_secret=config.get_str("francetravail.client_secret"),
            token_url=config.get_str("francetravail.token_url"),
            api_url=config.get_str("francetravail.api_url").rstrip("/"),
            page_cap=config.get_int("francetravail.page_cap"),
            requests_per_second=config.get_int("francetravail.requests_per_second"),
        )

    @property
    def limits(self) -> Limits:
        return Limits(self.deadline, self.max_answer_bytes, self.timeout)


@dataclass
class Traffic:
    """What this client did, for the sync log and the benchmark (no personal data)."""

    requests: int = 0
    bytes: int = 0
    retries: int = 0
    rate_limited: int = 0
    seconds_waiting: float = 0.0  # rate limit, Retry-After and backoff sleeps
    seconds_in_http: float = 0.0  # from sending a request to its body read
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    status: int
    offers: list[Any]
    total: int | None  # from Content-Range; None when absent or unreadable
    consistent: bool  # the body and Content-Range agree with what was asked
    server_time: datetime | None = None


def content_range(header: str | None) -> tuple[int, int, int] | None:
    match = _CONTENT_RANGE.match(header or "")
    if not match:
        return None
    first, last, total = (int(g) for g in match.groups())
    return (first, last, total) if first <= last < total else None


def _server_time(header: str | None) -> datetime | None:
    try:
        return email.utils.parsedate_to_datetime(header) if header else None
    except (TypeError, ValueError):
        return None


def _retry_after(header: str | None) -> float | None:
    if not header:
        return None
    try:
        return max(0.0, float(header.strip()))
    except ValueError:
        moment = _server_time(header)
        return None if moment is None else max(0.0, (moment - datetime.now(UTC)).total_seconds())


class FranceTravailClient:
    def __init__(
        self,
        settings: ApiSettings,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
        rng: Callable[[], float] = random.random,
        backoff: Backoff = DEFAULT_BACKOFF,
    ) -> None:
        self.settings = settings
        self.session = bounded_session()
        self.traffic = Traffic()
        self.clock, self.rng, self.backoff = clock, rng, backoff
        self._sleep = sleep
        self.limiter = RateLimiter(settings.requests_per_second, clock, self._timed_sleep)
        self.tokens = TokenSource(
            Credentials(settings.client_id, settings.client_secret, settings.token_url),
            self.session,
            limits=settings.limits,
            clock=clock,
            sleep=self._timed_sleep,
            rng=rng,
            backoff=backoff,
        )

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> FranceTravailClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _timed_sleep(self, seconds: float) -> None:
        self.traffic.seconds_waiting += seconds
        self._sleep(seconds)

    # --- one GET, with everything that can go wrong on the way ------------------------------
    def get(self, path: str, params: Mapping[str, str], parse: Callable[[Answer], T]) -> T:
        url = f"{self.settings.api_url}{path}"
        attempts = limited = 0
        renewed = unreadable = False
        while True:
            token = self.tokens.token()
            self.limiter.wait()
            self.traffic.requests += 1
            began = self.clock()
            try:
                response = bounded_request(
                    self.session,
                    "GET",
                    url,
                    self.settings.limits,
                    params=params,
                    headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                )
            except TooLarge as exc:
                self.traffic.problems.append(str(exc))
                raise ApiError(f"{exc}: giving up this run") from exc
            except DeadlineExceeded as exc:
                problem = str(exc)
            except requests.RequestException as exc:
                # Includes a connection reset in the middle of the body (the body is read here).
                problem = f"network error: {type(exc).__name__}"
            else:
                self.traffic.bytes += len(response.content)
                status = response.status_code
                if status == 401 and not renewed:
                    # The token expired early (or was revoked): one new token, one more try.
                    renewed = True
                    self.tokens.invalidate()
                    continue
                if status == 429:
                    limited += 1
                    self.traffic.rate_limited += 1
                    if limited > self.settings.max_rate_limited:
                        raise ApiError(f"rate limited {limited} times on one request: giving up")
                    wait = _retry_after(response.headers.get("Retry-After"))
                    if wait is None:
                        wait = self.backoff.delay(limited, self.rng)
                    self.limiter.push_back(min(wait, self.settings.retry_after_cap))
                    continue
                if status in (401, 403):
                    raise AuthError(f"the API refused the token (HTTP {status})")
                if status >= 500:
                    problem = f"HTTP {status}"
                elif status >= 400:
                    raise ApiError(
                        f"the API refused the request (HTTP {status}: {_message(response)})"
                    )
                else:
                    try:
                        return parse(response)
                    except BadResponse as exc:
                        problem = str(exc)
                        unreadable = True
            finally:
                self.traffic.seconds_in_http += self.clock() - began
            attempts += 1
            self.traffic.problems.append(problem)
            if attempts >= self.settings.max_attempts:
                if unreadable:
                    raise UnreadableAnswer(f"{problem} ({attempts} tries): skipped")
                raise ApiError(f"{problem} ({attempts} tries): giving up this run")
            self.traffic.retries += 1
            self._timed_sleep(self.backoff.delay(attempts, self.rng))

    # --- the two calls the kiosk makes ------------------------------------------------------
    def search_page(self, params: Mapping[str, str], first: int, last: int) -> Page:
        def parse(response: Answer) -> Page:
            when = _server_time(response.headers.get("Date"))
            if response.status_code == 204:
                return Page(204, [], 0, True, when)
            body = _json(response)
            results = body.get("resultats") if isinstance(body, dict) else None
            if not isinstance(results, list):
                raise BadResponse("search answer has no 'resultats' list")
            bounds = content_range(response.headers.get("Content-Range"))
            total = bounds[2] if bounds else None
            consistent = bounds is not None and (
                bounds[0] == first
                and bounds[1] - bounds[0] + 1 == len(results)
                and (bounds[1] == bounds[2] - 1) == (response.status_code == 200)
            )
            return Page(response.status_code, results, total, consistent, when)

        query = {**params, "range": f"{first}-{last}"}
        return self.get("/v2/offres/search", query, parse)

    def reference_list(self, name: str) -> list[dict[str, Any]]:
        def parse(response: Answer) -> list[dict[str, Any]]:
            if response.status_code == 204:
                return []
            body = _json(response)
            if not isinstance(body, list):
                raise BadResponse(f"reference list {name} is not a JSON list")
            return [item for item in body if isinstance(item, dict)]

        return self.get(f"/v2/referentiel/{name}", {}, parse)


def _json(response: Answer) -> Any:
    if not response.content.strip():
        raise BadResponse(f"HTTP {response.status_code} with an empty body")
    try:
        return loads(response.content)
    except ValueError as exc:
        raise BadResponse(f"HTTP {response.status_code} with a body that is not JSON") from exc


def _message(response: Answer) -> str:
    try:
        body = loads(response.content)
    except ValueError:
        return "no detail"
    if not isinstance(body, dict):
        return "no detail"
    # Whatever the server sent goes to the logs: valid UTF-8 only (a lone surrogate is not).
    return str(body.get("message", "no detail"))[:120].encode("utf-8", "replace").decode()


__all__ = [
    "ApiError",
    "ApiSettings",
    "AuthError",
    "FranceTravailClient",
    "Page",
    "Traffic",
    "UnreadableAnswer",
]
