"""Hours as typed on the command line (``2``, ``2.5``, ``1h30m``, ``90m``, ``1:30``) and as shown
to people: ``2.5h`` (the ``decimal`` format) or ``2h30m`` (``hm``; ``config set hours_format hm``),
minutes below an hour as minutes either way in ``hm``. Documents (the TIL page, daily notes) write
hours their own way and are not touched by the setting."""

from __future__ import annotations

import math
import re

from studylog.errors import UsageError

MAX_HOURS_PER_DAY = 24.0
_HINT = "give hours like 2, 2.5, 1h30m, 90m or 1:30 (at least a minute, at most 24)"
HOURS_FORMATS = ("decimal", "hm")
_FORMAT = ["decimal"]  # this run's, from the config (``set_hours_format``)
_PATTERNS: list[re.Pattern[str]] = []  # compiled on the first hours that are not a plain number


def _patterns() -> list[re.Pattern[str]]:
    """The clock (1:30) and 1h30m forms, compiled when first needed: ``today`` and ``week`` import
    this module for ``format_hours`` and read no hours, and most hours typed are plain numbers."""
    if not _PATTERNS:
        _PATTERNS.append(re.compile(r"^(\d{1,2}):([0-5]\d)$"))
        _PATTERNS.append(
            re.compile(r"^(?:(\d+(?:\.\d+)?)\s*h(?:rs?|ours?)?)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in(?:s|utes?)?)?)?$")
        )
    return _PATTERNS


def _plain_number(s: str) -> bool:
    """``2``, ``2.5``, ``.5``, ``-1``: what ``float`` reads and nothing more (no 1e3, inf or 1_0)."""
    digits = s[1:] if s.startswith("-") else s
    return digits.replace(".", "", 1).isdigit() and digits.isascii() and not digits.endswith(".")


def parse_hours(text: str, days: int = 1) -> float:
    """Return the number of hours ``text`` gives; raise UsageError unless 0 < hours <= 24 (24 a
    day over ``days`` days, for an entry that covers a period)."""
    s = text.strip().lower()
    value: float | None = None
    if _plain_number(s):
        value = float(s)
    elif m := _patterns()[0].match(s):
        value = int(m.group(1)) + int(m.group(2)) / 60
    elif s and (m := _patterns()[1].match(s)) and (m.group(1) or m.group(2)):
        value = float(m.group(1) or 0) + float(m.group(2) or 0) / 60
    if value is None or not math.isfinite(value):
        raise UsageError(f"cannot read {text!r} as hours", _HINT)
    value = round(value, 4)
    if value <= 0:
        raise UsageError(f"hours must be more than 0, got {text!r}", _HINT)
    if value < 1 / 60 - 1e-9:
        raise UsageError(f"{text!r} is less than a minute", _HINT)
    if value > MAX_HOURS_PER_DAY * days:
        if days > 1:
            raise UsageError(
                f"{text!r} is more than 24 hours a day over {days} days", "give the hours the whole period took"
            )
        raise UsageError(f"{text!r} is more than 24 hours", _HINT)
    return value


def set_hours_format(style: str) -> None:
    """How ``format_hours`` writes hours for the rest of this run: ``decimal`` or ``hm``."""
    _FORMAT[0] = style if style in HOURS_FORMATS else "decimal"


def format_hours(hours: float | None, style: str | None = None) -> str:
    """Hours for people, in ``style`` (default: this run's, see ``set_hours_format``):
    ``decimal`` gives ``2.5h``, ``1.33h``, ``<0.01h``; ``hm`` gives ``2h30m``, ``40m``, ``<1m``.
    None → ``""``; 0 → ``0h`` or ``0m``."""
    if hours is None:
        return ""
    if (style or _FORMAT[0]) == "hm":
        minutes = round(hours * 60)
        if minutes == 0:
            return "<1m" if hours > 0 else "0m"
        h, m = divmod(minutes, 60)
        return (f"{h}h" if h else "") + (f"{m}m" if m else "")
    if 0 < hours < 0.005:
        return "<0.01h"
    return f"{hours:.2f}".rstrip("0").rstrip(".") + "h"
