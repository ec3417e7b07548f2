"""Where the lines of a dated markdown log belong (issue 12): template placeholders and breaks that
are not study, vague durations that are not hours, dated headings inside dated sections (shape 2),
a context line after a rule (shape 6) and titled items under a day (shape 7). Made-up examples in
the real shapes, and the real fixture where one exists."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import REPO
from studylog.importers.hours_text import read_hours
from studylog.importers.markdown import parse
from studylog.importers.mdbody import tags

TODAY = date(2024, 4, 18)
REAL = REPO / "tests" / "fixtures" / "real-logs"


def read(text: str, name: str | None = None):
    return parse(text, name, TODAY)


def entries(result) -> list[tuple[str, str]]:
    return [(e.day.isoformat(), e.text) for e in result.entries]


def messages(result) -> list[tuple[int, str, str]]:
    return [(p.line, p.level, p.message) for p in result.problems]


# --- template placeholders, breaks, vague durations -----------------------------------------------


@pytest.mark.parametrize(
    "placeholder",
    [
        "->write your learnings here<-",
        "<!-- what did you learn today? -->",
        "<!--\nwhat did you learn today?\n-->",
        "TODO: fill in",
        "...",
        "…",
        "-",
        "(empty)",
        "TBD",
    ],
)
def test_a_section_with_only_a_template_placeholder_stores_nothing_and_says_so(placeholder):
    text = f"# 2024-01-05\n- Read about closures\n\n# 2024-01-06\n{placeholder}\n\n# 2024-01-07\n- Wrote a parser\n"
    result = read(text)
    assert entries(result) == [("2024-01-05", "Read about closures"), ("2024-01-07", "Wrote a parser")]
    assert (4, "skipped", "nothing is written under this date; not imported") in messages(result)


def test_a_placeholder_beside_real_lines_is_dropped_and_the_lines_kept():
    result = read("# 2024-01-06\n<!-- template: list what you learned -->\n- Learned about generics\n")
    assert entries(result) == [("2024-01-06", "Learned about generics")]
    assert result.entries[0].notes == []


def test_a_long_template_comment_is_dropped_too():
    comment = "<!--\n" + "Write what you learned today, one bullet per thing, with links.\n" * 3 + "-->"
    result = read(f"# 2024-01-06\n{comment}\n\n# 2024-01-07\n- Wrote a parser\n")
    assert entries(result) == [("2024-01-07", "Wrote a parser")]
    assert (1, "skipped", "nothing is written under this date; not imported") in messages(result)


def test_a_placeholder_like_line_inside_real_text_is_text():
    result = read("# 2024-01-06\nRead -> then wrote <- notes about arrows\n")
    assert entries(result) == [("2024-01-06", "Read -> then wrote <- notes about arrows")]


@pytest.mark.parametrize(
    "said", ["pause", "Break", "holidays", "on vacation", "sick", "sick day", "off", "Took a break.", "on holiday"]
)
def test_a_section_or_range_that_says_it_was_a_break_is_not_study(said):
    result = read(f"# 2024-01-05\n- Read a chapter\n\n# 2024-01-06 - 2024-02-20\n{said}\n\n# 2024-02-21\n- Back\n")
    assert entries(result) == [("2024-01-05", "Read a chapter"), ("2024-02-21", "Back")]
    assert any(line == 5 and level == "skipped" and "not imported" in msg for line, level, msg in messages(result))


def test_a_break_in_the_heading_itself_is_not_study_but_break_in_a_sentence_is():
    result = read("# 2024-01-06 vacation\n\n# 2024-01-07\n- Learned how to break out of nested loops\n")
    assert entries(result) == [("2024-01-07", "Learned how to break out of nested loops")]


@pytest.mark.parametrize(
    "text",
    [
        "Logo making is always fun (as long as it takes less then 5 minutes to make)",
        "Fixed it in less than 2 hours",
        "under an hour of reading",
        "it should take within 30 minutes",
        "spent <1h on it",
    ],
)
def test_a_bound_is_not_hours_and_is_reported(text):
    reading = read_hours(text)
    assert reading.hours is None
    assert reading.problem is not None and "bound" in reading.problem


@pytest.mark.parametrize("text", ["a few minutes on regex", "spent some time on SQL", "a couple of hours of Go"])
def test_a_vague_amount_is_not_hours(text):
    assert read_hours(text).hours is None


def test_an_amount_next_to_a_bound_elsewhere_still_counts():
    assert read_hours("2 hours on Rust; the build takes less than a second").hours == 2.0
    assert read_hours("about 2 hours").hours == 2.0


def test_michelml_real_log_templates_pause_and_bound(cli):
    path = REAL / "h1-iso-dated-bullets-michelml.md"
    result = parse(path.read_text(encoding="utf-8"), path.name, TODAY)
    days = sorted({e.day for e in result.entries})
    assert len(days) == 93 and days[0] == date(2021, 5, 5) and days[-1] == date(2021, 8, 8)
    assert len(result.entries) == 185
    assert not any(e.hours for e in result.entries)
    found = messages(result)
    assert sum(msg.startswith("nothing is written under this date") for _, _, msg in found) == 48
    assert (420, "skipped", "'pause': nothing was done; not imported") in found
    assert any(line == 146 and level == "doubtful" and "bound" in msg for line, level, msg in found)
    run = cli("import", "markdown", str(path))
    assert run.exit_code == 0, run.stderr
    assert "Traceback" not in run.stderr


# --- shape 2: a dated heading inside a dated section -----------------------------------------------

WEEK = """# 03/07/2021 Week one
- Set up the project
## Notes from the 3/14/2021 call
- Agreed on the scope
- Wrote the test plan
## Exercises
- Did the chapter 2 exercises
# 03/21/2021 Week three
- Started the tests
"""


def test_a_date_later_in_a_sub_heading_gives_its_lines_their_own_day():
    assert entries(read(WEEK)) == [
        ("2021-03-07", "Set up the project"),
        ("2021-03-14", "Agreed on the scope"),
        ("2021-03-14", "Wrote the test plan"),
        ("2021-03-07", "Did the chapter 2 exercises"),  # a sibling of the call's notes: the week's again
        ("2021-03-21", "Started the tests"),
    ]


def test_a_dated_sub_heading_at_its_start_also_ends_at_a_sibling():
    text = "# 2021-03-07\n- a\n## 2021-03-08\n- b\n### detail\n- c\n## More for the week\n- d\n"
    assert entries(read(text)) == [
        ("2021-03-07", "a"),
        ("2021-03-08", "b"),
        ("2021-03-08", "c"),  # deeper than the nested dated heading: still its lines
        ("2021-03-07", "d"),
    ]


def test_nested_twice_each_sibling_goes_back_to_its_own_parent():
    text = (
        "# 2021-03-01\n## Call on 2021-03-02\n### Follow-up 2021-03-03\n- x\n### Open questions\n- y\n## Wrap-up\n- z\n"
    )
    assert entries(read(text)) == [("2021-03-03", "x"), ("2021-03-02", "y"), ("2021-03-01", "z")]


@pytest.mark.parametrize(
    "title",
    [
        "Read more (see 2019-01-02 post)",
        "Follow-up on [the 3/1/2021 notes](https://example.com/2021/03/01)",
        "Changes since 2021-03-01",
        "Back to [[2021-03-01]]",
        "Fix for `2021-03-01` parsing",
        "Review of the 2021-03-01 notes",
    ],
)
def test_a_date_that_is_a_reference_is_not_the_sub_headings_date(title):
    result = read(f"# 2021-03-07\n- a\n## {title}\n- b\n")
    assert entries(result) == [("2021-03-07", "a"), ("2021-03-07", "b")]


def test_an_empty_rest_of_a_section_is_not_reported_as_an_empty_day():
    text = "# 2021-03-07\n- a\n## Call 2021-03-08\n- b\n## Links\n\n# 2021-03-09\n- c\n"
    result = read(text)
    assert entries(result) == [("2021-03-07", "a"), ("2021-03-08", "b"), ("2021-03-09", "c")]
    assert not [p for p in result.problems if "nothing is written" in p.message]


def test_a_dated_sub_heading_with_nothing_under_it_keeps_its_title_and_hours():
    result = read("# 2021-03-07\n- a\n## Notes from the 3/8/2021 call (1h)\n# 2021-03-09\n- c\n")
    assert entries(result) == [
        ("2021-03-07", "a"),
        ("2021-03-08", "Notes from the 3/8/2021 call (1h)"),
        ("2021-03-09", "c"),
    ]
    assert result.entries[1].hours == 1.0
    assert result.entries[0].hours is None


def test_a_date_inside_a_sub_heading_of_a_dated_file_is_not_its_date():
    result = read("# Standup\n- a\n## Notes from the 2024-01-03 call\n- b\n", "2024-01-05.md")
    assert entries(result) == [("2024-01-05", "a"), ("2024-01-05", "b")]


def test_nested_dates_through_the_cli(cli, tmp_path):
    path = tmp_path / "weeks.md"
    path.write_text(WEEK, encoding="utf-8")
    run = cli("import", "markdown", str(path))
    assert run.exit_code == 0, run.stderr
    stored = cli("log", "--json", "--limit", "0", ok=True).json()
    assert sorted((e["date"], e["text"]) for e in stored) == sorted(entries(read(WEEK)))


def test_a_dated_heading_that_only_holds_dated_headings_is_their_title_not_an_entry():
    text = "# 2021-03-07 Week one\n## Call on 2021-03-08\n- b\n# 2021-03-14 Week two (3h)\n## Call on 2021-03-15\n- c\n"
    result = read(text)
    assert entries(result) == [("2021-03-08", "b"), ("2021-03-14", "Week two (3h)"), ("2021-03-15", "c")]
    assert [e.hours for e in result.entries] == [None, 3.0, None]  # hours in the heading are kept
    assert not [p for p in result.problems if "nothing is written" in p.message]


# --- shape 1: headings that list several days -------------------------------------------------------
# The forms seen in real 100-days logs (tests/fixtures/real-logs/SOURCES.md, "looked at and not
# taken"): "Days" as well as "Day", "and" between the day numbers, and a range of day numbers.

SEVERAL_DAYS = """# 100 Days Of Code - Log

