"""Item status: started, complete or skipped, each with its date, and the history of how it got
there (the ``item_event`` table: started, completed, reopened, skipped, each on a day).

The rules every status change follows (``transition_problem``), so that the history stays
possible: no status dates in the future; no completion (or skip) before the item's start; a
complete item is started again only by reopening it (``reopen``), on or after its completion, and
the completion stays in the history; a complete item is neither completed again nor skipped.

Logged work moves the status with it (``note_work``): a done entry linked to an item that has no
status starts it on the entry's day; work logged before an item's start moves the start back to
that day. The history then shows one ``started`` event on the earlier day: the event that opened
the item's current run moves back with it, but never before the event preceding it (a run
reopened keeps its ``reopened`` day, and a start after a skip stays after it: work logged before
those belongs to the earlier run).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from studylog.errors import ConflictError, UsageError
from studylog.store.db import Store
from studylog.store.journal import Change, change
from studylog.store.records import ItemEvent, Status, as_date
from studylog.store.sql import rows_in

STATUSES = ("started", "complete", "skipped")
EVENTS = ("started", "completed", "reopened", "skipped")
_COLUMNS = "id, item, status, started_on, completed_on, skipped_on"


def get_status(store: Store, item: str) -> Status | None:
    row = store.one(
        "SELECT item, status, started_on, completed_on, skipped_on FROM item_status "
        "WHERE owner = :owner AND item = :item",
        owner=store.owner,
        item=item,
    )
    return _status(row) if row else None


def all_statuses(store: Store, curriculum: str | None = None) -> dict[str, Status]:
    sql = "SELECT item, status, started_on, completed_on, skipped_on FROM item_status WHERE owner = :owner"
    params = {"owner": store.owner}
    if curriculum:
        sql += " AND item LIKE :prefix"
        params["prefix"] = curriculum + "/%"
    return {r["item"]: _status(r) for r in store.rows(sql, **params)}


def _status(row: dict) -> Status:
    return Status(
        row["item"], row["status"], as_date(row["started_on"]), as_date(row["completed_on"]), as_date(row["skipped_on"])
    )


def _problem(
    item: str, current: Status | None, status: str, day: date, today: date | None, reopen: bool
) -> tuple[str, str] | None:
    """What is wrong with setting ``status`` on ``day`` (message, hint), or None."""
    when = day.isoformat()
    if today is not None and day > today:
        return f"{when} is in the future; an item's status dates are today or earlier", "leave out --date for today"
    if current is None:
        return None
    started, completed = current.started_on, current.completed_on
    if current.status == "complete":
        done_on = completed.isoformat() if completed else "an earlier day"
        if status == "started" and not reopen:
            return f"{item} was completed on {done_on}", f"to work on it again: studylog start {item} --reopen"
        if status == "started" and completed is not None and day < completed:
            return f"{item} cannot be reopened on {when}, before its completion on {done_on}", (
                f"give --date {done_on} or later"
            )
        if status == "complete":
            return f"{item} is already complete (on {done_on})", "'studylog undo' takes back the last change"
        if status == "skipped":
            return f"{item} was completed on {done_on}; skipping it would lose that", (
                f"to reopen it first: studylog start {item} --reopen"
            )
    if current.status == "skipped" and status == "skipped":
        skipped = current.skipped_on.isoformat() if current.skipped_on else "an earlier day"
        return f"{item} was already skipped on {skipped}", "'studylog undo' takes back the last change"
    if current.status == "skipped" and status == "started" and current.skipped_on and day < current.skipped_on:
        skipped = current.skipped_on.isoformat()
        return f"{item} cannot be started on {day.isoformat()}, before it was skipped on {skipped}", (
            f"give --date {skipped} or later"
        )
    if status in ("complete", "skipped") and started is not None and day < started:
        verb = "completed" if status == "complete" else "skipped"
        return f"{item} cannot be {verb} on {when}, before its start on {started.isoformat()}", (
            f"give --date {started.isoformat()} or later"
        )
    return None


def transition_problem(
    current: Status | None, status: str, day: date, today: date | None = None, *, reopen: bool = False
) -> str | None:
    """Why setting ``status`` ("started", "complete", "skipped") on ``day`` is not allowed for an
    item whose status is ``current`` (None: no status yet), as one line; None when it is. Importers
    check this to skip (and report) a transition instead of failing; ``set_status`` refuses the
    same ones. ``today`` (when given) refuses days after it."""
    found = _problem(current.item if current else "the item", current, status, day, today, reopen)
    return found[0] if found else None


def set_status(
    store: Store,
    item: str,
    status: str,
    day: date,
    summary: str,
    ch: Change | None = None,
    *,
    today: date | None = None,
    reopen: bool = False,
) -> Status:
    """Record ``status`` for ``item`` on ``day`` (in ``ch`` if given, else in its own change), with
    its event in the history. Raises ``UsageError`` for what ``transition_problem`` refuses (the
    future only when ``today`` is given); with ``reopen``, a complete item is started again."""
    assert status in STATUSES
    if ch is None:
        with change(store, summary) as own:
            return set_status(store, item, status, day, summary, own, today=today, reopen=reopen)
    # Read under the owner's lock, which ``ch`` took as it began (journal.py): four ``start dlc/1``
    # at once on PostgreSQL all read "no status" and inserted one each (issue #13 item 7).
    row = store.one(
        f"SELECT {_COLUMNS} FROM item_status WHERE owner = :owner AND item = :item", owner=store.owner, item=item
    )
    current = _status(row) if row else None
    problem = _problem(item, current, status, day, today, reopen)
    if problem:  # a day in the future is a date refused; the rest, the item's history saying no
        raise (UsageError if today is not None and day > today else ConflictError)(*problem)
    values: dict = {"status": status, "updated_at": store.now}
    events: list[tuple[str, date]] = []
    if status == "started":
        values["completed_on"] = None
        values["skipped_on"] = None
        if current is not None and current.status == "complete":
            values["started_on"] = day  # a new run; the completion stays in the history
            events.append(("reopened", day))
        elif current is not None and current.status == "started" and current.started_on is not None:
            opening = _opening(store, item)
            if day < current.started_on and _can_move(opening, day):
                _move_start(store, ch, row["id"], item, day, opening)  # type: ignore[index]
            return get_status(store, item)  # type: ignore[return-value]
        else:
            values["started_on"] = day
            events.append(("started", day))
    elif status == "complete":
        values["completed_on"] = day
        values["skipped_on"] = None
        if current is None or current.started_on is None:
            values["started_on"] = day
            events.append(("started", day))
        events.append(("completed", day))
    else:
        values["skipped_on"] = day
        values["completed_on"] = None
        events.append(("skipped", day))
    if row is None:
        ch.insert("item_status", {"owner": store.owner, "item": item, **values})
    else:
        ch.update("item_status", row["id"], values)
    for event, when in events:
        _event(store, ch, item, event, when)
    return get_status(store, item)  # type: ignore[return-value]


def _event(store: Store, ch: Change, item: str, event: str, day: date) -> None:
    ch.insert("item_event", {"owner": store.owner, "item": item, "event": event, "day": day, "created_at": store.now})


def _opening(store: Store, item: str) -> dict | None:
    """The event that opened the item's current run (its last ``started`` or ``reopened``), with
    ``floor``: the day of the event before it (None when it is the first), before which its start
    cannot move (that work belongs to an earlier run)."""
    rows = store.rows(
        "SELECT id, event, day FROM item_event WHERE owner = :owner AND item = :item", owner=store.owner, item=item
    )
    ordered = sorted(rows, key=lambda r: (as_date(r["day"]), r["id"]))
    at = next((n for n in range(len(ordered) - 1, -1, -1) if ordered[n]["event"] in ("started", "reopened")), None)
    if at is None:
        return None
    return {**ordered[at], "floor": as_date(ordered[at - 1]["day"]) if at else None}


def _can_move(opening: dict | None, day: date) -> bool:
    """Whether the current run's start may move back to ``day``."""
    if opening is None:
        return True
    return opening["event"] == "started" and (opening["floor"] is None or day >= opening["floor"])


