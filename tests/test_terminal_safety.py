"""Issue #13 item 5: text from the store, a curriculum file or the command line cannot drive the
terminal it is shown on. Every human-facing output shows control characters, escape sequences and
bidi overrides visibly (render/safe.py); ``--json`` and the exports keep the exact text."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studylog.render import safe
from studylog.render.lines import Column, ansi, grid, plain, text

# one of each: CSI (clear screen, colour), OSC titles ended by BEL and by ST, bare CR, backspace,
# BEL, the one-character C1 CSI, a right-to-left override and an isolate left open, and a zero
# width joiner (which is left as it is)
HOSTILE = (
    "x \x1b]0;OWNED\x07\x1b[2J \x1b]2;ST-TITLE\x1b\\ fake\roverwrite b\x08ack \x07bell "
    "\u009b31mc1 \u202eevil.exe \u2066iso \U0001f469\u200d\U0001f4bb"
)
NOTE = "note \x1b[31mred\x1b[0m\tand\ttabs \u202e"
# what each part must look like on the screen
SHOWN = [
    "␛]0;OWNED␇␛[2J",
    "␛]2;ST-TITLE␛\\",
    "fake␍overwrite",
    "b␈ack",
    "␇bell",
    "<U+009B>31mc1",
    "<U+202E>evil.exe",
    "<U+2066>iso",
    "\U0001f469\u200d\U0001f4bb",
]
NOTE_SHOWN = ["␛[31mred␛[0m", "<U+202E>"]
# C0 (but the newline), DEL, C1, the bidi embeddings, overrides, isolates and marks, zero width
# space, word joiner, BOM, line and paragraph separators
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the styles studylog itself writes on a terminal


def clean(output: str, *expected: str) -> None:
    """No raw control or bidi character in ``output``, and each ``expected`` shown in it."""
    found = RAW.search(output)
    assert found is None, f"raw {found.group()!r} in {output!r}"
    for part in expected:
        assert part in output, f"{part!r} not shown in {output!r}"


# -- the sanitiser ----------------------------------------------------------------------------------


def test_visible_forms():
    assert safe.visible("a\x1b[2Jb") == "a␛[2Jb"
    assert safe.visible("\x1b]0;t\x07") == "␛]0;t␇"
    assert safe.visible("\x1b]0;t\x1b\\") == "␛]0;t␛\\"
    assert safe.visible("a\rb\x08c\x00d\x7f") == "a␍b␈c␀d␡"
    assert safe.visible("\x9b2J\x85") == "<U+009B>2J<U+0085>"
    assert safe.visible("\u202eabc\u2066d\u2069\u200f") == "<U+202E>abc<U+2066>d<U+2069><U+200F>"
    assert safe.visible("a\tb") == "a    b"
    assert safe.visible("two\nlines") == "two␊lines"
    assert safe.visible_block("two\nlines\r") == "two\nlines␍"
    assert safe.visible("\ud800") == "<U+D800>"  # a lone surrogate cannot even be encoded
    for kept in ("plain", "café 東京", "\U0001f469\u200d\U0001f4bb", "a\u00a0b", "\u200cx", ""):
        assert safe.visible(kept) == kept


def test_every_replaced_character_fails_the_fast_check():
    """``visible`` returns at once on ``str.isprintable`` text, so that must be False for every
    character it would replace."""
    for table in (safe._ONE_LINE, safe._BLOCK):
        assert [hex(c) for c in table if chr(c).isprintable()] == []
    assert not "\ud800".isprintable() and not "\udfff".isprintable()  # lone surrogates: looked up when met


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_no_control_character_survives(value):
    for shown, allowed in ((safe.visible(value), ""), (safe.visible_block(value), "\n")):
        assert not any((ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in allowed for c in shown), repr(shown)
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", shown)
    assert safe.visible(safe.visible(value)) == safe.visible(value)  # shown text is left alone
    assert safe.visible_block(safe.visible_block(value)) == safe.visible_block(value)


@given(st.text())
def test_printable_text_is_kept(value):
    if value.isprintable():
        assert safe.visible(value) == value
        assert safe.visible_block(value) == value


def test_styled_lines_are_sanitised_before_layout():
    """Widths are counted on what is shown: a column of hostile text still lines up."""
    rows = [["\x1b[2Jab", "1h"], ["abcd", "2h"]]
    lines = grid(rows, [Column(), Column(justify="right")], 80)
    out = plain(lines)
    assert out == "␛[2Jab 1h\nabcd   2h\n"
    assert "\x1b[2J" not in ansi(lines) and "\x1b]" not in ansi([text("\x1b]0;t\x07", "bold")])


def test_the_sanitiser_is_cheap():
    """The fast path shows a few hundred spans; clean text must cost next to nothing."""
    spans = [f"#{n} read chapter {n} of the book  2h" for n in range(1000)]
    start = time.perf_counter()
    for _ in range(10):
        for s in spans:
            safe.visible(s)
    per_span = (time.perf_counter() - start) / 10_000
    assert per_span < 5e-6, f"{per_span * 1e9:.0f} ns a span"


# -- the commands -----------------------------------------------------------------------------------


def _entries(cli, env=None):
    cli("goal", HOSTILE, "-n", NOTE, env=env, ok=True)
    return cli("done", HOSTILE, "-H", "1", "-n", NOTE, env=env, ok=True)


def test_done_goal_today_day_week(cli):
    done = _entries(cli)
    clean(done.stdout + done.stderr, *SHOWN)
    for args in (["today"], ["day", "2024-04-18"], ["week"], ["week", "--weeks", "3"], ["log"]):
        out = cli(*args, ok=True)
        clean(out.stdout + out.stderr, *(SHOWN if args[-1] != "3" else []))
        if args[0] != "week":
            clean(out.stdout, *NOTE_SHOWN)


def test_svg_and_html_show_the_visible_form(cli, tmp_path):
    _entries(cli)
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    cli("week", "--svg", str(svg), "--html", str(html), ok=True)
    for path in (svg, html):
        body = path.read_text(encoding="utf-8")
        assert "\x1b" not in body and "\u202e" not in body and "OWNED" in body


def test_edit_rm_and_undo_confirmations(cli):
    _entries(cli)
    for args, shown in ((["edit", "2", "--text", HOSTILE + "!"], SHOWN), (["undo"], []), (["rm", "2"], SHOWN)):
        out = cli(*args, ok=True)
        clean(out.stdout + out.stderr, *shown)


def test_json_and_exports_keep_the_exact_text(cli):
    _entries(cli)
    logged = cli("log", "--json", ok=True).json()
    assert {e["text"] for e in logged} == {HOSTILE}
    assert {n["text"] for e in logged for n in e["notes"]} == {NOTE}
    assert HOSTILE in _strings(cli("today", "--json", ok=True).json())
    assert HOSTILE in _strings(cli("week", "--json", ok=True).json())
    backup = _strings(cli("export", "json", ok=True).json())
    assert HOSTILE in backup and NOTE in backup
    for kind in ("til", "daily-notes"):
        out = cli("export", kind, ok=True).stdout
        assert "\x1b]0;OWNED\x07\x1b[2J" in out and "\u202eevil.exe" in out, kind


def _strings(data) -> set[str]:
    """Every string in a JSON document."""
    if isinstance(data, dict):
        return {s for v in data.values() for s in _strings(v)}
    if isinstance(data, list):
        return {s for v in data for s in _strings(v)}
    return {data} if isinstance(data, str) else set()


def test_another_owners_text_and_name_cannot_reach_my_terminal(cli):
    """On a shared store, one learner's entries are shown to the others by --all-owners."""
    mallory = {"STUDYLOG_OWNER": "\x1b[2J\u202e"}  # the column shows 12 cells
    _entries(cli, env=mallory)
    cli("done", "mine", "-H", "1", env={"STUDYLOG_OWNER": "alice"}, ok=True)
    cli("start", "dlc/1", env=mallory, ok=True)
    out = cli("log", "--all-owners", env={"STUDYLOG_OWNER": "alice", "COLUMNS": "300"}, ok=True)
    clean(out.stdout + out.stderr, *SHOWN, "␛[2J<U+202E>", *NOTE_SHOWN)
    out = cli("progress", "--all-owners", env={"STUDYLOG_OWNER": "alice", "COLUMNS": "300"}, ok=True)
    clean(out.stdout + out.stderr, "␛[2J<U+202E>")
    owners = {e["owner"] for e in cli("log", "--all-owners", "--json", ok=True).json()}
    assert mallory["STUDYLOG_OWNER"] in owners


