"""``start``, ``complete`` and ``skip``: an item's status, and with hours a done entry for it, in
one change. Apart from ``status`` because logging the done entry (``entries``) moves the status
with it (``status.note_work``): ``entries`` needs ``status``, this needs both."""

from __future__ import annotations

from datetime import date

from studylog.store.db import Store
from studylog.store.entries import record_done
from studylog.store.journal import change
from studylog.store.records import Status
from studylog.store.status import get_status, set_status


def mark(
    store: Store,
    item: str,
    status: str,
    day: date,
    hours: float | None,
    title: str,
    *,
    today: date | None = None,
    reopen: bool = False,
) -> tuple[Status, int | None]:
    """Record ``status`` for ``item`` on ``day`` in one change (one ``undo``); with ``hours``, also
    a done item "Completed TITLE" for it. The status, and the done item's id if one was logged.
    ``today`` and ``reopen`` as for ``set_status``."""
    done_id = None
    summary = f"{'reopen' if reopen and status == 'started' else status} {item}"
    with change(store, summary) as ch:
        result = set_status(store, item, status, day, "", ch, today=today, reopen=reopen)
        if hours is not None:
            done_id = record_done(store, ch, f"Completed {title}", day, hours, item, None, [])
    return get_status(store, item) or result, done_id
