"""Study streaks: runs of consecutive calendar days with logged study, where a few planned rest
days a week do not break the run.

A *study day* is a day with at least one done item, or, with ``streak.min_minutes`` set, a day
whose done hours come to at least that many minutes (rounded to the minute; a period's hours are
spread over its days). A *streak* is a run of consecutive calendar
days, starting and ending on a study day, in which every day is a study day except for at most
``rest_days_per_week`` days per week (weeks begin on ``week_start``), which count as planned rest
days. A rest day never starts or ends a streak. A streak's length is the number of calendar days
from its first to its last study day, rest days inside it included.

``study_days`` (``store.hours.study_days``) reads the days; the rest are pure functions of the
days, ``today`` and the settings, so that they are easy to test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from studylog.config import WEEKDAYS
from studylog.store.db import Store
from studylog.store.hours import study_days

_DAY = timedelta(days=1)


def current_streak_in(store: Store, as_of: date, week_start: str, rest_days_per_week: int, min_minutes: int = 0) -> int:
    """``current_streak`` as of ``as_of``, reading only as many recent days as the streak needs
    (a window that grows while the streak reaches its start), so that it costs the same at any
    history size. ``min_minutes``: the study a day needs to count (``store.hours.study_days``)."""
    window = 64
    while True:
        since = as_of - timedelta(days=window)
        streak = current_streak(study_days(store, as_of, since, min_minutes), as_of, week_start, rest_days_per_week)
        if streak < window - 14 or window > 100_000:  # well inside the window: nothing older matters
            return streak
        window *= 8


def week_number(day: date, week_start: str) -> int:
    """A number that is the same for every day of one week (weeks begin on ``week_start``)."""
    # Ordinal 1 (0001-01-01) is a Monday, so ordinal - 1 counts days from a Monday.
    return (day.toordinal() - 1 - WEEKDAYS.index(week_start)) // 7


def _streaks_ending(days: Iterable[date], week_start: str, rest_days_per_week: int) -> Iterator[tuple[date, int]]:
    """For every study day, the length of the longest streak ending on it (oldest first).

    A sliding window over the calendar: for each day ``end``, ``start`` is the earliest day such
    that no week has more than the allowed unlogged days within ``[start, end]``; the streak then
    begins at the first study day at or after ``start``. Adding days only adds unlogged days, so
    ``start`` never moves back, and only ``end``'s week can go over its allowance.
    """
    logged = sorted(set(days))
    if not logged:
        return
    studied = set(logged)
    unlogged: Counter[int] = Counter()  # unlogged days in the window, per week
    start = end = logged[0]
    first = 0  # index in ``logged`` of the first study day at or after ``start``
    while end <= logged[-1]:
        if end in studied:
            while logged[first] < start:
                first += 1
            yield end, (end - logged[first]).days + 1
        else:
            week = week_number(end, week_start)
            unlogged[week] += 1
            while unlogged[week] > rest_days_per_week:
                if start not in studied:
                    unlogged[week_number(start, week_start)] -= 1
                start += _DAY
        end += _DAY


def current_streak(days: Iterable[date], today: date, week_start: str = "monday", rest_days_per_week: int = 0) -> int:
    """The streak ending today, or yesterday if nothing is logged today yet; 0 if there is none.

    Its length is the number of calendar days in it, planned rest days included. Days after
    ``today`` are ignored.
    """
    lengths = dict(_streaks_ending((d for d in days if d <= today), week_start, rest_days_per_week))
    return lengths.get(today) or lengths.get(today - _DAY) or 0


def longest_streak(days: Iterable[date], week_start: str = "monday", rest_days_per_week: int = 0) -> int:
    """The longest streak in ``days`` (calendar days, rest days included); 0 if there are none."""
    return max((n for _, n in _streaks_ending(days, week_start, rest_days_per_week)), default=0)