### Day 12 & 13: February 10-11, 2023
- Pulled an all-nighter on the bootcamp

### Days 7, 8 and 9: April 4, 5, 6, 2021
- Read the docs

### Day 28-29: February 28 - March 1 2023
- Finished week four

### Days 30 & 31: March 3, 2023
- One date for two day numbers

### Days 40 & 41
- No date at all
"""


def test_headings_that_list_several_days_become_periods_over_them():
    result = read(SEVERAL_DAYS)
    got = [
        (e.text, e.day.isoformat(), e.period and (e.period[0].isoformat(), e.period[1].isoformat()))
        for e in result.entries
    ]
    assert got == [
        ("Pulled an all-nighter on the bootcamp", "2023-02-11", ("2023-02-10", "2023-02-11")),
        ("Read the docs", "2021-04-06", ("2021-04-04", "2021-04-06")),
        ("Finished week four", "2023-03-01", ("2023-02-28", "2023-03-01")),
        ("One date for two day numbers", "2023-03-03", None),
    ]
    assert [(p.line, p.level) for p in result.problems if "Days 40 & 41" in p.message] == [(15, "skipped")]


def test_days_written_with_slashes_and_a_weekday_per_day():
    """``Sat/Sun, January 6/7, 2018`` and ``Monday & Tuesday, 20th August, 2019``: one weekday per
    listed day is not a weekday to check the date against. Two weekdays before one date name two
    days: August 20, 2019 is the Tuesday, so the Monday is the 19th."""
    text = (
        "### Day 6 & 7: Sat/Sun, January 6/7, 2018\n- Payment form\n\n"
        "### Day 8 & 9: July 20 & 21, 2017\n- MongoDB\n\n"
        "### Day 5 & 6: Monday & Tuesday, 20th August, 2019\n- Twig includes\n"
    )
    result = read(text)
    got = [
        (e.text, e.day.isoformat(), e.period and (e.period[0].isoformat(), e.period[1].isoformat()))
        for e in result.entries
    ]
    assert got == [
        ("Payment form", "2018-01-07", ("2018-01-06", "2018-01-07")),
        ("MongoDB", "2017-07-21", ("2017-07-20", "2017-07-21")),
        ("Twig includes", "2019-08-20", ("2019-08-19", "2019-08-20")),
    ]
    assert not [p for p in result.problems if "is a" in p.message], result.problems


def test_listed_days_without_a_year_take_the_year_of_the_log():
    """``Day 11 & 12: November 19-20, Mon-Tue`` in a log that writes no years (a real 100-days log,
    SOURCES.md): a period over both days, in the year the weekdays and the neighbours give; a range
    over the new year ends in the next year."""
    text = (
        "### Day 10: November 18, Sunday\n- Fixed the memory leak\n\n"
        "### Day 11 & 12: November 19-20, Mon-Tue\n- Watched the HTTP lecture\n\n"
        "### Day 40-41: December 31 - January 1, Mon-Tue\n- JavaScript lecture\n"
    )
    result = read(text)
    got = [
        (e.text, e.day.isoformat(), e.period and (e.period[0].isoformat(), e.period[1].isoformat()))
        for e in result.entries
    ]
    assert got == [
        ("Fixed the memory leak", "2018-11-18", None),
        ("Watched the HTTP lecture", "2018-11-20", ("2018-11-19", "2018-11-20")),
        ("JavaScript lecture", "2019-01-01", ("2018-12-31", "2019-01-01")),
    ]
    assert [p.level for p in result.problems] == ["doubtful"] * 3  # no year written: each says so


def test_a_yearless_range_that_runs_backwards_is_skipped():
    result = read("## 2021\n\n### March 20-10\n- a\n")
    assert result.entries == []
    assert [p.level for p in result.problems if "not a range of days" in p.message] == ["skipped"]


def test_a_range_of_day_numbers_is_not_read_as_a_day_of_the_month():
    """``Day 28-29:`` once read "29" as the 29th of an unknown month and lost the real dates."""
    result = read("## Day 3 - 4 June 2019\n- a\n\n## Days 1-2: March 1-2, 2021\n- b\n")
    assert [(e.text, e.day.isoformat()) for e in result.entries] == [("a", "2019-06-04"), ("b", "2021-03-02")]


def periods(result) -> list[tuple[str, str, tuple[str, str] | None]]:
    return [
        (e.text, e.day.isoformat(), e.period and (e.period[0].isoformat(), e.period[1].isoformat()))
        for e in result.entries
    ]


def test_two_whole_dates_joined_by_and_are_a_period_over_both():
    """``Friday, April 2, 2021 and Saturday, April 3rd`` was read as April 2 alone: the second date
    (its year from the first) ends the period. ``through`` is a range like ``to``."""
    text = (
        "### Day 2 & 3: Saturday, January 7, 2017 and Sunday, January 8, 2017\n- Hackathon\n\n"
        "### Day 5 and 6: Friday, April 2, 2021 and Saturday, April 3rd\n- Only had 30 minutes\n\n"
        "### Days 7, 8 and 9: Sunday, April 4th through Tuesday, April 6th\n- Read the docs\n\n"
        "### Day 12: March 5 & 6\n- Two days, no year\n"
    )
    result = read(text)
    assert periods(result) == [
        ("Hackathon", "2017-01-08", ("2017-01-07", "2017-01-08")),
        ("Only had 30 minutes", "2021-04-03", ("2021-04-02", "2021-04-03")),
        ("Read the docs", "2021-04-06", ("2021-04-04", "2021-04-06")),
        ("Two days, no year", "2021-03-06", ("2021-03-05", "2021-03-06")),
    ]
    assert [e.hours for e in result.entries][1] == 0.5  # the half hour is of the period


def test_and_after_a_date_without_a_second_date_is_text():
    result = read("## June 1, 2021 and a long walk\n- a\n\n## 2021-06-03 & friends\n- b\n")
    assert periods(result) == [("a", "2021-06-01", None), ("b", "2021-06-03", None)]


def test_day_numbers_listed_with_a_comma_before_the_last_are_a_label():
    """``Day 10, 11, 12, & 13: January 13-16, 2017`` was skipped as a day of the log with no date."""
    result = read(
        "### Day 10, 11, 12, & 13: January 13-16, 2017\n- Cells\n\n### Day 14, and 15: Jan 17-18, 2017\n- Rows\n"
    )
    assert periods(result) == [
        ("Cells", "2017-01-16", ("2017-01-13", "2017-01-16")),
        ("Rows", "2017-01-18", ("2017-01-17", "2017-01-18")),
    ]
    assert not result.problems


@pytest.mark.parametrize(
    ("heading", "want"),
    [
        ("Monday & Tuesday, 20th August, 2019", ("2019-08-19", "2019-08-20")),  # the 20th is the Tuesday
        ("Tuesday and Wednesday, 20th August, 2019", ("2019-08-20", "2019-08-21")),  # ... the first day
        ("Sun/Mon, December 31, 2017", ("2017-12-31", "2018-01-01")),  # across the new year
        ("Sunday & Tuesday, 20th August, 2019", None),  # not two days in a row: the date alone
        ("Wednesday & Thursday, 20th August, 2019", None),  # the date is neither: the date alone
    ],
)
def test_two_weekdays_before_one_date_name_that_date_and_its_neighbour(heading, want):
    result = read(f"### Day 5 & 6: {heading}\n- Twig includes\n")
    assert periods(result) == [("Twig includes", want[1] if want else "2019-08-20", want)]


# --- shape 6: a context line after a rule -----------------------------------------------------------

CONTEXT = """## 2021-03-07
- Finished the SQL course

