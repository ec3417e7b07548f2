"""Weekly targets (issue #16): config target.week and target.week.ID; week, today and the trend."""

from __future__ import annotations

from datetime import date

from studylog.reports.targets import left_today


def test_a_week_against_its_targets(cli):
    cli("config", "set", "target.week", "15h", ok=True)
    cli("config", "set", "target.week.dlc", "6", ok=True)
    cli("done", "chapter 1", "--hours", "4", "--date", "monday", "--item", "dlc/1", ok=True)
    cli("done", "reading", "--hours", "5", "--date", "tuesday", ok=True)
    week = cli("week", "--json", ok=True).json()
    assert week["targets"] == [
        {"curriculum": None, "target": 15.0, "hours": 9.0, "left": 6.0, "met": False},
        {"curriculum": "dlc", "target": 6.0, "hours": 4.0, "left": 2.0, "met": False},
    ]
    out = cli("week", ok=True).stdout
    assert "Target 15h a week: 9h so far, 6h to go" in out and "Target 6h a week on dlc: 4h so far, 2h to go" in out
    cli("done", "exercises", "--hours", "6.5", "--item", "dlc/2", ok=True)
    out = cli("week", ok=True).stdout
    assert "Target 15h a week: met (15.5h)" in out and "Target 6h a week on dlc: met (10.5h)" in out


def test_today_says_what_keeps_the_week_on_track(cli):
    cli("config", "set", "target.week", "15h", ok=True)
    cli("done", "a", "--hours", "9", "--date", "monday", ok=True)  # today is Thursday 2024-04-18
    assert cli("today", "--json", ok=True).json()["on_track"] == {"target": 15.0, "week_hours": 9.0, "left_today": 1.5}
    assert "1.5h more today keeps you on track (9h of 15h this week)" in cli("today", ok=True).stdout
    cli("done", "b", "--hours", "2", ok=True)
    assert "On track: 11h of 15h this week" in cli("today", ok=True).stdout
    assert cli("day", "yesterday", "--json", ok=True).json()["on_track"] is None  # today only


def test_no_target_no_line(cli):
    cli("done", "a", "--hours", "2", ok=True)
    assert cli("today", "--json", ok=True).json()["on_track"] is None
    assert "Target" not in cli("week", ok=True).stdout and "on track" not in cli("today", ok=True).stdout
    assert cli("week", "--json", ok=True).json()["targets"] == []


def test_the_trend_marks_the_weeks_that_met_it(cli):
    cli("config", "set", "target.week", "5h", ok=True)
    cli("done", "a", "--hours", "6", "--date", "2024-04-09", ok=True)
    cli("done", "b", "--hours", "2", "--date", "2024-04-16", ok=True)
    trend = cli("week", "--weeks", "3", "--json", ok=True).json()
    assert [w["target_met"] for w in trend["weeks"]] == [False, True, False]
    lines = cli("week", "--weeks", "3", ok=True).stdout.splitlines()
    assert [("✓ target" in line) for line in lines[1:4]] == [False, True, False]


def test_bad_targets_are_refused(cli):
    for key, value, message in [
        ("target.week", "lots", "target.week takes hours a week, such as 15h or 12.5 (at most 168), not 'lots'"),
        ("target.week", "200", "not '200'"),
        ("target.week.dlc", "0", "not '0'"),
        ("target.week.Bad Id", "2", "unknown config key 'target.week.Bad Id'"),
    ]:
        out = cli("config", "set", key, value, ok=False)
        assert out.exit_code == 2 and message in out.stderr, out.stderr


def test_targets_are_kept_in_valid_toml(cli, isolated):
    import tomllib

    cli("config", "set", "target.week", "15h", ok=True)
    cli("config", "set", "target.week.dlc", "6h", ok=True)
    data = tomllib.loads((isolated / "config.toml").read_text())
    assert data["target"] == {"week": "15h", "curricula": {"dlc": "6h"}}
    assert cli("config", "get", "target.week.dlc", ok=True).stdout == "6h\n"
    assert cli("config", "list", "--json", ok=True).json()["target.week.dlc"] == "6h"


def test_left_today():
    thursday, sunday = date(2024, 4, 18), date(2024, 4, 21)
    assert left_today(15, 9, 0, thursday, sunday) == 1.5
    assert left_today(15, 9, 2, thursday, sunday) == 0.0
    assert left_today(15, 16, 0, thursday, sunday) == 0.0
    assert left_today(14, 0, 0, sunday, sunday) == 14.0