YAML = """\
format: 1
id: evil
title: "Evil \\e]0;OWNED\\a\\e[2J course \\u202eright"
url: https://example.org
edition: "\\e[5m1"
items:
  - id: "1"
    title: "First \\e]0;OWNED\\e\\\\ chapter\\rX \\u009b2J"
    kind: chapter
    aliases: [evil-1]
"""


def test_curriculum_titles_from_a_user_file(cli, isolated):
    folder = isolated / "curricula"
    folder.mkdir(parents=True)
    (folder / "evil.yaml").write_text(YAML, encoding="utf-8")
    listed = cli("curricula", "list", ok=True, env={"COLUMNS": "300"})
    clean(listed.stdout + listed.stderr, "Evil ␛]0;OWNED␇␛[2J course <U+202E>right", "␛[5m1")
    shown = cli("curricula", "show", "evil", ok=True, env={"COLUMNS": "300"})
    clean(shown.stdout + shown.stderr, "First ␛]0;OWNED␛\\ chapter␍X <U+009B>2J", "Evil ␛]0;OWNED␇")
    cli("done", "read", "-i", "evil-1", "-H", "2", ok=True)
    started = cli("start", "evil-1", ok=True)
    clean(started.stdout + started.stderr, "First ␛]0;OWNED␛\\ chapter␍X")
    for args in (["progress"], ["progress", "evil"], ["next", "evil"], ["stats"], ["week"], ["today"]):
        out = cli(*args, env={"COLUMNS": "300"})
        clean(out.stdout + out.stderr)
    detail = cli("progress", "evil", ok=True, env={"COLUMNS": "300"}).stdout
    clean(detail, "Evil ␛]0;OWNED␇", "First ␛]0;OWNED␛\\")
    raw = cli("curricula", "list", "--json", ok=True).json()
    assert next(c for c in raw if c["id"] == "evil")["title"] == "Evil \x1b]0;OWNED\x07\x1b[2J course \u202eright"


