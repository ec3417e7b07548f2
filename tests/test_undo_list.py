"""Undo per owner, visible and chosen (issue #13): ``undo --list`` shows the owner's recent
changes (number, when, from which host, what), ``undo N`` reverts change N when no later change
depends on it (touched the same rows, or refers to an entry it wrote), and ``undo`` says what it
reverted, when and where it was made. Undoing a large import is set-based, and a ``done`` during
it waits its turn and succeeds."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

from undo_support import paused_undo

HOST = socket.gethostname()


def test_undo_says_which_change_it_reverted_when_and_where(cli):
    cli("done", "read chapter 1", "--hours", "1", ok=True)
    out = cli("undo", ok=True).stdout
    assert re.fullmatch(
        rf"Undid #1 \(done 'read chapter 1' on 2024-04-18, \d\d:\d\d on 2024-04-18 from {re.escape(HOST)}\)\n", out
    ), out


def test_undo_list_shows_the_owners_recent_changes_newest_first(cli):
    cli("goal", "g", ok=True)
    cli("done", "d", ok=True)
    cli("done", "someone else's", env={"STUDYLOG_OWNER": "bob"}, ok=True)
    cli("start", "dlc/1", ok=True)
    cli("undo", ok=True)
    listed = cli("undo", "--list", "--json", ok=True).json()
    assert [(c["number"], c["summary"], c["host"], c["undone_at"] is not None) for c in listed] == [
        (4, "started dlc/1", HOST, True),
        (2, "done 'd' on 2024-04-18", HOST, False),
        (1, "goal 'g' for 2024-04-18", HOST, False),
    ]
    assert all(c["created_at"].startswith("2024-04-18T") for c in listed)
    lines = cli("undo", "--list", ok=True).stdout.splitlines()
    assert len(lines) == 3
    assert re.match(rf"#4  \d\d:\d\d on 2024-04-18  {re.escape(HOST[:20])}\s+started dlc/1 \(undone ", lines[0]), lines
    assert lines[2].startswith("#1  ") and lines[2].endswith("goal 'g' for 2024-04-18")
    assert len(cli("undo", "--list", "--limit", "1", "--json", ok=True).json()) == 1
    assert cli("undo", "--list", "--json", env={"STUDYLOG_OWNER": "carol"}, ok=True).json() == []
    assert cli("undo", "--list", env={"STUDYLOG_OWNER": "carol"}, ok=True).stdout == "No changes yet.\n"


def test_undo_n_reverts_that_change_only(cli):
    cli("done", "first", ok=True)
    cli("done", "second", ok=True)
    cli("done", "third", ok=True)
    out = cli("undo", "2", ok=True).stdout
    assert out.startswith("Undid #2 (done 'second' on 2024-04-18, ")
    assert [e["text"] for e in cli("log", "--json", ok=True).json()] == ["third", "first"]
    # plain undo still takes the last change that stands, and skips the one undone
    assert cli("undo", ok=True).stdout.startswith("Undid #3 ")
    assert cli("undo", ok=True).stdout.startswith("Undid #1 ")
    assert cli("undo", ok=False).stderr == "studylog: error: nothing to undo\n"


def test_undo_n_refuses_when_a_later_change_touched_the_same_rows(cli):
    cli("done", "read", "--hours", "1", ok=True)  # 1
    cli("edit", "1", "--hours", "2", ok=True)  # 2 touches entry 1
    out = cli("undo", "1")
    assert out.exit_code == 1  # a later change depends on it: a conflict (docs/errors.md)
    assert out.stderr.startswith(
        "studylog: error: change #1 (done 'read' on 2024-04-18) cannot be undone alone: #2 (edit entry 1, "
    ), out.stderr
    assert "changed the same rows after it; undo #2 first, or leave #1 as it is\n" in out.stderr
    assert out.stderr.count("\n") == 1
    assert cli("log", "--json", ok=True).json()[0]["hours"] == 2.0  # nothing was written
    cli("undo", "2", ok=True)
    cli("undo", "1", ok=True)  # nothing later stands now
    assert cli("log", "--json", ok=True).json() == []


def test_undo_n_refuses_when_a_later_change_refers_to_what_it_wrote(cli):
    cli("goal", "g", ok=True)  # 1: entry 1
    cli("done", "a", "--goal", "1", ok=True)  # 2: entry 2, marks goal 1 met
    cli("done", "b", "--goal", "1", ok=True)  # 3: entry 3 meets goal 1 (already met: not touched again)
    out = cli("undo", "2")
    assert out.exit_code == 1 and "#3 (done 'b' on 2024-04-18, " in out.stderr, out.stderr
    assert out.stderr.endswith(") refers to what it wrote; undo #3 first, or leave #2 as it is\n")
    out = cli("undo", "1")
    assert out.exit_code == 1 and "cannot be undone alone: #2 (done 'a'" in out.stderr, out.stderr
    cli("rm", "3", ok=True)  # 4 touches entry 3, which change 3 wrote
    refused = cli("undo", "3").stderr
    assert "#4 (rm entry 3 'b', " in refused and "changed the same rows after it" in refused


def test_undo_n_of_a_change_not_yours_or_already_undone_is_refused(cli):
    cli("done", "mine", ok=True)
    cli("done", "bob's", env={"STUDYLOG_OWNER": "bob"}, ok=True)
    out = cli("undo", "2")
    assert (out.exit_code, out.stderr) == (
        1,
        "studylog: error: there is no change #2 of yours; 'studylog undo --list' shows their numbers\n",
    )
    cli("undo", "1", ok=True)
    out = cli("undo", "1")
    assert out.exit_code == 1 and out.stderr.startswith(
        "studylog: error: change #1 (done 'mine' on 2024-04-18) was already undone, "
    )
    assert cli("log", "--json", "--all-owners", ok=True).json()[0]["text"] == "bob's"
    assert cli("undo", "1", "--list").exit_code == 2


def test_a_change_from_before_the_host_was_stored_says_no_host(cli, isolated):
    """Stores upgraded from schema 5 have changes without a host: shown without one."""
    import shutil
    from pathlib import Path

    if os.environ.get("STUDYLOG_DB"):
        return  # the fixture is an SQLite file; the same code path is covered below on PostgreSQL
    isolated.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).parent / "fixtures" / "schema-v5.db", isolated / "studylog.db")
    listed = cli("undo", "--list", "--json", ok=True).json()
    assert [(c["number"], c["host"]) for c in listed] == [(4, None), (3, None), (2, None), (1, None)]
    assert cli("undo", ok=True).stdout == "Undid #4 (complete dlc/1, 09:30 on 2024-04-18)\n"


N = 20_000


def _log(path):
    lines = []
    for i in range(N):
        lines += [f"## 2023-{1 + i % 12:02d}-{1 + i % 28:02d}", f"- entry number {i}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_done_during_the_undo_of_a_large_import_waits_and_succeeds(cli, tmp_path):
    """Issue #13 item 1: undoing a 50k import took 69 s, and a done during it failed after 30 s
    ("the database is busy"). The undo (of the import by number, so that the done may come
    first) is made to hold its lock one second longer, so that the done surely comes during it."""
    log = tmp_path / "log.md"
    _log(log)
    cli("import", "markdown", str(log), "--no-link", ok=True)
    marker = tmp_path / "reverting"
    env = {**os.environ, "STUDYLOG_TODAY": "2024-04-18"}
    undo = paused_undo(marker, ["1"], 1.0, env)
    done = subprocess.run(
        [sys.executable, "-m", "studylog", "done", "written during the undo", "--hours", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    out, err = undo.communicate(timeout=60)
    assert undo.returncode == 0, err
    assert out.startswith(f"Undid #1 (import markdown: {N} entries, "), out
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Done #"), done.stdout
    assert float(marker.read_text()) < 10  # set-based: well under a second here, not a minute
    assert [e["text"] for e in cli("log", "--json", ok=True).json()] == ["written during the undo"]


def test_a_change_whose_tables_interleave_is_reverted_exactly(cli, isolated):
    """Runs of one table and operation that interleave (a note, the entry, a note again) are put
    back in reverse order, each row as it was."""
    from datetime import date, datetime

    from studylog.store import journal
    from studylog.store.db import Store

    cli("done", "kept", "-n", "old note", ok=True)
    isolated.mkdir(parents=True, exist_ok=True)
    store = Store(os.environ.get("STUDYLOG_DB") or str(isolated / "studylog.db"), "tester", datetime(2024, 4, 18, 12))
    try:

        def state():
            return (
                store.rows("SELECT id, text, hours FROM entry ORDER BY id"),
                store.rows("SELECT id, entry_id, position, text FROM note ORDER BY id"),
            )

        before = state()
        with journal.change(store, "interleaved") as ch:
            new = ch.insert(
                "entry",
                {"owner": "tester", "kind": "done", "day": date(2024, 4, 18), "text": "new", "created_at": store.now},
            )
            ch.insert("note", {"entry_id": new, "position": 0, "depth": 0, "text": "n1"})
            ch.update("entry", 1, {"text": "kept, edited", "hours": 2.0})
            ch.insert("note", {"entry_id": new, "position": 1, "depth": 0, "text": "n2"})
            ch.delete("note", 1)
            ch.update("entry", 1, {"text": "kept, edited twice"})
            ch.insert("note", {"entry_id": 1, "position": 0, "depth": 0, "text": "replacement"})
        assert state() != before
        undone = journal.undo(store)
        assert undone.rows == 7
        assert state() == before
    finally:
        store.close()


def test_undo_n_refuses_to_bring_a_day_over_24_hours(cli):
    cli("done", "long session", "--hours", "10", ok=True)  # 1
    cli("rm", "1", ok=True)  # 2
    cli("done", "another", "--hours", "20", ok=True)  # 3
    out = cli("undo", "2")
    assert out.exit_code == 1, out.stdout
    assert out.stderr == (
        "studylog: error: undoing change #2 (rm entry 1 'long session') would give 2024-04-18 30h logged, "
        "more than 24 hours; undo or edit the later entries of that day first\n"
    )
    assert [e["text"] for e in cli("log", "--json", ok=True).json()] == ["another"]  # nothing written
    cli("edit", "2", "--hours", "14", ok=True)  # entry 2 (change 4 touches only it)
    cli("undo", "2", ok=True)
    assert sorted(e["hours"] for e in cli("log", "--json", ok=True).json()) == [10.0, 14.0]


def test_undo_json_says_what_it_reverted(cli):
    cli("done", "d", "-n", "a note", ok=True)
    data = cli("undo", "--json", ok=True).json()
    assert set(data) == {"number", "summary", "created_at", "host", "undone_at", "rows"}
    assert (data["number"], data["summary"], data["host"], data["rows"]) == (1, "done 'd' on 2024-04-18", HOST, 2)
    assert data["undone_at"] is not None


def test_a_change_number_no_id_can_be_is_refused_in_one_line(cli):
    cli("done", "x", "--hours", "1", ok=True)
    out = cli("undo", "123456789012345678901234")
    assert out.exit_code != 0 and "unexpected" not in out.stderr
    assert "there is no change 123456789012345678901234" in out.stderr and "undo --list" in out.stderr
    assert cli("log", "--json", ok=True).json()[0]["text"] == "x"  # nothing was undone
