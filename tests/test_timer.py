"""timer start|stop|status|cancel (issue #16), with the clock fixed by STUDYLOG_NOW."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studylog.errors import UsageError
from studylog.store.timer import split_by_day
from studylog.times import parse_time


def at(moment: str) -> dict[str, str]:
    """The environment of a command run at ``moment`` (the day follows it)."""
    return {"STUDYLOG_NOW": moment, "STUDYLOG_TODAY": moment[:10]}


def test_start_status_stop_logs_the_minutes_it_ran(cli):
    out = cli("timer", "start", "DPO paper #paper", "--item", "dlc/1", env=at("2024-04-18T14:05"), ok=True)
    assert out.stdout == "Timer started at 14:05: DPO paper #paper (dlc/1)\n"
    status = cli("timer", "status", "--json", env=at("2024-04-18T14:50"), ok=True).json()
    assert status["running"] and status["timer"]["minutes"] == 45 and status["timer"]["item"] == "dlc/1"
    assert (
        "Timer running since 14:05 (0.75h): DPO paper #paper (dlc/1)"
        in cli("today", env=at("2024-04-18T14:50"), ok=True).stdout
    )
    out = cli("timer", "stop", "--note", "section 3", env=at("2024-04-18T15:25"), ok=True)
    assert out.stdout == "Done #1 on 2024-04-18: DPO paper #paper (1.33h)\n"
    done = cli("log", "--json", ok=True).json()[0]
    assert (done["hours"], done["item"], done["tags"], done["notes"]) == (
        1.3333,
        "dlc/1",
        ["paper"],
        [{"text": "section 3", "depth": 0}],
    )
    assert cli("curricula", "show", "dlc", "--json", ok=True).json()["items"][0]["status"] == "started"
    assert cli("timer", "status", env=at("2024-04-18T15:30"), ok=True).stdout.startswith("No timer is running")
    assert cli("today", "--json", env=at("2024-04-18T15:30"), ok=True).json()["timer"] is None


def test_one_timer_at_a_time_and_switch(cli):
    cli("timer", "start", "reading", env=at("2024-04-18T09:00"), ok=True)
    out = cli("timer", "start", "exercises", env=at("2024-04-18T10:00"), ok=False)
    assert out.exit_code == 1  # a conflict with what the store holds, not a usage error
    assert out.stderr.startswith("studylog: error: a timer is running since 09:00 on 2024-04-18: reading;")
    out = cli("timer", "start", "exercises", "--switch", env=at("2024-04-18T10:00"), ok=True)
    assert out.stdout.splitlines() == [
        "Done #1 on 2024-04-18: reading (1h)",
        "Timer started at 10:00: exercises",
    ]
    assert cli("timer", "status", "--json", env=at("2024-04-18T10:30"), ok=True).json()["timer"]["text"] == "exercises"
    cli("undo", ok=True)  # the switch is one change: the first timer runs again, nothing is logged
    assert cli("timer", "status", "--json", env=at("2024-04-18T10:30"), ok=True).json()["timer"]["text"] == "reading"
    assert cli("log", "--json", ok=True).json() == []


def test_a_timer_across_midnight_logs_each_day_its_minutes(cli):
    cli("timer", "start", "late night", env=at("2024-04-17T23:30"), ok=True)
    out = cli("timer", "stop", env=at("2024-04-18T01:10"), ok=True)
    assert out.stdout.splitlines() == [
        "Done #1 on 2024-04-17: late night (0.5h)",
        "Done #2 on 2024-04-18: late night (1.17h)",
    ]


def test_a_forgotten_stop_asks_for_the_time(cli):
    cli("timer", "start", "reading", env=at("2024-04-17T09:00"), ok=True)
    out = cli("timer", "stop", env=at("2024-04-17T22:30"), ok=False)
    assert out.exit_code == 1
    assert "the timer has run 14 hours since 09:00 on 2024-04-17" in out.stderr
    assert "timer stop --at 18:30" in out.stderr
    assert cli("log", "--json", ok=True).json() == []
    out = cli("timer", "stop", "--at", "yesterday 11:15", env=at("2024-04-18T08:00"), ok=True)
    assert out.stdout == "Done #1 on 2024-04-17: reading (2.25h)\n"


def test_a_forgotten_start_is_mended_with_at(cli):
    cli("timer", "start", "reading", "--at", "20 minutes ago", env=at("2024-04-18T14:25"), ok=True)
    assert cli("timer", "stop", "--at", "14:35", env=at("2024-04-18T15:00"), ok=True).stdout.endswith("(0.5h)\n")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["timer", "stop"], 1, "no timer is running"),  # the store says no: exit 1 (docs/errors.md)
        (["timer", "cancel"], 1, "no timer is running"),
        (["timer", "start", "x", "--at", "15:00 tomorrow"], 2, "cannot read '15:00 tomorrow' as a time"),
        (["timer", "start", "x", "--at", "25:00"], 2, "'25:00' is not a time of day"),
        (["timer", "start", "x", "--at", "tomorrow 09:00"], 2, "'tomorrow 09:00' is in the future"),
        (["timer", "start", "x", "--item", "nosuch/1"], 2, "unknown item 'nosuch/1'"),
    ],
)
def test_bad_input_is_one_line(cli, args, code, message):
    out = cli(*args, env=at("2024-04-18T14:00"), ok=False)
    assert out.exit_code == code
    assert message in out.stderr and out.stderr.count("\n") == 1


def test_stop_before_start_and_under_a_minute_are_refused(cli):
    cli("timer", "start", "x", env=at("2024-04-18T14:00"), ok=True)
    assert (
        "after 13:00 on 2024-04-18"
        in cli("timer", "stop", "--at", "13:00", env=at("2024-04-18T14:30"), ok=False).stderr
    )
    out = cli("timer", "stop", env=at("2024-04-18T14:00"), ok=False)
    assert "ran less than a minute" in out.stderr
    assert cli("timer", "cancel", env=at("2024-04-18T14:00"), ok=True).stdout.startswith("Timer cancelled")
    cli("undo", ok=True)
    assert cli("timer", "status", "--json", env=at("2024-04-18T14:05"), ok=True).json()["running"]


def test_a_timer_counts_toward_the_24_hours_of_a_day(cli):
    cli("done", "marathon", "--hours", "23.5", env=at("2024-04-18T23:59"), ok=True)
    cli("timer", "start", "more", "--at", "09:00", env=at("2024-04-18T10:00"), ok=True)
    out = cli("timer", "stop", env=at("2024-04-18T10:00"), ok=False)
    assert "more than 24 hours" in out.stderr
    assert cli("timer", "status", "--json", env=at("2024-04-18T10:00"), ok=True).json()["running"]


def test_week_shows_the_running_timer(cli):
    cli("timer", "start", "reading", env=at("2024-04-18T14:00"), ok=True)
    assert cli("week", env=at("2024-04-18T15:00"), ok=True).stdout.endswith("Timer running since 14:00 (1h): reading\n")
    assert cli("week", "--json", env=at("2024-04-18T15:00"), ok=True).json()["timer"]["minutes"] == 60
    assert cli("week", "last", "--json", env=at("2024-04-18T15:00"), ok=True).json()["timer"] is None


def test_a_bad_studylog_now_is_one_line(cli):
    out = cli("timer", "status", env={"STUDYLOG_NOW": "teatime"}, ok=False)
    assert "STUDYLOG_NOW='teatime' is not an ISO date and time" in out.stderr


def test_split_by_day():
    d = datetime(2024, 4, 17, 23, 30)
    assert split_by_day(d, d + timedelta(minutes=100)) == [(date(2024, 4, 17), 30), (date(2024, 4, 18), 70)]
    assert split_by_day(d, d + timedelta(minutes=20)) == [(date(2024, 4, 17), 20)]
    assert split_by_day(d, d) == []
    late = datetime(2024, 4, 17, 23, 59, 50)
    assert split_by_day(late, datetime(2024, 4, 18, 0, 30)) == [(date(2024, 4, 18), 30)]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)),
    st.integers(min_value=0, max_value=60 * 24 * 3),
)
def test_the_days_add_up_to_the_minutes(start, minutes):
    parts = split_by_day(start.replace(microsecond=0), start.replace(microsecond=0) + timedelta(minutes=minutes))
    assert sum(m for _, m in parts) == minutes
    assert all(m > 0 for _, m in parts)


NOW = datetime(2024, 4, 18, 14, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", datetime(2024, 4, 18, 14, 0)),
        ("15:00", datetime(2024, 4, 17, 15, 0)),  # still to come today: yesterday's
        ("20 minutes ago", datetime(2024, 4, 18, 13, 45)),
        ("1h30m ago", datetime(2024, 4, 18, 12, 35)),
        ("2 hours ago", datetime(2024, 4, 18, 12, 5)),
        ("yesterday 23:10", datetime(2024, 4, 17, 23, 10)),
        ("2024-04-16 08:00", datetime(2024, 4, 16, 8, 0)),
        ("now", NOW),
    ],
)
def test_times(text, expected):
    assert parse_time(text, NOW) == expected


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=24))
def test_any_text_is_a_time_not_after_now_or_a_usage_error(text):
    try:
        found = parse_time(text, NOW)
    except UsageError as err:
        assert err.exit_code == 2
        return
    assert found <= NOW


def test_the_everyday_commands_load_store_timer_only_for_a_running_timer(tmp_path):
    """today, week and the dashboard read the timer's row through store.timer_row; the records of
    store.timer (most of what the timer costs them) load only when a timer runs."""
    import json
    import os
    import subprocess
    import sys

    probe = (
        "import json, sys\nsys.argv = ['studylog', *json.loads(sys.argv[1])]\nfrom studylog.cli import main\n"
        "main()\nprint('\\nTIMER=' + json.dumps('studylog.store.timer' in sys.modules))"
    )
    env = {**os.environ, "STUDYLOG_HOME": str(tmp_path / "home"), **at("2024-04-18T14:05")}
    env.pop("STUDYLOG_NO_FAST_PATH", None)
    subprocess.run([sys.executable, "-m", "studylog", "done", "warm up", "-H", "1"], env=env, check=True)

    def loads_timer(args: list[str]) -> bool:
        out = subprocess.run([sys.executable, "-c", probe, json.dumps(args)], env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.rsplit("TIMER=", 1)[1])

    assert [loads_timer(a) for a in (["today"], ["week"], [])] == [False, False, False]
    subprocess.run([sys.executable, "-m", "studylog", "timer", "start", "reading"], env=env, check=True)
    assert [loads_timer(a) for a in (["today"], ["week"], [])] == [True, True, True]
