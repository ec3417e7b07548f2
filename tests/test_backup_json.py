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
        3,
        4,
        4,
    )
    switch_store()
    out = cli("import", "json", str(backup), ok=True)
    # 4 statuses: "lecture 5" met the goal linked to karpathy/5, and that work started it
    assert out.stdout == "Added 4 entries, 3 notes and 4 item statuses (0 already present)\n"
    again = tmp_path / "again.json"
    cli("export", "json", "--out", str(again), ok=True)
    assert again.read_text() == backup.read_text()
    assert cli("import", "json", str(backup), ok=True).stdout == (
        "Added 0 entries, 0 notes and 0 item statuses (8 already present)\n"
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
    assert cli("undo", ok=True).stdout.split(" (", 1)[1].startswith("import json")
    assert cli("log", "--json", ok=True).json() == []


def test_bad_backups_are_one_line_and_write_nothing(cli, tmp_path):
    cases = {
        "notjson.json": ("{oops", "not valid JSON"),
        "other.json": ('{"format": "something"}', "is not a studylog backup"),
        "version.json": ('{"format": "studylog-backup", "version": 9, "entries": [], "item_status": []}', "version 9"),
        "events.json": (
            '{"format": "studylog-backup", "version": 2, "entries": [], "item_status": [], "item_events": [{}]}',
            "item event 0: item is missing",
        ),
        "items.json": (
            '{"format": "studylog-backup", "version": 2, "entries": [{"id": 1, "kind": "done", "day": "2024-04-01", '
            '"text": "x", "hours": null, "item": null, "goal_id": null, "met_on": null, "dropped_on": null, '
            '"created_at": "2024-04-01 10:00:00", "period_start": null, "period_end": null, "style": null, '
            '"source": null, "source_key": null, "items": "dlc/1"}], "item_status": []}',
            "entry 0 (#1, 2024-04-01): items must be a list",
        ),
        "entry.json": (
            '{"format": "studylog-backup", "version": 1, "entries": [{"kind": "goal"}], "item_status": []}',
            "entry 0: id is missing",
        ),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        out = cli("import", "json", str(path), ok=False)
        assert message in out.stderr and out.stderr.count("\n") == 1, out.stderr
    assert "no such file" in cli("import", "json", str(tmp_path / "missing.json"), ok=False).stderr
    assert cli("log", "--json", ok=True).json() == []


def _store():
    from datetime import datetime

    from studylog.paths import database_target
    from studylog.store.db import Store

    return Store(database_target(None), "tester", datetime(2024, 4, 18, 9))


def _history_sample(cli):
    """A done entry linked to two items, an imported goal that lapsed, and a status history with
    a completion, a reopening and a start moved back by logged work."""
    from datetime import date

    from studylog.store.entries import extra_item_rows
    from studylog.store.journal import change

    cli("start", "aisf/3", "--date", "2024-04-05", ok=True)
    cli("done", "earlier reading", "-i", "aisf/3", "--date", "2024-04-02", ok=True)  # moves the start back
    cli("complete", "aisf/3", "--date", "2024-04-08", ok=True)
    cli("start", "aisf/3", "--reopen", "--date", "2024-04-12", ok=True)
    store = _store()
    try:
        with change(store, "sample") as ch:
            done = ch.insert(
                "entry",
                {
                    "owner": "tester",
                    "kind": "done",
                    "day": date(2024, 4, 14),
                    "text": "Finished Week 3 and Week 4 reading",
                    "hours": 6.0,
                    "item": "aisf/3",
                    "item_count": 2,
                    "created_at": store.now,
                },
            )
            ch.insert_many("entry_item", extra_item_rows("tester", done, ["aisf/3", "aisf/4"]))
            ch.insert(
                "entry",
                {
                    "owner": "tester",
                    "kind": "goal",
                    "day": date(2023, 8, 1),
                    "text": "read the old plan",
                    "source": "daily-notes",
                    "lapse_on": date(2023, 8, 2),
                    "created_at": store.now,
                },
            )
    finally:
        store.close()


def test_round_trip_keeps_links_lapses_and_history(cli, tmp_path, switch_store):
    _history_sample(cli)
    backup = tmp_path / "backup.json"
    cli("export", "json", "--out", str(backup), ok=True)
    data = json.loads(backup.read_text())
    multi = next(e for e in data["entries"] if e["text"].startswith("Finished Week 3"))
    assert (multi["item"], multi["items"], multi["item_count"]) == ("aisf/3", ["aisf/3", "aisf/4"], 2)
    assert next(e for e in data["entries"] if e["kind"] == "goal")["lapse_on"] == "2023-08-02"
    assert [(e["event"], e["day"]) for e in data["item_events"] if e["item"] == "aisf/3"] == [
        ("started", "2024-04-02"),
        ("completed", "2024-04-08"),
        ("reopened", "2024-04-12"),
    ]
    before = cli("curricula", "show", "aisf", "--json", ok=True).json()
    log = cli("log", "--json", ok=True).json()
    switch_store()
    cli("import", "json", str(backup), ok=True)
    again = tmp_path / "again.json"
    cli("export", "json", "--out", str(again), ok=True)
    assert again.read_text() == backup.read_text()
    assert cli("curricula", "show", "aisf", "--json", ok=True).json() == before
    assert cli("log", "--json", ok=True).json() == log
    assert next(e for e in log if e["text"].startswith("Finished"))["items"] == ["aisf/3", "aisf/4"]
    restored = _store()
    try:
        goal = restored.one("SELECT lapse_on, dropped_on FROM entry WHERE kind = 'goal'")
    finally:
        restored.close()
    assert (str(goal["lapse_on"]), goal["dropped_on"]) == ("2023-08-02", None)  # lapsed, not dropped
    cli("undo", ok=True)  # the restore is one change
    assert cli("log", "--json", ok=True).json() == []
    assert all(i["history"] == [] for i in cli("curricula", "show", "aisf", "--json", ok=True).json()["items"])


def test_a_version_1_backup_still_restores(cli, tmp_path):
    """Written by the previous studylog: no items, item_count, lapse_on or item_events. Each
    status gets the history its dates tell."""
    entry = {
        "id": 1,
        "kind": "done",
        "day": "2024-04-10",
        "text": "chapter 1 exercises",
        "hours": 3.0,
        "item": "dlc/1",
        "goal_id": None,
        "met_on": None,
        "dropped_on": None,
        "created_at": "2024-04-10 20:00:00",
        "period_start": None,
        "period_end": None,
        "style": None,
        "source": None,
        "source_key": None,
        "notes": [],
    }
    status = {
        "item": "dlc/1",
        "status": "complete",
        "started_on": "2024-04-01",
        "completed_on": "2024-04-10",
        "skipped_on": None,
        "updated_at": "2024-04-10 20:00:00",
    }
    path = tmp_path / "v1.json"
    path.write_text(
        json.dumps(
            {"format": "studylog-backup", "version": 1, "owner": "x", "entries": [entry], "item_status": [status]}
        )
    )
    assert cli("import", "json", str(path), ok=True).stdout.startswith("Added 1 entries, 0 notes and 1 item statuses")
    [done] = cli("log", "--json", ok=True).json()
    assert (done["item"], done["items"], done["hours"]) == ("dlc/1", ["dlc/1"], 3.0)
    item = cli("curricula", "show", "dlc", "--json", ok=True).json()["items"][0]
    assert (item["status"], item["history"]) == (
        "complete",
        [{"event": "started", "date": "2024-04-01"}, {"event": "completed", "date": "2024-04-10"}],
    )
    data = json.loads(cli("export", "json", ok=True).stdout)
    assert data["version"] == 3 and len(data["item_events"]) == 2
