"""Where the data folder is: STUDYLOG_HOME, else the platform's user data folder. On Linux it is
found without importing platformdirs, and must be the folder platformdirs gives."""

from __future__ import annotations

import sys

import pytest
from platformdirs import user_data_dir

from studylog import paths

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux rule")


@pytest.fixture
def clean(monkeypatch):
    for name in ("STUDYLOG_HOME", "XDG_DATA_HOME", "STUDYLOG_DB"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_studylog_home_wins_and_its_tilde_is_expanded(clean, tmp_path):
    clean.setenv("HOME", str(tmp_path))
    clean.setenv("STUDYLOG_HOME", "~/study")
    assert paths.data_folder() == str(tmp_path / "study")
    assert paths.data_home() == tmp_path / "study"


@linux
@pytest.mark.parametrize(
    "xdg, home",
    [
        (None, "/home/learner"),
        ("/data/xdg", "/home/learner"),
        ("relative/xdg", "/home/learner"),  # the spec: a relative XDG_DATA_HOME is ignored
        ("", "/home/learner"),
        (None, "/home/learner/"),
        (None, "/"),
    ],
)
def test_the_linux_data_folder_is_platformdirs_own(clean, xdg, home):
    clean.setenv("HOME", home)
    if xdg is not None:
        clean.setenv("XDG_DATA_HOME", xdg)
    assert paths.data_folder() == user_data_dir("studylog", appauthor=False)


@linux
def test_a_relative_home_is_left_to_platformdirs(clean):
    clean.setenv("HOME", "not/absolute")
    assert paths._linux_data_folder() is None
    assert paths.data_folder() == user_data_dir("studylog", appauthor=False)


def test_database_target_is_the_data_folders_file(clean, tmp_path):
    clean.setenv("STUDYLOG_HOME", str(tmp_path))
    assert paths.database_target(None) == str(tmp_path / "studylog.db")
