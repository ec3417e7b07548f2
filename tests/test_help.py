"""Every command has help, and --version works, without opening a store."""

from __future__ import annotations

import pytest
from typer.main import get_command

from studylog import __version__
from studylog.cli import app


def _commands():
    root = get_command(app)
    out = []
    for name, cmd in root.commands.items():
        out.append((name,))
        for sub in getattr(cmd, "commands", {}) or {}:
            out.append((name, sub))
    return out


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p))
def test_every_command_has_help(cli, path, isolated):
    out = cli(*path, "--help", ok=True)
    assert "Usage:" in out.stdout
    root = get_command(app)
    cmd = root.commands[path[0]]
    if len(path) > 1:
        cmd = cmd.commands[path[1]]
    assert (cmd.help or "").strip(), f"{' '.join(path)} has no help text"
    assert not isolated.exists(), "--help must not create the data folder"


def test_root_help_and_version(cli, isolated):
    assert "Usage:" in cli("--help", ok=True).stdout
    assert cli("--version", ok=True).stdout == f"studylog {__version__}\n"
    assert not isolated.exists()


def test_unknown_command_is_a_usage_error(cli):
    out = cli("dnoe", "x")
    assert out.exit_code == 2
    assert "Traceback" not in out.stderr


def test_the_command_map_names_every_command():
    from studylog.cli.commands import COMMANDS, build, command_name

    assert set(get_command(app).commands) == set(COMMANDS)
    for name, module in COMMANDS.items():
        assert name in get_command(build(name)).commands, (name, module)
    assert command_name(["--db", "x.db", "done", "y"]) == "done"
    assert command_name(["--version"]) is None


def test_main_runs_only_the_command_given(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "STUDYLOG_HOME": str(tmp_path / "home"), "STUDYLOG_TODAY": "2024-04-18"}
    # (drop is not on the fast path: see test_fast_path.py for today, week, goal and done)
    probe = (
        "import sys; sys.argv = ['studylog', 'drop', '1']\nfrom studylog.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('studylog.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    loaded = out.stdout.strip().splitlines()[-1]
    assert "studylog.cli.entries" in loaded and "studylog.cli.week_cmd" not in loaded
