"""Plain typed data that queries return and renderers format.

Immutable records are ``NamedTuple``s rather than frozen dataclasses: everyday commands build
these classes on every start, and ``dataclasses`` costs about 7 ms to import (it imports
``inspect``) and 0.6 ms a class, against 0.15 ms for a NamedTuple (docs/performance.md)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple, overload

from studylog.note import Note

__all__ = ["DayView", "Done", "Goal", "ItemEvent", "LogEntry", "Note", "Status", "as_date"]


@overload
def as_date(value: None) -> None: ...
@overload
def as_date(value: date | str) -> date: ...
def as_date(value: Any) -> date | None:
    """A database value as a date (SQLite gives ISO text, PostgreSQL dates); None stays None. A
    row's value is ``Any`` to mypy, and so is this function's result for it."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def period_json(period: tuple[date, date] | None) -> dict[str, str] | None:
    """A period as JSON: ``{"start", "end"}`` (ISO days, both included), or None for one day."""
    return {"start": period[0].isoformat(), "end": period[1].isoformat()} if period else None


class Goal(NamedTuple):
    id: int
    day: date
    text: str
    item: str | None
    met_on: date | None
    dropped_on: date | None
    notes: Sequence[Note] = ()
    period: tuple[date, date] | None = None
    style: str | None = None
    source: str | None = None  # the kind of file it was imported from (None: logged here)
    items: tuple[str, ...] = ()  # every item it is linked to, ``item`` first
    lapse_on: date | None = None  # not met by this day, it is no longer carried over

    def met_by(self, day: date) -> bool:
        return self.met_on is not None and self.met_on <= day

    def to_json(self, day: date | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.day.isoformat(),
            "text": self.text,
            "item": self.item,
            "items": list(self.items),
            "period": period_json(self.period),
            "met": self.met_by(day) if day else self.met_on is not None,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "dropped_on": self.dropped_on.isoformat() if self.dropped_on else None,
            "notes": [n._asdict() for n in self.notes],
        }


class Done(NamedTuple):
    id: int
    day: date
    text: str
    hours: float | None
    item: str | None
    goal_id: int | None
    notes: Sequence[Note] = ()
    period: tuple[date, date] | None = None
    style: str | None = None
    source: str | None = None  # the kind of file it was imported from (None: logged here)
    items: tuple[str, ...] = ()  # every item it is linked to, ``item`` first

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.day.isoformat(),
            "text": self.text,
            "hours": self.hours,
            "item": self.item,
            "items": list(self.items),
            "period": period_json(self.period),
            "goal": self.goal_id,
            "notes": [n._asdict() for n in self.notes],
        }


class DayView(NamedTuple):
    day: date
    goals: list[Goal]
    carried: list[Goal]
    done: list[Done]

    @property
    def total_hours(self) -> float:
        return round(sum(d.hours or 0 for d in self.done), 4)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "goals": [g.to_json(self.day) for g in self.goals],
            "carried_over": [g.to_json(self.day) for g in self.carried],
            "done": [d.to_json() for d in self.done],
            "total_hours": self.total_hours,
        }


class LogEntry(NamedTuple):
    """One line of ``studylog log``: a goal or a done item."""

    kind: str
    entry: Goal | Done
    owner: str | None = None  # set when listing every learner's entries

    def to_json(self) -> dict[str, Any]:
        data = self.entry.to_json()
        data["kind"] = self.kind
        if self.kind == "goal":
            data.setdefault("hours", None)
        if self.owner is not None:
            data["owner"] = self.owner
        return data


class Status(NamedTuple):
    item: str
    status: str
    started_on: date | None
    completed_on: date | None
    skipped_on: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "status": self.status,
            "started_on": self.started_on.isoformat() if self.started_on else None,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "skipped_on": self.skipped_on.isoformat() if self.skipped_on else None,
        }


class ItemEvent(NamedTuple):
    """One step of an item's status history: ``event`` is started, completed, reopened or skipped."""

    item: str
    event: str
    day: date

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event, "date": self.day.isoformat()}
