"""The text form ``studylog edit ID`` opens in an editor (studylog.entry_form): what it writes
reads back exactly, an unchanged form changes nothing, and each thing it cannot read is named
by its line and field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studylog.entry_form import FormError, Readers, changes, format_entry, quote, read_form, unquote, with_error
from studylog.errors import UsageError
from studylog.note import Note
from studylog.store.records import Done, Goal

KNOWN = {"dlc/1", "dlc/2", "reading/dpo"}


def _item(ref: str) -> str:
    if ref not in KNOWN:
        raise UsageError(f"unknown item {ref!r}")
    return ref


def _period(text: str) -> tuple[date, date]:
    first, _, last = text.partition("..")
    try:
        return date.fromisoformat(first.strip()), date.fromisoformat((last or first).strip())
    except ValueError:
        raise UsageError(f"cannot read {text!r} as a date") from None


def _hours(text: str, days: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"cannot read {text!r} as hours") from None
    if value > 24 * days:
        raise UsageError(f"{text!r} is more than 24 hours")
    return value


READ = Readers(_period, _hours, _item)
DAY = date(2024, 4, 18)


BASE_DONE = Done(
    12, DAY, "read the DPO paper", 2.5, "reading/dpo", 7, [Note("first note"), Note("its sub note", 1)],
    items=("reading/dpo",),
)  # fmt: skip
BASE_GOAL = Goal(3, DAY, "plan", None, None, None)


def done(**kw) -> Done:
    return BASE_DONE._replace(**kw)


def goal(**kw) -> Goal:
    return BASE_GOAL._replace(**kw)


def test_the_form_reads_as_the_issue_shows_it():
    text = format_entry(done())
    assert text.splitlines()[0].startswith("# studylog entry #12 (done). Change the fields, save and quit")
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body == [
        "text: read the DPO paper",
        "date: 2024-04-18",
        "hours: 2.5",
        "items: reading/dpo",
        "tags: ",
        "goal: #7",
        "notes:",
        "- first note",
        "  - its sub note",
    ]
    period = format_entry(done(period=(date(2024, 4, 15), DAY), hours=None, items=(), item=None, goal_id=None))
    assert "date: 2024-04-15..2024-04-18\nhours: \nitems: \ntags: \nnotes:\n" in period
    assert "hours" not in format_entry(goal()).replace("hours:", "").split("text:")[1]  # a goal has no hours line


@pytest.mark.parametrize("entry", [done(), goal(), done(hours="lots"), done(hours=1 / 3, notes=[])])
def test_an_unchanged_form_changes_nothing(entry):
    text = format_entry(entry)
    assert changes(entry, text, READ) == {}
    assert changes(entry, "", READ) == {}  # an emptied file: nothing
    assert changes(entry, text.replace("\n", "\r\n"), READ) == {}  # an editor that writes CRLF
    # comments, blank lines, spacing and a field left out change nothing either
    assert changes(entry, "# mine\n\n   text:   " + quote(entry.text) + "  \n", READ) == {}


def test_each_field_changed_is_all_that_changes():
    entry = done()
    text = format_entry(entry)
    assert changes(entry, text.replace("text: read the DPO paper", "text: reread it"), READ) == {"text": "reread it"}
    assert changes(entry, text.replace("hours: 2.5", "hours: 3"), READ) == {"hours": 3.0}
    assert changes(entry, text.replace("hours: 2.5", "hours:"), READ) == {"hours": None}
    assert changes(entry, text.replace("hours: 2.5", "hours: none"), READ) == {"hours": None}
    assert changes(entry, text.replace("2024-04-18", "2024-04-10..2024-04-12"), READ) == {
        "period": (date(2024, 4, 10), date(2024, 4, 12))
    }
    assert changes(entry, text.replace("items: reading/dpo", "items: dlc/1, dlc/2 ,dlc/1"), READ) == {
        "items": ["dlc/1", "dlc/2"]
    }
    assert changes(entry, text.replace("items: reading/dpo", "items:"), READ) == {"items": []}
    assert changes(entry, text.replace("items: reading/dpo", "items: reading/dpo,"), READ) == {}  # the same items
    assert changes(entry, text.replace("goal: #7", "goal: 7"), READ) == {}
    notes = changes(entry, text.replace("  - its sub note", "\t- sub\n    - deeper\n- last"), READ)
    assert notes == {"notes": [Note("first note"), Note("sub", 1), Note("deeper", 2), Note("last")]}
    assert changes(entry, text.split("\nnotes:\n")[0] + "\nnotes:\n", READ) == {"notes": []}  # all notes out
    assert changes(entry, text.split("\nnotes:\n")[0], READ) == {}  # no notes line: the notes stay


def test_an_item_no_longer_known_may_stay_linked():
    entry = done(item="gone/1", items=("gone/1",))
    text = format_entry(entry).replace("items: gone/1", "items: gone/1, dlc/2")
    assert changes(entry, text, READ) == {"items": ["gone/1", "dlc/2"]}
    with pytest.raises(FormError, match="unknown item 'gone/2'"):
        changes(entry, text.replace("dlc/2", "gone/2"), READ)


def test_hours_over_a_new_period_may_be_more_than_24():
    entry = done()
    text = format_entry(entry).replace("2024-04-18", "2024-04-16..2024-04-18").replace("hours: 2.5", "hours: 60")
    assert changes(entry, text, READ) == {"period": (date(2024, 4, 16), DAY), "hours": 60.0}


@pytest.mark.parametrize(
    "old, new, line, field, message",
    [
        ("hours: 2.5", "hours: lots", 7, "hours", "cannot read 'lots' as hours"),
        ("hours: 2.5", "hours: 25", 7, "hours", "more than 24 hours"),
        ("date: 2024-04-18", "date: someday", 6, "date", "cannot read 'someday' as a date"),
        ("date: 2024-04-18", "date:", 6, "date", "the date is empty"),
        ("items: reading/dpo", "items: dlc/1, nosuch/9", 8, "items", "unknown item 'nosuch/9'"),
        ("text: read the DPO paper", "text:   ", 5, "text", "the text is empty"),
        ("text: read the DPO paper", 'text: "unclosed', 5, "text", "cannot read '\"unclosed' as a quoted value"),
        ("goal: #7", "goal: #8", 10, "goal", "cannot be changed here"),
        ("goal: #7", "mood: great", 10, "mood", "unknown field 'mood'"),
        ("goal: #7", "items: dlc/1", 10, "items", "'items' is given twice"),
        ("goal: #7", "just some words", 10, None, "cannot read 'just some words'"),
        ("- first note", "-", 12, "notes", "the note is empty"),
        ("\nnotes:\n", "\nnotes: one\n", 11, "notes", "notes go on the lines after 'notes:'"),
        ("goal: #7\nnotes:", "- early\nnotes:", 10, "notes", "a note outside the notes"),
    ],
)
def test_what_cannot_be_read_is_named_by_line_and_field(old, new, line, field, message):
    entry = done()
    text = format_entry(entry)
    assert old in text
    with pytest.raises(FormError) as caught:
        changes(entry, text.replace(old, new, 1), READ)
    err = caught.value
    assert (err.line, err.field) == (line, field)
    assert message in err.detail
    assert str(err).startswith(f"line {line} ({field}): " if field else f"line {line}: ")
    assert isinstance(err, UsageError)  # one line on stderr, exit 2


def test_a_goal_takes_no_hours():
    with pytest.raises(FormError, match=r"line 7 \(hours\): a goal has no hours"):
        changes(goal(), format_entry(goal()).replace("\nitems:", "\nhours: 2\nitems:"), READ)
    assert changes(goal(), format_entry(goal()).replace("\nitems:", "\nhours:\nitems:"), READ) == {}


def test_the_form_again_has_the_error_at_the_top_once():
    entry = done()
    bad = format_entry(entry).replace("hours: 2.5", "hours: lots")
    with pytest.raises(FormError) as caught:
        changes(entry, bad, READ)
    again = with_error(bad, caught.value)
    assert again.splitlines()[0] == "# error: line 8 (hours): cannot read 'lots' as hours"
    assert again.splitlines()[7] == "hours: lots"  # line 8 of the new text, as the comment says
    assert again.split("\n", 1)[1] == bad  # the learner's text kept as it was
    with pytest.raises(FormError) as caught:
        changes(entry, again, READ)
    assert caught.value.line == 8
    twice = with_error(again, caught.value)
    assert twice == again  # one error line, not one more each time


# --- every text reads back exactly ------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
notes_st = st.lists(st.builds(Note, texts, st.integers(0, 4)), max_size=6)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(texts.filter(lambda t: t.strip()), notes_st)
def test_format_then_read_gives_every_text_and_note_back(text, notes):
    entry = done(text=text, notes=notes)
    written = format_entry(entry)
    form = read_form(written)
    assert unquote(form.fields["text"].value, 0, "text") == text
    assert form.notes is not None
    assert [n for _, n in form.notes] == notes
    assert changes(entry, written, READ) == {}
    assert "\x1b" not in written and "\u202e" not in written  # nothing an editor or terminal obeys
    assert written.count("\n") == 11 + len(notes)  # four comment lines, one a field, one a note


@settings(max_examples=200, deadline=None, derandomize=True)
@given(texts.filter(lambda t: t.strip()), notes_st, texts.filter(lambda t: t.strip()), notes_st)
def test_a_form_edited_to_other_texts_changes_them_to_exactly_those(text, notes, new_text, new_notes):
    entry = done(text=text, notes=notes)
    edited = format_entry(done(text=new_text, notes=new_notes))
    expected = {}
    if new_text != text:
        expected["text"] = new_text
    if new_notes != notes:
        if any(not n.text.strip() for n in new_notes):
            with pytest.raises(FormError, match="the note is empty"):
                changes(entry, edited, READ)
            return
        expected["notes"] = new_notes
    assert changes(entry, edited, READ) == expected


@given(st.dates(date(2000, 1, 1), date(2030, 1, 1)), st.integers(0, 365))
@settings(max_examples=50, deadline=None, derandomize=True)
def test_any_day_or_period_reads_back(first, length):
    period = (first, first + timedelta(days=length)) if length else None
    entry = done(day=first + timedelta(days=length), period=period)
    assert changes(entry, format_entry(entry), READ) == {}
    other = done(day=first - timedelta(days=1), period=None)
    assert changes(entry, format_entry(other), READ)["period"] == (other.day, other.day)
