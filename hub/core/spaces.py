"""Saved spaces across the network: kept at one kiosk, found at any kiosk of this hub.

The same rules as the kiosk's own spaces (kiosk.cv.spaces), held network-wide:
- The space is found by `lookup` = HMAC(hub key, scrypt(first name, code)): the row is the
  proof of the code, and neither the first name nor the code is stored.
- Every open costs one scrypt whatever exists, and answers "found", NOT_FOUND or LOCKED.
- Wrong codes are counted at the hub, so they add up across kiosks and hub processes: 5 within
  15 minutes and the kiosk waits 15 minutes, and so does that first name on every kiosk (100
  guesses from several kiosks at one person's space stop at the fifth). A right code does
  not reset the count.
- Content is AES-GCM under HUB_DATA_KEY; a space unused for HUB_SPACES_EXPIRY_DAYS is erased
  (`hub purge`, and at once when an open finds it expired).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hub.core import crypto
from hub.core.models import Kiosk, Space, SpaceGuard
from kiosk.cv.spaces import LOCK, MAX_ATTEMPTS, WINDOW, check_code, first_name_key
from kiosk.cv.validation import clean_name

MAX_PAYLOAD_BYTES = 512 * 1024
SCRYPT_N = int(os.environ.get("HUB_SPACES_SCRYPT_N", str(2**14)))


class Locked(Exception):
    def __init__(self, until: dt.datetime, now: dt.datetime) -> None:
        super().__init__("locked")
        self.minutes = max(1, -(-int((until - now).total_seconds()) // 60))


class NotFound(Exception):
    pass


def _stretch(first_name: str, code: str) -> tuple[str, str]:
    """(lookup, name scope) for these answers: one scrypt, then the hub's key."""
    key = first_name_key(first_name)
    digits = code.strip().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    stretched = hashlib.scrypt(
        f"{key}\x00{digits}".encode(),
        salt=b"france-travail-hub/spaces/v1",
        n=SCRYPT_N,
        r=8,
        p=1,
        dklen=32,
        maxmem=256 * 1024 * 1024,
    )
    return crypto.mac("space-lookup", stretched), _name_scope(key)


def _name_scope(key: str) -> str:
    return "name:" + crypto.mac("space-name", key.encode())


def name_scope(first_name: str) -> str:
    """The guard's scope for a first name as a person says it ("Élodie" = "elodie ")."""
    return _name_scope(first_name_key(first_name))


def _seal(space_id: str, items: dict[str, Any]) -> bytes:
    return crypto.seal(json.dumps(items, ensure_ascii=False).encode(), f"space:{space_id}")


def _items(space: Space) -> dict[str, Any]:
    value = json.loads(crypto.open_sealed(space.payload, f"space:{space.id}"))
    return value if isinstance(value, dict) else {}


def expired_before(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=settings.HUB_SPACES_EXPIRY_DAYS)


def keep(kiosk: Kiosk, first_name: str, code: str, items: dict[str, Any]) -> str:
    """The space for these answers, now holding `items` (raises FieldError for bad input).
    An existing space keeps what it holds of other kinds: keeping jobs must not lose the CV
    kept with the same answers (whoever has them can open the space anyway)."""
    clean_name(first_name, "first_name")
    code = check_code(code)
    lookup, _scope = _stretch(first_name, code)
    now = timezone.now()
    with transaction.atomic():
        space = Space.objects.select_for_update().filter(lookup=lookup).first()
        if space is None:
            space = Space(id=uuid.uuid4().hex, lookup=lookup, created_at=now, created_by=kiosk)
        else:
            items = {**_items(space), **items}
        space.payload = _seal(space.id, items)
        space.last_used_at = now
        space.save()
    return space.id


