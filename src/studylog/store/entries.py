"""Goals and done items: write them, read a day, list the log. Every write is one ``change``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from studylog.errors import ConflictError, NotFoundError, StudylogError, UsageError
from studylog.hours import MAX_HOURS_PER_DAY, format_hours
from studylog.namedtuple import NamedTuple
from studylog.store.db import Store
from studylog.store.journal import Change, change
from studylog.store.records import CARRY_OVER_DAYS, DayView, Done, Goal, LogEntry, Note, as_date
from studylog.store.sql import SPREADS, day_range, extra_items, rows_in

_COLUMNS = (
    "id, kind, day, text, hours, item, goal_id, met_on, dropped_on, period_start, period_end, style, source, "
    "item_count, lapse_on"
)


def _clean_text(text: str, what: str = "text") -> str:
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(f"the {what} is empty", 'say what it is, e.g. studylog done "read chapter 1"')
    if "\x00" in cleaned:
        raise UsageError(f"the {what} contains a NUL character")
    return cleaned


def _check_done_day(day: date, today: date) -> None:
    if day > today:
        raise UsageError(
            f"{day.isoformat()} is in the future; done items are for today or earlier",
            "plan it as a goal instead: studylog goal TEXT --date ...",
        )


MAX_PERIOD_DAYS = 366


def check_period(start: date, end: date) -> tuple[date, date] | None:
    """A period as stored: None for one day (``start`` equal to ``end``); refuses a period that
    starts after it ends or covers more than :data:`MAX_PERIOD_DAYS` days."""
    if start > end:
        raise UsageError(
            f"the period {start.isoformat()}..{end.isoformat()} starts after it ends",
            f"give its first day first: {end.isoformat()}..{start.isoformat()}",
        )
    days = (end - start).days + 1
    if days > MAX_PERIOD_DAYS:
        raise UsageError(
            f"the period {start.isoformat()}..{end.isoformat()} covers {days} days, more than {MAX_PERIOD_DAYS}",
            "log it as several shorter periods",
        )
    return (start, end) if start < end else None


def _check_done_period(period: tuple[date, date] | None, day: date, today: date) -> None:
    if period is not None and day > today:
        raise UsageError(
            f"the period {period[0].isoformat()}..{day.isoformat()} ends in the future; "
            "done items are for today or earlier",
            f"end it today or earlier: {period[0].isoformat()}..{min(today, day).isoformat()}",
        )
    _check_done_day(day, today)


def _check_day_hours(
    store: Store,
    day: date,
    hours: float | None,
    except_id: int | None = None,
    start: date | None = None,
) -> None:
    """Refuse ``hours`` on ``day`` (spread evenly from ``start`` to ``day`` for a period) if a day
    would then have more than 24 hours logged, counting the periods that cover it at their daily
    share; ``except_id`` is the entry being edited (its current hours do not count). Runs inside
    the change that writes them, after its owner's lock (``journal.begin_change``): on PostgreSQL
    ten ``done --hours 4`` at once were accepted seven or eight times (issue #13 item 7)."""
    if hours is None:
        return
    from studylog.store.hours import Spread, done_hours, per_day, spread_days  # (only writes need it)

    first = start or day
    logged = {d: float(h) for d, (h, _) in per_day(done_hours(store, first, day, by="day")).items()}
    if except_id is not None:
        old = _row(store, except_id)
        old_day = as_date(old["day"])
        old_start = as_date(old["period_start"]) if old["period_start"] else old_day
        for d, share in spread_days(Spread(except_id, old_day, old_start, old["hours"], ()), first, day):
            logged[d] = logged.get(d, 0.0) - share
    new = Spread(0, day, first, hours, ())
    for d, share in spread_days(new, first, day):
        total = float(logged.get(d, 0.0) + share)
        if total > MAX_HOURS_PER_DAY + 1e-9:
            # more than a day holds on its own: the hours given are refused (exit 2); with what
            # the day has already, the store says no (exit 1)
            alone = share > MAX_HOURS_PER_DAY + 1e-9
            raise (UsageError if alone else ConflictError)(
                f"{d.isoformat()} would have {format_hours(total)} logged, more than 24 hours",
                "check the hours, or the date",
            )


def _add_notes(ch: Change, entry_id: int, notes: list[Note], start: int = 0) -> None:
    for position, note in enumerate(notes, start=start):
        ch.insert(
            "note",
            {"entry_id": entry_id, "position": position, "depth": note.depth, "text": _clean_text(note.text, "note")},
        )


def extra_item_rows(owner: str, entry_id: int, items: Sequence[str]) -> list[dict[str, Any]]:
    """The ``entry_item`` rows for an entry linked to ``items`` (the first goes in ``entry.item``)."""
    return [
        {"entry_id": entry_id, "owner": owner, "item": item, "position": position}
        for position, item in enumerate(items[1:], start=1)
    ]


def item_columns(items: Sequence[str]) -> dict[str, Any]:
    """The ``entry`` columns for an entry linked to ``items``, in order, without repeats."""
    return {"item": items[0] if items else None, "item_count": len(items) if len(items) > 1 else None}


def unique_items(items: Sequence[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def entry_tags(text: str, given: Sequence[str] = ()) -> list[str]:
    """An entry's tags: the ``#words`` of its text, then ``given`` (``--tag``), normalised, each
    once; a given tag that cannot be one is refused (UsageError). The text is kept as written."""
    if "#" not in text and not given:
        return []  # the everyday case: no need for the tag patterns
    from studylog.tags import merge_tags, normalize_tag, tags_in

    return merge_tags(tags_in(text) if "#" in text else [], [normalize_tag(t) for t in given])


def add_goal(
    store: Store,
    text: str,
    day: date,
    item: str | None = None,
    notes: list[Note] | None = None,
    *,
    period: tuple[date, date] | None = None,
    tags: Sequence[str] = (),
) -> Goal:
    """A goal for ``day``, or for a ``period`` (first and last day: it is stored on the last);
    tagged with the ``#words`` of its text and ``tags`` (see :func:`entry_tags`)."""
    text = _clean_text(text, "goal")
    found = entry_tags(text, tags)
    if period is not None:
        day, period = period[1], check_period(*period)
    when = f"{period[0].isoformat()}..{day.isoformat()}" if period else day.isoformat()
    with change(store, f"goal {text!r} for {when}") as ch:
        goal_id = ch.insert(
            "entry",
            {
                "owner": store.owner,
                "kind": "goal",
                "day": day,
                "text": text,
                "item": item,
                "created_at": store.now,
                **_period_columns(period),
            },
        )
        _add_notes(ch, goal_id, notes or [])
        if found:
            from studylog.store.tags import add_tags

            add_tags(store, ch, goal_id, found)
    return get_goal(store, goal_id)


def add_done(
    store: Store,
    text: str,
    day: date,
    today: date,
    hours: float | None = None,
    item: str | None = None,
    goal_id: int | None = None,
    notes: list[Note] | None = None,
    summary: str | None = None,
    *,
    period: tuple[date, date] | None = None,
    complete: bool = False,
    new_item: dict[str, Any] | None = None,
    tags: Sequence[str] = (),
) -> Done:
    """Something done on ``day``, or over a ``period`` (first and last day, both included: it is
    stored on the last, and its hours count evenly over its days); with ``complete``, also mark
    its items complete on its day; with ``new_item`` (the fields of ``own_items.insert_item``),
    add that item of the learner's own and link the entry to it (one change). Tagged as
    :func:`add_goal` tags a goal."""
    text = _clean_text(text)
    found = entry_tags(text, tags)
    if period is not None:
        day, period = period[1], check_period(*period)
    _check_done_period(period, day, today)
    when = f"over {period[0].isoformat()}..{day.isoformat()}" if period else f"on {day.isoformat()}"
    with change(store, summary or f"done {text!r} {when}") as ch:
        if new_item is not None:  # done --url U --add KIND
            from studylog.store.own_items import insert_item

            item = insert_item(store, ch, **new_item).ref
        done_id = record_done(store, ch, text, day, hours, item, goal_id, notes or [], period=period, tags=found)
        if complete:  # done --complete
            from studylog.store.status import complete_entry_items

            complete_entry_items(store, ch, done_id, today)
    return get_done(store, done_id)


def _period_columns(period: tuple[date, date] | None) -> dict[str, date | None]:
    return {"period_start": period[0], "period_end": period[1]} if period else {}


def record_done(
    store: Store,
    ch: Change,
    text: str,
    day: date,
    hours: float | None,
    item: str | None,
    goal_id: int | None,
    notes: list[Note],
    *,
    period: tuple[date, date] | None = None,
    tags: Sequence[str] | None = None,
) -> int:
    """Insert a done item inside an open change (used by ``done`` and ``complete --hours``); with
    a ``period`` (checked by ``check_period``), ``day`` is its last day. ``tags``: normalised
    (None: the ``#words`` of its text)."""
    _check_day_hours(store, day, hours, start=period[0] if period else None)
    if goal_id is not None:
        goal = get_goal(store, goal_id)
        if goal.met_on is None:
            ch.update("entry", goal_id, {"met_on": day})
        item = item or goal.item
    done_id = ch.insert(
        "entry",
        {
            "owner": store.owner,
            "kind": "done",
            "day": day,
            "text": text,
            "hours": hours,
            "item": item,
            "goal_id": goal_id,
            "created_at": store.now,
            **_period_columns(period),
        },
    )
    _add_notes(ch, done_id, notes)
    found = entry_tags(text) if tags is None else tags
    if found:
        from studylog.store.tags import add_tags

        add_tags(store, ch, done_id, found)
    from studylog.store.status import note_work  # status follows the log (a period: from its first day)

    note_work(store, ch, [item], period[0] if period else day)
    return done_id


def _row(store: Store, entry_id: int) -> dict[str, Any]:
    row = store.one(f"SELECT {_COLUMNS} FROM entry WHERE id = :id AND owner = :owner", id=entry_id, owner=store.owner)
    if row is None:
        raise StudylogError(f"no entry {entry_id}", "see the ids with 'studylog log' or 'studylog today'")
    return row


def _notes_for(store: Store, ids: list[int]) -> dict[int, list[Note]]:
    out: dict[int, list[Note]] = defaultdict(list)
    sql = "SELECT entry_id, depth, text FROM note WHERE entry_id IN ({values}) ORDER BY entry_id, position"
    for r in rows_in(store, sql, ids):
        out[r["entry_id"]].append(Note(r["text"], r["depth"]))
    return out


def _items_for(store: Store, rows: list[dict[str, Any]]) -> dict[int, tuple[str, ...]]:
    """Every item of the entries among ``rows`` linked to more than one, ``item`` first."""
    linked = [r for r in rows if r.get("item_count")]
    extra = extra_items(store, [r["id"] for r in linked]) if linked else {}
    out = {r["id"]: [r["item"], *extra.get(r["id"], [])] for r in linked}
    return {k: tuple(v) for k, v in out.items()}


def _build(
    rows: list[dict[str, Any]],
    notes: dict[int, list[Note]],
    links: dict[int, tuple[str, ...]] | None = None,
    tags: dict[int, tuple[str, ...]] | None = None,
) -> list[Goal | Done]:
    out: list[Goal | Done] = []
    links = links or {}
    tags = tags or {}
    for r in rows:
        period = (as_date(r["period_start"]), as_date(r["period_end"])) if r.get("period_start") else None
        items = links.get(r["id"]) or ((r["item"],) if r["item"] else ())
        if r["kind"] == "goal":
            out.append(
                Goal(
                    r["id"],
                    as_date(r["day"]),
                    r["text"],
                    r["item"],
                    as_date(r["met_on"]),
                    as_date(r["dropped_on"]),
                    notes.get(r["id"], []),
                    period,
                    r.get("style"),
                    r.get("source"),
                    items,
                    as_date(r.get("lapse_on")),
                    tags.get(r["id"], ()),
                )
            )
        else:
            out.append(
                Done(
                    r["id"],
                    as_date(r["day"]),
                    r["text"],
                    r["hours"],
                    r["item"],
                    r["goal_id"],
                    notes.get(r["id"], []),
                    period,
                    r.get("style"),
                    r.get("source"),
                    items,
                    tags.get(r["id"], ()),
                )
            )
    return out


def _load(store: Store, rows: list[dict[str, Any]]) -> list[Goal | Done]:
    if not rows:
        return []
    from studylog.store.tags import tags_for

    ids = [r["id"] for r in rows]
    return _build(rows, _notes_for(store, ids), _items_for(store, rows), tags_for(store, ids))


def get_goal(store: Store, goal_id: int) -> Goal:
    row = _row(store, goal_id)
    if row["kind"] != "goal":
        raise ConflictError(f"entry {goal_id} is a done item, not a goal", "give the id of a goal")
    return _load(store, [row])[0]  # type: ignore[return-value]


def get_done(store: Store, done_id: int) -> Done:
    return _load(store, [_row(store, done_id)])[0]  # type: ignore[return-value]


def get_entry(store: Store, entry_id: int) -> Goal | Done:
    return _load(store, [_row(store, entry_id)])[0]


def day_view(store: Store, day: date, carry_days: int = CARRY_OVER_DAYS, today: date | None = None) -> DayView:
    """The day's goals, goals from the ``carry_days`` days before still open on it (not met,
    dropped or lapsed before it), and what was done. Goal states are told as of ``today``
    (default: the store's clock)."""
    todays = store.rows(
        f"SELECT {_COLUMNS} FROM entry WHERE owner = :owner AND day = :day ORDER BY id", owner=store.owner, day=day
    )
    # Goals from earlier days still open on ``day``: open now (a partial index), or met or
    # dropped on or after it (indexes on met_on and dropped_on); never a scan of the history.
    # Only the carry-over window's days, and not past a goal's own lapse day.
    window = "day < :day AND day >= :oldest AND (lapse_on IS NULL OR lapse_on > :day)"
    carried = store.rows(
        f"SELECT {_COLUMNS} FROM entry WHERE owner = :owner AND kind = 'goal' AND {window} "
        "AND met_on IS NULL AND dropped_on IS NULL "
        # (only goals have met_on and dropped_on: leaving kind out lets those indexes lead)
        f"UNION ALL SELECT {_COLUMNS} FROM entry WHERE owner = :owner AND met_on >= :day AND {window} "
        "AND (dropped_on IS NULL OR dropped_on > :day) "
        f"UNION ALL SELECT {_COLUMNS} FROM entry WHERE owner = :owner AND dropped_on > :day AND {window} "
        "AND met_on IS NULL",
        owner=store.owner,
        day=day,
        oldest=day - timedelta(days=carry_days),
    )
    # sorted here: an ORDER BY over the UNION ALL would make SQLite walk every earlier day
    carried = sorted((r for r in carried if r["kind"] == "goal"), key=lambda r: (str(r["day"]), r["id"]))
    # Entries of a period that covers ``day`` and ends later (few: read through the partial index
    # of the entries that spread): a goal for the period is one of each of its days' goals, and a
    # done entry adds its daily share to the day's hours.
    within = store.rows(
        f"SELECT {_COLUMNS} FROM entry WHERE owner = :owner AND {SPREADS} AND day > :day "
        "AND coalesce(period_start, day) <= :day ORDER BY id",
        owner=store.owner,
        day=day,
    )
    built = _load(store, todays + carried + [r for r in within if r["kind"] == "goal"])
    n, m = len(todays), len(todays) + len(carried)
    goals = [
        e
        for e in sorted(built[:n] + built[m:], key=lambda e: e.id)
        if isinstance(e, Goal) and (e.dropped_on is None or e.dropped_on > day)
    ]
    done = [e for e in built[:n] if isinstance(e, Done)]
    hours = _day_hours(day, done, [r for r in within if r["kind"] == "done"])
    return DayView(day, goals, built[n:m], done, today or store.now.date(), carry_days, hours)  # type: ignore[arg-type]


def _day_hours(day: date, done: list[Done], within: list[dict[str, Any]]) -> float | None:
    """The hours of ``day`` as ``done_hours`` counts them, when periods change them (else None:
    the sum of its ``done`` entries): a period ending on ``day`` counts its daily share, not its
    whole hours, and each done row of a period ``within`` which ``day`` lies adds its share."""
    ending = [d for d in done if d.period]
    if not ending and not within:
        return None
    total = sum((float(d.hours or 0) for d in done), 0.0)
    for d in ending:
        assert d.period is not None
        total -= float(d.hours or 0) * (1 - 1 / ((d.day - d.period[0]).days + 1))
    for r in within:
        start, end = as_date(r["period_start"]), as_date(r["day"])
        total += float(r["hours"] or 0) / ((end - start).days + 1)
    return total


def goals_in(store: Store, first: date, last: date, tag: str | None = None) -> list[Goal]:
    """The goals set for a day from ``first`` to ``last``, oldest first, with their notes, except
    those dropped on their own day (which the day view no longer shows either); with ``tag``,
    only those with that tag."""
    from studylog.store.tags import tagged

    rows = store.rows(
        f"SELECT {_COLUMNS} FROM entry WHERE owner = :owner AND kind = 'goal' AND day >= :first AND day <= :last "
        "AND (dropped_on IS NULL OR dropped_on > day)" + (f" AND {tagged()}" if tag else "") + " ORDER BY day, id",
        owner=store.owner,
        first=first,
        last=last,
        **({"tag": tag} if tag else {}),
    )
    return _load(store, rows)  # type: ignore[return-value]


class EntryCounts(NamedTuple):
    done: int
    goals: int
    goals_met: int


def entry_counts(store: Store) -> EntryCounts:
    """How many done items and goals the owner has logged, and how many of the goals were met."""
    row = (
        store.one(
            "SELECT sum(CASE WHEN kind = 'done' THEN 1 ELSE 0 END) AS done, "
            "sum(CASE WHEN kind = 'goal' THEN 1 ELSE 0 END) AS goals, "
            "sum(CASE WHEN kind = 'goal' AND met_on IS NOT NULL THEN 1 ELSE 0 END) AS met "
            "FROM entry WHERE owner = :owner",
            owner=store.owner,
        )
        or {}
    )
    return EntryCounts(int(row.get("done") or 0), int(row.get("goals") or 0), int(row.get("met") or 0))


def log(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    item: str | None = None,
    curriculum: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    all_owners: bool = False,
    carry_days: int = CARRY_OVER_DAYS,
    today: date | None = None,
    tag: str | None = None,
) -> list[LogEntry]:
    """Entries newest first, filtered by date range, item, curriculum, kind and tag; every learner's
    with ``all_owners`` (each entry then says whose it is). Goal states are told as of ``today``
    (default: the store's clock). ``iter_log`` gives the same one page at a time."""
    return list(iter_log(store, since, until, item, curriculum, kind, limit, all_owners, carry_days, today, tag))


LOG_PAGE = 500  # entries read (with their notes, items and tags) at a time by iter_log


def iter_log(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    item: str | None = None,
    curriculum: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    all_owners: bool = False,
    carry_days: int = CARRY_OVER_DAYS,
    today: date | None = None,
    tag: str | None = None,
    page: int = LOG_PAGE,
) -> Iterator[LogEntry]:
    """``log`` as a stream: ``page`` entries are read at a time, each page after the last
    (day, id) of the one before (a keyset, so that a page costs the same at any depth), and
    nothing more is read than is asked for: ``studylog log | head`` reads one page."""
    where = ["1 = 1"] if all_owners else ["owner = :owner"]
    params: dict[str, Any] = {} if all_owners else {"owner": store.owner}
    days, day_params = day_range(since, until)
    if days:
        where.append(days)
        params.update(day_params)
    if item:
        where.append("item = :item")
        params["item"] = item
    if curriculum:
        where.append("item LIKE :prefix")
        params["prefix"] = curriculum + "/%"
    if kind:
        where.append("kind = :kind")
        params["kind"] = kind
    if tag:
        from studylog.store.tags import tagged

        where.append(tagged(owner=not all_owners))
        params["tag"] = tag
    as_of = today or store.now.date()
    left = limit or None
    after: tuple[date, int] | None = None
    while left is None or left > 0:
        size = page if left is None else min(page, left)
        keyset = " AND (day < :after_day OR (day = :after_day AND id < :after_id))" if after else ""
        sql = (
            f"SELECT {_COLUMNS}, owner FROM entry WHERE {' AND '.join(where)}{keyset} "
            "ORDER BY day DESC, id DESC LIMIT :page_size"
        )
        extra = {"after_day": after[0], "after_id": after[1]} if after else {}
        rows = store.rows(sql, **params, **extra, page_size=size)
        for e, r in zip(_load(store, rows), rows, strict=True):
            yield LogEntry(
                "goal" if isinstance(e, Goal) else "done", e, r["owner"] if all_owners else None, as_of, carry_days
            )
        if len(rows) < size:
            return
        after = (as_date(rows[-1]["day"]), rows[-1]["id"])
        if left is not None:
            left -= len(rows)


def drop_goals(store: Store, goal_ids: Sequence[int], today: date) -> list[Goal]:
    """Drop open (or lapsed) goals in one change, so that they are no longer carried over; all
    or none: a met, dropped or unknown one among them refuses the lot."""
    goals = [get_goal(store, goal_id) for goal_id in dict.fromkeys(goal_ids)]
    for goal in goals:
        if goal.met_on is not None:
            raise ConflictError(f"goal {goal.id} was met on {goal.met_on.isoformat()}; there is nothing to drop")
        if goal.dropped_on is not None:
            raise ConflictError(f"goal {goal.id} was already dropped on {goal.dropped_on.isoformat()}")
    if not goals:
        raise UsageError("no goals to drop", "give goal ids, or --older-than DAYS")
    summary = f"drop goal {goals[0].id} {goals[0].text!r}" if len(goals) == 1 else f"drop {len(goals)} goals"
    with change(store, summary) as ch:
        for goal in goals:
            ch.update("entry", goal.id, {"dropped_on": max(today, goal.day)})
    return [get_goal(store, goal.id) for goal in goals]


def unmet_goals_before(store: Store, day: date) -> list[int]:
    """The ids of goals set before ``day`` that are neither met nor dropped, oldest first."""
    rows = store.rows(
        "SELECT id FROM entry WHERE owner = :owner AND kind = 'goal' AND day < :day "
        "AND met_on IS NULL AND dropped_on IS NULL ORDER BY day, id",
        owner=store.owner,
        day=day,
    )
    return [r["id"] for r in rows]


_UNSET: Any = object()


def edit_entry(
    store: Store,
    entry_id: int,
    today: date,
    text: str | None = None,
    hours: Any = _UNSET,
    day: date | None = None,
    item: Any = _UNSET,
    period: tuple[date, date] | None = None,
    *,
    items: Any = _UNSET,
    notes: Any = _UNSET,
    add_notes: Sequence[Note] = (),
    remove_notes: Sequence[int] = (),
    tags: Any = _UNSET,
    tag: Sequence[str] = (),
    untag: Sequence[str] = (),
) -> Goal | Done:
    """Change an entry's text, hours (None clears them), date, items, tags and notes, in one change. A
    new date is a ``day``, or a ``period`` (first and last day); a new day alone makes an entry that
    covered a period a one-day entry. ``item`` links it to that one item (None: to none), ``items``
    to those, in order. ``notes`` replaces its notes; ``remove_notes`` takes out the N-th of its
    notes as they were (1 is the first), and ``add_notes`` are appended after what remains. A new
    text brings the tags its ``#words`` give and takes those only the old text gave; ``tags``
    (normalised) then replaces them all, ``tag`` adds and ``untag`` takes out."""
    entry = get_entry(store, entry_id)
    missing = [t for t in untag if t not in entry.tags and t not in (tags if tags is not _UNSET else ())]
    if missing:
        raise ConflictError(
            f"entry {entry_id} has no tag {missing[0]!r}", f"its tags: {', '.join(entry.tags) or 'none'}"
        )
    values: dict[str, Any] = {}
    if text is not None:
        values["text"] = _clean_text(text)
    if period is not None:
        day, period = period[1], check_period(*period)
    if day is not None:
        if isinstance(entry, Done):
            _check_done_period(period, day, today)
        values["day"] = day
        values["period_start"], values["period_end"] = period or (None, None)
    if hours is not _UNSET:
        if isinstance(entry, Goal) and hours is not None:
            raise ConflictError(f"entry {entry_id} is a goal; hours go on done items")
        values["hours"] = hours
    if item is not _UNSET:
        if items is not _UNSET:
            raise UsageError("give one item or several, not both")
        items = [item] if item else []
    relink = items is not _UNSET
    if relink:
        items = unique_items(items)
        values.update(item_columns(items))  # the entry is now linked to those items (or none)
    renote = notes is not _UNSET or bool(add_notes) or bool(remove_notes)
    retag = tags is not _UNSET or bool(tag) or bool(untag)
    if not values and not renote and not retag:
        raise UsageError("nothing to change", "give --text, --hours, --date, --item, --tag or a note option")
    with change(store, f"edit entry {entry_id}") as ch:
        if isinstance(entry, Done) and ("hours" in values or "day" in values):
            # inside the change, under the owner's lock (journal.py); other fields leave the days' hours as they were
            new_start = values["period_start"] if "day" in values else (entry.period[0] if entry.period else None)
            _check_day_hours(
                store,
                values.get("day", entry.day),
                values.get("hours", entry.hours),
                except_id=entry_id,
                start=new_start,
            )
        if values:
            ch.update("entry", entry_id, values)
        if relink:
            _relink(store, ch, entry_id, items)
        if renote:
            _renote(store, ch, entry_id, notes, add_notes, remove_notes)
        if "text" in values or retag:
            _retag(store, ch, entry, values.get("text", entry.text), tags, tag, untag)
        if isinstance(entry, Done) and ("item" in values or "day" in values):
            from studylog.store.status import note_work  # status follows the log

            edited = get_entry(store, entry_id)
            note_work(store, ch, list(edited.items), edited.period[0] if edited.period else edited.day)
    return get_entry(store, entry_id)


def _retag(
    store: Store, ch: Change, entry: Goal | Done, text: str, tags: Any, tag: Sequence[str], untag: Sequence[str]
) -> None:
    """Inside an edit: the entry's tags after its text became ``text`` (see ``edit_entry``)."""
    from studylog.store.tags import retag_text, set_tags, tags_for

    if text != entry.text:
        retag_text(store, ch, entry.id, entry.text, text)
    if tags is not _UNSET or tag or untag:
        now = list(tags_for(store, [entry.id]).get(entry.id, ())) if tags is _UNSET else list(tags)
        wanted = [t for t in dict.fromkeys([*now, *tag]) if t not in untag]
        set_tags(store, ch, entry.id, wanted)


def _relink(store: Store, ch: Change, entry_id: int, items: Sequence[str]) -> None:
    """Inside an edit: the ``entry_item`` rows for an entry now linked to ``items`` (the first is
    in ``entry.item``), rewriting only the rows that differ."""
    rows = store.rows(
        "SELECT id, item, position FROM entry_item WHERE entry_id = :id ORDER BY position, id", id=entry_id
    )
    wanted = extra_item_rows(store.owner, entry_id, items)
    for row, new in zip(rows, wanted, strict=False):
        if (row["item"], row["position"]) != (new["item"], new["position"]):
            ch.update("entry_item", row["id"], {"item": new["item"], "position": new["position"]})
    for row in rows[len(wanted) :]:
        ch.delete("entry_item", row["id"])
    for new in wanted[len(rows) :]:
        ch.insert("entry_item", new)


def edited_notes(
    current: Sequence[Note],
    notes: Any = _UNSET,
    add: Sequence[Note] = (),
    remove: Sequence[int] = (),
    entry_id: int | None = None,
) -> list[Note]:
    """An entry's notes after an edit: ``current`` without the ``remove``-th ones (1 is the first;
    refused when there is no such note), or ``notes`` in their place, then ``add``."""
    if notes is not _UNSET and remove:
        raise UsageError(
            "--rm-note takes out some of the notes and --note replaces them all; give one of the two",
            "with --note, give every note the entry is to keep",
        )
    who = f"entry {entry_id}" if entry_id is not None else "the entry"
    for n in remove:
        if not 1 <= n <= len(current):
            has = f"has {len(current)} note{'s' if len(current) != 1 else ''}" if current else "has no notes"
            takes = f"; --rm-note takes 1 to {len(current)}" if len(current) > 1 else ""
            raise NotFoundError(
                f"there is no note {n}: {who} {has}{takes}",
                f"'studylog edit {entry_id or 'ID'}' shows them in order",
            )
    gone = set(remove)
    kept = list(notes) if notes is not _UNSET else [note for n, note in enumerate(current, 1) if n not in gone]
    return kept + list(add)


def _renote(store: Store, ch: Change, entry_id: int, notes: Any, add: Sequence[Note], remove: Sequence[int]) -> None:
    """Inside an edit: write the entry's notes as ``edited_notes`` says, rewriting only the rows
    that differ. A note kept as it was is not checked again (an imported one may be empty)."""
    rows = store.rows(
        "SELECT id, position, depth, text FROM note WHERE entry_id = :id ORDER BY position, id", id=entry_id
    )
    current = [Note(r["text"], r["depth"]) for r in rows]
    new = edited_notes(current, notes, add, remove, entry_id)
    known = {note.text for note in current}
    new = [note if note.text in known else Note(_clean_text(note.text, "note"), note.depth) for note in new]
    for position, (row, note) in enumerate(zip(rows, new, strict=False)):
        if (row["text"], row["depth"], row["position"]) != (note.text, note.depth, position):
            ch.update("note", row["id"], {"text": note.text, "depth": note.depth, "position": position})
    for row in rows[len(new) :]:
        ch.delete("note", row["id"])
    for position, note in enumerate(new[len(rows) :], start=len(rows)):
        ch.insert("note", {"entry_id": entry_id, "position": position, "depth": note.depth, "text": note.text})


def remove_entries(store: Store, entry_ids: list[int]) -> list[Goal | Done]:
    """Delete entries (each once, in the order given) with their notes and tags, in one change that one undo
    reverts; an unknown id is refused before anything is removed. Done items that met a removed
    goal keep their text; a goal whose only done item is removed is no longer met."""
    found = [get_entry(store, entry_id) for entry_id in dict.fromkeys(entry_ids)]
    if len(found) == 1:
        summary = f"rm entry {found[0].id} {found[0].text!r}"
    else:
        summary = f"rm entries {', '.join(str(e.id) for e in found)}"
    with change(store, summary) as ch:
        for entry in found:
            _remove(store, ch, entry)
    return found


def _remove(store: Store, ch: Change, entry: Goal | Done) -> None:
    entry_id = entry.id
    for note in store.rows("SELECT id FROM note WHERE entry_id = :id", id=entry_id):
        ch.delete("note", note["id"])
    for link in store.rows("SELECT id FROM entry_item WHERE entry_id = :id", id=entry_id):
        ch.delete("entry_item", link["id"])
    if entry.tags:
        from studylog.store.tags import remove_tags

        remove_tags(store, ch, entry_id)
    if isinstance(entry, Goal):
        for done in store.rows("SELECT id FROM entry WHERE goal_id = :id", id=entry_id):
            ch.update("entry", done["id"], {"goal_id": None})
    elif entry.goal_id is not None:
        others = store.scalar(
            "SELECT count(*) AS n FROM entry WHERE goal_id = :g AND id != :id", g=entry.goal_id, id=entry_id
        )
        if not others and store.one("SELECT id FROM entry WHERE id = :g", g=entry.goal_id) is not None:
            ch.update("entry", entry.goal_id, {"met_on": None})
    ch.delete("entry", entry_id)
