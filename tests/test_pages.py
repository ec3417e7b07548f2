"""Folders of dated pages (issue 12, "One command"): TIL posts, Jekyll ``_posts/YYYY-MM-DD-slug.md``
and ``.mdx`` notes dated by their front matter, read by ``import markdown``, ``import til`` and
``import PATH`` with the same rule (importers.pages), and recognised by detection."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO
from studylog.importers import markdown, pages, til
from studylog.importers.detect import FOLDER_SAMPLE, detect, detect_folder, sample

TODAY = date(2026, 12, 1)
REAL = REPO / "tests" / "fixtures" / "real-logs"
EXPECTED = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
PAGE_FIXTURES = ["jekyll-posts-folder-ianlewis", "til-frontmatter-folder-leebyron", "weekly-folders-mdx-kunalkeshan"]


def _both(text: str, name: str) -> list[tuple]:
    """What markdown and til make of one page; they must agree (one rule, in importers.pages)."""
    by_markdown = markdown.parse(text, name, TODAY)
    by_til = til.parse(text, name)
    made = [[(e.day, e.text, [n.text for n in e.notes], e.hours) for e in r.entries] for r in (by_markdown, by_til)]
    assert made[0] == made[1]
    return made[0]


# --- what entries a dated page gives ------------------------------------------------------------


def test_a_titled_page_is_one_entry_with_its_lead_paragraph_and_outline():
    text = (
        "---\ntitle: vim time travel\ndate: 2022-01-26T22:35:11-08:00\ntags: [vim]\n---\n\n"
        "To undo and redo in Vim, use `u` and CTRL-R.\nIt has shortcomings:\n\n"
        "- easy to undo\n- hard to redo\n\n## Undo trees\n\nLike git branches.\n\n## Time travel\n\n`g-` and `g+`.\n"
    )
    assert _both(text, "vim time travel.md") == [
        (
            date(2022, 1, 26),
            "vim time travel",
            ["To undo and redo in Vim, use `u` and CTRL-R. It has shortcomings:", "Undo trees", "Time travel"],
            None,
        )
    ]


def test_the_front_matter_description_is_the_note_and_the_title_heading_is_not_repeated():
    text = (
        "---\ntitle: Video Transcription\ndescription: AWS and GCP speech-to-text.\ndate: 2024-05-09\n---\n\n"
        "# Video Transcription [^1]\n\nTurns out you don't need to reinvent the wheel.\n"
    )
    assert _both(text, "video-transcription.mdx") == [
        (date(2024, 5, 9), "Video Transcription", ["AWS and GCP speech-to-text."], None)
    ]


def test_without_a_title_the_first_heading_then_the_file_name_words_name_the_page():
    headed = "---\ndate: 2024-03-02\n---\n# Escaping a string in bash [^1]\n\nQuote everything.\n"
    assert _both(headed, "bash.md") == [(date(2024, 3, 2), "Escaping a string in bash", ["Quote everything."], None)]
    named = "Today I learned that Dependabot groups updates.\n\nMore text.\n"
    assert _both(named, "2025-02-17-dependabot-groups.md") == [
        (date(2025, 2, 17), "dependabot groups", ["Today I learned that Dependabot groups updates."], None)
    ]


def test_a_til_label_and_a_date_repeating_the_page_date_leave_the_title():
    def title(t: str) -> str:
        return _both(f'---\ntitle: "{t}"\ndate: "2025-04-13 00:00:00 +0900"\n---\n\nSome text.\n', "p.md")[0][1]

    assert title("TIL: Apr 13, 2025 - Weekly Reading") == "Weekly Reading"
    assert title("TIL: Grouping Dependabot updates") == "Grouping Dependabot updates"
    assert title("Apr 12, 2025 - Weekly Reading") == "Apr 12, 2025 - Weekly Reading"  # another day: kept
    assert title("Today I Learned") == "Today I Learned"


def test_a_page_whose_body_is_a_list_gives_one_entry_per_item():
    text = "---\ntitle: Week 3\ndate: 2024-02-05\n---\n\n## Read\n- the DPO paper\n  - section 3\n## Wrote\n- a blog post\n"
    assert _both(text, "week-3.md") == [
        (date(2024, 2, 5), "the DPO paper", ["section 3"], None),
        (date(2024, 2, 5), "a blog post", [], None),
    ]


def test_hours_come_from_the_title_never_from_the_page_body():
    body = "\n\n- [Waterfall in 15 Minutes](https://example.com)\n\nI spent 3 hours on it.\n"
    assert _both("---\ntitle: Reading\ndate: 2025-04-13\n---" + body, "r.md")[0][3] is None
    assert _both("---\ntitle: Rust ownership (2h)\ndate: 2025-04-13\n---" + body, "r.md")[0][3] == 2.0


def test_a_daily_note_named_by_its_date_alone_reads_as_before():
    # no title or date in front matter: its paragraphs are what was done, not a page with a title
    text = "---\ntags: daily\n---\nRead the ORPO paper.\n\nWrote notes on it.\n"
    assert _both(text, "2024-04-16.md") == [(date(2024, 4, 16), "Read the ORPO paper.", ["Wrote notes on it."], None)]


# --- the page's date ------------------------------------------------------------------------------


def test_the_front_matter_date_wins_over_a_post_name_and_says_so():
    text = '---\ntitle: "Weekly Reading"\ndate: "2025-05-19 09:45:00 +0900"\n---\n\nText.\n'
    for result in (
        markdown.parse(text, "2025-05-18-may-19-weekly-reading.md", TODAY),
        til.parse(text, "2025-05-18-may-19-weekly-reading.md"),
    ):
        assert [e.day for e in result.entries] == [date(2025, 5, 19)]
        assert [(p.level, p.message) for p in result.problems] == [
            (
                "doubtful",
                "the file name says 2025-05-18 and the front matter 2025-05-19; "
                "the front matter's date is used (as Jekyll does)",
            )
        ]


def test_a_daily_note_name_wins_over_its_front_matter_quietly():
    text = "---\ntitle: Tuesday\ncreated: 2024-04-15T23:50:00\n---\n\nRead the paper.\n"
    result = markdown.parse(text, "2024-04-16.md", TODAY)
    assert [e.day for e in result.entries] == [date(2024, 4, 16)] and result.problems == []


def test_a_timestamp_with_an_offset_is_the_author_s_day():
    text = "---\ntitle: bat\ndate: 2022-01-20T23:42:20-08:00\n---\n\nbat is cat with wings.\n"
    assert _both(text, "bat.md")[0][0] == date(2022, 1, 20)  # 21 January in UTC


# --- folders: which files, undated pages, no file times -------------------------------------------


def _page(folder: Path, name: str, title: str, day: str | None) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    dated = f"date: {day}\n" if day else ""
    path.write_text(f"---\ntitle: {title}\n{dated}---\n\nSome prose about {title}.\n", encoding="utf-8")
    return path


def test_a_folder_reads_md_markdown_and_mdx_in_sub_folders_but_not_hidden_ones(cli, tmp_path):
    posts = tmp_path / "posts"
    _page(posts, "a.md", "alpha", "2024-01-01")
    _page(posts, "week/b.markdown", "beta", "2024-01-02")
    _page(posts, "week/c.MDX", "gamma", "2024-01-03")
    _page(posts, ".obsidian/d.md", "hidden", "2024-01-04")
    _page(posts, ".trash/e.md", "trashed", "2024-01-05")
    _page(posts, ".f.md", "dotfile", "2024-01-06")
    (posts / "notes.txt").write_text("2024-01-07 not markdown\n")
    for form in ([], ["markdown"], ["til"]):
        cli("import", *form, str(posts), "--json", ok=True, env={"STUDYLOG_TODAY": "2026-12-01"})
        entries = cli("export", "json", ok=True).json()["entries"]
        assert sorted((e["day"], e["text"]) for e in entries) == [
            ("2024-01-01", "alpha"),
            ("2024-01-02", "beta"),
            ("2024-01-03", "gamma"),
        ]


def test_a_folder_without_markdown_files_says_which_it_looks_for(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("hello\n")
    out = cli("import", str(tmp_path), ok=False)
    assert out.exit_code != 0 and "has no .md, .markdown or .mdx files" in out.stderr


def test_an_undated_page_is_reported_per_file_and_never_dated_from_its_file_times(cli, tmp_path):
    posts = tmp_path / "posts"
    _page(posts, "dated.md", "dated", "2024-01-01")
    undated = _page(posts, "undated.md", "undated", None)
    readme = posts / "README.md"
    readme.write_text("# My TIL\n\nThings I learned.\n")  # read like any page: in a TIL repository it is the index
    stamp = 1_700_000_000  # 2023-11-14
    for path in (undated, readme):
        os.utime(path, (stamp, stamp))
    for form in (["markdown"], ["til"], []):
        data = cli("import", *form, str(posts), "--json", "--dry-run", ok=True).json()
        assert data["entries"] == 1 and data["days"] == 1
        reported = sorted((p["line"], p["level"], p["message"]) for p in data["problems"])
        assert reported == [
            (1, "skipped", f"{readme}: {pages.UNDATED}"),
            (1, "skipped", f"{undated}: {pages.UNDATED}"),
        ], form


def test_a_single_undated_page_fails_with_what_it_lacks(cli, tmp_path):
    page = _page(tmp_path, "undated.md", "undated", None)
    for form in (["markdown"], ["til"], []):
        out = cli("import", *form, str(page), ok=False)
        assert out.exit_code == 1 and pages.UNDATED in out.stderr and "nothing was written" in out.stderr


# --- detection ------------------------------------------------------------------------------------


def _head(title: str, day: str | None = None) -> str:
    return f"---\ntitle: {title}\n" + (f"date: {day}\n" if day else "") + "---\n\nSome prose.\n"


def test_a_folder_of_dated_pages_is_recognised_by_their_front_matter_or_names():
    heads = {f"entries/p{i}.md": _head(f"p{i}", f"2022-0{i}-01") for i in range(1, 6)}
    assert detect_folder(list(heads), heads) == ("markdown", "a folder of 5 dated pages, dated by their front matter")
    posts = {f"_posts/2025-02-1{i}-post-{i}.md": "Some prose.\n" for i in range(3)}
    assert detect_folder(list(posts), posts) == ("markdown", "a folder of 3 dated pages, dated by their file names")
    both = {**posts, "entries/p1.md": _head("p1", "2022-01-01")}
    assert detect_folder(list(both), both)[1] == "a folder of 4 dated pages, dated by their front matter or file names"
    some = {**heads, "README.md": "# TIL\n", "about.md": _head("about")}
    assert detect_folder(list(some), some)[1] == "5 of 7 files are dated pages, dated by their front matter"


def test_pages_with_dated_headings_or_daily_notes_are_not_dated_pages():
    assert detect_folder(["2024-01-01.md", "2024-01-02.md"], {"2024-01-01.md": _head("x", "2024-01-01")})[0] == (
        "daily-notes"
    )
    logs = {"a.md": "---\ndate: 2024-01-01\n---\n## 2024-01-02\n- read\n", "b.md": "- 2024-01-03 read\n"}
    assert detect_folder(list(logs), logs) == ("markdown", "2 .md files, 0 named by a date")
    undated = {"git.md": "# Git\n", "bash.md": _head("bash")}
    assert detect_folder(list(undated), undated) == ("markdown", "2 .md files, 0 named by a date")


def test_a_single_dated_page_is_recognised():
    assert detect("git alias.md", _head("git alias", "2022-01-27T22:54:58-08:00")) == (
        "markdown",
        "a dated page: the date is in its front matter",
    )
    assert detect("2025-02-13-today-i-learned.md", "I added a TIL section.\n") == (
        "markdown",
        "a dated page: the date is in its file name",
    )
    # dated headings inside: a TIL page or a dated log, as before
    assert detect("til.md", "---\ntitle: TIL\ndate: 2024-01-01\n---\n# 2024-01-02\n1. read\n")[0] == "til"


def test_detection_reads_a_bounded_spread_of_a_big_folder():
    names = [f"n{i:04}.md" for i in range(1000)]
    picked = sample(names)
    assert len(picked) == FOLDER_SAMPLE and picked[0] == names[0] and picked[-1] > names[900]
    heads = {n: _head(n, "2024-01-01") for n in picked}
    assert detect_folder(names, heads)[1] == (
        f"{FOLDER_SAMPLE} of the {FOLDER_SAMPLE} files read (of 1000) are dated pages, dated by their front matter"
    )


def test_import_folder_reads_only_a_sample_to_detect(cli, tmp_path):
    posts = tmp_path / "posts"
    for i in range(FOLDER_SAMPLE + 5):
        _page(posts, f"p{i:03}.md", f"page {i}", "2024-01-01")
    data = cli("import", str(posts), "--json", "--dry-run", ok=True).json()
    assert data["detected_because"] == (
        f"{FOLDER_SAMPLE} of the {FOLDER_SAMPLE} files read (of {FOLDER_SAMPLE + 5}) are dated pages, "
        "dated by their front matter"
    )
    assert data["entries"] == FOLDER_SAMPLE + 5


# --- the real folders, with no format flag --------------------------------------------------------


def _stored(cli) -> list[tuple]:
    return sorted((e["date"], e["text"]) for e in cli("log", "--json", "--limit", "0", ok=True).json())


@pytest.mark.parametrize("name", PAGE_FIXTURES)
def test_real_page_folders_import_without_a_format_flag(cli, switch_store, name):
    exp = EXPECTED[name]
    env = {"STUDYLOG_TODAY": "2026-12-01"}
    data = cli("import", str(REAL / name), "--json", ok=True, env=env).json()
    assert data["format"] == "markdown"
    assert data["detected_because"].startswith(f"a folder of {exp['sections']} dated pages, dated by their front")
    found = _stored(cli)
    days = sorted({d for d, _ in found})
    assert (len(found), len(days), days[0], days[-1]) == (exp["sections"], exp["days"], exp["first"], exp["last"])
    assert all(e["hours"] is None for e in cli("log", "--json", "--limit", "0", ok=True).json())
    switch_store()
    cli("import", exp["format"], str(REAL / name), ok=True, env=env)
    assert _stored(cli) == found  # the explicit form in expected.json stores the same entries


def test_real_pages_read_as_their_titles(cli):
    cli("import", str(REAL / "jekyll-posts-folder-ianlewis"), ok=True, env={"STUDYLOG_TODAY": "2026-12-01"})
    assert _stored(cli) == [
        ("2025-02-13", "Today I Learned"),
        ("2025-02-17", "Grouping Dependabot updates"),
        ("2025-04-13", "Weekly Reading"),
        ("2025-05-19", "Weekly Reading: The Go Scheduler, CNCF/NATS Drama, and Signalgate"),
    ]


def test_an_impossible_front_matter_date_is_reported_not_raised(cli, tmp_path):
    page = tmp_path / "bad.md"
    page.write_text("---\ntitle: bad\ndate: 2024-13-45\n---\n\nSome prose.\n")
    for form in ([], ["markdown"], ["til"]):
        out = cli("import", *form, str(page), ok=False)
        assert out.exit_code == 1 and "Traceback" not in out.stderr
        assert "front matter holds an impossible value (month must be in 1..12); ignored" in out.stderr


def test_rules_are_not_part_of_a_page_s_outline():
    text = "---\ntitle: test\ndate: 2022-01-01\n---\n\nA paragraph.\n\n---\n\nMore.\n\n***\n\n## Here is a sub header\n"
    assert _both(text, "test.md") == [(date(2022, 1, 1), "test", ["A paragraph.", "Here is a sub header"], None)]


def test_a_folder_of_undated_mdx_notes_is_named_as_markdown_files(cli, tmp_path):
    for name in ("a.mdx", "b.mdx"):
        (tmp_path / name).write_text("# Notes\n\nsome text\n", encoding="utf-8")
    out = cli("import", str(tmp_path))
    assert out.exit_code == 1
    assert "none in any of its 2 markdown files (a.mdx: no dated headings or lines" in out.stderr
    assert f"{tmp_path / 'a.mdx'}: no date in its front matter" in out.stderr  # the file, then its problem
