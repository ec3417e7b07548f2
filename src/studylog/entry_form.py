"""The text form of an entry that ``studylog edit ID`` opens in an editor, and what an edited form
changes. Pure: no store, no terminal, no clock; how a date, hours and an item are read is given
(``Readers``), so that the form means what the command line means.

The form, one field a line (``field: value``), notes last, one a line under ``notes:``::

    # studylog entry #12 (done). Change the fields, save and quit; an unchanged file changes nothing.
    # ... (more comment lines: what each field takes)
    text: read the DPO paper
    date: 2024-04-18
    hours: 2.5
    items: reading/dpo, dlc/1
    goal: #7
    notes:
    - first note
      - its sub note

- Lines whose first character (after spaces) is ``#`` are comments, blank lines are nothing.
- ``date`` is a day or a period ``A..B``; ``hours`` (done items only) empty for none; ``items``
  comma separated, empty (or ``none``) for none; ``goal`` (the goal a done item met) is shown and
  cannot be changed here.
- A note is ``- text``, two spaces (or a tab) before the ``-`` per level of depth.
- A value is written as it is, unless it would not read back so (an empty one, one with spaces at
  either end or characters that cannot be shown, one that starts with ``"``): such a value is
  written as a JSON string (``"line one\\nline two"``), and any value in double quotes is read as
  one. So every text and note reads back exactly (tests/test_edit_form.py).
- A field left out is kept as it is; so is a field whose value is written as it was. Emptying the
  file changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from studylog.errors import UsageError
from studylog.namedtuple import NamedTuple
from studylog.note import Note
from studylog.store.records import Done, Goal

# The fields in the order the form writes them.
FIELDS = ("text", "date", "hours", "items", "tags", "goal", "notes")


class FormError(UsageError):
    """A line of an edited form that cannot be read (``line`` None: the form as a whole)."""

    def __init__(self, line: int | None, field: str | None, message: str, hint: str | None = None) -> None:
        where = f"line {line} ({field})" if line and field else f"line {line}" if line else field
        super().__init__(f"{where}: {message}" if where else message, hint)
        self.line = line
        self.field = field
        self.detail = message


class Readers(NamedTuple):
    """How the form reads what the command line reads: a day or period (``A..B``) as its first and
    last day, hours over a number of days, an item reference as the item's own. Each raises
    ``UsageError`` for what it cannot read."""

    period: Callable[[str], tuple[date, date]]
    hours: Callable[[str, int], float]
    item: Callable[[str], str]


class Line(NamedTuple):
    number: int
    value: str  # as written, without the spaces around it (not yet unquoted)


class Form(NamedTuple):
    """An edited form as read: each field given (by name), and the notes (None: no ``notes:``)."""

    fields: dict[str, Line]
    notes: list[tuple[int, Note]] | None


# --- writing -------------------------------------------------------------------------------


def format_entry(entry: Goal | Done) -> str:
    """The form of ``entry`` (see the module's docstring)."""
    done = isinstance(entry, Done)
    kind = "done" if done else "goal"
    lines = [
        f"# studylog entry #{entry.id} ({kind}). Change the fields, save and quit; an unchanged file changes nothing.",
        "# date: a day (2024-04-18, yesterday) or a period A..B."
        + (" hours: 2, 1h30m; empty for none." if done else ""),
        "# items, tags: comma separated; empty for none. notes: one a line after '- ', two spaces more per level.",
        "# Lines starting with # are left out; a value in double quotes is a JSON string (\\n: a new line).",
    ]
    lines += [
        f"text: {quote(entry.text)}",
        f"date: {_when(entry)}",
    ]
    if isinstance(entry, Done):
        lines.append(f"hours: {_hours(entry.hours)}")
    lines.append(f"items: {', '.join(_items(entry))}")
    lines.append(f"tags: {', '.join(entry.tags)}")
    if isinstance(entry, Done) and entry.goal_id is not None:
        lines.append(f"goal: #{entry.goal_id}")
    lines.append("notes:")
    lines += ["  " * max(0, note.depth) + "- " + quote(note.text) for note in entry.notes]
    return "\n".join(lines) + "\n"


def _when(entry: Goal | Done) -> str:
    if entry.period:
        return f"{entry.period[0].isoformat()}..{entry.period[1].isoformat()}"
    return entry.day.isoformat()


def _hours(hours: Any) -> str:
    if hours is None:
        return ""
    if isinstance(hours, float | int):
        return f"{float(hours):.6f}".rstrip("0").rstrip(".")
    return str(hours)  # a value an old version stored that is no number: shown as it is


def _items(entry: Goal | Done) -> tuple[str, ...]:
    return entry.items or ((entry.item,) if entry.item else ())


def quote(value: str) -> str:
    """``value`` as the form writes it: as it is, or as a JSON string when it would not read back
    so; what a terminal or an editor would obey (controls, bidi overrides) is escaped."""
    if value and value == value.strip() and not value.startswith('"') and value.isprintable():
        return value
    import json

    out = []
    for ch in json.dumps(value, ensure_ascii=False):
        if ch.isprintable():
            out.append(ch)
        elif ord(ch) > 0xFFFF:  # as a JSON surrogate pair
            code = ord(ch) - 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


def unquote(value: str, line: int, field: str) -> str:
    """A value as written (``quote``'s inverse): a JSON string in double quotes, else as it is."""
    if not value.startswith('"'):
        return value
    import json

    try:
        text = json.loads(value)
    except ValueError as exc:
        raise FormError(
            line,
            field,
            f"cannot read {value!r} as a quoted value ({getattr(exc, 'msg', exc)})",
            'a value in double quotes is a JSON string: write \\" for a quote and \\\\ for a backslash',
        ) from None
    if not isinstance(text, str):  # (a value starting with '"' that JSON reads is a string)
        raise FormError(line, field, f"cannot read {value!r} as a quoted value")
    return text


# --- reading -------------------------------------------------------------------------------


def read_form(text: str) -> Form:
    """The fields and notes of a form as written (nothing checked against an entry yet)."""
    fields: dict[str, Line] = {}
    notes: list[tuple[int, Note]] | None = None
    in_notes = False
    for number, line in enumerate(text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n"), start=1):
        body = line.lstrip(" \t")
        if not body.strip() or body.startswith("#"):
            continue
        if body.startswith("-") and (len(body) == 1 or body[1] in " \t"):
            if not in_notes or notes is None:
                raise FormError(number, "notes", "a note outside the notes", "put notes on the lines after 'notes:'")
            indent = line[: len(line) - len(body)]
            depth = indent.count("\t") + indent.count(" ") // 2
            notes.append((number, Note(unquote(body[1:].strip(), number, "notes"), depth)))
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or not key or any(ch.isspace() for ch in key):
            raise FormError(
                number,
                None,
                f"cannot read {line.strip()!r}",
                "write 'field: value' (fields: " + ", ".join(FIELDS) + "), or a note '- text' after 'notes:'",
            )
        if key not in FIELDS:
            raise FormError(number, key, f"unknown field {key!r}", "the fields are " + ", ".join(FIELDS))
        if key in fields or (key == "notes" and notes is not None):
            raise FormError(number, key, f"{key!r} is given twice", "keep one of the two lines")
        in_notes = key == "notes"
        if in_notes:
            if value.strip():
                raise FormError(number, key, "notes go on the lines after 'notes:'", "write each as '- text'")
            notes = []
            continue
        fields[key] = Line(number, value.strip())
    return Form(fields, notes)


def changes(entry: Goal | Done, text: str, read: Readers) -> dict[str, Any]:
    """What the edited form ``text`` changes in ``entry``, as ``store.entries.edit_entry`` takes
    it (``text``, ``period``, ``hours``, ``items``, ``tags``, ``notes``): only what differs from the form
    ``format_entry`` wrote. Empty: nothing changed. Raises ``FormError`` naming the line."""
    written = read_form(format_entry(entry)).fields
    form = read_form(text)
    given = {k: v for k, v in form.fields.items() if v.value != (written[k].value if k in written else "")}
    out: dict[str, Any] = {}
    if "text" in given:
        line = given["text"]
        value = unquote(line.value, line.number, "text")
        if not value.strip():
            raise FormError(line.number, "text", "the text is empty", "say what it is, or leave the line as it was")
        if value != entry.text:
            out["text"] = value
    days = (entry.period[1] - entry.period[0]).days + 1 if entry.period else 1
    if "date" in given:
        line = given["date"]
        if not line.value:
            raise FormError(line.number, "date", "the date is empty", "give a day (2024-04-18) or a period A..B")
        out["period"] = _reading(line, "date", read.period, line.value)
        days = (out["period"][1] - out["period"][0]).days + 1
    if "hours" in given:
        line = given["hours"]
        if isinstance(entry, Goal):
            raise FormError(line.number, "hours", "a goal has no hours; hours go on done items", "leave the line out")
        blank = line.value.lower() in ("", "none")
        out["hours"] = None if blank else _reading(line, "hours", read.hours, line.value, days)
    if "items" in given:
        line = given["items"]
        refs = [] if line.value.lower() == "none" else [r.strip() for r in line.value.split(",") if r.strip()]
        linked = _items(entry)  # an item it is linked to already is kept as it is (even one no longer known)
        items = list(dict.fromkeys(ref if ref in linked else _reading(line, "items", read.item, ref) for ref in refs))
        if tuple(items) != _items(entry):
            out["items"] = items
    if "tags" in given:
        line = given["tags"]
        words = [] if line.value.lower() == "none" else [w for w in line.value.replace(",", " ").split() if w]
        tags = list(dict.fromkeys(_reading(line, "tags", _tag, w) for w in words))
        if tuple(tags) != tuple(entry.tags):
            out["tags"] = tags
    if "goal" in given and given["goal"].value.lstrip("#").strip() != str(getattr(entry, "goal_id", None) or ""):
        line = given["goal"]
        raise FormError(
            line.number, "goal", "the goal a done item met cannot be changed here", "leave the line as it was"
        )
    if form.notes is not None and [n for _, n in form.notes] != list(entry.notes):
        for number, note in form.notes:
            if not note.text.strip():
                raise FormError(number, "notes", "the note is empty", "write it after '- ', or take the line out")
        out["notes"] = [n for _, n in form.notes]
    return out


def _tag(word: str) -> str:
    from studylog.tags import normalize_tag

    return normalize_tag(word)


def _reading(line: Line, field: str, reader: Callable[..., Any], *args: Any) -> Any:
    try:
        return reader(*args)
    except FormError:
        raise
    except UsageError as exc:
        raise FormError(line.number, field, exc.message, exc.hint) from None


ERROR_MARK = "# error: "


def with_error(text: str, error: UsageError) -> str:
    """The edited form again, to edit once more: the error in a comment line at the top (in place
    of the one a previous attempt put there), its line number counted in the new text."""
    lines = text.split("\n")
    dropped = 0
    while dropped < len(lines) and lines[dropped].startswith(ERROR_MARK):
        dropped += 1
    message = str(error)
    if isinstance(error, FormError) and error.line is not None:
        moved = FormError(error.line - dropped + 1, error.field, error.detail, error.hint)
        message = str(moved)
    return ERROR_MARK + " ".join(message.split()) + "\n" + "\n".join(lines[dropped:])
