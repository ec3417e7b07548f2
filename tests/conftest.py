"""Every test gets its own data folder, a fixed date and a fixed terminal width."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studylog.cli import app

TODAY = "2024-04-18"  # a Thursday
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / "tests" / "fixtures" / "shared"  # copies of ../shared/formats (see its README)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    def json(self):
        return json.loads(self.stdout)


# A PostgreSQL server for the PostgreSQL tests, e.g. postgresql+psycopg://studylog@127.0.0.1:54329/postgres;
# with STUDYLOG_TEST_BACKEND=postgresql the whole suite runs against it (a fresh database per test).
PG_SERVER = os.environ.get("STUDYLOG_TEST_PG")
ON_PG = bool(PG_SERVER) and os.environ.get("STUDYLOG_TEST_BACKEND") == "postgresql"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only: reads the SQLite file itself; runs on SQLite even when the suite runs against PostgreSQL",
    )


def pytest_report_header(config: pytest.Config) -> str:
    return f"studylog store: {'PostgreSQL at ' + PG_SERVER if ON_PG else 'SQLite'}"


@pytest.fixture(autouse=True)
def isolated(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder of its own; with STUDYLOG_TEST_PG, also a fresh PostgreSQL database."""
    home = tmp_path / "home"
    monkeypatch.setenv("STUDYLOG_HOME", str(home))
    monkeypatch.setenv("STUDYLOG_TODAY", TODAY)
    monkeypatch.delenv("STUDYLOG_NOW", raising=False)
    monkeypatch.setenv("STUDYLOG_OWNER", "tester")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("STUDYLOG_DB", raising=False)
    monkeypatch.delenv("STUDYLOG_DEBUG", raising=False)
    if ON_PG and not request.node.get_closest_marker("sqlite_only"):
        with _pg_database() as url:
            monkeypatch.setenv("STUDYLOG_DB", url)
            yield home
        return
    yield home


@pytest.fixture
def switch_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``switch_store()`` points every later command at a second, empty store (another data
    folder; on PostgreSQL, another database)."""
    stack = contextlib.ExitStack()
    count = iter(range(1, 100))

    def switch() -> None:
        monkeypatch.setenv("STUDYLOG_HOME", str(tmp_path / f"other{next(count)}"))
        if ON_PG and os.environ.get("STUDYLOG_DB"):
            monkeypatch.setenv("STUDYLOG_DB", stack.enter_context(_pg_database()))

    yield switch
    stack.close()


@contextlib.contextmanager
def _pg_database():
    import uuid

    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(PG_SERVER, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    try:
        yield PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture
def cli() -> Callable[..., Run]:
    """Run studylog in-process: ``cli("done", "x", "--hours", "2")``."""
    runner = CliRunner()

    def run(*args: str, ok: bool | None = None, env: dict[str, str] | None = None) -> Run:
        result = runner.invoke(app, list(args), env=env)
        out = Run(result.exit_code, result.stdout, result.stderr, result.exception)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        if ok is True:
            assert out.exit_code == 0, f"{args} failed: {out.stderr or out.stdout}"
        if ok is False:
            assert out.exit_code != 0, f"{args} should have failed: {out.stdout}"
        return out

    return run


def user_curriculum(home: Path, name: str, text: str) -> Path:
    """Write a curriculum file of the learner's own (``curricula/NAME`` in the data folder ``home``)."""
    folder = home / "curricula"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    return folder / name


def golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/NAME; STUDYLOG_UPDATE_GOLDEN=1 writes it (after a
    deliberate change, or for a new test). A missing golden file fails: a test that writes what it
    is about to compare with checks nothing."""
    path = REPO / "tests" / "golden" / name
    if os.environ.get("STUDYLOG_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    if not path.exists():
        raise AssertionError(f"golden file {name} is missing; STUDYLOG_UPDATE_GOLDEN=1 writes it")
    assert text == path.read_text(encoding="utf-8")
