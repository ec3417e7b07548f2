"""``log`` like ``git log``: on a terminal through the pager (a real subprocess on a pseudo-terminal,
with a fake pager that records what it was given), never when piped; and the log streams."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def _fake_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager command that writes what it reads (and its LESS setting) to a file."""
    got = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os, sys
            data = sys.stdin.buffer.read()
            with open({str(got)!r}, "wb") as f:
                f.write(("LESS=" + os.environ.get("LESS", "") + "\\n").encode() + data)
            """
        )
    )
    return f"{sys.executable} {script}", got


def _run(args: list[str], env: dict[str, str], terminal: bool = True) -> tuple[str, str]:
    """``python -m studylog ARGS`` with stdout on a pseudo-terminal (or a pipe): (stdout, stderr)."""
    run_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PAGER", "STUDYLOG_PAGER", "LESS")}
    run_env.update(env, TERM="xterm-256color")
    cmd = [sys.executable, "-m", "studylog", *args]
    if not terminal:
        done = subprocess.run(cmd, capture_output=True, text=True, env=run_env, timeout=60, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        return done.stdout, done.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE, env=run_env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    return b"".join(chunks).decode(), err


@pytest.fixture
def logged(cli):
    for n in range(30):
        cli(
            "done",
            f"entry number {n} read https://example.org/{n}",
            "-H",
            "1",
            "--date",
            f"2024-03-{n + 1:02d}",
            ok=True,
        )
    return {k: os.environ[k] for k in ("STUDYLOG_HOME", "STUDYLOG_TODAY", "STUDYLOG_OWNER", "COLUMNS")} | (
        {"STUDYLOG_DB": os.environ["STUDYLOG_DB"]} if os.environ.get("STUDYLOG_DB") else {}
    )


def test_log_on_a_terminal_goes_through_the_pager(logged, tmp_path):
    pager, got = _fake_pager(tmp_path)
    shown, _ = _run(["log"], {**logged, "PAGER": pager})
    paged = got.read_text()
    assert paged.startswith("LESS=FRX\n")  # as git sets it when unset
    assert "entry number 29" in paged and "entry number 0 " in paged
    assert "\x1b[" in paged  # a terminal gets colours, through the pager too
    assert "\x1b]8;;https://example.org/7\x1b\\" in paged  # and links it can click
    assert "entry number" not in shown  # nothing went to the terminal directly


def test_studylog_pager_comes_before_pager(logged, tmp_path):
    pager, got = _fake_pager(tmp_path)
    _run(["log", "--limit", "2"], {**logged, "PAGER": "no-such-pager", "STUDYLOG_PAGER": pager})
    paged = got.read_text()
    assert "entry number 29" in paged and "entry number 28" in paged and "entry number 27" not in paged


@pytest.mark.parametrize("env", [{"PAGER": ""}, {"PAGER": "cat"}, {"STUDYLOG_PAGER": "", "PAGER": "PAGER"}])
def test_an_empty_pager_or_cat_means_none(logged, tmp_path, env):
    pager, got = _fake_pager(tmp_path)
    env = {k: (pager if v == "PAGER" else v) for k, v in env.items()}
    shown, _ = _run(["log"], {**logged, **env})
    assert "entry number 29" in shown and not got.exists()


def test_no_pager_writes_to_the_terminal(logged, tmp_path):
    pager, got = _fake_pager(tmp_path)
    shown, _ = _run(["log", "--no-pager"], {**logged, "PAGER": pager})
    assert "entry number 29" in shown and not got.exists()


def test_piped_output_does_not_use_the_pager(logged, tmp_path, cli):
    pager, got = _fake_pager(tmp_path)
    out, _ = _run(["log"], {**logged, "PAGER": pager}, terminal=False)
    assert not got.exists()
    assert "\x1b" not in out
    assert "entry number 0 read <https" not in out and "https://example.org/0" in out
    assert out == cli("log", ok=True).stdout  # the same text the in-process runner (a pipe) gets


def test_a_pager_that_is_not_installed_is_said_and_the_log_shown(logged):
    shown, err = _run(["log"], {**logged, "PAGER": "no-such-pager-xyz -R"})
    assert "entry number 29" in shown
    assert "no-such-pager-xyz" in err and "--no-pager" in err and len(err.strip().splitlines()) == 1


def _store():
    from studylog.paths import database_target
    from studylog.store.db import open_store

    return open_store(database_target(None), "tester", datetime(2024, 4, 18, 12, tzinfo=UTC))


@pytest.mark.parametrize("limit", [None, 1, 7, 8, 9, 30, 100])
def test_the_log_query_pages_give_what_one_query_gives(logged, limit):
    from studylog.store.entries import iter_log, log

    store = _store()
    whole = [(e.entry.day, e.entry.id) for e in log(store, limit=limit)]
    paged = [(e.entry.day, e.entry.id) for e in iter_log(store, limit=limit, page=4)]
    assert paged == whole
    assert len(whole) == min(limit or 30, 30)


def test_the_log_streams_a_page_at_a_time(logged, monkeypatch):
    """Reading the first lines of the log reads the first page only (``log | head``)."""
    from studylog.render.log import render_log
    from studylog.store import entries

    store = _store()
    calls = []
    rows = store.rows

    def counted(sql, **params):
        calls.append(sql)
        return rows(sql, **params)

    monkeypatch.setattr(store, "rows", counted)
    monkeypatch.setattr("studylog.render.log.BATCH", 3)
    lines = render_log(entries.iter_log(store, page=5))
    first = [next(lines) for _ in range(3)]
    assert "entry number 29" in "".join(t for line in first for t, _ in line)
    assert len([c for c in calls if "FROM entry" in c and "ORDER BY day DESC" in c]) == 1


def test_a_pager_quit_early_ends_the_output_quietly(monkeypatch, capfd):
    """q in less before the end: the rest is not written, and nothing is said about it."""
    from studylog.cli import output

    monkeypatch.setattr(output, "_terminal", lambda: True)
    monkeypatch.setenv("PAGER", f'{sys.executable} -c "import sys; sys.stdin.buffer.read(10)"')
    made = []

    def lines():
        for n in range(200_000):
            made.append(n)
            yield [(f"line {n} " + "x" * 70, "")]

    output.Output().paged(lines())
    out, err = capfd.readouterr()
    assert err == "" and "line" not in out
    assert len(made) < 200_000  # stopped when the pager went away, not drawn to the end
