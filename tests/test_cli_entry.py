"""The console-script entry (``studylog.cli.main``): the cyclic garbage collector is off on the
fast path (a short, bounded process) and back on, with start-up's objects frozen, for every
command of the Typer application, which may run over a whole history."""

from __future__ import annotations

import gc
import sys

import pytest

import studylog.cli
import studylog.cli.commands


@pytest.fixture
def collector():
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()


def test_the_typer_path_runs_with_the_collector_on(monkeypatch, collector):
    seen = []
    monkeypatch.setattr(studylog.cli.commands, "main", lambda: seen.append(gc.isenabled()))
    monkeypatch.setattr(sys, "argv", ["studylog", "log"])
    studylog.cli.main()
    assert seen == [True]


def test_the_fast_path_runs_with_it_off(monkeypatch, collector):
    seen = []
    monkeypatch.setattr("studylog.cli.fast.run", lambda args: seen.append(gc.isenabled()) or True)
    monkeypatch.setattr(sys, "argv", ["studylog", "today"])
    studylog.cli.main()
    assert seen == [False]
