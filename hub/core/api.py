"""The kiosk API (/api/v1/), JSON in and out, bearer tokens (docs/hub-protocol.md).

Every error is JSON `{"error": code, "message": text}` with a fitting status, never a
traceback: 400 malformed, 401 token missing/forged/expired/revoked, 403 wrong kiosk, 413 too
large, 503 database unavailable (the kiosk retries; nothing was acknowledged).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from hub.core import events, relay, spaces, tokens
from hub.core.models import Kiosk, KioskToken
from kiosk.cv.validation import FieldError

log = logging.getLogger(__name__)
_KEY = re.compile(r"[0-9a-f]{32}")
_SPACE_ID = re.compile(r"[0-9a-f]{32}")
_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


def error(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": code, "message": message, **extra}, status=status)


def _body(request: HttpRequest, limit: int) -> Any:
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise ApiError(413, "too_large", f"the body is over {limit} bytes")
    raw = request.read(limit + 1)
    if len(raw) > limit:
        raise ApiError(413, "too_large", f"the body is over {limit} bytes")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "malformed", "the body is not valid JSON") from exc


def _kiosk(request: HttpRequest) -> Kiosk:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "no_token", "send Authorization: Bearer <token>")
    found = (
        KioskToken.objects.select_related("kiosk")
        .filter(digest=tokens.digest(token.strip()))
        .first()
    )
    if found is None:
        raise ApiError(401, "bad_token", "this token is not known: enrol the kiosk again")
    now = timezone.now()
    if found.revoked_at is not None or found.kiosk.revoked_at is not None:
        raise ApiError(401, "revoked", "this kiosk's token was revoked: enrol it again")
    if found.expires_at is not None and found.expires_at <= now:
        raise ApiError(401, "expired", "this kiosk's token has expired: enrol it again")
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
        KioskToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.kiosk


def api(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """JSON answers and clear errors for every kiosk endpoint."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            result = view(request, *args, **kwargs)
        except ApiError as exc:
            return error(exc.status, exc.code, exc.message, **exc.extra)
        except events.BatchError as exc:
            return error(exc.status, exc.code, exc.message)
        except (OperationalError, InterfaceError) as exc:
            log.warning("database unavailable: %s", exc)
            return error(503, "database_unavailable", "the hub's database is unavailable; retry")
        except DatabaseError:
            log.exception("database error")
            return error(500, "database_error", "the hub could not store this; retry later")
        if isinstance(result, HttpResponse):
            return result
        return JsonResponse(result)

    return wrapped


def _post(request: HttpRequest) -> None:
    if request.method != "POST":
        raise ApiError(405, "method", "use POST")


@api
def enrol(request: HttpRequest) -> dict[str, Any]:
    _post(request)
    body = _body(request, 4096)
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, str) or not code.strip():
        raise ApiError(400, "malformed", 'send {"code": "..."}')
    try:
        kiosk, token = tokens.enrol(code, request.META.get("REMOTE_ADDR"))
    except tokens.EnrolError as exc:
        raise ApiError(exc.status, exc.code, exc.message) from exc
    return {"kiosk_id": kiosk.id, "name": kiosk.name, "place": kiosk.place, "token": token}


@api
def receive_events(request: HttpRequest) -> dict[str, Any]:
    _post(request)
    kiosk = _kiosk(request)
    answer = events.receive(kiosk, _body(request, settings.HUB_MAX_BODY_BYTES))
    return {"accepted": answer.accepted, "rejected": answer.rejected}


@api
def mail(request: HttpRequest) -> dict[str, Any]:
    _post(request)
    kiosk = _kiosk(request)
    body = _body(request, settings.HUB_MAX_MAIL_BYTES)
    if not isinstance(body, dict) or not isinstance(body.get("message"), dict):
        raise ApiError(400, "malformed", 'send {"key": ..., "message": {...}}')
    key = body.get("key")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise ApiError(400, "malformed", "key must be 32 lower-case hex digits")
    message = body["message"]
    for name in ("to", "subject", "body"):
        if not isinstance(message.get(name), str):
            raise ApiError(400, "malformed", f"an e-mail needs a text '{name}'")
    if "\n" in message["to"] or "\r" in message["to"] or "@" not in message["to"]:
        raise ApiError(400, "malformed", "'to' must be one e-mail address")
    if relay.smtp_settings() is None and not settings.DEBUG:
        log.info("relay: e-mail %s stored; no HUB_SMTP_HOST yet, it waits", key)
    new = relay.accept(kiosk, key, message)
    return {"accepted": key, "new": new}


