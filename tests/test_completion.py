"""Shell completion (issue #15): a real Tab in interactive bash and zsh on a pseudo-terminal
(tests/pty_support.py), scripted bash and zsh sessions (the real shells, sourcing the
script ``studylog completion SHELL`` prints), fish when it is installed, the answers themselves
(click's protocol: item references with titles, entry ids with texts, tags, config keys, commands
and options), and the two ways of answering (cli/complete.py, and click with
STUDYLOG_NO_FAST_PATH=1) agreeing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pty_support import typed
from studylog.cli import complete, completion_values
from studylog.cli.session import state

BIN = Path(sys.executable).parent  # the venv's bin: where the console script ``studylog`` is
UNDER_CI = bool(os.environ.get("CI"))


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def protocol(shell: str, line: str, **extra: str) -> str:
    """What ``studylog`` answers to one Tab at the end of ``line``, as ``shell``'s script asks."""
    words = line.split()
    incomplete = "" if line.endswith(" ") else words[-1]
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = _env(
        _STUDYLOG_COMPLETE=f"{shell}_complete",
        COMP_WORDS=line,
        COMP_CWORD=incomplete if shell == "fish" else str(cword),
        **extra,
    )
    out = subprocess.run([str(BIN / "studylog")], env=env, capture_output=True, text=True)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    return out.stdout


def described(line: str, **extra: str) -> dict[str, str]:
    """value -> description, from zsh's answer (type, value, description: three lines each)."""
    lines = protocol("zsh", line, **extra).splitlines()
    return {lines[i + 1].replace("\\:", ":"): lines[i + 2] for i in range(0, len(lines) - 2, 3)}


@pytest.fixture
def history(cli):
    """A store with entries, tags and an own list, and the curricula cache."""
    cli("goal", "read the attention paper", "--item", "dlc/1", ok=True)  # 1
    cli("done", "backprop ninja #python", "-H", "2", "--item", "makemore-4", ok=True)  # 2
    cli("done", "wrote notes #python #ml", "-H", "1", ok=True)  # 3
    cli("add", "paper", "Scaling Monosemanticity", "--list", "papers", "--id", "mono", ok=True)
    for n in range(4, 41):
        cli("done", f"entry number {n}", "-H", "0.5", ok=True)


