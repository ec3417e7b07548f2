"""Plain typed data that queries return and renderers format.

Immutable records are ``NamedTuple``s rather than frozen dataclasses: everyday commands build
these classes on every start, and ``dataclasses`` costs about 7 ms to import (it imports
``inspect``) and 0.6 ms a class, against 0.15 ms for a ``typing.NamedTuple`` and a third of that for
``studylog.namedtuple.NamedTuple``, which they use (docs/performance.md)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, overload

from studylog.namedtuple import NamedTuple
from studylog.note import Note

__all__ = [
    "CARRY_OVER_DAYS",
    "GOAL_STATES",
    "DayView",
    "Done",
    "Goal",
    "ItemEvent",
    "LogEntry",
    "Note",
    "Status",
    "as_date",
]

CARRY_OVER_DAYS = 14  # the default of the carry_over_days setting
GOAL_STATES = ("open", "met", "dropped", "lapsed")


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
    tags: tuple[str, ...] = ()  # normalised (studylog.tags): its text's #words and --tag

    def met_by(self, day: date) -> bool:
        return self.met_on is not None and self.met_on <= day

    def lapses(self, carry_days: int = CARRY_OVER_DAYS) -> date:
        """The first day it is no longer carried over, unless met or dropped before: after
        ``carry_days`` days, or its own ``lapse_on`` if sooner (an imported plan)."""
        by_setting = self.day + timedelta(days=carry_days + 1)
        return min(self.lapse_on, by_setting) if self.lapse_on else by_setting

    def state(self, on: date, carry_days: int = CARRY_OVER_DAYS) -> str:
        """Where it stands on day ``on``: met, dropped, lapsed (not met within the carry-over
        days) or open. Every view asks this with today, so they all agree."""
        if self.met_on is not None and self.met_on <= on:
            return "met"
        if self.dropped_on is not None and self.dropped_on <= on:
            return "dropped"
        return "lapsed" if on >= self.lapses(carry_days) else "open"

    def to_json(
        self, day: date | None = None, today: date | None = None, carry_days: int = CARRY_OVER_DAYS
    ) -> dict[str, Any]:
        state_on = today or day
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
            "state": self.state(state_on, carry_days) if state_on else None,
            "lapses_on": self.lapses(carry_days).isoformat()
            if self.met_on is None and self.dropped_on is None
            else None,
            "notes": [n._asdict() for n in self.notes],
            "tags": list(self.tags),
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
    tags: tuple[str, ...] = ()  # normalised (studylog.tags): its text's #words and --tag

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
            "tags": list(self.tags),
        }


class DayView(NamedTuple):
    day: date
    goals: list[Goal]
    carried: list[Goal]
    done: list[Done]
    today: date | None = None  # the day goal states are told as of (None: ``day``)
    carry_days: int = CARRY_OVER_DAYS
    hours: float | None = None  # the day's hours as reports count them (its share of periods)

    def state(self, goal: Goal) -> str:
        return goal.state(self.today or self.day, self.carry_days)

    @property
    def total_hours(self) -> float:
        if self.hours is not None:
            return round(self.hours, 4)
        return round(sum(d.hours or 0 for d in self.done), 4)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "goals": [g.to_json(self.day, self.today, self.carry_days) for g in self.goals],
            "carried_over": [g.to_json(self.day, self.today, self.carry_days) for g in self.carried],
            "done": [d.to_json() for d in self.done],
            "total_hours": self.total_hours,
        }


class LogEntry(NamedTuple):
    """One line of ``studylog log``: a goal or a done item."""

    kind: str
    entry: Goal | Done
    owner: str | None = None  # set when listing every learner's entries
    today: date | None = None  # the day a goal's state is told as of
    carry_days: int = CARRY_OVER_DAYS

    @property
    def state(self) -> str | None:
        """A goal's state (open, met, dropped, lapsed) as of ``today``; None for a done item."""
        if not isinstance(self.entry, Goal):
            return None
        return self.entry.state(self.today or self.entry.day, self.carry_days)

    def to_json(self) -> dict[str, Any]:
        entry = self.entry
        data = entry.to_json(None, self.today, self.carry_days) if isinstance(entry, Goal) else entry.to_json()
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
