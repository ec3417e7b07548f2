"""The TIL page: import the learner's real page, export it back exactly; structure checked with a
CommonMark parser (markdown-it-py); hostile text stays inside its list item."""

from __future__ import annotations

import importlib.util
import os
import re
from datetime import UTC, date, timedelta

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import SHARED, golden
from studylog.config import KEYS
from studylog.exporters.til import numbered
from studylog.importers import til
from studylog.markdown_lines import escape_line, unescape_line
from studylog.store.records import Note

PAGE = SHARED / "formats" / "til-page-jekyll.md"
SETTINGS = {name: key.default for name, key in KEYS.items()}


def link_args() -> list[str]:
    """Link to curriculum items when the linker exists; exports of TIL-imported text are verbatim
    either way, so the tests below pass with and without it."""
    return [] if importlib.util.find_spec("studylog.importers.linker") else ["--no-link"]


def normalise(text: str) -> str:
    """Equal up to what markdown does not see: trailing whitespace, runs of blank lines, and the
    characters of a nested item's indentation. The learner's page indents one nested list with 3
    spaces where the exporter writes a tab, so leading whitespace becomes its nesting depth
    (one level per started 4 columns), written as tabs."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        stripped = line.lstrip(" \t")
        if stripped != line:
            columns = len(line[: len(line) - len(stripped)].expandtabs(4))
            line = "\t" * ((columns + 3) // 4) + stripped
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def trimmed(text: str) -> str:
    """The text without trailing whitespace on its lines, runs of blank lines or the final ones:
    nothing else (unlike ``normalise``, indentation stays exactly as written)."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).rstrip("\n")


def body(text: str) -> str:
    """The page without its front matter (Jekyll strips it before rendering)."""
    assert text.startswith("---\n")
    return text.split("\n---\n", 1)[1]


def structure(text: str) -> list[tuple[str, str, int, str]]:
    """The block tokens a CommonMark parser sees: (type, tag, level, inline content)."""
    tokens = MarkdownIt("commonmark").parse(body(text))
    return [(t.type, t.tag, t.level, t.content.strip() if t.type == "inline" else "") for t in tokens]


