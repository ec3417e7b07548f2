"""Done hours over a date range: the one query behind the week, the week trend, the calendar, the
all-time stats and progress, small pure folds over its rows, and the study days (the days alone,
for the streaks).

``done_hours`` returns one :class:`DoneHours` per group of done entries: per (day, item), per day
or per item (``by``). Each shape reads only an index (``ix_entry_owner_kind_day`` covers owner,
kind, day and hours; ``ix_entry_owner_kind_item`` covers owner, kind, item and hours), except
"day, item" over a range, which reads the range's rows through the day index. So a caller asks for
the coarsest shape it needs: a year's or the whole history's days by "day" (not "day, item"),
all-time hours per item by "item", and a few weeks by "day, item" (docs/performance.md).

Hours count where they belong. A done entry covering a period (``period_start`` to ``day``, its
last day) counts its hours evenly over the period's days, and one linked to several items shares
them evenly between its items. The main query counts every entry on its ``day`` under its first
item; the few entries whose hours spread (found through the partial index ``ix_entry_spread``)
are then taken out again and put back where they belong (``_spread``): so a range that cuts a
period gets the period's hours × its days inside the range / the period's days. ``entries``
counts each entry once in every day it covers, under its first item only (so the entries of a
day add up across its items to the entries that cover it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from studylog.namedtuple import NamedTuple
from studylog.store.db import Store
from studylog.store.records import as_date
from studylog.store.sql import SPREADS, day_range, extra_items, tagged

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
    tag: str | None = None,
) -> list[DoneHours]:
    """Done hours from ``first`` to ``last`` (either open), one row per ``by`` group; grouped by
    day, the rows are oldest first. ``linked``: only entries linked to an item (by item over the
    whole history, this skips the unlinked ones in the item index); ``timed``: only entries with
    hours (so that an item or day without any hours has no row); ``tag``: only entries with that
    tag (``store.tags``)."""
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
        + (f" AND {tagged()}" if tag else "")
        + f" GROUP BY {by}"
        + (" ORDER BY day" if by == "day" else ""),
        owner=store.owner,
        **params,
        **({"tag": tag} if tag else {}),
    )
    out = [DoneHours(as_date(r["day"]), r["item"], float(r["hours"]), int(r["entries"])) for r in rows]
    special = spread_entries(store, first, last, linked=linked, timed=timed, tag=tag)
    return _spread(out, special, first, last, by) if special else out


class Spread(NamedTuple):
    """A done entry whose hours spread over the days of a period (``start`` to ``day``; both are
    ``day`` for one day) or are shared between several ``items`` (``item`` first)."""

    id: int
    day: date
    start: date
    hours: float | None
    items: tuple[str | None, ...]

    @property
    def days(self) -> int:
        return (self.day - self.start).days + 1

    def overlap(self, first: date | None, last: date | None) -> tuple[date, date] | None:
        """The days of the entry from ``first`` to ``last`` (either open), or None for none."""
        lo = max(self.start, first) if first else self.start
        hi = min(self.day, last) if last else self.day
        return (lo, hi) if lo <= hi else None


# The entries that spread, as the partial index ix_entry_spread holds them: its predicate is
# repeated word for word so that SQLite (and PostgreSQL) can read them through it.


def spread_entries(
    store: Store,
    first: date | None,
    last: date | None,
    *,
    linked: bool = False,
    timed: bool = False,
    tag: str | None = None,
) -> list[Spread]:
    """The done entries with a period or several items that cover a day from ``first`` to
    ``last`` (either open): a period overlaps when it ends on or after ``first`` and starts on or
    before ``last``."""
    # Only the owner, the predicate and the days in SQL: a condition on kind, item or hours
    # would lead SQLite to a (much larger) index on those columns instead.
    where = ["owner = :owner", SPREADS]
    params: dict = {"owner": store.owner}
    if first:
        where.append("day >= :first")
        params["first"] = first
    if last:
        where.append("coalesce(period_start, day) <= :last")
        params["last"] = last
    if tag:
        where.append(tagged())
        params["tag"] = tag
    rows = [
        r
        for r in store.rows(
            f"SELECT id, kind, day, period_start, hours, item, item_count FROM entry WHERE {' AND '.join(where)}",
            **params,
        )
        if r["kind"] == "done" and not (linked and r["item"] is None) and not (timed and r["hours"] is None)
    ]
    links = extra_items(store, [r["id"] for r in rows if r["item_count"]])
    out = []
    for r in rows:
        day = as_date(r["day"])
        start = min(as_date(r["period_start"]), day) if r["period_start"] else day
        items = tuple(dict.fromkeys([r["item"], *links.get(r["id"], [])])) if r["item_count"] else (r["item"],)
        out.append(Spread(r["id"], day, start, r["hours"], items or (None,)))
    return out


def spread_days(entry: Spread, first: date | None = None, last: date | None = None) -> list[tuple[date, float]]:
    """Each day of ``entry`` from ``first`` to ``last`` with its share of the hours."""
    span = entry.overlap(first, last)
    if span is None:
        return []
    share = float(entry.hours or 0) / entry.days
    return [(span[0] + timedelta(days=n), share) for n in range((span[1] - span[0]).days + 1)]


def _spread(
    rows: list[DoneHours], special: list[Spread], first: date | None, last: date | None, by: By
) -> list[DoneHours]:
    """``rows`` with each of ``special`` taken out of its day and first item, and put back over
    its days from ``first`` to ``last``, shared between its items."""
    hours: dict[tuple[date | None, str | None], float] = defaultdict(float)
    entries: dict[tuple[date | None, str | None], int] = defaultdict(int)
    by_day, by_item = "day" in by, "item" in by
    for e in special:
        counted = (first is None or e.day >= first) and (last is None or e.day <= last)
        if counted:  # the main query counted it all on its day, under its first item
            key = (e.day if by_day else None, e.items[0] if by_item else None)
            hours[key] -= float(e.hours or 0)
            entries[key] -= 1
        days = spread_days(e, first, last)
        items = e.items if by_item else (None,)
        if by_day:
            for day, share in days:
                for n, item in enumerate(items):
                    hours[(day, item)] += share / len(items)
                    entries[(day, item)] += n == 0
        elif days:
            total = sum((share for _, share in days), 0.0)
            for n, item in enumerate(items):
                hours[(None, item)] += total / len(items)
                entries[(None, item)] += n == 0
    out = []
    for r in rows:
        key = (r.day, r.item)
        if key in hours or key in entries:
            r = DoneHours(r.day, r.item, _clean(r.hours + hours.pop(key, 0.0)), r.entries + entries.pop(key, 0))
        if r.entries > 0 or r.hours > 0:
            out.append(r)
    for key in list(hours) + [k for k in entries if k not in hours]:
        h, n = _clean(hours.get(key, 0.0)), entries.get(key, 0)
        if n > 0 or h > 0:
            out.append(DoneHours(key[0], key[1], h, max(n, 0)))
    if by == "day":
        out.sort(key=lambda r: r.day)  # type: ignore[arg-type,return-value]
    return out


def _clean(hours: float) -> float:
    """Hours after taking an entry out and putting its shares back: what floating point leaves
    of nothing (1e-15, or just below 0) is nothing."""
    return 0.0 if hours < 1e-9 else hours


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


def study_days(store: Store, until: date, since: date | None = None, min_minutes: int = 0) -> list[date]:
    """Every distinct day up to ``until`` (and from ``since``) that counts for a streak, oldest
    first (each day of a period).

    With ``min_minutes`` 0 (the default), a day counts when it has at least one done entry, with
    or without hours: the days of ``done_hours(store, since, until, by="day")`` without their
    hours, read as DISTINCT days, which skips through the day index (several times faster over a
    long history than adding up every day's hours, and ``calendar`` reads the whole history).

    With ``min_minutes`` (``streak.min_minutes``), a day counts when its done hours, to the
    nearest minute, are at least that many minutes: a GROUP BY ... HAVING over the same index,
    which covers the hours (a timer's 20 minutes are stored as 0.3333h, and "0.33h" is written
    for 20 minutes, so both count for 20). A period's hours are spread over its days as
    ``done_hours`` spreads them, so the days its entries touch are summed again through it."""
    days, params = day_range(since, until)
    if min_minutes <= 0:
        rows = store.rows(
            f"SELECT DISTINCT day FROM entry WHERE owner = :owner AND kind = 'done' AND {days} ORDER BY day",
            owner=store.owner,
            **params,
        )
        found = {as_date(r["day"]) for r in rows}
        for e in spread_entries(store, since, until):
            if e.start < e.day:
                found.update(day for day, _ in spread_days(e, since, until))
        return sorted(found)
    least = (min_minutes - 0.5) / 60  # hours that round to min_minutes
    rows = store.rows(
        f"SELECT day FROM entry WHERE owner = :owner AND kind = 'done' AND {days} "
        "GROUP BY day HAVING sum(hours) >= :least ORDER BY day",
        owner=store.owner,
        least=least,
        **params,
    )
    found = {as_date(r["day"]) for r in rows}
    periods = [e.overlap(since, until) for e in spread_entries(store, since, until) if e.start < e.day]
    spans = [p for p in periods if p is not None]
    if spans:  # the main query counted each period on its last day: sum the days they touch again
        lo, hi = min(p[0] for p in spans), max(p[1] for p in spans)
        summed = per_day(done_hours(store, lo, hi, by="day"))
        found = {d for d in found if not lo <= d <= hi} | {d for d, (h, _) in summed.items() if h >= least}
    return sorted(found)
