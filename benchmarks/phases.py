"""Where an everyday command's time goes, in-process: run the steps ``cli.fast`` runs, with a
clock between them, in fresh processes, and print the median of each step.

    python3 benchmarks/phases.py --studylog-python /tmp/v/bin/python --home /tmp/studylog-bench/100k/home

Uses the benchmark's bytecode cache (``--pycache``), as ``run.py`` does; ``done`` runs on a copy of
the store. Standard library only; the child is studylog's own Python."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import sys, time
T = [time.perf_counter()]
NAMES = []
def mark(name):
    T.append(time.perf_counter()); NAMES.append(name)
cmd = sys.argv[1]
from studylog.cli import everyday, fast, errors  # noqa: F401
from studylog.cli import clock, session
mark("import cli.fast, everyday, errors")
import studylog.store.db, studylog.store.entries  # noqa: E401,F401
if cmd == "week":
    import studylog.config, studylog.reports.week  # noqa: E401,F401
mark("import store (and reports.week)")
import studylog.render.lines as lines
if cmd == "week":
    from studylog.render.week import render_week as render
elif cmd == "today":
    from studylog.render.day import render_day as render
mark("import renderer")
store = session.open_store()
mark("open store")
today = clock.today()
if cmd == "week":
    from studylog.reports.week import week_report
    s = session.settings()
    data = week_report(store, today, today, s["week_start"], s["rest_days_per_week"])
elif cmd == "today":
    from studylog.store.entries import day_view
    data = day_view(store, today)
else:
    from studylog.store import entries
    entries.add_done(store, "x", today, today, 1.0, None, None, [])
mark("query or write")
if cmd == "week":
    text = lines.plain(render(data, 100))
elif cmd == "today":
    text = lines.plain(render(data, True, 100))
mark("layout")
session.state.close()
mark("close store")
print(repr([(n, b - a) for n, a, b in zip(NAMES, T, T[1:])]))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--studylog-python", default="/tmp/v/bin/python")
    ap.add_argument("--home", default="/tmp/studylog-bench/100k/home")
    ap.add_argument("--pycache", default="/tmp/studylog-bench/pycache")
    ap.add_argument("--today", default="2024-04-18")
    ap.add_argument("--owner", default="learner")
    ap.add_argument("-n", "--runs", type=int, default=9)
    ap.add_argument("commands", nargs="*", default=["today", "week", "done"])
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=args.pycache, STUDYLOG_TODAY=args.today, STUDYLOG_OWNER=args.owner)
    for cmd in args.commands:
        runs: list[list[tuple[str, float]]] = []
        for _ in range(args.runs + 1):  # the first run warms the caches
            with tempfile.TemporaryDirectory() as tmp:
                home = args.home
                if cmd == "done":
                    home = os.path.join(tmp, "home")
                    shutil.copytree(args.home, home)
                    os.sync()  # else the first checkpoint would flush the copy on the clock (see run.py)
                out = subprocess.run(
                    [args.studylog_python, "-c", CHILD, cmd],
                    env={**env, "STUDYLOG_HOME": home},
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs.append(eval(out.stdout.strip().splitlines()[-1]))
        runs = runs[1:]
        print(f"{cmd} ({args.home}, median of {args.runs}):")
        for i, (name, _) in enumerate(runs[0]):
            print(f"  {name:<36} {statistics.median(r[i][1] for r in runs) * 1000:6.1f} ms")
        print(f"  {'in-process total':<36} {statistics.median(sum(s for _, s in r) for r in runs) * 1000:6.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
