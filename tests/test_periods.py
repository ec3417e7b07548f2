"""Entries that cover a period of days (``--date A..B``) and entries linked to several items: their
hours count evenly over the period's days wherever a report works by day, by overlap wherever it
works by week or month, and are shared evenly between the items (issue 11)."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED
from studylog.cli import fast
from studylog.paths import database_target
from studylog.store import hours
from studylog.store.db import Store
from studylog.store.entries import extra_item_rows, item_columns
from studylog.store.journal import change

D = date.fromisoformat
PAGE = SHARED / "formats" / "til-page-jekyll.md"


def logged(cli) -> list[dict]:
    return cli("log", "--json", ok=True).json()


def days_of(week: dict) -> dict[str, float]:
    return {d["date"]: d["hours"] for d in week["days"]}


# -- the syntax ------------------------------------------------------------------------------------


def test_done_over_a_period_is_one_entry_on_its_last_day(cli):
    out = cli("done", "DLC alignment exercises", "--hours", "30", "--date", "2024-04-01..2024-04-11", ok=True)
    assert out.stdout == "Done #1 over 2024-04-01..2024-04-11: DLC alignment exercises (30h)\n"
    [entry] = logged(cli)
    assert (entry["date"], entry["hours"], entry["period"]) == (
        "2024-04-11",
        30.0,
        {"start": "2024-04-01", "end": "2024-04-11"},
    )


def test_each_side_is_any_date_the_option_takes(cli):
    cli("done", "this week", "-d", "monday..today", "-H", "4", ok=True)  # today is Thursday 2024-04-18
    cli("done", "last week", "-d", "Apr 8..Apr 14", ok=True)
    cli("done", "the weekend before", "-d", "2024-04-06..sun", ok=True)  # a weekday after "..": the next one
    periods = [e["period"] for e in logged(cli)]
    assert periods == [
        {"start": "2024-04-15", "end": "2024-04-18"},
        {"start": "2024-04-08", "end": "2024-04-14"},
        {"start": "2024-04-06", "end": "2024-04-07"},
    ]


def test_a_period_of_one_day_is_a_plain_entry(cli):
    out = cli("done", "x", "-H", "1", "-d", "2024-04-17..2024-04-17", ok=True)
    assert out.stdout == "Done #1 on 2024-04-17: x (1h)\n"
    assert [(e["date"], e["period"]) for e in logged(cli)] == [("2024-04-17", None)]


def test_a_goal_can_cover_a_period_even_in_the_future(cli):
    out = cli("goal", "finish DLC topic 2", "--date", "2024-04-22..2024-04-28", ok=True)
    assert out.stdout == "Goal #1 for 2024-04-22..2024-04-28: finish DLC topic 2\n"
    [goal] = logged(cli)
    assert (goal["kind"], goal["date"], goal["period"]) == (
        "goal",
        "2024-04-28",
        {"start": "2024-04-22", "end": "2024-04-28"},
    )


def test_a_goal_for_a_period_is_a_goal_of_each_of_its_days(cli):
    cli("goal", "finish topic 2", "--date", "monday..sunday", ok=True)  # 2024-04-15..2024-04-21
    cli("goal", "today's own", ok=True)

    def goals(day: str) -> list[tuple[int, bool]]:
        view = cli("day", day, "--json", ok=True).json()
        return [(g["id"], g["met"]) for g in view["goals"]], [g["id"] for g in view["carried_over"]]

    assert goals("2024-04-14") == ([], [])
    assert goals("2024-04-15") == ([(1, False)], [])
    assert goals("2024-04-18") == ([(1, False), (2, False)], [])
    assert goals("2024-04-21") == ([(1, False)], [2])
    assert goals("2024-04-22") == ([], [2, 1])  # open after its period: carried over like any goal
    cli("done", "finished topic 2", "--goal", "1", ok=True)
    assert goals("2024-04-18")[0] == [(1, True), (2, False)]
    assert cli("today", "--json", ok=True).json()["goals"][0]["period"] == {"start": "2024-04-15", "end": "2024-04-21"}


REFUSED = [
    (["done", "x", "-d", "2024-04-11..2024-04-01"], "the period 2024-04-11..2024-04-01 starts after it ends"),
    (["goal", "x", "-d", "2024-04-30..2024-04-22"], "the period 2024-04-30..2024-04-22 starts after it ends"),
    (["done", "x", "-d", "monday..2024-04-20"], "the period 2024-04-15..2024-04-20 ends in the future"),
    (["done", "x", "-d", "monday..sunday"], "the period 2024-04-15..2024-04-21 ends in the future"),
    (["done", "x", "-d", "2023-01-01..2024-01-02"], "the period 2023-01-01..2024-01-02 covers 367 days, more than 366"),
    (["goal", "x", "-d", "2024-04-18..2025-04-19"], "covers 367 days, more than 366"),
    (["done", "x", "-d", "2024-04-01.."], "cannot read '2024-04-01..' as a period"),
    (["done", "x", "-d", "..2024-04-01"], "cannot read '..2024-04-01' as a period"),
    (["done", "x", "-d", "2024-04-01..someday"], "someday"),
]


@pytest.mark.parametrize("args, message", REFUSED)
def test_a_wrong_period_is_refused_in_one_line_and_nothing_is_written(cli, args, message):
    out = cli(*args, ok=False)
    assert out.stderr.startswith("studylog: error: ") and message in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert logged(cli) == []


def test_a_year_and_a_day_is_the_longest_period(cli):
    cli("done", "a leap year of study", "-d", "2023-04-19..2024-04-18", ok=True)  # 366 days
    assert logged(cli)[0]["period"] == {"start": "2023-04-19", "end": "2024-04-18"}


def _studylog(home, *args: str, fast_path: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "STUDYLOG_HOME": str(home)}
    env.pop("STUDYLOG_NO_FAST_PATH", None)
    if not fast_path:
        env["STUDYLOG_NO_FAST_PATH"] = "1"
    return subprocess.run([sys.executable, "-m", "studylog", *args], env=env, capture_output=True, text=True)


@pytest.mark.sqlite_only  # two stores side by side
def test_the_fast_path_and_typer_take_periods_alike(tmp_path):
    session = [
        ["done", "a week", "-H", "14", "--date", "2024-04-08..2024-04-14"],
        ["goal", "plan", "--date=2024-04-22..2024-04-28"],
        *(args for args, _ in REFUSED[:5]),
        ["today", "--json"],
        ["week", "2024-W15", "--json"],
    ]
    for args in session:
        assert fast.parse(args) is not None, args  # the fast path runs all of them itself
    runs = {way: [_studylog(tmp_path / str(way), *args, fast_path=way) for args in session] for way in (True, False)}
    for a, b in zip(runs[True], runs[False], strict=True):
        assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)
    assert [r.returncode for r in runs[True]] == [0, 0, 2, 2, 2, 2, 2, 0, 0]
    assert all(len(r.stderr.splitlines()) == 1 for r in runs[True][2:7])
    assert set(days_of(json.loads(runs[True][-1].stdout)).values()) == {2.0}


def test_edit_moves_an_entry_onto_a_period_and_back(cli):
    cli("done", "x", "-H", "7", "-d", "2024-04-14", ok=True)
    out = cli("edit", "1", "--date", "2024-04-08..2024-04-14", ok=True)
    assert out.stdout == "Edited #1 over 2024-04-08..2024-04-14: x (7h)\n"
    assert set(days_of(cli("week", "2024-W15", "--json", ok=True).json()).values()) == {1.0}
    cli("edit", "1", "--date", "2024-04-10", ok=True)  # one day again: no longer a period
    entry = logged(cli)[0]
    assert (entry["date"], entry["period"]) == ("2024-04-10", None)
    assert cli("edit", "1", "--date", "2024-04-12..2024-04-19", ok=False).stderr.startswith(
        "studylog: error: the period 2024-04-12..2024-04-19 ends in the future"
    )
    cli("undo", ok=True)
    cli("undo", ok=True)
    assert logged(cli)[0]["period"] is None and logged(cli)[0]["date"] == "2024-04-14"


def test_the_date_help_describes_periods(cli):
    for command in ("done", "goal", "edit"):
        text = " ".join(cli(command, "--help", ok=True).stdout.split())
        assert "A..B" in text and "2023-08-01..2023-08-11" in text, command


# -- hours where they belong -----------------------------------------------------------------------


def test_a_period_spreads_over_its_days_and_weeks_get_their_overlap(cli):
    # 10 days, Friday 2024-04-05 to Sunday 2024-04-14: 3 in week 14, 7 in week 15
    cli("done", "ten days", "-H", "20", "-d", "2024-04-05..2024-04-14", ok=True)
    cli("done", "on the side", "-H", "1", "-d", "2024-04-10", ok=True)
    w15 = cli("week", "2024-W15", "--json", ok=True).json()
    assert days_of(w15) == {f"2024-04-{d:02}": 2.0 + (d == 10) for d in range(8, 15)}
    assert w15["total_hours"] == 15.0 and w15["previous_total_hours"] == 6.0
    trend = cli("week", "2024-W15", "--weeks", "3", "--json", ok=True).json()
    assert [w["hours"] for w in trend["weeks"]] == [0.0, 6.0, 15.0]
    text = cli("week", "2024-W15", ok=True).stdout
    assert re.search(r"Mon 08 Apr .* 2h\n", text) and re.search(r"Wed 10 Apr .* 3h\n", text)


def test_months_calendar_and_stats_count_the_days_of_a_period(cli):
    cli("done", "across a month end", "-H", "12", "-d", "2024-03-29..2024-04-03", ok=True)  # 3 + 3 days
    stats = cli("stats", "--json", ok=True).json()
    assert stats["months"] == [{"month": "2024-03", "hours": 6.0}, {"month": "2024-04", "hours": 6.0}]
    assert (stats["total_hours"], stats["study_days"], stats["first_day"]) == (12.0, 6, "2024-03-29")
    year = cli("calendar", "--json", ok=True).json()
    by_day = {d["date"]: d["hours"] for d in year["days"] if d["hours"]}
    assert by_day == {f"2024-0{m}-{d:02}": 2.0 for m, d in [(3, 29), (3, 30), (3, 31), (4, 1), (4, 2), (4, 3)]}
    assert year["study_days"] == 6 and year["longest_streak"] == 6


def test_a_period_is_a_streak_of_study_days(cli):
    cli("done", "every day this week", "-H", "7", "-d", "2024-04-12..2024-04-18", ok=True)
    assert cli("week", "--json", ok=True).json()["streak"] == 7
    assert cli("calendar", "--json", ok=True).json()["current_streak"] == 7


def test_the_day_view_counts_the_day_share(cli):
    cli("done", "a week", "-H", "14", "-d", "2024-04-08..2024-04-14", ok=True)
    cli("done", "x", "-H", "1", "-d", "2024-04-14", ok=True)
    assert cli("day", "2024-04-14", "--json", ok=True).json()["total_hours"] == 3.0
    assert cli("day", "2024-04-10", "--json", ok=True).json()["total_hours"] == 2.0


def test_the_24_hour_check_counts_a_period_at_its_daily_share(cli):
    cli("done", "a week", "-H", "70", "-d", "2024-04-08..2024-04-14", ok=True)  # 10h a day
    cli("done", "long day", "-H", "14", "-d", "2024-04-10", ok=True)  # 24h on 04-10
    out = cli("done", "one more", "-H", "0.5", "-d", "2024-04-10", ok=False)
    assert "2024-04-10 would have 24.5h logged, more than 24 hours" in out.stderr
    cli("done", "on another day", "-H", "14", "-d", "2024-04-14", ok=True)  # its last day: 10h + 14h
    out = cli("done", "too much", "-H", "200", "-d", "2024-04-01..2024-04-07", ok=False)  # 28.6h a day
    assert "'200' is more than 24 hours a day over 7 days" in out.stderr
    out = cli("done", "overlapping", "-H", "6", "-d", "2024-04-09..2024-04-11", ok=False)  # +2h on 04-10
    assert "2024-04-10 would have 26h logged" in out.stderr
    assert cli("edit", "1", "--hours", "84", ok=False).stderr.startswith("studylog: error: 2024-04-10 would have 26h")
    cli("edit", "1", "--hours", "63", ok=True)  # 9h a day
    doctor = cli("doctor", ok=True)  # 04-10 and 04-14 have exactly 23h
    assert "ok  hours: no day has more than 24 hours" in doctor.stdout


def _insert(store: Store, ch, day: str, hours_: float, start: str | None = None, items: tuple[str, ...] = ()) -> int:
    entry = ch.insert(
        "entry",
        {
            "owner": store.owner,
            "kind": "done",
            "day": D(day),
            "period_start": D(start) if start else None,
            "period_end": D(day) if start else None,
            "text": f"{hours_}h",
            "hours": hours_,
            "created_at": store.now,
            **item_columns(list(items)),
        },
    )
    ch.insert_many("entry_item", extra_item_rows(store.owner, entry, list(items)))
    return entry


def test_doctor_finds_the_days_a_period_puts_above_24_hours(cli, isolated):
    cli("done", "warm up", "-H", "20", "-d", "2024-04-03", ok=True)
    store = Store(database_target(None), "tester", datetime(2024, 4, 18, 12))
    with change(store, "written around the checks") as ch:
        _insert(store, ch, "2024-04-04", 15.0, start="2024-04-02")  # 5h a day: 25h on 04-03
    store.close()
    assert "hours: days above 24 hours: 2024-04-03 ->" in cli("doctor", ok=False).stdout


def test_an_entry_of_several_items_shares_its_hours(cli, isolated):
    cli("done", "warm up", "-H", "1", "-i", "dlc/1", "-d", "2024-04-15", ok=True)  # creates the store
    store = Store(database_target(None), "tester", datetime(2024, 4, 18, 12))
    with change(store, "two items") as ch:
        _insert(store, ch, "2024-04-16", 3.0, items=("aisf/3", "aisf/4"))
        _insert(store, ch, "2024-04-17", 12.0, start="2024-04-14", items=("dlc/1", "dlc/2", "arena2/1.1"))
    by_item = hours.per_item(hours.done_hours(store, by="item"))
    assert by_item == {"dlc/1": 5.0, "aisf/3": 1.5, "aisf/4": 1.5, "dlc/2": 4.0, "arena2/1.1": 4.0}
    # this week (from Monday 04-15) has 3 of the period's 4 days
    week = cli("week", "--json", ok=True).json()
    assert {i["item"]: i["hours"] for i in week["items"]} == {
        "dlc/1": 4.0,
        "aisf/3": 1.5,
        "aisf/4": 1.5,
        "dlc/2": 3.0,
        "arena2/1.1": 3.0,
    }
    assert {c["id"]: c["hours"] for c in week["curricula"]} == {"dlc": 7.0, "aisf": 3.0, "arena2": 3.0}
    assert days_of(week)["2024-04-16"] == 6.0 and week["total_hours"] == 13.0
    rows = hours.done_hours(store, D("2024-04-16"), D("2024-04-16"))
    assert sorted((r.item, r.hours, r.entries) for r in rows) == [
        ("aisf/3", 1.5, 1),  # each entry counts once, under its first item
        ("aisf/4", 1.5, 0),
        ("arena2/1.1", 1.0, 0),
        ("dlc/1", 1.0, 1),
        ("dlc/2", 1.0, 0),
    ]
    assert hours.per_day(rows) == {D("2024-04-16"): (6.0, 2)}
    stats = cli("stats", "--json", ok=True).json()
    assert {c["id"]: c["hours"] for c in stats["curricula"]} == {"dlc": 9.0, "aisf": 3.0, "arena2": 4.0}
    from studylog.store.status import last_worked

    worked = last_worked(store)  # what ``next`` orders by: every item of an entry counts
    assert {k: worked[k] for k in ("aisf/3", "aisf/4", "dlc/2")} == {
        "aisf/3": D("2024-04-16"),
        "aisf/4": D("2024-04-16"),
        "dlc/2": D("2024-04-17"),
    }
    progress = cli("progress", "dlc", "--json", ok=True).json()
    assert {i["ref"]: i["hours"] for i in _with_ref(progress) if i["hours"]} == {"dlc/1": 5.0, "dlc/2": 4.0}
    store.close()


def _with_ref(data) -> list[dict]:
    """Every object with a "ref" in a JSON document."""
    if isinstance(data, list):
        return [x for d in data for x in _with_ref(d)]
    if isinstance(data, dict):
        return ([data] if "ref" in data else []) + [x for v in data.values() for x in _with_ref(v)]
    return []


# -- the learner's page ----------------------------------------------------------------------------


def _range_hours(cli, start: str, end: str) -> float:
    """The hours the page logs under the heading ``# START - END``, as the import stored them."""
    return sum(
        e["hours"] or 0 for e in logged(cli) if e["period"] == {"start": start, "end": end} and e["kind"] == "done"
    )


