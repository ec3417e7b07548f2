"""Issue 12, shapes 3 and 4 in generic markdown logs: labels that are structure (``DONE:``,
``NEXT:``, ``- ## Today's focus``, an hours line), and plans that are goals (with their estimate,
met when the log says so). Made-up examples in the real shapes."""

from __future__ import annotations

from datetime import date

from studylog.importers import markdown

TODAY = date(2026, 12, 1)


def parse(text: str):
    return markdown.parse(text, None, TODAY)


def rows(text: str) -> list[tuple]:
    return [(e.kind, e.day.isoformat(), e.text, e.hours, e.met_on) for e in parse(text).entries]


def test_bare_done_and_next_labels_are_not_entries_and_their_items_are_entries_of_their_kind():
    text = (
        "## 2024-01-05\n\nDONE:\n- wrote the parser\n- read chapter 2\n\nNEXT:\n- write tests (2h)\n\n"
        "DONE:\n- fixed a bug\n"
    )
    assert rows(text) == [
        ("done", "2024-01-05", "wrote the parser", None, None),
        ("done", "2024-01-05", "read chapter 2", None, None),
        ("goal", "2024-01-05", "write tests (2h)", 2.0, None),
        ("done", "2024-01-05", "fixed a bug", None, None),
    ]


def test_labels_as_list_items_bold_or_not_at_any_depth_do_not_swallow_their_items():
    text = (
        "## 2024-01-06\n"
        "- **Done:**\n  - read ch. 3\n    - about closures\n  - did the exercises\n"
        "- Goals:\n  - [ ] finish ch. 4\n  - [x] review notes\n"
        "- a thing of its own\n  - TODO:\n    - ask about macros\n"
    )
    found = parse(text).entries
    assert [(e.kind, e.text, [n.text for n in e.notes], e.met_on) for e in found] == [
        ("done", "read ch. 3", ["about closures"], None),
        ("done", "did the exercises", [], None),
        ("goal", "finish ch. 4", [], None),
        ("goal", "review notes", [], date(2024, 1, 6)),
        ("done", "a thing of its own", [], None),
        ("goal", "ask about macros", [], None),
    ]


def test_a_heading_inside_a_bullet_labels_its_items():
    text = "# 2024-01-07\n- ## Today's focus: 3\n  - parsing\n  - lexing\n    - tokens first\n- ## Later\n  - sleep\n"
    found = parse(text).entries
    assert [(e.kind, e.text, [n.text for n in e.notes]) for e in found] == [
        ("done", "parsing", []),
        ("done", "lexing", ["tokens first"]),
        ("done", "sleep", []),
    ]


def test_a_sub_heading_that_is_a_plan_label_makes_goals():
    text = "## 2024-01-08\n- wrote tests\n\n### Plan\n- refactor the scanner\n\n### Notes\n- it rained\n"
    assert [(k, t) for k, _, t, _, _ in rows(text)] == [
        ("done", "wrote tests"),
        ("goal", "refactor the scanner"),
        ("done", "it rained"),
    ]


def test_a_labelled_hours_line_gives_the_section_its_hours_on_its_first_done_entry():
    for line, hours in (("time spent: 1h30", 1.5), ("hours: about 2", 2.0), ("**Time:** 45 min", 0.75)):
        text = f"## 2024-01-09\nGoals:\n- plan the week (1h)\n\n{line}\n\nDone:\n- wrote tests\n- refactored (3h)\n"
        assert rows(text) == [
            ("goal", "2024-01-09", "plan the week (1h)", 1.0, None),
            ("done", "2024-01-09", "wrote tests", hours, None),
            ("done", "2024-01-09", "refactored (3h)", None, None),
        ], line


def test_an_hours_line_as_a_list_item_is_not_an_entry():
    assert rows("## 2024-01-10\n- Time: 45 min\n- read about lifetimes\n") == [
        ("done", "2024-01-10", "read about lifetimes", 0.75, None)
    ]


