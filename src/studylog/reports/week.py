"""A week at a glance (hours per day, curriculum and item; done items; goals; streak; the change
from the week before) and a trend over several weeks.

Weeks begin on the configured ``week_start``. Dates are calendar days, so a week always has
seven of them whatever the clocks do.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from studylog.config import WEEKDAYS
from studylog.errors import UsageError
from studylog.namedtuple import NamedTuple
from studylog.reports.targets import TargetProgress, week_targets
from studylog.store.db import Store
from studylog.store.hours import DoneHours, done_hours, per_curriculum, per_day, per_item
from studylog.store.records import CARRY_OVER_DAYS, Done, Goal
from studylog.store.tags import TagHours

_WEEK_HINT = "give 'this', 'last', 'next', an ISO week like 2024-W16, or a day in the week like 2024-04-18"
_ISO_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})$")


def week_bounds(when: date, week_start: str) -> tuple[date, date]:
    """The first and last day of the week (beginning on ``week_start``) that contains ``when``."""
    start = when - timedelta(days=(when.weekday() - WEEKDAYS.index(week_start)) % 7)
    return start, start + timedelta(days=6)


def parse_week(text: str | None, today: date, week_start: str) -> date:
    """A day in the week ``text`` names: ``this`` (or None), ``last``, ``next``, an ISO week such as
    ``2023-W28`` (its Monday: ISO weeks begin on Mondays), or any day ``parse_date`` reads."""
    from studylog.dates import parse_date

    s = " ".join(("this" if text is None else text).strip().lower().split()).removesuffix(" week")
    if s == "this":
        return today
    if s == "last":
        return today - timedelta(days=7)
    if s == "next":
        return today + timedelta(days=7)
    if m := _ISO_WEEK.match(s):
        try:
            day = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            raise UsageError(f"{text!r} is not a week of {m.group(1)}", _WEEK_HINT) from None
    else:
        try:
            day = parse_date(s, today)
        except UsageError:
            raise UsageError(f"cannot read {text!r} as a week", _WEEK_HINT) from None
    if not 1000 <= day.year <= 9998:  # leaves room for the weeks around it in any report
        raise UsageError(f"{text!r} is too far in the past or future", _WEEK_HINT)
    return day


def round_hours(value: float) -> float:
    """Hours as JSON shows them: to 2 decimals (never -0.0)."""
    return round(value, 2) + 0.0


class DayHours(NamedTuple):
    day: date
    hours: float
    entries: int = 0  # done items that day, with or without hours

    def to_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "hours": round_hours(self.hours)}


class Share(NamedTuple):
    """Hours spent on one curriculum or item (``key`` None: done items without an item)."""

    key: str | None
    hours: float


def _shares(hours: dict[str | None, float]) -> list[Share]:
    ordered = sorted(hours.items(), key=lambda kv: (-round(kv[1], 4), kv[0] is None, kv[0] or ""))
    return [Share(k, v) for k, v in ordered]


class WeekReport(NamedTuple):
    start: date
    end: date
    today: date
    week_start: str
    rest_days_per_week: int
    days: list[DayHours]
    curricula: list[Share]
    items: list[Share]
    done: list[Done]
    goals: list[Goal]
    streak: int
    previous_total_hours: float
    carry_days: int = CARRY_OVER_DAYS
    tag: str | None = None  # week --tag: only the entries with this tag count
    tags: tuple[TagHours, ...] = ()  # hours per tag of the week's done entries (none: no tags)
    targets: tuple[TargetProgress, ...] = ()  # the weekly targets set, against this week's hours

    def state(self, goal: Goal) -> str:
        """A goal's state as of today, as every other view tells it."""
        return goal.state(self.today, self.carry_days)

    def _with_targets(self, targets: dict[str | None, float]) -> WeekReport:
        if not targets:
            return self

        shares = {s.key: s.hours for s in self.curricula if s.key}
        return self._replace(targets=tuple(week_targets(targets, self.total_hours, shares)))

    @property
    def total_hours(self) -> float:
        return sum(d.hours for d in self.days)

    @property
    def change_hours(self) -> float:
        """This week's hours less the week before's, as shown (so that the numbers add up)."""
        return round_hours(round_hours(self.total_hours) - round_hours(self.previous_total_hours))

    @property
    def goals_set(self) -> int:
        return len(self.goals)

    @property
    def goals_met(self) -> int:
        return sum(1 for g in self.goals if self.state(g) == "met")

    def done_by_day(self) -> list[tuple[date, list[Done]]]:
        grouped: dict[date, list[Done]] = defaultdict(list)
        for d in self.done:
            grouped[d.day].append(d)
        return sorted(grouped.items())

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "week_start": self.week_start,
            "total_hours": round_hours(self.total_hours),
            "days": [d.to_json() for d in self.days],
            "curricula": [{"id": s.key, "hours": round_hours(s.hours)} for s in self.curricula],
            "items": [{"item": s.key, "hours": round_hours(s.hours)} for s in self.items],
            "done": [
                {"date": day.isoformat(), "entries": [d.to_json() for d in done]} for day, done in self.done_by_day()
            ],
            "goals": [g.to_json(self.end, self.today, self.carry_days) for g in self.goals],
            "goals_set": self.goals_set,
            "goals_met": self.goals_met,
            "streak": self.streak,
            "rest_days_per_week": self.rest_days_per_week,
            "previous_total_hours": round_hours(self.previous_total_hours),
            "change_hours": round_hours(self.change_hours),
            "tag": self.tag,
            "tags": [t.to_json() for t in self.tags],
            "targets": [t.to_json() for t in self.targets],
        }


