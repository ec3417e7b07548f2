"""Writes that can be undone: every insert, update and delete inside ``Change`` is recorded with
the row's values before it, and ``undo`` plays them back in reverse, for the owner's last change
or for a given one that nothing later depends on (``depends_on``). ``recent`` lists them.

Concurrency (issue #13 item 7). Every change of an owner first takes that owner's lock
(``Store.serialize``: a transaction-scoped ``pg_advisory_xact_lock`` on PostgreSQL; nothing on
SQLite, whose ``BEGIN IMMEDIATE`` already admits one writer at a time), before it reads anything
it checks: the hours already logged on a day (``entries._check_day_hours``), an item's status
(``status.set_status``, ``note_work``), the change to undo and what depends on it (``undo``).
PostgreSQL runs at READ COMMITTED, where each statement reads what was committed when it
started, so every read after the lock sees the previous holder's writes: the check and the write
are one step for that owner. Why an advisory lock: the rows a check is about may not exist yet
(the day's next entry, an item's first status), so row locks (``SELECT ... FOR UPDATE``) cannot
cover them; SERIALIZABLE would make the loser fail with a serialisation error that every command
would have to catch and retry, where the lock makes it wait its turn and then give the same
answer SQLite gives. One key per owner, for every change, so that two locks are never taken in
opposite orders (``complete --hours`` checks a status and then hours; ``done`` the reverse), and
no learner waits on another's lock. (Inserting writers still queue on PostgreSQL on the ``id_high``
row of each table they insert into, until they commit: see ``Store._take_ids``.) ``undo`` also
takes the import's lock first, the order an import takes them in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from itertools import pairwise
from typing import Any

from studylog.errors import ConflictError, NotFoundError, StudylogError
from studylog.namedtuple import NamedTuple
from studylog.store.db import Store

TABLES = {"entry", "note", "item_status", "entry_item", "item_event", "own_item", "entry_tag", "timer", "plan"}


def _dumps(before: dict[str, Any]) -> str:
    import json  # not at the top: inserting (what the everyday commands do) records no values

    return json.dumps(before, default=str)


def _loads(text: str) -> Any:
    import json

    return json.loads(text)


class Change:
    """The writes of one command, in one transaction."""

    def __init__(self, store: Store, change_id: int) -> None:
        self.store = store
        self.id = change_id

    def _record(self, table: str, row_id: int, op: str, before: dict[str, Any] | None) -> None:
        self.store.insert(
            "change_row",
            {
                "change_id": self.id,
                "table_name": table,
                "row_id": row_id,
                "op": op,
                "before": _dumps(before) if before is not None else None,
            },
        )

    def insert(self, table: str, values: dict[str, Any]) -> int:
        assert table in TABLES
        row_id = self.store.insert(table, values)
        self._record(table, row_id, "insert", None)
        return row_id

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> list[int]:
        """Insert rows (without ids) in one batch; their new ids, in order."""
        assert table in TABLES
        if not rows:
            return []
        first = self.store.reserve_ids(table, len(rows))
        ids = list(range(first, first + len(rows)))
        self.store.insert_many(table, [{"id": i, **r} for i, r in zip(ids, rows, strict=True)])
        # one journal row for the batch: the ids it took are one range (``reserve_ids``)
        self.store.insert(
            "change_row",
            {
                "change_id": self.id,
                "table_name": table,
                "row_id": first,
                "op": "insert",
                "before": None,
                "row_count": len(ids) if len(ids) > 1 else None,
            },
        )
        return ids

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        assert table in TABLES
        before = self.store.one(f"SELECT * FROM {table} WHERE id = :id", id=row_id)
        if before is None:
            raise StudylogError(f"no {table} row {row_id}")
        sets = ", ".join(f"{k} = :{k}" for k in values)
        self.store.execute(f"UPDATE {table} SET {sets} WHERE id = :row_id", row_id=row_id, **values)
        self._record(table, row_id, "update", before)

    def delete(self, table: str, row_id: int) -> None:
        assert table in TABLES
        before = self.store.one(f"SELECT * FROM {table} WHERE id = :id", id=row_id)
        if before is None:
            return
        self.store.execute(f"DELETE FROM {table} WHERE id = :id", id=row_id)
        self._record(table, row_id, "delete", before)


@contextmanager
def change(store: Store, summary: str) -> Iterator[Change]:
    """Open one transaction for one command's writes, recorded so that ``undo`` can revert it."""
    with store.transaction():
        yield begin_change(store, summary)