def _move_start(store: Store, ch: Change, status_id: int, item: str, day: date, opening: dict | None) -> None:
    """Move an item's start back to ``day``: its ``started_on``, and the ``started`` event that
    opened its current run (``opening``; added if the history has none, as a restored backup of
    an older version may have none)."""
    ch.update("item_status", status_id, {"started_on": day, "updated_at": store.now})
    if opening is not None:
        ch.update("item_event", opening["id"], {"day": day})
    else:
        _event(store, ch, item, "started", day)


def note_work(store: Store, ch: Change, items: Iterable[str | None], day: date) -> list[str]:
    """Work logged on ``day`` for ``items`` (inside the change that logs it): an item with no
    status is started on ``day``; a started or complete item whose start is later moves its start
    back to ``day`` (not before the history's previous event: a reopening, or a skip, ends an
    earlier run, and work before it belongs there). Skipped items stay skipped.
    The items whose status changed."""
    return note_work_from(store, ch, {item: day for item in items if item})


def note_work_from(store: Store, ch: Change, first_days: dict[str, date]) -> list[str]:
    """``note_work`` for many items at once (an import): ``first_days`` maps each item to the
    first day work was logged on it. One query for every 500 items, besides the writes."""
    wanted = list(first_days)
    sql = f"SELECT {_COLUMNS} FROM item_status WHERE owner = :owner AND item IN ({{values}})"
    rows = {r["item"]: r for r in rows_in(store, sql, wanted, owner=store.owner)}
    changed = []
    new = [item for item in wanted if item not in rows]
    ch.insert_many(
        "item_status",
        [
            {
                "owner": store.owner,
                "item": item,
                "status": "started",
                "started_on": first_days[item],
                "updated_at": store.now,
            }
            for item in new
        ],
    )
    ch.insert_many(
        "item_event",
        [
            {"owner": store.owner, "item": item, "event": "started", "day": first_days[item], "created_at": store.now}
            for item in new
        ],
    )
    changed += new
    for item, row in rows.items():
        day = first_days[item]
        st = _status(row)
        if st.status == "skipped" or (st.started_on is not None and st.started_on <= day):
            continue
        opening = _opening(store, item)
        if not _can_move(opening, day):
            continue
        _move_start(store, ch, row["id"], item, day, opening)
        changed.append(item)
    return changed


