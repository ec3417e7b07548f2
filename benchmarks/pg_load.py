"""PostgreSQL copies of the generated stores, for ``run.py``'s PostgreSQL column. Runs with
studylog's Python (it needs psycopg and studylog).

    python benchmarks/pg_load.py load SERVER_URL SQLITE_DB DBNAME   # prints {"url":…, "ids":…}
    python benchmarks/pg_load.py reset DB_URL IDS_JSON              # drops rows added since the load

``load`` (re)creates database DBNAME on the server, builds the schema by opening
``studylog.store.db.Store`` on it (the real migrations), copies every table of the generated SQLite
store with COPY (foreign keys checked by the data's generator, not again row by row), moves the
id sequences past the copied ids and runs ANALYZE, as a store in use has statistics. ``reset``
deletes what ``goal``/``done`` added (every row above the loaded ids), so each timed run sees
exactly the loaded store, as the SQLite runs see a fresh copy.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import datetime

import psycopg

TABLES = ["entry", "note", "item_status", "change", "change_row"]  # what the generator fills


def _libpq(url: str) -> str:
    return "postgresql://" + url.partition("://")[2]


def load(server: str, source: str, name: str) -> dict:
    from studylog.store.db import Store

    admin = psycopg.connect(_libpq(server), autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {name}")
    admin.close()
    url = server.rsplit("/", 1)[0] + f"/{name}"
    Store(url, "learner", datetime(2024, 1, 1)).close()  # the schema, by the real migrations
    lite = sqlite3.connect(source)
    ids: dict[str, int] = {}
    with psycopg.connect(_libpq(url)) as pg:  # one transaction
        pg.execute("SET session_replication_role = replica")  # no FK triggers while copying
        for table in TABLES:
            cols = [r[1] for r in lite.execute(f"PRAGMA table_info({table})")]
            with pg.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in lite.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                    copy.write_row(row)
            ids[table] = int(lite.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])
            pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {ids[table] + 1}, false)")
        pg.execute("SET session_replication_role = origin")
    with psycopg.connect(_libpq(url), autocommit=True) as pg:
        pg.execute("VACUUM ANALYZE")
    return {"url": url, "ids": ids}


def reset(url: str, ids: dict[str, int]) -> None:
    with psycopg.connect(_libpq(url)) as pg:
        for table in reversed(TABLES):  # children first
            pg.execute(f"DELETE FROM {table} WHERE id > %s", (ids[table],))
        for table in TABLES:
            pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s, false)", (ids[table] + 1,))


if __name__ == "__main__":
    if sys.argv[1] == "load":
        print(json.dumps(load(sys.argv[2], sys.argv[3], sys.argv[4])))
    else:
        reset(sys.argv[2], json.loads(sys.argv[3]))
