"""A year of study: hours on every day of the year, with the current and longest streaks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from studylog.errors import UsageError
from studylog.reports.week import DayHours, round_hours
from studylog.store.db import Store
from studylog.store.hours import done_hours, per_day


@dataclass(frozen=True)
class Calendar:
    year: int
    today: date
    week_start: str
    rest_days_per_week: int
    days: list[DayHours]  # every day of the year, 1 January first
    current_streak: int  # as of today
    longest_streak: int  # over all history up to today

    @property
    def total_hours(self) -> float:
        return sum(d.hours for d in self.days)

    @property
    def study_days(self) -> int:
        return sum(1 for d in self.days if d.entries)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "start": self.days[0].day.isoformat(),
            "end": self.days[-1].day.isoformat(),
            "week_start": self.week_start,
            "total_hours": round_hours(self.total_hours),
            "study_days": self.study_days,
            "days": [d.to_json() for d in self.days],
            "current_streak": self.current_streak,
            "longest_streak": self.longest_streak,
            "rest_days_per_week": self.rest_days_per_week,
        }


def check_year(year: int) -> None:
    if not 1000 <= year <= 9998:
        raise UsageError(f"{year} is not a year studylog can show", "give a year like 2024")


def year_calendar(
    store: Store, year: int, today: date, week_start: str = "monday", rest_days: int = 0, min_minutes: int = 0
) -> Calendar:
    """Hours on each day of ``year`` (done hours by day over the year), its study days, and the
    streaks: the current one as of ``today`` and the longest over all history, counting the days
    with at least ``min_minutes`` of study (``streak.min_minutes``; 0: any done item)."""
    from studylog.reports.streaks import current_streak, longest_streak, study_days

    check_year(year)
    first, last = date(year, 1, 1), date(year, 12, 31)
    logged = per_day(done_hours(store, first, last, by="day"))
    days = [
        DayHours(date.fromordinal(n), *logged.get(date.fromordinal(n), (0.0, 0)))
        for n in range(first.toordinal(), last.toordinal() + 1)
    ]
    history = study_days(store, today, None, min_minutes)
    return Calendar(
        year,
        today,
        week_start,
        rest_days,
        days,
        current_streak(history, today, week_start, rest_days),
        longest_streak(history, week_start, rest_days),
    )
