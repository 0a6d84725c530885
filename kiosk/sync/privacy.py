"""Keeping personal data out of logs and staff screens.

Error texts from other servers can quote what we sent them: an SMTP server refusing a
recipient names the address. Such texts pass through `redact` before they are kept.
"""

from __future__ import annotations

import re

_ADDRESS = re.compile(r"[^\s<>\"'(),;:]+@[^\s<>\"'(),;:]+")


def redact(text: str, limit: int = 200) -> str:
    return _ADDRESS.sub("<address>", text)[:limit]
