"""A pomodoro's countdown as text (``timer start --pomodoro``): the line a terminal redraws every
second, and the line written once per period when the output is not a terminal."""

from __future__ import annotations

from studylog.pomodoro import Period

_LABEL = {"work": "Work", "break": "Break"}


def _clock(minutes: float) -> str:
    """Minutes as m:ss (rounded up to the second, so that 0:00 shows only at the end)."""
    seconds = max(int(-(-round(minutes * 60, 6) // 1)), 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _worked(minutes: float) -> str:
    whole = int(minutes)
    return f"{whole // 60}h{whole % 60:02d}m" if whole >= 60 else f"{whole}m"


def countdown_line(period: Period, width: int = 80) -> str:
    """``Work 2  ███████░░░░░░░░░  12:34 left · 37m worked``, at most ``width`` characters."""
    head = f"{_LABEL[period.kind]} {period.number}"
    tail = f"{_clock(period.left)} left · {_worked(period.worked)} worked"
    room = min(30, width - len(head) - len(tail) - 5)
    if room < 5:
        return f"{head}  {tail}"[: max(width - 1, 1)]
    filled = round(period.done * room)
    return f"{head}  {'█' * filled}{'░' * (room - filled)}  {tail}"


def period_line(period: Period) -> str:
    """``Break 1: 5 min (25m worked)``: a period as it begins, for output that is not a terminal."""
    return f"{_LABEL[period.kind]} {period.number}: {round(period.length)} min ({_worked(period.worked)} worked)"
