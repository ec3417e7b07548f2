"""Hours read from what a learner wrote (studylog.importers.hours_text)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from studylog.importers.hours_text import MAX_HOURS, find_hours, hours_problem, read_hours

FORMATS = SHARED / "formats"
REAL = FORMATS / "other-real-logs"


@pytest.mark.parametrize(
    "text, hours",
    [
        ("Around 2.3 hours to finish exercise", 2.3),
        ("it takes me about 20 hours but I learnt a lot", 20),
        ("### R1D2: January 5, 2018 (2.5h)", 2.5),
        ("###  R1D31:February 4, 2018(2h)", 2),
        ("### R1D1: January 4, 2018 (1h)", 1),
        ("~3 hours on backprop", 3),
        ("90 minutes of reading", 1.5),
        ("45 min of flashcards", 0.75),
        ("2 hrs", 2),
        ("2 hrs.", 2),
        ("Finished DLC Alignment topic exericise, it takes me around 30 hours.", 30),
        ("1h30m on the exercise", 1.5),
        ("1 hour and 30 minutes", 1.5),
        ("1h30", 1.5),
        ("1:30 hours", 1.5),
        ("an hour and a half", 1.5),
        ("one and a half hours", 1.5),
        ("half an hour of review", 0.5),
        ("two hours of lectures", 2),
        ("studied for an hour", 1),
        ("2,5 hours", 2.5),
        ("5+ hours", 5),
        ("spent 2h on it, yes 2h", 2),  # the same amount twice counts once
        ("[Topic 2](https://example.com/x) took around 15 hours", 15),
    ],
)
def test_hours_written_by_learners(text, hours):
    assert find_hours(text) == pytest.approx(hours)
    assert hours_problem(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "80,000 hours in your career",
        "Consultation with 80k hours works well. I am glad I did it :)",
        "Talked with 80k hours career advisor",
        "[80,000 hours](https://80000hours.org/): 80,000 hours in your career.",
        "[report](https://wandb.ai//x/reports/videos-23-07-18-13-10-22---Vmlldzo0OTA1MjM0)",
        "see https://example.com/2h/3hours and www.example.org/90minutes",
        "[notes][https://docs.example.com/2h]",
        "i'm only now starting my day at 8:33 PM.",
        "Not starting right now (6/4 12:01am) so that I can wake up early (goal is 7:00am).",
        "Had to drop my mans off in Houston, took 3 hours off of my day.",
        "24 hours a day, 7 days a week",
        "2 hours per week is the plan",
        "checked it 2 hours ago",
        "slept 8 hours",
        "lost 2 hours to a bug",
        "Week 1 Day 1",
        "R1D5 - FreeCodeCamp",
        "wait a minute",
        "0 hours",
        "Read the intro (20 pages) of Discipline is Destiny",
        "Only got to question 3 of 11",
        "hours spent and a lot of attempts",
        "H100 GPUs",
        "it takes around 1 minute to load all CG files",  # what the machine takes (agryman/acmpy journal)
        "the full build needs 2 hours to compile",
        "",
    ],
)
def test_not_hours_of_study(text):
    assert find_hours(text) is None
    assert hours_problem(text) is None


def test_a_range_reads_as_its_midpoint_and_says_so():
    assert find_hours("2-3 hours on the exercise") == 2.5
    assert "midpoint" in hours_problem("2-3 hours on the exercise")
    assert find_hours("2 to 3 hours") == 2.5
    assert find_hours("30-90 minutes") == 1


def test_two_different_amounts_are_undecidable():
    text = "1h on the reading, then 2h on the exercise"
    assert find_hours(text) is None
    assert "several amounts" in hours_problem(text)
    assert read_hours(text).hours is None


def test_more_than_a_week_is_not_study_time():
    assert MAX_HOURS == 168
    assert find_hours("it took 168 hours") == 168
    assert find_hours("about 200 hours for the whole course") is None
    assert "more than a week" in hours_problem("about 200 hours for the whole course")


def test_til_page_hours():
    """Every numbered item of the TIL page: hours only where the author wrote study time."""
    items = [
        line
        for line in (FORMATS / "til-page-jekyll.md").read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*\d+\. ", line)
    ]
    hours = [find_hours(line) for line in items]
    assert sorted(h for h in hours if h is not None) == [2, 2, 2.3, 2.4, 2.5, 3, 3, 4, 5, 7, 15, 20, 25, 30]
    assert find_hours(next(line for line in items if "Around 2.3 hours" in line)) == 2.3
    assert find_hours(next(line for line in items if "about 20 hours" in line)) == 20
    assert not [line for line in items if "80" in line and "hours" in line and find_hours(line) is not None]


def test_daily_notes_say_no_hours():
    text = (FORMATS / "daily-notes-goals-done.md").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if find_hours(line) is not None] == []


def test_jfashe_journal_has_no_study_hours():
    """Times of day, "took 3 hours off of my day", partial dates: none of them is study time."""
    text = (REAL / "journal-weekly-dated-bullets-jfashe.md").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if find_hours(line) is not None] == []


def test_el3um4s_heading_hours_add_up():
    text = (REAL / "100days-hours-el3um4s.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if re.match(r"\s*###\s+R1D\d+", line)]
    hours = [find_hours(line) for line in headings]
    assert len(headings) == 61
    assert hours[0] is None  # R1D0 has no hours
    assert sum(h for h in hours if h) == pytest.approx(115.5)
    assert sorted({h for h in hours if h}) == [1, 1.5, 2, 2.5, 3, 4, 5]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text())
def test_never_raises(text):
    hours = find_hours(text)
    assert hours is None or 0 < hours <= MAX_HOURS
    assert hours_problem(text) is None or isinstance(hours_problem(text), str)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            [
                "2",
                "2.5",
                "1h",
                "30",
                "min",
                "hours",
                "h",
                "-",
                " to ",
                " ",
                "~",
                "80k",
                "an",
                "half",
                "a",
                "and",
                "(",
                ")",
                "https://x.y/",
                "off",
                "ago",
                ",",
                ":",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_never_raises_on_hour_like_text(text):
    hours = find_hours(text)
    assert hours is None or 0 < hours <= MAX_HOURS
