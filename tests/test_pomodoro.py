"""timer start --pomodoro (issue #16): the cycles as pure functions (studylog.pomodoro), the
countdown driven by a fake clock, and the command in a real process stopped with SIGINT, its
minutes made short by STUDYLOG_POMODORO_SCALE (seconds a minute lasts; for tests only)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from studylog.errors import UsageError
from studylog.pomodoro import Period, Plan, countdown, parse_plan, period_at, worked_minutes
from studylog.render.pomodoro import countdown_line, period_line

NOW = {"STUDYLOG_NOW": "2024-04-18T14:05", "STUDYLOG_TODAY": "2024-04-18"}


@pytest.mark.parametrize(
    "text, plan", [("25/5", Plan(25, 5)), ("50/10", Plan(50, 10)), (" 1 / 1 ", Plan(1, 1)), ("240/120", Plan(240, 120))]
)
def test_a_plan_is_work_and_break_minutes(text, plan):
    assert parse_plan(text) == plan
    assert str(plan) == f"{plan.work}/{plan.rest}"


@pytest.mark.parametrize(
    "text, message",
    [
        ("25", "--pomodoro takes WORK/BREAK minutes such as 25/5 or 50/10, not '25'"),
        ("25/5/5", "--pomodoro takes WORK/BREAK minutes such as 25/5 or 50/10, not '25/5/5'"),
        ("25m/5m", "--pomodoro takes WORK/BREAK minutes such as 25/5 or 50/10, not '25m/5m'"),
        ("-25/5", "--pomodoro takes WORK/BREAK minutes such as 25/5 or 50/10, not '-25/5'"),
        ("0/5", "--pomodoro 0/5: work must be 1 to 240 minutes and a break 1 to 120"),
        ("25/0", "--pomodoro 25/0: work must be 1 to 240 minutes and a break 1 to 120"),
        ("241/5", "--pomodoro 241/5: work must be 1 to 240 minutes and a break 1 to 120"),
    ],
)
def test_a_bad_plan_is_refused(text, message):
    with pytest.raises(UsageError) as caught:
        parse_plan(text)
    assert caught.value.message == message


@pytest.mark.parametrize(
    "elapsed, period",
    [
        (0, Period("work", 1, 25, 25, 0)),
        (10, Period("work", 1, 25, 15, 10)),
        (24.5, Period("work", 1, 25, 0.5, 24.5)),
        (25, Period("break", 1, 5, 5, 25)),  # the end of a period is the start of the next
        (29, Period("break", 1, 5, 1, 25)),  # a break adds no work
        (30, Period("work", 2, 25, 25, 25)),
        (61, Period("work", 3, 25, 24, 51)),
        (-3, Period("work", 1, 25, 25, 0)),  # a clock that went back: the start
    ],
)
def test_the_period_at_a_time(elapsed, period):
    assert period_at(Plan(25, 5), elapsed) == period


def test_only_work_is_logged_to_the_nearest_minute():
    plan = Plan(25, 5)
    assert [worked_minutes(plan, t) for t in (0, 0.4, 0.6, 24.6, 27, 30, 42, 58, 90)] == [
        0,
        0,
        1,
        25,
        25,
        25,
        37,
        50,
        75,
    ]
    assert worked_minutes(Plan(50, 10), 125) == 105
    assert period_at(plan, 12.5).done == 0.5


def test_the_countdown_shows_each_period_as_it_begins_and_never_sleeps_past_one():
    """A fake clock: sleeping moves it on; half a minute into the fourth period (break 2, at 5
    minutes) the sleep raises as Ctrl-C would."""
    clock = [1000.0]
    shown: list[tuple[str, int, bool, float]] = []
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds
        if clock[0] - 1000.0 >= 5.5 * 60:
            raise KeyboardInterrupt

    def show(period: Period, new: bool) -> None:
        shown.append((period.kind, period.number, new, round(period.left, 6)))

    with pytest.raises(KeyboardInterrupt):
        countdown(Plan(2, 1), lambda: clock[0], sleep, show, minute=60.0, tick=30.0)
    assert [s for s in shown if s[2]] == [
        ("work", 1, True, 2),
        ("break", 1, True, 1),
        ("work", 2, True, 2),
        ("break", 2, True, 1),
    ]
    assert shown[:3] == [("work", 1, True, 2), ("work", 1, False, 1.5), ("work", 1, False, 1)]
    assert max(sleeps) <= 30.0
    assert worked_minutes(Plan(2, 1), (clock[0] - 1000.0) / 60) == 4


def test_the_countdown_line_and_the_period_line():
    line = countdown_line(Period("work", 2, 25, 12.5, 37.5), 80)
    assert line == "Work 2  ███████████████░░░░░░░░░░░░░░░  12:30 left · 37m worked"
    assert len(countdown_line(Period("break", 9, 10, 0.01, 600), 40)) <= 40
    narrow = countdown_line(Period("break", 1, 5, 4.99, 25), 20)  # no room for a bar: the words, cut
    assert narrow == "Break 1  5:00 left " and "█" not in narrow
    assert countdown_line(Period("work", 1, 25, 0.001, 0), 80).endswith("0:01 left · 0m worked")
    assert period_line(Period("break", 3, 10, 10, 150)) == "Break 3: 10 min (2h30m worked)"


def test_a_bare_pomodoro_takes_the_default():
    from studylog.cli.timer_cmd import with_default_plan

    assert with_default_plan(["x", "--pomodoro"]) == ["x", "--pomodoro", "25/5"]
    assert with_default_plan(["--pomodoro", "reading"]) == ["--pomodoro", "25/5", "reading"]
    assert with_default_plan(["--pomodoro", "--item", "dlc/1"]) == ["--pomodoro", "25/5", "--item", "dlc/1"]
    assert with_default_plan(["--pomodoro", "50/10", "x"]) == ["--pomodoro", "50/10", "x"]
    assert with_default_plan(["--pomodoro=50/10"]) == ["--pomodoro=50/10"]
    assert with_default_plan(["x", "--", "--pomodoro"]) == ["x", "--", "--pomodoro"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["x", "--pomodoro", "25"], "--pomodoro takes WORK/BREAK minutes such as 25/5 or 50/10, not '25'"),
        (["x", "--pomodoro=0/5"], "--pomodoro 0/5: work must be 1 to 240 minutes"),
        (["x", "--pomodoro", "--at", "14:00"], "--pomodoro starts now; it cannot be combined with --at"),
    ],
)
def test_bad_pomodoros_are_one_line_and_start_nothing(cli, args, message):
    out = cli("timer", "start", *args, env=NOW, ok=False)
    assert out.exit_code == 2 and message in out.stderr and out.stderr.count("\n") == 1, out.stderr
    assert cli("timer", "status", "--json", env=NOW, ok=True).json()["running"] is False


def test_a_bad_scale_is_refused_before_the_timer_starts(cli):
    out = cli("timer", "start", "x", "--pomodoro", env={**NOW, "STUDYLOG_POMODORO_SCALE": "fast"}, ok=False)
    assert out.exit_code == 2 and "STUDYLOG_POMODORO_SCALE='fast' is not a number of seconds" in out.stderr
    assert cli("timer", "status", "--json", env=NOW, ok=True).json()["running"] is False


def _fake_time(monkeypatch, stop_after: float) -> None:
    """time.monotonic and time.sleep for an in-process run: sleeping moves the clock on, and the
    sleep that reaches ``stop_after`` seconds raises KeyboardInterrupt, as Ctrl-C would."""
    clock = [5000.0]

    def sleep(seconds: float) -> None:
        clock[0] += seconds
        if clock[0] - 5000.0 >= stop_after:
            raise KeyboardInterrupt

    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(time, "sleep", sleep)


def test_switch_logs_the_running_timer_and_starts_the_pomodoro(cli, monkeypatch):
    cli("timer", "start", "reading", env={**NOW, "STUDYLOG_NOW": "2024-04-18T13:05"}, ok=True)
    out = cli("timer", "start", "exercises", "--pomodoro", env=NOW, ok=False)
    assert out.exit_code == 1 and "a timer is running since 13:05 on 2024-04-18: reading" in out.stderr
    _fake_time(monkeypatch, 62 * 60)  # 25 work, 5 break, 25 work, 5 break, 2 of work
    out = cli("timer", "start", "exercises", "--pomodoro", "--switch", env=NOW, ok=True)
    assert out.stdout.splitlines() == [
        "Done #1 on 2024-04-18: reading (1h)",
        "Pomodoro 25/5 started at 14:05: exercises; Ctrl-C stops it and logs the work done",
        "Work 1: 25 min (0m worked)",
        "\aBreak 1: 5 min (25m worked)",
        "\aWork 2: 25 min (25m worked)",
        "\aBreak 2: 5 min (50m worked)",
        "\aWork 3: 25 min (50m worked)",
        "Done #2 on 2024-04-18: exercises (0.87h)",
        "Pomodoro stopped: 52 min of work logged (breaks do not count)",
    ]
    assert [e["hours"] for e in cli("log", "--json", ok=True).json()] == [0.8667, 1.0]


def _studylog(*args: str) -> list[str]:
    return [sys.executable, "-m", "studylog", *args]


def _env(scale: str | None) -> dict[str, str]:
    env = {**os.environ, **NOW}
    env.pop("STUDYLOG_NO_FAST_PATH", None)
    if scale:
        env["STUDYLOG_POMODORO_SCALE"] = scale
    return env


def _wait_for(process: subprocess.Popen, text: str, seen: list[str], limit: float = 30.0) -> None:
    """Read the process's lines into ``seen`` until one starts with ``text``."""
    deadline = time.monotonic() + limit
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        assert line, f"the pomodoro ended before {text!r}: {seen}"
        seen.append(line)
        if line.lstrip("\a").startswith(text):
            return
    raise AssertionError(f"no {text!r} in {seen}")


