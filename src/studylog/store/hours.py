"""Done hours over a date range: the one query behind the week, the week trend, the calendar, the
all-time stats and progress, small pure folds over its rows, and the study days (the days alone,
for the streaks).

``done_hours`` returns one :class:`DoneHours` per group of done entries: per (day, item), per day
or per item (``by``). Each shape reads only an index (``ix_entry_owner_kind_day`` covers owner,
kind, day and hours; ``ix_entry_owner_kind_item`` covers owner, kind, item and hours), except
"day, item" over a range, which reads the range's rows through the day index. So a caller asks for
the coarsest shape it needs: a year's or the whole history's days by "day" (not "day, item"),
all-time hours per item by "item", and a few weeks by "day, item" (docs/performance.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Literal, NamedTuple

from studylog.store.db import Store
from studylog.store.entries import day_range
from studylog.store.records import as_date

By = Literal["day, item", "day", "item"]


class DoneHours(NamedTuple):
    """Done entries of one day and item: their hours (0 when none had hours) and how many there
    were. ``day`` is None when the rows are grouped by item only; ``item`` is None for entries
    without an item, and in rows grouped by day only (then the row is the whole day)."""

    day: date | None
    item: str | None
    hours: float
    entries: int


def done_hours(
    store: Store,
    first: date | None = None,
    last: date | None = None,
    by: By = "day, item",
    *,
    linked: bool = False,
    timed: bool = False,
) -> list[DoneHours]:
    """Done hours from ``first`` to ``last`` (either open), one row per ``by`` group; grouped by
    day, the rows are oldest first. ``linked``: only entries linked to an item (by item over the
    whole history, this skips the unlinked ones in the item index); ``timed``: only entries with
    hours (so that an item or day without any hours has no row)."""
    if by not in ("day, item", "day", "item"):
        raise ValueError(f"cannot group done hours by {by!r}")
    days, params = day_range(first, last)
    day = "day" if "day" in by else "NULL AS day"
    item = "item" if "item" in by else "NULL AS item"
    rows = store.rows(
        f"SELECT {day}, {item}, coalesce(sum(hours), 0) AS hours, count(*) AS entries FROM entry "
        "WHERE owner = :owner AND kind = 'done'"
        + (f" AND {days}" if days else "")
        + (" AND item IS NOT NULL" if linked else "")
        + (" AND hours IS NOT NULL" if timed else "")
        + f" GROUP BY {by}"
        + (" ORDER BY day" if by == "day" else ""),
        owner=store.owner,
        **params,
    )
    return [DoneHours(as_date(r["day"]), r["item"], float(r["hours"]), int(r["entries"])) for r in rows]


def curriculum_of(item: str | None) -> str | None:
    """The curriculum an item reference belongs to: ``dlc/2`` → ``dlc``; None for no item."""
    return item.split("/", 1)[0] if item else None


def per_day(rows: Iterable[DoneHours]) -> dict[date, tuple[float, int]]:
    """Hours and done entries per day (days without done entries are absent)."""
    hours: dict[date, float] = defaultdict(float)
    entries: dict[date, int] = defaultdict(int)
    for r in rows:
        assert r.day is not None, "rows grouped by item only have no day"
        hours[r.day] += r.hours
        entries[r.day] += r.entries
    return {d: (hours[d], entries[d]) for d in hours}


def per_item(rows: Iterable[DoneHours]) -> dict[str | None, float]:
    """Hours per item (None: done entries without an item), in the order the items first come."""
    out: dict[str | None, float] = defaultdict(float)
    for r in rows:
        out[r.item] += r.hours
    return dict(out)


def per_curriculum(rows: Iterable[DoneHours]) -> dict[str | None, float]:
    """Hours per curriculum (None: done entries without an item)."""
    out: dict[str | None, float] = defaultdict(float)
    for r in rows:
        out[curriculum_of(r.item)] += r.hours
    return dict(out)


def study_days(store: Store, until: date, since: date | None = None) -> list[date]:
    """Every distinct day up to ``until`` (and from ``since``) with at least one done entry,
    oldest first: the days of ``done_hours(store, since, until, by="day")`` without their hours,
    read as DISTINCT days, which skips through the day index (several times faster over a long
    history than adding up every day's hours, and ``calendar`` reads the whole history)."""
    days, params = day_range(since, until)
    rows = store.rows(
        f"SELECT DISTINCT day FROM entry WHERE owner = :owner AND kind = 'done' AND {days} ORDER BY day",
        owner=store.owner,
        **params,
    )
    return [as_date(r["day"]) for r in rows]
