"""import json checks a backup against a strict model of its format before writing anything
(issue #13 item 10): a value studylog would never store is refused with one line naming the
entry and the field, and nothing is imported."""

from __future__ import annotations

import json

import pytest


def _entry(**changes):
    entry = {
        "id": 1,
        "kind": "done",
        "day": "2024-04-01",
        "text": "read chapter 1",
        "hours": 2.0,
        "item": None,
        "goal_id": None,
        "met_on": None,
        "dropped_on": None,
        "created_at": "2024-04-01 10:00:00",
        "period_start": None,
        "period_end": None,
        "style": None,
        "source": None,
        "source_key": None,
        "item_count": None,
        "lapse_on": None,
        "items": [],
        "notes": [],
    }
    entry.update(changes)
    return entry


def _status(**changes):
    status = {
        "item": "dlc/1",
        "status": "started",
        "started_on": "2024-04-01",
        "completed_on": None,
        "skipped_on": None,
        "updated_at": "2024-04-01 10:00:00",
    }
    status.update(changes)
    return status


def _event(**changes):
    event = {"item": "dlc/1", "event": "started", "day": "2024-04-01", "created_at": "2024-04-01 10:00:00"}
    event.update(changes)
    return event


def _backup(tmp_path, entries, statuses=(), events=(), name="backup.json"):
    path = tmp_path / name
    data = {
        "format": "studylog-backup",
        "version": 2,
        "owner": "someone",
        "entries": list(entries),
        "item_status": list(statuses),
        "item_events": list(events),
    }
    path.write_text(json.dumps(data))
    return path


def _refused(cli, path):
    out = cli("import", "json", str(path), ok=False)
    assert out.exit_code == 1 and out.stderr.count("\n") == 1, out.stderr
    assert "unexpected" not in out.stderr and out.stderr.rstrip().endswith("nothing was imported"), out.stderr
    assert cli("log", "--json", ok=True).json() == []  # nothing was written
    return out.stderr


def test_hours_that_are_not_a_number_are_refused_and_the_views_keep_working(cli, tmp_path):
    path = _backup(tmp_path, [_entry(), _entry(id=345, day="2024-04-18", text="x", hours="lots")])
    message = _refused(cli, path)
    assert message == (
        f"studylog: error: {path}: entry 1 (#345, 2024-04-18): hours must be a number of hours from 0 to 24, "
        "not 'lots'; nothing was imported\n"
    )
    for view in (("day", "2024-04-18"), ("log",), ("week",), ("export", "til")):
        cli(*view, ok=True)
    assert cli("import", "json", str(path), "--dry-run", ok=False).stderr == message  # dry run checks the same


