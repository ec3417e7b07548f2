"""``studylog edit ID`` without options opens the entry in $VISUAL or $EDITOR. The editors here
are small Python scripts (run as real subprocesses, as any editor is): one that rewrites a note
and the hours, one that saves the file unchanged, one that writes garbage, one that exits 1."""

from __future__ import annotations

import json
import shlex
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studylog.cli import app


@pytest.fixture(autouse=True)
def no_editor(monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def editor(tmp_path: Path, body: str, name: str = "editor.py") -> str:
    """An editor command: Python running ``body`` with ``path`` (the file to edit), ``text`` (what
    it holds) and ``seen`` (a folder to leave traces in); what ``body`` leaves in ``text`` is saved."""
    seen = tmp_path / "seen"
    seen.mkdir(exist_ok=True)
    script = tmp_path / name
    script.write_text(
        "import json, os, sys\n"
        f"seen = {str(seen)!r}\n"
        "path = sys.argv[1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "n = len(os.listdir(seen))\n"
        "open(os.path.join(seen, f'{n}.txt'), 'w', encoding='utf-8').write(text)\n"
        + body
        + "\nopen(path, 'w', encoding='utf-8').write(text)\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def seen(tmp_path: Path) -> list[str]:
    """What the editor was given, each time it ran."""
    folder = tmp_path / "seen"
    return [(folder / f"{n}.txt").read_text(encoding="utf-8") for n in range(len(list(folder.glob("*.txt"))))]


def state(cli):
    return cli("log", "--json", ok=True).json(), [c["summary"] for c in cli("undo", "--list", "--json").json()]


@pytest.fixture
def logged(cli):
    cli("goal", "read the DPO paper", ok=True)
    cli("done", "read the DPO paper", "-H", "2.5", "-g", "1", "-i", "dlc/1", "-n", "first note", ok=True)
    cli("edit", "2", "--add-note", "\tits sub note", ok=True)
    return 2


def test_what_the_editor_changes_is_changed_in_one_undoable_change(cli, logged, tmp_path):
    command = editor(
        tmp_path,
        "text = text.replace('- first note', '- a better note').replace('hours: 2.5', 'hours: 1h30m')"
        ".replace('items: dlc/1', 'items: dlc/1, makemore-4')",
    )
    before = state(cli)
    out = cli("edit", "2", ok=True, env={"EDITOR": command})
    assert out.stdout == "Edited #2 on 2024-04-18: read the DPO paper (1.5h, dlc/1)\n"
    given = seen(tmp_path)[0]
    assert given.startswith("# studylog entry #2 (done). Change the fields, save and quit;")
    assert "\ntext: read the DPO paper\ndate: 2024-04-18\nhours: 2.5\nitems: dlc/1\ntags: \ngoal: #1\nnotes:\n" in given
    assert given.endswith("notes:\n- first note\n  - its sub note\n")
    entry = cli("log", "--json", "--kind", "done").json()[0]
    assert (entry["hours"], entry["items"]) == (1.5, ["dlc/1", "karpathy/5"])
    assert entry["notes"] == [{"text": "a better note", "depth": 0}, {"text": "its sub note", "depth": 1}]
    after = state(cli)
    assert after[1] == ["edit entry 2", *before[1]]  # one change
    cli("undo", ok=True)
    assert state(cli)[0] == before[0]


def test_an_unchanged_file_changes_nothing_and_says_so(cli, logged, tmp_path):
    before = state(cli)
    for body in ("pass", "text = text + '\\n# a comment of mine\\n'", "text = ''"):
        out = cli("edit", "2", ok=True, env={"EDITOR": editor(tmp_path, body)})
        assert (out.stdout, out.stderr) == ("Nothing changed\n", "")
    assert state(cli) == before


def test_visual_comes_before_editor(cli, logged, tmp_path):
    visual = editor(tmp_path, "text = text.replace('hours: 2.5', 'hours: 3')", "visual.py")
    failing = editor(tmp_path, "sys.exit(1)", "failing.py")
    cli("edit", "2", ok=True, env={"VISUAL": visual, "EDITOR": failing})
    assert cli("log", "--json", "--kind", "done").json()[0]["hours"] == 3.0
    cli("edit", "2", ok=True, env={"VISUAL": "", "EDITOR": visual})  # an empty VISUAL is none


def test_an_editor_that_fails_changes_nothing(cli, logged, tmp_path):
    before = state(cli)
    out = cli("edit", "2", env={"EDITOR": editor(tmp_path, "text = 'garbage'\nsys.exit(1)")})
    assert out.exit_code == 1
    assert out.stderr.startswith("studylog: error: the editor (") and out.stderr.count("\n") == 1
    assert out.stderr.endswith(") exited with 1; nothing was changed\n")
    assert state(cli) == before


def test_a_garbled_file_not_on_a_terminal_fails_with_its_line_and_writes_nothing(cli, logged, tmp_path):
    before = state(cli)
    cases = [
        ("text = text + 'this is not a field\\n'", "cannot read 'this is not a field'"),
        ("text = text.replace('hours: 2.5', 'mood: great')", "line 7 (mood): unknown field 'mood'"),
        ("text = text.replace('hours: 2.5', 'hours: lots')", "line 7 (hours): cannot read 'lots' as hours"),
        ("text = text.replace('date: 2024-04-18', 'date: someday')", "line 6 (date): cannot read 'someday' as a date"),
        ("text = text.replace('items: dlc/1', 'items: dlc/10')", "line 8 (items): unknown item 'dlc/10'"),
        ("text = text.replace('date: 2024-04-18', 'date: tomorrow')", "is in the future"),  # the store's refusal
        ("text = text.replace('- first note', '-')", "line 12 (notes): the note is empty"),
    ]
    for body, message in cases:
        out = cli("edit", "2", env={"EDITOR": editor(tmp_path, body)})
        assert out.exit_code == 2, (body, out.stdout, out.stderr)
        assert out.stderr.startswith("studylog: error: ") and message in out.stderr, out.stderr
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
        assert "Edit again" not in out.stderr + out.stdout
    assert state(cli) == before


def test_a_file_that_is_not_utf8_fails_cleanly(cli, logged, tmp_path):
    command = editor(tmp_path, "open(path, 'wb').write(b'text: \\xff\\n')\nsys.exit(0)")
    out = cli("edit", "2", env={"EDITOR": command})
    assert (out.exit_code, out.stderr) == (
        1,
        "studylog: error: the saved file is not UTF-8 text; nothing was changed; save it as UTF-8\n",
    )


def test_no_editor_and_no_terminal_is_one_line(cli, logged):
    out = cli("edit", "2")
    assert out.exit_code == 1  # the command line is right; the system has no editor (docs/errors.md)
    assert out.stderr.startswith("studylog: error: no editor to open the entry in") and out.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "command, message",
    [
        ("no-such-editor-here --wait", "the editor 'no-such-editor-here' was not found; nothing was changed"),
        ("'unbalanced", "cannot read $EDITOR"),
    ],
)
def test_an_editor_that_cannot_run_is_one_line(cli, logged, command, message):
    out = cli("edit", "2", env={"EDITOR": command})
    assert out.exit_code == 1 and message in out.stderr and out.stderr.count("\n") == 1, out.stderr


def test_the_editor_command_is_split_as_a_shell_would(cli, logged, tmp_path):
    folder = tmp_path / "a folder with spaces"
    folder.mkdir()
    command = editor(folder, "text = text.replace('hours: 2.5', 'hours: ' + sys.argv[1])")
    script = shlex.split(command)[1]
    assert " " in script
    # "python 'SCRIPT PATH' '4' FILE": the script reads the file last
    Path(script).write_text(Path(script).read_text().replace("path = sys.argv[1]", "path = sys.argv[-1]"))
    cli("edit", "2", ok=True, env={"EDITOR": f"{command} '4'"})
    assert cli("log", "--json", "--kind", "done").json()[0]["hours"] == 4.0


def test_the_file_is_private_and_removed_afterwards(cli, logged, tmp_path):
    trace = tmp_path / "trace.json"
    body = (
        "st, dst = os.stat(path), os.stat(os.path.dirname(path))\n"
        f"json.dump([path, st.st_mode & 0o777, dst.st_mode & 0o777], open({str(trace)!r}, 'w'))"
    )
    cli("edit", "2", ok=True, env={"EDITOR": editor(tmp_path, body)})
    path, mode, folder_mode = json.loads(trace.read_text())
    assert (mode, folder_mode) == (0o600, 0o700)
    assert Path(path).name == "studylog-entry-2.txt"
    assert not Path(path).parent.exists()
    assert stat.S_IMODE(folder_mode) == 0o700


def test_unknown_id_fails_before_any_editor_runs(cli, tmp_path):
    out = cli("edit", "7", env={"EDITOR": editor(tmp_path, "pass")})
    assert (out.exit_code, out.stderr.split(";")[0]) == (1, "studylog: error: no entry 7")
    assert seen(tmp_path) == []


def test_a_goal_opens_without_hours_and_a_period_as_a_to_b(cli, tmp_path):
    cli("goal", "plan the week", "--date", "monday..sunday", "-n", "topic 2", ok=True)
    cli("edit", "1", ok=True, env={"EDITOR": editor(tmp_path, "text = text.replace('..2024-04-21', '..2024-04-19')")})
    given = seen(tmp_path)[0]
    assert given.startswith("# studylog entry #1 (goal).")
    assert "\ntext: plan the week\ndate: 2024-04-15..2024-04-21\nitems: \ntags: \nnotes:\n- topic 2\n" in given
    assert "\nhours:" not in given
    goal = cli("log", "--json").json()[0]
    assert goal["period"] == {"start": "2024-04-15", "end": "2024-04-19"}


def test_a_text_with_escapes_is_shown_quoted_and_kept(cli, tmp_path):
    cli("done", "first line", ok=True)
    cli("edit", "1", "--text", "a \x1b[2J b", ok=True)
    cli("edit", "1", ok=True, env={"EDITOR": editor(tmp_path, "text = text.replace('hours: ', 'hours: 1')")})
    assert 'text: "a \\u001b[2J b"' in seen(tmp_path)[0]
    entry = cli("log", "--json").json()[0]
    assert (entry["text"], entry["hours"]) == ("a \x1b[2J b", 1.0)


# --- on a terminal: the file can be edited again ------------------------------------------


def _on_terminal(monkeypatch, cli_args, answer: str, env: dict[str, str]):
    import studylog.cli.editor

    monkeypatch.setattr(studylog.cli.editor, "interactive", lambda: True)
    return CliRunner().invoke(app, cli_args, input=answer, env=env)


FIX_ON_SECOND_TRY = (
    "if text.startswith('# error: '):\n"
    "    text = text.replace('hours: lots', 'hours: 3')\n"
    "else:\n"
    "    text = text.replace('hours: 2.5', 'hours: lots')"
)


def test_on_a_terminal_a_garbled_file_can_be_edited_again(cli, logged, tmp_path, monkeypatch):
    out = _on_terminal(monkeypatch, ["edit", "2"], "\n", {"EDITOR": editor(tmp_path, FIX_ON_SECOND_TRY)})
    assert out.exit_code == 0, out.stderr
    assert "studylog: error: line 7 (hours): cannot read 'lots' as hours" in out.stderr
    assert "Edit again? [Y/n]" in out.stderr
    assert out.stdout.endswith("Edited #2 on 2024-04-18: read the DPO paper (3h, dlc/1)\n")
    first, second = seen(tmp_path)
    assert second.startswith("# error: line 8 (hours): cannot read 'lots' as hours")
    assert second.split("\n", 1)[1] == first.replace("hours: 2.5", "hours: lots")  # the learner's text kept
    assert cli("log", "--json", "--kind", "done").json()[0]["hours"] == 3.0
    assert cli("undo", "--list", "--json").json()[0]["summary"] == "edit entry 2"


def test_on_a_terminal_no_to_edit_again_changes_nothing(cli, logged, tmp_path, monkeypatch):
    before = state(cli)
    out = _on_terminal(monkeypatch, ["edit", "2"], "n\n", {"EDITOR": editor(tmp_path, FIX_ON_SECOND_TRY)})
    assert out.exit_code == 1
    assert out.stderr.endswith("studylog: error: entry 2 was not changed\n")
    assert len(seen(tmp_path)) == 1
    assert state(cli) == before


def test_on_a_terminal_without_an_editor_variable_vi_is_the_editor(monkeypatch):
    from studylog.cli.editor import editor_command

    assert editor_command({}, on_terminal=True) == ["vi"]
    assert editor_command({"EDITOR": "code --wait"}, on_terminal=False) == ["code", "--wait"]
    assert editor_command({"VISUAL": " ", "EDITOR": "nano"}, on_terminal=False) == ["nano"]


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_on_a_real_terminal_the_file_is_offered_again(cli, logged, tmp_path):
    """The same, with studylog on a pseudo-terminal: it knows it is on one by itself."""
    import os
    import select
    import subprocess
    import time

    env = {**os.environ, "EDITOR": editor(tmp_path, FIX_ON_SECOND_TRY), "TERM": "dumb"}
    primary, secondary = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "studylog", "edit", "2"], stdin=secondary, stdout=secondary, stderr=secondary, env=env
    )
    os.close(secondary)
    shown, answered, give_up = b"", False, time.monotonic() + 60
    try:
        while (proc.poll() is None or select.select([primary], [], [], 0)[0]) and time.monotonic() < give_up:
            if select.select([primary], [], [], 1)[0]:
                try:
                    chunk = os.read(primary, 4096)
                except OSError:  # the terminal closed with the process
                    break
                shown += chunk
            if not answered and b"Edit again? [Y/n]" in shown:
                os.write(primary, b"y\n")
                answered = True
        proc.wait(timeout=30)
    finally:
        os.close(primary)
        if proc.poll() is None:
            proc.kill()
    text = shown.decode("utf-8", "replace").replace("\r\n", "\n")
    assert proc.returncode == 0, text
    assert "studylog: error: line 7 (hours): cannot read 'lots' as hours" in text
    assert "Edited #2 on 2024-04-18: read the DPO paper (3h, dlc/1)" in text
    assert len(seen(tmp_path)) == 2
    assert cli("log", "--json", "--kind", "done").json()[0]["hours"] == 3.0


def test_an_entry_changed_while_in_the_editor_is_not_overwritten(cli, logged, tmp_path):
    body = (
        "import subprocess\n"
        "subprocess.run([sys.executable, '-m', 'studylog', 'edit', '2', '--hours', '4'], check=True)\n"
        "text = text.replace('- first note', '- mine')"
    )
    out = cli("edit", "2", env={"EDITOR": editor(tmp_path, body)})
    assert out.exit_code == 1
    assert out.stderr.startswith("studylog: error: entry 2 was changed by another command while it was in the editor")
    entry = cli("log", "--json", "--kind", "done").json()[0]
    assert (entry["hours"], entry["notes"][0]["text"]) == (4.0, "first note")  # the other command's edit stands
