"""Streaks: the pure functions, by hand-counted calendars (2024-04-18 is a Thursday)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from studylog.reports.streaks import current_streak, longest_streak, week_number


def d(text: str) -> date:
    return date.fromisoformat(text)


def days(*texts: str) -> list[date]:
    return [d(t) for t in texts]


def span(first: str, last: str, *, skip: tuple[str, ...] = ()) -> list[date]:
    out, day = [], d(first)
    while day <= d(last):
        if day.isoformat() not in skip:
            out.append(day)
        day += timedelta(days=1)
    return out


TODAY = d("2024-04-18")


def test_nothing_logged_is_zero():
    assert current_streak([], TODAY) == 0
    assert longest_streak([]) == 0
    assert current_streak([], TODAY, "monday", 3) == 0


def test_current_streak_ends_today_or_yesterday():
    logged = span("2024-04-14", "2024-04-17")
    assert current_streak(logged, TODAY) == 4  # nothing today yet: 14–17
    assert current_streak([*logged, TODAY], TODAY) == 5
    assert current_streak(span("2024-04-14", "2024-04-16"), TODAY) == 0  # yesterday missed
    assert current_streak([TODAY], TODAY) == 1


def test_days_after_today_are_ignored():
    assert current_streak(span("2024-04-15", "2024-04-25"), TODAY) == 4
    assert longest_streak(span("2024-04-15", "2024-04-25")) == 11


def test_duplicates_and_order_do_not_matter():
    logged = days("2024-04-18", "2024-04-16", "2024-04-17", "2024-04-17")
    assert current_streak(logged, TODAY) == 3
    assert longest_streak(logged) == 3


def test_longest_streak_without_rest_days():
    logged = span("2024-03-01", "2024-03-10") + span("2024-03-12", "2024-03-14") + span("2024-04-17", "2024-04-18")
    assert longest_streak(logged) == 10
    assert current_streak(logged, TODAY) == 2


def test_a_rest_day_inside_a_streak_counts_as_a_calendar_day():
    logged = span("2024-04-08", "2024-04-18", skip=("2024-04-13",))  # Sat 13 off
    assert current_streak(logged, TODAY, "monday", 0) == 5  # 14–18
    assert current_streak(logged, TODAY, "monday", 1) == 11  # 8–18, the Saturday included
    assert longest_streak(logged, "monday", 1) == 11


def test_the_allowance_is_per_week():
    # Weeks from Monday: 1–7 misses Thu 4; 8–14 misses Wed 10 and Sat 13.
    logged = span("2024-04-01", "2024-04-18", skip=("2024-04-04", "2024-04-10", "2024-04-13"))
    assert current_streak(logged, TODAY, "monday", 1) == 8  # 11–18: Wed 10 would be a 2nd rest day in 8–14
    assert current_streak(logged, TODAY, "monday", 2) == 18  # 1–18 (31 Mar would be a rest day, not a start)
    assert longest_streak(logged, "monday", 1) == 12  # 1–12: Thu 4 and Wed 10, in different weeks
    # Weeks from Sunday: 31 Mar–6 Apr misses 31 and 4; 7–13 misses 10 and 13.
    assert current_streak(logged, TODAY, "sunday", 1) == 8  # 11–18
    assert longest_streak(logged, "sunday", 1) == 12  # 1–12: 4 and 10 Apr, one in each week
    assert current_streak(logged, TODAY, "sunday", 2) == 18


def test_rest_days_never_start_a_streak():
    # Mon 15 off, then 16–18: with rest days allowed the streak still starts on Tue 16.
    logged = span("2024-04-16", "2024-04-18")
    assert current_streak(logged, TODAY, "monday", 2) == 3
    assert longest_streak(logged, "monday", 6) == 3


def test_rest_days_never_end_a_streak():
    logged = span("2024-04-10", "2024-04-16")  # Wed 17 off, nothing yet today
    assert current_streak(logged, TODAY, "monday", 1) == 0  # the run would end on a rest day
    assert current_streak([*logged, TODAY], TODAY, "monday", 1) == 9  # 10–18 once today is logged
    assert longest_streak(logged, "monday", 6) == 7


def test_a_week_without_study_breaks_even_six_rest_days():
    logged = [*span("2024-04-01", "2024-04-01"), *span("2024-04-15", "2024-04-15")]
    assert longest_streak(logged, "monday", 6) == 1  # 8–14 has nothing: 7 off days > 6
    logged.append(d("2024-04-09"))
    assert longest_streak(logged, "monday", 6) == 15  # 1–15: 6 off in 1–7, 6 off in 8–14


def test_a_streak_across_the_year_boundary():
    logged = span("2023-12-27", "2024-01-03")
    assert current_streak(logged, d("2024-01-03")) == 8
    assert current_streak(logged, d("2024-01-04")) == 8
    assert longest_streak(logged) == 8
    # Sun 31 Dec off: weeks from Monday put it in 25–31 Dec, weeks from Sunday in 31 Dec–6 Jan.
    gap = span("2023-12-25", "2024-01-03", skip=("2023-12-31", "2023-12-27"))
    assert current_streak(gap, d("2024-01-03"), "monday", 1) == 7  # 28 Dec–3 Jan: 25–31 Dec has two off
    assert current_streak(gap, d("2024-01-03"), "sunday", 1) == 10  # one off in each week: 25 Dec–3 Jan


def test_week_numbers_follow_week_start():
    assert week_number(d("2024-04-14"), "monday") == week_number(d("2024-04-08"), "monday")
    assert week_number(d("2024-04-15"), "monday") == week_number(d("2024-04-14"), "monday") + 1
    assert week_number(d("2024-04-14"), "sunday") == week_number(d("2024-04-20"), "sunday")
    assert week_number(d("2024-04-13"), "sunday") + 1 == week_number(d("2024-04-14"), "sunday")
    assert week_number(d("2024-04-17"), "wednesday") == week_number(d("2024-04-23"), "wednesday")


@pytest.mark.parametrize("week_start", ["monday", "thursday", "sunday"])
def test_every_day_logged_is_the_same_for_any_setting(week_start):
    logged = span("2023-11-01", "2024-04-18")
    for rest in range(7):
        assert current_streak(logged, TODAY, week_start, rest) == (TODAY - d("2023-11-01")).days + 1


def _brute_force(logged: set[date], week_start: str, rest: int, end: date | None = None) -> int:
    """The definition, checked on every interval between two study days."""
    best = 0
    for s in logged:
        for e in logged:
            if s > e or (end is not None and e != end):
                continue
            off: dict[int, int] = {}
            day = s
            while day <= e:
                if day not in logged:
                    off[week_number(day, week_start)] = off.get(week_number(day, week_start), 0) + 1
                day += timedelta(days=1)
            if all(n <= rest for n in off.values()):
                best = max(best, (e - s).days + 1)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_matches_the_definition_on_random_calendars(seed):
    import random

    rng = random.Random(seed)
    start = d("2023-12-01") + timedelta(days=rng.randrange(60))
    density = rng.choice([0.3, 0.5, 0.7, 0.9])
    logged = {start + timedelta(days=i) for i in range(50) if rng.random() < density}
    week_start = rng.choice(["monday", "wednesday", "sunday"])
    rest = rng.randrange(4)
    today = start + timedelta(days=rng.randrange(55))
    assert longest_streak(logged, week_start, rest) == _brute_force(logged, week_start, rest)
    past = {x for x in logged if x <= today}
    expected = (
        _brute_force(past, week_start, rest, today)
        if today in past
        else _brute_force(past, week_start, rest, today - timedelta(days=1))
    )
    assert current_streak(logged, today, week_start, rest) == expected


@pytest.mark.parametrize("rest", [0, 1, 2])
def test_windowed_current_streak_matches_the_whole_history(cli, rest):
    """current_streak_in reads a growing window of recent days; it must agree with the whole
    history, including streaks longer than the first window (64 days)."""
    from datetime import date, datetime, timedelta

    from studylog.paths import database_target
    from studylog.reports.streaks import current_streak, current_streak_in, study_days
    from studylog.store.db import Store
    from studylog.store.journal import change

    store = Store(database_target(None), "tester", datetime(2024, 4, 18, 12))
    today = date(2024, 4, 18)
    with change(store, "fixture") as ch:
        for n in range(400):  # 300 days of study every day but each Wednesday, then a gap
            day = today - timedelta(days=n)
            if (n < 300 and day.weekday() != 2) or n in (320, 321, 390):
                ch.insert(
                    "entry", {"owner": "tester", "kind": "done", "day": day, "text": f"d{n}", "created_at": store.now}
                )
    for as_of in (today, today - timedelta(days=1), today - timedelta(days=200), today - timedelta(days=310)):
        whole = current_streak(study_days(store, as_of), as_of, "monday", rest)
        assert current_streak_in(store, as_of, "monday", rest) == whole, (as_of, rest)
    store.close()


def _streaks(cli) -> tuple[int, int, int, str, str, int]:
    """Every streak figure: week, calendar (current, longest), status --format, the dashboard's
    first line and the week's text line; and the week's --json streak again from the fast path's
    function (everyday.show_week is what both ways run)."""
    week = cli("week", "--json", ok=True).json()["streak"]
    cal = cli("calendar", "--json", ok=True).json()
    prompt = cli("status", "--format", "{streak}", ok=True).stdout.strip()
    dashboard = cli(ok=True).stdout.splitlines()[0]
    text = next(line for line in cli("week", ok=True).stdout.splitlines() if line.startswith("Streak:"))
    return week, cal["current_streak"], cal["longest_streak"], prompt, dashboard.rsplit("  ", 1)[-1], text


def test_streak_min_minutes_sets_what_makes_a_day_count(cli):
    """Thursday 18 April 2024. Mon 15: 30 min; Tue 16: 15 + 6 min; Wed 17: 20 min from a timer
    (stored as 0.3333h); today: 12 min; Sun 14: a done item without hours; Fri 5 to Tue 9: 1h a day."""
    for day in ("2024-04-05", "2024-04-06", "2024-04-07", "2024-04-08", "2024-04-09"):
        cli("done", "old run", "-H", "1", "--date", day, ok=True)
    cli("done", "skimmed", "--date", "2024-04-14", ok=True)
    cli("done", "a", "-H", "0.5", "--date", "2024-04-15", ok=True)
    cli("done", "b", "-H", "15m", "--date", "2024-04-16", ok=True)
    cli("done", "c", "-H", "0.1", "--date", "2024-04-16", ok=True)
    env = {"STUDYLOG_NOW": "2024-04-17T10:00", "STUDYLOG_TODAY": "2024-04-17"}
    cli("timer", "start", "d", env=env, ok=True)
    cli("timer", "stop", env={**env, "STUDYLOG_NOW": "2024-04-17T10:20"}, ok=True)
    cli("done", "e", "-H", "0.2", ok=True)

    # the default: any done item counts, hours or not (14..18, the old run 5..9)
    assert _streaks(cli) == (5, 5, 5, "5", "streak 5 days", "Streak: 5 days")
    # at the minimum counts: the timer's 20 minutes, Tuesday's 21; today's 12 does not count yet,
    # so the streak is the one that ended yesterday (15..17), and Sunday without hours is out
    assert cli("config", "set", "streak.min_minutes", "20", ok=True).stdout == "streak.min_minutes = 20\n"
    assert cli("config", "get", "streak.min_minutes", ok=True).stdout == "20\n"
    assert _streaks(cli) == (3, 3, 5, "3", "streak 3 days", "Streak: 3 days")
    # below the minimum breaks it: Wednesday's 20 minutes fall short of 21
    cli("config", "set", "streak.min_minutes", "21", ok=True)
    assert _streaks(cli) == (0, 0, 5, "0", "streak 0 days", "Streak: 0 days")
    cli("config", "set", "streak.min_minutes", "61", ok=True)  # the old run's 1h a day is short too
    assert _streaks(cli)[:3] == (0, 0, 0)
    # 0 is the default again, and unset brings it back
    cli("config", "set", "streak.min_minutes", "0", ok=True)
    assert _streaks(cli)[:3] == (5, 5, 5)
    cli("config", "set", "streak.min_minutes", "20", ok=True)
    assert cli("config", "unset", "streak.min_minutes", ok=True).stdout == "streak.min_minutes = 0 (the default)\n"
    assert cli("config", "get", "streak.min_minutes", ok=True).stdout == "0\n"
    assert _streaks(cli)[:3] == (5, 5, 5)


@pytest.mark.parametrize(
    "value, message",
    [
        ("20m", "streak.min_minutes takes a whole number of minutes, not '20m'"),
        ("0.5", "streak.min_minutes takes a whole number of minutes, not '0.5'"),
        ("", "streak.min_minutes takes a whole number of minutes, not ''"),
        ("-5", "streak.min_minutes must be at least 0, not -5"),
        ("1441", "streak.min_minutes must be at most 1440, not 1441"),
    ],
)
def test_a_bad_streak_minimum_is_refused_in_one_line(cli, isolated, value, message):
    out = cli("config", "set", "streak.min_minutes", value, ok=False)
    assert out.exit_code == 2 and out.stderr == f"studylog: error: {message}\n"
    assert not (isolated / "config.toml").exists()  # nothing written


def test_a_bad_streak_minimum_in_the_file_names_the_file(cli, isolated):
    isolated.mkdir(parents=True)
    (isolated / "config.toml").write_text('[streak]\nmin_minutes = "20"\n')
    out = cli("week", ok=False)
    assert out.exit_code == 1 and "config.toml: streak.min_minutes must be a int, not '20'" in out.stderr
    assert out.stderr.count("\n") == 1


def test_the_dashboard_with_a_streak_minimum_stays_on_the_fast_path(tmp_path):
    """status, a bare studylog and week read the setting without Typer or any heavy module."""
    import json
    import os
    import subprocess
    import sys

    from test_import_budget import HEAVY, PROBE

    env = {**os.environ, "STUDYLOG_HOME": str(tmp_path / "home")}
    run = [sys.executable, "-m", "studylog"]
    subprocess.run([*run, "done", "warm up", "-H", "0.25"], env=env, check=True, capture_output=True)
    subprocess.run([*run, "start", "dlc/1"], env=env, check=True, capture_output=True)  # caches the curricula
    subprocess.run([*run, "config", "set", "streak.min_minutes", "15"], env=env, check=True, capture_output=True)
    for args, shown in (([], "streak 1 day"), (["status", "--format", "{streak}"], "1"), (["week"], "Streak: 1 day")):
        out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], env=env, capture_output=True, text=True)
        assert out.returncode == 0 and shown in out.stdout, out.stderr
        modules = set(json.loads(out.stdout.rsplit("MODULES=", 1)[1]))
        assert not {m for m in HEAVY if m in modules} - {"platformdirs"}, (args, modules)
    subprocess.run([*run, "config", "set", "streak.min_minutes", "16"], env=env, check=True, capture_output=True)
    out = subprocess.run([*run, "status", "--format", "{streak}"], env=env, capture_output=True, text=True)
    assert out.stdout == "0\n"
