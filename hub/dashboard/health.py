"""Fleet health from the kiosks' latest heartbeats: what staff must look at, per kiosk.

Thresholds follow the kiosk: it beats at least every 5 minutes (kiosk.sync.hub), so three
missed beats mean offline; its own doctor calls a catalogue older than 7 days stale
(kiosk.doctor.system). The printer and the voice come as the kiosk sees them (kiosk.devices):
what CUPS says of the printer, the last print, and the speaker's own problems.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.models import Kiosk

OFFLINE_AFTER = dt.timedelta(minutes=15)
STALE_AFTER = dt.timedelta(days=7)
OUTBOX_BACKLOG = 20  # items waiting on a kiosk: more means its deliveries are failing
CLOCK_OFF_SECONDS = 300.0


def version_key(version: str) -> tuple[int, ...]:
    """'0.10.2' > '0.9.9'; anything after the numbers (a '-dev') is ignored."""
    numbers = re.match(r"\d+(?:\.\d+)*", version.strip())
    return tuple(int(n) for n in numbers.group(0).split(".")) if numbers else ()


@dataclass
class KioskHealth:
    kiosk: Kiosk
    offline: bool = False
    never_seen: bool = False
    stale_catalogue: bool = False
    outbox_failing: bool = False
    outdated: bool = False
    clock_off: bool = False
    printer_broken: bool = False
    speech_broken: bool = False
    revoked: bool = False
    doctor_level: str = "unknown"
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def newest_version(kiosks: list[Kiosk]) -> str:
    """The newest version among the fleet and the kiosk release shipped with this hub."""
    from kiosk import __version__

    versions = [k.version for k in kiosks if k.version] + [__version__]
    return max(versions, key=version_key)


def assess(kiosk: Kiosk, newest: str, now: dt.datetime | None = None) -> KioskHealth:
    now = now or timezone.now()
    h = KioskHealth(kiosk, revoked=kiosk.revoked_at is not None)
    h.doctor_level = str((kiosk.doctor or {}).get("level") or "unknown")
    if h.revoked:
        h.problems.append(_("Revoked: it can no longer reach the hub."))
        return h
    if kiosk.last_seen is None:
        h.never_seen = h.offline = True
        h.problems.append(_("Never seen: not enrolled or never connected."))
    elif now - kiosk.last_seen > OFFLINE_AFTER:
        h.offline = True
        h.problems.append(_("Offline: no news for more than 15 minutes."))
    if kiosk.last_seen is not None:
        if kiosk.catalogue_updated_at is None or now - kiosk.catalogue_updated_at > STALE_AFTER:
            h.stale_catalogue = True
            h.problems.append(_("Job offers are more than 7 days old."))
        if (kiosk.outbox_needs_staff or 0) > 0 or (kiosk.outbox_pending or 0) >= OUTBOX_BACKLOG:
            h.outbox_failing = True
            h.problems.append(_("Outbox: messages are not leaving."))
        if kiosk.version and version_key(kiosk.version) < version_key(newest):
            h.outdated = True
            h.problems.append(_("Outdated version."))
        if abs(kiosk.clock_skew_seconds or 0.0) > CLOCK_OFF_SECONDS:
            h.clock_off = True
            h.problems.append(_("Its clock is wrong."))
        if h.doctor_level == "problem":
            h.problems.append(_("Its self-check found a problem."))
        printer = printer_problem(kiosk.printer or {})
        if printer:
            h.printer_broken = True
            h.problems.append(printer)
        speech = speech_problem(kiosk.speech or {})
        if speech:
            h.speech_broken = True
            h.problems.append(speech)
    return h


def _reason(value: object) -> str:
    return str(value or "").strip()[:200] or "?"


def printer_problem(printer: dict) -> str:
    """Why the printer needs a technician, or "". A heartbeat from a kiosk too old to say
    (only "name") or whose lpstat misbehaved ("unknown") is not flagged."""
    state = printer.get("state")
    reason = _reason(printer.get("reason"))
    if state == "disabled":
        return _("Printer stopped: %(reason)s") % {"reason": reason}
    if state == "rejecting":
        return _("Printer refuses to print: %(reason)s") % {"reason": reason}
    if state == "not_found":
        return _("Printer not found: %(reason)s") % {"reason": reason}
    if state == "no_cups":
        return _("No printing system on the kiosk: %(reason)s") % {"reason": reason}
    last = printer.get("last_print")
    if isinstance(last, dict) and last.get("ok") is False:
        return _("The last print failed: %(reason)s") % {"reason": _reason(last.get("reason"))}
    return ""


def speech_problem(speech: dict) -> str:
    """Why the voice needs a technician, or "". Speech switched off is a choice, not a fault."""
    problems = speech.get("problems")
    if not speech.get("enabled") or not isinstance(problems, list) or not problems:
        return ""
    return _("The voice does not work well: %(reason)s") % {
        "reason": "; ".join(_reason(p) for p in problems[:3])
    }


def fleet(now: dt.datetime | None = None) -> tuple[list[KioskHealth], str]:
    kiosks = list(Kiosk.objects.order_by("name", "id"))
    newest = newest_version(kiosks)
    return [assess(k, newest, now) for k in kiosks], newest
