"""Issue 12, shape 5: outliner syntax (Logseq, Org) is state and structure, not text, in generic
markdown bodies and in daily notes. Made-up examples in the real shapes, and the Logseq docs'
own journals (tests/fixtures/real-logs/logseq-journals-logseqdocs)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from studylog.importers import daily_notes, markdown, outliner

TODAY = date(2026, 12, 1)
JOURNALS = Path(__file__).parent / "fixtures" / "real-logs" / "logseq-journals-logseqdocs" / "journals"

PAGE = """\
- DONE [#A] read [[Rust Book]] ch. 4 #rust #[[ownership rules]]
  id:: 64f0c1a2-1111-2222-3333-444444444444
  collapsed:: true
  :LOGBOOK:
  CLOCK: [2024-01-05 Fri 10:00]--[2024-01-05 Fri 11:30] =>  01:30:00
  CLOCK: [2024-01-05 Fri 14:00]--[2024-01-05 Fri 14:45] =>  00:45:00
  :END:
	- borrowing is checked at compile time ((64f0c1a2-1111-2222-3333-444444444444))
- LATER write a blog post about it
- LATER
- CANCELED learn Haskell
	- monads first
- DONE 4 hours Android app
- ((64f0c1a2-1111-2222-3333-444444444444))
- {{embed [[Some page]]}}
- NOW fix the build
- WAITING review from [[Ana|my mentor]]
"""

WANT = [
    ("done", "read Rust Book ch. 4 #rust #ownership rules", 2.25, ["borrowing is checked at compile time"]),
    ("goal", "write a blog post about it", None, []),
    ("done", "4 hours Android app", 4.0, []),
    ("goal", "fix the build", None, []),
    ("goal", "review from my mentor", None, []),
]


def shape(entries) -> list[tuple]:
    return [(e.kind, e.text, e.hours, [n.text for n in e.notes]) for e in entries]


def test_a_markdown_body_reads_outliner_syntax_as_state_not_text():
    result = markdown.parse("## 2024-01-05\n" + PAGE, None, TODAY)
    assert shape(result.entries) == WANT
    messages = [(p.line, p.message) for p in result.problems]
    assert (12, "'learn Haskell' is marked CANCELED; not imported") in messages
    assert [line for line, m in messages if "block reference or macro" in m] == [15, 16]


def test_a_logseq_journal_reads_outliner_syntax_as_state_not_text():
    result = daily_notes.parse(PAGE, date(2024, 1, 5))
    assert shape(result.entries) == WANT
    messages = [(p.line, p.message) for p in result.problems]
    assert (11, "'learn Haskell' is marked CANCELED; not imported") in messages
    assert [line for line, m in messages if "block reference or macro" in m] == [14, 15]


def test_a_bare_marker_is_never_an_entry_and_labels_what_is_under_it():
    for parse in (
        lambda t: markdown.parse("# 2024-01-05\n" + t, None, TODAY).entries,
        lambda t: daily_notes.parse(t, date(2024, 1, 5)).entries,
    ):
        assert shape(parse("- LATER\n- read\n")) == [("done", "read", None, [])]
        assert shape(parse("- LATER\n  - read ch. 2\n  - read ch. 3\n- wrote\n")) == [
            ("goal", "read ch. 2", None, []),
            ("goal", "read ch. 3", None, []),
            ("done", "wrote", None, []),
        ]


def test_a_done_marker_under_a_plan_label_is_a_met_goal():
    text = "## 2024-01-10\n- TODO:\n  - DONE read ch. 5\n  - TODO read ch. 6\n  - read ch. 7\n"
    found = markdown.parse(text, None, TODAY).entries
    assert [(e.kind, e.text, e.met_on) for e in found] == [
        ("goal", "read ch. 5", date(2024, 1, 10)),
        ("goal", "read ch. 6", None),
        ("goal", "read ch. 7", None),
    ]


def test_code_spans_keep_their_brackets():
    assert outliner.inline("see `a[[0]]` and [[Page]]") == "see `a[[0]]` and Page"


@pytest.mark.parametrize(
    ("lines", "state", "text", "clock"),
    [
        (["DONE read"], "done", "read", None),
        (["TODO [#B] read"], "goal", "read", None),
        (["DOING read", "CLOCK: [2024-01-05 Fri 10:00]--[2024-01-05 Fri 10:20] =>  00:20:00"], "goal", "read", 1 / 3),
        (["NOW I see"], "goal", "I see", None),
        (["Now I see"], None, "Now I see", None),
        (["DONE: the list"], None, "DONE: the list", None),
        (["[ ] open"], "open", "open", None),
        (["[x] met"], "checked", "met", None),
        (["read", ":PROPERTIES:", ":id: 1", ":END:", "more"], None, "read\nmore", None),
    ],
)
def test_one_block_read(lines, state, text, clock):
    found = outliner.read(lines)
    assert (found.state, "\n".join(found.lines)) == (state, text)
    assert found.clock == (None if clock is None else pytest.approx(clock, abs=1e-3))


def test_the_logseq_docs_journals_as_markdown_bodies():
    """The Logseq documentation's own journals: markers and ``done::``/``now::`` properties."""
    found = {}
    for page in sorted(JOURNALS.iterdir()):
        for e in markdown.parse(page.read_text(encoding="utf-8"), page.name, TODAY).entries:
            found[e.day.isoformat()] = (e.kind, e.text)
    assert found == {
        "2020-09-23": ("done", "Test something"),
        "2020-10-02": ("done", "Testing\nTesting"),
        "2021-02-20": ("done", "Write changelog for v0.0.9"),
        "2021-02-26": ("goal", "Write changelog for v0.0.10"),
    }


def test_the_logseq_docs_journals_as_daily_notes(cli):
    cli("import", "daily-notes", str(JOURNALS), ok=True)
    found = sorted((e["date"], e["kind"], e["text"]) for e in cli("log", "--json", "--limit", "0", ok=True).json())
    assert found == [
        ("2020-09-23", "done", "Test something"),
        ("2020-10-02", "done", "Testing\nTesting"),
        ("2021-02-20", "done", "Write changelog for v0.0.9"),
        ("2021-02-26", "goal", "Write changelog for v0.0.10"),
    ]