def lock_owner(store: Store) -> None:
    """Inside a write transaction: wait until no other change of this owner is under way (see the
    module's docstring). Taken again by the same transaction, it costs a round trip and no wait."""
    store.serialize(f"owner:{store.owner}")


def begin_change(store: Store, summary: str) -> Change:
    """The change of a write transaction already open (one that read before it knew it would
    write, as an import does). It takes the owner's lock first, so that what the change then
    checks cannot be changed by another of the owner's changes before it commits."""
    lock_owner(store)
    return Change(
        store,
        store.insert(
            "change", {"owner": store.owner, "created_at": store.now, "summary": summary, "host": this_host()}
        ),
    )


_HOST: list[str] = []


def this_host() -> str:
    """This machine's name, as a change records where it was made (``undo --list``)."""
    if not _HOST:
        import os

        if hasattr(os, "uname"):  # no import: ``socket`` costs an everyday write a few ms
            name = os.uname().nodename
        else:  # pragma: no cover - Windows
            import socket

            name = socket.gethostname()
        _HOST.append((name or "unknown")[:255])
    return _HOST[0]


class ChangeInfo(NamedTuple):
    """One change, as ``undo --list`` shows it: its number, what it did, when, from where (None
    for a change made before schema 6), and when it was undone (None: it stands)."""

    id: int
    summary: str
    created_at: datetime
    host: str | None
    undone_at: datetime | None


class Undone(NamedTuple):
    """The change ``undo`` reverted (now with its ``undone_at``), and how many rows it put back."""

    change: ChangeInfo
    rows: int


def _info(row: dict[str, Any]) -> ChangeInfo:
    return ChangeInfo(
        int(row["id"]), row["summary"], _as_datetime(row["created_at"]), row["host"], _as_datetime(row["undone_at"])
    )


def _as_datetime(value: Any) -> Any:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


_INFO = "id, summary, created_at, host, undone_at"


def recent(store: Store, limit: int = 20) -> list[ChangeInfo]:
    """The owner's ``limit`` most recent changes (0: all), newest first, undone ones included."""
    sql = f"SELECT {_INFO} FROM change WHERE owner = :owner ORDER BY id DESC"
    params: dict[str, Any] = {"owner": store.owner}
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [_info(r) for r in store.rows(sql, **params)]


# A later change that stands (not undone) depends on change :n when it touched a row :n touched,
# or wrote a row that refers to an entry :n wrote (a note or a second item of it, a done item
# meeting it as a goal): undoing :n alone would then overwrite or orphan what came after it, or
# undo what it relied on (a second done item for a goal that :n marked met did not mark it again).
# Driven from the later changes (usually few rows). A journal row is one row (``row_count`` NULL)
# or a batch of inserted ids from ``row_id`` on (schema 7): :n's rows are probed by index, single
# rows by ``ix_change_row_row`` and batches by ``ix_change_row_ranges`` (few, however large).
_LATER = "SELECT id FROM change WHERE id > :n AND undone_at IS NULL"


def _mine(table: str, row: str) -> str:
    """Whether change :n wrote the row ``row`` (an SQL expression) of ``table``, alone or in a batch."""
    return (
        f"(EXISTS (SELECT 1 FROM change_row mine WHERE mine.table_name = {table} AND mine.row_id = {row} "
        "AND mine.change_id = :n) "
        f"OR EXISTS (SELECT 1 FROM change_row mine WHERE mine.change_id = :n AND mine.table_name = {table} "
        f"AND mine.row_count IS NOT NULL AND mine.row_id <= {row} AND mine.row_id + mine.row_count > {row}))"
    )


_LAST = "later.row_id + coalesce(later.row_count, 1)"  # just after the later journal row's ids


