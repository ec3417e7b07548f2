"""A large import reads in a forked child while the parent writes (importers/forked.py): the same
entries, report and problems as reading in process, errors in the child reach the user as one
line with nothing written, and the child never outlives the import."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO
from studylog.errors import StudylogError
from studylog.imported import ImportedEntry
from studylog.importers import forked
from studylog.note import Note

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked reader needs os.fork")

REAL = REPO / "tests" / "fixtures" / "real-logs"
SHARED = REPO / "tests" / "fixtures" / "shared" / "formats"


def _generated_log(path: Path, days: int = 120, per_day: int = 30) -> Path:
    lines = ["# Learning log", ""]
    for n in range(days):
        lines += [f"## 2023-{1 + n // 28:02d}-{1 + n % 28:02d}", ""]
        lines += [f"- Read Chapter {k % 9}: makemore part {k % 5} ({k % 3 + 1}h)\n\t- note {k}" for k in range(per_day)]
        lines += ["- TODO: write up the notes", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _sources() -> list[Path]:
    picked = sorted(p for p in REAL.iterdir() if p.suffix == ".md")[:6]
    picked += [SHARED / "til-page-jekyll.md", SHARED / "daily-notes-goals-done.md"]
    return [p for p in picked if p.exists()]


def _import(cli, home: Path, path: Path, fork: str) -> tuple[dict, dict]:
    # an owner each: on PostgreSQL the two homes share the test's database
    env = {"STUDYLOG_HOME": str(home), "STUDYLOG_IMPORT_FORK": fork, "STUDYLOG_OWNER": f"reader{fork}"}
    run = cli("import", str(path), "--json", env=env)
    report = json.loads(run.stdout) if run.exit_code == 0 else {"exit": run.exit_code, "stderr": run.stderr}
    backup = json.loads(cli("export", "json", env=env, ok=True).stdout)
    for key in [k for k in backup if k.endswith("_at") or k == "owner"]:
        backup.pop(key)
    for rows in backup.values():  # when each row was written, which two runs cannot share
        for row in rows if isinstance(rows, list) else ():
            if isinstance(row, dict):
                row.pop("created_at", None)
                row.pop("updated_at", None)
    # ids as positions: on PostgreSQL the second import's ids follow the first's
    number = {entry["id"]: n for n, entry in enumerate(backup["entries"])}
    for rows in backup.values():
        for row in rows if isinstance(rows, list) else ():
            for key in ("id", "goal_id", "entry_id") if isinstance(row, dict) else ():
                if row.get(key) is not None and (key != "id" or rows is backup["entries"]):
                    row[key] = number[row[key]]
    return report, backup


@pytest.mark.parametrize("source", _sources(), ids=lambda p: p.name)
def test_a_forked_import_stores_what_an_import_in_process_does(cli, tmp_path, source):
    alone, alone_backup = _import(cli, tmp_path / "inline", source, "0")
    forked_, forked_backup = _import(cli, tmp_path / "forked", source, "1")
    assert forked_ == alone
    assert forked_backup == alone_backup


def test_a_forked_import_of_a_generated_log_reports_progress_and_problems_as_in_process(cli, tmp_path):
    log = _generated_log(tmp_path / "log.md")
    alone, alone_backup = _import(cli, tmp_path / "inline", log, "0")
    forked_, forked_backup = _import(cli, tmp_path / "forked", log, "1")
    assert alone["added"] == 120 * 31 and alone["linked"]  # a goal a day too
    assert forked_ == alone and forked_backup == alone_backup


def test_the_choice_follows_size_and_the_override(monkeypatch):
    monkeypatch.delenv("STUDYLOG_IMPORT_FORK", raising=False)
    assert not forked.should_fork(forked.FORK_MIN_BYTES - 1)
    monkeypatch.setenv("STUDYLOG_IMPORT_FORK", "0")
    assert not forked.should_fork(10 * forked.FORK_MIN_BYTES)
    monkeypatch.setenv("STUDYLOG_IMPORT_FORK", "1")
    assert forked.should_fork(0)


def _entry(i: int) -> ImportedEntry:
    return ImportedEntry("done", date(2024, 1, 1 + i % 28), f"entry {i}", i, [Note("a note", 1)], hours=0.5)


def _events(n: int, then=None):
    def make():
        for i in range(n):
            yield forked.ENTRY, (0, _entry(i))
        if then is not None:
            then()

    return make


def _gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_an_entry_crosses_as_its_fields_in_the_order_its_constructor_takes():
    assert tuple(f.name for f in fields(ImportedEntry)) == forked._FIELDS


def test_events_come_in_order_across_batches_and_the_child_is_reaped():
    reader = forked.forked(_events(3 * forked.BATCH + 7))
    pid = reader.pid
    assert [payload for _, payload in reader] == [(0, _entry(i)) for i in range(3 * forked.BATCH + 7)]
    assert reader.pid is None and _gone(pid)


def test_an_error_in_the_child_is_raised_in_the_parent_with_its_hint():
    def fail():
        raise StudylogError("line 9: not a date", "fix the heading")

    reader = forked.forked(_events(forked.BATCH + 1, fail))
    got = []
    with pytest.raises(StudylogError) as caught:
        for event in reader:
            got.append(event)
    assert len(got) == forked.BATCH + 1  # every event before the error arrives first
    assert (caught.value.message, caught.value.hint) == ("line 9: not a date", "fix the heading")


def test_an_error_that_cannot_be_pickled_arrives_as_its_message():
    class Odd(Exception):
        def __reduce__(self):
            raise TypeError("no pickling")

    def fail():
        raise Odd("odd problem")

    with pytest.raises(StudylogError, match="odd problem"):
        list(forked.forked(_events(2, fail)))


def test_a_child_that_dies_is_reported_as_one_clear_error():
    with pytest.raises(forked.ReaderStopped) as caught:
        list(forked.forked(_events(5, lambda: os._exit(3))))
    assert "exit 3" in str(caught.value) and "nothing was written" in str(caught.value)


def test_closing_early_ends_a_child_that_is_still_reading():
    def forever():
        while True:
            yield forked.ENTRY, (0, _entry(1))

    reader = forked.forked(forever)
    pid = reader.pid
    it = iter(reader)
    next(it)
    reader.close()
    assert _gone(pid)
    reader.close()  # twice is harmless


def test_a_reader_never_iterated_is_still_reaped():
    reader = forked.forked(_events(10))
    pid = reader.pid
    reader.close()
    assert _gone(pid)


def test_ctrl_c_during_a_forked_import_writes_nothing_and_leaves_no_child(tmp_path):
    home = tmp_path / "home"
    log = _generated_log(tmp_path / "log.md", days=900, per_day=40)  # about 3 MB: long enough to interrupt
    env = {**os.environ, "STUDYLOG_HOME": str(home), "STUDYLOG_TODAY": "2024-04-18", "STUDYLOG_IMPORT_FORK": "1"}
    subprocess.run([sys.executable, "-m", "studylog", "done", "before", "-H", "1"], env=env, check=True)
    proc = subprocess.Popen(
        [sys.executable, "-m", "studylog", "import", "markdown", str(log)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal's Ctrl-C reaches both
    )
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the import finished before the interrupt; the machine is faster than this log")
    assert proc.returncode != 0 and "Traceback" not in err, err
    left = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert not left, f"processes left in the import's group: {left}"
    count = subprocess.run(
        [sys.executable, "-m", "studylog", "log", "--json"], env=env, capture_output=True, text=True, check=True
    )
    assert len(json.loads(count.stdout)) == 1  # only the entry from before
