"""Habits, checked with every test run (and so in CI): ruff's lint rules and formatter, and mypy
on src/, all configured in pyproject.toml, with 0 findings."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.sqlite_only  # reads the source, not a store: once is enough


def _tool(name: str) -> list[str]:
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]' installs it")
    return [found]


def _run(args: list[str]) -> None:
    result = subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout}{result.stderr}"


def test_ruff_lint():
    _run([*_tool("ruff"), "check", "--no-cache", "src", "tests", "benchmarks"])


def test_ruff_format():
    _run([*_tool("ruff"), "format", "--check", "--no-cache", "src", "tests", "benchmarks"])


def test_mypy():
    _run([*_tool("mypy"), "--no-incremental", "--cache-dir", "/dev/null"])
