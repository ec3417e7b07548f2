"""Inputs that used to end as "unexpected …" (issue #13 item 14) each get a line that says what is
wrong and what to do, and write nothing. (A lone surrogate in a JSON backup is in
test_json_validation.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ON_PG


def _one_line(out, code: int = 1) -> str:
    assert out.exit_code == code, (out.exit_code, out.stdout, out.stderr)
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("studylog: error: "), out.stderr
    assert "unexpected" not in out.stderr and "Traceback" not in out.stderr
    return out.stderr


def _deep_curriculum(folder: Path, depth: int = 900) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deep.yaml"
    path.write_text(
        "id: deep\ntitle: Deep\nurl: https://example.org\nitems:\n  - id: a\n    title: A\n    notes: "
        + "[" * depth
        + "]" * depth
        + "\n"
    )
    return path


def test_yaml_nested_900_deep_is_a_clear_problem(cli, tmp_path):
    path = _deep_curriculum(tmp_path)
    out = cli("curricula", "validate", str(path), ok=False)
    assert out.stdout == f"{path}:7:41: YAML nested more than 32 levels deep; a curriculum is a few levels deep\n"


def test_a_broken_file_in_curricula_leaves_list_progress_and_doctor_working(cli, isolated):
    path = _deep_curriculum(isolated / "curricula")
    cli("done", "lecture 1", "-i", "karpathy/1", "--hours", "1", ok=False)  # resolving items names the file
    listed = cli("curricula", "list", "--json", ok=True)
    assert "karpathy" in [c["id"] for c in listed.json()] and "deep" not in [c["id"] for c in listed.json()]
    assert listed.stderr == (
        f"studylog: warning: {path}:7:41: YAML nested more than 32 levels deep; a curriculum is a few levels deep"
        " (this file is left out; fix it or move it away)\n"
    )
    assert cli("curricula", "list", ok=True).stderr == listed.stderr
    progress = cli("progress", "--all", "--json", ok=True)
    assert "karpathy" in [c["id"] for c in progress.json()] and progress.stderr == listed.stderr
    assert cli("progress", ok=True).stderr == listed.stderr  # from the cache the second time, too
    doctor = cli("doctor", "--json", ok=False)
    findings = {f["check"]: f for f in doctor.json()["findings"]}
    assert findings["curricula"]["ok"] is False and str(path) in findings["curricula"]["message"]
    assert all(f["ok"] for name, f in findings.items() if name != "curricula")  # the store was checked
    path.unlink()
    assert cli("curricula", "list", ok=True).stderr == ""
    assert cli("doctor", ok=True).exit_code == 0


def _run(args: list[bytes], home: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {**os.environ, "STUDYLOG_HOME": str(home), "STUDYLOG_TODAY": "2024-04-18", **env}
    environ.pop("STUDYLOG_DEBUG", None)
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"studylog", *args], capture_output=True, env=environ, timeout=60
    )


@pytest.mark.parametrize(
    "args",
    [[b"done", b"x\xff"], [b"goal", b"\xc3"], [b"done", b"fine", b"-n", b"note \xfe"]],
    ids=["done", "goal", "note"],
)
def test_an_argument_that_is_not_utf8_is_refused(cli, isolated, args):
    run = _run(args, isolated)
    err = run.stderr.decode()
    assert run.returncode == 2 and err.count("\n") == 1, err
    bad = next(a for a in args if not _is_utf8(a))
    shown = repr(bad)[2:-1]
    assert err == (
        f"studylog: error: argument {args.index(bad) + 1} ('{shown}') is not UTF-8 text; studylog keeps every "
        "text as UTF-8 (check the encoding of your terminal or script)\n"
    )
    assert cli("log", "--json", ok=True).json() == []


def _is_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


HUGE = "123456789012345678901234"
ID_MESSAGE = (
    f"studylog: error: there is no entry {HUGE}: ids are whole numbers from 1 to 9223372036854775807; "
    "see the ids with 'studylog log' or 'studylog today'\n"
)


@pytest.mark.parametrize(
    "args",
    [("rm", HUGE), ("edit", HUGE, "--text", "x"), ("drop", "1", HUGE), ("done", "x", "--goal", HUGE)],
    ids=["rm", "edit", "drop", "done"],
)
def test_a_24_digit_id_is_no_entry(cli, args):
    cli("goal", "a goal", ok=True)
    assert _one_line(cli(*args), 2) == ID_MESSAGE
    assert [e["text"] for e in cli("log", "--json", ok=True).json()] == ["a goal"]
    assert "is not a valid integer" in cli("rm", "abc").stderr  # click still says what it says


def test_a_24_digit_goal_on_the_fast_path(cli, isolated):
    run = _run([b"done", b"x", b"--goal", HUGE.encode()], isolated)
    assert (run.returncode, run.stderr.decode()) == (2, ID_MESSAGE)


@pytest.mark.sqlite_only
def test_backup_into_a_folder_or_onto_a_device(cli, tmp_path):
    cli("done", "x", ok=True)
    folder = tmp_path / "copies"
    folder.mkdir()
    out = cli("backup", str(folder), ok=True)  # what `backup /` did: a folder (ValueError before)
    made = list(folder.iterdir())
    assert len(made) == 1 and made[0].name.startswith("studylog-backup-") and str(made[0]) in out.stdout
    cli("backup", str(folder), ok=True)
    assert len(list(folder.iterdir())) == 2  # never over the first
    device = _one_line(cli("backup", "/dev/null"))
    assert device == "studylog: error: /dev/null is not a regular file; the backup would replace it; give a file name\n"


@pytest.mark.skipif(ON_PG, reason="STUDYLOG_DB is the PostgreSQL database here")
@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("sqlite:///:memory:", ":memory: is an in-memory SQLite database, which would be lost when the command ends"),
        (":memory:", ":memory: is an in-memory SQLite database, which would be lost when the command ends"),
        ("sqlite:///", "an empty path is an in-memory SQLite database"),
        ("sqlite://", "cannot connect to sqlite://"),
        ("file::memory:", "SQLite URI names (file:…) are not supported"),
        ("/dev/null", "/dev/null is not a regular file, so it cannot be a studylog store"),
        ("sqlite:////dev/null", "/dev/null is not a regular file, so it cannot be a studylog store"),
    ],
)
def test_database_targets_that_cannot_hold_a_store(cli, monkeypatch, tmp_path, target, expected):
    monkeypatch.chdir(tmp_path)
    journal = Path("/dev/null-journal")
    existed = journal.exists()
    monkeypatch.setenv("STUDYLOG_DB", target)
    for args in (("today",), ("done", "x")):
        assert expected in _one_line(cli(*args))
    assert list(tmp_path.iterdir()) == []  # no ":memory:" file, no lock file
    assert journal.exists() == existed  # nothing made beside /dev/null


@pytest.mark.skipif(ON_PG, reason="STUDYLOG_DB is the PostgreSQL database here")
def test_a_fifo_is_not_a_store(cli, tmp_path, monkeypatch):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    monkeypatch.setenv("STUDYLOG_DB", str(fifo))
    assert f"{fifo} is not a regular file" in _one_line(cli("today"))


def test_a_file_name_that_is_not_utf8_is_still_read(cli, isolated, tmp_path):
    """POSIX file names are bytes: an argument naming an existing file is not refused."""
    name = os.path.join(os.fsencode(tmp_path), b"til-\xfe.md")
    with open(name, "w", encoding="utf-8") as f:
        f.write("---\nlayout: page\ntitle: TIL\n---\n# 2024-04-10\n- read it\n")
    run = _run([b"import", name], isolated)
    assert run.returncode == 0, run.stderr
    assert [e["text"] for e in cli("log", "--json", ok=True).json()] == ["read it"]


def test_an_owner_that_is_not_utf8_is_one_line(isolated):
    environ = {**os.environb, b"STUDYLOG_HOME": os.fsencode(isolated), b"STUDYLOG_OWNER": b"\xff"}
    environ.pop(b"STUDYLOG_DEBUG", None)
    run = subprocess.run([sys.executable, "-m", "studylog", "done", "x"], capture_output=True, env=environ, timeout=60)
    assert run.returncode == 1 and run.stderr.decode() == (
        "studylog: error: a text holds bytes that are not UTF-8 (from a file name or an environment variable such "
        "as STUDYLOG_OWNER); studylog keeps every text as UTF-8\n"
    )


@pytest.mark.skipif(ON_PG, reason="an SQLite file path")
@pytest.mark.parametrize("command", [("today",), ("done", "x")])
def test_a_database_path_through_a_file_says_so(cli, tmp_path, command):
    """``--db notes.txt/studylog.db``: a part of the path is a file. Read as missing (as
    ``Path.exists`` did), creating it says what is wrong instead of the OS's 'File exists'."""
    (tmp_path / "notes.txt").write_text("not a folder")
    out = cli("--db", str(tmp_path / "notes.txt" / "studylog.db"), *command, ok=False)
    assert "a part of that path is a file, not a folder" in _one_line(out)
    assert (tmp_path / "notes.txt").read_text() == "not a folder"