def daily_hours(rows: list[DoneHours], first: date, last: date) -> list[DayHours]:
    """Every day from ``first`` to ``last`` with its hours, from ``store.hours.done_hours`` rows."""
    logged = per_day(rows)
    n = (last - first).days + 1
    return [DayHours(d, *logged.get(d, (0.0, 0))) for d in (first + timedelta(days=i) for i in range(n))]


def week_report(
    store: Store,
    when: date,
    today: date,
    week_start: str = "monday",
    rest_days: int = 0,
    carry_days: int = CARRY_OVER_DAYS,
    tag: str | None = None,
    targets: dict[str | None, float] | None = None,
    min_minutes: int = 0,
) -> WeekReport:
    """The week containing ``when``; its streak is the current one as of ``min(today, end)``.
    With ``tag``, only the entries with that tag count (hours, done items, goals, the week
    before); the streak is the learner's, whatever they studied, counting the days with at least
    ``min_minutes`` of study (``streak.min_minutes``)."""
    from studylog.reports.streaks import current_streak_in
    from studylog.store.entries import goals_in, log
    from studylog.store.tags import hours_by_tag

    start, end = week_bounds(when, week_start)
    rows = done_hours(store, start, end, tag=tag)
    done = [
        e.entry for e in reversed(log(store, since=start, until=end, kind="done", tag=tag)) if isinstance(e.entry, Done)
    ]
    as_of = min(today, end)
    streak = current_streak_in(store, as_of, week_start, rest_days, min_minutes)
    previous = done_hours(store, start - timedelta(days=7), start - timedelta(days=1), by="day", tag=tag)
    per_tag = tuple(hours_by_tag(store, start, end)) if tag is None else ()
    return WeekReport(
        start,
        end,
        today,
        week_start,
        rest_days,
        daily_hours(rows, start, end),
        _shares(per_curriculum(rows)),
        _shares(per_item(rows)),
        done,
        goals_in(store, start, end, tag),
        streak,
        sum((r.hours for r in previous), 0.0),
        carry_days,
        tag,
        per_tag,
    )._with_targets(targets or {})


class TrendWeek(NamedTuple):
    start: date
    end: date
    hours: float
    items_completed: int
    target: float | None = None  # the weekly target (target.week), if one is set

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.hours >= self.target - 1e-9

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "hours": round_hours(self.hours),
            "items_completed": self.items_completed,
            "target_met": self.met,
        }


class Trend(NamedTuple):
    week_start: str
    weeks: list[TrendWeek]

    @property
    def total_hours(self) -> float:
        return sum(w.hours for w in self.weeks)

    @property
    def items_completed(self) -> int:
        return sum(w.items_completed for w in self.weeks)

    def to_json(self) -> dict[str, Any]:
        return {
            "week_start": self.week_start,
            "total_hours": round_hours(self.total_hours),
            "items_completed": self.items_completed,
            "weeks": [w.to_json() for w in self.weeks],
        }


def week_trend(
    store: Store,
    when: date,
    weeks: int,
    week_start: str = "monday",
    tag: str | None = None,
    target: float | None = None,
) -> Trend:
    """Hours and items completed in each of ``weeks`` weeks, oldest first, ending with the week
    that contains ``when``; with ``tag``, the hours of the entries with that tag only; with a
    weekly ``target``, whether each week met it."""
    if weeks < 1:
        raise UsageError(f"the number of weeks must be at least 1, not {weeks}")
    last_start, last_end = week_bounds(when, week_start)
    first = last_start - timedelta(days=7 * (weeks - 1))
    from studylog.store.status import completions_by_day

    week_hours: dict[int, float] = defaultdict(float)
    week_items: dict[int, int] = defaultdict(int)
    for day, (hours, _) in per_day(done_hours(store, first, last_end, by="day", tag=tag)).items():
        week_hours[(day - first).days // 7] += hours
    for day, completed in completions_by_day(store, first, last_end).items():
        week_items[(day - first).days // 7] += completed
    return Trend(
        week_start,
        [
            TrendWeek(
                first + timedelta(days=7 * i), first + timedelta(days=7 * i + 6), week_hours[i], week_items[i], target
            )
            for i in range(weeks)
        ],
    )
