"""One date reader (importers.datelines) for every importer: a date one importer accepts, all accept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studylog.importers import daily_notes, markdown, til
from studylog.importers.datelines import end_date, find_date, read_day

TODAY = date(2024, 4, 18)


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# -- (1) a table of shapes -------------------------------------------------------------------------

D = date
TABLE: list[tuple[str, tuple[date, date | None]]] = [
    # ISO and its separators
    ("2024-04-18", (D(2024, 4, 18), None)),
    ("2024/04/18", (D(2024, 4, 18), None)),
    ("2024.04.18", (D(2024, 4, 18), None)),
    ("2022_12_24", (D(2022, 12, 24), None)),  # Logseq file names and headings
    ("2024-4-8", (D(2024, 4, 8), None)),
    # US order
    ("04/18/2024", (D(2024, 4, 18), None)),
    ("4/18/24", (D(2024, 4, 18), None)),
    ("11/22/18", (D(2018, 11, 22), None)),
    ("3/7/2021", (D(2021, 3, 7), None)),
    # month names
    ("Apr 18 2024", (D(2024, 4, 18), None)),
    ("18 April 2024", (D(2024, 4, 18), None)),
    ("April 18, 2024", (D(2024, 4, 18), None)),
    ("Sept. 3, 2019", (D(2019, 9, 3), None)),
    ("Dec 24th, 2022", (D(2022, 12, 24), None)),  # Logseq's journal title
    # ordinals
    ("19th January 2020", (D(2020, 1, 19), None)),
    ("January 19th, 2020", (D(2020, 1, 19), None)),
    ("1st of March 2021", (D(2021, 3, 1), None)),
    ("22nd Feb 2023", (D(2023, 2, 22), None)),
    # labels and weekdays around the date
    ("Day 3: 2024-01-05", (D(2024, 1, 5), None)),
    ("R1D5: Jan 5, 2024", (D(2024, 1, 5), None)),
    ("Monday, June 27, 2016", (D(2016, 6, 27), None)),
    ("2016-06-27 (Monday)", (D(2016, 6, 27), None)),
    # ranges (periods): (last day, first day)
    ("2023-07-16 - 2023-07-23", (D(2023, 7, 23), D(2023, 7, 16))),
    ("2023-08-12 – 2023-08-18", (D(2023, 8, 18), D(2023, 8, 12))),
    ("Jun 1 - Jun 7, 2023", (D(2023, 6, 7), D(2023, 6, 1))),
    # headings that list several days (issue 12, shape 1): first..last listed day
    ("Day 12,13 : Mar 3 , Mar 4, 2019", (D(2019, 3, 4), D(2019, 3, 3))),
    ("Day 7,8,9 : Apr 7,8,9 , 2020", (D(2020, 4, 9), D(2020, 4, 7))),
    ("Day 20,21,22 : Jun 1,Jun 2,Jun 3 ,Jun 4 2020", (D(2020, 6, 4), D(2020, 6, 1))),
    ("Mar 30, Mar 31, Apr 1 2019", (D(2019, 4, 1), D(2019, 3, 30))),
    ("Jan 5 & 6, 2024", (D(2024, 1, 6), D(2024, 1, 5))),
    ("Day 12 & 13 - Jan 5, 6, 2024", (D(2024, 1, 6), D(2024, 1, 5))),
    # HTML ordinals, in bold, in parentheses after a day label (issue 12: tanaytoshniwal's 100 days)
    ("Day 0 (**22<sup>nd</sup> July 2018**):", (D(2018, 7, 22), None)),
    ("22<sup>nd</sup> July 2018", (D(2018, 7, 22), None)),
    ("July 1<sup>st</sup>, 2018", (D(2018, 7, 1), None)),
    ("Day 3 (Jan 5, 2024)", (D(2024, 1, 5), None)),
    ("(2021-10-05)", (D(2021, 10, 5), None)),
    # git log's date, with its weekday, time and offset (issue 12: holoc's TIL index)
    ("Tue May 12 21:58:14 2020 -0400", (D(2020, 5, 12), None)),
    ("Wed Apr 29 18:30 2020", (D(2020, 4, 29), None)),
    ("Tue May 12 21:58:14 EDT 2020", (D(2020, 5, 12), None)),
    # a day label followed by a comma is not a list of day numbers
    ("Day 12, 2024-01-05", (D(2024, 1, 5), None)),
    ("Day 12, 5 Jan 2024", (D(2024, 1, 5), None)),
]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_each_shape_reads_as_its_date(text, expected):
    assert read_day(text, today=TODAY) == expected


def test_listed_days_are_all_returned():
    hit = find_date("Day 7,8,9 : Apr 7,8,9 , 2020")
    assert hit is not None
    assert [(d.year, d.month, d.day) for d in hit.days] == [(2020, 4, 7), (2020, 4, 8), (2020, 4, 9)]
    hit = find_date("Day 20,21,22 : Jun 1,Jun 2,Jun 3 ,Jun 4 2020")
    assert hit is not None and [d.day for d in hit.days] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    "text",
    [
        "Notes",
        "Day 12",
        "Mar 3, 4 hours of work",
        "Chapter 3, 2019 edition",
        "2024-13-45x",
        "Week 3",
        "TODO",
        "(see notes)",
        "May 12 21:58",  # a time without a year
        "22<sup>nd</sup> of the month",
    ],
)
def test_text_that_is_not_a_whole_date(text):
    assert read_day(text) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2023-02-30", "impossible date"),
        ("Feb 30, 2023", "impossible date"),
        ("2023-03-01 - 2023-02-01", "ends before it starts"),
        ("20205-06-10", "impossible date"),
    ],
)
def test_impossible_dates_say_why(text, why):
    found = read_day(text)
    assert isinstance(found, str) and why in found


def test_day_first_when_the_log_writes_it_so():
    assert read_day("18/04/2024", "dmy") == (D(2024, 4, 18), None)
    assert read_day("04/05/2024", "dmy") == (D(2024, 5, 4), None)
    assert read_day("04/05/2024") == (D(2024, 4, 5), None)


# -- (2) property: every shape, every importer ------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
MONTHS += ["November", "December"]

SHAPES: list[Callable[[date], str]] = [
    lambda d: d.isoformat(),
    lambda d: d.strftime("%Y/%m/%d"),
    lambda d: d.strftime("%Y_%m_%d"),
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
    lambda d: f"{MONTHS[d.month - 1][:3]} {d.day} {d.year}",
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}",
]
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=TODAY)
SHAPE = st.sampled_from(range(len(SHAPES)))


@settings(max_examples=300, deadline=None)
@given(DAYS, SHAPE)
def test_every_shape_reads_back(day, shape):
    assert read_day(SHAPES[shape](day), today=TODAY) == (day, None)


@settings(max_examples=150, deadline=None)
@given(DAYS, DAYS, SHAPE)
def test_every_range_reads_back(a, b, shape):
    first, last = min(a, b), max(a, b)
    text = f"{SHAPES[shape](first)} - {SHAPES[shape](last)}"
    assert read_day(text, today=TODAY) == (last, first)


def _til_days(text: str) -> list[tuple[date, tuple[date, date] | None]]:
    return [(e.day, e.period) for e in til.parse(f"## {text}\n1. learned a thing\n").entries]


def _daily_days(text: str) -> list[tuple[date, tuple[date, date] | None]]:
    return [(e.day, e.period) for e in daily_notes.parse(f"[[{text}]]\n- learned a thing\n", None).entries]


def _markdown_days(text: str) -> list[tuple[date, tuple[date, date] | None]]:
    return [(e.day, e.period) for e in markdown.parse(f"## {text}\n- learned a thing\n", None, TODAY).entries]


@settings(max_examples=150, deadline=None)
@given(DAYS, SHAPE)
def test_a_date_one_importer_reads_all_read(day, shape):
    text = SHAPES[shape](day)
    expected = [(day, None)]
    assert _til_days(text) == expected
    assert _daily_days(text) == expected
    assert _markdown_days(text) == expected


@pytest.mark.parametrize(("text", "expected"), [t for t in TABLE if t[1][0] <= TODAY])
def test_the_table_reads_the_same_in_every_importer(text, expected):
    last, first = expected
    want = [(last, (first, last) if first else None)]
    assert _til_days(text) == want
    assert _daily_days(text) == want
    assert _markdown_days(text) == want


@settings(max_examples=100, deadline=None)
@given(st.lists(DAYS, min_size=2, max_size=5, unique=True), st.booleans())
def test_listed_days_read_back(days, repeat_month):
    days = sorted({d.replace(year=2020, day=min(d.day, 28)) for d in days})
    if len(days) < 2:
        return
    parts = [f"{MONTHS[d.month - 1][:3]} {d.day}" for d in days]
    if not repeat_month:  # the month only where it changes
        parts = [
            p if i == 0 or days[i - 1].month != d.month else str(d.day)
            for i, (p, d) in enumerate(zip(parts, days, strict=True))
        ]
    text = "Day 1,2 : " + " , ".join(parts) + ", 2020"
    hit = find_date(text)
    assert hit is not None
    assert [date(y.year or 0, y.month or 0, y.day or 0) for y in hit.days] == days
    assert read_day(text) == (days[-1], days[0])


# -- (3) the TIL page with ordinal headings ---------------------------------------------------------

ORDINAL_TIL = """\
---
layout: page
title: TIL
---