def test_hours_lines_that_disagree_leave_the_hours_empty_and_say_so():
    result = parse("## 2024-01-10\nhours: 2\n- read\n\nhours: 3\n")
    assert [(e.text, e.hours) for e in result.entries] == [("read", None)]
    assert any("disagree" in p.message for p in result.problems)


def test_a_time_of_day_is_not_an_hours_line():
    assert rows("## 2024-01-10\nTime: 8:30 PM\n- read\n") == [("done", "2024-01-10", "Time: 8:30 PM", None, None)]


def test_plans_are_goals_met_by_the_same_text_under_done_and_linked_to_it():
    text = (
        "## 2024-01-11\nGoals for the week\n- read ch. 3 (2h)\n- write the summary\n\n"
        "Done:\n- **Write the summary**\n- read [ch. 3](https://example.com/3)\n"
    )
    found = parse(text).entries
    goals = [e for e in found if e.kind == "goal"]
    done = [e for e in found if e.kind == "done"]
    assert [(g.text, g.hours, g.met_on) for g in goals] == [
        ("read ch. 3 (2h)", 2.0, date(2024, 1, 11)),  # its estimate stays on the goal
        ("write the summary", None, date(2024, 1, 11)),
    ]
    assert [(d.text, d.hours) for d in done] == [
        ("**Write the summary**", None),
        ("read [ch. 3](https://example.com/3)", None),
    ]
    assert [d.meets for d in done] == [goals[1].ref, goals[0].ref]
    assert goals[0].ref != goals[1].ref


def test_every_plan_label_makes_goals():
    for name in (
        "Goals:",
        "Goals for the week",
        "TODO",
        "NEXT:",
        "Plan",
        "Plans",
        "Assignments for next week",
        "To do",
    ):
        text = f"## 2024-01-12\n- practised scales\n\n{name}\n- learn the blues scale (30 min)\n"
        assert rows(text) == [
            ("done", "2024-01-12", "practised scales", None, None),
            ("goal", "2024-01-12", "learn the blues scale (30 min)", 0.5, None),
        ], name


def test_an_open_box_is_a_goal_anywhere_and_a_checked_box_is_done():
    text = "## 2024-01-13\n- [x] read the paper\n  - [ ] reimplement figure 2\n- [ ] write it up\n"
    assert rows(text) == [
        ("done", "2024-01-13", "read the paper", None, None),
        ("goal", "2024-01-13", "reimplement figure 2", None, None),
        ("goal", "2024-01-13", "write it up", None, None),
    ]


def test_a_plan_over_a_period_is_a_goal_of_that_period():
    found = parse("## 2024-01-01 - 2024-01-07\nGoals:\n- finish the course\n").entries
    assert [(e.kind, e.day, e.period) for e in found] == [
        ("goal", date(2024, 1, 7), (date(2024, 1, 1), date(2024, 1, 7)))
    ]


def test_goal_hours_are_not_study_hours(cli, tmp_path):
    log = tmp_path / "log.md"
    log.write_text("## 2024-04-03\nTODO:\n- read ch. 3 (2h)\n\nDONE:\n- wrote notes (1h)\n", encoding="utf-8")
    cli("import", "markdown", str(log), ok=True)
    entries = cli("log", "--json", "--limit", "0", ok=True).json()
    assert sorted((e["kind"], e["text"]) for e in entries) == [
        ("done", "wrote notes (1h)"),
        ("goal", "read ch. 3 (2h)"),
    ]
    week = cli("week", "2024-04-03", "--json", ok=True).json()
    assert week["total_hours"] == 1.0


# -- daily notes ------------------------------------------------------------------------------------


