"""Daily notes: import the learner's real notes and export them back exactly; one file per day."""

from __future__ import annotations

import importlib.util
import os
from datetime import UTC, date

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import SHARED
from studylog.importers import daily_notes
from studylog.store.records import Note

NOTES = SHARED / "formats" / "daily-notes-goals-done.md"


def link_args() -> list[str]:
    """Daily-notes exports never add links, so these tests pass with and without the linker."""
    return [] if importlib.util.find_spec("studylog.importers.linker") else ["--no-link"]


def normalise(text: str) -> str:
    """Equal up to trailing whitespace, runs of blank lines and the final newline (the learner's
    file has none), with nested bullets compared by depth rather than indent characters."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        stripped = line.lstrip(" \t")
        if stripped != line:
            line = "\t" * ((len(line[: len(line) - len(stripped)].expandtabs(4)) + 3) // 4) + stripped
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def structure(text: str) -> list[tuple[str, str, int, str]]:
    return [
        (t.type, t.tag, t.level, t.content if t.type == "inline" else "") for t in MarkdownIt("commonmark").parse(text)
    ]


def imported(cli, path=NOTES, *extra: str, env=None) -> dict:
    return cli("import", "daily-notes", str(path), "--json", *extra, *link_args(), env=env, ok=True).json()


# -- (1) fidelity ----------------------------------------------------------------------------------


def test_import_then_export_gives_the_notes_back(cli):
    imported(cli)
    out = cli("export", "daily-notes", ok=True).stdout
    original = NOTES.read_text(encoding="utf-8")
    assert normalise(out) == normalise(original)
    # Only difference: the export ends with a newline, the learner's file does not.
    assert out == original + "\n"
    assert structure(out) == structure(original)


# -- (2) idempotent, (3) dry run -------------------------------------------------------------------


def test_importing_twice_adds_nothing(cli):
    first = imported(cli)
    assert (first["entries"], first["added"], first["already_imported"], first["days"]) == (13, 13, 0, 3)
    again = imported(cli)
    assert (again["added"], again["already_imported"]) == (0, 13)


def test_dry_run_writes_nothing(cli):
    report = imported(cli, NOTES, "--dry-run")
    assert (report["dry_run"], report["added"]) == (True, 13)
    assert cli("log", "--json", ok=True).json() == []
    assert cli("export", "daily-notes", ok=True).stdout == ""


# -- (4) exact counts ------------------------------------------------------------------------------


def test_parse_counts_of_the_learners_notes():
    result = daily_notes.parse(NOTES.read_text(encoding="utf-8"), None)
    assert result.problems == []
    entries = result.entries
    assert sorted({e.day for e in entries}) == [date(2024, 4, 17), date(2024, 4, 18), date(2024, 4, 19)]
    assert len(entries) == 13
    kinds = [(e.day.day, e.kind, e.style) for e in entries]
    assert (
        kinds
        == [(19, "goal", None)] * 3
        + [(19, "done", None)]
        + [(18, "goal", None)] * 2
        + [(18, "done", None)] * 3
        + [(17, "done", "bare")] * 4
    )
    assert [[n.depth for n in e.notes] for e in entries] == [
        [],
        [],
        [],
        [],
        [],
        [0, 0],
        [],
        [],
        [0, 1, 1, 1, 1],
        [0] * 5,
        [0],
        [0, 0],
        [0],
    ]
    assert sum(len(e.notes) for e in entries) == 16
    talk = entries[9]
    assert talk.notes[0] == Note(
        "[notes][https://docs.google.com/document/d/1oFF3S5yO7fNWcvjggPB-q4aPnjxDl7NcgbKw8o8vl"
        "w8/edit?usp=sharing] from that session",
        0,
    )
    assert talk.line == 32 and entries[0].line == 5


def test_single_day_file_uses_the_default_day():
    result = daily_notes.parse("Goals:\n- read\n\t- chapter 2\n\nDone:\n- wrote\n", date(2024, 4, 1))
    assert result.problems == []
    assert [(e.kind, e.day, e.text, e.notes) for e in result.entries] == [
        ("goal", date(2024, 4, 1), "read", [Note("chapter 2", 0)]),
        ("done", date(2024, 4, 1), "wrote", []),
    ]


def test_day_from_name():
    assert daily_notes.day_from_name("2024-04-18.md") == date(2024, 4, 18)
    assert daily_notes.day_from_name("2023-02-30.md") is None
    assert daily_notes.day_from_name("notes.md") is None
    assert daily_notes.day_from_name("2024-04-18-old.md") is None


# -- (5) structure, hostile text -------------------------------------------------------------------


def test_export_from_the_command_line(cli):
    cli("goal", "read the DPO paper", "--note", "section 4", "--note", "\tthe loss", ok=True)
    cli("done", "read the DPO paper", "-g", "1", ok=True)
    cli("done", "older", "--date", "2024-04-16", ok=True)
    assert cli("export", "daily-notes", ok=True).stdout == (
        "\n[[2024-04-18]]\n\nGoals:\n- [x] read the DPO paper\n\t- section 4\n\t\t- the loss\n\n"
        "Done:\n- read the DPO paper [goal:: #1]\n\n[[2024-04-16]]\n\nDone:\n- older\n"
    )
    out = cli("export", "daily-notes", "--since", "2024-04-17", ok=True).stdout
    assert "[[2024-04-16]]" not in out and "[[2024-04-18]]" in out
    assert "[[2024-04-18]]" not in cli("export", "daily-notes", "--until", "2024-04-17", ok=True).stdout


HOSTILE = ["# not a heading", "Goals:", "[[2024-01-01]]", "line1\nline2", "---", "1. not a list", "a --- b"]


def test_hostile_text_stays_a_bullet(cli, tmp_path, switch_store):
    for text in HOSTILE:
        cli("done", "--note", "Done:", "--", text, ok=True)
    out = cli("export", "daily-notes", ok=True).stdout
    tokens = MarkdownIt("commonmark").parse(out)
    assert not any(t.type in ("heading_open", "hr", "ordered_list_open", "code_block") for t in tokens)
    assert sum(t.type == "list_item_open" and t.level == 1 for t in tokens) == len(HOSTILE)
    assert sum(t.type == "list_item_open" and t.level == 3 for t in tokens) == len(HOSTILE)
    page = tmp_path / "notes.md"
    page.write_text(out, encoding="utf-8")
    switch_store()  # a second, empty store (another database on PostgreSQL)
    other = None
    report = imported(cli, page, env=other)
    assert (report["added"], report["problems"]) == (len(HOSTILE), [])
    back = cli("log", "--json", env=other, ok=True).json()[::-1]
    assert [(e["kind"], e["text"], e["notes"]) for e in back] == [
        ("done", t, [{"text": "Done:", "depth": 0}]) for t in HOSTILE
    ]
    assert cli("export", "daily-notes", env=other, ok=True).stdout == out


# -- (7) --out, (8) --dir --------------------------------------------------------------------------


def test_out_and_dir(cli, tmp_path):
    imported(cli)
    target = tmp_path / "out" / "notes.md"
    cli("export", "daily-notes", "--out", str(target), ok=True)
    assert target.read_text(encoding="utf-8") == cli("export", "daily-notes", ok=True).stdout
    assert os.listdir(target.parent) == ["notes.md"]
    cli("export", "daily-notes", "--out", str(target), "--dir", str(tmp_path), ok=False)


def test_dir_writes_one_file_per_day(cli, tmp_path, switch_store):
    imported(cli)
    folder = tmp_path / "vault"
    result = cli("export", "daily-notes", "--dir", str(folder), ok=True)
    assert "Wrote 3 files" in result.stderr
    assert sorted(os.listdir(folder)) == ["2024-04-17.md", "2024-04-18.md", "2024-04-19.md"]
    day = (folder / "2024-04-19.md").read_text(encoding="utf-8")
    assert day == (
        "Goals:\n- 1st pass of reading [DPO paper](https://arxiv.org/pdf/2305.18290.pdf)\n"
        "- skim [ORPO paper](https://arxiv.org/pdf/2403.07691v2.pdf)\n- finish part 5/8 karpathy lecture\n"
        "\nDone:\n- applied to FAR.AI tech lead job\n"
    )
    assert (
        (folder / "2024-04-17.md")
        .read_text(encoding="utf-8")
        .startswith("- Talked with 80k hours career advisor\n\t- ")
    )
    # the folder imports back to the same entries: nothing new here, everything in a fresh store
    assert imported(cli, folder)["added"] == 0
    switch_store()  # a second, empty store (another database on PostgreSQL)
    other = None
    assert imported(cli, folder, env=other)["added"] == 13
    assert cli("export", "daily-notes", env=other, ok=True).stdout == cli("export", "daily-notes", ok=True).stdout
    assert cli("export", "daily-notes", "--dir", str(folder), "--since", "2024-04-19", ok=True).stderr.startswith(
        "Wrote 1 files"
    )


# -- (9) malformed ---------------------------------------------------------------------------------

MALFORMED = """\
- before any date