def complete_entry_items(store: Store, ch: Change, entry_id: int, today: date) -> list[Status]:
    """Mark every item a done entry is linked to complete on the entry's day (its period's last
    day), inside the change that logs it (``done --complete``). Refuses, writing nothing, when
    the entry has no item or an item cannot be completed that day (``transition_problem``)."""
    entry = store.one("SELECT day, item FROM entry WHERE id = :id AND owner = :owner", id=entry_id, owner=store.owner)
    assert entry is not None
    others = store.rows("SELECT item FROM entry_item WHERE entry_id = :id ORDER BY position", id=entry_id)
    items = list(dict.fromkeys([*([entry["item"]] if entry["item"] else []), *(r["item"] for r in others)]))
    if not items:
        raise ConflictError("--complete marks the entry's items complete, and it has none", "link one with --item REF")
    day = as_date(entry["day"])
    return [set_status(store, item, "complete", day, "", ch, today=today) for item in items]


def last_worked(store: Store) -> dict[str, date]:
    """The last day each curriculum item had a done entry logged against it (as its first item,
    or as one of the others of an entry linked to several)."""
    rows = store.rows(
        "SELECT item, max(day) AS day FROM entry WHERE owner = :owner AND kind = 'done' "
        "AND item IS NOT NULL GROUP BY item "
        "UNION ALL SELECT entry_item.item, max(entry.day) AS day FROM entry_item "
        "JOIN entry ON entry.id = entry_item.entry_id WHERE entry_item.owner = :owner AND entry.kind = 'done' "
        "GROUP BY entry_item.item",
        owner=store.owner,
    )
    out: dict[str, date] = {}
    for r in rows:
        day = as_date(r["day"])
        out[r["item"]] = max(out.get(r["item"], day), day)
    return out


def completions_by_day(store: Store, first: date, last: date) -> dict[date, int]:
    """How many items were completed on each day from ``first`` to ``last`` (days with none are
    absent)."""
    rows = store.rows(
        "SELECT completed_on AS day, count(*) AS n FROM item_status WHERE owner = :owner AND status = 'complete' "
        "AND completed_on >= :first AND completed_on <= :last GROUP BY completed_on",
        owner=store.owner,
        first=first,
        last=last,
    )
    return {as_date(r["day"]): int(r["n"]) for r in rows}


def count_completed(store: Store) -> int:
    """How many items are complete, all told."""
    return int(
        store.scalar(
            "SELECT count(*) AS n FROM item_status WHERE owner = :owner AND status = 'complete'", owner=store.owner
        )
        or 0
    )


def history(store: Store, item: str) -> list[ItemEvent]:
    """``item``'s status transitions, oldest first (by day; on one day, in the order recorded)."""
    rows = store.rows(
        "SELECT id, item, event, day FROM item_event WHERE owner = :owner AND item = :item",
        owner=store.owner,
        item=item,
    )
    return _sorted(rows).get(item, [])


def histories(store: Store, curriculum: str | None = None) -> dict[str, list[ItemEvent]]:
    """Every item's history (of one curriculum, or all), in one query: item -> events, oldest
    first. Items without events are absent."""
    sql = "SELECT id, item, event, day FROM item_event WHERE owner = :owner"
    params = {"owner": store.owner}
    if curriculum:
        sql += " AND item LIKE :prefix"
        params["prefix"] = curriculum + "/%"
    return _sorted(store.rows(sql, **params))


def _sorted(rows: Sequence[dict]) -> dict[str, list[ItemEvent]]:
    out: dict[str, list[tuple[date, int, ItemEvent]]] = defaultdict(list)
    for r in rows:
        day = as_date(r["day"])
        out[r["item"]].append((day, r["id"], ItemEvent(r["item"], r["event"], day)))
    return {item: [e for _, _, e in sorted(events, key=lambda t: (t[0], t[1]))] for item, events in out.items()}