def test_daily_notes_take_other_labels_as_headers_and_an_hours_line_as_the_days_hours():
    from studylog.importers import daily_notes

    text = (
        "[[2024-04-18]]\n\n**Goals:**\n- read the DPO paper (1h)\n\nTime spent: 1h30\n\n"
        "DONE:\n- reviewed backprop\n- read the DPO paper\n\nNEXT:\n- skim ORPO\n"
    )
    result = daily_notes.parse(text, None)
    assert [p for p in result.problems if p.level == "skipped"] == []
    assert [(e.kind, e.text, e.hours) for e in result.entries] == [
        ("goal", "read the DPO paper (1h)", None),  # daily notes keep their words: no estimate read
        ("done", "reviewed backprop", 1.5),
        ("done", "read the DPO paper", None),
        ("goal", "skim ORPO", None),
    ]


def test_an_outline_journal_reads_bullet_labels_open_boxes_and_clock_time():
    from studylog.importers import daily_notes

    text = (
        "- DONE:\n  - wrote the parser\n    - with tests\n  - read ch. 2\n"
        "- ## Today's focus: 3\n  - lexing\n"
        "- Goals:\n  - [ ] finish ch. 4\n  - [x] review notes\n  - DONE plan the week\n"
        "- time spent: 2h\n"
        "- [ ] reply to Ana\n"
        "- DONE refactor\n  :LOGBOOK:\n  CLOCK: [2024-01-05 Fri 10:00]--[2024-01-05 Fri 10:45] =>  00:45:00\n  :END:\n"
    )
    result = daily_notes.parse(text, date(2024, 1, 5))
    assert [(e.kind, e.text, [n.text for n in e.notes], e.hours, e.met_on) for e in result.entries] == [
        ("done", "wrote the parser", ["with tests"], 2.0, None),
        ("done", "read ch. 2", [], None, None),
        ("done", "lexing", [], None, None),
        ("goal", "finish ch. 4", [], None, None),
        ("goal", "review notes", [], None, date(2024, 1, 5)),
        ("goal", "plan the week", [], None, date(2024, 1, 5)),
        ("goal", "reply to Ana", [], None, None),
        ("done", "refactor", [], 0.75, None),
    ]


def test_an_outline_journal_meets_a_plan_by_the_same_text_done(cli, tmp_path):
    folder = tmp_path / "journals"
    folder.mkdir()
    (folder / "2024_01_05.md").write_text(
        "- Plan\n  - read ch. 3 (2h)\n  - write the summary\n- Done\n  - read ch. 3\n", encoding="utf-8"
    )
    cli("import", "daily-notes", str(folder), ok=True)
    log = {e["text"]: e for e in cli("log", "--json", "--limit", "0", ok=True).json()}
    assert set(log) == {"read ch. 3 (2h)", "write the summary", "read ch. 3"}
    assert log["read ch. 3"]["goal"] == log["read ch. 3 (2h)"]["id"]
    assert (log["read ch. 3 (2h)"]["met_on"], log["write the summary"]["met_on"]) == ("2024-01-05", None)


def test_an_hours_line_under_a_titled_date_heading_goes_to_the_heading_entry():
    assert rows("## 2024-01-14 Rust ownership\n\ntime spent: 2h\n") == [
        ("done", "2024-01-14", "Rust ownership", 2.0, None)
    ]


def test_an_outline_goal_keeps_its_estimate_and_it_is_not_study_time(cli, tmp_path):
    folder = tmp_path / "journals"
    folder.mkdir()
    (folder / "2024_04_03.md").write_text("- TODO read ch. 3 (2h)\n- DONE wrote notes (1h)\n", encoding="utf-8")
    cli("import", "daily-notes", str(folder), ok=True)
    log = {e["text"]: e for e in cli("log", "--json", "--limit", "0", ok=True).json()}
    assert (log["read ch. 3 (2h)"]["kind"], log["wrote notes (1h)"]["hours"]) == ("goal", 1.0)
    assert cli("week", "2024-04-03", "--json", ok=True).json()["total_hours"] == 1.0


# --- labels written after an emoji (issue 12 shape 4, as in the rust-ascent daily logs) ------------