def test_the_learners_page_has_no_impossible_day(cli):
    cli("import", "til", str(PAGE), "--no-link", ok=True)
    doctor = cli("doctor")
    assert "ok  hours: no day has more than 24 hours" in doctor.stdout
    assert doctor.exit_code == 0, doctor.stdout
    total = _range_hours(cli, "2023-07-16", "2023-07-23")  # the range spans 8 days, W29 holds 7
    assert total > 40
    week = cli("week", "2023-W29", "--json", ok=True).json()
    assert week["total_hours"] == pytest.approx(total * 7 / 8, abs=0.01)
    assert set(days_of(week)) == {f"2023-07-{d}" for d in range(17, 24)}
    assert all(h == pytest.approx(total / 8, abs=0.01) for h in days_of(week).values())
    w28 = cli("week", "2023-W28", "--json", ok=True).json()  # 07-10..07-16: 6 days of 07-01..07-15, 1 of the next
    expected = _range_hours(cli, "2023-07-01", "2023-07-15") * 6 / 15 + total / 8
    assert w28["total_hours"] == pytest.approx(expected, abs=0.01)
    text = cli("week", "2023-W29", ok=True).stdout
    share = f"{total / 8:.2f}".rstrip("0").rstrip(".") + "h"
    for day in ("Mon 17 Jul", "Tue 18 Jul", "Sat 22 Jul", "Sun 23 Jul"):
        assert re.search(rf"{day} .* {re.escape(share)}\n", text), (day, share, text)
    cli("done", "x", "--hours", "1", "--date", "2023-07-23", ok=True)
    year = cli("calendar", "--year", "2023", "--json", ok=True).json()
    per_day = [d["hours"] for d in year["days"]]
    assert max(per_day) <= 24
    studied = [h for h in per_day if h]  # each rounded to 2 decimals
    stats = cli("stats", "--json", ok=True).json()
    assert sum(studied) == pytest.approx(stats["total_hours"], abs=0.005 * len(studied))
    assert stats["study_days"] == year["study_days"] >= len(studied)  # with the days of entries without hours