[[2023-02-30]]
- under an impossible date

[[2023-03-01]]
a paragraph, not a bullet
- fine

Done:
- also fine
"""


def test_malformed_notes_import_what_they_can(cli, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(MALFORMED, encoding="utf-8")
    report = imported(cli, path)
    assert (report["added"], report["days"]) == (2, 1)
    assert [p["line"] for p in report["problems"]] == [1, 3, 7]
    assert "no [[YYYY-MM-DD]]" in report["problems"][0]["message"]
    assert "impossible date" in report["problems"][1]["message"]
    assert [(e["text"], e["kind"]) for e in cli("log", "--json", ok=True).json()[::-1]] == [
        ("fine", "done"),
        ("also fine", "done"),
    ]


def test_binary_file_is_refused(cli, tmp_path):
    path = tmp_path / "2024-04-18.md"
    path.write_bytes(b"\x00\x01\x02binary\xff")
    result = cli("import", "daily-notes", str(path), "--no-link")
    assert result.exit_code != 0 and "studylog: error" in result.stderr
    assert cli("log", "--json", ok=True).json() == []


@settings(max_examples=200, deadline=None)
@given(st.text(), st.none() | st.dates())
def test_parse_never_raises(text, day):
    result = daily_notes.parse(text, day)
    assert all(p.line >= 1 for p in result.problems)


# -- (10) lossless: what studylog knows comes back -------------------------------------------------


def _store():
    from datetime import datetime

    from studylog.paths import database_target
    from studylog.store.db import open_store

    return open_store(database_target(None), "tester", datetime(2024, 4, 18, 12, tzinfo=UTC))


def _reshape(store, entry_id: int, **values) -> None:
    """Give a hand-typed entry what the CLI cannot type yet (several items, a period)."""
    from studylog.store.entries import extra_item_rows, item_columns
    from studylog.store.journal import change

    items = values.pop("items", None)
    with change(store, "reshape for the test") as ch:
        if items:
            values.update(item_columns(items))
            ch.insert_many("entry_item", extra_item_rows(store.owner, entry_id, items))
        ch.update("entry", entry_id, values)


def _hand_typed_store(cli) -> None:
    cli("goal", "read the DPO paper", "--note", "section 4", ok=True)  # 1: met today by 3
    cli("goal", "review [[backprop]] notes [hours:: 2]", "-i", "dlc/1", "--date", "2024-04-17", ok=True)  # 2
    cli("goal", "[x] a goal that looks done", ok=True)  # 3: open
    cli("done", "read the DPO paper", "-H", "1.5", "-g", "1", ok=True)  # 4
    cli("done", "reviewed backprop", "-H", "0.1", "-g", "2", "--note", "chain rule", ok=True)  # 5: meets 2 a day late
    cli("done", "two chapters", "-H", "2", "-i", "dlc/1", ok=True)  # 6: + dlc/2
    cli("done", "project week", "-H", "3", "--date", "2024-04-16", ok=True)  # 7: 30 h over 2024-04-10..16
    cli("done", "# a text\nover two lines - [ ] x :: y", "--date", "2024-04-16", ok=True)  # 8
    cli("done", "no hours at all", "--date", "2024-04-17", ok=True)  # 9
    store = _store()
    _reshape(store, 6, items=["dlc/1", "dlc/2"])
    _reshape(store, 7, period_start=date(2024, 4, 10), period_end=date(2024, 4, 16), hours=30.0)
    store.close()


def _comparable(cli, env=None) -> list[tuple]:
    entries = cli("log", "--json", env=env, ok=True).json()[::-1]
    by_id = {e["id"]: (e["date"], e["text"]) for e in entries}
    return [
        (
            e["kind"],
            e["date"],
            e["text"],
            e["hours"],
            e["item"],
            e["items"],
            e["period"],
            e.get("met_on"),
            by_id.get(e.get("goal")) if e["kind"] == "done" else None,
            e["notes"],
        )
        for e in sorted(entries, key=lambda e: (e["date"], e["kind"] == "done", e["id"]))
    ]


def _weeks(cli, env=None) -> list[dict]:
    out = []
    for when in ("2024-04-18", "2024-04-11"):
        week = cli("week", when, "--json", env=env, ok=True).json()
        kept = {k: v for k, v in week.items() if k in ("goals_met", "total_hours", "days")}
        # ids differ between stores; an import stores its open goals as plans of their own day
        kept["goals"] = [{k: v for k, v in g.items() if k not in ("id", "dropped_on")} for g in week["goals"]]
        out.append(kept)
    return out


def test_export_then_import_keeps_hours_items_goals_and_periods(cli, tmp_path, switch_store):
    _hand_typed_store(cli)
    before, weeks = _comparable(cli), _weeks(cli)
    out = cli("export", "daily-notes", ok=True).stdout
    assert out == (
        "\n[[2024-04-18]]\n\nGoals:\n"
        "- [x] read the DPO paper\n\t- section 4\n"
        "- [ ] \\[x] a goal that looks done\n\n"
        "Done:\n"
        "- read the DPO paper [hours:: 1.5] [goal:: #1]\n"
        "- reviewed backprop [hours:: 0.1] [item:: dlc/1] [goal:: 2024-04-17 #1]\n\t- chain rule\n"
        "- two chapters [hours:: 2] [item:: dlc/1] [item:: dlc/2]\n"
        "\n[[2024-04-17]]\n\nGoals:\n"
        "- [x] review [[backprop]] notes \\[hours:: 2] [item:: dlc/1] [completion:: 2024-04-18]\n\n"
        "Done:\n- no hours at all\n"
        "\n[[2024-04-16]]\n\nDone:\n"
        "- project week [hours:: 30] [period:: 2024-04-10..2024-04-16]\n"
        "- \\# a text\n  over two lines - [ ] x :: y\n"
    )
    page = tmp_path / "notes.md"
    page.write_text(out, encoding="utf-8")
    switch_store()
    report = imported(cli, page)
    assert (report["added"], report["problems"]) == (9, [])
    assert _comparable(cli) == before
    assert _weeks(cli) == weeks
    assert weeks[0]["goals_met"] == 2
    assert cli("export", "daily-notes", ok=True).stdout == out  # and the export of the copy is the same
    assert imported(cli, page)["added"] == 0
    cli("undo", ok=True)  # the import is one change: entries, their items and goal links go
    assert cli("log", "--json", ok=True).json() == []
    assert imported(cli, page)["added"] == 9 and _comparable(cli) == before


def test_one_file_per_day_keeps_them_too(cli, tmp_path, switch_store):
    _hand_typed_store(cli)
    before = _comparable(cli)
    cli("export", "daily-notes", "--dir", str(tmp_path / "vault"), ok=True)
    switch_store()
    imported(cli, tmp_path / "vault")
    assert _comparable(cli) == before


def test_the_learners_notes_get_no_fields_but_what_was_added_by_hand(cli):
    imported(cli)
    original = NOTES.read_text(encoding="utf-8")
    goal = next(e for e in cli("log", "--json", ok=True).json() if e["text"] == "review some backprop notes")
    cli("done", "went over the derivatives handout", "-H", "1", "-g", str(goal["id"]), ok=True)
    out = cli("export", "daily-notes", ok=True).stdout
    changed = [line for line in out.split("\n") if line not in original.split("\n")]
    assert changed == [
        "- [x] review some backprop notes",
        "- went over the derivatives handout [hours:: 1] [goal:: #2]",
    ]


BAD_FIELDS = """\
[[2024-04-18]]

