"""Issue 12: dates the markdown scanner missed -- ordinals marked up in HTML, month headings whose
year is elsewhere on the page (periods over the month), and index lines dated at their end."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import REPO
from studylog.importers import markdown, til
from studylog.importers.detect import detect

D = date
TODAY = date(2026, 12, 1)
REAL = REPO / "tests" / "fixtures" / "real-logs"
KOREAN = REPO / "tests" / "fixtures" / "shared" / "formats" / "other-real-logs" / "til-monthly-korean-dreamingjudith.md"


def parse(text: str, today: date = TODAY, name: str | None = None):
    return markdown.parse(text, name, today)


# -- ordinals in HTML, in bold, in parentheses after "Day N" ------------------------------------------

HUNDRED_DAYS = """\
# 100DaysOfMLCode

## Day 0 (**22<sup>nd</sup> July 2018**):
---
### Progress
+   Collected study material
+   Set up the environment

### Thoughts
Really excited.

## Day 1 (**23<sup>rd</sup> July 2018**):
---
### Progress
+   Learnt about linear regression
"""


def test_ordinal_sup_headings_in_markdown():
    found = parse(HUNDRED_DAYS)
    assert [(e.day, e.text) for e in found.entries] == [
        (D(2018, 7, 22), "Collected study material"),
        (D(2018, 7, 22), "Set up the environment"),
        (D(2018, 7, 22), "Really excited."),
        (D(2018, 7, 23), "Learnt about linear regression"),
    ]
    assert found.problems == []


def test_import_til_reads_ordinal_sup_headings(cli, tmp_path):
    page = tmp_path / "til.md"
    page.write_text(
        "## Day 0 (**22<sup>nd</sup> July 2018**):\n1. Linear regression\n\n"
        "## 23<sup>rd</sup> July 2018\n1. Vectorization\n",
        encoding="utf-8",
    )
    report = cli("import", "til", str(page), "--json", "--no-link", ok=True).json()
    assert report["added"] == 2
    log = cli("log", "--json", ok=True).json()[::-1]
    assert [(e["date"], e["text"]) for e in log] == [
        ("2018-07-22", "Linear regression"),
        ("2018-07-23", "Vectorization"),
    ]


def test_real_100_days_log_with_ordinal_sup_dates():
    text = (REAL / "100days-ordinal-sup-tanaytoshniwal.md").read_text(encoding="utf-8")
    found = parse(text)
    days = sorted({e.day for e in found.entries})
    assert (len(days), days[0], days[-1]) == (25, D(2018, 7, 22), D(2018, 12, 1))
    assert D(2018, 8, 12) in days and D(2018, 10, 4) in days  # the day counter skips; the dates do not
    # Day 77 (2 December) is only a heading and an empty "### Progress": reported, not imported
    assert [p.message for p in found.problems] == ["nothing is written under this date; not imported"]
    til_days = {e.day for e in til.parse(text).entries}
    assert set(days) <= til_days


# -- month headings ---------------------------------------------------------------------------------

PELICAN = """\
Title: Learning Progress 2021
Slug: learning-progress-2021

> Learning is an eternal path.

## March

-   University of London
    -   **Databases**
