"""studylog week: every number of a hand-computed month, logged through the CLI.

Today is Thursday 2024-04-18 (conftest). Weeks from Monday, with their done hours:

  W13 25–31 Mar   Mon 1 dlc/1, Tue 2 karpathy/1, Thu 1.5 dlc/1, Fri 0.5, Sun 3 karpathy/2     = 8
  W14  1–7 Apr    Mon 2 dlc/1, Tue 1 dlc/2, Wed 1.25 karpathy/2, Fri 2 karpathy/3, Sat 0.75   = 7
  W15  8–14 Apr   Mon 1 dlc/2, Tue 1 karpathy/3, Wed 2.5 dlc/2 (goal G), Thu 1, Fri 0.5
                  karpathy/3, Sun 2 dlc/3                                                   = 8
  W16 15–21 Apr   Mon 1.5 dlc/2 (goal F) + 1 karpathy/3, Tue 2 dlc/2 (goal A) + a done item
                  without hours, Wed 0.5 + 1h20m karpathy/4, Thu 3 karpathy/3 (goal C)      = 9.3333

Days without study: 27 and 30 Mar, 4, 7 and 13 Apr. Items completed: karpathy/1 on 28 Mar,
dlc/1 on 1 Apr, karpathy/2 on 3 Apr, dlc/2 on 17 Apr (karpathy/4, completed on 9 Apr, was
reopened on 12 Apr; dlc/5 was skipped: neither counts).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ON_PG, TODAY, golden
from studylog.cli import app

DONE = [
    ("2024-03-25", "1", "dlc/1"),
    ("2024-03-26", "2", "karpathy/1"),
    ("2024-03-28", "1.5", "dlc/1"),
    ("2024-03-29", "0.5", None),
    ("2024-03-31", "3", "karpathy/2"),
    ("2024-04-01", "2", "dlc/1"),
    ("2024-04-02", "1", "dlc/2"),
    ("2024-04-03", "1.25", "karpathy/2"),
    ("2024-04-05", "2", "karpathy/3"),
    ("2024-04-06", "0.75", None),
    ("2024-04-08", "1", "dlc/2"),
    ("2024-04-09", "1", "karpathy/3"),
    ("2024-04-11", "1", None),
    ("2024-04-12", "0.5", "karpathy/3"),
    ("2024-04-14", "2", "dlc/3"),
    ("2024-04-15", "1", "karpathy/3"),
    ("2024-04-17", "0.5", None),
    ("2024-04-17", "1h20m", "karpathy/4"),
]


def log_month(cli) -> None:
    # before its work is logged: a completion before the start (the work logged on 17 Apr) is refused
    cli("complete", "karpathy/4", "--date", "2024-04-09", ok=True)
    cli("start", "karpathy/4", "--reopen", "--date", "2024-04-12", ok=True)
    for day, hours, item in DONE:
        cli(
            "done",
            f"studied {item or 'maths'}",
            "--date",
            day,
            "--hours",
            hours,
            *(["--item", item] if item else []),
            ok=True,
        )
    ids = {}
    for key, day, item in [
        ("H", "2024-04-08", None),
        ("G", "2024-04-09", "dlc/2"),
        ("F", "2024-04-12", "dlc/2"),
        ("A", "2024-04-15", "dlc/2"),
        ("B", "2024-04-16", None),
        ("C", "2024-04-17", "karpathy/3"),
        ("D", "2024-04-18", None),
        ("E", "2024-04-20", None),
    ]:
        out = cli("goal", f"goal {key}", "--date", day, *(["--item", item] if item else []), ok=True)
        ids[key] = out.stdout.split("#", 1)[1].split(" ", 1)[0]
    # Done items that meet goals take the goal's item.
    cli("done", "backprop exercises", "--date", "2024-04-10", "--hours", "2.5", "--goal", ids["G"], ok=True)
    cli("done", "dlc 2 part 1", "--date", "2024-04-15", "--hours", "1.5", "--goal", ids["F"], ok=True)
    cli("done", "dlc 2 part 2", "--date", "2024-04-16", "--hours", "2", "--goal", ids["A"], ok=True)
    cli("done", "read notes on attention", "--date", "2024-04-16", ok=True)
    cli("done", "makemore 3 exercises", "--date", "2024-04-18", "--hours", "3", "--goal", ids["C"], ok=True)
    cli("drop", ids["H"], ok=True)  # dropped today, after its day: still counts as set in W15
    cli("drop", ids["D"], ok=True)  # dropped on its own day: as if never set
    for ref, day in [
        ("karpathy/1", "2024-03-28"),
        ("dlc/1", "2024-04-01"),
        ("karpathy/2", "2024-04-03"),
        ("dlc/2", "2024-04-17"),
    ]:
        cli("complete", ref, "--date", day, ok=True)
    cli("skip", "dlc/5", "--date", "2024-04-10", ok=True)


@pytest.fixture(scope="session")
def month_db(tmp_path_factory) -> Path:
    """The month logged once, in a data folder of its own; each test gets a copy."""
    home = tmp_path_factory.mktemp("month")
    env = {"STUDYLOG_HOME": str(home), "STUDYLOG_TODAY": TODAY, "STUDYLOG_OWNER": "tester", "STUDYLOG_DB": None}
    runner = CliRunner()

    def run(*args: str, ok: bool = True):
        result = runner.invoke(app, list(args), env=env)
        assert result.exit_code == 0, (args, result.stderr, result.exception)
        return result

    log_month(run)
    return home / "studylog.db"


@pytest.fixture
def month(cli, isolated, request):
    if ON_PG and os.environ.get("STUDYLOG_DB"):  # a fresh PostgreSQL database: log it there
        log_month(cli)
    else:
        isolated.mkdir(parents=True, exist_ok=True)
        shutil.copy(request.getfixturevalue("month_db"), isolated / "studylog.db")
    return cli


def week_json(cli, *args):
    return cli("week", *args, "--json", ok=True).json()


def days(data) -> list[tuple[str, float]]:
    return [(d["date"], d["hours"]) for d in data["days"]]


def test_this_week_every_number(month):
    data = week_json(month)
    assert (data["start"], data["end"], data["week_start"]) == ("2024-04-15", "2024-04-21", "monday")
    assert days(data) == [
        ("2024-04-15", 2.5),
        ("2024-04-16", 2.0),
        ("2024-04-17", 1.83),
        ("2024-04-18", 3.0),
        ("2024-04-19", 0.0),
        ("2024-04-20", 0.0),
        ("2024-04-21", 0.0),
    ]
    assert data["total_hours"] == 9.33
    assert data["curricula"] == [
        {"id": "karpathy", "hours": 5.33},
        {"id": "dlc", "hours": 3.5},
        {"id": None, "hours": 0.5},
    ]
    assert data["items"] == [
        {"item": "karpathy/3", "hours": 4.0},
        {"item": "dlc/2", "hours": 3.5},
        {"item": "karpathy/4", "hours": 1.33},
        {"item": None, "hours": 0.5},
    ]
    assert (data["goals_set"], data["goals_met"]) == (4, 2)  # A, B, C, E; A and C met
    assert [g["text"] for g in data["goals"]] == ["goal A", "goal B", "goal C", "goal E"]
    assert data["streak"] == 5  # 14–18 Apr; 13 Apr has nothing
    assert (data["previous_total_hours"], data["change_hours"]) == (8.0, 1.33)
    by_day = {d["date"]: [(e["text"], e["hours"], e["item"]) for e in d["entries"]] for d in data["done"]}
    assert by_day == {
        "2024-04-15": [("studied karpathy/3", 1.0, "karpathy/3"), ("dlc 2 part 1", 1.5, "dlc/2")],
        "2024-04-16": [("dlc 2 part 2", 2.0, "dlc/2"), ("read notes on attention", None, None)],
        "2024-04-17": [("studied maths", 0.5, None), ("studied karpathy/4", 1.3333, "karpathy/4")],
        "2024-04-18": [("makemore 3 exercises", 3.0, "karpathy/3")],
    }
    assert [d["date"] for d in data["done"]] == sorted(by_day)
    assert data["rest_days_per_week"] == 0


def test_last_week(month):
    data = week_json(month, "last")
    assert (data["start"], data["end"]) == ("2024-04-08", "2024-04-14")
    assert [h for _, h in days(data)] == [1.0, 1.0, 2.5, 1.0, 0.5, 0.0, 2.0]
    assert data["total_hours"] == 8.0
    assert data["curricula"] == [
        {"id": "dlc", "hours": 5.5},
        {"id": "karpathy", "hours": 1.5},
        {"id": None, "hours": 1.0},
    ]
    assert data["items"] == [
        {"item": "dlc/2", "hours": 3.5},
        {"item": "dlc/3", "hours": 2.0},
        {"item": "karpathy/3", "hours": 1.5},
        {"item": None, "hours": 1.0},
    ]
    # H (dropped later), G (met 10 Apr) and F (met 15 Apr, after the week): states are told as of
    # today, as in every other view, so 2 of 3 are met.
    assert (data["goals_set"], data["goals_met"]) == (3, 2)
    assert sorted(g["state"] for g in data["goals"]) == ["dropped", "met", "met"]
    assert data["streak"] == 1  # as of Sun 14 Apr, the week's end
    assert (data["previous_total_hours"], data["change_hours"]) == (7.0, 1.0)
    assert week_json(month, "last week") == data
    assert week_json(month, "2024-04-14") == data
    assert week_json(month, "2024-W15") == data


def test_a_week_with_less_than_the_one_before(month):
    data = week_json(month, "Apr 3")
    assert (data["start"], data["end"]) == ("2024-04-01", "2024-04-07")
    assert [h for _, h in days(data)] == [2.0, 1.0, 1.25, 0.0, 2.0, 0.75, 0.0]
    assert data["curricula"] == [
        {"id": "karpathy", "hours": 3.25},
        {"id": "dlc", "hours": 3.0},
        {"id": None, "hours": 0.75},
    ]
    assert (data["total_hours"], data["previous_total_hours"], data["change_hours"]) == (7.0, 8.0, -1.0)
    assert (data["goals_set"], data["goals_met"]) == (0, 0)
    assert data["streak"] == 2  # as of Sun 7 Apr, which has nothing: Fri 5 and Sat 6


def test_an_empty_week(month):
    data = week_json(month, "2024-W20")
    assert data["total_hours"] == 0.0 and data["curricula"] == [] and data["items"] == [] and data["done"] == []
    assert [h for _, h in days(data)] == [0.0] * 7
    assert (data["previous_total_hours"], data["change_hours"]) == (0.0, 0.0)
    assert data["streak"] == 5  # as of today: the week is in the future


def test_trend_of_four_weeks(month):
    data = month("week", "--weeks", "4", "--json", ok=True).json()
    assert [(w["start"], w["end"], w["hours"], w["items_completed"]) for w in data["weeks"]] == [
        ("2024-03-25", "2024-03-31", 8.0, 1),
        ("2024-04-01", "2024-04-07", 7.0, 2),
        ("2024-04-08", "2024-04-14", 8.0, 0),
        ("2024-04-15", "2024-04-21", 9.33, 1),
    ]
    assert (data["total_hours"], data["items_completed"], data["week_start"]) == (32.33, 4, "monday")
    older = month("week", "last", "-w", "2", "--json", ok=True).json()
    assert [(w["start"], w["hours"], w["items_completed"]) for w in older["weeks"]] == [
        ("2024-04-01", 7.0, 2),
        ("2024-04-08", 8.0, 0),
    ]


def test_weeks_from_sunday(month):
    month("config", "set", "week_start", "sunday", ok=True)
    data = week_json(month)
    assert (data["start"], data["end"], data["week_start"]) == ("2024-04-14", "2024-04-20", "sunday")
    assert [h for _, h in days(data)] == [2.0, 2.5, 2.0, 1.83, 3.0, 0.0, 0.0]
    assert data["total_hours"] == 11.33
    assert (data["previous_total_hours"], data["change_hours"]) == (6.0, 5.33)  # 7–13 Apr
    assert (data["goals_set"], data["goals_met"], data["streak"]) == (4, 2, 5)
    trend = month("week", "--weeks", "2", "--json", ok=True).json()
    assert [(w["start"], w["hours"], w["items_completed"]) for w in trend["weeks"]] == [
        ("2024-04-07", 6.0, 0),
        ("2024-04-14", 11.33, 1),
    ]
    # An ISO week is named by its Monday; the report is the Sunday-based week around it.
    assert week_json(month, "2024-W15")["start"] == "2024-04-07"


@pytest.mark.parametrize(
    "week_start, rest, streak",
    [("monday", 0, 5), ("monday", 1, 14), ("monday", 2, 25), ("sunday", 1, 11), ("sunday", 0, 5)],
)
def test_streak_with_rest_days(month, week_start, rest, streak):
    # Off days: 27, 30 Mar; 4, 7, 13 Apr. Monday weeks, one rest day: 5–18 Apr (4 Apr is a 2nd in
    # 1–7); Sunday weeks: 8–18 Apr (7 and 13 Apr share the week 7–13); two rest days: 25 Mar–18 Apr.
    month("config", "set", "week_start", week_start, ok=True)
    month("config", "set", "rest_days_per_week", str(rest), ok=True)
    data = week_json(month)
    assert (data["streak"], data["rest_days_per_week"]) == (streak, rest)


@pytest.fixture
def new_year(cli):
    for day, hours in [
        ("2023-12-25", "1"),
        ("2023-12-28", "1"),
        ("2023-12-29", "2"),
        ("2023-12-31", "1.5"),
        ("2024-01-01", "2.5"),
        ("2024-01-02", "0.5"),
        ("2024-01-07", "1"),
    ]:
        cli("done", "new year study", "--date", day, "--hours", hours, ok=True)
    return cli


def test_weeks_across_the_year_boundary(new_year):
    last = week_json(new_year, "2023-W52")
    assert (last["start"], last["end"], last["total_hours"]) == ("2023-12-25", "2023-12-31", 5.5)
    assert [h for _, h in days(last)] == [1.0, 0.0, 0.0, 1.0, 2.0, 0.0, 1.5]
    assert (last["previous_total_hours"], last["change_hours"]) == (0.0, 5.5)
    assert last["streak"] == 1  # as of Sun 31 Dec

    first = week_json(new_year, "2024-01-01")
    assert (first["start"], first["end"], first["total_hours"]) == ("2024-01-01", "2024-01-07", 4.0)
    assert (first["previous_total_hours"], first["change_hours"]) == (5.5, -1.5)
    assert first["streak"] == 1  # as of Sun 7 Jan
    assert week_json(new_year, "2024-W01") == first
    assert week_json(new_year, "2023-12-31")["start"] == "2023-12-25"

    trend = new_year("week", "2024-W01", "--weeks", "2", "--json", ok=True).json()
    assert [(w["start"], w["end"], w["hours"]) for w in trend["weeks"]] == [
        ("2023-12-25", "2023-12-31", 5.5),
        ("2024-01-01", "2024-01-07", 4.0),
    ]


def test_weeks_across_the_year_boundary_from_sunday(new_year):
    new_year("config", "set", "week_start", "sunday", ok=True)
    data = week_json(new_year, "2024-W01")
    assert (data["start"], data["end"]) == ("2023-12-31", "2024-01-06")
    assert [h for _, h in days(data)] == [1.5, 2.5, 0.5, 0.0, 0.0, 0.0, 0.0]
    assert (data["total_hours"], data["previous_total_hours"], data["change_hours"]) == (4.5, 4.0, 0.5)
    assert data["streak"] == 0  # as of Sat 6 Jan: neither it nor Fri 5 Jan has anything


@pytest.mark.parametrize(
    "when, message",
    [
        ("foo", "cannot read 'foo' as a week"),
        ("2023-W53", "'2023-W53' is not a week of 2023"),
        ("2024-W00", "'2024-W00' is not a week of 2024"),
        ("2024-02-30", "cannot read '2024-02-30' as a week"),
        ("", "cannot read '' as a week"),
        ("0999-01-01", "'0999-01-01' is too far in the past or future"),
    ],
)
def test_a_bad_week_is_one_line_and_exit_2(cli, when, message):
    out = cli("week", when)
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr.startswith(f"studylog: error: {message}; give 'this', 'last', 'next', an ISO week")
    assert out.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--weeks", "0"], "--weeks must be from 1 to 520, not 0"),
        (["--weeks", "521"], "--weeks must be from 1 to 520, not 521"),
        (["--json", "--svg", "x.svg"], "--json cannot be combined with --svg or --html"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(cli, args, message, tmp_path):
    out = cli("week", *args)
    assert out.exit_code == 2
    assert out.stderr.startswith(f"studylog: error: {message}") and out.stderr.count("\n") == 1
    assert not (tmp_path / "x.svg").exists()


def test_2020_has_a_week_53(cli):
    data = week_json(cli, "2020-W53")
    assert (data["start"], data["end"]) == ("2020-12-28", "2021-01-03")


def test_week_golden(month):
    golden("week.txt", month("week", ok=True).stdout)


def test_week_trend_golden(month):
    golden("week-trend.txt", month("week", "--weeks", "4", ok=True).stdout)


@pytest.mark.parametrize("args", [(), ("last",), ("--weeks", "4"), ("--weeks", "12"), ("2024-W20",)])
def test_lines_fit_80_columns_without_escape_codes(month, args):
    out = month("week", *args, ok=True).stdout
    assert "\x1b[" not in out
    for line in out.splitlines():
        assert len(line) <= 80, line


def test_narrow_terminal(month):
    out = month("week", env={"COLUMNS": "60"}, ok=True).stdout
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "Streak: 5 days" in out


def test_week_text_says_what_the_json_says(month):
    out = month("week", ok=True).stdout
    for text in [
        "Week Mon 15 – Sun 21 Apr 2024  2024-W16  (this week)",
        "Total 9.33h",
        "vs previous week: +1.33h (was 8h)",
        "Goals met 2/4",
        "Streak: 5 days",
    ]:
        assert text in out
    month("config", "set", "rest_days_per_week", "1", ok=True)
    assert "Streak: 14 days (1 rest day a week allowed)" in month("week", ok=True).stdout
    assert "vs previous week: −1h (was 8h)" in month("week", "2024-04-03", ok=True).stdout


def test_svg_and_html_are_written(month, tmp_path):
    svg, html = tmp_path / "out" / "week.svg", tmp_path / "week.html"
    out = month("week", "--svg", str(svg), "--html", str(html), ok=True)
    assert "Goals met 2/4" in out.stdout
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert "Goals met 2/4" in svg.read_text(encoding="utf-8")
    page = html.read_text(encoding="utf-8")
    assert "<html" in page.lower() and "Goals met 2/4" in page and "Hours per day" in page
    trend = tmp_path / "trend.html"
    month("week", "--weeks", "4", "--html", str(trend), ok=True)
    assert "items completed" in trend.read_text(encoding="utf-8")


def test_a_period_reaching_past_today_shows_its_hours(cli):
    """An imported period can reach past today (a TIL section dated 'Jul 31 – Aug 11' read on 2 Aug,
    or a clock set back): each day it covers has its bar *and* its figure; days still to come that
    hold nothing stay blank."""
    import re

    day_row = re.compile(r"^  (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d Apr(?:  (.*))?$")

    def day_rows(*args: str) -> list[str]:
        out = cli("week", *args, ok=True, env={"STUDYLOG_TODAY": "2024-04-17", "COLUMNS": "80"}).stdout
        rows = [(m.group(2) or "").strip() for m in map(day_row.match, out.splitlines()) if m]
        assert len(rows) == 7, out
        return rows

    week = {"STUDYLOG_TODAY": "2024-04-21"}
    cli("done", "a week's reading", "--hours", "7", "--date", "2024-04-15..2024-04-21", ok=True, env=week)
    assert all(row.startswith("█") and row.endswith(" 1h") for row in day_rows()), day_rows()
    assert day_rows("2024-W17") == [""] * 7
