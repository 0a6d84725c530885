"""Errors of the speech package."""

from __future__ import annotations


class SpeechError(Exception):
    """Speech cannot be produced or played; the message says why in plain words."""
