"""Shell completion on every Tab, without Typer or click (importing them costs more than the
answer): click's completion protocol, answered from a description of the commands cached in the
data folder, the curricula cache and indexed store queries.

The shell scripts (``studylog completion SHELL``, ``cli/completion.py``) run ``studylog`` with
``_STUDYLOG_COMPLETE=bash_complete`` (``zsh_complete``, ``fish_complete``) and the words typed in
``COMP_WORDS``/``COMP_CWORD``, as click's own scripts do; ``studylog.cli.main`` hands such a run
here. ``resolve`` decides what the word under the cursor is (a command, an option, an option's
value or an argument) by click's rules (``click.shell_completion._resolve_incomplete``), on the
command tree that ``completion.command_tree`` describes from the Typer application, cached in
``cache/completion.json`` and rebuilt when a file of ``studylog.cli`` changes. What a parameter
takes (item references with their titles, entry ids with their texts, tags, config keys...) comes
from ``completion_values.values``, which the click path (``completion.attach``, with
``STUDYLOG_NO_FAST_PATH=1``) calls too; tests/test_completion.py checks that both ways answer the same.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from studylog.cli.completion_values import SHELLS, VAR, Candidate, values

TREE_FORMAT = 1


def instruction() -> tuple[str, str] | None:
    """``(shell, "complete" or "source")`` from ``_STUDYLOG_COMPLETE`` (click's ``bash_complete``,
    or Typer's ``complete_bash``), or None when it is not one."""
    first, _, second = os.environ.get(VAR, "").partition("_")
    for shell, action in ((first, second), (second, first)):
        if shell in SHELLS and action in ("complete", "source"):
            return shell, action
    return None


def run() -> int:
    """Answer the completion request in the environment; the exit code."""
    asked = instruction()
    if asked is None:
        print(f"studylog: error: {VAR} must be SHELL_complete or SHELL_source (bash, zsh, fish)", file=sys.stderr)
        return 2
    shell, action = asked
    if action == "source" or os.environ.get("STUDYLOG_NO_FAST_PATH"):
        from studylog.cli.completion import click_complete

        return click_complete(shell, action)
    args, incomplete = words(shell)
    found = complete(args, incomplete)
    sys.stdout.write("\n".join(format_candidate(shell, c) for c in found) + "\n")  # as click echoes it
    return 0


# -- the words typed, and the answer, as each shell's script passes them (click's protocol) --------
def split_words(text: str) -> list[str]:
    """``text`` split as a shell would, a missing closing quote allowed (click's ``split_arg_string``)."""
    if not any(c in text for c in "'\"\\"):
        return text.split()  # what shlex gives for words without quotes or escapes, without importing it
    import shlex

    lex = shlex.shlex(text, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out: list[str] = []
    try:
        out.extend(lex)
    except ValueError:
        out.append(lex.token)
    return out


def words(shell: str) -> tuple[list[str], str]:
    """The words before the cursor (without the program's name) and the word under it."""
    cwords = split_words(os.environ.get("COMP_WORDS", ""))
    if shell == "fish":
        incomplete = os.environ.get("COMP_CWORD", "")
        if incomplete:
            incomplete = split_words(incomplete)[0]
        args = cwords[1:]
        if incomplete and args and args[-1] == incomplete:
            args.pop()
        return args, incomplete
    try:
        cword = int(os.environ.get("COMP_CWORD", ""))
    except ValueError:
        cword = len(cwords)
    return cwords[1:cword], cwords[cword] if cword < len(cwords) else ""


def format_candidate(shell: str, candidate: Candidate) -> str:
    kind, value, help_ = candidate
    if shell == "bash":
        return f"{kind},{value}"
    if shell == "zsh":
        shown = help_ or "_"
        return f"{kind}\n{value.replace(':', chr(92) + ':') if shown != '_' else value}\n{shown}"
    if help_:
        return f"{kind},{value}\t{help_.replace(chr(10), chr(92) + 'n').replace(chr(9), ' ')}"
    return f"{kind},{value}"


# -- the command tree ------------------------------------------------------------------------------
def _fingerprint() -> str:
    from studylog import __version__

    here = os.path.dirname(os.path.abspath(__file__))
    parts = [__version__, str(TREE_FORMAT)]
    for entry in sorted(os.scandir(here), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            st = entry.stat()
            parts.append(f"{entry.name}:{st.st_mtime_ns}:{st.st_size}")
    return "|".join(parts)


def tree() -> dict[str, Any]:
    """The command tree (``completion.command_tree``), from the cache when no file of
    ``studylog.cli`` changed since it was written, else described from the Typer application (one
    slow Tab) and cached."""
    from studylog.paths import data_folder

    cache = os.path.join(data_folder(), "cache", "completion.json")
    print_ = _fingerprint()
    try:
        with open(cache, encoding="utf-8") as f:
            data = json.load(f)
        if data.get("fingerprint") == print_:
            return data["tree"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from studylog.cli.completion import command_tree

    described = command_tree()
    try:
        from pathlib import Path

        from studylog.atomic import write_atomic

        write_atomic(Path(cache), json.dumps({"fingerprint": print_, "tree": described}))
    except OSError:
        pass  # a read-only data folder only costs speed
    return described


# -- what the word under the cursor is: click's rules ----------------------------------------------
def _option(node: dict[str, Any], name: str) -> dict[str, Any] | None:
    for opt in node["options"]:
        if name in opt["opts"] or name in opt["secondary"]:
            return opt
    return None


def complete(args: list[str], incomplete: str, root: dict[str, Any] | None = None) -> list[Candidate]:
    """What may stand in place of ``incomplete`` after ``args``."""
    node = root if root is not None else tree()
    path: list[str] = []
    given: set[str] = set()  # options given to the current command
    positionals: list[str] = []
    pending: dict[str, Any] | None = None  # the option the last word asks a value for
    db: str | None = None
    after_dashes = False
    args = list(args)
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and incomplete.startswith("-"):
        name, _, incomplete = incomplete.partition("=")
        args.append(name)
    for word in args:
        if pending is not None:
            if pending["name"] == "db" and not path:
                db = word
            pending = None
            continue
        if not after_dashes and word == "--":
            after_dashes = True
            continue
        if not after_dashes and word.startswith("-") and word != "-":
            name, eq, value = word.partition("=")
            opt = _option(node, name)
            if opt is not None:
                given.add(opt["name"])
                if opt["value"] and not eq:
                    pending = opt
                elif opt["name"] == "db" and not path:
                    db = value
            continue
        if node["commands"]:
            sub = node["commands"].get(word)
            if sub is None:
                return []
            node, given, positionals = sub, set(), []
            path.append(word)
            continue
        positionals.append(word)
    if db is not None:
        from studylog.cli.session import state

        state.db = db
    if not after_dashes and incomplete.startswith("-"):
        return _command_items(node, given, incomplete)
    if pending is not None:
        return values(pending, incomplete, path, positionals)
    left = len(positionals)
    for arg in node["args"]:
        if arg["nargs"] == -1 or left == 0:
            return values(arg, incomplete, path, positionals)
        left -= 1
    return _command_items(node, given, incomplete)


def _command_items(node: dict[str, Any], given: set[str], incomplete: str) -> list[Candidate]:
    """A command's subcommands and options that start with ``incomplete`` (click's
    ``Command.shell_complete``: options only once something other than a letter is typed)."""
    found: list[Candidate] = [
        ("plain", name, sub["help"] or None) for name, sub in node["commands"].items() if name.startswith(incomplete)
    ]
    if incomplete and not incomplete[0].isalnum():
        for opt in node["options"]:
            if opt["multiple"] or opt["name"] not in given:
                found += [("plain", n, opt["help"]) for n in opt["opts"] + opt["secondary"] if n.startswith(incomplete)]
    return found
