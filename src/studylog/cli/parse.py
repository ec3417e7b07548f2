"""What the user typed, as values: a day (``yesterday``, ``monday``, ``2024-04-18``…), a period
of days (``A..B``, each side a day, both included) and hours (``2``, ``1h30m``, ``90m``…). The
rules are in ``studylog.dates`` and ``studylog.hours``; whether a period is allowed (it starts on
or before it ends, covers at most 366 days) is the store's to say."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from studylog.cli.clock import today


def parse_day(text: str | None, default: date | None = None, ahead: bool = False) -> date:
    """The day ``text`` names; ``ahead``: a weekday name alone is the coming one (for plans and
    goals), not the last one (``studylog.dates``)."""
    from studylog.dates import parse_date

    if text is None:
        return default or today()
    return parse_date(text, today(), ahead)


def parse_days(text: str | None, default: date | None = None, ahead: bool = False) -> tuple[date, date]:
    """The first and last day ``text`` names: ``A..B`` (a period, e.g. ``monday..today``,
    ``2023-08-01..2023-08-11``) or a single day (both the same). A weekday name alone as ``B``
    is the first such day on or after ``A`` (``monday..sunday`` is this week, whatever today is);
    as ``A`` it is this week's when planning (``ahead``), else the last one."""
    if text is None or ".." not in text:
        day = parse_day(text, default, ahead)
        return day, day
    from studylog.errors import UsageError

    first, _, last = text.partition("..")
    if not first.strip() or not last.strip() or ".." in last:
        raise UsageError(
            f"cannot read {text!r} as a period", "give its first and last day: 2023-08-01..2023-08-11, monday..today"
        )
    from studylog.dates import WEEKDAYS

    # A weekday that opens a goal's period is this week's (monday..sunday is this week, friday..sunday
    # this coming weekend); a done item's, the last one (monday..today).
    bare = " ".join(first.lower().split())
    start = parse_day(f"this {bare}" if ahead and bare in WEEKDAYS else first)

    weekday = WEEKDAYS.get(" ".join(last.lower().split()))
    if weekday is not None:  # monday..sunday: a bare weekday after ".." is the first one from A on
        return start, start + timedelta(days=(weekday - start.weekday()) % 7)
    return start, parse_day(last)


def parse_hours(text: str | None, days: int = 1) -> float | None:
    """Hours for one day, or for ``days`` days (a period: at most 24 a day)."""
    from studylog.hours import parse_hours as parse

    return parse(text, days) if text is not None else None


def parse_age(text: str) -> int:
    """An age in days: ``14``, ``14d``, ``3w`` (weeks)."""
    from studylog.errors import UsageError

    raw = text.strip().lower()
    factor = 7 if raw.endswith("w") else 1
    number = raw.rstrip("dw") if raw[-1:] in ("d", "w") else raw
    if not number.isdigit():
        raise UsageError(f"{text!r} is not an age in days", "give days like 14 or 14d, or weeks like 2w")
    return int(number) * factor


MAX_ID = 2**63 - 1  # ids are 64-bit integers in every engine


def parse_id(text: str, what: str = "entry", where: str = "'studylog log' or 'studylog today'") -> int:
    """An entry id (or the id of ``what``) as typed: a whole number (click says so otherwise)
    that an id can be; a 24-digit one is none (the engines cannot even compare it with an id)."""
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid integer.") from None  # as click says it
    if not 0 < value <= MAX_ID:
        from studylog.errors import UsageError

        raise UsageError(
            f"there is no {what} {text.strip()}: ids are whole numbers from 1 to {MAX_ID}",
            f"see the ids with {where}",
        )
    return value


def id_type(what: str = "entry", where: str = "'studylog log' or 'studylog today'") -> Any:
    """The click type of an entry id (or of ``what``), written as studylog prints it (``#12``) or
    bare (``12``): an integer as click reads it, then :func:`parse_id`'s range (for the Typer
    commands; click is imported only by them)."""
    from click.types import IntParamType

    class EntryId(IntParamType):
        def convert(self, value: Any, param: Any, ctx: Any) -> int:
            if isinstance(value, str) and value.startswith("#"):
                value = value[1:]  # as studylog prints it: "#12"
            return parse_id(str(super().convert(value, param, ctx)), what, where)

    return EntryId()


def check_arguments(args: list[str]) -> None:
    """End with one line on stderr if an argument is not UTF-8 text: Python hands its bytes on as
    lone surrogates (``$'\\xff'`` becomes ``'\\udcff'``), which no store can hold."""
    import os

    for n, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            if os.path.lexists(arg):
                continue  # a file's own name (POSIX names are bytes): it is read, not stored
            from studylog.cli.errors import fail

            shown = repr(os.fsencode(arg))[2:-1]  # the bytes as typed: x\xff
            fail(
                f"argument {n} ('{shown}') is not UTF-8 text; studylog keeps every text as UTF-8 "
                "(check the encoding of your terminal or script)",
                2,
            )
