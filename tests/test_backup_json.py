"""export json / import json: a lossless backup that restores to the same store."""

from __future__ import annotations

import json


def _sample(cli):
    cli("goal", "finish part 5/8", "-i", "makemore-4", "--date", "2024-04-16", "-n", "watch at 1.5x", ok=True)
    cli("goal", "skim ORPO", ok=True)
    cli("done", "backprop notes", "-H", "1.5", "-n", "cs231n", "-n", "\tcolah", "--date", "2024-04-17", ok=True)
    cli("done", "lecture 5", "-H", "2", "--goal", "1", ok=True)
    cli("drop", "2", ok=True)
    cli("complete", "dlc/1", "--date", "2024-03-01", ok=True)
    cli("start", "dlc/6", ok=True)
    cli("skip", "dlc/5", ok=True)


def test_round_trip_gives_the_same_store(cli, tmp_path, switch_store):
    _sample(cli)
    backup = tmp_path / "backup.json"
    cli("export", "json", "--out", str(backup), ok=True)
    data = json.loads(backup.read_text())
    assert (data["format"], data["version"], len(data["entries"]), len(data["item_status"])) == (
        "studylog-backup",
        1,
        4,
        3,
    )
    switch_store()
    out = cli("import", "json", str(backup), ok=True)
    assert out.stdout == "Added 4 entries, 3 notes and 3 item statuses (0 already present)\n"
    again = tmp_path / "again.json"
    cli("export", "json", "--out", str(again), ok=True)
    assert again.read_text() == backup.read_text()
    assert cli("import", "json", str(backup), ok=True).stdout == (
        "Added 0 entries, 0 notes and 0 item statuses (7 already present)\n"
    )
    today = cli("today", "--json", ok=True).json()
    assert today["done"][0]["goal"] == 1 and today["carried_over"][0]["met"] is True


def test_restore_into_a_store_with_data_remaps_ids(cli, tmp_path, switch_store):
    _sample(cli)
    backup = tmp_path / "b.json"
    cli("export", "json", "--out", str(backup), ok=True)
    switch_store()
    cli("done", "something else", ok=True)
    cli("import", "json", str(backup), ok=True)
    log = cli("log", "--json", ok=True).json()
    assert len(log) == 5
    lecture = next(e for e in log if e["text"] == "lecture 5")
    goal = next(e for e in log if e["text"] == "finish part 5/8")
    assert lecture["goal"] == goal["id"] != 1


def test_dry_run_and_undo(cli, tmp_path, switch_store):
    _sample(cli)
    backup = tmp_path / "b.json"
    cli("export", "json", "--out", str(backup), ok=True)
    switch_store()
    assert cli("import", "json", str(backup), "--dry-run", ok=True).stdout.startswith("Would add 4 entries")
    assert cli("log", "--json", ok=True).json() == []
    cli("import", "json", str(backup), ok=True)
    assert cli("undo", ok=True).stdout.startswith("Undid: import json")
    assert cli("log", "--json", ok=True).json() == []


def test_bad_backups_are_one_line_and_write_nothing(cli, tmp_path):
    cases = {
        "notjson.json": ("{oops", "not valid JSON"),
        "other.json": ('{"format": "something"}', "is not a studylog backup"),
        "version.json": ('{"format": "studylog-backup", "version": 9, "entries": [], "item_status": []}', "version 9"),
        "entry.json": (
            '{"format": "studylog-backup", "version": 1, "entries": [{"kind": "goal"}], "item_status": []}',
            "entry 0 is incomplete",
        ),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        out = cli("import", "json", str(path), ok=False)
        assert message in out.stderr and out.stderr.count("\n") == 1, out.stderr
    assert "no such file" in cli("import", "json", str(tmp_path / "missing.json"), ok=False).stderr
    assert cli("log", "--json", ok=True).json() == []
