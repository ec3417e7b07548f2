"""The metadata block at the top of a page (importers.frontmatter)."""

from __future__ import annotations

from datetime import date

from studylog.importers import frontmatter


def test_yaml_front_matter_gives_the_page_date_from_a_timestamp():
    fm = frontmatter.read(["---", "title: git alias", "date: 2022-08-20T20:53:16-07:00", "---", "body"])
    assert fm.style == "yaml" and fm.end == 4
    assert fm.date() == date(2022, 8, 20)
    assert fm.title() == "git alias"


def test_yaml_dates_and_quoted_dates_both_read():
    assert frontmatter.read(["---", "date: 2025-02-13", "---"]).date() == date(2025, 2, 13)
    assert frontmatter.read(["---", "pubDate: 'May 9, 2024'", "---"]).date() == date(2024, 5, 9)


def test_pelican_header_gives_the_year_from_its_title():
    lines = ["Title: Learning Progress 2021", "Slug: learning-progress-2021", "", "## July"]
    fm = frontmatter.read(lines)
    assert fm.style == "pelican" and fm.end == 2
    assert fm.date() is None and fm.year() == 2021


def test_labels_that_are_not_a_header_are_not_front_matter():
    assert frontmatter.read(["Goals:", "- read"]).end == 0
    assert frontmatter.read(["Done: the backprop video", "", "x"]).end == 0
    assert frontmatter.read(["# 2024-01-05", "Title: x"]).end == 0


def test_broken_front_matter_is_reported_not_raised():
    fm = frontmatter.read(["---", "title: [unclosed", "---"])
    assert fm.end == 3 and fm.fields == {} and "not valid YAML" in fm.problems[0].message
    assert "no closing" in frontmatter.read(["---", "title: x"]).problems[0].message


def test_a_markdown_page_takes_its_date_from_front_matter_and_its_lines_are_not_entries():
    from studylog.importers import markdown

    text = "---\ntitle: git alias\ndate: 2022-08-20T20:53:16-07:00\ntags: [git]\n---\n\n- set up git aliases\n"
    result = markdown.parse(text, "git alias.md", date(2026, 12, 1))
    assert [(e.day, e.text) for e in result.entries] == [(date(2022, 8, 20), "set up git aliases")]


def test_a_pelican_header_gives_the_year_to_dates_written_without_one():
    from studylog.importers import markdown

    text = "Title: Learning Progress 2021\nSlug: x\n\n## June 27\n\n- read the paper\n"
    result = markdown.parse(text, "progress.md", date(2026, 12, 1))
    assert [(e.day, e.text) for e in result.entries] == [(date(2021, 6, 27), "read the paper")]
    assert not [p for p in result.problems if p.level == "doubtful"]
