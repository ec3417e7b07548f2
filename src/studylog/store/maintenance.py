"""Keeping a store safe: consistent copies (SQLite's online backup API), restoring one after
checking it, and ``doctor``'s checks with their fixes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from studylog.errors import StoreError, StudylogError
from studylog.store.db import Store
from studylog.store.sqlite import KEEP_BACKUPS, copy_database, default_backup_path, exclusive, prune_backups

__all__ = ["Finding", "backup", "check_backup_file", "doctor", "restore"]


def _require_sqlite(store: Store) -> Path:
    if store.path is None:
        raise StudylogError(
            "backup and restore work on SQLite stores", "for PostgreSQL use pg_dump, or 'studylog export json'"
        )
    return store.path


def backup(store: Store, target: Path | None, keep: int = KEEP_BACKUPS) -> Path:
    """A copy of the store at ``target``, or in ``backups/`` beside it; there, only the newest
    ``keep`` copies stay (the ``backups.keep`` setting). A ``target`` of the learner's is never
    pruned."""
    path = _require_sqlite(store)
    chosen = target is not None
    if target is not None and target.is_dir():  # as cp does: into the folder, under the usual name
        target, chosen = target / default_backup_path(path, store.now).name, False
    elif target is not None and target.exists() and not target.is_file():
        raise StudylogError(f"{target} is not a regular file; the backup would replace it", "give a file name")
    target = target or default_backup_path(path, store.now)
    if target.resolve() == path.resolve():
        raise StudylogError("the backup would overwrite the store itself", "give another file name")
    try:
        target = copy_database(store.connection, target, new=not chosen)  # a name of ours never replaces a copy
    except OSError as exc:
        raise StoreError(f"cannot write the backup {target}: {exc.strerror}") from None
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot write the backup {target}: {exc}") from None
    if not chosen:
        prune_backups(target.parent, keep, target)
    return target


def check_backup_file(path: Path) -> int:
    """The schema version of a studylog store file; StudylogError if it is not one."""
    if not path.is_file():
        raise StudylogError(f"no such file: {path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise StudylogError(f"{path} is damaged ({ok}); it cannot be restored")
            version = conn.execute("SELECT max(version) FROM studylog_migrations").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StudylogError(
            f"{path} is not a studylog store ({exc})", "give a file made by 'studylog backup'"
        ) from None
    if not version:
        raise StudylogError(f"{path} is not a studylog store", "give a file made by 'studylog backup'")
    from studylog.store.version import SCHEMA_VERSION as LATEST

    if version > LATEST:
        raise StudylogError(
            f"{path} has schema version {version}, newer than this studylog knows ({LATEST})", "upgrade studylog"
        )
    return int(version)


def restore(store: Store, source: Path, keep: int = KEEP_BACKUPS) -> Path:
    """Replace the store's contents with ``source`` after checking it; returns where a copy of
    what was replaced is kept (in ``backups/``, where then only the newest ``keep`` copies stay)."""
    path = _require_sqlite(store)
    check_backup_file(source)
    if source.resolve() == path.resolve():
        raise StudylogError("that file is the store itself")
    conn = store.connection
    try:
        with exclusive(conn):  # no write lands between the copy and the restore, where neither has it
            kept = copy_database(conn, default_backup_path(path, store.now, "before-restore"), new=True)
            given = _ids_given(conn)
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                src.backup(conn)
            finally:
                src.close()
            _keep_ids_given(conn, given)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(
                "the database is busy in another process; nothing was restored", "try again in a moment"
            ) from None
        raise
    prune_backups(kept.parent, keep, kept)
    return kept


def _ids_given(conn: sqlite3.Connection) -> dict[str, int]:
    """The highest id each table has given out (``id_high``, or its largest id if higher)."""
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if r[0] != "id_high"
        and not r[0].startswith("sqlite_")
        and any(c[1] == "id" for c in conn.execute(f'PRAGMA table_info("{r[0]}")'))
    ]
    given = {t: int(conn.execute(f'SELECT coalesce(max(id), 0) FROM "{t}"').fetchone()[0]) for t in tables}
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'id_high'").fetchone():
        for name, last in conn.execute("SELECT name, last_id FROM id_high"):
            given[name] = max(given.get(name, 0), int(last))
    return given


def _keep_ids_given(conn: sqlite3.Connection, given: dict[str, int]) -> None:
    """After a restore: the ids given out before it are never given again (the restored store's
    counters are older), so an id printed before the restore names no other entry after it. A
    backup from before schema 5 has no counters: its upgrade starts them from its largest ids."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'id_high'").fetchone():
        return
    with conn:  # one transaction
        conn.executemany(
            "INSERT INTO id_high (name, last_id) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET last_id = max(last_id, excluded.last_id)",
            sorted(given.items()),
        )


