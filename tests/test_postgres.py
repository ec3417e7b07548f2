"""PostgreSQL: the same schema and migrations, and two machines (two processes with different
data folders) sharing one database. Needs a server: STUDYLOG_TEST_PG (.ci/run starts one)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import PG_SERVER, _pg_database

pytestmark = pytest.mark.sqlite_only  # these tests make their own PostgreSQL databases


@pytest.fixture
def pg_url():
    if not PG_SERVER:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: set STUDYLOG_TEST_PG (see .ci/run)")
        pytest.skip("PostgreSQL tests run in CI, or locally with STUDYLOG_TEST_PG=postgresql+psycopg://…/postgres")
    with _pg_database() as url:
        yield url


def _run(url, home, *args, owner="alice"):
    env = {
        **os.environ,
        "STUDYLOG_DB": url,
        "STUDYLOG_HOME": str(home),
        "STUDYLOG_OWNER": owner,
        "STUDYLOG_TODAY": "2024-04-18",
    }
    out = subprocess.run([sys.executable, "-m", "studylog", *args], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_two_machines_share_one_database(pg_url, tmp_path):
    _run(pg_url, tmp_path / "laptop", "done", "on the laptop", "-H", "1")
    _run(pg_url, tmp_path / "desktop", "done", "on the desktop", "-H", "2")
    seen = json.loads(_run(pg_url, tmp_path / "laptop", "today", "--json"))
    assert [d["text"] for d in seen["done"]] == ["on the laptop", "on the desktop"]
    assert seen["total_hours"] == 3.0


def test_migrations_match_the_models_on_postgres(pg_url):
    import sqlalchemy as sa
    from sqlmodel import SQLModel

    from studylog.store.migrations import migrate
    from test_store import NOW, _schema

    with _pg_database() as declared_url:
        declared = sa.create_engine(declared_url)
        SQLModel.metadata.create_all(declared)
        migrated = sa.create_engine(pg_url)
        migrate(migrated, NOW)
        assert _schema(migrated) == _schema(declared)
        declared.dispose()
        migrated.dispose()


def test_upgrade_from_schema_1_on_postgres(pg_url, tmp_path):
    import sqlalchemy as sa

    from studylog.store.migrations import migrate
    from test_store import NOW

    engine = sa.create_engine(pg_url)
    migrate(engine, NOW, upto=1)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO entry (owner, kind, day, text, hours, created_at) "
                "VALUES ('alice', 'done', '2024-04-17', 'from schema 1', 1.5, '2024-04-17 10:00')"
            )
        )
    engine.dispose()
    log = json.loads(_run(pg_url, tmp_path / "home", "log", "--json"))
    assert [(e["text"], e["hours"], e["date"]) for e in log] == [("from schema 1", 1.5, "2024-04-17")]
    _run(pg_url, tmp_path / "home", "done", "after the upgrade")


def test_concurrent_writers_on_postgres(pg_url, tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(
        "import sys\nfrom studylog.cli import app\nfrom typer.testing import CliRunner\nr = CliRunner()\n"
        "for i in range(50):\n"
        "    res = r.invoke(app, ['done', f'{sys.argv[1]}-{i}', '--hours', '0.02'])\n"
        "    assert res.exit_code == 0, res.stderr\n"
    )
    env = {**os.environ, "STUDYLOG_DB": pg_url, "STUDYLOG_OWNER": "alice", "STUDYLOG_HOME": str(tmp_path)}
    procs = [
        subprocess.Popen([sys.executable, str(script), f"w{n}"], env=env, stderr=subprocess.PIPE, text=True)
        for n in range(4)
    ]
    errors = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    assert len(json.loads(_run(pg_url, tmp_path, "log", "--json"))) == 200
