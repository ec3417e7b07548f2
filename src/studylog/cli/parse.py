"""What the user typed, as values: a day (``yesterday``, ``monday``, ``2024-04-18``…) and hours
(``2``, ``1h30m``, ``90m``…). The rules are in ``studylog.dates`` and ``studylog.hours``."""

from __future__ import annotations

from datetime import date

from studylog.cli.clock import today


def parse_day(text: str | None, default: date | None = None) -> date:
    from studylog.dates import parse_date

    if text is None:
        return default or today()
    return parse_date(text, today())


def parse_hours(text: str | None) -> float | None:
    from studylog.hours import parse_hours as parse

    return parse(text) if text is not None else None


def parse_age(text: str) -> int:
    """An age in days: ``14``, ``14d``, ``3w`` (weeks)."""
    from studylog.errors import UsageError

    raw = text.strip().lower()
    factor = 7 if raw.endswith("w") else 1
    number = raw.rstrip("dw") if raw[-1:] in ("d", "w") else raw
    if not number.isdigit():
        raise UsageError(f"{text!r} is not an age in days", "give days like 14 or 14d, or weeks like 2w")
    return int(number) * factor
