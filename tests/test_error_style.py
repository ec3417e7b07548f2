"""One error style and one exit-code rule (docs/errors.md): every mistake is one line on stderr,
``studylog: error: what is wrong; what to do``, with exit 2 when the command line is refused
(click's parser, or studylog's checks of what was typed) and 1 when the command line is right but
the store, the files or the system say no. The fast path says the same as the Typer path."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from studylog.cli import fast

USAGE = [  # (setup commands, the mistake, what the line says): exit 2
    ([], ["done"], "missing argument 'TEXT'; see 'studylog done --help'"),
    ([], ["done", "x", "--bogus"], "no such option '--bogus'"),
    ([], ["done", "x", "--hurs", "2"], "no such option '--hurs' (did you mean '--hours'"),
    ([], ["done", "x", "y"], "got unexpected extra argument (y); see 'studylog done --help'"),
    ([], ["done", "x", "-g", "abc"], "'abc' is not a valid integer"),
    ([], ["log", "--limit", "-1"], "-1 is not in the range x>=0; see 'studylog log --help'"),
    ([], ["dnoe", "x"], "no such command 'dnoe' (did you mean 'done'?); see 'studylog --help'"),
    ([], ["--bogus"], "no such option '--bogus'; see 'studylog --help'"),
    ([], ["timer", "bogus"], "no such command 'bogus'; see 'studylog timer --help'"),
    ([], ["done", "x", "-H", "lots"], "cannot read 'lots' as hours"),
    ([], ["done", "x", "-d", "tomorrow"], "is in the future"),
    ([], ["goal", "x", "-i", "nosuch/1"], "unknown item 'nosuch/1'"),
    ([], ["week", "--weeks", "0"], "--weeks must be from 1 to 520, not 0"),
    ([], ["today", "--json", "--svg", "t.svg"], "--json cannot be combined with --svg or --html"),
    ([], ["config", "set", "nosuch", "1"], "unknown config key 'nosuch'"),
    ([], ["rm", "#0"], "there is no entry 0"),
]
ERRORS = [  # exit 1
    ([], ["rm", "9"], "no entry 9"),
    ([], ["undo", "5"], "there is no change #5 of yours"),
    ([], ["timer", "stop"], "no timer is running"),
    ([["timer", "start", "a"]], ["timer", "start", "b"], "a timer is running since"),
    ([], ["plan", "rm", "dlc"], "there is no plan for dlc"),
    ([["goal", "g"], ["done", "d", "-g", "1"]], ["drop", "1"], "goal 1 was met on 2024-04-18"),
    ([["complete", "dlc/1"]], ["complete", "dlc/1"], "dlc/1 is already complete"),
    ([], ["import", "no-such-file.md"], "no such file: no-such-file.md"),
    ([["done", "a", "-H", "20"]], ["done", "b", "-H", "5"], "more than 24 hours"),
]


def _studylog(home, args, fast_path=True):
    env = {**os.environ, "STUDYLOG_HOME": str(home), "STUDYLOG_TODAY": "2024-04-18", "COLUMNS": "80"}
    env.pop("STUDYLOG_NO_FAST_PATH", None)
    if not fast_path:
        env["STUDYLOG_NO_FAST_PATH"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "studylog", *args], env=env, capture_output=True, text=True, cwd=home.parent
    )


@pytest.mark.sqlite_only  # a store per case, in a folder of its own
@pytest.mark.parametrize(
    "setup, args, says, code",
    [(*case, 2) for case in USAGE] + [(*case, 1) for case in ERRORS],
    ids=lambda v: " ".join(v) if isinstance(v, list) and all(isinstance(w, str) for w in v) else None,
)
def test_every_mistake_is_one_line_and_its_exit_code_follows_the_rule(tmp_path, setup, args, says, code):
    home = tmp_path / "home"
    for step in setup:
        assert _studylog(home, step).returncode == 0, step
    out = _studylog(home, args)
    assert (out.returncode, out.stdout) == (code, ""), out.stderr
    assert out.stderr.startswith("studylog: error: ") and out.stderr.count("\n") == 1, out.stderr
    assert says in out.stderr, out.stderr
    assert "Usage:" not in out.stderr and "Try '" not in out.stderr and "Traceback" not in out.stderr
    if args[0] in fast.SPEC:  # the fast path and Typer: the same line and exit code
        again = tmp_path / "typer"
        for step in setup:
            assert _studylog(again, step, fast_path=False).returncode == 0, step
        typer = _studylog(again, args, fast_path=False)
        assert (typer.returncode, typer.stdout, typer.stderr) == (out.returncode, out.stdout, out.stderr)


def test_a_group_without_its_command_shows_its_help_with_exit_2(tmp_path):
    out = _studylog(tmp_path / "home", ["timer"])
    assert out.returncode == 2
    assert "Usage: studylog timer [OPTIONS] COMMAND [ARGS]..." in out.stdout + out.stderr


def test_docs_state_the_rule():
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    text = (repo / "docs" / "errors.md").read_text(encoding="utf-8")
    for _, args, _ in USAGE + ERRORS:
        assert "studylog " + " ".join(args) in text, args  # every case here is in the doc's tables
    assert "docs/errors.md" in (repo / "README.md").read_text(encoding="utf-8")
