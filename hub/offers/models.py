"""The relayed offers, in PostgreSQL (docs/hub.md, "Offers relay").

Every row carries `version`, drawn from one sequence each time the row changes (added,
changed, or removed: a removal is kept as a tombstone, `removed` with no text), so a kiosk
asks "what changed after version V" and gets every change exactly once, in order. Versions are
only drawn inside the apply transaction, which holds an advisory lock: two applies never
interleave, so a reader never sees version 105 committed while 103 is still to come.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

VERSION_SEQUENCE = "hub_offers_version_seq"


class RelayedOffer(models.Model):
    id = models.CharField(primary_key=True, max_length=64)  # France Travail's offer id
    departement = models.CharField(max_length=3, db_index=True)  # "" when the offer says none
    raw = models.TextField(null=True)  # the offer's JSON as the kiosk stores it; None: removed
    removed = models.BooleanField(default=False)
    version = models.BigIntegerField(unique=True)
    changed_at = models.DateTimeField()

    class Meta:
        db_table = "hub_offers_offer"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["departement", "version"], name="hub_offers_dep_version"),
            models.Index(fields=["removed", "changed_at"], name="hub_offers_tombstones"),
        ]


class OfferFeed(models.Model):
    """One row (id 1): the schedule and what the last pulls did."""

    id = models.SmallIntegerField(primary_key=True, default=1)
    next_pull_at = models.DateTimeField(null=True)
    last_started_at = models.DateTimeField(null=True)
    last_finished_at = models.DateTimeField(null=True)
    last_ok = models.BooleanField(null=True)
    last_report = models.JSONField(default=dict)
    # département -> when it was last refreshed *completely* (ISO 8601 UTC).
    areas = models.JSONField(default=dict)
    # name -> {"updated_at", "items"}: the API's reference lists, refreshed weekly.
    reference_lists = models.JSONField(default=dict)
    # département -> when a kiosk last asked for it (pulled without HUB_FRANCETRAVAIL_DEPARTEMENTS).
    wanted = models.JSONField(default=dict)
    # Tombstones up to this version were purged: a kiosk behind it starts again from nothing.
    purged_version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "hub_offers_feed"