Goals:
- [x] planned [hours:: 2] [completion:: someday]
- [ ] open [completion:: 2024-04-19]

Done:
- unknown item [item:: nope/1] [item:: DLC/1] [hours:: lots]
- a goal too far [goal:: #7] [period:: 2024-04-20..2024-04-10]
- wrong day [period:: 2024-04-01..2024-04-05]
"""


def test_bad_fields_are_problems_not_crashes(cli, tmp_path):
    page = tmp_path / "notes.md"
    page.write_text(BAD_FIELDS, encoding="utf-8")
    report = cli("import", "daily-notes", str(page), "--json", ok=True).json()
    assert report["added"] == 5
    problems = [(p["line"], p["level"], p["message"]) for p in report["problems"]]
    assert [p[:2] for p in problems] == [(4, "doubtful")] * 2 + [(5, "doubtful")] + [(8, "doubtful")] * 2 + [
        (9, "doubtful"),
        (10, "doubtful"),
    ]
    assert "[hours:: 2] is not for a goal" in problems[0][2]
    assert "[hours:: lots] is not a number of hours" in problems[3][2]
    assert "[item:: nope/1] is not an item of any curriculum" in problems[4][2]
    assert "ends on 2024-04-05, not on 2024-04-18" in problems[6][2]
    log = {e["text"]: e for e in cli("log", "--json", ok=True).json()}
    assert set(log) == {"planned", "open", "unknown item", "a goal too far", "wrong day"}
    assert (log["planned"]["met_on"], log["open"]["met_on"]) == ("2024-04-18", None)
    assert (log["unknown item"]["items"], log["unknown item"]["hours"]) == (["dlc/1"], None)
    assert (log["a goal too far"]["goal"], log["a goal too far"]["period"]) == (None, None)
    assert (log["wrong day"]["date"], log["wrong day"]["period"]) == (
        "2024-04-05",
        {"start": "2024-04-01", "end": "2024-04-05"},
    )


_TEXT = st.lists(
    st.sampled_from(["[", "]", "::", "- [ ] ", "[x] ", "#", " ", "  ", "\\", "hours", "item", "goal", "x", "é", "\n"]),
    min_size=1,
    max_size=14,
).map(lambda parts: "".join(parts).strip())


def _records(draws):
    from studylog.store.records import Done, Goal

    out = []
    for n, (kind, text, hours, items, met) in enumerate(draws, start=1):
        if kind == "goal":
            out.append(
                Goal(
                    n,
                    date(2024, 4, 18),
                    text,
                    items[0] if items else None,
                    date(2024, 4, 18) if met else None,
                    None,
                    items=tuple(items),
                )
            )
        else:
            out.append(Done(n, date(2024, 4, 18), text, hours, items[0] if items else None, None, items=tuple(items)))
    return out


def _kept(text: str) -> str:
    """What a bullet holds of a text: each line without the whitespace around it (markdown does
    not show it; so it has been for every export since the first), blank lines at the end dropped."""
    lines = [line.strip() for line in text.split("\n")]
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["goal", "done"]),
            _TEXT.filter(bool),
            st.none() | st.floats(min_value=0, max_value=24, allow_nan=False),
            st.lists(st.sampled_from(["dlc/1", "dlc/2", "aisf/3"]), max_size=3, unique=True),
            st.booleans(),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_text_and_hours_come_back(draws):
    from studylog.exporters.daily_notes import day_body

    records = _records(draws)
    page = "[[2024-04-18]]\n\n" + "\n".join(day_body(records)) + "\n"
    result = daily_notes.parse(page, None)
    assert [p for p in result.problems if p.level == "skipped"] == []
    back = result.entries
    assert len(back) == len(records)
    goals = [r for r in records if r.__class__.__name__ == "Goal"]
    done = [r for r in records if r.__class__.__name__ == "Done"]
    for record, entry in zip(goals + done, back, strict=True):
        assert (entry.kind, entry.text) == ("goal" if record in goals else "done", _kept(record.text))
        assert entry.items == list(record.items)
        if record in done:
            assert entry.hours == record.hours
        else:
            assert entry.met_on == record.met_on


def test_a_note_that_writes_fields_or_escapes_them_comes_back_as_written(cli, tmp_path):
    notes = (
        "\n[[2024-04-18]]\n\nGoals:\n- [ ] plan as a task\n- \\[x] not a task\n\n"
        "Done:\n- escaped \\[hours:: 1]\n- read [hours:: 1.25] [item:: dlc/1]\n"
    )
    page = tmp_path / "notes.md"
    page.write_text(notes, encoding="utf-8")
    assert imported(cli, page)["problems"] == []
    log = {e["text"]: e for e in cli("log", "--json", ok=True).json()}
    assert set(log) == {"plan as a task", "\\[x] not a task", "escaped [hours:: 1]", "read"}
    assert (log["escaped [hours:: 1]"]["hours"], log["read"]["hours"], log["read"]["items"]) == (None, 1.25, ["dlc/1"])
    assert cli("export", "daily-notes", ok=True).stdout == notes


def test_long_lines_are_read_in_linear_time():
    import time

    lines = [" " * 200_000 + "x", "[hours:: 1] " * 20_000, "\\" * 100_000 + "[item:: dlc/1]", " ]" * 100_000]
    page = "[[2024-04-18]]\n\nDone:\n" + "".join(f"- a{line}\n" for line in lines)
    started = time.perf_counter()
    result = daily_notes.parse(page, None)
    assert len(result.entries) == 4 and result.entries[1].hours == 1.0
    assert time.perf_counter() - started < 5  # quadratic, these took minutes
