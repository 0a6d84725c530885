"""Encryption at rest for saved spaces and relayed e-mails: AES-256-GCM under HUB_DATA_KEY.

The key lives outside the database (environment, or the local hub's secrets file), so a
dump or a backup of PostgreSQL alone reveals no CV. The row's id is the associated data: a
ciphertext copied onto another row does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE = 12


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode("ascii")


def _key() -> bytes:
    text = settings.HUB_DATA_KEY
    if not text:
        raise ImproperlyConfigured("HUB_DATA_KEY is not set (see docs/hub.md)")
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured("HUB_DATA_KEY is not base64") from exc
    if len(key) != 32:
        raise ImproperlyConfigured("HUB_DATA_KEY must be 32 bytes in base64")
    return key


def seal(plain: bytes, context: str) -> bytes:
    nonce = os.urandom(NONCE)
    return nonce + AESGCM(_key()).encrypt(nonce, plain, context.encode())


def open_sealed(sealed: bytes, context: str) -> bytes:
    sealed = bytes(sealed)
    return AESGCM(_key()).decrypt(sealed[:NONCE], sealed[NONCE:], context.encode())


def mac(purpose: str, data: bytes) -> str:
    """A keyed hash (hex): the same input gives the same value, unguessable without the key."""
    sub = hmac.new(_key(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(sub, data, hashlib.sha256).hexdigest()
