"""Reading an older store as it is (``inspect`` mode: ``doctor``, ``backup``) with this studylog's
queries: each table or column a later schema added is shimmed, for this connection only, by a
temporary view that gives the missing columns as NULL, or an empty temporary table. Temporary
objects live outside the database file (SQLite's temp schema; PostgreSQL's ``pg_temp``, which is
searched first), so the store itself stays byte for byte as it was, and it reads as it would
after the upgrade, which fills the new columns with NULL too."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def shim_statements(present: Mapping[str, Sequence[str]], schema: str, dialect: str) -> list[str]:
    """The statements that make a database with the tables and columns ``present`` (in
    ``schema``) read like the current schema, on ``dialect`` ("sqlite" or "postgresql")."""
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlmodel import SQLModel

    import studylog.store.models  # noqa: F401  (the tables, registered on SQLModel's metadata)

    compiler = postgresql.dialect() if dialect == "postgresql" else sqlite.dialect()
    out: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        columns = [(c.name, c.type.compile(compiler)) for c in table.columns]
        have = present.get(table.name)
        if have is None:
            out.append(f"CREATE TEMP TABLE {table.name} ({', '.join(f'{n} {t}' for n, t in columns)})")
        elif {n for n, _ in columns} - set(have):
            select = ", ".join(n if n in have else f"CAST(NULL AS {t}) AS {n}" for n, t in columns)
            out.append(f'CREATE TEMP VIEW {table.name} AS SELECT {select} FROM "{schema}".{table.name}')
    return out