@pytest.mark.parametrize(
    "args",
    [
        ["start", "dlc/\x1b]0;OWNED\x07\x1b[2J\u202e"],
        ["done", "x", "-H", "1", "-i", "nope\x1b]0;OWNED\x07\x1b[2J\u202e"],
        ["day", "\x1b]0;OWNED\x07\x1b[2J\u202e"],
        ["curricula", "show", "\x1b]0;OWNED\x07\x1b[2J\u202e"],
        ["done", "x", "-H", "\x1b]0;OWNED\x07\x1b[2J\u202e"],
    ],
)
def test_errors_quoting_the_input(cli, args):
    out = cli(*args, ok=False)
    assert out.stderr.startswith("studylog: error:") or "Error" in out.stderr
    clean(out.stdout + out.stderr)
    assert "OWNED" in out.stderr


def test_errors_on_stderr_from_fail(capsys):
    """Every error line goes through ``fail``, whatever built its message."""
    from studylog.cli.errors import fail

    with pytest.raises(SystemExit):
        fail("unknown item 'x\x1b]0;OWNED\x07\u202e'")
    clean(capsys.readouterr().err, "unknown item 'x␛]0;OWNED␇<U+202E>'")


# -- a real terminal ------------------------------------------------------------------------------------


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """``python -m studylog ARGS`` with stdout and stderr on a pseudo-terminal (colours on, as a
    learner sees it), newlines not translated: every byte it wrote."""
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.ONLCR  # keep "\n" as it was written, so that a stray "\r" shows
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    run_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    run_env.update(env, TERM="xterm-256color", COLUMNS="200")
    proc = subprocess.Popen(
        [sys.executable, "-m", "studylog", *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=run_env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0, b"".join(chunks)
    return b"".join(chunks).decode("utf-8")


def test_a_real_terminal_for_today_done_and_log_all_owners(isolated: Path):
    env = {"STUDYLOG_HOME": str(isolated), "STUDYLOG_OWNER": "\x1b]0;X\x07m"}
    if os.environ.get("STUDYLOG_DB"):
        env["STUDYLOG_DB"] = os.environ["STUDYLOG_DB"]
    done = _on_a_terminal(["done", HOSTILE, "-H", "1", "-n", NOTE], env)  # the fast path
    clean(SGR.sub("", done), *SHOWN)
    today = _on_a_terminal(["today"], env)
    assert SGR.search(today), "not styled: not what a terminal gets"
    clean(SGR.sub("", today), *SHOWN, *NOTE_SHOWN)
    group = _on_a_terminal(["log", "--all-owners", "--no-pager"], {**env, "STUDYLOG_OWNER": "alice"})
    clean(SGR.sub("", group), *SHOWN, "␛]0;X␇m", *NOTE_SHOWN)


def test_the_import_report_quotes_the_file_safely(cli, tmp_path):
    path = tmp_path / "log\x1b]0;X\x07.md"
    path.write_text(
        "## 2024-04-17\n- read dlc/1 chapter \x1b]0;OWNED\x07 \u202e 2h\n\n## 2024-04-16\n- \x1b[2Jx ??? \x9b\n",
        encoding="utf-8",
    )
    out = cli("import", str(path), ok=True, env={"COLUMNS": "200"})
    clean(out.stdout + out.stderr, "log␛]0;X␇.md", "chapter ␛]0;OWNED␇ <U+202E>")
    texts = {e["text"] for e in cli("log", "--json", ok=True).json()}
    assert "read dlc/1 chapter \x1b]0;OWNED\x07 \u202e" in {t.removesuffix(" 2h") for t in texts}


def test_output_shows_what_a_renderer_missed(capsys):
    """The last line of defence: a renderable or styled line built without ``visible`` still
    reaches the terminal only in its visible form."""
    from rich.table import Table
    from rich.text import Text

    from studylog.cli.output import Output, message, say

    table = Table()
    table.add_column("a")
    table.add_row(Text("cell \x1b]0;T\x07 \u202e"))
    Output().rich(table)
    Output().rich(Text("x \x1b[2J \u009b1m"))
    Output().lines([[("raw span \x1b[2J", "bold"), (" \u2066", "")]])
    say("said \x1b]0;T\x07\nsecond line")
    message("told \x1b[2J", err=True)
    out = capsys.readouterr()
    clean(out.out, "cell ␛]0;T", "x ␛[2J <U+009B>1m", "raw span ␛[2J <U+2066>", "said ␛]0;T␇\nsecond line")
    clean(out.err, "told ␛[2J")


def test_json_on_a_real_terminal_is_the_same_data_and_moves_nothing(isolated: Path):
    """``--json`` keeps the exact text; on a terminal, what JSON leaves raw (C1, bidi) is escaped."""
    env = {"STUDYLOG_HOME": str(isolated), "STUDYLOG_OWNER": "tester"}
    if os.environ.get("STUDYLOG_DB"):
        env["STUDYLOG_DB"] = os.environ["STUDYLOG_DB"]
    _on_a_terminal(["done", HOSTILE, "-H", "1", "-n", NOTE], env)
    for args in (["log", "--json"], ["today", "--json"], ["week", "--json"]):
        out = _on_a_terminal(args, env)
        clean(out, "\\u009b31mc1", "\\u202eevil.exe")
        assert HOSTILE in _strings(json.loads(out)), args
