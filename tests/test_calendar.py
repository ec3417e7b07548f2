"""studylog calendar: hours per day for a year, streaks, the heatmap; and exact calendar days
whatever the clocks do (leap years, DST changes, a TZ of its own)."""

from __future__ import annotations

import os
import time
from datetime import date, timedelta

import pytest

from conftest import golden
from studylog.render.calendar import level
from studylog.reports.week import DayHours
from test_week import log_month, month, month_db, new_year  # noqa: F401  (fixtures)


def calendar_json(cli, *args):
    return cli("calendar", *args, "--json", ok=True).json()


def cell(text: str, day: date, week_start: str = "monday") -> str:
    """The heatmap character for ``day``: row = weekday from week_start, column = week of the year."""
    names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    first_row = names.index(week_start[:2].capitalize())
    row_name = names[day.weekday()]
    jan1 = date(day.year, 1, 1)
    origin = jan1 - timedelta(days=(jan1.weekday() - first_row) % 7)
    line = next(line for line in text.splitlines() if line.startswith(row_name + " "))
    column = (day - origin).days // 7
    return line[3 + column] if 3 + column < len(line) else " "


def test_year_numbers(month):
    data = calendar_json(month)
    assert (data["year"], data["start"], data["end"], data["week_start"]) == (
        2024,
        "2024-01-01",
        "2024-12-31",
        "monday",
    )
    hours = {d["date"]: d["hours"] for d in data["days"]}
    assert len(data["days"]) == len(hours) == 366
    assert {k: v for k, v in hours.items() if v} == {
        "2024-03-25": 1.0,
        "2024-03-26": 2.0,
        "2024-03-28": 1.5,
        "2024-03-29": 0.5,
        "2024-03-31": 3.0,
        "2024-04-01": 2.0,
        "2024-04-02": 1.0,
        "2024-04-03": 1.25,
        "2024-04-05": 2.0,
        "2024-04-06": 0.75,
        "2024-04-08": 1.0,
        "2024-04-09": 1.0,
        "2024-04-10": 2.5,
        "2024-04-11": 1.0,
        "2024-04-12": 0.5,
        "2024-04-14": 2.0,
        "2024-04-15": 2.5,
        "2024-04-16": 2.0,
        "2024-04-17": 1.83,
        "2024-04-18": 3.0,
    }
    assert (data["total_hours"], data["study_days"]) == (32.33, 20)
    assert (data["current_streak"], data["longest_streak"]) == (5, 5)  # 8–12 Apr and 14–18 Apr


@pytest.mark.parametrize(
    "week_start, rest, current, longest",
    [
        ("monday", 1, 14, 14),  # 5–18 Apr
        ("sunday", 1, 11, 16),  # 8–18 Apr; 28 Mar – 12 Apr (30 Mar, 4 Apr and 7 Apr in three weeks)
        ("monday", 2, 25, 25),  # 25 Mar – 18 Apr
    ],
)
def test_streaks_with_rest_days(month, week_start, rest, current, longest):
    month("config", "set", "week_start", week_start, ok=True)
    month("config", "set", "rest_days_per_week", str(rest), ok=True)
    data = calendar_json(month)
    assert (data["current_streak"], data["longest_streak"], data["rest_days_per_week"]) == (current, longest, rest)
    assert data["study_days"] == 20


def test_another_year_keeps_the_streaks_of_all_history(new_year):
    data = calendar_json(new_year, "--year", "2023")
    assert len(data["days"]) == 365
    assert {d["date"]: d["hours"] for d in data["days"] if d["hours"]} == {
        "2023-12-25": 1.0,
        "2023-12-28": 1.0,
        "2023-12-29": 2.0,
        "2023-12-31": 1.5,
    }
    assert (data["total_hours"], data["study_days"]) == (5.5, 4)
    assert (data["current_streak"], data["longest_streak"]) == (0, 3)  # 31 Dec – 2 Jan
    later = calendar_json(new_year)
    assert (later["total_hours"], later["study_days"]) == (4.0, 3)
    assert (later["current_streak"], later["longest_streak"]) == (0, 3)


@pytest.mark.parametrize(
    "year, days, feb29", [(2024, 366, True), (2023, 365, False), (2000, 366, True), (2100, 365, False)]
)
def test_leap_years(cli, year, days, feb29):
    data = calendar_json(cli, "--year", str(year))
    assert len(data["days"]) == days
    assert (f"{year}-02-29" in {d["date"] for d in data["days"]}) is feb29
    assert data["days"][0]["date"] == f"{year}-01-01" and data["days"][-1]["date"] == f"{year}-12-31"


def test_hours_on_feb_29(cli):
    cli("done", "leap day", "--date", "2024-02-29", "--hours", "4.5", ok=True)
    data = calendar_json(cli)
    assert data["days"][59] == {"date": "2024-02-29", "hours": 4.5}
    assert cell(cli("calendar", ok=True).stdout, date(2024, 2, 29)) == "█"


@pytest.fixture(params=["Europe/London", "America/New_York", "Australia/Lord_Howe"])
def tz(request, monkeypatch):
    old = os.environ.get("TZ")
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    if old is None:
        monkeypatch.delenv("TZ")
    else:
        monkeypatch.setenv("TZ", old)
    time.tzset()