def open_space(kiosk: Kiosk, first_name: str, code: str) -> str:
    lookup, name_scope = _stretch(first_name, code)
    now = timezone.now()
    scopes = sorted([f"kiosk:{kiosk.id}", name_scope])
    with transaction.atomic():
        SpaceGuard.objects.bulk_create(
            [SpaceGuard(scope=s, window_started_at=now) for s in scopes], ignore_conflicts=True
        )
        # Locked in one order by every process: attempts at once queue up, never deadlock.
        guards = list(
            SpaceGuard.objects.select_for_update().filter(scope__in=scopes).order_by("scope")
        )
        waiting = [g.locked_until for g in guards if g.locked_until and g.locked_until > now]
        if waiting:
            raise Locked(max(waiting), now)
        space = Space.objects.filter(lookup=lookup).first()
        if space is not None and space.last_used_at < expired_before(now):
            space.delete()
            space = None
        if space is not None:
            Space.objects.filter(pk=space.pk).update(last_used_at=now)
            return space.id
        locked: dt.datetime | None = None
        for guard in guards:
            if now - guard.window_started_at >= WINDOW:
                guard.failures, guard.window_started_at = 0, now
            guard.failures += 1
            if guard.failures >= MAX_ATTEMPTS:
                guard.failures, guard.locked_until = 0, now + LOCK
                locked = guard.locked_until
            guard.save()
    if locked is not None:
        raise Locked(locked, now)
    raise NotFound()


def load(space_id: str, kind: str) -> Any:
    space = Space.objects.filter(pk=space_id).first()
    if space is None:
        raise NotFound()
    return _items(space).get(kind)


def save(space_id: str, kind: str, payload: Any) -> None:
    now = timezone.now()
    with transaction.atomic():
        space = Space.objects.select_for_update().filter(pk=space_id).first()
        if space is None:
            raise NotFound()
        items = _items(space)
        items[kind] = payload
        space.payload = _seal(space.id, items)
        space.last_used_at = now
        space.save(update_fields=["payload", "last_used_at"])


def delete(space_id: str) -> bool:
    return Space.objects.filter(pk=space_id).delete()[0] > 0


def unlock(kiosk: Kiosk) -> bool:
    """Staff at a kiosk: that kiosk accepts codes again (first names stay counted)."""
    return SpaceGuard.objects.filter(scope=f"kiosk:{kiosk.id}").delete()[0] > 0


def unlock_name(first_name: str) -> bool:
    """Staff at the desk: this first name accepts codes again at every kiosk (True if it
    was waiting). Its wrong codes start again from zero."""
    scope = name_scope(first_name)
    now = timezone.now()
    with transaction.atomic():
        guard = SpaceGuard.objects.select_for_update().filter(scope=scope).first()
        if guard is None:
            return False
        guard.delete()
    return bool(guard.locked_until and guard.locked_until > now)


def locked_kiosks(now: dt.datetime | None = None) -> list[tuple[Kiosk, dt.datetime]]:
    """Kiosks refusing codes now, with the time they accept them again (soonest first)."""
    now = now or timezone.now()
    until = dict(
        SpaceGuard.objects.filter(scope__startswith="kiosk:", locked_until__gt=now).values_list(
            "scope", "locked_until"
        )
    )
    kiosks = Kiosk.objects.filter(id__in=[s.removeprefix("kiosk:") for s in until])
    return sorted(((k, until[f"kiosk:{k.id}"]) for k in kiosks), key=lambda pair: pair[1])


def locked_names_count(now: dt.datetime | None = None) -> int:
    """How many first names wait now (which ones cannot be told: they are keyed hashes)."""
    return SpaceGuard.objects.filter(
        scope__startswith="name:", locked_until__gt=now or timezone.now()
    ).count()


def waiting_until(kiosk: Kiosk) -> dt.datetime | None:
    guard = SpaceGuard.objects.filter(scope=f"kiosk:{kiosk.id}").first()
    now = timezone.now()
    if guard and guard.locked_until and guard.locked_until > now:
        return guard.locked_until
    return None


def purge_expired(now: dt.datetime | None = None) -> int:
    return Space.objects.filter(last_used_at__lt=expired_before(now or timezone.now())).delete()[0]
