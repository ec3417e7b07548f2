"""Start-up stays light: everyday commands do not import the heavy modules unless they need
them (checked through sys.modules in a real subprocess; nothing is timed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import PG_SERVER, _pg_database

pytestmark = pytest.mark.sqlite_only  # the fast path under test is the SQLite one

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "yaml", "dateutil", "rich", "platformdirs", "typer", "click")
CLI = {"typer", "click"}  # the Typer application; today, week, goal and done run without it (cli.fast)
PROBE = """
import json, sys
sys.argv = ["studylog", *json.loads(sys.argv[1])]
from studylog.cli import main

try:
    main()
except SystemExit:
    pass
print("\\nMODULES=" + json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def imported(args: list[str], env_extra: dict[str, str], tmp_path) -> set[str]:
    env = {**os.environ, "STUDYLOG_HOME": str(tmp_path / "home"), **env_extra}
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.rsplit("MODULES=", 1)[1]))


@pytest.fixture
def store(tmp_path):
    """An existing, up-to-date store, so that opening it needs no migration."""
    env = {**os.environ, "STUDYLOG_HOME": str(tmp_path / "home")}
    subprocess.run(
        [sys.executable, "-m", "studylog", "done", "warm up", "-H", "1"], env=env, check=True, capture_output=True
    )
    subprocess.run(
        [sys.executable, "-m", "studylog", "start", "dlc/1"],
        env=env,
        check=True,  # caches the curricula
        capture_output=True,
    )
    return {"STUDYLOG_HOME": str(tmp_path / "home")}


@pytest.mark.parametrize(
    "args, allowed",
    [
        (["--help"], CLI),
        (["--version"], CLI),
        (["today"], {"platformdirs"}),
        (["today", "--json"], {"platformdirs"}),
        (["done", "read a paper", "--hours", "1.5"], {"platformdirs"}),
        (["done", "read a paper", "-H", "1", "--item", "dlc/1", "--note", "a"], {"platformdirs"}),
        (["goal", "read a paper"], {"platformdirs"}),
        (["week"], {"platformdirs"}),
        (["week", "--json"], {"platformdirs"}),
        (["week", "2024-W15", "--weeks", "3"], {"platformdirs"}),
        (["log", "--json"], {"platformdirs", *CLI}),
        (["progress", "--json"], {"platformdirs", *CLI}),
        (["next", "--json"], {"platformdirs", *CLI}),
        (["stats", "--json"], {"platformdirs", *CLI}),
        (["calendar", "--json"], {"platformdirs", *CLI}),
    ],
)
def test_everyday_commands_stay_light(args, allowed, store, tmp_path):
    modules = imported(args, store, tmp_path)
    heavy = {m for m in HEAVY if m in modules}
    assert heavy <= allowed, f"studylog {' '.join(args)} imported {sorted(heavy - allowed)}"


@pytest.fixture
def pg_store(tmp_path):
    """An up-to-date PostgreSQL store (a database of its own), as STUDYLOG_DB."""
    if not PG_SERVER:
        pytest.skip("PostgreSQL tests run in CI, or locally with STUDYLOG_TEST_PG=postgresql+psycopg://…/postgres")
    with _pg_database() as url:
        env = {**os.environ, "STUDYLOG_HOME": str(tmp_path / "home"), "STUDYLOG_DB": url}
        for args in (["done", "warm up", "-H", "1"], ["start", "dlc/1"]):  # the schema; the curricula cache
            subprocess.run([sys.executable, "-m", "studylog", *args], env=env, check=True, capture_output=True)
        yield {"STUDYLOG_HOME": str(tmp_path / "home"), "STUDYLOG_DB": url}


@pytest.mark.parametrize(
    "args",
    [["today"], ["done", "read a paper", "-H", "1", "--item", "dlc/1"], ["goal", "read a paper"], ["week", "--json"]],
)
def test_everyday_commands_on_postgres_import_psycopg_only(args, pg_store, tmp_path):
    modules = imported(args, pg_store, tmp_path)
    heavy = {m for m in HEAVY if m in modules}
    assert heavy <= {"platformdirs"}, f"studylog {' '.join(args)} imported {sorted(heavy - {'platformdirs'})}"
    assert "psycopg" in modules


def test_item_references_come_from_the_cached_index(store, tmp_path, isolated):
    (tmp_path / "home" / "cache" / "curricula.json").unlink()
    first = imported(["done", "x", "--item", "dlc/1"], store, tmp_path)
    assert {"yaml", "pydantic"} <= first  # without the cache, the curricula are read and validated
    again = imported(["done", "y", "--item", "makemore-4"], store, tmp_path)
    assert not {"yaml", "pydantic", "sqlalchemy", "sqlmodel"} & again


def test_the_index_follows_changes_to_curriculum_files(cli, isolated):
    cli("start", "dlc/1", ok=True)  # builds the cache
    folder = isolated / "curricula"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "id: mine\ntitle: Mine\nurl: https://example.org\nitems:\n"
        "  - {id: a, title: First, kind: week, aliases: [my-first]}\n"
    )
    assert cli("start", "my-first", ok=True).stdout.startswith("Started mine/a First")
    (folder / "mine.yaml").write_text(
        "id: mine\ntitle: Mine\nurl: https://example.org\nitems:\n"
        "  - {id: a, title: Renamed, kind: week, aliases: [my-renamed]}\n"
    )
    assert "unknown item 'my-first'" in cli("start", "my-first", ok=False).stderr
    assert cli("start", "my-renamed", ok=True).stdout.startswith("Started mine/a Renamed")
    (folder / "mine.yaml").write_text("id: mine\ntitle: [broken\n")
    assert "malformed YAML" in cli("start", "dlc/2", ok=False).stderr


@pytest.mark.parametrize(
    "args",
    [["today"], ["goal", "read a paper"], ["done", "read a paper", "-H", "1"], ["week"], ["week", "--json"]],
)
@pytest.mark.parametrize("where", ["STUDYLOG_HOME", "XDG_DATA_HOME", "HOME"])
def test_the_everyday_path_imports_neither_pathlib_nor_platformdirs(args, where, tmp_path):
    """pathlib (with the urllib.parse and ipaddress it imports) and platformdirs (pathlib, tempfile,
    random) were a quarter of an everyday command's start-up; the store is opened by its str path,
    and the Linux data folder is found as platformdirs finds it. Checked for the three ways a
    data folder is given."""
    env = {k: v for k, v in os.environ.items() if k not in ("STUDYLOG_HOME", "XDG_DATA_HOME", "STUDYLOG_DB")}
    env[where] = str(tmp_path / "data")
    if where == "HOME":
        env["HOME"] = str(tmp_path / "data")
    run = [sys.executable, "-c", PROBE]
    subprocess.run([*run, json.dumps(["done", "warm up", "-H", "1"])], env=env, check=True, capture_output=True)
    out = subprocess.run([*run, json.dumps(args)], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    modules = set(json.loads(out.stdout.rsplit("MODULES=", 1)[1]))
    assert not {"pathlib", "platformdirs"} & modules, f"studylog {' '.join(args)} imported them"