def _dependents() -> list[str]:
    same_rows = (
        f"SELECT min(later.change_id) AS id FROM change_row later WHERE later.change_id IN ({_LATER}) "
        f"AND ({_mine('later.table_name', 'later.row_id')} OR (later.row_count IS NOT NULL AND EXISTS "
        "(SELECT 1 FROM change_row mine WHERE mine.table_name = later.table_name AND mine.change_id = :n "
        f"AND mine.row_id > later.row_id AND mine.row_id < {_LAST})))"
    )
    referring = [
        f"SELECT min(later.change_id) AS id FROM change_row later JOIN {table} "
        f"ON {table}.id >= later.row_id AND {table}.id < {_LAST} "
        f"WHERE later.table_name = '{table}' AND later.op != 'delete' AND later.change_id IN ({_LATER}) "
        f"AND {_mine(repr('entry'), f'{table}.{column}')}"
        for table, column in (
            ("note", "entry_id"),
            ("entry_item", "entry_id"),
            ("entry_tag", "entry_id"),
            ("entry", "goal_id"),
        )
    ]
    return [same_rows, *referring]


_DEPENDENTS = _dependents()


class Dependent(NamedTuple):
    """A later change that depends on one to undo, and how."""

    change: ChangeInfo
    reason: str  # "changed the same rows after it" or "refers to what it wrote"


def depends_on(store: Store, change_id: int) -> Dependent | None:
    """The first later change that stands and depends on ``change_id`` (see ``_DEPENDENTS``), or
    None when it can be undone alone."""
    if store.one(_LATER + " LIMIT 1", n=change_id) is None:
        return None  # nothing after it stands: the common case, and an import's, costs one query
    found = [
        (r["id"], n) for n, sql in enumerate(_DEPENDENTS) for r in store.rows(sql, n=change_id) if r["id"] is not None
    ]
    if not found:
        return None
    first, how = min(found)
    row = store.one(f"SELECT {_INFO} FROM change WHERE id = :id", id=first)
    assert row is not None
    return Dependent(_info(row), "changed the same rows after it" if how == 0 else "refers to what it wrote")


def undo(store: Store, number: int | None = None) -> Undone:
    """Revert the owner's most recent change that is not yet undone, or change ``number`` when no
    later change that stands depends on it (``depends_on``); refuses with a line that names it."""
    with store.transaction():
        # An import reads what is stored (under its own lock) before its change begins: had the
        # undo of that import committed in between, it would add nothing, "already imported".
        # Same order as the import's (its lock, then the owner's), so the two never deadlock.
        store.serialize(f"import:{store.owner}")
        lock_owner(store)  # two undos at once: the second reads after the first committed
        if number is None:
            row = store.one(
                f"SELECT {_INFO} FROM change WHERE owner = :owner AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
                owner=store.owner,
            )
            if row is None:
                raise StudylogError("nothing to undo")
        else:
            row = store.one(
                f"SELECT {_INFO} FROM change WHERE id = :id AND owner = :owner", id=number, owner=store.owner
            )
            if row is None:
                raise NotFoundError(
                    f"there is no change #{number} of yours", "'studylog undo --list' shows their numbers"
                )
        target = _info(row)
        if target.undone_at is not None:
            raise ConflictError(
                f"change #{target.id} ({target.summary}) was already undone, {when(target.undone_at)}",
                "'studylog undo --list' shows what still stands",
            )
        dependent = depends_on(store, target.id)
        if dependent is not None:
            later = dependent.change
            raise ConflictError(
                f"change #{target.id} ({target.summary}) cannot be undone alone: "
                f"#{later.id} ({later.summary}, {when(later.created_at)}) {dependent.reason}",
                f"undo #{later.id} first, or leave #{target.id} as it is",
            )
        rows = _revert(store, target.id)
        if number is not None:
            _check_hours(store, target)
        store.execute("UPDATE change SET undone_at = :now WHERE id = :id", now=store.now, id=target.id)
        return Undone(target._replace(undone_at=store.now), rows)


