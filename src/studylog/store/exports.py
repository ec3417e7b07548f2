"""What the page exporters read (``export til``, ``export daily-notes``): the days and periods
that have entries, and one section's done entries, a section at a time (flat memory)."""

from __future__ import annotations

from datetime import date

from studylog.namedtuple import NamedTuple
from studylog.store.db import Store
from studylog.store.entries import _COLUMNS, _load, day_range
from studylog.store.records import Done, as_date


class LoggedDay(NamedTuple):
    """A day with done entries, and the dated range they were logged under (None: none)."""

    day: date
    period: tuple[date, date] | None


def done_days(store: Store, first: date | None, last: date | None) -> list[LoggedDay]:
    """Every distinct (day, period) of the done entries from ``first`` to ``last`` (either open),
    in no particular order."""
    days, params = day_range(first, last)
    rows = store.rows(
        "SELECT DISTINCT day, period_start, period_end FROM entry WHERE owner = :owner AND kind = 'done'"
        + (f" AND {days}" if days else ""),
        owner=store.owner,
        **params,
    )
    return [
        LoggedDay(
            as_date(r["day"]),
            (as_date(r["period_start"]), as_date(r["period_end"])) if r["period_start"] else None,
        )
        for r in rows
    ]


def done_entries(
    store: Store,
    first: date | None,
    last: date | None,
    period: tuple[date, date] | None = None,
    outside_periods: bool = False,
) -> list[Done]:
    """The done entries from ``first`` to ``last`` (either open), oldest first (by day, then id),
    with their notes: only those logged under ``period`` if given, only those logged under no
    period with ``outside_periods``."""
    days, params = day_range(first, last)
    where = ["owner = :owner", "kind = 'done'"] + ([days] if days else [])
    if period is not None:
        where.append("period_start = :period_start AND period_end = :period_end")
        params.update(period_start=period[0], period_end=period[1])
    elif outside_periods:
        where.append("period_start IS NULL")
    rows = store.rows(
        f"SELECT {_COLUMNS} FROM entry WHERE {' AND '.join(where)} ORDER BY day, id", owner=store.owner, **params
    )
    return _load(store, rows)  # type: ignore[return-value]


def entry_days(store: Store, first: date | None, last: date | None) -> list[date]:
    """Every day from ``first`` to ``last`` (either open) with a goal or a done item, newest first."""
    days, params = day_range(first, last)
    rows = store.rows(
        "SELECT DISTINCT day FROM entry WHERE owner = :owner" + (f" AND {days}" if days else ""),
        owner=store.owner,
        **params,
    )
    return sorted((as_date(r["day"]) for r in rows), reverse=True)


def goal_places(store: Store, goal_ids: list[int]) -> dict[int, tuple[date, int]]:
    """For each goal of ``goal_ids``: its day and its number among that day's goals (1-based, in
    the order they were logged), as the daily-notes export writes them."""
    out: dict[int, tuple[date, int]] = {}
    wanted = set(goal_ids)
    days = {
        as_date(r["day"])
        for r in store.rows(
            "SELECT day FROM entry WHERE owner = :owner AND kind = 'goal' AND id IN ("
            + ", ".join(f":g{n}" for n in range(len(wanted)))
            + ")",
            owner=store.owner,
            **{f"g{n}": g for n, g in enumerate(sorted(wanted))},
        )
    }
    for day in days:
        rows = store.rows(
            "SELECT id FROM entry WHERE owner = :owner AND kind = 'goal' AND day = :day ORDER BY id",
            owner=store.owner,
            day=day,
        )
        for number, r in enumerate(rows, start=1):
            if r["id"] in wanted:
                out[r["id"]] = (day, number)
    return out