def test_dst_weeks_have_seven_exact_days(cli, tz, monkeypatch):
    monkeypatch.setenv("STUDYLOG_TODAY", "2024-11-01")
    assert time.daylight and time.tzname[0] != "UTC"  # the TZ, with its clock changes, is in effect
    for day, hours in [
        ("2024-03-30", "2"),
        ("2024-03-31", "1.5"),
        ("2024-04-01", "1"),
        ("2024-10-26", "3"),
        ("2024-10-27", "0.25"),
        ("2024-10-28", "2"),
    ]:
        cli("done", "around a clock change", "--date", day, "--hours", hours, ok=True)
    spring = cli("week", "2024-03-31", "--json", ok=True).json()
    assert [(d["date"], d["hours"]) for d in spring["days"]] == [
        ("2024-03-25", 0.0),
        ("2024-03-26", 0.0),
        ("2024-03-27", 0.0),
        ("2024-03-28", 0.0),
        ("2024-03-29", 0.0),
        ("2024-03-30", 2.0),
        ("2024-03-31", 1.5),
    ]
    assert spring["total_hours"] == 3.5
    autumn = cli("week", "2024-10-27", "--json", ok=True).json()
    assert [d["date"] for d in autumn["days"]] == [f"2024-10-{n}" for n in range(21, 28)]
    assert (autumn["total_hours"], autumn["previous_total_hours"]) == (3.25, 0.0)
    after = cli("week", "2024-10-28", "--json", ok=True).json()
    assert (after["start"], after["total_hours"], after["previous_total_hours"], after["change_hours"]) == (
        "2024-10-28",
        2.0,
        3.25,
        -1.25,
    )
    trend = cli("week", "2024-04-01", "--weeks", "2", "--json", ok=True).json()
    assert [(w["start"], w["end"], w["hours"]) for w in trend["weeks"]] == [
        ("2024-03-25", "2024-03-31", 3.5),
        ("2024-04-01", "2024-04-07", 1.0),
    ]
    year = cli("calendar", "--json", ok=True).json()
    assert len(year["days"]) == 366 and (year["total_hours"], year["study_days"]) == (9.75, 6)
    assert year["longest_streak"] == 3 and year["current_streak"] == 0
    cli("config", "set", "week_start", "sunday", ok=True)
    sunday = cli("week", "2024-03-31", "--json", ok=True).json()
    assert (sunday["start"], sunday["end"], sunday["total_hours"]) == ("2024-03-31", "2024-04-06", 2.5)


def test_levels():
    def lv(hours, entries=1):
        return level(DayHours(date(2024, 1, 1), hours, entries))

    assert lv(0, 0) == 0
    assert lv(0) == 1  # done items without hours still show the day as studied
    assert [lv(h) for h in (0.25, 1, 1.0001, 2, 2.5, 4, 4.25, 24)] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_heatmap_cells(month):
    out = month("calendar", ok=True).stdout
    expected = {
        "2024-03-24": "·",
        "2024-03-25": "░",
        "2024-03-26": "▒",
        "2024-03-27": "·",
        "2024-03-31": "▓",
        "2024-04-16": "▒",
        "2024-04-17": "▒",
        "2024-04-18": "▓",
        "2024-04-19": " ",
        "2024-12-31": " ",
        "2024-01-01": "·",
    }
    assert {k: cell(out, date.fromisoformat(k)) for k in expected} == expected
    month("config", "set", "week_start", "sunday", ok=True)
    out = month("calendar", ok=True).stdout
    assert out.splitlines()[2].startswith("Su ")
    assert {k: cell(out, date.fromisoformat(k), "sunday") for k in expected} == expected


def test_heatmap_layout(month):
    lines = month("calendar", ok=True).stdout.splitlines()
    assert lines[0] == "2024  32.33h on 20 study days"
    months = lines[1]
    for n, name in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]):
        first = date(2024, n + 1, 1)
        assert months.index(name) == 3 + (first - date(2024, 1, 1)).days // 7  # 1 Jan 2024 is a Monday
    assert [line[:3] for line in lines[2:9]] == ["Mo ", "Tu ", "We ", "Th ", "Fr ", "Sa ", "Su "]
    assert "· none" in lines[9] and "█ >4h" in lines[9]
    assert lines[10:] == ["Current streak: 5 days", "Longest streak: 5 days"]


@pytest.mark.parametrize(
    "year, week_start, columns",
    [
        (2000, "sunday", 54),
        (2000, "monday", 53),
        (2023, "monday", 53),
        (2021, "monday", 53),
        (2018, "monday", 53),
        (2017, "sunday", 53),
    ],
)
def test_every_year_fits_80_columns(cli, year, week_start, columns):
    cli("config", "set", "week_start", week_start, ok=True)
    for day in (date(year, 1, 1), date(year, 12, 31)):
        cli("done", "edge of the year", "--date", day.isoformat(), "--hours", "5", ok=True)
    out = cli("calendar", "--year", str(year), ok=True).stdout
    grid = out.splitlines()[2:9]
    assert max(len(line) for line in grid) == 3 + columns
    assert cell(out, date(year, 1, 1), week_start) == "█" and cell(out, date(year, 12, 31), week_start) == "█"
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "\x1b[" not in out


def test_calendar_golden(month):
    golden("calendar.txt", month("calendar", ok=True).stdout)


def test_calendar_svg_and_html(month, tmp_path):
    svg, html = tmp_path / "cal.svg", tmp_path / "cal.html"
    month("calendar", "--svg", str(svg), "--html", str(html), ok=True)
    assert "Longest streak: 5 days" in svg.read_text(encoding="utf-8")
    page = html.read_text(encoding="utf-8")
    assert "Longest streak: 5 days" in page and "▓" in page


@pytest.mark.parametrize(
    "args, message",
    [
        (["--year", "999"], "999 is not a year studylog can show; give a year like 2024"),
        (["--year", "10000"], "10000 is not a year studylog can show"),
        (["--json", "--html", "x.html"], "--json cannot be combined with --svg or --html"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, isolated, args, message):
    out = cli("calendar", *args)
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.startswith(f"studylog: error: {message}") and out.stderr.count("\n") == 1
    assert not (isolated / "studylog.db").exists()
