"""The command line's clock: today and now, or the day ``STUDYLOG_TODAY`` fixes (an ISO date,
for reproducible scripts and tests). The core takes them as arguments; only ``cli`` reads them."""

from __future__ import annotations

import os
from datetime import date, datetime

from studylog.errors import UsageError


def today() -> date:
    """Today, or ``STUDYLOG_TODAY`` (an ISO date) for reproducible scripts and tests."""
    fixed = os.environ.get("STUDYLOG_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"STUDYLOG_TODAY={fixed!r} is not an ISO date like 2024-04-18") from None
    return date.today()


def now() -> datetime:
    fixed = os.environ.get("STUDYLOG_TODAY")
    current = datetime.now().replace(tzinfo=None)
    return datetime.combine(today(), current.time()) if fixed else current
