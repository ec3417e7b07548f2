"""Shell completion on every Tab, without Typer or click (importing them costs more than the
answer): click's completion protocol, answered from a description of the commands cached in the
data folder, the curricula cache and indexed store queries.

The shell scripts (``studylog completion SHELL``, ``cli/completion.py``) run ``studylog`` with
``_STUDYLOG_COMPLETE=bash_complete`` (``zsh_complete``, ``fish_complete``) and the words typed in
``COMP_WORDS``/``COMP_CWORD``, as click's own scripts do; ``studylog.cli.main`` hands such a run
here. ``resolve`` decides what the word under the cursor is (a command, an option, an option's
value or an argument) by click's rules (``click.shell_completion._resolve_incomplete``), on the
command tree that ``completion.command_tree`` describes from the Typer application, cached in
``cache/completion.json`` and rebuilt when a file of ``studylog.cli`` changes. ``values`` gives
what a parameter takes (item references with their titles, entry ids with their texts, tags,
config keys...): the click path (``completion.attach``, with ``STUDYLOG_NO_FAST_PATH=1``) calls the
same function, and tests/test_completion.py checks that both ways answer the same.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

VAR = "_STUDYLOG_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
ENTRY_LIMIT = 30  # entry ids offered: the newest that start with what was typed
TAG_LIMIT = 50
TREE_FORMAT = 1

Candidate = tuple[str, str, str | None]  # (type: plain, file or dir; value; help)


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


# -- what a parameter takes ------------------------------------------------------------------------
def values(param: dict[str, Any], incomplete: str, path: list[str], before: list[str]) -> list[Candidate]:
    """What parameter ``param`` (a node of the tree) of command ``path`` may take, starting with
    ``incomplete``; ``before``: the arguments given before it."""
    kind = param.get("kind")
    if kind in ("file", "dir"):
        return [(kind, incomplete, None)]
    if param.get("choices"):
        return [("plain", v, h) for v, h in param["choices"] if v.startswith(incomplete.lower())]
    if kind is None:
        return []
    from studylog.errors import StudylogError

    try:
        return [("plain", v, h) for v, h in SOURCES[kind](incomplete, before)]
    except StudylogError:
        return []  # no store yet, a broken curriculum file...: nothing to offer, and no noise


def _store() -> Any:
    """The store as it is (never created or upgraded by a Tab); None when there is none."""
    from studylog.cli.session import open_store, state

    if state.stores:
        return state.stores[0]
    try:
        return open_store("inspect")
    except Exception as exc:
        from studylog.errors import StudylogError

        if isinstance(exc, StudylogError):
            return None
        raise


def _outlines() -> Any:
    from studylog.cli.session import outlines

    if _store() is None:  # no store: the curricula alone
        from studylog.curriculum.cache import load_outlines
        from studylog.paths import data_home, shipped_curricula_dir, user_curricula_dir

        return load_outlines(
            shipped_curricula_dir(), user_curricula_dir(), data_home() / "cache" / "curricula.json", skip_broken=True
        )
    return outlines(skip_broken=True)


def item_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Item references and aliases starting with ``incomplete``, with their titles (an alias's
    says which item it names); readings (``dlc/1/r1``) once an item's reference and a ``/`` are typed."""
    index = _outlines().index
    typed = incomplete.strip().lower()
    readings = typed.count("/") >= 2
    found = []
    for key, shown in index.display.items():
        if not key.startswith(typed) or (key.count("/") >= 2) != readings:
            continue
        refs = index.keys.get(key, [])
        if len(refs) == 1:
            title = index.titles[refs[0]]
            found.append((shown, title if refs[0] == shown else f"{title} ({refs[0]})"))
        elif refs:
            found.append((shown, f"names {len(refs)} items: {', '.join(refs)}"))
    return found


def own_item_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """The references of the learner's own items starting with ``incomplete``, with their titles."""
    store = _store()
    if store is None:
        return []
    from studylog.store.own_items import own_items

    typed = incomplete.strip().lower()
    return [(i.ref, i.title) for i in own_items(store) if i.ref.lower().startswith(typed)]


def curriculum_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Curriculum ids (the learner's own lists among them) starting with ``incomplete``, with titles."""
    typed = incomplete.strip().lower()
    return [(cid, c.title) for cid, c in _outlines().curricula.items() if cid.startswith(typed)]


def own_list_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    store = _store()
    if store is None:
        return []
    from studylog.store.completions import own_lists

    typed = incomplete.strip().lower()
    return [(name, f"{n} item{'s' * (n != 1)}") for name, n in own_lists(store) if name.lower().startswith(typed)]


def tag_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """The learner's tags starting with ``incomplete`` (without its ``#``), the most used first."""
    store = _store()
    if store is None:
        return []
    from studylog.store.completions import tags_starting

    typed = incomplete.strip().lstrip("#").casefold()
    return [(tag, f"{n} entr{'ies' if n != 1 else 'y'}") for tag, n in tags_starting(store, typed, TAG_LIMIT)]


def _entry_help(hint: Any) -> str:
    text = " ".join(hint.text.split())
    if len(text) > 60:
        text = text[:59].rstrip() + "…"
    return f"{hint.day.isoformat()} {hint.kind}: {text}"


def entry_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Ids of the newest entries starting with ``incomplete``, each with its day, kind and text."""
    store = _store()
    if store is None:
        return []
    from studylog.store.completions import entries_by_id

    return [(str(h.id), _entry_help(h)) for h in entries_by_id(store, incomplete.strip(), ENTRY_LIMIT)]


def goal_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Ids of the newest open goals starting with ``incomplete``, each with its day and text."""
    store = _store()
    if store is None:
        return []
    from studylog.store.completions import open_goals_by_id

    return [(str(h.id), _entry_help(h)) for h in open_goals_by_id(store, incomplete.strip(), ENTRY_LIMIT)]


def config_key_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Config keys starting with ``incomplete``, with what each sets; ``target.week.ID`` for each
    curriculum once ``target.week.`` is typed."""
    from studylog.config import KEYS

    typed = incomplete.strip().lower()
    found = [(name, key.help) for name, key in KEYS.items() if name.startswith(typed)]
    if typed.startswith("target.week."):
        found += [
            (f"target.week.{cid}", f"hours a week to aim for in {c.title}")
            for cid, c in _outlines().curricula.items()
            if f"target.week.{cid}".startswith(typed)
        ]
    return found


def config_value_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """The values the key given before may take, when they are few (choices, true or false)."""
    if not before:
        return []
    from studylog.config import key_for

    key = key_for(before[-1].strip().lower())
    if key is None:
        return []
    if isinstance(key.default, bool):
        choices: tuple[str, ...] = ("true", "false")
    else:
        choices = key.choices or ()
    typed = incomplete.strip().lower()
    return [(c, "the default" if str(key.default).lower() == c else "") for c in choices if c.startswith(typed)]


SOURCES = {
    "item": item_values,
    "own_item": own_item_values,
    "curriculum": curriculum_values,
    "own_list": own_list_values,
    "tag": tag_values,
    "entry": entry_values,
    "goal": goal_values,
    "config_key": config_key_values,
    "config_value": config_value_values,
}
