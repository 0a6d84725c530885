"""What kiosk.devices remembers for the whole process (the printer's last answer, the last
print, the speaker it reads), forgotten between tests."""

from __future__ import annotations

from kiosk import devices


def forget() -> None:
    with devices._lock:
        devices._printer_cache.clear()
        devices._last_print.clear()
    devices.set_speech_source(None)
