"""The fast path (studylog.cli.fast) runs today, week, goal and done without Typer. It must take
exactly the arguments the Typer commands take, mean the same by them, and do the same."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.main import get_command

from studylog.cli.commands import build
from studylog.cli.fast import FLAG, INT, MULTI, SPEC, VALUE, parse


def click_command(name: str):
    return get_command(build(name)).commands[name]


@pytest.mark.parametrize("name", sorted(SPEC))
def test_spec_agrees_with_the_typer_command(name):
    command = click_command(name)
    positional_names, required, options = SPEC[name]
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    assert tuple(a.name for a in arguments) == positional_names
    assert sum(a.required for a in arguments) == required
    by_spelling = {opt: p for p in command.params if p.param_type_name == "option" for opt in p.opts}
    for spelling, (param, kind) in options.items():
        option = by_spelling[spelling]
        assert option.name == param, spelling
        expected = {
            FLAG: option.is_flag,
            MULTI: option.multiple,
            INT: option.type.name == "integer",
            VALUE: option.type.name == "text" and not option.multiple and not option.is_flag,
        }
        assert expected[kind], (spelling, kind)


def test_the_forms_it_takes():
    assert parse(["today"]) == ("today", None, {})
    assert parse(["--db", "x.db", "today", "--json"]) == ("today", "x.db", {"as_json": True})
    assert parse(["--db=x.db", "week", "last", "-w", "3"]) == ("week", "x.db", {"when": "last", "weeks": 3})
    assert parse(["done", "--hours=1.5", "read", "-n", "a", "--note", "\tb", "-g", "4"]) == (
        "done",
        None,
        {"hours": "1.5", "text": "read", "note": ["a", "\tb"], "goal_id": 4},
    )
    assert parse(["goal", "x", "-d", "2024-04-20", "-d", "tomorrow"])[2]["date_"] == "tomorrow"
    assert parse(["done", "-", "-H", "-1"])[2] == {"text": "-", "hours": "-1"}
    assert parse(["done", "x", "-i", "dlc/1", "--complete"])[2] == {"text": "x", "item": "dlc/1", "complete": True}


def test_a_bare_studylog_is_the_dashboard_on_the_fast_path():
    assert parse([]) == ("status", None, {})
    assert parse(["--db", "x.db"]) == ("status", "x.db", {})


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["today", "--help"],
        ["today", "-h"],
        ["done"],
        ["done", "a", "b"],
        ["done", "x", "--hours"],
        ["done", "x", "--minutes", "3"],
        ["done", "x", "-g", "one"],
        ["today", "--json=yes"],
        ["week", "--svg", "w.svg"],
        ["goal", "--", "-x"],
        ["done", "x", "-H2"],
        ["done", "x", "--complete=yes"],
        ["log"],
        ["--db"],
        ["--dbx", "today"],
        ["today", "extra"],
    ],
)
def test_everything_else_goes_to_typer(args):
    assert parse(args) is None


TOKENS = [
    "x",
    "read a paper",
    "-",
    "--json",
    "--hours",
    "-H",
    "1.5",
    "abc",
    "--item",
    "-i",
    "dlc/1",
    "--date",
    "-d",
    "yesterday",
    "--note",
    "-n",
    "\tsub",
    "--goal",
    "-g",
    "3",
    "-1",
    "--weeks",
    "-w",
    "--hours=2",
    "--note=a=b",
    "--svg",
    "--",
    "-h",
    "--help",
    "last",
    "--complete",
    "--tag",
    "-T",
    "#git",
    "",
]


def _normal(value):
    if isinstance(value, tuple):
        value = list(value)
    return value if value not in ((), [], False) else None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SPEC)), st.lists(st.sampled_from(TOKENS), max_size=7))
def test_whatever_it_takes_click_reads_the_same_way(name, rest):
    parsed = parse([name, *rest])
    if parsed is None:
        return
    ctx = click_command(name).make_context(name, list(rest))  # raises if click would refuse
    assert {k: _normal(v) for k, v in ctx.params.items()} == {k: _normal(parsed[2].get(k)) for k in ctx.params}


# Both ways, as a user runs them: the same output, errors, exit codes and stored data.
SESSION = [
    ["today"],
    ["goal", "read the DPO paper", "--item", "karpathy/5", "-n", "section 3", "-n", "\tthe loss"],
    ["goal", "future plan", "-d", "2024-04-20"],
    ["done", "read it", "--hours", "1h30m", "--goal", "1", "-i", "dlc/1"],
    ["done", "yesterday's work", "-H", "2", "--date", "yesterday", "--note=a=b"],
    ["done", "bad hours", "--hours", "abc"],
    ["done", "unknown item", "-i", "nope/1"],
    ["done", "in the future", "-d", "2024-04-20"],
    ["done", "no such goal", "-g", "99"],
    ["done", "a week of reading", "-H", "30", "--date", "2024-04-08..2024-04-14"],
    ["done", "backwards", "-d", "2024-04-14..2024-04-08"],
    ["done", "into the future", "--date=monday..2024-04-20"],
    ["goal", "next week", "-d", "2024-04-22..2024-04-28"],
    ["done", "finished chapter 2", "-H", "3", "-i", "dlc/2", "--complete"],
    ["done", "finished it again", "-i", "dlc/2", "--complete"],
    ["done", "complete what?", "--complete"],
    ["goal", "", "-i", "dlc/2"],
    ["today"],
    ["today", "--json"],
    ["week"],
    ["week", "--json"],
    ["week", "last"],
    ["week", "2024-W15", "--weeks", "3"],
    ["week", "--weeks", "0"],
    ["week", "someday"],
    ["--db", "{home}/other.db", "done", "elsewhere", "-H", "1"],
    ["--db={home}/other.db", "today"],
]


def _session(home: Path, fast: bool) -> list[tuple]:
    env = {**os.environ, "STUDYLOG_HOME": str(home)}
    env.pop("STUDYLOG_NO_FAST_PATH", None)
    if not fast:
        env["STUDYLOG_NO_FAST_PATH"] = "1"
    seen = []
    for args in [*SESSION, ["log", "--json"]]:
        real = [a.replace("{home}", str(home)) for a in args]
        out = subprocess.run([sys.executable, "-m", "studylog", *real], env=env, capture_output=True, text=True)
        seen.append(
            (args, out.returncode, out.stdout.replace(str(home), "HOME"), out.stderr.replace(str(home), "HOME"))
        )
    return seen


@pytest.mark.sqlite_only  # two stores side by side: on PostgreSQL both sessions would share one database
def test_both_ways_do_the_same(tmp_path):
    fast = _session(tmp_path / "fast", fast=True)
    typer_way = _session(tmp_path / "typer", fast=False)
    for a, b in zip(fast, typer_way, strict=True):
        assert a == b
    codes = [code for _, code, _, _ in fast]
    assert codes.count(0) >= 12 and {1, 2} <= set(codes)  # the session has successes and both kinds of error
    entries = json.loads(fast[-1][2])
    assert {e["text"] for e in entries} >= {"read the DPO paper", "read it", "yesterday's work"}


def test_the_fast_path_loads_no_typer(tmp_path):
    env = {**os.environ, "STUDYLOG_HOME": str(tmp_path / "home")}
    probe = (
        "import sys; sys.argv = ['studylog', 'done', 'x', '-H', '1']\nfrom studylog.cli import main\n"
        "main()\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert out.stdout.startswith("Done #1 on 2024-04-18: x (1h)")


@pytest.mark.parametrize("args", [["today"], ["week", "--weeks", "50"], ["log"], ["log", "--json"]])
@pytest.mark.parametrize("fast", [True, False])
def test_a_reader_that_goes_away_ends_the_command_quietly(args, fast, cli, tmp_path):
    """``studylog log | head``: no traceback, no error line, exit code 1."""
    for n in range(3):
        cli("done", f"item {n}", "-H", "1", ok=True)
    env = {**os.environ}
    env.pop("STUDYLOG_NO_FAST_PATH", None)
    if not fast:
        env["STUDYLOG_NO_FAST_PATH"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "studylog", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # nobody reads: the first write fails with EPIPE
    stderr = proc.stderr.read().decode()
    assert proc.wait() == 1
    assert stderr == ""