BAD_ENTRIES = {
    "a future done day": (_entry(day="2024-04-19"), "day is 2024-04-19, after today (2024-04-18)"),
    "100 hours in a day": (_entry(hours=100), "hours must be a number of hours from 0 to 24, not 100"),
    "no hours at all": (_entry(hours=0), "hours must be a number of hours from 0 to 24, not 0"),
    "negative hours": (_entry(hours=-1), "hours must be a number of hours from 0 to 24, not -1"),
    "true as hours": (_entry(hours=True), "hours must be a number of hours from 0 to 24, not True"),
    "hours as text": (_entry(hours="2"), "hours must be a number of hours from 0 to 24, not '2'"),
    "a period over 24 a day": (
        _entry(hours=49, period_start="2024-03-31", period_end="2024-04-01"),
        "hours must be a number of hours from 0 to 48 (24 a day over its 2 days), not 49",
    ),
    "text that is a number": (_entry(text=5), "text must be a string, not 5"),
    "empty text": (_entry(text="  "), "text must not be empty"),
    "a NUL in the text": (_entry(text="a\x00b"), "text must not contain a NUL character"),
    "a lone surrogate": (_entry(text="\ud800"), "text holds a lone surrogate (\\ud800), which is not a character"),
    "a note that is a number": (_entry(notes=[{"depth": 0, "text": 7}]), "note 0 text must be a string, not 7"),
    "notes that are not a list": (_entry(notes="x"), "notes must be a list, not 'x'"),
    "an unknown kind": (_entry(kind="plan"), "kind must be one of 'goal' or 'done', not 'plan'"),
    "a day that is not ISO": (_entry(day="18/04/2024"), "day must be an ISO day like 2024-04-18, not '18/04/2024'"),
    "a number as a day": (_entry(day=20240401), "day must be an ISO day like 2024-04-18, not 20240401"),
    "a bad creation time": (_entry(created_at="noon"), "created_at must be an ISO date and time"),
    "met in the future": (
        _entry(kind="goal", hours=None, met_on="2024-05-01"),
        "met_on is 2024-05-01, after today (2024-04-18)",
    ),
    "a period that ends before it starts": (
        _entry(period_start="2024-04-05", period_end="2024-04-01"),
        "period_end is 2024-04-01, before period_start (2024-04-05)",
    ),
    "half a period": (_entry(period_start="2024-03-25"), "a period needs both days, or neither"),
    "an id over 64 bits": (_entry(id=2**64), "id must be a whole number from 1 to 9223372036854775807"),
    "an id of 0": (_entry(id=0), "id must be a whole number from 1 to 9223372036854775807, not 0"),
    "an id as text": (_entry(id="3"), "id must be a whole number from 1 to 9223372036854775807, not '3'"),
    "a goal id over 64 bits": (_entry(goal_id=10**24), "goal_id must be a whole number"),
    "an item that is a number": (_entry(item=3), "item must be a string, not 3"),
    "items that are numbers": (_entry(items=["dlc/1", 3]), "items[1] must be a string, not 3"),
    "a field the format does not have": (_entry(mood="good"), "mood is not a field of the backup format"),
    "a missing field": ({k: v for k, v in _entry().items() if k != "text"}, "text is missing"),
    "an entry that is not an object": ([1, 2], "it must be an object, not [1, 2]"),
}


@pytest.mark.parametrize("case", BAD_ENTRIES)
def test_each_bad_entry_is_refused_naming_the_entry_and_the_field(cli, tmp_path, case):
    bad, expected = BAD_ENTRIES[case]
    path = _backup(tmp_path, [_entry(id=7, text="fine"), bad])
    message = _refused(cli, path)
    label = "entry 1" if not isinstance(bad, dict) else None
    assert f"{path}: {label or 'entry 1 ('}" in message and expected in message, message


def test_duplicate_ids_in_the_file_are_refused(cli, tmp_path):
    path = _backup(tmp_path, [_entry(id=4), _entry(id=4, text="other")])
    assert "entry 1 (#4, 2024-04-01): id 4 is the id of an earlier entry too" in _refused(cli, path)


BAD_STATUSES = {
    "an unknown status": (_status(status="done"), "item status 0: status must be one of"),
    "a future start": (_status(started_on="2024-06-01"), "started_on is 2024-06-01, after today"),
    "an item that is a number": (_status(item=5), "item status 0: item must be a string, not 5"),
    "a bad time": (_status(updated_at=3), "updated_at must be an ISO date and time"),
}


@pytest.mark.parametrize("case", BAD_STATUSES)
def test_bad_statuses_are_refused(cli, tmp_path, case):
    bad, expected = BAD_STATUSES[case]
    assert expected in _refused(cli, _backup(tmp_path, [_entry()], statuses=[bad]))
    assert cli("curricula", "show", "dlc", "--json", ok=True).json()["items"][0]["status"] == "not started"


def test_two_statuses_for_one_item_are_refused(cli, tmp_path):
    message = _refused(cli, _backup(tmp_path, [_entry()], statuses=[_status(), _status(status="complete")]))
    assert "item status 1 ('dlc/1'): an earlier status is for the same item" in message


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (_event(event="finished"), "item event 0: event must be one of"),
        (_event(day="2030-01-01"), "item event 0: day is 2030-01-01, after today"),
        (_event(item=None), "item event 0: item must be a string, not None"),
    ],
)
def test_bad_events_are_refused(cli, tmp_path, bad, expected):
    assert expected in _refused(cli, _backup(tmp_path, [_entry()], statuses=[_status()], events=[bad]))


