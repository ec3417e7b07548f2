"""The generic markdown log importer (studylog.importers.markdown) on the shared real logs,
on small made-up logs, and through ``studylog import markdown``."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from studylog.importers.markdown import parse
from studylog.store.records import Note

REAL = SHARED / "formats" / "other-real-logs"
TODAY = date(2026, 3, 25)  # the day the jfashe journal was last committed


def read(name: str, today: date = TODAY):
    path = REAL / name
    return parse(path.read_text(encoding="utf-8"), path.name, today)


def problems(result, level: str | None = None) -> list[tuple[int, str]]:
    return [(p.line, p.level) for p in result.problems if level is None or p.level == level]


def no_internal_errors(result) -> None:
    assert not [p for p in result.problems if "internal error" in p.message]


# --- the real logs -------------------------------------------------------------------------------


def test_el3um4s_100_days_with_hours_in_headings():
    result = read("100days-hours-el3um4s.md")
    days = [e.day for e in result.entries]
    assert len(result.entries) == 61  # R1D0 to R1D60, one entry per day
    assert len(set(days)) == 61
    assert days[0] == date(2018, 1, 1) and days[-1] == date(2018, 3, 14)
    assert days == sorted(days)
    missing = {date(2018, 1, 1) + timedelta(n) for n in range(73)} - set(days)
    assert sorted(d.isoformat() for d in missing) == [
        "2018-01-02",
        "2018-01-03",
        "2018-01-15",
        "2018-02-12",
        "2018-02-18",
        "2018-02-22",
        "2018-02-25",
        "2018-03-05",
        "2018-03-07",
        "2018-03-09",
        "2018-03-11",
        "2018-03-13",
    ]
    hours = {e.day: e.hours for e in result.entries}
    assert sum(h for h in hours.values() if h) == pytest.approx(115.5)
    assert hours[date(2018, 1, 1)] is None  # R1D0 has no hours
    assert hours[date(2018, 1, 5)] == 2.5
    assert hours[date(2018, 1, 6)] == 1.5
    assert hours[date(2018, 1, 23)] == 5
    assert hours[date(2018, 1, 24)] == 2  # " ### R1D20" is indented by one space
    assert hours[date(2018, 2, 4)] == 2  # "###  R1D31:February 4, 2018(2h)"
    assert result.problems == []  # "Projects completed" and "Certifications" are not entries


def test_el3um4s_text_is_kept_verbatim():
    result = read("100days-hours-el3um4s.md")
    by_day = {e.day: e for e in result.entries}
    assert all(e.line >= 29 for e in result.entries)  # nothing from the sections before R1D0
    assert by_day[date(2018, 1, 1)].text == "I've decided to join the #100DaysOfCode Challenge.\nI want to:"
    assert by_day[date(2018, 1, 18)].text.startswith("`14th day` Oggi ho finito la parte in HTML e JS")
    assert "è" in by_day[date(2018, 1, 19)].text
    assert by_day[date(2018, 1, 6)].text.startswith(
        "`Third day` **I finished the Tic Tac Toe Game**. Hurray! :smiley::smiley::smiley:"
    )
    assert (
        Note("a simple Artificial ~~Stupidity~~ Intelligence to place the **PC'symbol**")
        in by_day[date(2018, 1, 5)].notes
    )
    fenced = [n.text for n in by_day[date(2018, 2, 20)].notes if n.text.startswith("```")]
    assert fenced == [
        "```\nprops: { fullName: {type: Object} }\nprops: ['fullName']\nprops: { fullName: Object}\n```",
        "```\nprops: {\n    value: { type: Object }\n  }\nprops: ['value']\nprops: { value: Object }\n```",
    ]
    nested = by_day[date(2018, 3, 1)].notes
    assert Note("mkdir conf", 1) in nested and Note("--ssl e --cors sono fondamentali", 1) in nested
    assert not any("<img" in e.text or "<img" in n.text for e in result.entries for n in e.notes)


def test_jfashe_dated_bullets():
    result = read("journal-weekly-dated-bullets-jfashe.md")
    days = [e.day.isoformat() for e in result.entries]
    # 17 dated bullets: one says only "Nothing done"
    assert days == [
        "2025-06-01",
        "2025-06-02",
        "2025-06-03",
        "2025-06-04",
        "2025-06-05",
        "2025-06-06",
        "2025-06-07",
        "2025-06-08",
        "2025-06-10",
        "2025-06-11",
        "2025-06-16",
        "2025-06-21",
        "2025-06-22",
        "2025-06-30",
        "2025-07-05",
        "2025-07-06",
    ]
    assert problems(result) == [
        (43, "skipped"),  # "Nothing done" (6/9/2025)
        (44, "doubtful"),  # 6/10/20205: typo year, read as 2025-06-10 between 6/9 and 6/11
        (54, "doubtful"),  # 6/16/2025 "(Tuesday)" is a Monday: imported as written
        (80, "doubtful"),  # 7/6/2026 "Sun": July 6, 2026 is a Monday, 2025's is a Sunday
    ]
    messages = {p.line: p.message for p in result.problems}
    assert "2025-06-10" in messages[44] and "2025-07-06" in messages[80] and "Nothing done" in messages[43]
    assert all(e.hours is None for e in result.entries)  # "took 3 hours off of my day" is not study
    first = result.entries[0]
    assert first.text == (
        "Watched [Essence of Linear Algebra Preview](https://www.youtube.com/watch?v=kjBOesZCoqc) by ThreeBlueOneBrown"
    )
    assert first.line == 11 and first.notes == []
    june_7 = next(e for e in result.entries if e.day == date(2025, 6, 7))
    assert len(june_7.notes) == 3 and "took 3 hours off of my day" in june_7.notes[1].text
    exam = next(e for e in result.entries if e.day == date(2025, 6, 16))
    assert exam.notes == [
        Note(
            "(UPDATE) - Got a 44 (F) average (70/100, 18/100, 46/100). Current grade is 60%.\n"
            "Next exam I will do better."
        )
    ]  # the continuation line is not a bullet


def test_jfashe_entries_after_today_are_skipped():
    result = read("journal-weekly-dated-bullets-jfashe.md", today=date(2025, 7, 1))
    assert result.entries[-1].day == date(2025, 6, 30)
    assert [(line, level) for line, level in problems(result) if line >= 75] == [(75, "skipped"), (80, "skipped")]
    assert "after today" in result.problems[-1].message


def test_dreamingjudith_korean_monthly_til():
    result = read("til-monthly-korean-dreamingjudith.md")
    assert [e.day.isoformat() for e in result.entries] == [
        "2024-01-24",
        "2024-01-17",
        "2024-01-16",
        "2024-01-11",
        "2024-01-10",
        "2024-01-10",
    ]  # newest first
    assert result.problems == []
    assert result.entries[0].text == "pre-commit"
    assert result.entries[0].notes[2] == Note("pre-commit 설정은 yaml 파일로 작성")
    pip = result.entries[2]
    assert pip.text == "GitHub repository로부터 pip install을 할 때"
    assert pip.notes == [
        Note("```bash\ngit clone https://github.com/username/repo_name\ncd repo_name\npip install .\n```"),
        Note("해야 하는 것을"),
        Note("```bash\npip install git+https://github.com/username/repo_name\n```"),
        Note("으로 줄여 쓸 수 있다!"),
    ]
    assert result.entries[3].text == (
        "[PromptBench: A Unified Library for Evaluation of Large Language Models](https://arxiv.org/abs/2312.07910)"
    )
    assert (
        Note(
            "논문 자체는 그냥 정량화/자동화할 수 있는 instruction을 가지고 평가하자는 내용 "
            "(e.g. 응답을 450~500자 사이로 만들어내시오)"
        )
        in result.entries[5].notes
    )
    assert result.entries[4].notes[0].text.endswith("git remote -v\n```")


def test_kallaway_template():
    result = read("100days-template-kallaway.md")
    assert len(result.entries) == 1
    day1 = result.entries[0]
    assert day1.day == date(2016, 6, 27)  # "June 27, Monday": the year of the headings around it
    assert day1.text == "**Today's Progress**: I've gone through many exercises on FreeCodeCamp."
    assert [n.text for n in day1.notes][1:] == [
        "**Link(s) to work**",
        "[Find the Longest Word in a String]"
        "(https://www.freecodecamp.com/challenges/find-the-longest-word-in-a-string)",
        "[Title Case a Sentence](https://www.freecodecamp.com/challenges/title-case-a-sentence)",
    ]
    assert problems(result) == [(3, "skipped"), (12, "skipped"), (22, "doubtful")]  # February 30, twice


# --- made-up logs --------------------------------------------------------------------------------


def days_and_texts(text: str, name: str | None = None, today: date = TODAY):
    result = parse(text, name, today)
    no_internal_errors(result)
    return [(e.day.isoformat(), e.text) for e in result.entries], result


def test_day_headings_under_a_month_heading():
    found, _ = days_and_texts("# January 2024\n\n## 5\n- read\n\n## 6th (Sat)\n- wrote\n\n# Notes\n## 7\n- no\n")
    assert found == [("2024-01-05", "read"), ("2024-01-06", "wrote")]
    found, _ = days_and_texts("# 2024년 1월\n## 5일\n- 읽기\n")
    assert found == [("2024-01-05", "읽기")]


def test_date_forms_in_headings():
    text = (
        "## 2/7/2021\n- us\n### 11/22/18\n- two-digit year\n# June 27, 2018\n- long\n"
        "## 19th January 2020\n- ordinal\n## Monday, March 4, 2024 (1.5h)\n- weekday first\n"
        "## 2024年1月6日\n- cjk\n"
    )
    found, result = days_and_texts(text)
    assert found == [
        ("2021-02-07", "us"),
        ("2018-11-22", "two-digit year"),
        ("2018-06-27", "long"),
        ("2020-01-19", "ordinal"),
        ("2024-03-04", "weekday first"),
        ("2024-01-06", "cjk"),
    ]
    assert result.entries[4].hours == 1.5


def test_day_first_slashes_when_the_file_shows_them():
    found, _ = days_and_texts("## 25/12/2023\n- xmas\n## 3/1/2024\n- third of january\n")
    assert found == [("2023-12-25", "xmas"), ("2024-01-03", "third of january")]


def test_range_headings_keep_the_period():
    result = parse("# 2023-08-12 - 2023-08-18\n1. Read a paper, around 3 hours\n", None, TODAY)
    entry = result.entries[0]
    assert (entry.day, entry.period, entry.hours) == (date(2023, 8, 18), (date(2023, 8, 12), date(2023, 8, 18)), 3)
    result = parse("# 2023-08-18 - 2023-08-12\n1. backwards\n", None, TODAY)
    assert result.entries == [] and problems(result) == [(1, "skipped")]


def test_dated_file_names():
    found, _ = days_and_texts("- read chapter 2\n\t- nested with a tab\n- wrote notes\n", "2024-01-05.md")
    assert found == [("2024-01-05", "read chapter 2"), ("2024-01-05", "wrote notes")]
    result = parse("- read chapter 2\n\t- nested with a tab\n", "notes/2024-01-05.md", TODAY)
    assert result.entries[0].notes == [Note("nested with a tab")]
    found, _ = days_and_texts("## 5\n- a\n## 6\n- b\n", "2024-01.md")
    assert found == [("2024-01-05", "a"), ("2024-01-06", "b")]
    found, _ = days_and_texts("## Done\n- a\n## Thoughts\nIt went well.\n", "2024-01-05.md")
    assert found == [("2024-01-05", "a"), ("2024-01-05", "It went well.")]


def test_prose_sections_are_one_entry():
    text = "## 2024-01-05\nRead the paper.\nIt was long.\n\n```python\nprint('# 2024-01-06')\n```\n<img src=x>\n"
    found, result = days_and_texts(text)
    assert found == [("2024-01-05", "Read the paper.\nIt was long.")]
    assert result.entries[0].notes == [Note("```python\nprint('# 2024-01-06')\n```"), Note("<img src=x>")]


def test_numbered_and_nested_lists():
    text = "## 2024-01-05\n1. first\n   - a note\n     - deeper\n2. second\n\n   more about second\n"
    result = parse(text, None, TODAY)
    assert [(e.text, e.notes) for e in result.entries] == [
        ("first", [Note("a note"), Note("deeper", 1)]),
        ("second", [Note("more about second")]),
    ]


def test_dated_list_items():
    text = (
        "## Week 1\nWeek of Sun, Jun 1 2025 - Sat, Jun 7 2025\n**Goal: basics**\n"
        "- 6/2/2025 - Mon - studied calculus (2h)\n    - limits\n- 6/3/2025 (Tuesday)\n    - vectors\n"
        "    - scalars\n- not dated\n    - 6/4/2025 nested dates are notes\n\n"
        "## 2025-06-05\n- 2025-06-06 in a dated section\n"
    )
    found, result = days_and_texts(text)
    assert found == [
        ("2025-06-02", "studied calculus (2h)"),
        ("2025-06-03", "vectors"),
        ("2025-06-05", "2025-06-06 in a dated section"),
    ]
    assert result.entries[0].notes == [Note("limits")] and result.entries[0].hours == 2
    assert result.entries[1].notes == [Note("scalars")]
    assert result.problems == []


def test_year_without_a_year():
    found, result = days_and_texts("## Day 1: June 27, Monday\n- started\n", today=date(2024, 4, 18))
    assert found == [("2022-06-27", "started")]  # the latest June 27 up to today that is a Monday
    assert problems(result) == [(1, "doubtful")]
    found, result = days_and_texts("# 2019\n## June 27\n- started\n")
    assert found == [("2019-06-27", "started")] and result.problems == []


def test_headings_that_name_a_day_but_no_date():
    found, result = days_and_texts("### Day 5\n- did things\n### Day 6: June 31, 2024\n- nope\n")
    assert found == []
    assert problems(result) == [(1, "skipped"), (3, "skipped")]


def test_nothing_done_future_and_too_many_hours():
    text = (
        "## 2024-01-05\n- Nothing done\n## 2030-01-01\n- future\n## 2024-01-06\n- 20h of reading\n"
        "- 10h of coding\n## 2024-01-07 (30h)\n- marathon\n"
    )
    found, result = days_and_texts(text)
    assert found == [("2024-01-06", "20h of reading"), ("2024-01-06", "10h of coding"), ("2024-01-07", "marathon")]
    assert result.entries[2].hours is None
    assert problems(result) == [(2, "skipped"), (3, "skipped"), (6, "doubtful"), (8, "doubtful")]


def test_empty_and_odd_input():
    for text in [
        "",
        "\n\n",
        "# Title only\n",
        "```\n## 2024-01-05\n- in code\n```\n",
        "- \n- 2024-13-45 x\n",
        "## 2024-02-30\n",
        "\x00\ufeff## 2024-01-05\n",
        "## 99999-01-05\n- x\n",
        "####### 2024-01-05\n- x\n",
    ]:
        result = parse(text, None, TODAY)
        no_internal_errors(result)
        assert result.entries == []


# --- through the command line --------------------------------------------------------------------


def test_cli_import_reports_numbers(cli):
    path = str(REAL / "100days-hours-el3um4s.md")
    data = cli("import", "markdown", path, "--json", ok=True).json()
    assert (data["entries"], data["added"], data["already_imported"], data["days"], data["hours"]) == (
        61,
        61,
        0,
        61,
        115.5,
    )
    assert data["problems"] == [] and data["dry_run"] is False
    again = cli("import", "markdown", path, "--json", ok=True).json()
    assert (again["added"], again["already_imported"]) == (0, 61)
    log = cli("log", "--json", "--since", "2018-01-01", ok=True).json()
    assert len(log) >= 61


def test_cli_dry_run_writes_nothing(cli):
    path = str(REAL / "til-monthly-korean-dreamingjudith.md")
    data = cli("import", "markdown", path, "--dry-run", "--json", ok=True).json()
    assert (data["added"], data["dry_run"]) == (6, True)
    assert cli("import", "markdown", path, "--json", ok=True).json()["added"] == 6


def test_cli_folder_import(cli):
    env = {"STUDYLOG_TODAY": "2026-03-25"}
    data = cli("import", "markdown", str(REAL), "--json", ok=True, env=env).json()
    assert (data["entries"], data["added"], data["days"], data["hours"]) == (84, 84, 83, 115.5)
    lines = sorted((p["line"], p["level"]) for p in data["problems"])
    assert lines == [
        (1, "skipped"),  # SOURCES.md: no date anywhere, reported as not imported
        (3, "skipped"),
        (12, "skipped"),
        (22, "doubtful"),
        (43, "skipped"),
        (44, "doubtful"),
        (54, "doubtful"),
        (80, "doubtful"),
    ]
    assert all(p["message"].startswith(str(REAL)) for p in data["problems"])  # file names in a folder import
    assert cli("import", "markdown", str(REAL), "--json", ok=True, env=env).json()["added"] == 0
    text = cli("import", "markdown", str(REAL), "--dry-run", ok=True, env=env).stdout
    assert "Would import 0 of 84 entries" in text


def test_cli_links_items(cli, tmp_path):
    log = tmp_path / "log.md"
    log.write_text(
        "## 2024-04-01\n- finish part 5/8 karpathy lecture (2h)\n- week0_d2_cnn\n- groceries\n", encoding="utf-8"
    )
    data = cli("import", "markdown", str(log), "--json", ok=True).json()
    assert [(n["line"], n["item"]) for n in data["linked"]] == [(2, "karpathy/5"), (3, "arena2/0.2")]
    assert data["hours"] == 2
    unlinked = tmp_path / "other.md"
    unlinked.write_text("## 2024-04-02\n- week0_d3_resnet\n", encoding="utf-8")
    assert cli("import", "markdown", str(unlinked), "--no-link", "--json", ok=True).json()["linked"] == []


# --- robustness and speed ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text())
def test_never_raises(text):
    no_internal_errors(parse(text, None, TODAY))


LINES = [
    "# 2024-01-05",
    "## 2024-01-06 (2h)",
    "### Day 3: June 27, Monday",
    "## January 2024",
    "## 5",
    "- item",
    "  - nested",
    "\t- tab",
    "1. one",
    "```",
    "~~~",
    "prose line",
    "",
    "   ",
    "---",
    "- 6/10/20205 - Tue",
    "- 2/30/2024",
    "## 2023-08-12 - 2023-08-18",
    "<img src=x>",
    "# 2024년 1월",
    "## 7/6/2026 Sun",
    "- Nothing done",
    "    continuation",
    "## R1D5",
    "* star",
    "## 2024-01-05 - 2024-01-04",
    "# 2019",
    "## June 27",
    # issue 12's shapes: labels, plans, outliner syntax, context, titled items, index lines, pages
    "DONE:",
    "- NEXT:",
    "**TODO:**",
    "Goals:",
    "- ## Today's focus: 3",
    "hours: about 2",
    "time spent: 1h30",
    "- [ ] open task (2h)",
    "- [x] met task",
    "- DONE 4 hours Android app",
    "- LATER",
    "- CANCELED dropped",
    "  id:: 63db47ac",
    "  :LOGBOOK:",
    "  CLOCK: [2024-01-05 Fri 10:00]--[2024-01-05 Fri 11:30] =>  01:30:00",
    "  :END:",
    "- {{embed ((63db47ac-a90c))}}",
    "- [[Page]] and #[[multi word]]",
    "_The next few days are all about the testing course_",
    "### Git worktrees",
    "_Tags: #git #tools_",
    "## Notes from the 3/14/2021 call",
    "- [Escaping a string in bash](https://x.y) - 2020-10-01",
    "- [t](u) - Tue May 12 21:58:14 2020 -0400",
    "## Day 0 (**22<sup>nd</sup> July 2018**):",
    "## July",
    "->write your learnings here<-",
    "pause",
    "less then 5 minutes",
    "Title: Learning Progress 2021",
    "date: 2022-08-20T20:53:16-07:00",
]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(LINES), max_size=25), st.sampled_from([None, "2024-01-05.md", "2024-01.md", "x.md"]))
def test_never_raises_on_log_like_text(lines, name):
    result = parse("\n".join(lines), name, TODAY)
    no_internal_errors(result)
    for entry in result.entries:
        assert entry.day <= TODAY and entry.text.strip()
        assert all(n.text.strip() and n.depth >= 0 for n in entry.notes)


def test_a_big_log_parses_in_linear_time():
    """50,000 dated sections (~4 MB): seconds, not minutes (nothing quadratic)."""
    day = date(2000, 1, 1)
    parts = []
    for n in range(50_000):
        parts.append(
            f"## {day + timedelta(n)} (1.5h)\n- read chapter {n % 9}, see [x](https://example.com/{n})\n"
            f"  - a note\n- second item\n\n"
        )
    text = "".join(parts)
    start = time.perf_counter()
    result = parse(text, "big.md", date(2200, 1, 1))
    assert len(result.entries) == 100_000 and result.problems == []
    assert time.perf_counter() - start < 60


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(LINES), max_size=25),
    st.sampled_from(["x.md", "2024_01_05.md", "2025-02-13-a-post.md", "2024-01.md"]),
)
def test_detection_and_every_importer_take_log_like_text(lines, name):
    from studylog.importers import daily_notes, detect, til

    text = "\n".join(lines)
    assert detect.detect(name, text)[0] in detect.FORMATS
    assert detect.describe(text)
    no_internal_errors(daily_notes.parse(text, daily_notes.day_from_name(name)))
    no_internal_errors(til.parse(text))
    no_internal_errors(parse(text, name, TODAY))