# -- real shells -------------------------------------------------------------------------------------
def test_bash_session_completes_item_references_entry_ids_and_commands(history):
    script = subprocess.run(
        [str(BIN / "studylog"), "completion", "bash"], env=_env(), capture_output=True, text=True, check=True
    ).stdout
    session = script + (
        'reply() { COMPREPLY=(); COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _studylog_completion studylog;'
        ' printf "%s\\n" "== $*" "${COMPREPLY[@]}"; }\n'
        "reply studylog done --item makemore-\n"
        "reply studylog ed\n"
        "reply studylog edit 3\n"
        "reply studylog config set hours_format ''\n"
        "complete -p studylog\n"
    )
    out = subprocess.run(["bash", "--norc", "-c", session], env=_env(), capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    blocks = {b.split("\n", 1)[0]: b.split("\n")[1:] for b in out.stdout.split("== ")[1:]}
    assert [v for v in blocks["studylog done --item makemore-"] if v][:5] == [f"makemore-{n}" for n in range(1, 6)]
    assert {"edit", "edit-item"} <= set(blocks["studylog ed"])
    assert "3" in blocks["studylog edit 3"] and "30" in blocks["studylog edit 3"]
    assert "1" not in blocks["studylog edit 3"]
    assert {"decimal", "hm"} <= set(blocks["studylog config set hours_format "])
    assert "complete -o nosort -F _studylog_completion studylog" in out.stdout


ZSH_STUBS = """
# the completion system's builtins, printing what the script hands them
_describe() { print -rl -- "${(@P)3}"; }
compadd() { print -rl -- "${(@P)${@[-1]}}"; }
_path_files() { print -r -- "(files)"; }
compdef() { :; }
"""


def test_zsh_session_shows_titles_texts_and_descriptions(history):
    if shutil.which("zsh") is None:
        if UNDER_CI:
            pytest.fail("zsh is missing under CI (.ci/run installs it)")
        pytest.skip("zsh is not installed (apt-get install zsh)")
    script = subprocess.run(
        [str(BIN / "studylog"), "completion", "zsh"], env=_env(), capture_output=True, text=True, check=True
    ).stdout
    session = (
        ZSH_STUBS
        + script
        + (
            'reply() { words=("$@"); CURRENT=$#; print -r -- "== $*"; _studylog_completion; }\n'
            "reply studylog done --item makemore-\n"
            "reply studylog done --item week0_d2\n"
            "reply studylog edit 2\n"
            "reply studylog rm ''\n"
            "reply studylog config ''\n"
            "reply studylog config get hours\n"
            "reply studylog done --tag py\n"
            "reply studylog done --t\n"
            "reply studylog import markdown ''\n"
        )
    )
    out = subprocess.run(["zsh", "-f", "-c", session], env=_env(), capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    blocks = {b.split("\n", 1)[0]: b.split("\n")[1:-1] for b in out.stdout.split("== ")[1:]}
    makemore = blocks["studylog done --item makemore-"]
    assert any(v.startswith("makemore-4:Building makemore Part 4") and "karpathy/5" in v for v in makemore)
    assert any(v.startswith("week0_d2_cnn:") for v in blocks["studylog done --item week0_d2"])
    edit2 = blocks["studylog edit 2"]  # ids starting with 2, newest first
    assert (
        edit2[0] == "29:2024-04-18 done: entry number 29" and edit2[-1] == "2:2024-04-18 done: backprop ninja #python"
    )
    newest = blocks["studylog rm "]
    assert newest[0] == "40:2024-04-18 done: entry number 40" and len(newest) == completion_values.ENTRY_LIMIT
    assert any(v.startswith("set:") for v in blocks["studylog config "])
    assert any(v.startswith("hours_format:how hours are shown") for v in blocks["studylog config get hours"])
    assert blocks["studylog done --tag py"] == ["python:2 entries"]
    assert [v.split(":", 1)[0] for v in blocks["studylog done --t"]] == ["--tag"]  # with its help after the colon
    assert blocks["studylog import markdown "] == ["(files)"]


def _zsh_or_skip() -> None:
    if shutil.which("zsh") is None:
        if UNDER_CI:
            pytest.fail("zsh is missing under CI (.ci/run installs it)")
        pytest.skip("zsh is not installed (apt-get install zsh)")


def test_a_tab_in_an_interactive_zsh(history, tmp_path):
    """zsh as a learner runs it: compinit, the script in .zshrc, a real Tab on a terminal."""
    _zsh_or_skip()
    (tmp_path / ".zshrc").write_text(
        "PS1='READY> '\nautoload -U compinit && compinit -u -D\neval \"$(studylog completion zsh)\"\n"
    )
    env = _env(ZDOTDIR=str(tmp_path), HOME=str(tmp_path), TERM="xterm", COLUMNS="100", LINES="40")
    shown = typed(  # Ctrl-U clears the line between tries (no signals: no races with the prompt)
        ["zsh", "-i"],
        env,
        [
            ("READY> ", "studylog done --item makemore-\t"),  # several: listed with their titles
            ("Becoming a Backprop Ninja", "\x15studylog done --tag py\t"),  # one answer: put on the line
            ("--tag python", "\x15exit\n"),
        ],
    )
    assert "makemore-4  -- Building makemore Part 4: Becoming a Backprop Ninja" in shown
    assert "makemore-1  -- The spelled-out intro" in shown
    assert "studylog done --tag python" in shown and "studylog done --tag py\x07" not in shown


def test_a_tab_in_an_interactive_bash(history, tmp_path):
    """bash as a learner runs it: the script sourced, Tab once to complete, twice to list."""
    rc = tmp_path / "bashrc"
    rc.write_text("PS1='READY> '\nbind 'set bell-style none'\nsource <(studylog completion bash)\n")
    env = _env(HOME=str(tmp_path), TERM="xterm", COLUMNS="100", LINES="40", INPUTRC="/dev/null")
    shown = typed(
        ["bash", "--rcfile", str(rc), "-i"],
        env,
        [
            ("READY> ", "studylog done --item week0_d2_c\t"),  # one answer: completed in place
            ("week0_d2_cnn", "\x15studylog done --item makemore-\t\t"),  # several: the second Tab lists them
            ("makemore-5", "\x15exit\n"),
        ],
    )
    assert "studylog done --item week0_d2_cnn" in shown
    assert all(f"makemore-{n}" in shown for n in range(1, 6))


def test_fish_script_and_session():
    script = subprocess.run(
        [str(BIN / "studylog"), "completion", "fish"], env=_env(), capture_output=True, text=True, check=True
    ).stdout
    assert "complete --no-files --command studylog" in script
    assert "_STUDYLOG_COMPLETE=fish_complete" in script and "commandline -cp" in script
    if shutil.which("fish") is None:
        return  # fish is optional: its script is checked above; the answers below, in fish's format
    out = subprocess.run(
        ["fish", "--no-config", "-c", script + "\ncomplete -C 'studylog done --item makemore-'"],
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "makemore-4\tBuilding makemore Part 4" in out.stdout


# -- the answers ---------------------------------------------------------------------------------------
def test_item_references_and_aliases_come_with_their_titles(history):
    refs = described("studylog start dlc/")
    assert refs["dlc/1"] == "Chapter 1: Transformers"
    assert not any(r.count("/") > 1 for r in refs)  # readings only once an item and a / are typed
    readings = described("studylog complete dlc/1/")
    assert readings and all(r.startswith("dlc/1/") for r in readings)
    assert "karpathy/5" in described("studylog done x --item makemore-4")["makemore-4"]
    assert described("studylog log --item papers/")["papers/mono"] == "Scaling Monosemanticity"  # own items too
    assert described("studylog edit-item ") == {"papers/mono": "Scaling Monosemanticity"}  # own items only


def test_curricula_lists_tags_and_config(history):
    assert described("studylog progress kar")["karpathy"] == "Neural Networks: Zero to Hero"
    assert "papers" in described("studylog items ")  # an own list is a list like the curricula
    assert described("studylog add paper x --list ") == {"papers": "1 item"}
    assert described("studylog done --tag ") == {"python": "2 entries", "ml": "1 entry"}
    assert described("studylog done --tag '#M") == {"ml": "1 entry"}
    keys = described("studylog config set ")
    assert "hours_format" in keys and "week_start" in keys
    assert "target.week.dlc" in described("studylog config set target.week.")
    assert set(described("studylog config set week_start ")) == {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
    assert "video" in protocol("bash", "studylog add v").split()[0]


def test_entry_ids_newest_first_and_open_goals(history, cli):
    ids = [line.split(",", 1)[1] for line in protocol("bash", "studylog edit ").splitlines()]
    assert ids[:3] == ["40", "39", "38"] and len(ids) == completion_values.ENTRY_LIMIT
    assert [line.split(",")[1] for line in protocol("bash", "studylog rm 1 2 1").splitlines()] == [
        "19",
        "18",
        "17",
        "16",
        "15",
        "14",
        "13",
        "12",
        "11",
        "10",
        "1",
    ]
    assert described("studylog done x --goal ") == {"1": "2024-04-18 goal: read the attention paper"}
    cli("drop", "1", ok=True)
    assert protocol("bash", "studylog drop ") == "\n"  # no open goal left


def test_commands_options_and_paths(history):
    top = described("studylog ")
    assert {"goal", "done", "edit", "completion", "config"} <= set(top) and top["done"]
    assert "--version" in described("studylog --v")
    assert {"start", "stop", "status"} <= set(described("studylog timer "))
    options = described("studylog edit 2 --")
    assert "--text" in options and "--tag" in options
    once = described("studylog edit 2 --text x --")
    assert "--text" not in once and "--tag" in once  # an option given once is not offered again; --tag repeats
    assert protocol("bash", "studylog import markdown ") == "file,\n"
    assert protocol("bash", "studylog --db my") == "file,my\n"
    assert protocol("bash", "studylog nosuchcommand ") == "\n"


def test_db_option_chooses_the_store(history, tmp_path):
    other = tmp_path / "other.db"
    subprocess.run(
        [str(BIN / "studylog"), "--db", str(other), "done", "elsewhere"], env=_env(), check=True, capture_output=True
    )
    assert described(f"studylog --db {other} edit ") == {"1": "2024-04-18 done: elsewhere"}


def test_no_store_offers_curricula_and_creates_nothing(isolated):
    assert "dlc/1" in described("studylog start dlc/")
    assert protocol("bash", "studylog edit ") == "\n"
    assert not (isolated / "studylog.db").exists()


def test_a_bad_instruction_is_one_line_and_a_usage_error():
    out = subprocess.run(
        [str(BIN / "studylog")], env=_env(_STUDYLOG_COMPLETE="tcsh_complete"), capture_output=True, text=True
    )
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "bash, zsh, fish" in out.stderr
    cmd = subprocess.run([str(BIN / "studylog"), "completion", "tcsh"], env=_env(), capture_output=True, text=True)
    assert cmd.returncode == 2 and "give bash, zsh or fish" in cmd.stderr and "Traceback" not in cmd.stderr


def test_the_script_is_clicks():
    import click
    from click.shell_completion import ZshComplete

    from studylog.cli.completion import script

    comp = ZshComplete(click.Command("studylog"), {}, "studylog", "_STUDYLOG_COMPLETE")
    assert script("zsh") == comp.source_template % comp.source_vars()
    assert "_STUDYLOG_COMPLETE=zsh_complete" in script("zsh")


# -- the two ways agree, the fast one stays light, the tree follows the commands ----------------------
LINES = [
    "studylog ",
    "studylog ed",
    "studylog --db x -",
    "studylog --db ",
    "studylog edit ",
    "studylog edit 3 -",
    "studylog edit 3 --tag py",
    "studylog rm 1 ",
    "studylog done --item mak",
    "studylog done x -i week0",
    "studylog done x --item=dlc/",
    "studylog done --goal ",
    "studylog start dlc/1/",
    "studylog progress ",
    "studylog log --curriculum ",
    "studylog config set ",
    "studylog config set hours_format ",
    "studylog add ",
    "studylog add paper x --list ",
    "studylog items --kind ",
    "studylog edit-item ",
    "studylog timer start --item dlc/2",
    "studylog export til --out ",
    "studylog curricula show ",
    "studylog undo ",
    "studylog completion ",
]


def test_the_fast_path_and_click_give_the_same_answers(history):
    from click.shell_completion import BashComplete

    from studylog.cli.completion import click_command

    cmd = click_command()
    for line in LINES:
        words = line.split()
        args, incomplete = (words[1:], "") if line.endswith(" ") else (words[1:-1], words[-1])
        try:
            fast = complete.complete(args, incomplete)
        finally:
            state.close()
            state.db = None
        try:
            slow = [
                (c.type, c.value, c.help)
                for c in BashComplete(cmd, {}, "studylog", "X").get_completions(args, incomplete)
            ]
        finally:
            state.close()
            state.db = None
        assert fast == slow, line


@pytest.mark.parametrize("shell", completion_values.SHELLS)
def test_both_ways_format_alike(history, shell):
    for line in ("studylog done --item makemore-", "studylog edit 3", "studylog config get t", "studylog ex"):
        assert protocol(shell, line) == protocol(shell, line, STUDYLOG_NO_FAST_PATH="1"), (shell, line)


PROBE = """
import sys
from studylog.cli import main

try:
    main()
except SystemExit:
    pass
print("MODULES=" + " ".join(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_a_tab_imports_neither_typer_nor_rich_nor_pydantic(history):
    protocol("zsh", "studylog ")  # caches the command tree
    for line, cword in (("studylog done --item makemore-", "3"), ("studylog edit ", "2"), ("studylog ", "1")):
        env = _env(_STUDYLOG_COMPLETE="zsh_complete", COMP_WORDS=line, COMP_CWORD=cword)
        out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        modules = set(out.stdout.rsplit("MODULES=", 1)[1].split())
        heavy = {"typer", "click", "rich", "pydantic", "sqlalchemy", "sqlmodel", "yaml"} & modules
        assert not heavy, f"{line!r} imported {sorted(heavy)}"


def test_the_command_tree_cache_is_rebuilt_when_stale(history, isolated):
    protocol("zsh", "studylog ")
    cache = isolated / "cache" / "completion.json"
    data = json.loads(cache.read_text())
    from studylog.cli.completion import command_tree

    assert data["tree"] == json.loads(json.dumps(command_tree()))
    data["fingerprint"] = "another studylog"
    data["tree"]["commands"] = {}
    cache.write_text(json.dumps(data))
    assert "done" in described("studylog ")  # not the stale tree's empty answer
    cache.write_text("{not json")
    assert "done" in described("studylog ")


def test_every_parameter_the_completion_names_exists():
    """Completion is given by parameter name (cli/completion.py): a renamed parameter would
    silently lose it, so every name it knows must still be a parameter, and the parameters that
    take items, entries and tags must still complete them."""
    import click

    from studylog.cli.completion import BY_NAME, BY_PATH, click_command, kind_of

    found: dict[tuple[str, ...], str | None] = {}

    def walk(cmd: click.Command, path: tuple[str, ...]) -> None:
        for p in cmd.params:
            found[(*path, p.name or "")] = kind_of(path, p.name or "")
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, (*path, name))

    walk(click_command(), ())
    assert set(BY_PATH) <= set(found), sorted(set(BY_PATH) - set(found))
    names = {key[-1] for key in found}
    assert set(BY_NAME) <= names, sorted(set(BY_NAME) - names)
    expected = {
        ("done", "item"): "item",
        ("goal", "item"): "item",
        ("start", "ref"): "item",
        ("edit", "entry_id"): "entry",
        ("rm", "entry_ids"): "entry",
        ("done", "goal_id"): "goal",
        ("done", "tag"): "tag",
        ("progress", "curriculum"): "curriculum",
        ("config", "set", "name"): "config_key",
    }
    assert {k: found.get(k) for k in expected} == expected