## 19th January 2020

1. How `git worktree` keeps several branches checked out
\t1. one folder per branch

## 20th January 2020

Python's `functools.cache` is `lru_cache(maxsize=None)`.

## 2nd February 2020 - 4th February 2020

1. Read the asyncio docs
"""


def test_til_reads_ordinal_headings_as_markdown_does(cli, tmp_path):
    page = tmp_path / "til.md"
    page.write_text(ORDINAL_TIL, encoding="utf-8")
    report = cli("import", "til", str(page), "--json", "--no-link", ok=True).json()
    assert report["added"] == 3 and report["problems"] == []
    log = cli("log", "--json", ok=True).json()[::-1]
    assert [(e["date"], e["period"]) for e in log] == [
        ("2020-01-19", None),
        ("2020-01-20", None),
        ("2020-02-04", {"start": "2020-02-02", "end": "2020-02-04"}),
    ]
    assert log[0]["notes"] == [{"text": "one folder per branch", "depth": 0}]
    md = markdown.parse(ORDINAL_TIL, None, TODAY)
    assert sorted({e.day for e in md.entries}) == [D(2020, 1, 19), D(2020, 1, 20), D(2020, 2, 4)]


# -- (4) a Logseq journals folder -------------------------------------------------------------------


def test_logseq_journals_folder_imports(cli, tmp_path):
    journals = tmp_path / "journals"
    journals.mkdir()
    (journals / "2022_12_24.md").write_text("- Read the Rust book, chapter 4\n\t- ownership\n", encoding="utf-8")
    (journals / "2022_12_25.md").write_text("- Solved two exercises\n- Watched a talk on lifetimes\n", encoding="utf-8")
    report = cli("import", "daily-notes", str(journals), "--json", "--no-link", ok=True).json()
    assert (report["added"], report["days"]) == (3, 2)
    log = cli("log", "--json", ok=True).json()[::-1]
    assert [(e["date"], e["text"]) for e in log] == [
        ("2022-12-24", "Read the Rust book, chapter 4"),
        ("2022-12-25", "Solved two exercises"),
        ("2022-12-25", "Watched a talk on lifetimes"),
    ]
    assert log[0]["notes"] == [{"text": "ownership", "depth": 0}]


def test_logseq_file_alone_imports(cli, tmp_path):
    page = tmp_path / "2022_12_24.md"
    page.write_text("- Read the Rust book\n", encoding="utf-8")
    cli("import", "daily-notes", str(page), "--no-link", ok=True)
    assert [e["date"] for e in cli("log", "--json", ok=True).json()] == ["2022-12-24"]


def test_day_from_name():
    assert daily_notes.day_from_name("2024-04-18.md") == D(2024, 4, 18)
    assert daily_notes.day_from_name("2022_12_24.md") == D(2022, 12, 24)
    assert daily_notes.day_from_name("2023-02-30.md") is None
    assert daily_notes.day_from_name("notes.md") is None


# -- (5) multi-day headings end to end ---------------------------------------------------------------

MULTI_DAY = """\
# 100 days of code

