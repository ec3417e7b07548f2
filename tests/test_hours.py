"""parse_hours and format_hours: accepted and rejected forms, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studylog.errors import UsageError
from studylog.hours import format_hours, parse_hours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", 2.0),
        ("2.5", 2.5),
        (".5", 0.5),
        (" 3 ", 3.0),
        ("24", 24.0),
        ("1h30m", 1.5),
        ("1h 30m", 1.5),
        ("1H30M", 1.5),
        ("1.5h", 1.5),
        ("1h", 1.0),
        ("2 hours", 2.0),
        ("1 hr", 1.0),
        ("90m", 1.5),
        ("45min", 0.75),
        ("30 minutes", 0.5),
        ("1 minute", 0.0167),
        ("1:30", 1.5),
        ("0:45", 0.75),
        ("01:05", 1.0833),
        ("24:00", 24.0),
        ("0:01", 0.0167),
    ],
)
def test_accepted(text: str, expected: float) -> None:
    assert parse_hours(text) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("", "cannot read"),
        ("   ", "cannot read"),
        ("abc", "cannot read"),
        ("h", "cannot read"),
        ("m", "cannot read"),
        ("1:75", "cannot read"),
        ("1:5", "cannot read"),
        ("nan", "cannot read"),
        ("inf", "cannot read"),
        ("-inf", "cannot read"),
        ("1e1", "cannot read"),
        ("2x", "cannot read"),
        ("1,5", "cannot read"),
        ("-1", "more than 0"),
        ("-0.5", "more than 0"),
        ("0", "more than 0"),
        ("0.0", "more than 0"),
        ("0:00", "more than 0"),
        ("0h", "more than 0"),
        ("0m", "more than 0"),
        ("25", "more than 24"),
        ("24.5", "more than 24"),
        ("24:01", "more than 24"),
        ("1441m", "more than 24"),
        ("25h", "more than 24"),
    ],
)
def test_rejected(text: str, match: str) -> None:
    with pytest.raises(UsageError, match=match) as info:
        parse_hours(text)
    assert info.value.exit_code == 2
    assert info.value.hint and "1h30m" in info.value.hint


@pytest.mark.parametrize("text", ["0.00001", "0.00004"])
def test_tiny_positive_value_never_returns_zero(text: str) -> None:
    try:
        value = parse_hours(text)
    except UsageError:
        return
    assert value > 0


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.one_of(
        st.text(),
        st.from_regex(r"\s*-?[0-9]{0,3}(\.[0-9]{1,2})?\s*(h|m|min|hours|:)?\s*[0-9]{0,2}\s*m?", fullmatch=True),
    )
)
def test_any_text_is_hours_in_range_or_a_usage_error(text: str) -> None:
    try:
        value = parse_hours(text)
    except UsageError as err:
        assert err.exit_code == 2
    else:
        assert isinstance(value, float)
        assert 0 < value <= 24


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(min_value=1, max_value=1440))
def test_minutes(m: int) -> None:
    assert parse_hours(f"{m}m") == pytest.approx(m / 60, abs=1e-4)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(min_value=1, max_value=24), st.integers(min_value=0, max_value=59))
def test_clock(h: int, m: int) -> None:
    if h * 60 + m > 24 * 60:
        with pytest.raises(UsageError):
            parse_hours(f"{h}:{m:02d}")
    else:
        assert parse_hours(f"{h}:{m:02d}") == pytest.approx(h + m / 60, abs=1e-4)
        assert parse_hours(f"{h}h{m}m") == pytest.approx(h + m / 60, abs=1e-4)


@pytest.mark.parametrize(
    ("hours", "text"),
    [(None, ""), (2.0, "2h"), (2.5, "2.5h"), (1.3333, "1.33h"), (0.75, "0.75h"), (24.0, "24h"), (0.1, "0.1h")],
)
def test_format_hours(hours: float | None, text: str) -> None:
    assert format_hours(hours) == text


@pytest.mark.parametrize("text", ["0.001", "0.01", "0.5m", "0:00:30"])
def test_less_than_a_minute_is_refused(text: str) -> None:
    """Issue #15: ``--hours 0.001`` was stored and shown as "0h"."""
    with pytest.raises(UsageError) as info:
        parse_hours(text)
    assert info.value.exit_code == 2
    assert "minute" in str(info.value) or "cannot read" in str(info.value)


def test_one_minute_is_enough() -> None:
    assert parse_hours("1m") == round(1 / 60, 4)


@pytest.mark.parametrize(
    ("hours", "decimal", "hm"),
    [
        (2.5, "2.5h", "2h30m"),
        (40 / 60, "0.67h", "40m"),
        (1.0, "1h", "1h"),
        (1 / 60, "0.02h", "1m"),
        (0.001, "<0.01h", "<1m"),
        (0.0, "0h", "0m"),
        (23.99, "23.99h", "23h59m"),
        (None, "", ""),
    ],
)
def test_hours_for_people(hours, decimal: str, hm: str) -> None:
    from studylog.hours import format_hours

    assert format_hours(hours, "decimal") == decimal
    assert format_hours(hours, "hm") == hm


def test_the_hours_format_setting(cli) -> None:
    cli("done", "read", "--hours", "40m", ok=True)
    cli("done", "watched", "--hours", "2.5", ok=True)
    assert "0.67h" in cli("today", ok=True).stdout
    cli("config", "set", "hours_format", "hm", ok=True)
    out = cli("today", ok=True).stdout
    assert "40m" in out and "2h30m" in out and "Total 3h10m" in out
    assert cli("done", "more", "--hours", "1:15", ok=True).stdout.endswith("(1h15m)\n")
    assert cli("log", "--json", ok=True).json()[0]["hours"] == 1.25  # JSON keeps the number
    til = cli("export", "til", ok=True).stdout
    assert "Around 40 minutes" in til and "2h30m" not in til  # documents keep their own format
    bad = cli("config", "set", "hours_format", "minutes", ok=False)
    assert "hours_format must be one of decimal, hm" in bad.stderr
