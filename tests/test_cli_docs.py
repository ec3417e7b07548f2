"""The help a newcomer reads: docs/cli.md is what ``--help`` says (scripts/gen-cli-docs), every
command's summary is one whole sentence in the command list at 80 columns, every help ends with
examples that the command line takes, nothing shows typer's rich escapes, and each short option
stands for one long option in every command (docs/cli.md, "Options")."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import shlex
from collections import defaultdict
from pathlib import Path

import click
import pytest
from typer.main import get_command

from studylog.cli import app
from studylog.cli.help import split_examples

REPO = Path(__file__).resolve().parent.parent
WIDTH = 80


def _generator():
    loader = importlib.machinery.SourceFileLoader("gen_cli_docs", str(REPO / "scripts" / "gen-cli-docs"))
    spec = importlib.util.spec_from_loader("gen_cli_docs", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _commands():
    """(path, click command, its context) for the root, every command and every subcommand, as
    --help sees them at 80 columns."""
    found = []

    def walk(command, name, parent):
        settings = {"terminal_width": WIDTH, "max_content_width": WIDTH, **command.context_settings}
        ctx = command.context_class(command, info_name=name, parent=parent, **settings)
        found.append((ctx.command_path, command, ctx))
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                child = command.get_command(ctx, sub)
                if child is not None and not child.hidden:
                    walk(child, sub, ctx)

    walk(get_command(app), "studylog", None)
    return found


COMMANDS = _commands()
IDS = [path for path, _, _ in COMMANDS]


def test_docs_cli_md_is_what_the_help_says():
    generator = _generator()
    text = generator.render()
    current = generator.DOC.read_text(encoding="utf-8") if generator.DOC.exists() else ""
    assert current == text, "docs/cli.md is stale: run scripts/gen-cli-docs and commit docs/cli.md"
    assert generator.main(["--check"]) == 0


def test_docs_cli_md_covers_every_command_and_the_readme_links_it():
    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for path in IDS:
        assert f"\n## {path}\n" in text, path
    assert "docs/cli.md" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path, command, ctx", COMMANDS, ids=IDS)
def test_help_is_clean_at_80_columns(path, command, ctx):
    text = command.get_help(ctx)
    assert "\\[" not in text, text  # typer's markup for rich, where rich draws nothing
    assert "\x1b" not in text
    too_wide = [line for line in text.splitlines() if len(line) > WIDTH and not line.startswith("Usage:")]
    assert not too_wide, too_wide


@pytest.mark.parametrize(
    "path, command, ctx", [c for c in COMMANDS if isinstance(c[1], click.Group)], ids=lambda c: str(c)
)
def test_every_summary_in_a_command_list_is_one_whole_sentence(path, command, ctx):
    text = command.get_help(ctx)
    listed = text.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(listed) == len([c for c in command.commands.values() if not c.hidden])
    for line in listed:
        summary = line.split(None, 1)[1]
        assert summary.endswith(".") and not summary.endswith("..."), f"{path}: cut or not a sentence: {line!r}"
        assert summary[0].isupper(), line


def _parse(args: list[str]) -> str:
    """The path of the command ``args`` runs (``studylog timer stop``), parsed as the command line parses it (nothing is run); a usage
    error is raised as click raises it."""
    command: click.Command = get_command(app)
    ctx = command.make_context("studylog", list(args))
    while isinstance(command, click.Group):
        rest = [*ctx._protected_args, *ctx.args]
        if not rest:
            break
        name, sub, rest = command.resolve_command(ctx, rest)
        assert sub is not None and name is not None
        command, ctx = sub, sub.make_context(name, rest, parent=ctx)
    return ctx.command_path


@pytest.mark.parametrize("path, command, ctx", COMMANDS, ids=IDS)
def test_every_help_ends_with_examples_the_command_line_takes(path, command, ctx):
    examples = command.examples
    takes = [p for p in command.params if p.name != "help"]  # one way to run it: one example
    least = 2 if takes and not isinstance(command, click.Group) else 1
    assert least <= len(examples) <= 3, f"{path} needs two or three examples"
    text = command.get_help(ctx)
    block = text.rstrip("\n").rsplit("\nExamples:\n", 1)
    assert len(block) == 2, f"{path}: the help does not end with its examples"
    assert block[1].splitlines() == [f"  {e}" for e in examples]  # as written, never rewrapped
    for example in examples:
        words = shlex.split(example)
        assert words[0] == "studylog", example
        if "|" in words or ">" in words:
            words = words[: min(words.index(w) for w in words if w in ("|", ">"))]
        ran = _parse(words[1:])  # a usage error fails the test here
        assert ran.startswith(path), (example, ran)


def test_split_examples():
    assert split_examples("Do it.\n\nMore.\n\nExamples:\n  studylog a\n\n  studylog b\n") == (
        "Do it.\n\nMore.",
        ["studylog a", "studylog b"],
    )
    assert split_examples("Do it.") == ("Do it.", [])


def _options():
    """short spelling -> {long spellings}, and long spelling -> {short spelling or None: paths}."""
    shorts: dict[str, set[str]] = defaultdict(set)
    longs: dict[str, dict[str | None, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path, command, _ in COMMANDS:
        for param in command.params:
            if not isinstance(param, click.Option) or param.name == "help":
                continue
            spellings = param.opts + param.secondary_opts
            short = [s for s in spellings if not s.startswith("--")]
            for spelling in spellings:
                if spelling.startswith("--"):
                    longs[spelling][short[0] if short else None].add(path)
                    for s in short:
                        shorts[s].add(spelling)
    return shorts, longs


def test_a_short_option_means_one_long_option_everywhere():
    shorts, _ = _options()
    clashes = {s: sorted(longs) for s, longs in shorts.items() if len(longs) > 1}
    assert not clashes, clashes
    assert shorts["-n"] == {"--note"}  # the rule docs/cli.md states: -n is --note, --limit has none
    assert "--limit" not in {long for longs in shorts.values() for long in longs}


def test_a_long_option_has_its_short_form_in_every_command_but_search():
    _, longs = _options()
    for spelling, by_short in longs.items():
        forms = {short for short, paths in by_short.items() if paths - {"studylog search"}}
        assert len(forms) <= 1, (spelling, dict(by_short))
    for spelling in ("--since", "--until", "--item", "--tag"):  # search takes -word as a query word
        assert "studylog search" in longs[spelling][None], spelling


def test_a_long_option_names_its_value_one_way_everywhere():
    """``--date DAY``, ``--item REF``, ``--svg FILE``… in every command. ``--by`` is two options
    that share a name: ``stats --by tag`` groups, ``plan --by DAY`` sets a finish day."""
    names: dict[str, set[str]] = defaultdict(set)
    for path, command, ctx in COMMANDS:
        for param in command.params:
            if isinstance(param, click.Option) and not param.is_flag and param.name != "help":
                for spelling in param.opts:
                    if spelling.startswith("--") and (spelling, path) != ("--by", "studylog stats"):
                        names[spelling].add(param.make_metavar(ctx))
    assert {s: m for s, m in names.items() if len(m) > 1} == {}
    assert names["--date"] == {"DAY"} and names["--item"] == {"REF"} and names["--tag"] == {"TAG"}
    assert names["--svg"] == names["--html"] == {"FILE"} and names["--limit"] == {"N"}
