"""Times of day as typed for a timer (``timer start --at 14:05``, ``--at '20 minutes ago'``):
never after now. Its own module, so that the everyday commands, which read days
(``studylog.dates``), do not compile these patterns."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from studylog.dates import parse_date
from studylog.errors import UsageError

_CLOCK_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_TIME_AGO = re.compile(r"^(?:(\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,4})\s*m(?:in(?:ute)?s?)?)?\s+ago$")
_TIME_HINT = "give a time like 14:05, '20 minutes ago', '1h30m ago' or 'yesterday 23:10'"


def parse_time(text: str, now: datetime) -> datetime:
    """The moment ``text`` names, never after ``now`` (``timer --at``): ``14:05`` is the latest
    such time (today, or yesterday when today's is still to come), ``20 minutes ago``, ``1h30m
    ago``, ``now``, or a day and a time (``yesterday 23:10``, ``2024-04-17 23:10``)."""
    s = " ".join(text.strip().lower().split())
    if s == "now":
        return now.replace(second=0, microsecond=0)
    m = _TIME_AGO.match(s)
    if m and (m.group(1) or m.group(2)):
        return (now - timedelta(hours=int(m.group(1) or 0), minutes=int(m.group(2) or 0))).replace(microsecond=0)
    day_text, _, clock = s.rpartition(" ")
    m = _CLOCK_TIME.match(clock)
    if m is None:
        raise UsageError(f"cannot read {text!r} as a time", _TIME_HINT)
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        raise UsageError(f"{text!r} is not a time of day", _TIME_HINT)
    if day_text:
        at = datetime.combine(parse_date(day_text, now.date()), time(hour, minute))
    else:
        at = datetime.combine(now.date(), time(hour, minute))
        if at > now:
            at -= timedelta(days=1)
    if at > now:
        raise UsageError(f"{text!r} is in the future", "a timer starts and stops now or earlier")
    return at
