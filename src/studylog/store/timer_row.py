"""The running timer's row, read without loading ``store.timer``: building its records (two
NamedTuple classes) is most of what the timer costs ``today``, ``week`` and the dashboard, which
usually find no timer. They ask here first, and load ``store.timer`` only for a row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studylog.store.db import Store

SINCE_SCHEMA = 9  # the timer table


def running_row(store: Store) -> dict[str, Any] | None:
    """The owner's running timer as a row (None: none, or a store older than schema 9)."""
    if store.schema_version < SINCE_SCHEMA:
        return None
    return store.one("SELECT id, text, item, started_at, host FROM timer WHERE owner = :owner", owner=store.owner)