def test_a_label_after_an_emoji_is_the_label_its_words_are():
    from studylog.importers import outliner

    for line, kind in (
        ("## 🎯 Tomorrow's Plan", "goal"),
        ("## 🎯 Today's Goal", "goal"),
        ("## ✅ What I Did", "done"),
        ("✔️ Done:", "done"),  # a variation selector after the check mark
        ("## 👩‍💻 Done", "done"),  # an emoji joined by zero-width joiners
        ("**⭐ Goals:**", "goal"),
        ("## 💡 What I Learned", "neutral"),  # a heading, but no label
        ("What I did today:", "done"),
    ):
        assert outliner.label(line) == kind, line
    assert outliner.label("🎯") is None  # no words: no label
    assert outliner.label("- é Done:") is None  # a letter is a word, not a symbol


def test_plans_under_an_emoji_heading_are_goals_and_titled_prose_under_a_day_stays_one_entry():
    text = (
        "# 2024-02-01\n\n## 🎯 Today's Goal\nShip the parser.\n\n---\n\n## ✅ What I Did\n\n### 1. Parser\n"
        "- wrote the lexer\n\n## 🎯 Tomorrow's Plan\n\n1. **Tests** - cover the lexer (2h)\n2. Docs\n\n"
        "## 💭 Reflections\n\n### Why slow is fast\n\nTyping less, reading more.\n\nIt paid off.\n"
    )
    found = parse(text).entries
    assert [(e.kind, e.text, e.hours, [n.text for n in e.notes]) for e in found] == [
        ("goal", "Ship the parser.", None, []),
        ("done", "wrote the lexer", None, []),
        ("goal", "**Tests** - cover the lexer (2h)", 2.0, []),  # the estimate, not time spent
        ("goal", "Docs", None, []),
        ("done", "Why slow is fast", None, ["Typing less, reading more.", "It paid off."]),
    ]


def test_a_status_block_closing_a_day_is_not_an_entry():
    text = (
        "## 2024-02-02\n- read ch. 4\n\n---\n\n**Status:** ✅ Day 2 Complete  \n**Next:** Day 3 - tests  \n"
        "**Feeling:** tired\n"
    )
    result = parse(text)
    assert [e.text for e in result.entries] == ["read ch. 4"]
    assert [(p.line, p.lines, p.why) for p in result.problems] == [
        (6, 3, "a status block ('Status: ...' lines), not an entry")
    ]
    # a 100-days entry written as bold "Key:" lines, with no Status line, is an entry
    days = parse("## 2024-02-03\n**Today's Progress**: fixed the CSS\n**Thoughts:** hard going\n").entries
    assert [e.text for e in days] == ["**Today's Progress**: fixed the CSS\n**Thoughts:** hard going"]


# --- clock sub-headings under a day (issue 12 shape 3; as in the agryman/acmpy journal) -------------


def entry_rows(text: str) -> list[tuple]:
    return [(e.day.isoformat(), e.text, e.hours) for e in parse(text).entries]


def test_clock_sub_headings_are_sessions_of_the_day_not_entries_and_give_its_hours():
    """``### 8:28 AM`` ... ``### 8:47 AM - break`` is a session of 19 minutes; the prose under a
    clock heading is the entry, not "8:28 AM"; ``#### Recap`` is a label, not a titled item."""
    text = (
        "## 2019-12-08\n\n### 8:28 AM\n\n#### Recap\n\nI started this project in June.\n\nMore about it.\n\n"
        "### 8:47 AM - break\n\n---\n\n"
        "## 2019-12-14\n\n### 10:57 AM\n- implement so5cg.py\n- use regex\n\n### 12:18 PM - break\n\n---\n\n"
        "### 1:03 PM\n- continue reading\n\n### 2:39 PM\n- finished the article\n\n### 3:00 PM - break\n\n"
        "###8:38 PM\n- read file and parse lines\n\n### 9:51 PM - break\n"
    )
    assert entry_rows(text) == [
        ("2019-12-08", "I started this project in June.", round(19 / 60, 4)),
        ("2019-12-14", "implement so5cg.py", round((81 + 117 + 73) / 60, 4)),  # 10:57-12:18, 1:03-3:00, 8:38-9:51
        ("2019-12-14", "use regex", None),
        ("2019-12-14", "continue reading", None),
        ("2019-12-14", "finished the article", None),
        ("2019-12-14", "read file and parse lines", None),  # under "###8:38 PM", a heading without its space
    ]
    assert [n.text for n in parse(text).entries[0].notes] == ["More about it."]


