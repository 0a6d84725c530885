"""Can the kiosk reach the France Travail API and the agency hub? Short timeouts."""

from __future__ import annotations

from collections.abc import Callable

import requests

from kiosk.config import Config
from kiosk.doctor import Check, ok, warning

TIMEOUT = (3.0, 5.0)  # connect, read (seconds)

Getter = Callable[..., requests.Response]


def reach(name: str, url: str, get: Getter = requests.get) -> Check:
    """Any HTTP answer means the server is reachable (401 and 404 included)."""
    advice = "the kiosk works offline, but cannot sync; check the network, proxy and firewall"
    try:
        response = get(url, timeout=TIMEOUT, stream=True, allow_redirects=False)
    except requests.exceptions.SSLError as exc:
        return warning(
            name,
            f"{url}: certificate problem ({_short(exc)})",
            "check the clock, and any proxy that intercepts HTTPS",
        )
    except requests.exceptions.Timeout:
        return warning(name, f"{url}: no answer within {TIMEOUT[1]:.0f} s", advice)
    except requests.exceptions.RequestException as exc:
        return warning(name, f"{url}: unreachable ({_short(exc)})", advice)
    status = response.status_code
    response.close()
    if status >= 500:
        return warning(name, f"{url}: reachable but failing (HTTP {status})", "try again later")
    return ok(name, f"{url}: reachable (HTTP {status})")


def _short(exc: BaseException) -> str:
    text = str(exc)
    # requests nests the cause several levels deep; the last part says what happened.
    for marker in ("Caused by ", "] "):
        if marker in text:
            text = text.rsplit(marker, 1)[-1]
    return text.strip("()'\" ")[:160]


def network_checks(settings: Config, get: Getter = requests.get) -> list[Check]:
    targets: list[tuple[str, str]] = []
    if settings.get_str("francetravail.client_id"):
        targets.append(("France Travail token", settings.get_str("francetravail.token_url")))
        targets.append(("France Travail API", settings.get_str("francetravail.api_url")))
    if settings.get_str("hub.url"):
        targets.append(("hub", settings.get_str("hub.url")))
    if not targets:
        return [ok("network", "no France Travail API or hub configured: nothing to reach")]
    return [reach(name, url, get) for name, url in targets]
