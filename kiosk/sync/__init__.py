"""Online when it can be: pull offers from France Travail, deliver the outbox, never lose or
duplicate anything. No Qt here; the app drives it through `Scheduler`, the CLI through
`sync_once`, other features through `outbox.enqueue`.
"""

from kiosk.sync.outbox import OutboxItem, enqueue, needs_staff, outbox_counts, retry
from kiosk.sync.run import SyncResult, sync_once
from kiosk.sync.scheduler import Scheduler, Snapshot

__all__ = [
    "OutboxItem",
    "Scheduler",
    "Snapshot",
    "SyncResult",
    "enqueue",
    "needs_staff",
    "outbox_counts",
    "retry",
    "sync_once",
]
