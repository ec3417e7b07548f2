"""The command line's clock: today and now, or the day ``STUDYLOG_TODAY`` fixes (an ISO date) and
the moment ``STUDYLOG_NOW`` fixes (an ISO date and time, ``2024-04-18T14:05``), for reproducible
scripts and tests. The core takes them as arguments; only ``cli`` reads them."""

from __future__ import annotations

import os
from datetime import date, datetime

from studylog.errors import UsageError


def today() -> date:
    """Today, or ``STUDYLOG_TODAY`` (an ISO date) for reproducible scripts and tests; else the
    day of ``STUDYLOG_NOW``."""
    fixed = os.environ.get("STUDYLOG_TODAY")
    if not fixed and os.environ.get("STUDYLOG_NOW"):
        return now().date()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"STUDYLOG_TODAY={fixed!r} is not an ISO date like 2024-04-18") from None
    return date.today()


def now() -> datetime:
    """Now (local time, naive), or ``STUDYLOG_NOW``; with ``STUDYLOG_TODAY`` alone, that day at
    this time of day."""
    moment = os.environ.get("STUDYLOG_NOW")
    if moment:
        try:
            return datetime.fromisoformat(moment.strip()).replace(tzinfo=None)
        except ValueError:
            raise UsageError(f"STUDYLOG_NOW={moment!r} is not an ISO date and time like 2024-04-18T14:05") from None
    fixed = os.environ.get("STUDYLOG_TODAY")
    current = datetime.now().replace(tzinfo=None)
    return datetime.combine(today(), current.time()) if fixed else current