def test_a_span_of_the_clock_is_a_session_and_one_with_no_end_is_not_counted():
    text = (
        "## 2021-03-01\n### 8:28 AM - 9:10 AM\n- read chapter 2\n\n### 14:00\n- exercises\n\n"
        "## 2021-03-02\n### 4:12 PM\n- wrote tests\n"
    )
    result = parse(text)
    assert [(e.day.isoformat(), e.text, e.hours) for e in result.entries] == [
        ("2021-03-01", "read chapter 2", 0.7),
        ("2021-03-01", "exercises", None),
        ("2021-03-02", "wrote tests", None),  # a start and no end: no hours
    ]
    assert [(p.line, p.message) for p in result.problems] == [(5, "the session from 14:00 has no end; not counted")]


def test_a_time_in_a_longer_title_is_still_a_titled_item():
    text = "## 2021-03-01\n### 9:00 standup notes\nWe agreed on the API.\n\n### 10:30 AM\nPaired on the parser.\n"
    assert entry_rows(text) == [
        ("2021-03-01", "9:00 standup notes", None),
        ("2021-03-01", "Paired on the parser.", None),
    ]


def test_a_hashtag_that_starts_with_a_number_is_not_a_clock_heading():
    text = "## 2021-03-01\n#100DaysOfCode at 8:30\n- read chapter 2\n\n## 2021-03-02\n#12:30pm lunch talk\n- b\n"
    assert [t for _, t, _ in entry_rows(text)] == ["#100DaysOfCode at 8:30", "b"]


def test_a_clock_heading_at_the_days_own_level_stays_in_that_day():
    """``## 10:44 am`` right under ``## 2022-03-07`` once ended the day (then empty) and gave its lines
    to the day before; a line ``break 1:00 pm`` ends the session and is no note."""
    text = (
        "## 2022-03-06\n### 3:17 pm\nSplit up the module.\n\nbreak 5:36 pm\n\n"
        "## 2022-03-07\n\n## 10:44 am\n\nFocus on the reader.\n\nbreak 1:00 pm\n\n## 3:30 pm\n\nWrote the config class.\n\n"
        "break at 5:30 pm\n\n## Notes\nnot a day\n"
    )
    result = parse(text)
    assert [(e.day.isoformat(), e.text, e.hours, [n.text for n in e.notes]) for e in result.entries] == [
        ("2022-03-06", "Split up the module.", round(139 / 60, 4), []),
        ("2022-03-07", "Focus on the reader.", round(256 / 60, 4), []),
        ("2022-03-07", "Wrote the config class.", None, []),
    ]
    assert not result.problems


def test_a_break_line_without_clock_headings_is_text_and_an_end_before_the_start_is_said():
    assert entry_rows("## 2022-03-17\n6 functions left\n\nbreak 5:36 pm\n") == [
        ("2022-03-17", "6 functions left", None)
    ]
    result = parse("## 2022-03-23\n### 5:10 pm\n- a\n\nbreak 6:27 pm\n\n### 9:03 pm\n- b\n\nbreak 11:00 am\n")
    assert [e.hours for e in result.entries] == [round(77 / 60, 4), None]
    assert [(p.line, p.message) for p in result.problems] == [
        (7, "the session from 9:03 pm ends at 11:00 am, before it starts; not counted")
    ]
