"""Every test gets its own data folder, a fixed date and a fixed terminal width."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studylog.cli import app

TODAY = "2024-04-18"  # a Thursday
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    def json(self):
        return json.loads(self.stdout)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("STUDYLOG_HOME", str(home))
    monkeypatch.setenv("STUDYLOG_TODAY", TODAY)
    monkeypatch.setenv("STUDYLOG_OWNER", "tester")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("STUDYLOG_DB", raising=False)
    monkeypatch.delenv("STUDYLOG_DEBUG", raising=False)
    return home


@pytest.fixture
def cli() -> Callable[..., Run]:
    """Run studylog in-process: ``cli("done", "x", "--hours", "2")``."""
    runner = CliRunner()

    def run(*args: str, ok: bool | None = None, env: dict[str, str] | None = None) -> Run:
        result = runner.invoke(app, list(args), env=env)
        out = Run(result.exit_code, result.stdout, result.stderr, result.exception)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        if ok is True:
            assert out.exit_code == 0, f"{args} failed: {out.stderr or out.stdout}"
        if ok is False:
            assert out.exit_code != 0, f"{args} should have failed: {out.stdout}"
        return out

    return run


def golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/NAME; STUDYLOG_UPDATE_GOLDEN=1 rewrites it."""
    path = REPO / "tests" / "golden" / name
    if os.environ.get("STUDYLOG_UPDATE_GOLDEN") or not path.exists():
        if os.environ.get("CI") and not path.exists():
            raise AssertionError(f"golden file {name} is missing")
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