## Day 12,13 : Mar 3 , Mar 4, 2019
- Learned flexbox
- Built a navbar

## Day 7,8,9 : Apr 7,8,9 , 2020
Read about closures.

## Day 20,21,22 : Jun 1,Jun 2,Jun 3 ,Jun 4 2020
- Finished the testing course
"""


def test_multi_day_headings_become_periods(cli, tmp_path):
    log_file = tmp_path / "log.md"
    log_file.write_text(MULTI_DAY, encoding="utf-8")
    report = cli("import", "markdown", str(log_file), "--json", "--no-link", ok=True).json()
    assert report["added"] == 4
    log = cli("log", "--json", ok=True).json()[::-1]
    assert [(e["text"], e["date"], e["period"]) for e in log] == [
        ("Learned flexbox", "2019-03-04", {"start": "2019-03-03", "end": "2019-03-04"}),
        ("Built a navbar", "2019-03-04", {"start": "2019-03-03", "end": "2019-03-04"}),
        ("Read about closures.", "2020-04-09", {"start": "2020-04-07", "end": "2020-04-09"}),
        ("Finished the testing course", "2020-06-04", {"start": "2020-06-01", "end": "2020-06-04"}),
    ]


# -- (6) month headings with day-only sub-headings ----------------------------------------------------

MONTH_PAGE = """\
# January 2020

## 19th
1. Learned about git worktrees

## 20
1. Read the asyncio docs

# 2021