def _names(body: Any) -> tuple[str, str]:
    if not isinstance(body, dict):
        raise ApiError(400, "malformed", "the body must be a JSON object")
    first, code = body.get("first_name"), body.get("code")
    if (
        not isinstance(first, str)
        or not isinstance(code, str)
        or len(first) > 200
        or len(code) > 20
    ):
        raise ApiError(400, "malformed", "send first_name and code as text")
    return first, code


def _field_error(exc: FieldError) -> ApiError:
    return ApiError(400, "field", exc.message, field=exc.field)


@api
def spaces_keep(request: HttpRequest) -> dict[str, Any]:
    _post(request)
    kiosk = _kiosk(request)
    body = _body(request, spaces.MAX_PAYLOAD_BYTES)
    first, code = _names(body)
    items = body.get("items", {})
    if not isinstance(items, dict) or not all(
        isinstance(k, str) and _KIND.fullmatch(k) for k in items
    ):
        raise ApiError(400, "malformed", "items must be an object of kind -> content")
    try:
        return {"space_id": spaces.keep(kiosk, first, code, items)}
    except FieldError as exc:
        raise _field_error(exc) from exc


@api
def spaces_open(request: HttpRequest) -> dict[str, Any]:
    _post(request)
    kiosk = _kiosk(request)
    first, code = _names(_body(request, 4096))
    try:
        return {"space_id": spaces.open_space(kiosk, first, code)}
    except spaces.Locked as exc:
        raise ApiError(423, "locked", "too many wrong codes", minutes=exc.minutes) from exc
    except spaces.NotFound as exc:
        raise ApiError(404, "not_found", "no space for these answers") from exc


@api
def spaces_unlock(request: HttpRequest) -> dict[str, Any]:
    _post(request)
    kiosk = _kiosk(request)
    return {"was_waiting": spaces.unlock(kiosk)}


@api
def spaces_waiting(request: HttpRequest) -> dict[str, Any]:
    kiosk = _kiosk(request)
    until = spaces.waiting_until(kiosk)
    return {"until": until.isoformat() if until else None}


@api
def space(request: HttpRequest, space_id: str, kind: str | None = None) -> Any:
    _kiosk(request)
    if not _SPACE_ID.fullmatch(space_id) or (kind is not None and not _KIND.fullmatch(kind)):
        raise ApiError(404, "not_found", "no such space")
    try:
        if request.method == "DELETE" and kind is None:
            return {"deleted": spaces.delete(space_id)}
        if kind is None:
            if request.method != "GET":
                raise ApiError(405, "method", "use GET or DELETE")
            spaces.load(space_id, "")  # raises NotFound
            return {"exists": True}
        if request.method == "GET":
            return {"payload": spaces.load(space_id, kind)}
        if request.method == "PUT":
            body = _body(request, spaces.MAX_PAYLOAD_BYTES)
            if not isinstance(body, dict) or "payload" not in body:
                raise ApiError(400, "malformed", 'send {"payload": ...}')
            spaces.save(space_id, kind, body["payload"])
            return {"saved": True}
    except spaces.NotFound as exc:
        raise ApiError(404, "not_found", "this space does not exist any more") from exc
    raise ApiError(405, "method", "use GET or PUT")


@csrf_exempt
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when this process can reach PostgreSQL."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except (OperationalError, InterfaceError):
        return JsonResponse({"ok": False}, status=503)
    return JsonResponse({"ok": True})


urlpatterns = [
    path("enrol", enrol),
    path("events", receive_events),
    path("mail", mail),
    path("spaces/keep", spaces_keep),
    path("spaces/open", spaces_open),
    path("spaces/unlock", spaces_unlock),
    path("spaces/waiting", spaces_waiting),
    path("spaces/<str:space_id>", space),
    path("spaces/<str:space_id>/<str:kind>", space),
]