def test_a_day_over_24_hours_in_the_backup_is_refused(cli, tmp_path):
    entries = [_entry(id=1, hours=13), _entry(id=2, text="more", hours=6), _entry(id=3, text="too much", hours=6)]
    message = _refused(cli, _backup(tmp_path, entries))
    assert "entry 2 (#3, 2024-04-01): hours 6 would make 2024-04-01 25h in all, more than 24 hours a day" in message


def test_a_day_over_24_hours_with_what_is_stored_is_refused(cli, tmp_path):
    cli("done", "earlier", "--hours", "20", "--date", "2024-04-01", ok=True)
    week = _entry(id=2, text="a week", hours=7, period_start="2024-03-26", period_end="2024-04-01")  # 1h a day
    path = _backup(tmp_path, [_entry(hours=3.5), week])
    out = cli("import", "json", str(path), ok=False)
    assert out.stderr == (
        f"studylog: error: {path}: entry 1 (#2, 2024-04-01): hours 7 would make 2024-04-01 24.5h in all, "
        "20h of them already stored, more than 24 hours a day; nothing was imported\n"
    )
    assert [e["text"] for e in cli("log", "--json", ok=True).json()] == ["earlier"]
    cli("rm", "1", ok=True)  # without the stored 20 hours the same backup fits
    assert cli("import", "json", str(path), ok=True).stdout.startswith("Added 2 entries")


def test_what_the_store_may_hold_is_accepted(cli, tmp_path):
    """A goal ahead of today, a lapse ahead, a 24-hour day, a period of 48 hours over 2 days, an
    old backup without the version 2 fields."""
    entries = [
        _entry(id=1, kind="goal", hours=None, day="2024-05-01", lapse_on="2024-06-01", text="plan ahead"),
        _entry(id=2, hours=24, day="2024-04-02"),
        _entry(id=3, hours=48, day="2024-04-11", period_start="2024-04-10", period_end="2024-04-11", text="x"),
        {k: v for k, v in _entry(id=4, day="2024-04-05").items() if k not in ("items", "item_count", "lapse_on")},
        _entry(id=5, text="linked", item="dlc/1", items=["dlc/1", "dlc/2"], notes=[{"text": "no depth"}]),
    ]
    out = cli("import", "json", str(_backup(tmp_path, entries, [_status()], [_event()])), ok=True)
    assert out.stdout.startswith("Added 5 entries, 1 notes and 1 item statuses")
    assert cli("day", "2024-04-11", "--json", ok=True).json()["total_hours"] == 24.0


@pytest.mark.sqlite_only
def test_doctor_names_stored_hours_that_are_not_hours(cli, isolated):
    """A store written by an older import json can hold ``'lots'`` (SQLite keeps any value in a
    REAL column): doctor said all was well while the views failed."""
    import sqlite3

    cli("done", "fine", "--hours", "2", ok=True)
    cli("done", "bad", "--hours", "1", ok=True)
    cli("done", "negative", "--hours", "1", ok=True)
    assert cli("doctor", ok=True).exit_code == 0
    with sqlite3.connect(isolated / "studylog.db") as conn:
        conn.execute("UPDATE entry SET hours = 'lots' WHERE id = 2")
        conn.execute("UPDATE entry SET hours = -3 WHERE id = 3")
    findings = {f["check"]: f for f in cli("doctor", "--json", ok=False).json()["findings"]}
    assert findings["hour values"]["ok"] is False
    assert findings["hour values"]["message"] == "entries whose hours are not a number of hours: #2 ('lots'), #3 (-3.0)"
    assert "studylog rm ID" in findings["hour values"]["fix"]
    removed = cli("rm", "2")  # what doctor says to do
    assert removed.exit_code == 0, removed.stderr
    assert removed.stdout.startswith("Removed #2 from 2024-04-18: bad (hours 'lots')")