## March 3rd
1. Wrote a parser
"""


def test_month_headings_give_day_headings_their_month_in_til_and_markdown():
    want = [D(2020, 1, 19), D(2020, 1, 20), D(2021, 3, 3)]
    page = til.parse(MONTH_PAGE)
    assert [e.day for e in page.entries] == want and page.problems == []
    assert [e.day for e in markdown.parse(MONTH_PAGE, None, TODAY).entries] == want


def test_til_day_heading_without_a_month_is_not_a_date():
    page = til.parse("# Notes\n## 19th\n1. lost\n")
    assert page.entries == [] and "no date" in page.problems[0].message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2022_12_24.md", D(2022, 12, 24)),
        ("2024-04-18.md", D(2024, 4, 18)),
        ("April 18th, 2024.md", D(2024, 4, 18)),
        ("2024-04-18 notes.md", D(2024, 4, 18)),
    ],
)
def test_markdown_reads_the_date_in_a_file_name(name, expected):
    found = markdown.parse("- learned a thing\n", name, TODAY)
    assert [e.day for e in found.entries] == [expected]


def test_markdown_month_file_name_gives_day_headings_their_month():
    found = markdown.parse("## 5\n- learned a thing\n", "2024_01.md", TODAY)
    assert [e.day for e in found.entries] == [D(2024, 1, 5)]


# -- (7) dates learners mark up, month names alone, dates that end a line (issue 12) ----------------


def test_an_html_ordinal_day_reads_under_a_month_heading():
    page = "# July 2018\n\n## 22<sup>nd</sup>\n1. Linear regression\n\n## 23<sup>rd</sup>:\n1. Vectorization\n"
    want = [D(2018, 7, 22), D(2018, 7, 23)]
    assert [e.day for e in til.parse(page).entries] == want
    assert [e.day for e in markdown.parse(page, None, TODAY).entries] == want


def test_a_month_name_alone_is_a_month_without_its_year():
    hit = find_date("July")
    assert hit is not None and hit.kind == "month" and (hit.start.year, hit.start.month) == (None, 7)
    colon = find_date("May:")
    assert colon is not None and colon.kind == "month"
    for text in ("May the force be with you", "March madness notes", "Julyfest"):
        assert find_date(text) is None, text
    assert find_date("July", partial=False) is None  # list items need a full date


def test_a_yearless_month_heading_with_no_year_around_it_is_not_a_til_context():
    page = til.parse("# July\n## 5\n1. lost\n")
    assert page.entries == []
    dated = til.parse("# 2018\n## July\n### 5\n1. found\n")
    assert [e.day for e in dated.entries] == [D(2018, 7, 5)]


@pytest.mark.parametrize(
    ("text", "date_", "before"),
    [
        (
            "[Escaping a string in bash](https://x.io/bash.md) - 2020-10-01",
            D(2020, 10, 1),
            "[Escaping a string in bash]",
        ),
        ("[An Introduction to C](https://x.io/c.md) (2021-10-05)", D(2021, 10, 5), "[An Introduction to C]"),
        ("[Automation](a.md) - Tue May 12 21:58:14 2020 -0400", D(2020, 5, 12), "[Automation](a.md)"),
        ("Worktrees, Jun 1, 2021", D(2021, 6, 1), "Worktrees"),
        ("Worktrees — 2021-06-01", D(2021, 6, 1), "Worktrees"),
        ("Worktrees—2021-06-01", D(2021, 6, 1), "Worktrees"),
        ("Worktrees [2021-06-01]", D(2021, 6, 1), "Worktrees"),
        ("Sprint - 2021-06-01 - 2021-06-07", D(2021, 6, 1), "Sprint"),
    ],
)
def test_a_date_that_ends_a_line(text, date_, before):
    hit = end_date(text)
    assert hit is not None
    assert (hit.start.year, hit.start.month, hit.start.day) == (date_.year, date_.month, date_.day)
    assert hit.rest.startswith(before)
    assert not hit.rest.endswith((" ", "-", ","))


def test_a_range_that_ends_a_line_keeps_both_ends():
    hit = end_date("Sprint - 2021-06-01 - 2021-06-07")
    assert hit is not None and hit.end is not None and hit.end.day == 7 and hit.rest == "Sprint"


@pytest.mark.parametrize(
    "text",
    [
        "read chapter 3 of 2020-10-01 notes",  # the date is not at the end
        "read chapter 3 of 2020-10-01",  # not set off from the text
        "Chapter 3, 2019",  # a year is not a day
        "Score: 3 - 5",
        "Meeting at 10:30",
        "2020-10-01",  # only a date: no text (a line starting with a date is read by find_date)
        " - 2020-10-01",
        "Notes (2020)",
        "Python 3.12",
        "no digits here at all",
    ],
)
def test_what_does_not_end_with_a_date(text):
    assert end_date(text) is None
