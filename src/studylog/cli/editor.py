"""``studylog edit ID`` without options: the entry in the learner's editor, as the short text form
of ``studylog.entry_form``; what the saved file changes is written in one change
(``store.entries.edit_entry``).

The editor is ``$VISUAL``, else ``$EDITOR``, else ``vi`` on a terminal; its command is split as a
shell would split it (``shlex``: ``EDITOR="code --wait"`` works), as git does, and given the path
of a file readable by the learner only (0600, in a private temporary folder, removed afterwards).
An editor that fails changes nothing. A file that cannot be read is shown again with the error at
its top, on a terminal, when the learner asks for it ("Edit again? [Y/n]"); elsewhere the command
fails with the error, and nothing is written."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from studylog.cli import everyday, output
from studylog.cli.clock import today
from studylog.cli.session import open_store
from studylog.errors import StudylogError, UsageError

if TYPE_CHECKING:
    from studylog.entry_form import Readers

DEFAULT_EDITOR = "vi"
_NO_EDITOR_HINT = "set VISUAL or EDITOR, or give what to change: --text, --hours, --date, --item, --note"


def interactive() -> bool:
    """Whether a person is at the keyboard: stdin and stdout are both a terminal."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def editor_command(environ: dict[str, str] | None = None, on_terminal: bool | None = None) -> list[str]:
    """The editor to run, as a command split into words (``$VISUAL``, ``$EDITOR``, else ``vi`` on a
    terminal); refuses when there is none to run."""
    import shlex

    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "")
        if not value.strip():
            continue
        try:
            words = shlex.split(value)
        except ValueError as exc:
            raise StudylogError(f"cannot read ${name} ({value!r}) as a command: {exc}", _NO_EDITOR_HINT) from None
        if words:
            return words
    if on_terminal if on_terminal is not None else interactive():
        return [DEFAULT_EDITOR]
    raise StudylogError(
        "no editor to open the entry in (not on a terminal, and VISUAL and EDITOR are not set)", _NO_EDITOR_HINT
    )


def run_editor(command: list[str], path: str, text: str) -> str:
    """Write ``text`` to ``path`` (0600), run the editor on it, and return what it saved."""
    import subprocess

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        if hasattr(os, "fchmod"):
            os.fchmod(f.fileno(), 0o600)
        f.write(text)
    shown = " ".join(command)
    try:
        done = subprocess.run([*command, path], check=False)
    except FileNotFoundError:
        raise StudylogError(f"the editor {command[0]!r} was not found; nothing was changed", _NO_EDITOR_HINT) from None
    except PermissionError:
        raise StudylogError(f"the editor {command[0]!r} cannot be run; nothing was changed", _NO_EDITOR_HINT) from None
    if done.returncode != 0:
        how = f"was stopped by signal {-done.returncode}" if done.returncode < 0 else f"exited with {done.returncode}"
        raise StudylogError(f"the editor ({shown}) {how}; nothing was changed")
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        raise StudylogError(f"the editor ({shown}) left no file; nothing was changed") from None
    except UnicodeDecodeError:
        raise StudylogError("the saved file is not UTF-8 text; nothing was changed", "save it as UTF-8") from None


def _readers() -> Readers:
    from studylog.cli.parse import parse_days, parse_hours
    from studylog.cli.session import items
    from studylog.entry_form import Readers

    def hours(text: str, days: int) -> float:
        value = parse_hours(text, days)
        assert value is not None
        return value

    return Readers(period=parse_days, hours=hours, item=lambda ref: items().resolve(ref).ref)


def _again() -> bool:
    import click

    try:
        return click.confirm("Edit again?", default=True, err=True)
    except click.Abort:  # end of input (^D): as no
        return False


def edit_in_editor(entry_id: int) -> None:
    """Open entry ``entry_id`` in the editor and write what the saved file changes."""
    import tempfile

    from studylog import entry_form
    from studylog.store import entries

    store = open_store()
    entry = entries.get_entry(store, entry_id)
    command = editor_command()
    original = entry_form.format_entry(entry)
    read = _readers()
    text = original
    with tempfile.TemporaryDirectory(prefix="studylog-edit-") as folder:  # made 0700
        path = os.path.join(folder, f"studylog-entry-{entry_id}.txt")
        while True:
            saved = run_editor(command, path, text)
            try:
                changes = entry_form.changes(entry, saved, read) if saved != original else {}
                if not changes:
                    output.message("Nothing changed")
                    return
                if entries.get_entry(store, entry_id) != entry:  # what the form showed is no longer so
                    raise StudylogError(
                        f"entry {entry_id} was changed by another command while it was in the editor; "
                        "nothing was written",
                        f"run 'studylog edit {entry_id}' again",
                    )
                edited = entries.edit_entry(store, entry_id, today(), **changes)
            except UsageError as exc:
                if not interactive():
                    raise
                output.message(f"studylog: error: {exc}", err=True)
                if not _again():
                    raise StudylogError(f"entry {entry_id} was not changed") from None
                text = entry_form.with_error(saved, exc)
                continue
            output.message(
                f"Edited #{edited.id} {everyday.when(edited, 'on ', 'over ')}: "
                f"{everyday.describe(edited)}{everyday.tagged(edited)}"
            )
            return
