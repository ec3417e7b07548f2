"""What killed writers leave behind is cleaned on the next run, and ``backups/`` keeps the newest
copies only (issue #13 item 12). Temporary files carry their writer's pid: a live writer's file is
never removed, a dead one's is. Real processes, killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and pids as POSIX has them")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studylog", *args], capture_output=True, text=True)


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".partial")))


def _wait_for(path: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert proc.poll() is None and time.monotonic() < deadline, "the export never paused"
        time.sleep(0.02)


def test_a_killed_export_leaves_a_temp_file_the_next_export_removes(cli, tmp_path):
    cli("done", "something to export", "--hours", "1", ok=True)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out, flag = out_dir / "backup.json", tmp_path / "paused"
    killed = subprocess.Popen(
        [sys.executable, "-m", "studylog", "export", "json", "--out", str(out)],
        env={**os.environ, "STUDYLOG_TEST_PAUSE_DUMP": str(flag)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(flag, killed)  # half-way through writing its temporary file
        [live] = _temps(out_dir)
        assert live.startswith(f".backup.json.{killed.pid}.")
        assert _run("export", "json", "--out", str(out)).returncode == 0  # another export meanwhile
        assert _temps(out_dir) == [live]  # its writer runs: kept
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        flag.unlink(missing_ok=True)
    assert _temps(out_dir) == [live]  # a killed process removes nothing
    assert _run("export", "json", "--out", str(out)).returncode == 0
    assert _temps(out_dir) == []
    assert "something to export" in out.read_text(encoding="utf-8")


def _writer_of(path_for_pid) -> tuple[subprocess.Popen, Path]:
    """A process that holds a partial copy named, as studylog names them, by its own pid."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; print(flush=True); time.sleep(600)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    path = path_for_pid(proc.pid)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * 4096)
    return proc, path


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", ["backup", "restore"])
def test_a_killed_copy_leaves_a_partial_the_next_backup_or_restore_removes(cli, isolated, tmp_path, command):
    cli("done", "kept", ok=True)
    saved = tmp_path / "saved.db"
    cli("backup", str(saved), ok=True)
    backups = isolated / "backups"
    proc, partial = _writer_of(lambda pid: backups / f".studylog-before-restore-20240418-120000.db.{pid}.partial")
    args = ("backup",) if command == "backup" else ("restore", str(saved))
    try:
        assert _run(*args).returncode == 0
        assert partial.exists()  # its writer still runs
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _run(*args).returncode == 0
    assert not partial.exists()
    assert _temps(backups) == []


@pytest.mark.sqlite_only
def test_backups_keeps_the_newest_copies_and_never_the_learners_own(cli, isolated, tmp_path):
    assert cli("config", "get", "backups.keep", ok=True).stdout.strip() == "20"
    cli("config", "set", "backups.keep", "3", ok=True)
    cli("done", "kept", ok=True)
    mine = tmp_path / "mine.db"
    cli("backup", str(mine), ok=True)
    backups = isolated / "backups"
    backups.mkdir(exist_ok=True)
    (backups / "notes.txt").write_text("mine", encoding="utf-8")
    made = []
    for _ in range(6):
        made.append(Path(_run("backup").stdout.strip().removeprefix("Backed up to ")))
        time.sleep(0.01)  # distinct modification times
    assert len(set(made)) == 6
    copies = sorted(p for p in backups.iterdir() if p.suffix == ".db")
    assert copies == sorted(made[-3:])  # the newest three
    restored = _run("restore", str(mine))
    assert restored.returncode == 0, restored.stderr
    kept = Path(restored.stdout.strip().rpartition(" kept at ")[2])
    assert sorted(p for p in backups.iterdir() if p.suffix == ".db") == sorted([*made[-2:], kept])
    assert mine.exists() and (backups / "notes.txt").exists()
    cli("config", "set", "backups.keep", "0", ok=True)  # 0: every copy stays
    for _ in range(3):
        assert _run("backup").returncode == 0
    assert len([p for p in backups.iterdir() if p.suffix == ".db"]) == 6
