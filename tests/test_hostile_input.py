"""Arbitrary text in every command's arguments: never a traceback; either a clean result or one
clear error line (exit 1 or 2), and on error the store is exactly as it was."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.sqlite_only  # the same checks hold on PostgreSQL; once is enough for CI's time

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
texts = st.text(max_size=40)
wordish = st.text(alphabet=string.ascii_letters + string.digits + " /:.-_hm", max_size=16)
anything = st.one_of(texts, wordish)


def _snapshot(cli):
    """Every row of the learner's data (read directly, which is cheaper than an export)."""
    from datetime import datetime

    from studylog.paths import database_target
    from studylog.store.db import Store

    store = Store(database_target(None), "tester", datetime(2024, 4, 18))
    try:
        return [store.rows(f"SELECT * FROM {t} ORDER BY id") for t in ("entry", "note", "item_status")]
    finally:
        store.close()


def _check(cli, args, before):
    out = cli(*args)
    assert out.exit_code in (0, 1, 2), (args, out.exit_code, out.stderr)
    assert "Traceback" not in out.stdout + out.stderr, args
    if out.exit_code != 0:
        lines = out.stderr.strip().splitlines()
        assert lines, (args, "an error must say what is wrong")
        assert lines[-1].startswith(("studylog: error: ", "Error:", "Try ")) or "Error" in out.stderr, (
            args,
            out.stderr,
        )
        assert _snapshot(cli) == before, (args, "a failed command changed the store")
    return out


@SETTINGS
@given(text=anything, hours=anything, when=anything, item=anything)
def test_done_and_goal(cli, text, hours, when, item):
    if not cli("log", "--json").json():
        cli("goal", "seed", ok=True)
    before = _snapshot(cli)
    _check(cli, ["done", text, "--hours", hours, "--date", when, "--item", item], before)
    before = _snapshot(cli)
    _check(cli, ["goal", text, "--date", when], before)


@SETTINGS
@given(entry=anything, text=anything, hours=anything, when=anything)
def test_edit_rm_drop(cli, entry, text, hours, when):
    if not cli("log", "--json").json():
        cli("done", "seed", "-H", "1", ok=True)
    before = _snapshot(cli)
    _check(cli, ["edit", entry, "--text", text, "--hours", hours, "--date", when], before)
    before = _snapshot(cli)
    _check(cli, ["rm", entry], before)
    before = _snapshot(cli)
    _check(cli, ["drop", entry], before)


@SETTINGS
@given(ref=anything, when=anything)
def test_item_status_and_views(cli, ref, when):
    if not cli("log", "--json").json():
        cli("done", "seed", ok=True)
    for args in (
        ["start", ref, "--date", when],
        ["complete", ref],
        ["skip", ref],
        ["day", when],
        ["log", "--since", when, "--item", ref],
        ["curricula", "show", ref],
        ["progress", ref],
        ["next", ref],
        ["config", "set", ref, when],
        ["config", "get", ref],
    ):
        _check(cli, args, _snapshot(cli))


yamlish = st.lists(
    st.sampled_from(
        [
            "id: x",
            "title: T",
            "url: u",
            "items:",
            "  - id: 1",
            "    title: A",
            "    kind: chapter",
            "    estimate: 3-1",
            "  - &a {id: b}",
            "  - *a",
            "!!python/object:os.system {}",
            "[",
            "{",
            "- x",
            ": :",
            "\t",
            "<<: *a",
            "    prerequisites: [1, 1]",
            "    aliases: [A, a]",
        ]
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.one_of(st.text(), yamlish))
def test_curriculum_loader_never_raises(text):
    from pathlib import Path

    from studylog.curriculum.validate import check_file

    curriculum, problems = check_file(Path("c.yaml"), text)
    assert (curriculum is None) == bool(problems)
    assert all(p.startswith("c.yaml:") for p in problems)


@SETTINGS
@given(
    text=st.one_of(st.text(), st.text(alphabet="#-*0123456789/ :\n\t[]()abc", max_size=200)),
    kind=st.sampled_from(["til", "daily-notes", "markdown"]),
)
def test_imports_of_arbitrary_files(cli, tmp_path_factory, text, kind):
    path = tmp_path_factory.mktemp("import") / "log.md"
    path.write_bytes(text.encode("utf-8", errors="replace"))
    if not cli("log", "--json").json():
        cli("done", "seed", ok=True)
    before = _snapshot(cli)
    _check(cli, ["import", kind, str(path)], before)
    again = _snapshot(cli)
    _check(cli, ["import", kind, str(path)], again)
    assert _snapshot(cli) == again, "importing the same file twice added something"
