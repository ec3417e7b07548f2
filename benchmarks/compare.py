"""Compare two studylog installations command by command, alternating runs, on the stores
``benchmarks/run.py`` generated for each (same generator and seed, so the same history; each
installation keeps its own copy because a newer schema is refused by an older studylog).
Standard library only.

    python3 benchmarks/compare.py --before /tmp/vbase/bin/studylog --before-out /tmp/bench-base \\
        --after /tmp/v/bin/studylog --after-out /tmp/bench-head -n 60

Separate benchmark runs differ by ±20% on a shared machine; alternating the two installations
run by run, in both orders, lets both see the same machine state, so a change of a few percent
shows. Writes (``goal``, ``done``) run on a fresh copy of the store each time, made off the
clock. Prints a Markdown table of the medians and the change.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

COMMANDS = {
    "today": ["today"],
    "week": ["week"],
    "goal": ["goal", "benchmark goal"],
    "done": ["done", "benchmark done", "--hours", "1"],
}
WRITES = {"goal", "done"}


def env(out: Path, size: str, home: Path | None = None) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("STUDYLOG_", "PYTHON"))}
    base.update(
        STUDYLOG_TODAY="2024-04-18",
        STUDYLOG_OWNER="learner",
        STUDYLOG_HOME=str(home or out / size / "home"),
        COLUMNS="100",
        PYTHONPYCACHEPREFIX=str(out / "pycache"),
    )
    return base


def fresh_home(out: Path, size: str) -> Path:
    """A copy of the generated store to write to (off the clock)."""
    scratch = out / "scratch" / f"compare-{size}"
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(out / size / "home", scratch)
    return scratch


def run_once(studylog: Path, out: Path, size: str, command: str) -> float:
    home = fresh_home(out, size) if command in WRITES else None
    argv = [str(studylog), *COMMANDS[command]]
    start = time.perf_counter()
    done = subprocess.run(argv, env=env(out, size, home), capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace').strip()}")
    return elapsed


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--before", type=Path, required=True, help="the studylog console script before the change")
    p.add_argument("--before-out", type=Path, required=True, help="run.py's --out for it (its generated stores)")
    p.add_argument("--after", type=Path, required=True, help="the studylog console script after the change")
    p.add_argument("--after-out", type=Path, required=True, help="run.py's --out for it")
    p.add_argument("-n", "--repeats", type=int, default=40, help="timed runs of each (default 40)")
    p.add_argument("--commands", default=",".join(COMMANDS), help="comma-separated (default all)")
    p.add_argument("--sizes", default="0,10k,100k", help="comma-separated (default 0,10k,100k)")
    args = p.parse_args()
    sides = {"before": (args.before, args.before_out), "after": (args.after, args.after_out)}
    print("| command | size | before | after | change |")
    print("|---|---|---|---|---|")
    for size in args.sizes.split(","):
        for command in args.commands.split(","):
            times: dict[str, list[float]] = {"before": [], "after": []}
            for studylog, out in sides.values():  # one warm-up each (bytecode cache, page cache)
                run_once(studylog, out, size, command)
            for n in range(args.repeats):
                order = list(sides) if n % 2 else list(reversed(sides))
                for side in order:
                    studylog, out = sides[side]
                    times[side].append(run_once(studylog, out, size, command))
            before, after = statistics.median(times["before"]), statistics.median(times["after"])
            print(f"| `{command}` | {size} | {before:.4f} s | {after:.4f} s | {100 * (after / before - 1):+.1f}% |")


if __name__ == "__main__":
    main()
