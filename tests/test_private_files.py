"""Private modes whatever the umask (issue #13 item 9): the store, its folder, backups/, cache/ and
a full JSON backup are the owner's alone; a page to publish keeps its usual 0644."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

pytestmark = pytest.mark.sqlite_only  # file modes of the SQLite store and its folders


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _run(env, *args):
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.umask(0); sys.argv[0] = 'studylog'; from studylog.cli import main; main()",
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
    )


def test_under_umask_000_everything_that_holds_the_history_is_private(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "STUDYLOG_HOME": str(home), "STUDYLOG_TODAY": "2024-04-18"}
    for args in (("done", "x", "--hours", "1"), ("progress",), ("backup",)):
        out = _run(env, *args)
        assert out.returncode == 0, out.stderr
    backup = tmp_path / "all.json"
    page = tmp_path / "til.md"
    assert _run(env, "export", "json", "--out", str(backup)).returncode == 0
    assert _run(env, "export", "til", "--out", str(page)).returncode == 0
    assert _mode(home) == 0o700
    assert _mode(home / "studylog.db") == 0o600
    assert _mode(home / "backups") == 0o700
    assert all(_mode(p) == 0o600 for p in (home / "backups").iterdir())
    for folder in (p for p in home.rglob("*") if p.is_dir()):
        assert _mode(folder) == 0o700, folder
    assert _mode(backup) == 0o600
    assert _mode(page) == 0o644


def test_a_store_left_readable_by_others_is_made_private_again(cli, isolated):
    cli("done", "x", ok=True)
    db = isolated / "studylog.db"
    os.chmod(db, 0o644)
    cli("today", ok=True)
    assert _mode(db) == 0o600