@dataclass
class Finding:
    check: str
    ok: bool
    message: str
    fix: str | None = None
    fixed: bool = False


@dataclass
class DoctorReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return all(f.ok or f.fixed for f in self.findings)

    def to_json(self) -> dict:
        return {"healthy": self.healthy, "findings": [f.__dict__ for f in self.findings]}


def doctor(store: Store, known_item, fix: bool = False) -> DoctorReport:
    """Check integrity, schema version, orphan rows and references to unknown curriculum items;
    with ``fix``, repair what can be repaired safely (in one transaction)."""
    from studylog.store.version import SCHEMA_VERSION as LATEST

    report = DoctorReport()
    add = report.findings.append
    if store.path is not None:
        result = [r["integrity_check"] for r in store.rows("PRAGMA integrity_check")]
        add(
            Finding(
                "integrity",
                result == ["ok"],
                "database file is intact" if result == ["ok"] else "; ".join(result[:5]),
                None if result == ["ok"] else "restore a backup: studylog restore FILE",
            )
        )
    version = store.scalar("SELECT max(version) AS v FROM studylog_migrations")
    if store.upgrade_pending:  # opened with mode="inspect": it is checked as it is, not upgraded first
        add(
            Finding(
                "schema",
                False,
                f"schema {version}, an upgrade is pending (current {LATEST})",
                "run any command that writes, e.g. 'studylog today', to upgrade it (a backup is made first)",
            )
        )
    else:
        add(Finding("schema", version == LATEST, f"schema version {version} (current {LATEST})"))
    orphans = store.rows("SELECT id FROM note WHERE entry_id NOT IN (SELECT id FROM entry)")
    dangling = store.rows(
        "SELECT id FROM entry WHERE goal_id IS NOT NULL AND goal_id NOT IN (SELECT id FROM entry WHERE kind = 'goal')"
    )
    add(
        Finding(
            "notes",
            not orphans,
            f"{len(orphans)} notes belong to no entry" if orphans else "every note has its entry",
            "remove them (--fix)" if orphans else None,
        )
    )
    add(
        Finding(
            "goal links",
            not dangling,
            f"{len(dangling)} done items point at a goal that does not exist"
            if dangling
            else "every goal link resolves",
            "unlink them (--fix)" if dangling else None,
        )
    )
    refs = [
        r["item"]
        for r in store.rows(
            "SELECT DISTINCT item FROM entry WHERE owner = :owner AND item IS NOT NULL "
            "UNION SELECT item FROM item_status WHERE owner = :owner",
            owner=store.owner,
        )
    ]
    unknown = sorted(r for r in refs if not known_item(r))
    add(
        Finding(
            "items",
            not unknown,
            "references to unknown curriculum items: " + ", ".join(unknown[:10]) + (" …" if len(unknown) > 10 else "")
            if unknown
            else "every curriculum item referred to exists",
            "restore the curriculum file, or relink with 'studylog edit ID --item REF'" if unknown else None,
        )
    )
    from studylog.hours import MAX_HOURS_PER_DAY
    from studylog.store.hours import done_hours
    from studylog.store.records import as_date

    # hours studylog never stores itself (an older import json took "lots"): the views cannot
    # count them, so doctor names them first; SQLite keeps any value in a REAL column
    odd = "typeof(hours) NOT IN ('integer', 'real') OR " if store.path is not None else ""
    bad = store.rows(
        f"SELECT id, hours FROM entry WHERE owner = :owner AND hours IS NOT NULL AND ({odd}hours <= 0 OR hours > :most)"
        " ORDER BY id LIMIT 11",
        owner=store.owner,
        most=MAX_HOURS_PER_DAY * 366,
    )
    add(
        Finding(
            "hour values",
            not bad,
            "entries whose hours are not a number of hours: "
            + ", ".join(f"#{r['id']} ({r['hours']!r})".encode("ascii", "backslashreplace").decode() for r in bad[:10])
            + (" …" if len(bad) > 10 else "")
            if bad
            else "every entry's hours are a number of hours",
            "remove them with 'studylog rm ID' and log them again" if bad else None,
        )
    )
    if version is not None and int(version) >= 4:
        # by day as every report counts them: a period's hours spread evenly over its days
        over = [r.day for r in done_hours(store, by="day", timed=True) if r.hours > MAX_HOURS_PER_DAY + 1e-9]
    else:  # an older store, inspected as it is: no column says which entries spread yet
        over = [
            as_date(r["day"])
            for r in store.rows(
                "SELECT day FROM entry WHERE owner = :owner AND kind = 'done' GROUP BY day HAVING sum(hours) > 24",
                owner=store.owner,
            )
        ]
    add(
        Finding(
            "hours",
            not over,
            "days above 24 hours: " + ", ".join(str(day) for day in over[:10])
            if over
            else "no day has more than 24 hours",
            "check them with 'studylog day D'" if over else None,
        )
    )
    search = search_finding(store) if version is not None and int(version) >= 8 else None
    if search is not None:
        add(search)
    if fix and search is not None and not search.ok:
        search.fixed = rebuild_search(store)
    if fix and (orphans or dangling):
        with store.transaction():
            for row in orphans:
                store.execute("DELETE FROM note WHERE id = :id", id=row["id"])
            for row in dangling:
                store.execute("UPDATE entry SET goal_id = NULL WHERE id = :id", id=row["id"])
        for f in report.findings:
            if f.check in ("notes", "goal links") and not f.ok:
                f.fixed = True
    return report


