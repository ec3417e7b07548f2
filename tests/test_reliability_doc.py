"""docs/reliability.md names, for each promise, the tests that check it: every test file it names
must exist (a renamed or removed test would otherwise leave the page promising what nothing
checks), and it names at least the core safety tests."""

from __future__ import annotations

import re

from conftest import REPO

DOC = REPO / "docs" / "reliability.md"


def _named() -> set[str]:
    return set(re.findall(r"tests/[\w/]+\.py", DOC.read_text(encoding="utf-8")))


def test_every_test_file_the_reliability_page_names_exists():
    named = _named()
    missing = sorted(p for p in named if not (REPO / p).is_file())
    assert not missing, f"docs/reliability.md names test files that do not exist: {missing}"


def test_the_reliability_page_names_the_safety_tests():
    named = _named()
    for core in ("test_chaos.py", "test_crash_safety.py", "test_restore_safety.py", "test_ids.py"):
        assert f"tests/{core}" in named


def test_the_readme_links_the_reliability_page():
    assert "(docs/reliability.md)" in (REPO / "README.md").read_text(encoding="utf-8")
