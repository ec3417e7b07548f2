"""The running timer (``timer``, schema 9): at most one a learner, in the store, so that it
survives closed terminals and reboots and follows the learner between machines on PostgreSQL.

Stopping it logs what it measured, to the minute, as a done item on the day it ran. A timer that
ran across midnight logs one done item a day, each with that day's minutes (a part of under a
minute goes to the other day), so that every day's hours are the ones studied on it. A timer that
ran over 12 hours is not stopped "now": that is a timer left running, and the learner gives the
time they stopped. Starting, stopping, switching and cancelling are each one change for ``undo``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from studylog.errors import ConflictError
from studylog.namedtuple import NamedTuple
from studylog.store.timer_row import running_row

if TYPE_CHECKING:
    from studylog.store.db import Store

LEFT_RUNNING = timedelta(hours=12)  # longer than this, "timer stop" asks for the time it stopped


class Timer(NamedTuple):
    id: int
    text: str
    item: str | None
    started_at: datetime
    host: str | None

    def elapsed(self, now: datetime) -> timedelta:
        return max(now - self.started_at, timedelta(0))

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "text": self.text,
            "item": self.item,
            "started_at": self.started_at.isoformat(timespec="minutes"),
            "minutes": int(self.elapsed(now).total_seconds() // 60),
            "host": self.host,
        }


def _as_datetime(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def running(store: Store) -> Timer | None:
    """The owner's running timer (None: none, or a store older than schema 9)."""
    row = running_row(store)
    return from_row(row) if row is not None else None


def from_row(row: dict[str, Any]) -> Timer:
    """The timer a ``store.timer_row.running_row`` row holds."""
    return Timer(int(row["id"]), row["text"], row["item"], _as_datetime(row["started_at"]), row["host"])


def _refuse_running(timer: Timer) -> None:
    raise ConflictError(
        f"a timer is running since {_when(timer.started_at)}: {timer.text}",
        "stop it with 'studylog timer stop', or start the next with 'timer start --switch'",
    )


def _when(at: datetime) -> str:
    return f"{at.strftime('%H:%M')} on {at.date().isoformat()}"


def start(store: Store, text: str, item: str | None, at: datetime, now: datetime) -> Timer:
    """Start a timer at ``at`` (``now``, or earlier with ``--at``); refused while one runs."""
    from studylog.store.journal import change

    with change(store, f"timer start {text!r}") as ch:
        current = running(store)
        if current is not None:
            _refuse_running(current)
        timer_id = _insert(store, ch, text, item, at, now)
    found = running(store)
    assert found is not None and found.id == timer_id
    return found


def _insert(store: Store, ch: Any, text: str, item: str | None, at: datetime, now: datetime) -> int:
    """The timer row, inside an open change (``start``, and ``stop`` that starts the next)."""
    from studylog.store.journal import this_host

    return ch.insert(
        "timer",
        {
            "owner": store.owner,
            "text": text,
            "item": item,
            "started_at": at.replace(second=0, microsecond=0),
            "host": this_host(),
            "created_at": now,
        },
    )


class Logged(NamedTuple):
    """What stopping a timer logged: the timer, and each done entry's (id, day, hours)."""

    timer: Timer
    entries: list[tuple[int, date, float]]


def split_by_day(start_at: datetime, stop_at: datetime) -> list[tuple[date, int]]:
    """The minutes from ``start_at`` to ``stop_at`` on each day they cover, to the minute; a day
    with under a minute of it gives its part to the next (or the previous) day."""
    total = round((stop_at - start_at).total_seconds() / 60)
    parts: list[tuple[date, int]] = []
    at = start_at
    while at.date() < stop_at.date():
        midnight = datetime.combine(at.date() + timedelta(days=1), datetime.min.time())
        parts.append((at.date(), round((midnight - at).total_seconds() / 60)))
        at = midnight
    parts.append((stop_at.date(), round((stop_at - at).total_seconds() / 60)))
    kept = [p for p in parts if p[1] > 0]
    if not kept:
        return []
    counted = sum(m for _, m in kept)
    if counted != total:  # rounding of the parts: the difference goes to the longest
        longest = max(range(len(kept)), key=lambda n: kept[n][1])
        kept[longest] = (kept[longest][0], kept[longest][1] + total - counted)
    return [p for p in kept if p[1] > 0]


def stop(
    store: Store,
    at: datetime,
    now: datetime,
    notes: list[Any] | None = None,
    *,
    given_at: bool = False,
    then_start: tuple[str, str | None] | None = None,
) -> Logged:
    """Stop the running timer at ``at`` and log what it measured (see the module's docstring);
    with ``then_start`` (text, item), start the next at the same moment, in the same change."""
    from studylog.store.entries import record_done
    from studylog.store.journal import change

    with change(store, "timer stop") as ch:
        timer = running(store)
        if timer is None:
            raise ConflictError("no timer is running", "start one with 'studylog timer start TEXT'")
        if at < timer.started_at:
            raise ConflictError(
                f"the timer started at {_when(timer.started_at)}, after {_when(at)}", "give a later --at"
            )
        if not given_at and at - timer.started_at > LEFT_RUNNING:
            hours = (at - timer.started_at).total_seconds() / 3600
            raise ConflictError(
                f"the timer has run {hours:.0f} hours since {_when(timer.started_at)}, so it was likely left running",
                "give the time you stopped, e.g. 'timer stop --at 18:30' or --at 'yesterday 23:10' "
                "(or drop it with 'timer cancel')",
            )
        parts = split_by_day(timer.started_at, at.replace(second=0, microsecond=0))
        if not parts:
            raise ConflictError(
                "the timer ran less than a minute; nothing to log", "drop it with 'studylog timer cancel'"
            )
        logged = []
        for n, (day, minutes) in enumerate(parts):
            hours = round(minutes / 60, 4)
            entry_id = record_done(
                store, ch, timer.text, day, hours, timer.item, None, list(notes or []) if n == 0 else []
            )
            logged.append((entry_id, day, hours))
        ch.delete("timer", timer.id)
        if then_start is not None:
            _insert(store, ch, then_start[0], then_start[1], at, now)
    return Logged(timer, logged)


def cancel(store: Store) -> Timer:
    """Drop the running timer without logging anything."""
    from studylog.store.journal import change

    with change(store, "timer cancel") as ch:
        timer = running(store)
        if timer is None:
            raise ConflictError("no timer is running", "start one with 'studylog timer start TEXT'")
        ch.delete("timer", timer.id)
    return timer