def search_finding(store: Store) -> Finding:
    """Whether the search index (schema 8) is there and in step with the entries and notes:
    SQLite's FTS5 tables, their triggers, as many indexed rows as rows, and FTS5's own
    ``integrity-check`` against the content (``rank`` 1); PostgreSQL's trigram indexes."""
    from studylog.store.search_index import SEARCH_INDEXES_PG, SEARCH_TABLES, SEARCH_TRIGGERS

    fix = "rebuild it (--fix)"
    if store.engine == "postgresql":
        found = {
            r["indexname"] for r in store.rows("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        }
        missing = [i for i in SEARCH_INDEXES_PG if i not in found]
        if missing:
            return Finding(
                "search index",
                False,
                f"missing {', '.join(missing)}: searches read every entry (pg_trgm may not be installed)",
                "create them (--fix; needs the pg_trgm extension)",
            )
        return Finding("search index", True, "the trigram indexes are there")
    names = {r["name"] for r in store.rows("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
    missing = [n for n in (*SEARCH_TABLES, *SEARCH_TRIGGERS) if n not in names]
    if missing:
        return Finding("search index", False, f"missing {', '.join(missing)}", fix)
    problems = []
    for table, source in zip(SEARCH_TABLES, ("entry", "note"), strict=True):
        indexed = int(store.scalar(f"SELECT count(*) AS n FROM {table}_docsize") or 0)
        rows = int(store.scalar(f"SELECT count(*) AS n FROM {source}") or 0)
        if indexed != rows:
            problems.append(f"{table} holds {indexed} rows for {rows} {source} rows")
            continue
        try:
            with store.transaction():  # FTS5's check is an INSERT; it writes nothing
                store.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
        except StoreError as exc:  # "damaged": FTS5 found an indexed text that is not the row's
            if "damaged" in exc.message:
                problems.append(f"{table} does not match the {source} texts")
            # else busy or read-only: the counts above are all that can be checked now
    if problems:
        return Finding("search index", False, "; ".join(problems), fix)
    return Finding("search index", True, "the search index is in step with the entries and notes")


def rebuild_search(store: Store) -> bool:
    """Build the search index again from the entries and notes, in one transaction; whether it
    is there now (on PostgreSQL the trigram indexes need the pg_trgm extension)."""
    from studylog.store.search_index import (
        SEARCH_TABLES,
        SEARCH_TRIGGERS,
        search_statements_pg,
        search_statements_sqlite,
    )

    if store.engine == "postgresql":
        try:
            with store.transaction():
                store.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                for sql in search_statements_pg():
                    store.execute(sql)
        except StoreError:
            return False
        return True
    with store.transaction():
        for trigger in SEARCH_TRIGGERS:
            store.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for table in SEARCH_TABLES:
            store.execute(f"DROP TABLE IF EXISTS {table}")
        for sql in search_statements_sqlite():
            store.execute(sql)
        for table in SEARCH_TABLES:
            store.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")
    return True