def plain(inline) -> str:
    """The text an inline token renders to (escapes resolved, soft breaks as newlines)."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def imported(cli, *extra: str) -> dict:
    return cli("import", "til", str(PAGE), "--json", *extra, *link_args(), ok=True).json()


# -- (1) fidelity ----------------------------------------------------------------------------------


def test_import_then_export_by_range_gives_the_page_back(cli):
    imported(cli)
    out = cli("export", "til", "--group", "range", ok=True).stdout
    original = PAGE.read_text(encoding="utf-8")
    assert normalise(out) == normalise(original)
    # What the normalisation hides, exactly: 7 lines with trailing spaces and one double blank
    # line. Every indentation is the page's own (the 3 items indented with 3 spaces too).
    assert out.endswith("\n") and "\n\n\n" not in out
    assert sum(line != line.rstrip() for line in original.split("\n")) == 7
    assert trimmed(out) == trimmed(original)
    assert "\n   1. [Detoxify](https://github.com/unitaryai/detoxify)" in out


def test_export_has_the_same_markdown_structure_as_the_page(cli):
    imported(cli)
    out = cli("export", "til", "--group", "range", ok=True).stdout
    assert structure(out) == structure(PAGE.read_text(encoding="utf-8"))


# -- (2) idempotent, (3) dry run -------------------------------------------------------------------


def test_importing_twice_adds_nothing(cli):
    first = imported(cli)
    assert (first["entries"], first["added"], first["already_imported"], first["days"]) == (76, 76, 0, 23)
    again = imported(cli)
    assert (again["added"], again["already_imported"]) == (0, 76)
    assert len(cli("log", "--json", ok=True).json()) == 76


def test_dry_run_writes_nothing(cli):
    report = imported(cli, "--dry-run")
    assert (report["dry_run"], report["added"], report["problems"]) == (True, 76, [])
    assert cli("log", "--json", ok=True).json() == []
    assert cli("export", "til", ok=True).stdout.count("\n# ") == 0
    assert imported(cli)["added"] == 76  # nothing was marked as imported either


# -- (4) exact counts ------------------------------------------------------------------------------


def test_parse_counts_of_the_learners_page():
    result = til.parse(PAGE.read_text(encoding="utf-8"))
    assert result.problems == []
    assert result.meta["front_matter"] == {
        "layout": "page",
        "permalink": "/TIL/",
        "title": "TIL",
        "description": "Today I learnt.",
        "nav": True,
        "nav_order": 5,
    }
    assert list(result.meta["front_matter"]) == ["layout", "permalink", "title", "description", "nav", "nav_order"]
    entries = result.entries
    sections = {(e.day, e.period) for e in entries}
    assert len(sections) == 23
    assert sum(1 for _, period in sections if period is None) == 11  # single-day headings
    assert len(entries) == 76 and all(e.kind == "done" for e in entries)
    assert [e.line for e in entries if e.style == "paragraph"] == [33]
    assert entries[[e.line for e in entries].index(33)].text == "Flight back to China. Time with family and friends."
    notes = {e.line: [n.depth for n in e.notes] for e in entries if e.notes}
    assert notes == {65: [0] * 6, 80: [0, 0, 1, 1, 1, 0], 89: [0] * 4, 95: [0] * 13, 109: [0, 0], 159: [0, 0, 0]}
    assert sum(len(e.notes) for e in entries) == 34


def test_parse_keeps_days_periods_and_text():
    entries = til.parse(PAGE.read_text(encoding="utf-8")).entries
    first = entries[0]
    assert (first.day, first.period, first.line) == (date(2023, 8, 18), (date(2023, 8, 12), date(2023, 8, 18)), 10)
    assert first.text.endswith(
        "(https://lilianweng.github.io/posts/2021-09-25-train-large/),"
    )  # trailing space dropped
    single = next(e for e in entries if e.line == 149)  # under "# 2023-05-10 " (trailing space)
    assert (single.day, single.period) == (date(2023, 5, 10), None)
    nbsp = next(e for e in entries if e.line == 143)
    assert "your\u00a0career" in nbsp.text  # kept exactly, no-break space included
    deep = next(e for e in entries if e.line == 80).notes[2]
    assert (deep.text, deep.depth) == ("commitment-aversion thoughts", 1)
    spaces = next(e for e in entries if e.line == 159).notes[0]
    assert spaces == Note("[Detoxify](https://github.com/unitaryai/detoxify): model to remove unsafe content.", 0)


# -- (5) the export parses as intended -------------------------------------------------------------


def test_export_front_matter_is_yaml_in_order(cli):
    cli("config", "set", "til.description", "Things: I learnt # daily", ok=True)
    cli("config", "set", "til.nav", "false", ok=True)
    out = cli("export", "til", ok=True).stdout
    head = out.split("---\n")[1]
    data = yaml.safe_load(head)
    assert list(data) == ["layout", "permalink", "title", "description", "nav", "nav_order"]
    assert data == {
        "layout": "page",
        "permalink": "/TIL/",
        "title": "TIL",
        "description": "Things: I learnt # daily",
        "nav": False,
        "nav_order": 5,
    }


def test_export_headings_and_lists_by_markdown_it(cli):
    imported(cli)
    out = cli("export", "til", "--group", "range", ok=True).stdout
    tokens = MarkdownIt("commonmark").parse(body(out))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert len(headings) == 23 and all(t.tag == "h1" for t in tokens if t.type == "heading_open")
    assert headings[:3] == ["2023-08-12 - 2023-08-18", "2023-08-01 - 2023-08-11", "2023-07-24 - 2023-07-31"]
    assert "2023-06-07" in headings and headings[-1] == "2023-05-08"
    assert sum(t.type == "list_item_open" and t.level == 1 for t in tokens) == 75  # + 1 paragraph
    assert sum(t.type == "list_item_open" and t.level > 1 for t in tokens) == 34
    assert not any(t.type in ("hr", "code_block", "fence", "html_block", "blockquote_open") for t in tokens)


# -- (6) hostile text ------------------------------------------------------------------------------

HOSTILE = [
    "# not a heading",
    "a --- b",
    "---",
    "line1\nline2",
    "1. not a list",
    "- bullet",
    "> quote",
    "```",
    "<div>",
    "[label]: /url",
    "title\n===",
    "x\n# 2023-01-01\n---\n2. y\n\nafter blank",
]


def test_hostile_text_stays_inside_its_list_item(cli, tmp_path, switch_store):
    for text in HOSTILE:
        cli("done", "--note", "## note heading", "--note", "\t---", "--note", "1) n", "--", text, ok=True)
    out = cli("export", "til", "--group", "day", ok=True).stdout
    tokens = MarkdownIt("commonmark").parse(body(out))
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1"]
    assert tokens[1].content == "2024-04-18"
    assert not any(
        t.type in ("hr", "code_block", "fence", "html_block", "blockquote_open", "bullet_list_open") for t in tokens
    )
    top = [i for i, t in enumerate(tokens) if t.type == "list_item_open" and t.level == 1]
    assert len(top) == len(HOSTILE)
    assert sum(t.type == "list_item_open" and t.level > 1 for t in tokens) == 3 * len(HOSTILE)
    firsts = [plain(tokens[i + 2]) for i in top]  # list_item_open, paragraph_open, inline
    assert firsts[:5] == ["# not a heading", "a --- b", "---", "line1\nline2", "1. not a list"]
    # ... and importing the page gives the same text back (into another store)
    page = tmp_path / "til.md"
    page.write_text(out, encoding="utf-8")
    switch_store()  # a second, empty store (another database on PostgreSQL)
    other = None
    report = cli("import", "til", str(page), "--json", "--no-link", env=other, ok=True).json()
    assert (report["added"], report["problems"]) == (len(HOSTILE), [])
    back = cli("log", "--json", env=other, ok=True).json()[::-1]
    assert [e["text"] for e in back] == HOSTILE
    assert back[0]["notes"] == [
        {"text": "## note heading", "depth": 0},
        {"text": "---", "depth": 1},
        {"text": "1) n", "depth": 0},
    ]
    assert cli("export", "til", "--group", "day", env=other, ok=True).stdout == out


_PIECES = st.sampled_from(
    [
        "#",
        "# ",
        "-",
        "- ",
        "--",
        "---",
        "*",
        "+ ",
        "1.",
        "1. ",
        "2) ",
        "=",
        ">",
        "```",
        "~~~",
        "<div>",
        "<!--",
        "[a]:",
        "[b",
        "\\",
        "x",
        "word ",
        " ",
        "\t",
        "\n",
        "\n\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=12).map("".join), min_size=1, max_size=3))
def test_any_text_stays_one_list_item(texts):
    texts = [t if t.strip() else "x" for t in texts]
    page = "---\n---\n# 2024-01-01\n" + "\n".join(numbered([(t, [Note(t, 0)]) for t in texts])) + "\n"
    tokens = MarkdownIt("commonmark").parse(body(page))
    assert [t.type for t in tokens if t.level == 0] == [
        "heading_open",
        "heading_close",
        "ordered_list_open",
        "ordered_list_close",
    ]
    assert sum(t.type == "list_item_open" and t.level == 1 for t in tokens) == len(texts)
    assert sum(t.type == "list_item_open" and t.level == 3 for t in tokens) == len(texts)
    assert not any(t.type in ("heading_open", "hr", "code_block", "fence", "html_block") for t in tokens[3:])


@given(st.text(st.sampled_from(list("#-*+_=>`~<[]:.)1 \tax!/"))))
def test_unescape_undoes_escape(line):
    if not re.match(r"\d+\\", line):
        assert unescape_line(escape_line(line)) == line


# -- hours and links on entries logged with studylog ------------------------------------------------

DLC1 = "https://github.com/jacobhilton/deep_learning_curriculum/blob/master/1-Transformers.md"


def test_hours_template_and_item_links(cli):
    cli("done", "Read the transformer chapter", "-H", "2.3", "-i", "dlc/1", ok=True)
    cli("done", "spent 1.5h on [the paper](https://x.org)", "-H", "1.5", "-i", "dlc/1", ok=True)
    cli("done", "DPO notes [draft]", "-H", "15", "-i", "dlc/1", ok=True)
    cli("done", "no hours, no item", ok=True)
    out = cli("export", "til", "--group", "day", ok=True).stdout
    assert body(out).split("\n")[:5] == [
        "# 2024-04-18",
        f"1. Around 2.25 hours: [read the transformer chapter]({DLC1}) <!-- studylog hours: 2.3 -->",
        "2. spent 1.5h on [the paper](https://x.org)",
        f"3. Around 15 hours: DPO notes [draft] ([link]({DLC1}))",
        "4. no hours, no item",
    ]
    cli("config", "set", "til.hours_template", "{text} ({hours}h)", ok=True)
    assert f"1. [read the transformer chapter]({DLC1}) (2.3h)" in cli("export", "til", ok=True).stdout
    # a template written for the old default: "{hours} hours" reads as the duration
    cli("config", "set", "til.hours_template", "Around {hours} hours to {text}", ok=True)
    assert f"1. Around 2.25 hours to [read the transformer chapter]({DLC1})" in cli("export", "til", ok=True).stdout


@pytest.mark.parametrize(
    ("text", "hours", "line"),
    [
        ("reviewed backprop calculus notes", 1.5, "Around 1.5 hours: reviewed backprop calculus notes"),
        ("Reviewed backprop calculus notes.", 1, "Around 1 hour: reviewed backprop calculus notes."),
        ("read the DPO paper", 0.67, "Around 40 minutes: read the DPO paper"),
        ("read the DPO paper", 0.02, "Around 5 minutes: read the DPO paper"),
        ("read", 0.98, "Around 1 hour: read"),
        ("read", 2.25, "Around 2.25 hours: read"),
        ("read", 2.3, "Around 2.25 hours: read"),
        ("read", 1.9, "Around 2 hours: read"),
        ("read", 12.4, "Around 12 hours: read"),
        ("DPO notes", 3, "Around 3 hours: DPO notes"),
        (
            "**bold** and `code` [link](https://x.org)",
            0.5,
            "Around 30 minutes: **bold** and `code` [link](https://x.org)",
        ),
        ("...", 1, "Around 1 hour"),
        ("spent 90 minutes on the paper", 1.5, "spent 90 minutes on the paper"),
    ],
)
def test_hand_typed_hours_read_as_english(cli, text, hours, line):
    from studylog.importers.til import HOURS_MARK

    cli("done", "--hours", str(hours), "--", text, ok=True)
    written = body(cli("export", "til", "--group", "day", ok=True).stdout).split("\n")[1]
    assert HOURS_MARK.sub("", written) == f"1. {line}"  # a rounded duration also carries the exact hours
    assert til.parse(f"# 2024-04-18\n{written}\n").entries[0].hours == hours


def test_duration_rule():
    from studylog.exporters.til import duration

    assert [duration(h) for h in (0.0, 0.04, 0.1, 0.25, 0.5, 0.75, 0.96, 1.0, 1.1, 1.13, 1.25, 9.9, 10.4, 24)] == [
        "5 minutes",
        "5 minutes",
        "5 minutes",
        "15 minutes",
        "30 minutes",
        "45 minutes",
        "1 hour",  # 58 minutes round to an hour
        "1 hour",
        "1 hour",
        "1.25 hours",
        "1.25 hours",
        "10 hours",
        "10 hours",
        "24 hours",
    ]


def test_til_imported_text_is_never_dressed(cli):
    report = cli("import", "til", str(PAGE), "--json", "--no-link", ok=True).json()
    assert report["added"] == 76
    entry = next(
        e for e in cli("log", "--json", ok=True).json() if e["text"] == "Did my first introductory to EA course."
    )
    cli("edit", str(entry["id"]), "--item", "dlc/1", "--hours", "3", ok=True)
    out = cli("export", "til", "--group", "range", ok=True).stdout
    page = PAGE.read_text(encoding="utf-8")
    edited = "Did my first introductory to EA course."
    # not dressed: only the hours it was given since (the text says none) are added, as a mark
    assert normalise(out) == normalise(page.replace(edited, edited + " <!-- studylog hours: 3 -->"))


def test_a_line_naming_two_weeks_links_both(cli):
    report = cli("import", "til", str(PAGE), "--json", ok=True).json()
    assert {"line": 17, "item": "aisf/3", "items": ["aisf/3", "aisf/4"]}.items() <= next(
        e for e in report["linked"] if e["line"] == 17
    ).items()
    assert len(report["linked"]) == 18
    entry = next(e for e in cli("log", "--json", ok=True).json() if "Week 3 Goal Misgeneralization" in e["text"])
    assert (entry["item"], entry["items"], entry["hours"]) == ("aisf/3", ["aisf/3", "aisf/4"], None)
    assert entry["period"] == {"start": "2023-08-01", "end": "2023-08-11"}
    out = cli("export", "til", "--group", "range", ok=True).stdout
    assert normalise(out) == normalise(PAGE.read_text(encoding="utf-8"))  # the words stay exactly


# -- (7) grouping, ranges, --out -------------------------------------------------------------------


def _monday(day: str) -> date:
    return date.fromisoformat(day) - timedelta(days=date.fromisoformat(day).weekday())


def _ranges(text: str) -> set[tuple[str, str]]:
    return set(re.findall(r"^# (\S+) - (\S+)$", text, re.MULTILINE))


def test_group_week_and_day_golden(cli):
    imported(cli)
    week = cli("export", "til", "--group", "week", ok=True).stdout
    day = cli("export", "til", "--group", "day", ok=True).stdout
    golden("til-week.md", week)
    golden("til-day.md", day)
    assert cli("export", "til", ok=True).stdout == week  # week is the default
    # A range heading of the page covers its lines: the lines keep it, unless it lies inside one
    # week (then they go under the week's heading, as single days do).
    periods = _ranges(PAGE.read_text(encoding="utf-8"))
    assert len(periods) == 12 and _ranges(day) == periods
    inside_a_week = {(a, b) for a, b in periods if _monday(a) == _monday(b)}
    assert inside_a_week == {("2023-05-17", "2023-05-19"), ("2023-06-20", "2023-06-24")}
    weeks = _ranges(week) - (periods - inside_a_week)
    assert weeks and all(
        date.fromisoformat(a).weekday() == 0 and (date.fromisoformat(b) - date.fromisoformat(a)).days == 6
        for a, b in weeks
    )
    assert len(re.findall(r"^# \d{4}-\d{2}-\d{2}$", day, re.MULTILINE)) == 11
    # within a week, earlier days first; within a day, in the order logged
    assert week.index("[Project Starline]") < week.index("[NeRF - Representing")  # 05-13, then 05-14


def test_week_start_setting(cli):
    imported(cli)
    cli("done", "read a chapter", ok=True)  # a Thursday, 2024-04-18
    cli("config", "set", "week_start", "sunday", ok=True)
    week = cli("export", "til", "--group", "week", ok=True).stdout
    assert body(week).startswith("# 2024-04-14 - 2024-04-20\n1. read a chapter\n")
    periods = _ranges(PAGE.read_text(encoding="utf-8"))
    starts = [a for a, b in _ranges(week) if (a, b) not in periods]
    assert len(starts) > 3 and all(date.fromisoformat(s).weekday() == 6 for s in starts)


def test_since_until(cli):
    imported(cli)
    out = cli("export", "til", "--group", "range", "--since", "2023-06-01", "--until", "2023-06-30", ok=True).stdout
    assert re.findall(r"^# (.*)$", out, re.MULTILINE) == [
        "2023-06-25 - 2023-06-30",
        "2023-06-20 - 2023-06-24",
        "2023-06-14 - 2023-06-19",
        "2023-06-08 - 2023-06-13",
        "2023-06-07",
        "2023-06-01 - 2023-06-06",
    ]
    assert cli("export", "til", "--since", "2030-01-01", ok=True).stdout == "\n".join(
        [
            "---",
            "layout: page",
            "permalink: /TIL/",
            "title: TIL",
            "description: Today I learnt.",
            "nav: true",
            "nav_order: 5",
            "---",
            "",
        ]
    )
    cli("export", "til", "--since", "2023-07-01", "--until", "2023-06-01", ok=False)


def test_out_writes_the_whole_file_atomically(cli, tmp_path, monkeypatch):
    imported(cli)
    target = tmp_path / "site" / "til.md"
    result = cli("export", "til", "--group", "range", "--out", str(target), ok=True)
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == cli("export", "til", "--group", "range", ok=True).stdout
    assert os.listdir(target.parent) == ["til.md"]
    # a failed write leaves the old file as it was, and no temporary file behind
    target.write_text("old page\n", encoding="utf-8")

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    cli("export", "til", "--out", str(target), ok=False)
    assert target.read_text(encoding="utf-8") == "old page\n"
    assert os.listdir(target.parent) == ["til.md"]


def test_group_must_be_known(cli):
    assert cli("export", "til", "--group", "month").exit_code != 0


# -- (9) malformed files ---------------------------------------------------------------------------

MALFORMED = """\
some words before any heading
1. and a list item

