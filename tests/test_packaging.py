"""What a user gets: the wheel carries the curricula, installs into a fresh venv (not editable)
and runs; the scripted example session runs; the example curriculum validates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = [pytest.mark.wheel, pytest.mark.sqlite_only]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)], check=True)
    (found,) = out.glob("studylog-*.whl")
    return found


def test_wheel_contains_the_shipped_curricula(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (REPO / "curriculum").glob("*.yaml")}
    assert {"dlc.yaml", "arena.yaml", "arena2.yaml", "karpathy.yaml", "aisf.yaml", "3b1b.yaml"} <= shipped
    assert {f"studylog/curricula/{n}" for n in shipped} <= names


def test_wheel_installs_into_a_fresh_venv_and_runs(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True)
    env = {**os.environ, "STUDYLOG_HOME": str(tmp_path / "home"), "COLUMNS": "100"}
    env.pop("PYTHONPATH", None)

    def run(*a: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(bin_dir / "studylog"), *a], env=env, capture_output=True, text=True, cwd=tmp_path)

    listing = run("curricula", "list")
    assert listing.returncode == 0, listing.stderr
    for cid in ("dlc", "arena", "arena2", "karpathy", "aisf", "3b1b"):
        assert f"\n{cid} " in "\n" + listing.stdout
    assert run("done", "installed from the wheel", "--item", "makemore-4", "-H", "1").returncode == 0
    module = subprocess.run(
        [str(bin_dir / "python"), "-m", "studylog", "today", "--json"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert module.returncode == 0, module.stderr
    assert '"item": "karpathy/5"' in module.stdout


def test_example_session_runs(tmp_path):
    studylog = shutil.which("studylog", path=str(Path(sys.executable).parent))
    assert studylog, "studylog is not installed beside this Python"
    env = {
        **os.environ,
        "STUDYLOG_HOME": str(tmp_path / "home"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("STUDYLOG_TODAY", None)
    done = subprocess.run(["bash", str(REPO / "examples" / "session.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Undid #" in done.stdout and "(complete arena2/0.2, " in done.stdout
    assert "linalg/3" in done.stdout


def test_example_curriculum_validates(cli):
    out = cli("curricula", "validate", str(REPO / "examples" / "my-curriculum.yaml"), ok=True)
    assert out.stdout.endswith(": ok (linalg: 3 items)\n")
