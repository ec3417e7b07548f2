"""parse_date: every accepted form, the boundaries, the rejections, and two properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studylog.dates import WEEKDAYS, parse_date
from studylog.errors import UsageError

TODAY = date(2024, 4, 18)  # a Thursday, as in conftest


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # relative words
        ("today", "2024-04-18"),
        ("yesterday", "2024-04-17"),
        ("tomorrow", "2024-04-19"),
        ("  TODAY  ", "2024-04-18"),
        ("Yesterday", "2024-04-17"),
        # weekday names: the most recent such day, today included
        ("thursday", "2024-04-18"),
        ("thu", "2024-04-18"),
        ("thur", "2024-04-18"),
        ("Thurs", "2024-04-18"),
        ("wednesday", "2024-04-17"),
        ("wed", "2024-04-17"),
        ("tuesday", "2024-04-16"),
        ("tue", "2024-04-16"),
        ("tues", "2024-04-16"),
        ("monday", "2024-04-15"),
        ("mon", "2024-04-15"),
        ("sunday", "2024-04-14"),
        ("sun", "2024-04-14"),
        ("saturday", "2024-04-13"),
        ("sat", "2024-04-13"),
        ("friday", "2024-04-12"),
        ("fri", "2024-04-12"),
        ("MONDAY", "2024-04-15"),
        # "last X": strictly before today
        ("last thursday", "2024-04-11"),
        ("last thu", "2024-04-11"),
        ("last wednesday", "2024-04-17"),
        ("last monday", "2024-04-15"),
        ("last friday", "2024-04-12"),
        ("Last  Monday", "2024-04-15"),
        # N days / weeks ago
        ("0 days ago", "2024-04-18"),
        ("1 day ago", "2024-04-17"),
        ("3 days ago", "2024-04-15"),
        ("3  days  ago", "2024-04-15"),
        ("18 days ago", "2024-03-31"),
        ("1 week ago", "2024-04-11"),
        ("2 weeks ago", "2024-04-04"),
        # ISO
        ("2024-04-18", "2024-04-18"),
        ("2023-12-31", "2023-12-31"),
        ("2024-02-29", "2024-02-29"),  # leap day
        # month names (year defaults to today's)
        ("Apr 18", "2024-04-18"),
        ("apr 1", "2024-04-01"),
        ("April 18", "2024-04-18"),
        ("18 April 2024", "2024-04-18"),
        ("18 Apr 2023", "2023-04-18"),
        ("April 18, 2024", "2024-04-18"),
        ("Feb 29", "2024-02-29"),
        ("18th of April 2024", "2024-04-18"),
    ],
)
def test_accepted_forms(text: str, expected: str) -> None:
    assert parse_date(text, TODAY) == d(expected)


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        # year boundary: 2024-01-01 is a Monday
        ("2024-01-01", "yesterday", "2023-12-31"),
        ("2024-01-01", "today", "2024-01-01"),
        ("2024-01-01", "monday", "2024-01-01"),
        ("2024-01-01", "last monday", "2023-12-25"),
        ("2024-01-01", "sunday", "2023-12-31"),
        ("2024-01-01", "last sunday", "2023-12-31"),
        ("2024-01-01", "fri", "2023-12-29"),
        ("2024-01-01", "1 week ago", "2023-12-25"),
        ("2024-01-01", "3 days ago", "2023-12-29"),
        ("2024-01-01", "31 December 2023", "2023-12-31"),
        ("2023-12-31", "tomorrow", "2024-01-01"),
        # month boundaries, leap and non-leap February
        ("2024-03-01", "yesterday", "2024-02-29"),
        ("2023-03-01", "yesterday", "2023-02-28"),
        ("2024-02-29", "tomorrow", "2024-03-01"),
        ("2024-04-30", "tomorrow", "2024-05-01"),
        ("2024-05-01", "yesterday", "2024-04-30"),
        # a month name on a day that does not exist in every month
        ("2024-01-31", "Feb 29", "2024-02-29"),
        ("2024-01-31", "Apr 18", "2024-04-18"),
        ("2024-03-31", "Apr 30", "2024-04-30"),
    ],
)
def test_boundaries(today: str, text: str, expected: str) -> None:
    assert parse_date(text, d(today)) == d(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "bogus",
        "2024-13-01",
        "2024-04-31",
        "2023-02-29",  # not a leap year
        "Feb 30",
        "10:30",
        "2024-04-18 10:30",
        "Apr 18 10:30",
        "18 April 2024 3pm",
        "April",
        "2024",
        "18",
        "last",
        "next",
        "next mon day",
        "in days",
        "in -3 days",
        "3 days",
        "-3 days ago",
        "10000 days ago",
        "noon",
    ],
)
def test_rejected(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_date(text, TODAY)
    err = info.value
    assert err.exit_code == 2
    # the message suggests forms that do work
    assert err.hint and "2024-04-18" in err.hint and "yesterday" in err.hint
    assert "2024-04-18" in str(err)


def test_time_of_day_message_says_so() -> None:
    with pytest.raises(UsageError, match="time of day"):
        parse_date("Apr 18 10:30", TODAY)


@pytest.mark.parametrize("text", ["Apr 18 00:00", "Apr 18 12am", "April 18 2024 0:00:00"])
def test_midnight_time_of_day_rejected(text: str) -> None:
    with pytest.raises(UsageError):
        parse_date(text, TODAY)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.one_of(
        st.text(),
        st.from_regex(r"[0-9a-zA-Z :/.,\-]{0,24}", fullmatch=True),
        st.builds(
            " ".join,
            st.lists(
                st.sampled_from(
                    [
                        "apr",
                        "april",
                        "18",
                        "2024",
                        "of",
                        "the",
                        "last",
                        "mon",
                        "ago",
                        "days",
                        "3",
                        "10:30",
                        "00:00",
                        ",",
                        "2024-04-18",
                        "pm",
                        "th",
                        "-1",
                        "31",
                        "feb",
                        "29",
                    ]
                ),
                max_size=5,
            ),
        ),
    )
)
def test_any_text_is_a_date_or_a_usage_error(text: str) -> None:
    try:
        result = parse_date(text, TODAY)
    except UsageError as err:
        assert err.exit_code == 2
    else:
        assert isinstance(result, date)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31)),
)
def test_iso_round_trip(day: date, today: date) -> None:
    assert parse_date(day.isoformat(), today) == day


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.dates(min_value=date(1970, 1, 8), max_value=date(2100, 12, 31)), st.sampled_from(sorted(WEEKDAYS)))
def test_weekday_names(today: date, name: str) -> None:
    recent = parse_date(name, today)
    assert recent.weekday() == WEEKDAYS[name]
    assert timedelta(0) <= today - recent <= timedelta(days=6)
    last = parse_date(f"last {name}", today)
    assert last.weekday() == WEEKDAYS[name]
    assert timedelta(days=1) <= today - last <= timedelta(days=7)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.dates(min_value=date(1970, 1, 8), max_value=date(2100, 12, 31)), st.sampled_from(sorted(WEEKDAYS)))
def test_weekday_names_that_plan(today: date, name: str) -> None:
    """Issue #16: for goals and plans a weekday alone is the coming one, today included; 'next X'
    the first X after today; 'this X' the X of this week (Monday to Sunday)."""
    coming = parse_date(name, today, ahead=True)
    assert coming.weekday() == WEEKDAYS[name]
    assert timedelta(0) <= coming - today <= timedelta(days=6)
    nxt = parse_date(f"next {name}", today)
    assert nxt.weekday() == WEEKDAYS[name]
    assert timedelta(days=1) <= nxt - today <= timedelta(days=7)
    this = parse_date(f"this {name}", today)
    assert this.weekday() == WEEKDAYS[name]
    assert this.isocalendar()[:2] == today.isocalendar()[:2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 3 days", "2024-04-21"),
        ("in 1 day", "2024-04-19"),
        ("in a day", "2024-04-19"),
        ("in 2 weeks", "2024-05-02"),
        ("in a week", "2024-04-25"),
        ("next week", "2024-04-22"),
        ("this week", "2024-04-15"),
        ("last week", "2024-04-08"),
        ("next thursday", "2024-04-25"),
        ("this thursday", "2024-04-18"),
        ("this monday", "2024-04-15"),
        ("next friday", "2024-04-19"),
        ("tomorrow", "2024-04-19"),
    ],
)
def test_forms_that_plan(text: str, expected: str) -> None:
    assert parse_date(text, TODAY) == d(expected)
    assert parse_date(text, TODAY, ahead=True) == d(expected)


def test_a_goal_looks_ahead_and_a_done_item_back(cli) -> None:
    assert cli("goal", "mock exam", "--date", "monday", ok=True).stdout.startswith("Goal #1 for 2024-04-22:")
    assert cli("goal", "review", "--date", "thursday", ok=True).stdout.startswith("Goal #2 for 2024-04-18:")
    assert cli("goal", "read", "--date", "in 2 weeks", ok=True).stdout.startswith("Goal #3 for 2024-05-02:")
    assert cli("done", "lecture", "--date", "monday", ok=True).stdout.startswith("Done #4 on 2024-04-15:")
    out = cli("done", "lecture", "--date", "next monday", ok=False)
    assert out.exit_code == 2
    assert out.stderr.startswith("studylog: error: 2024-04-22 is in the future; done items are for today or earlier")
    assert cli("week", "next week", "--json", ok=True).json()["start"] == "2024-04-22"