# 2023-02-30
1. under an impossible date
\t1. its note

# 2023-03-01 - 2023-02-01
1. under a backwards range

# 2023-03-02
1. fine
## a sub-heading
2. also fine
      1. deep note

# Notes
1. under a heading with no date
"""


def test_malformed_page_imports_what_it_can(cli, tmp_path):
    page = tmp_path / "bad.md"
    page.write_text(MALFORMED, encoding="utf-8")
    report = cli("import", "til", str(page), "--json", "--no-link", ok=True).json()
    assert (report["added"], report["days"]) == (2, 1)
    assert [(p["line"], p["level"]) for p in report["problems"]] == [
        (1, "skipped"),
        (4, "skipped"),
        (8, "skipped"),
        (13, "skipped"),
        (17, "skipped"),
    ]
    messages = [p["message"] for p in report["problems"]]
    assert "2 lines skipped" in messages[0] and "impossible date" in messages[1] and "2 lines" in messages[1]
    assert "ends before it starts" in messages[2] and "sub-heading" in messages[3] and "no date" in messages[4]
    texts = [(e["text"], e["notes"]) for e in cli("log", "--json", ok=True).json()[::-1]]
    assert texts == [("fine", []), ("also fine", [{"text": "deep note", "depth": 0}])]
    human = " ".join(cli("import", "til", str(page), "--no-link", ok=True).stdout.split())
    assert "impossible date" in human and "already imported" in human


def test_binary_file_is_refused_and_nothing_is_written(cli, tmp_path):
    page = tmp_path / "garbage.md"
    page.write_bytes(bytes(range(256)) * 4)
    result = cli("import", "til", str(page), "--no-link")
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "studylog: error" in result.stderr
    assert cli("log", "--json", ok=True).json() == []


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parse_never_raises(text):
    result = til.parse(text)
    assert all(p.line >= 1 for p in result.problems)


@settings(max_examples=100, deadline=None)
@given(st.binary())
def test_parse_never_raises_on_decoded_garbage(data):
    result = til.parse("# 2023-01-01\n" + data.decode("utf-8", errors="replace"))
    assert all(e.day == date(2023, 1, 1) for e in result.entries)


def test_hours_are_read_from_the_text_when_the_hours_finder_exists():
    if importlib.util.find_spec("studylog.importers.hours_text") is None:
        pytest.skip("studylog.importers.hours_text is not there yet")
    result = til.parse("# 2023-01-01\n1. Around 2.3 hours to finish x\n2. spent 2-3 hours on y\n3. no time\n")
    assert [e.hours for e in result.entries] == [2.3, 2.5, None]
    assert [(p.line, p.level) for p in result.problems] == [(3, "doubtful")]


# -- periods logged by hand -------------------------------------------------------------------------


def _period(entry_id: int, start: date, end: date) -> None:
    """Make a hand-typed entry cover a period (as ``done --date A..B`` stores it: day = its end)."""
    from datetime import datetime

    from studylog.paths import database_target
    from studylog.store.db import open_store
    from studylog.store.journal import change

    store = open_store(database_target(None), "tester", datetime(2024, 4, 18, 12, tzinfo=UTC))
    with change(store, "a period for the test") as ch:
        ch.update("entry", entry_id, {"period_start": start, "period_end": end, "day": end})
    store.close()


def test_a_period_logged_by_hand_has_its_own_heading_and_comes_back(cli, tmp_path, switch_store):
    cli("done", "built the project", "-H", "20", "--date", "2024-04-11", ok=True)  # 1: 04-08..04-11, inside a week
    cli("done", "read the book", "-H", "3", "--date", "2024-04-16", ok=True)  # 2: 04-10..04-16, across two
    cli("done", "a single day", "-H", "0.5", "--date", "2024-04-16", ok=True)  # 3
    _period(1, date(2024, 4, 8), date(2024, 4, 11))
    _period(2, date(2024, 4, 10), date(2024, 4, 16))
    week = body(cli("export", "til", ok=True).stdout)
    assert week.split("\n") == [
        "# 2024-04-15 - 2024-04-21",
        "1. Around 30 minutes: a single day",
        "",
        "# 2024-04-10 - 2024-04-16",
        "1. Around 3 hours: read the book",
        "",
        "# 2024-04-08 - 2024-04-14",
        "1. Around 20 hours: built the project",
        "",
    ]
    day = body(cli("export", "til", "--group", "day", ok=True).stdout)
    assert re.findall(r"^# (.*)$", day, re.MULTILINE) == [
        "2024-04-16",
        "2024-04-10 - 2024-04-16",
        "2024-04-08 - 2024-04-11",
    ]
    page = tmp_path / "til.md"
    page.write_text(cli("export", "til", "--group", "range", ok=True).stdout, encoding="utf-8")
    switch_store()
    assert cli("import", "til", str(page), "--json", "--no-link", ok=True).json()["problems"] == []
    back = {e["text"]: (e["date"], e["period"], e["hours"]) for e in cli("log", "--json", ok=True).json()}
    assert back == {
        "Around 20 hours: built the project": ("2024-04-11", {"start": "2024-04-08", "end": "2024-04-11"}, 20.0),
        "Around 3 hours: read the book": ("2024-04-16", {"start": "2024-04-10", "end": "2024-04-16"}, 3.0),
        "Around 30 minutes: a single day": ("2024-04-16", None, 0.5),
    }


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.01, max_value=24, allow_nan=False))
def test_the_written_duration_reads_back_as_about_the_hours(hours):
    """What the page says is what an import of the page reads: within the rounding of the rule
    (2.5 minutes under an hour, 7.5 minutes up to 10 hours, half an hour above)."""
    from studylog.exporters.til import duration
    from studylog.importers.hours_text import find_hours

    read = find_hours(f"Around {duration(hours)}: read the paper")
    assert read is not None
    slack = 1 / 24 if hours < 1 else 0.125 if hours < 10 else 0.5
    assert abs(read - max(hours, 1 / 12)) <= slack + 1e-3


def test_a_rule_between_entries_is_layout_not_an_entry():
    found = til.parse("# 2023-07-16\n\n---\n\nAround 2 hours to finish [x](https://e.com)\n\n***\n\n1. read a paper\n")
    assert [(e.text, e.hours) for e in found.entries] == [
        ("Around 2 hours to finish [x](https://e.com)", 2.0),
        ("read a paper", None),
    ]
