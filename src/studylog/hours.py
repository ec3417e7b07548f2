"""Parse hours as typed on the command line: ``2``, ``2.5``, ``1h30m``, ``90m``, ``1:30``."""

from __future__ import annotations

import math
import re

from studylog.errors import UsageError

MAX_HOURS_PER_DAY = 24.0
_HINT = "give hours like 2, 2.5, 1h30m, 90m or 1:30 (more than 0, at most 24)"
_NUMBER = re.compile(r"^-?(?:\d+(?:\.\d+)?|\.\d+)$")
_HM = re.compile(r"^(?:(\d+(?:\.\d+)?)\s*h(?:rs?|ours?)?)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in(?:s|utes?)?)?)?$")
_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")


def parse_hours(text: str, days: int = 1) -> float:
    """Return the number of hours ``text`` gives; raise UsageError unless 0 < hours <= 24 (24 a
    day over ``days`` days, for an entry that covers a period)."""
    s = text.strip().lower()
    value: float | None = None
    if _NUMBER.match(s):
        value = float(s)
    elif m := _CLOCK.match(s):
        value = int(m.group(1)) + int(m.group(2)) / 60
    elif s and (m := _HM.match(s)) and (m.group(1) or m.group(2)):
        value = float(m.group(1) or 0) + float(m.group(2) or 0) / 60
    if value is None or not math.isfinite(value):
        raise UsageError(f"cannot read {text!r} as hours", _HINT)
    value = round(value, 4)
    if value <= 0:
        raise UsageError(f"hours must be more than 0, got {text!r}", _HINT)
    if value > MAX_HOURS_PER_DAY * days:
        if days > 1:
            raise UsageError(
                f"{text!r} is more than 24 hours a day over {days} days", "give the hours the whole period took"
            )
        raise UsageError(f"{text!r} is more than 24 hours", _HINT)
    return value


def format_hours(hours: float | None) -> str:
    """``2.5`` → ``2.5h``; ``1.3333`` → ``1.33h``; None → ``""``."""
    if hours is None:
        return ""
    return f"{hours:.2f}".rstrip("0").rstrip(".") + "h"