---
_The next few days are all about the testing course_

## 2021-03-08
- Unit tests
- Fixtures

## 2021-03-09
- Mocks
"""


def notes(result) -> list[list[str]]:
    return [[n.text for n in e.notes] for e in result.entries]


def test_a_line_after_a_rule_at_the_end_of_a_day_introduces_the_next_day():
    result = read(CONTEXT)
    assert entries(result) == [
        ("2021-03-07", "Finished the SQL course"),
        ("2021-03-08", "Unit tests"),
        ("2021-03-08", "Fixtures"),
        ("2021-03-09", "Mocks"),
    ]
    intro = "_The next few days are all about the testing course_"
    assert notes(result) == [[], [intro], [intro], []]


def test_a_carried_context_line_before_prose_is_still_context():
    result = read("## 2021-03-07\n- a\n\n---\nTesting week.\n\n## 2021-03-08\nWrote the first unit tests.\n")
    assert entries(result) == [("2021-03-07", "a"), ("2021-03-08", "Wrote the first unit tests.")]
    assert notes(result) == [[], ["Testing week."]]


def test_a_line_after_a_rule_inside_a_day_is_context_for_the_list_after_it():
    text = (
        "## 2021-03-09\nWrote mocks all day.\n\n---\n*Side project*\n- Set up CI\n  - GitHub Actions\n- Added a badge\n"
    )
    result = read(text)
    assert entries(result) == [
        ("2021-03-09", "Wrote mocks all day."),
        ("2021-03-09", "Set up CI"),
        ("2021-03-09", "Added a badge"),
    ]
    assert notes(result) == [[], ["*Side project*", "GitHub Actions"], ["*Side project*"]]


def test_context_ends_at_the_next_rule():
    text = "## 2021-03-09\n---\n_Course week_\n- a\n\n---\n- b\n"
    result = read(text)
    assert entries(result) == [("2021-03-09", "a"), ("2021-03-09", "b")]
    assert notes(result) == [["_Course week_"], []]


def test_prose_between_rules_stays_prose():
    text = "## 2021-03-09\nMorning: read.\n\n---\n\nAfternoon I wrote the parser.\n\nIt was hard.\n"
    result = read(text)
    assert entries(result) == [("2021-03-09", "Morning: read."), ("2021-03-09", "Afternoon I wrote the parser.")]
    assert notes(result) == [[], ["It was hard."]]


def test_paragraphs_after_a_rule_that_say_work_resumed_go_to_the_next_day():
    text = (
        "## 2021-04-22\nRefactored the API.\n\n---\n\n"
        "Back from a week of exams, I started on the client again.\n\n"
        "Switched it to a hash router.\n\nAdded the CRUD buttons.\n\n"
        "## 2021-04-25\nUpdated the login route.\n"
    )
    result = read(text)
    assert entries(result) == [
        ("2021-04-22", "Refactored the API."),
        ("2021-04-25", "Switched it to a hash router."),
        ("2021-04-25", "Updated the login route."),
    ]
    assert notes(result) == [
        [],
        ["Back from a week of exams, I started on the client again.", "Added the CRUD buttons."],
        [],
    ]


def test_paragraphs_after_a_rule_that_do_not_introduce_anything_keep_their_day():
    text = "## 2021-03-09\nMorning: read.\n\n---\n\nAfternoon I wrote the parser.\n\nIt was hard.\n\n## 2021-03-10\n- Tests\n"
    result = read(text)
    assert entries(result) == [
        ("2021-03-09", "Morning: read."),
        ("2021-03-09", "Afternoon I wrote the parser."),
        ("2021-03-10", "Tests"),
    ]


def test_a_list_after_a_rule_keeps_its_day_whatever_the_line_before_it_says():
    text = "## 2021-03-09\n- a\n\n---\n\nAfter a break I started again.\n\n- b\n\n## 2021-03-10\n- c\n"
    result = read(text)
    assert entries(result) == [("2021-03-09", "a"), ("2021-03-09", "b"), ("2021-03-10", "c")]
    assert notes(result) == [[], ["After a break I started again."], []]


def test_a_rule_and_line_before_an_undated_heading_are_not_carried():
    text = "## 2021-03-07\n- a\n\n---\n_Closing thought_\n\n## About me\nI like tests.\n"
    result = read(text)
    assert entries(result) == [("2021-03-07", "a"), ("2021-03-07", "_Closing thought_")]


# --- shape 7: titled items under a day ----------------------------------------------------------------

TITLED = """## 2024-01-05
### Git worktrees
_Tags: #git #tools_
One checkout per branch, no more stash dance.