def _check_hours(store: Store, target: ChangeInfo) -> None:
    """After ``undo N`` put entries back: refuse (the transaction rolls back) if a day they cover
    now has more than 24 hours logged. Undoing the last change returns to a state that was
    checked; undoing an earlier one alone does not (an entry removed, then another logged that
    day, then the removal undone)."""
    restored = [
        _loads(r["before"])
        for r in store.rows(
            "SELECT before FROM change_row WHERE change_id = :id AND table_name = 'entry' AND op != 'insert'",
            id=target.id,
        )
    ]
    spans = [(r.get("period_start") or r["day"], r["day"]) for r in restored if r.get("hours")]
    if not spans:
        return
    from studylog.hours import MAX_HOURS_PER_DAY, format_hours
    from studylog.store.hours import done_hours, per_day
    from studylog.store.records import as_date

    for first, last in spans:
        for day, (hours, _) in per_day(done_hours(store, as_date(first), as_date(last), by="day")).items():
            if float(hours) > MAX_HOURS_PER_DAY + 1e-9:
                raise ConflictError(
                    f"undoing change #{target.id} ({target.summary}) would give {day.isoformat()} "
                    f"{format_hours(float(hours))} logged, more than 24 hours",
                    "undo or edit the later entries of that day first",
                )


def when(at: datetime) -> str:
    """A change's time as undo says it: ``14:05 on 2024-04-18``."""
    return f"{at.strftime('%H:%M')} on {at.date().isoformat()}"


# The change's journal in runs of consecutive rows of one table and one operation, newest run
# first: an import is a handful of runs however large it is. Most changes write each table with one
# operation in one stretch, and then the groups by table and operation are the runs (their id
# ranges do not overlap); otherwise a "gaps and islands" grouping finds them (slower: it sorts).
_GROUPS = (
    "SELECT table_name, op, min(id) AS lo, max(id) AS hi, sum(coalesce(row_count, 1)) AS n FROM change_row "
    "WHERE change_id = :id GROUP BY table_name, op"
)
_RUNS = (
    "SELECT table_name, op, min(id) AS lo, max(id) AS hi, sum(coalesce(row_count, 1)) AS n FROM ("
    "SELECT id, table_name, op, row_count, row_number() OVER (ORDER BY id) "
    "- row_number() OVER (PARTITION BY table_name, op ORDER BY id) AS run "
    "FROM change_row WHERE change_id = :id) AS journal GROUP BY table_name, op, run ORDER BY hi DESC"
)


def _runs(store: Store, change_id: int) -> list[dict[str, Any]]:
    groups = sorted(store.rows(_GROUPS, id=change_id), key=lambda g: g["lo"])
    if all(a["hi"] < b["lo"] for a, b in pairwise(groups)):
        return groups[::-1]
    return store.rows(_RUNS, id=change_id)


def _revert(store: Store, change_id: int) -> int:
    """Play a change's journal back, newest row first; the number of rows reverted. The rows a
    run inserted go in one DELETE, and each batch in one DELETE of its range of ids (set-based:
    undoing a 300k-entry import is a few statements, not 300k); updates and deletes are put back row by row, newest first, from their values before."""
    total = 0
    for run in _runs(store, change_id):
        table, op, lo, hi = run["table_name"], run["op"], run["lo"], run["hi"]
        assert table in TABLES
        total += int(run["n"])
        if op == "insert":
            store.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT row_id FROM change_row "
                "WHERE change_id = :id AND id >= :lo AND id <= :hi AND row_count IS NULL)",
                id=change_id,
                lo=lo,
                hi=hi,
            )
            for batch in store.rows(
                "SELECT row_id, row_count FROM change_row WHERE change_id = :id AND id >= :lo AND id <= :hi "
                "AND row_count IS NOT NULL ORDER BY id DESC",
                id=change_id,
                lo=lo,
                hi=hi,
            ):
                first = int(batch["row_id"])
                store.execute(
                    f"DELETE FROM {table} WHERE id >= :first AND id < :end",
                    first=first,
                    end=first + int(batch["row_count"]),
                )
            continue
        journal = store.rows(
            "SELECT before FROM change_row WHERE change_id = :id AND id >= :lo AND id <= :hi ORDER BY id DESC",
            id=change_id,
            lo=lo,
            hi=hi,
        )
        for entry in journal:
            before = _loads(entry["before"])
            if op == "update":
                sets = ", ".join(f"{k} = :{k}" for k in before if k != "id")
                store.execute(f"UPDATE {table} SET {sets} WHERE id = :id", **before)
            else:
                cols = ", ".join(before)
                marks = ", ".join(f":{k}" for k in before)
                store.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", **before)
    return total
