"""Pomodoro cycles (``timer start --pomodoro 25/5``): a work period, then a break, in turn until
the learner stops. Which period it is, how long is left and how much work was done are pure
functions of the minutes since the start; ``countdown`` drives them with a clock and a sleep it is
given, so that tests run it with their own.

Only the work periods count as study: stopping logs the minutes of work done (the whole work
periods, and the one running when stopped up to then); a break's minutes are not logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, NoReturn

from studylog.errors import UsageError
from studylog.namedtuple import NamedTuple

DEFAULT = "25/5"
MAX_WORK = 240  # minutes: a work period of up to four hours
MAX_BREAK = 120
_PLAN = re.compile(r"\s*(\d{1,4})\s*/\s*(\d{1,4})\s*")


class Plan(NamedTuple):
    """Minutes of work, then minutes of break, in each cycle."""

    work: int
    rest: int

    def __str__(self) -> str:
        return f"{self.work}/{self.rest}"


def parse_plan(text: str) -> Plan:
    """``25/5`` (work/break minutes) as a Plan; UsageError for anything else."""
    m = _PLAN.fullmatch(text)
    if not m:
        raise UsageError(
            f"--pomodoro takes WORK/BREAK minutes such as 25/5 or 50/10, not {text!r}",
            "give work and break minutes, e.g. --pomodoro 50/10, or --pomodoro alone for 25/5",
        )
    work, rest = int(m.group(1)), int(m.group(2))
    if not 1 <= work <= MAX_WORK or not 1 <= rest <= MAX_BREAK:
        raise UsageError(
            f"--pomodoro {text.strip()}: work must be 1 to {MAX_WORK} minutes and a break 1 to {MAX_BREAK}",
            "e.g. --pomodoro 25/5 or 50/10",
        )
    return Plan(work, rest)


class Period(NamedTuple):
    """Where a pomodoro is: its ``kind`` and ``number`` (the n-th work period, and the break after
    it), the period's ``length`` and the minutes ``left`` in it, and the minutes ``worked`` in all
    work periods so far."""

    kind: Literal["work", "break"]
    number: int
    length: float
    left: float
    worked: float

    @property
    def done(self) -> float:
        """How much of the period is behind, from 0 to 1."""
        return 1 - self.left / self.length if self.length else 1.0


def period_at(plan: Plan, elapsed: float) -> Period:
    """The period ``elapsed`` minutes after the start (a period's end is the next one's start)."""
    cycle = plan.work + plan.rest
    cycles, into = divmod(max(elapsed, 0.0), cycle)
    number = int(cycles) + 1
    if into < plan.work:
        return Period("work", number, plan.work, plan.work - into, cycles * plan.work + into)
    return Period("break", number, plan.rest, cycle - into, number * plan.work)


def worked_minutes(plan: Plan, elapsed: float) -> int:
    """The minutes to log when stopped ``elapsed`` minutes after the start: the work done, to the
    nearest minute (breaks do not count)."""
    return round(period_at(plan, elapsed).worked)


def countdown(
    plan: Plan,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    show: Callable[[Period, bool], None],
    minute: float = 60.0,
    tick: float = 1.0,
) -> NoReturn:
    """Run the cycles until ``sleep`` (or ``show``) raises, such as KeyboardInterrupt on Ctrl-C:
    ``show(period, new)`` at the start and after every ``tick`` seconds of ``clock``, with ``new``
    true when a period has just begun (the first one included). ``minute``: the seconds a minute
    lasts (60; tests make it shorter). Each sleep ends at the latest when the period does, so that
    a new period is shown as it begins."""
    start = clock()
    shown: tuple[str, int] | None = None
    while True:
        period = period_at(plan, (clock() - start) / minute)
        show(period, (period.kind, period.number) != shown)
        shown = (period.kind, period.number)
        sleep(max(min(tick, period.left * minute), 0.001))
