"""The options many commands share behave the same on every command: --json with --svg or --html
is refused in one way everywhere, --svg and --html say the same in every help, and both ways into
the everyday commands (cli/fast.py and the Typer commands) call cli/everyday.py by the same names."""

from __future__ import annotations

import inspect

import pytest
from typer.main import get_command

from studylog.cli import app, everyday
from studylog.cli.fast import RUNS, SPEC

REFUSAL = "studylog: error: --json cannot be combined with --svg or --html; run the command twice\n"


def _commands():
    """(path, click command) for every command and subcommand."""
    root = get_command(app)
    out = []
    for name, cmd in root.commands.items():
        subs = getattr(cmd, "commands", None)
        if subs:
            out += [((name, sub), c) for sub, c in subs.items()]
        else:
            out.append(((name,), cmd))
    return out


def _options(cmd) -> dict[str, object]:
    return {spelling: p for p in cmd.params if p.param_type_name == "option" for spelling in p.opts}


WITH_PICTURES = [
    path for path, cmd in _commands() if "--json" in _options(cmd) and {"--svg", "--html"} & set(_options(cmd))
]


def test_the_commands_with_json_and_pictures_are_found():
    assert {("week",), ("calendar",), ("progress",), ("next",), ("stats",), ("today",), ("day",)} <= set(WITH_PICTURES)


@pytest.mark.parametrize("args", [["today"], ["day", "2024-04-18"]], ids=" ".join)
def test_today_and_day_save_what_they_show(cli, tmp_path, args):
    cli("done", "read chapter 2", "-H", "1.5", ok=True)
    svg, html = tmp_path / "day.svg", tmp_path / "day.html"
    shown = cli(*args, "--svg", str(svg), "--html", str(html), ok=True).stdout
    assert "read chapter 2" in shown
    assert svg.read_text(encoding="utf-8").startswith("<svg") and "read" in svg.read_text(encoding="utf-8")
    assert "read chapter 2" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize("picture", ["--svg", "--html"])
@pytest.mark.parametrize("path", WITH_PICTURES, ids=lambda p: " ".join(p))
def test_json_with_a_picture_is_refused_the_same_way_everywhere(cli, isolated, tmp_path, path, picture):
    target = tmp_path / "picture.out"
    out = cli(*path, "--json", picture, str(target))
    assert (out.exit_code, out.stdout, out.stderr) == (2, "", REFUSAL)
    assert not target.exists()
    assert not (isolated / "studylog.db").exists()  # refused before any work


@pytest.mark.parametrize("spelling", ["--svg", "--html", "--json", "--date", "--item"])
def test_a_shared_option_has_one_help_text(spelling):
    found = {
        " ".join(path): (option.help, option.metavar)
        for path, cmd in _commands()
        if (option := _options(cmd).get(spelling)) is not None
    }
    assert found, spelling
    if spelling in ("--svg", "--html"):
        assert len(set(found.values())) == 1, found
        assert next(iter(found.values()))[1] == "FILE"
    elif spelling == "--item":  # goal and done share one; log filters, edit relinks (their own words)
        assert found["goal"] == found["done"], found
    elif spelling == "--date":  # goal and done take a period too (each its own text: a goal looks ahead)
        periods = {found.pop(path) for path in ("goal", "done")}
        assert all("A..B" in help for help, _ in periods), periods
        assert any("the coming one" in help for help, _ in periods), periods
        edit = found.pop("edit")[0]  # a period too, and no default: the entry keeps its day
        assert "A..B" in edit and "default" not in edit, edit
        assert len(set(found.values())) == 1, found
    else:
        assert len(set(found.values())) == 1, found


@pytest.mark.parametrize("name", sorted(SPEC))
def test_both_ways_call_everyday_by_the_typer_parameter_names(name):
    command = get_command(app).commands[name]
    parameters = inspect.signature(getattr(everyday, RUNS[name])).parameters
    typer_names = {p.name for p in command.params}
    assert typer_names <= set(parameters), (name, typer_names - set(parameters))
    positional, _, options = SPEC[name]
    assert {param for param, _ in options.values()} | set(positional) <= set(parameters)


SUPPORT = ("clock", "session", "parse", "errors", "output", "progress_bar", "everyday", "fast")


@pytest.mark.parametrize("name", SUPPORT)
def test_the_support_modules_import_no_typer_at_the_top(name):
    """The fast path uses them: Typer, click and rich only inside the functions that draw."""
    import ast
    from pathlib import Path

    import studylog.cli

    tree = ast.parse((Path(studylog.cli.__file__).parent / f"{name}.py").read_text(encoding="utf-8"))
    top = {
        alias.name.split(".")[0] if isinstance(node, ast.Import) else (node.module or "").split(".")[0]
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not top & {"typer", "click", "rich", "sqlalchemy", "sqlmodel", "pydantic"}, (name, top)
    assert not {f"studylog.cli.{m}" for m in ("commands", "options")} & {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    }