def test_ctrl_c_stops_the_pomodoro_and_logs_the_work_periods(isolated):
    """1/60 with a minute of 0.05 s: work lasts 0.05 s and a break 3 s; SIGINT in the second break
    logs the two work minutes (breaks do not count), at the timer's start plus them."""
    env = _env("0.05")
    process = subprocess.Popen(
        _studylog("timer", "start", "reading", "--item", "dlc/1", "--pomodoro", "1/60"),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[str] = []
    try:
        _wait_for(process, "Break 2:", seen)
        process.send_signal(signal.SIGINT)
        rest, err = process.communicate(timeout=30)
    finally:
        process.kill()
    out = "".join(seen) + rest
    assert (process.returncode, err) == (0, ""), err
    assert out.splitlines() == [
        "Pomodoro 1/60 started at 14:05: reading (dlc/1); Ctrl-C stops it and logs the work done",
        "Work 1: 1 min (0m worked)",
        "\aBreak 1: 60 min (1m worked)",
        "\aWork 2: 1 min (1m worked)",
        "\aBreak 2: 60 min (2m worked)",
        "Done #1 on 2024-04-18: reading (0.03h)",
        "Pomodoro stopped: 2 min of work logged (breaks do not count)",
    ]
    assert out.count("\a") == 3  # a bell at the end of each period
    log = json.loads(subprocess.run(_studylog("log", "--json"), env=env, capture_output=True, text=True).stdout)
    assert [(e["date"], e["hours"], e["text"], e["item"]) for e in log] == [("2024-04-18", 0.0333, "reading", "dlc/1")]
    status = subprocess.run(_studylog("timer", "status", "--json"), env=env, capture_output=True, text=True)
    assert json.loads(status.stdout)["running"] is False


def test_the_pomodoro_timer_is_in_the_store_while_it_runs(isolated):
    """A real minute: Ctrl-C within it logs nothing; killed (a closed terminal), the timer runs on
    in the store like any timer, for 'timer stop' to log."""
    env = _env(None)
    args = _studylog("timer", "start", "reading", "--pomodoro")
    for ending in ("interrupt", "kill"):
        process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen: list[str] = []
        try:
            _wait_for(process, "Work 1: 25 min", seen)
            status = subprocess.run(_studylog("timer", "status", "--json"), env=env, capture_output=True, text=True)
            assert json.loads(status.stdout)["timer"]["text"] == "reading"
            if ending == "interrupt":
                process.send_signal(signal.SIGINT)
                rest, err = process.communicate(timeout=30)
                assert (process.returncode, err) == (0, "")
                assert rest == "Pomodoro stopped after less than a minute of work: nothing logged\n"
            else:
                process.kill()
                process.communicate(timeout=30)
        finally:
            process.kill()
        status = subprocess.run(_studylog("timer", "status", "--json"), env=env, capture_output=True, text=True)
        assert json.loads(status.stdout)["running"] is (ending == "kill")
    later = {**env, "STUDYLOG_NOW": "2024-04-18T14:35"}
    stop = subprocess.run(_studylog("timer", "stop"), env=later, capture_output=True, text=True)
    assert stop.stdout == "Done #1 on 2024-04-18: reading (0.5h)\n"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_the_line_is_redrawn(isolated):
    """On a terminal the countdown is one line drawn over itself (\\r, cleared to its end), with a
    bar; the bell still rings when a period ends."""
    import pty

    primary, secondary = pty.openpty()
    env = {**_env("0.05"), "COLUMNS": "80"}
    process = subprocess.Popen(
        _studylog("timer", "start", "reading", "--pomodoro", "1/60"),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=subprocess.PIPE,
    )
    os.close(secondary)
    data = b""
    deadline = time.monotonic() + 30
    try:
        while b"Break 1  " not in data and time.monotonic() < deadline:
            data += os.read(primary, 4096)
        process.send_signal(signal.SIGINT)
        while process.poll() is None or b"Pomodoro stopped" not in data:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        process.wait(timeout=30)
    finally:
        process.kill()
        os.close(primary)
    text = data.decode()
    assert process.returncode == 0 and process.stderr is not None and process.stderr.read() == b""
    assert "\rWork 1  " in text and "\a\rBreak 1  " in text and "\x1b[K" in text
    assert "░" in text and "left · 1m worked" in text
    assert "Pomodoro stopped: 1 min of work logged (breaks do not count)" in text


def test_a_timer_stopped_elsewhere_meanwhile_is_not_logged_twice(cli, monkeypatch):
    """While the pomodoro counts down, another terminal stops its timer (logging it): Ctrl-C then
    says so, logs nothing more, and exits 1 in one line."""
    from datetime import datetime

    from studylog.paths import database_target
    from studylog.store import timer as timers
    from studylog.store.db import Store

    def sleep(seconds: float) -> None:
        store = Store(database_target(None), "tester", datetime(2024, 4, 18, 14, 35))
        timers.stop(store, datetime(2024, 4, 18, 14, 35), datetime(2024, 4, 18, 14, 35))
        store.close()
        raise KeyboardInterrupt

    clock = iter(range(5000, 10**6, 60 * 30))  # 30 minutes a reading
    monkeypatch.setattr(time, "monotonic", lambda: float(next(clock)))
    monkeypatch.setattr(time, "sleep", sleep)
    out = cli("timer", "start", "reading", "--pomodoro", env=NOW, ok=False)
    assert out.exit_code == 1 and out.stderr.startswith("studylog: error: the pomodoro's timer was stopped or")
    assert out.stderr.count("\n") == 1
    assert [e["hours"] for e in cli("log", "--json", ok=True).json()] == [0.5]