# -- a property ------------------------------------------------------------------------------------

_owners = itertools.count()
BASE = date(2024, 1, 1)

entries_st = st.lists(
    st.tuples(
        st.integers(0, 60),  # first day, from BASE
        st.integers(0, 20),  # extra days
        st.one_of(st.none(), st.floats(0, 48, allow_nan=False).map(lambda h: round(h, 2))),
        st.integers(1, 3),  # items
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries_st, st.integers(0, 90), st.integers(0, 40))
def test_spread_hours_add_up_and_never_exceed_what_was_logged(isolated, specs, first_at, span):
    owner = f"p{next(_owners)}"
    store = Store(database_target(None), owner, datetime(2024, 6, 1))
    try:
        with change(store, "random") as ch:
            for n, (start, extra, hours_, count) in enumerate(specs):
                first_day = BASE + timedelta(days=start)
                last_day = first_day + timedelta(days=extra)
                items = [f"dlc/{n}.{i}" for i in range(count)]
                entry = ch.insert(
                    "entry",
                    {
                        "owner": owner,
                        "kind": "done",
                        "day": last_day,
                        "text": f"e{n}",
                        "hours": hours_,
                        "created_at": store.now,
                        "period_start": first_day if extra else None,
                        "period_end": last_day if extra else None,
                        **item_columns(items),
                    },
                )
                ch.insert_many("entry_item", extra_item_rows(owner, entry, items))
        logged_total = sum(h or 0 for _, _, h, _ in specs)
        per_day = hours.per_day(hours.done_hours(store, by="day"))
        assert sum(h for h, _ in per_day.values()) == pytest.approx(logged_total, abs=1e-6)
        assert sum(hours.per_item(hours.done_hours(store, by="item")).values()) == pytest.approx(logged_total, abs=1e-6)
        for day, (h, count) in per_day.items():
            covering = [
                (s, e, hh) for s, e, hh, _ in specs if BASE + timedelta(days=s) <= day <= BASE + timedelta(days=s + e)
            ]
            assert 0 <= h <= sum(hh or 0 for _, _, hh in covering) + 1e-9
            assert count == len(covering)
        assert set(per_day) == set(hours.study_days(store, BASE + timedelta(days=200)))
        # any range: by day, by item and by day and item agree, and are the overlap of each entry
        first, last = BASE + timedelta(days=first_at), BASE + timedelta(days=first_at + span)
        overlap = sum(
            (h or 0) * len([d for d in range(s, s + e + 1) if first_at <= d <= first_at + span]) / (e + 1)
            for s, e, h, _ in specs
        )
        for by in ("day", "item", "day, item"):
            got = sum(r.hours for r in hours.done_hours(store, first, last, by=by))  # type: ignore[arg-type]
            assert got == pytest.approx(overlap, abs=1e-6), by
        in_range = hours.study_days(store, last, first)
        assert in_range == sorted(d for d in per_day if first <= d <= last)
    finally:
        store.close()