### Rebase --onto
tags: git
Moves a branch onto another base.
- `git rebase --onto main old feature`

### Notes
Short day.
"""


def test_titled_items_under_a_day_are_entries_named_by_their_title():
    result = read(TITLED)
    assert entries(result) == [
        ("2024-01-05", "Git worktrees"),
        ("2024-01-05", "Rebase --onto"),
        ("2024-01-05", "Short day."),  # "Notes" names a part of the day, not an item
    ]
    assert notes(result) == [
        ["tags: git, tools", "One checkout per branch, no more stash dance."],
        ["tags: git", "Moves a branch onto another base.", "`git rebase --onto main old feature`"],
        [],
    ]
    assert [e.line for e in result.entries] == [2, 6, 12]


def test_a_titled_item_with_only_its_tags_is_still_an_entry():
    result = read("## 2024-01-05\n### Docker layers\n#docker #build\n")
    assert entries(result) == [("2024-01-05", "Docker layers")]
    assert notes(result) == [["tags: docker, build"]]


def test_a_sub_heading_over_a_list_still_groups_the_entries_under_it():
    result = read("## 2024-01-05\n### Rust\n- Lifetimes\n- Traits\n### Go\n- Channels\n")
    assert entries(result) == [("2024-01-05", "Lifetimes"), ("2024-01-05", "Traits"), ("2024-01-05", "Channels")]


def test_a_tag_word_inside_text_is_not_a_tag_line():
    result = read("## 2024-01-05\n### What I learned\nTags: are how HTML marks up text.\n")
    assert entries(result) == [("2024-01-05", "Tags: are how HTML marks up text.")]
    result = read("## 2024-01-05\n### HTML\nTags: are how HTML marks up text.\n")
    assert entries(result) == [("2024-01-05", "HTML")]  # prose under a title: a titled item
    assert notes(result) == [["Tags: are how HTML marks up text."]]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("_Tags: #git #tools_", ["git", "tools"]),
        ("**tags:** git, tools", ["git", "tools"]),
        ("tags:: machine learning, python", ["machine learning", "python"]),
        ("Tags: rust", ["rust"]),
        ("#git #tools", ["git", "tools"]),
        ("Tags: are how HTML marks up text.", None),
        ("Tags: #git and more", None),
        ("# not tags", None),
        ("tags:", None),
    ],
)
def test_tag_lines(line, want):
    assert tags(line) == want


def test_titled_items_through_the_cli(cli, tmp_path):
    path = tmp_path / "til.md"
    path.write_text(TITLED, encoding="utf-8")
    run = cli("import", "markdown", str(path))
    assert run.exit_code == 0, run.stderr
    stored = cli("log", "--json", "--limit", "0", ok=True).json()
    assert sorted(e["text"] for e in stored) == ["Git worktrees", "Rebase --onto", "Short day."]


@pytest.mark.parametrize(
    ("title", "titled"),
    [
        ("Notes", False),
        ("What I learned today", False),
        ("Today's focus:", False),
        ("Goals for the week", False),
        ("Notes on Rust lifetimes", True),
        ("Reading: Designing Data-Intensive Applications", True),
        ("Git worktrees", True),
    ],
)
def test_prose_under_a_title_is_a_titled_item_unless_the_title_names_a_part_of_the_day(title, titled):
    result = read(f"## 2024-01-05\n### {title}\nRead for an hour and took notes.\n")
    want = title if titled else "Read for an hour and took notes."
    assert entries(result) == [("2024-01-05", want)]
