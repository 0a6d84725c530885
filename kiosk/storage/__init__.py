"""SQLite storage: one way to open, check and migrate a database file."""

from kiosk.storage.database import (
    Opened,
    Schema,
    StorageError,
    connect,
    integrity_problem,
    is_storage_fault,
    migrate,
    move_aside,
    open_database,
    scrub,
    user_version,
)

__all__ = [
    "Opened",
    "Schema",
    "StorageError",
    "connect",
    "integrity_problem",
    "is_storage_fault",
    "migrate",
    "move_aside",
    "open_database",
    "scrub",
    "user_version",
]
