"""store.sql.rows_in: IN lists padded to a few lengths, so the driver's statement cache holds a
handful of prepared statements, not one per list length (an export of 100k entries kept ~100 alive,
8 MB more peak memory than at 10k: the benchmark's flat-memory target for export til)."""

from __future__ import annotations

import sqlite3
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from studylog.store.sql import CHUNK, rows_in


class TableStore:
    """What rows_in needs of a Store (``rows``), on a real SQLite table of ids 0..1999."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, tag TEXT)")
        self.conn.executemany(
            "INSERT INTO t VALUES (?, ?)", [(i, "even" if i % 2 == 0 else "odd") for i in range(2000)]
        )
        self.texts: set[str] = set()

    def rows(self, sql: str, **params: Any) -> list[dict[str, Any]]:
        self.texts.add(sql)
        return [dict(r) for r in self.conn.execute(sql, params)]


SQL = "SELECT id FROM t WHERE tag = :tag AND id IN ({values}) ORDER BY id"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-5, max_value=1005), max_size=1300))
def test_the_rows_are_those_of_the_values_each_once(values: list[int]) -> None:
    store = TableStore()
    got = [r["id"] for r in rows_in(store, SQL, values, tag="even")]  # type: ignore[arg-type]
    wanted = {v for v in values if 0 <= v < 2000 and v % 2 == 0}
    assert set(got) == wanted
    if len(values) <= CHUNK:
        assert got == sorted(wanted)  # one query: its ORDER BY holds, and no row comes twice


def test_every_length_up_to_two_chunks_uses_a_few_statement_texts() -> None:
    store = TableStore()
    for n in range(1, 2 * CHUNK + 2):
        assert len(list(rows_in(store, SQL, list(range(n)), tag="odd"))) == n // 2  # type: ignore[arg-type]
    assert len(store.texts) <= 7  # 16, 32, ..., 512 placeholders


def test_no_values_no_query() -> None:
    store = TableStore()
    assert list(rows_in(store, SQL, [], tag="odd")) == [] and not store.texts  # type: ignore[arg-type]