-   Articles:
    -   [FastAPI tutorial](https://fastapi.tiangolo.com/tutorial/).

## February

-   Books:
    -   Cracking the Coding Interview
"""


def test_month_headings_with_entries_are_periods_over_the_month():
    found = parse(PELICAN)
    assert [(e.text, e.day, e.period) for e in found.entries] == [
        ("University of London", D(2021, 3, 31), (D(2021, 3, 1), D(2021, 3, 31))),
        ("Articles:", D(2021, 3, 31), (D(2021, 3, 1), D(2021, 3, 31))),
        ("Books:", D(2021, 2, 28), (D(2021, 2, 1), D(2021, 2, 28))),
    ]
    assert [n.text for n in found.entries[0].notes] == ["**Databases**"]
    assert found.problems == []


def test_month_heading_takes_the_year_of_a_year_heading():
    found = parse("# 2020\n\n## February\n- Read SICP\n\n# 2021\n\n## January\n- Wrote a parser\n")
    assert [(e.day, e.period) for e in found.entries] == [
        (D(2020, 2, 29), (D(2020, 2, 1), D(2020, 2, 29))),
        (D(2021, 1, 31), (D(2021, 1, 1), D(2021, 1, 31))),
    ]


def test_month_heading_with_its_own_year_is_a_period_too():
    found = parse("## March 2021\n- Read SICP\n")
    assert [(e.day, e.period) for e in found.entries] == [(D(2021, 3, 31), (D(2021, 3, 1), D(2021, 3, 31)))]


def test_month_heading_without_any_year_is_not_a_date():
    found = parse("# Notes\n\n## July\n- Read SICP\n")
    assert found.entries == []


def test_the_current_month_ends_today_and_says_so():
    found = parse(PELICAN, today=D(2021, 3, 14))
    assert {(e.day, e.period) for e in found.entries if e.day.month == 3} == {
        (D(2021, 3, 14), (D(2021, 3, 1), D(2021, 3, 14)))
    }
    doubts = [p for p in found.problems if p.level == "doubtful"]
    assert len(doubts) == 1 and doubts[0].line == 6 and "March 2021 is not over yet" in doubts[0].message


def test_a_month_that_has_not_begun_is_skipped():
    found = parse(PELICAN, today=D(2021, 2, 20))
    assert [e.period for e in found.entries] == [(D(2021, 2, 1), D(2021, 2, 20))]
    assert any(p.line == 6 and "March 2021 is after today" in p.message for p in found.problems)


def test_month_heading_followed_by_day_headings_stays_their_context():
    found = parse("# July 2021\n\n## 5\n- Read SICP\n\n## 6th\n- Wrote a parser\n\n## July 8\n- Tests\n")
    assert [(e.day, e.period) for e in found.entries] == [
        (D(2021, 7, 5), None),
        (D(2021, 7, 6), None),
        (D(2021, 7, 8), None),
    ]
    assert found.problems == []


def test_text_under_a_month_before_its_first_day_is_reported():
    found = parse("## July 2021\n\nAn intro to the month.\n\n### 5\n- Read SICP\n")
    assert [(e.day, e.text) for e in found.entries] == [(D(2021, 7, 5), "Read SICP")]
    assert [(p.line, p.level) for p in found.problems] == [(3, "skipped")]
    assert "before its first dated day" in found.problems[0].message


def test_month_heading_over_dated_lines_keeps_their_dates():
    found = parse("## July 2021\n\n- 2021-07-05 Read SICP\n- 2021-07-06 Wrote a parser\n")
    assert [(e.day, e.period, e.text) for e in found.entries] == [
        (D(2021, 7, 5), None, "Read SICP"),
        (D(2021, 7, 6), None, "Wrote a parser"),
    ]


def test_korean_month_heading_over_day_headings_imports_as_before():
    found = parse(KOREAN.read_text(encoding="utf-8"), name=KOREAN.name)
    assert sorted({e.day for e in found.entries}) == [
        D(2024, 1, 10),
        D(2024, 1, 11),
        D(2024, 1, 16),
        D(2024, 1, 17),
        D(2024, 1, 24),
    ]
    assert all(e.period is None for e in found.entries)


def test_real_pelican_page_imports_month_periods(cli):
    path = REAL / "monthly-progress-pelican-sglavoie.md"
    expected = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))[path.name]
    assert expected["periods"] == "month"
    found = parse(path.read_text(encoding="utf-8"))
    periods = sorted({e.period for e in found.entries if e.period})
    assert len(periods) == 7 and all(e.period is not None for e in found.entries)
    assert periods[0] == (D(2021, 1, 1), D(2021, 1, 31)) and periods[-1] == (D(2021, 7, 1), D(2021, 7, 31))
    assert all(e.day == e.period[1] for e in found.entries if e.period)
    # as committed (2021-07-14), July was not over
    then = parse(path.read_text(encoding="utf-8"), today=D(2021, 7, 14))
    assert max(e.day for e in then.entries) == D(2021, 7, 14)


# -- dated index lines (issue 12, shape 8) ------------------------------------------------------------

INDEX = """\
# TIL

_3 TILs and counting..._

## bash

- [Escaping a string in bash](https://example.org/bash/escaping.md) - 2020-10-01
- [Reading a file line by line](bash/read.md) (2020-10-01)
- read chapter 3 of 2020-10-01 notes
- Chapter 3, 2019

## git

* [Worktrees](git/worktrees.md), Jun 1, 2021
  - one folder per branch
* [Fuzzy finder](git/fuzzy.md) - Tue May 12 21:58:14 2020 -0400
* [Undated](git/undated.md)
"""


def test_index_lines_dated_at_their_end_are_entries():
    found = parse(INDEX)
    assert [(e.day, e.text, [n.text for n in e.notes]) for e in found.entries] == [
        (D(2020, 10, 1), "[Escaping a string in bash](https://example.org/bash/escaping.md)", []),
        (D(2020, 10, 1), "Reading a file line by line", []),
        (D(2021, 6, 1), "Worktrees", ["one folder per branch"]),
        (D(2020, 5, 12), "Fuzzy finder", []),
    ]
    assert found.problems == []


def test_an_index_line_inside_a_dated_section_stays_its_line():
    found = parse("## 2021-03-04\n\n- [Worktrees](git/worktrees.md) - 2020-10-01\n")
    assert [(e.day, e.text) for e in found.entries] == [(D(2021, 3, 4), "[Worktrees](git/worktrees.md) - 2020-10-01")]


def test_dates_of_an_index_grouped_by_topic_are_not_corrected_by_their_neighbours():
    # B's 2023 sits between two dates of 2021: in a log in date order it would be read as a typo
    text = (
        "## a\n- A (2021-01-10)\n## b\n- B (2023-01-12)\n- C (2021-02-01)\n## c\n- D (2021-03-01)\n- E (2020-05-01)\n"
    )
    found = parse(text)
    assert [e.day for e in found.entries] == [
        D(2021, 1, 10),
        D(2023, 1, 12),
        D(2021, 2, 1),
        D(2021, 3, 1),
        D(2020, 5, 1),
    ]
    assert found.problems == []


def test_a_year_out_of_line_in_a_log_in_date_order_is_still_corrected():
    text = "- 2021-01-10 A\n- 2021-01-12 B\n- 2012-01-14 C\n- 2021-01-16 D\n- 2021-01-18 E\n"
    found = parse(text)
    assert [e.day for e in found.entries][2] == D(2021, 1, 14)
    assert [p.level for p in found.problems] == ["doubtful"]


def test_detect_counts_index_lines_as_dated_lines():
    assert detect("README.md", INDEX) == ("markdown", "4 dated lines")


def test_import_path_recognises_an_index(cli, tmp_path):
    path = tmp_path / "README.md"
    path.write_text(INDEX, encoding="utf-8")
    report = cli("import", str(path), "--json", "--no-link", ok=True).json()
    assert report["format"] == "markdown" and "dated lines" in report["detected_because"]
    assert report["added"] == 4


@pytest.mark.parametrize(
    ("name", "texts"),
    [
        (
            "til-index-git-dates-holoc.md",
            [
                "Automation On Android",
                "GitHub Fuzzy File Finder",
                "How to Begin Thinking Like a Programmer by Andy Harris",
            ],
        ),
        (  # links to the pages on the web are kept: the TIL export and `log` show them
            "til-index-topic-dates-fosdickio.md",
            [
                "[An Introduction to C](https://github.com/fosdickio/til/blob/main/c/01-getting-started-with-c.md)",
                "[Compiler Notes](https://github.com/fosdickio/til/blob/main/compilers/compiler-notes.md)",
            ],
        ),
    ],
)
def test_real_indexes_import_their_titles(name, texts):
    found = parse((REAL / name).read_text(encoding="utf-8"))
    assert [e.text for e in found.entries[: len(texts)]] == texts
    assert found.problems == []


def test_fosdickio_index_keeps_every_date_as_written():
    text = (REAL / "til-index-topic-dates-fosdickio.md").read_text(encoding="utf-8")
    found = parse(text)
    written = [line.rsplit("(", 1)[1].rstrip(")\n ") for line in text.splitlines() if line.startswith("- [")]
    assert [e.day.isoformat() for e in found.entries] == written
    assert len(found.entries) == 64 and len({e.day for e in found.entries}) == 43


def test_a_link_that_opens_a_dated_line_keeps_its_bracket():
    found = parse("# Log\n\n- 2020-10-01 [Escaping a string](https://ex.com/a)\n- 2020-10-02 `git worktree` tricks\n")
    assert [e.text for e in found.entries] == ["[Escaping a string](https://ex.com/a)", "`git worktree` tricks"]


def test_a_rule_that_opens_a_section_does_not_move_its_text_to_the_next_day():
    text = (
        "# TIL\n\n## 2023-07-16\n\n---\n\nAround 2 hours to finish [x](https://e.com)\n\n## 2023-07-17\n\nsomething\n"
    )
    found = parse(text)
    assert [(e.day, e.text, e.hours) for e in found.entries] == [
        (D(2023, 7, 16), "Around 2 hours to finish [x](https://e.com)", 2.0),
        (D(2023, 7, 17), "something", None),
    ]
    assert found.problems == []
