"""Time studylog against its peers (Watson, jrnl), whole process, alternately, and check the
targets of issue #5. Standard library only.

    python3 benchmarks/run.py            # full run: 15 repeats of every command
    python3 benchmarks/run.py --quick    # 5 repeats (and 2 of the long import/export runs)

What it does:
1. installs the peers (td-watson, jrnl) into their own venv, ``OUT/peers`` (kept between runs);
2. generates the stores with ``benchmarks/generate.py`` under ``OUT`` (default
   /tmp/studylog-bench; kept between runs, rebuilt when the generator changes);
3. runs every command of a group round-robin (studylog, then its peers, then studylog again...)
   for one warm-up round and N timed rounds, so that both see the same machine state;
4. prints, for every target, the medians, the ratio, the target and whether it is met, with the
   peak memory of each run (GNU ``time -f %M``; ``os.wait4`` if it is missing), and writes the same as Markdown
   and JSON to ``OUT/results.md`` and ``OUT/results.json``.

Writes (``goal``, ``done``, ``import markdown``) run on a fresh copy of the store each time (the
copy is made before the clock starts), so every run sees exactly the generated store.

With a PostgreSQL server (``--pg URL``, default ``$STUDYLOG_TEST_PG``, or ``--pg-start`` for a
throwaway one from ``scripts/pg-test-server`` under ``OUT/pg``), the ``pg`` group times the
everyday commands on PostgreSQL copies of the same stores (``benchmarks/pg_load.py``); writes are
undone before each run, off the clock.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZES = {"0": 0, "10k": 10_000, "100k": 100_000}
EVERYDAY = ["today", "goal", "done", "week"]
REPORTS = ["progress", "next", "calendar"]
STATUS = ["status", "--format", "{today_hours} {streak}"]  # issue #16: one line for a shell prompt
SEARCH = ["search", "attention"]  # issue #14: a word in about 1 entry in 60 of the generated history
# issue #15: one Tab, as zsh asks for it (click's protocol, answered by cli/complete.py)
COMPLETIONS = {
    "item reference": ("studylog done --item makemore-", 3),
    "entry id": ("studylog edit ", 2),
}
MEM_LIMIT_MB = 40.0
LOADS: list[tuple[str, float]] = []  # the 1-minute load average at the start and end of each group


# -- running one command ---------------------------------------------------------------------------
@dataclass
class Cmd:
    key: str  # e.g. "studylog today@100k"
    argv: list[str]
    env: dict[str, str]
    setup: Callable[[], None] | None = None  # run before each timed run, off the clock
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    error: str | None = None
    sample: str = ""


TIME_BIN = shutil.which("time", path="/usr/bin:/bin")  # GNU time: the child's own peak RSS


def run_once(cmd: Cmd) -> tuple[float, int, int, str, str]:
    """Wall time (s), peak RSS (KiB), exit code, stdout, stderr of one whole-process run.

    Peak memory comes from GNU time (``-f %M``) when it is installed: ``ru_maxrss`` read with
    ``os.wait4`` straight from this (Python) process's child would also count the pages the
    child had before ``exec`` (a copy of this process), which inflates small figures by a few
    MB. Without GNU time it falls back to ``os.wait4`` (an upper bound)."""
    if cmd.setup:
        cmd.setup()
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file,
    ):
        argv = [TIME_BIN, "-f", "%M", "-o", rss_file.name, *cmd.argv] if TIME_BIN else cmd.argv
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=cmd.env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss = usage.ru_maxrss
        if TIME_BIN:
            lines = rss_file.read().split()
            rss = int(lines[-1]) if lines and lines[-1].isdigit() else rss
        out.seek(0)
        err.seek(0)
        return (
            wall,
            rss,
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def run_group(title: str, cmds: list[Cmd], repeats: int) -> None:
    """One warm-up round, then ``repeats`` rounds; in each round every command runs once, in turn."""
    load = os.getloadavg()[0]
    print(
        f"\n== {title}: {len(cmds)} commands x {repeats} rounds (+1 warm-up), alternating (load average {load:.2f})",
        file=sys.stderr,
    )
    LOADS.append((title, load))
    for rnd in range(repeats + 1):
        for cmd in cmds:
            if cmd.error:
                continue
            wall, rss, rc, out, err = run_once(cmd)
            if rc != 0:
                cmd.error = (err.strip().splitlines() or out.strip().splitlines() or [f"exit {rc}"])[-1][:200]
                print(f"   {cmd.key}: FAILED (exit {rc}): {cmd.error}", file=sys.stderr)
                continue
            if rnd == 0:
                cmd.sample = out[:400]
                continue
            cmd.times.append(wall)
            cmd.rss_kb.append(rss)
        if rnd:
            print(f"   round {rnd}/{repeats} done", file=sys.stderr, end="\r")
    LOADS.append((title + " (end)", os.getloadavg()[0]))
    print(file=sys.stderr)
    for cmd in cmds:
        if cmd.times:
            print(
                f"   {cmd.key:<44} median {statistics.median(cmd.times):7.3f} s  "
                f"min {min(cmd.times):7.3f}  peak {max(cmd.rss_kb) / 1024:6.1f} MB",
                file=sys.stderr,
            )


# -- setup ----------------------------------------------------------------------------------------
def ensure_peers(peers: Path) -> Path:
    bin_ = peers / "bin"
    if (bin_ / "watson").exists() and (bin_ / "jrnl").exists():
        return bin_
    print(f"installing td-watson and jrnl into {peers} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(peers)], check=True)
    subprocess.run([str(bin_ / "pip"), "install", "-q", "td-watson", "jrnl"], check=True)
    return bin_


def peer_versions(bin_: Path) -> dict[str, str]:
    out = subprocess.run([str(bin_ / "pip"), "list", "--format=json"], capture_output=True, text=True).stdout
    try:
        pkgs = {p["name"].lower(): p["version"] for p in json.loads(out)}
    except ValueError:
        return {}
    return {k: pkgs[k] for k in ("td-watson", "jrnl") if k in pkgs}


def studylog_python(studylog: Path) -> Path:
    """The interpreter of studylog's venv (from the console script's shebang)."""
    first = studylog.read_text(errors="replace").splitlines()[0]
    if first.startswith("#!") and "python" in first:
        return Path(first[2:].strip().split()[0])
    return studylog.parent / "python"


def probe(studylog: Path, env: dict[str, str], args: list[str]) -> str | None:
    """None if ``studylog ARGS`` works, else why not (one line)."""
    out = subprocess.run([str(studylog), *args], env=env, capture_output=True, text=True)
    if out.returncode == 0:
        return None
    lines = (out.stderr.strip() or out.stdout.strip()).splitlines()
    return lines[-1][:300] if lines else f"exit {out.returncode}"


def floor_sql_for(today: str) -> str:
    """Issue #5's floor: one indexed weekly sum, as plain SQL."""
    monday = date.fromisoformat(today)
    monday = monday.fromordinal(monday.toordinal() - monday.weekday())
    return (
        "SELECT coalesce(sum(hours), 0) FROM entry WHERE owner = 'learner' AND kind = 'done' "
        f"AND day >= '{monday}' AND day <= '{monday.fromordinal(monday.toordinal() + 6)}'"
    )


UNDO_SIZE = 300_000  # entries in the import that the undo group reverts


def build_undo_store(folder: Path, sl: str, env: dict[str, str]) -> None:
    """``folder/home/studylog.db``: an empty store into which one ``import markdown --no-link``
    brought UNDO_SIZE entries (over 7,000 days, an hour on every 40th), off the clock."""
    folder.mkdir(parents=True, exist_ok=True)
    home = folder / "home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    log, days, last = folder / "log.md", 7000, date(2024, 4, 17)
    with log.open("w", encoding="utf-8") as f:
        for d in range(days):
            f.write(f"## {date.fromordinal(last.toordinal() - d).isoformat()}\n")
            for i in range(d, UNDO_SIZE, days):
                f.write(f"- entry number {i}{' (1h)' if i % 40 == 0 else ''}\n")
            f.write("\n")
    print(f"   building the undo store: importing {UNDO_SIZE} entries (off the clock)", file=sys.stderr)
    subprocess.run([sl, "import", "markdown", str(log), "--no-link"], env=env, check=True, capture_output=True)


def start_pg(folder: Path) -> tuple[str, Callable[[], None]]:
    """A throwaway PostgreSQL server (scripts/pg-test-server) in ``folder``: its URL and a stop function."""
    script = HERE.parent / "scripts" / "pg-test-server"
    subprocess.run([str(script), "stop", str(folder)], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)
    url = subprocess.run([str(script), "start", str(folder)], check=True, capture_output=True, text=True).stdout

    def stop() -> None:
        subprocess.run([str(script), "stop", str(folder)], check=False)

    return url.strip(), stop


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python (runner)": platform.python_version(),
    }


# -- the run --------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark studylog against Watson and jrnl (issue #5).")
    p.add_argument(
        "--studylog",
        type=Path,
        default=Path("/tmp/v/bin/studylog"),
        help="the studylog console script to time (default /tmp/v/bin/studylog)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("/tmp/studylog-bench"),
        help="data, peers' venv and results (default /tmp/studylog-bench)",
    )
    p.add_argument("--repeats", "-n", type=int, default=15, help="timed rounds per group (default 15)")
    p.add_argument(
        "--io-repeats", type=int, default=3, help="timed rounds for import markdown / export til (default 3)"
    )
    p.add_argument("--quick", action="store_true", help="5 rounds (2 for import/export)")
    p.add_argument("--today", default="2024-04-18", help="STUDYLOG_TODAY, the last day of the history")
    p.add_argument(
        "--only", default="", help="comma-separated groups: help,0,10k,100k,completion,io,undo,pg (default all)"
    )
    p.add_argument(
        "--pg",
        default=os.environ.get("STUDYLOG_TEST_PG", ""),
        help="a PostgreSQL server for the pg group, e.g. postgresql+psycopg://user@127.0.0.1:5432/postgres "
        "(default $STUDYLOG_TEST_PG)",
    )
    p.add_argument(
        "--pg-start", action="store_true", help="start a throwaway PostgreSQL server under OUT/pg for the pg group"
    )
    p.add_argument("--pg-sizes", default=",".join(SIZES), help="sizes for the pg group (default 0,10k,100k)")
    p.add_argument("--regenerate", action="store_true", help="rebuild the generated data")
    args = p.parse_args(argv)
    if args.quick:
        args.repeats, args.io_repeats = 5, 2
    only = set(filter(None, args.only.split(","))) or {"help", *SIZES, "completion", "io", "undo", "pg"}

    studylog = args.studylog.absolute()  # not resolve(): a venv's scripts may be symlinks
    if not studylog.is_file():
        sys.exit(f"no studylog at {studylog}; give --studylog PATH")
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    peers = ensure_peers(out / "peers")
    py = studylog_python(Path(studylog))
    gen = [str(py), str(HERE / "generate.py"), "--out", str(out), "--today", args.today]
    subprocess.run(gen + (["--force"] if args.regenerate else []), check=True)
    manifest = json.loads((out / "manifest.json").read_text())

    scratch = out / "scratch"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("STUDYLOG_", "WATSON_", "XDG_", "JRNL", "PYTHON"))}
    # Every tool gets a bytecode cache, as a pip-installed one has: an editable checkout has no
    # .pyc files, and PYTHONDONTWRITEBYTECODE=1 (set in some sandboxes) would make every run
    # compile studylog from source. The prefix keeps the .pyc files out of the source tree.
    base.update(
        {
            "COLUMNS": "100",
            "LINES": "50",
            "STUDYLOG_TODAY": args.today,
            "STUDYLOG_OWNER": "learner",
            "HOME": str(scratch / "user-home"),
            "PYTHONPYCACHEPREFIX": str(out / "pycache"),
        }
    )
    (scratch / "user-home").mkdir(parents=True, exist_ok=True)

    def sl_env(home: Path) -> dict[str, str]:
        return {**base, "STUDYLOG_HOME": str(home)}

    def watson(size: str, *a: str) -> tuple[list[str], dict[str, str]]:
        return [str(peers / "watson"), *a], {**base, "WATSON_DIR": str(out / size / "watson")}

    def jrnl(size: str, *a: str) -> tuple[list[str], dict[str, str]]:
        return [str(peers / "jrnl"), *a], {
            **base,
            "XDG_CONFIG_HOME": str(out / size / "xdg-config"),
            "XDG_DATA_HOME": str(scratch / "xdg-data"),
        }

    def fresh_copy(size: str, slot: str, src: Path | None = None) -> tuple[Path, Callable[[], None]]:
        """A home whose studylog.db is re-copied from the generated store (or ``src``) before each run."""
        home = scratch / slot
        src = src or out / size / "home" / "studylog.db"

        def setup() -> None:
            home.mkdir(parents=True, exist_ok=True)
            for extra in ("-wal", "-shm", ".lock"):
                Path(f"{home / 'studylog.db'}{extra}").unlink(missing_ok=True)
            shutil.copyfile(src, home / "studylog.db")
            os.chmod(home / "studylog.db", 0o600)
            # flush the copy now: SQLite fsyncs the file when the command's last connection
            # checkpoints, which would otherwise write the whole copy out on the clock
            fd = os.open(home / "studylog.db", os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

        setup()
        return home, setup

    sl = str(studylog)
    notes: list[str] = []
    probe_home, _ = fresh_copy("10k", "probe")
    has_week = probe(Path(sl), sl_env(probe_home), ["week"]) is None
    if not has_week:
        notes.append(f"`studylog week` is not available in this build: {probe(Path(sl), sl_env(probe_home), ['week'])}")
    has_report = {c: probe(Path(sl), sl_env(probe_home), [c]) for c in REPORTS}
    why_search = probe(Path(sl), sl_env(probe_home), SEARCH)
    if why_search:
        notes.append(f"`studylog search` is not available in this build: {why_search}")
    why_status = probe(Path(sl), sl_env(probe_home), STATUS)
    if why_status:
        notes.append(f"`studylog status` (the dashboard) is not available in this build: {why_status}")
    everyday = [c for c in EVERYDAY if c != "week" or has_week]
    cmds: dict[str, Cmd] = {}

    def add(group: list[Cmd], key: str, argv: list[str], env: dict[str, str], setup=None) -> None:
        cmd = Cmd(key, argv, env, setup)
        cmds[key] = cmd
        group.append(cmd)

    repeats = args.repeats
    # -- help / version vs watson --help
    if "help" in only:
        g: list[Cmd] = []
        home0 = out / "0" / "home"
        add(g, "studylog --help", [sl, "--help"], sl_env(home0))
        a, e = watson("0", "--help")
        add(g, "watson --help", a, e)
        add(g, "studylog --version", [sl, "--version"], sl_env(home0))
        run_group("--help / --version", g, repeats)

    # -- everyday commands at each size, alternating with the peers
    for size in SIZES:
        if size not in only:
            continue
        g = []
        home = out / size / "home"
        for c in everyday:
            if c == "goal":
                h, setup = fresh_copy(size, f"w-{size}-goal")
                add(
                    g,
                    f"studylog goal@{size}",
                    [sl, "goal", "read the DPO paper", "--note", "section 3"],
                    sl_env(h),
                    setup,
                )
            elif c == "done":
                h, setup = fresh_copy(size, f"w-{size}-done")
                add(
                    g,
                    f"studylog done@{size}",
                    [sl, "done", "reviewed backprop notes", "--hours", "1"],
                    sl_env(h),
                    setup,
                )
            else:
                add(g, f"studylog {c}@{size}", [sl, c], sl_env(home))
            if c == everyday[0]:
                a, e = watson("0", "status")
                add(g, f"watson status@0 (with {size})", a, e)
        # the floor: a bare interpreter doing one indexed weekly sum with sqlite3 (issue #5's
        # "plain Python + sqlite3" line), with the interpreter of studylog's venv
        floor_sql = floor_sql_for(args.today)
        add(
            g,
            f"python+sqlite3 weekly sum@{size}",
            [
                str(py),
                "-c",
                f"import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute({floor_sql!r}).fetchone()[0])",
                str(home / "studylog.db"),
            ],
            dict(base),
        )
        if size != "0" and why_search is None:  # issue #14: search, against the same watson status
            add(g, f"studylog search@{size}", [sl, *SEARCH], sl_env(home))
        if size != "0" and why_status is None:  # issue #16: a bare studylog, and status --format
            add(g, f"studylog (dashboard)@{size}", [sl], sl_env(home))
            add(g, f"studylog status --format@{size}", [sl, *STATUS], sl_env(home))
        a, e = watson(size, "status")
        if size != "0":
            add(g, f"watson status@{size}", a, e)
        if size == "100k":
            for c in REPORTS:
                if has_report[c] is None:
                    add(g, f"studylog {c}@{size}", [sl, c], sl_env(home))
                else:
                    notes.append(f"`studylog {c}` failed on the probe store: {has_report[c]}")
        a, e = watson(size, "report", "--week")
        add(g, f"watson report --week@{size}", a, e)
        a, e = jrnl(size, "-n", "5")
        add(g, f"jrnl -n 5@{size}", a, e)
        run_group(f"{size} entries", g, repeats)

    # -- shell completion at 100k entries (issue #15): one Tab, against watson status
    why_completion = probe(Path(sl), sl_env(probe_home), ["completion", "zsh"])
    if "completion" in only and why_completion:
        notes.append(f"`studylog completion` is not available in this build: {why_completion}")
    elif "completion" in only and "100k" in manifest["sizes"]:
        g = []
        for name, (line, cword) in COMPLETIONS.items():
            env = {
                **sl_env(out / "100k" / "home"),
                "_STUDYLOG_COMPLETE": "zsh_complete",
                "COMP_WORDS": line,
                "COMP_CWORD": str(cword),
            }
            add(g, f"studylog completion ({name})@100k", [sl], env)  # the warm-up round caches the command tree
            if name == next(iter(COMPLETIONS)):
                a, e = watson("0", "status")
                add(g, "watson status@0 (with completion)", a, e)
        run_group("completion at 100k entries", g, repeats)

    # -- import markdown / export til, at 10k and 100k (for the flat-memory check)
    if "io" in only:
        imp_probe = scratch / "probe.md"
        imp_probe.write_text("# log\n\n## 2024-04-17\n\n- read a paper (1h)\n", encoding="utf-8")
        # the import as a user runs it (linking entries to curriculum items), and without the
        # linker (--no-link), which isolates reading + writing and works while the linker is missing,
        # and with the JSON report (--json), which lists every linked entry
        variants = {
            "import markdown": [],
            "import markdown --no-link": ["--no-link"],
            "import markdown --json": ["--json"],
        }
        why_import: dict[str, str | None] = {}
        for name, extra in variants.items():
            ph, _ = fresh_copy("0", "probe-import")
            why_import[name] = probe(Path(sl), sl_env(ph), ["import", "markdown", str(imp_probe), *extra])
        ph, _ = fresh_copy("10k", "probe-export")
        why_export = probe(Path(sl), sl_env(ph), ["export", "til", "--out", str(scratch / "probe-til.md")])
        g = []
        for size in ("10k", "100k"):
            if size not in manifest["sizes"]:
                continue
            for name, extra in variants.items():
                if why_import[name] is None:
                    h, setup = fresh_copy("0", f"w-import-{size}")
                    add(
                        g,
                        f"studylog {name}@{size}",
                        [sl, "import", "markdown", str(out / size / "log.md"), *extra],
                        sl_env(h),
                        setup,
                    )
            if why_export is None:
                add(
                    g,
                    f"studylog export til@{size}",
                    [sl, "export", "til", "--out", str(scratch / f"til-{size}.md")],
                    sl_env(out / size / "home"),
                )
        for name, why in why_import.items():
            if why:
                notes.append(f"`studylog {name}` skipped: it fails on a 1-entry file ({why})")
        if why_export:
            notes.append(f"`studylog export til` skipped: it fails on the 10k store ({why_export})")
        if g:
            run_group("import / export", g, args.io_repeats)

    # -- undo of a 300k-entry import (issue #13 item 1: it was quadratic, and locked writers out)
    if "undo" in only:
        base_home = out / "undo" / "home"
        if args.regenerate or not (base_home / "studylog.db").exists():
            build_undo_store(out / "undo", sl, sl_env(base_home))
        h, undo_setup = fresh_copy("", "w-undo-300k", base_home / "studylog.db")

        g = []
        add(g, f"studylog undo@{UNDO_SIZE // 1000}k import", [sl, "undo"], sl_env(h), undo_setup)
        run_group("undo of an import", g, args.io_repeats)

    # -- the everyday commands on PostgreSQL, at each size, alternating with watson status
    pg_sizes = [z for z in args.pg_sizes.split(",") if z in SIZES and z in manifest["sizes"]]
    pg_server, pg_stop = (start_pg(out / "pg") if args.pg_start else (args.pg, None)) if "pg" in only else ("", None)
    if "pg" in only and not pg_server:
        notes.append("the PostgreSQL group was skipped: no server (give --pg URL, set STUDYLOG_TEST_PG, or --pg-start)")
    try:
        for size in pg_sizes if pg_server else []:
            started = time.perf_counter()
            loaded = json.loads(
                subprocess.run(
                    [
                        str(py),
                        str(HERE / "pg_load.py"),
                        "load",
                        pg_server,
                        str(out / size / "home" / "studylog.db"),
                        f"studylog_bench_{size}",
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            print(
                f"   loaded the {size} store into PostgreSQL in {time.perf_counter() - started:.1f} s", file=sys.stderr
            )
            LOADS.append((f"pg load {size}: {time.perf_counter() - started:.1f} s", os.getloadavg()[0]))
            pg_home = scratch / f"pg-{size}"
            pg_home.mkdir(parents=True, exist_ok=True)
            env = {**sl_env(pg_home), "STUDYLOG_DB": loaded["url"]}
            reset_argv = [str(py), str(HERE / "pg_load.py"), "reset", loaded["url"], json.dumps(loaded["ids"])]

            def reset(argv: list[str] = reset_argv) -> None:
                subprocess.run(argv, check=True, env=dict(base))

            g = []
            for c in everyday:
                argv_c = {
                    "goal": [sl, "goal", "read the DPO paper", "--note", "section 3"],
                    "done": [sl, "done", "reviewed backprop notes", "--hours", "1"],
                }.get(c, [sl, c])
                add(g, f"studylog {c}@{size} (pg)", argv_c, env, reset if c in ("goal", "done") else None)
                if c == everyday[0]:
                    a, e = watson("0", "status")
                    add(g, f"watson status@0 (with {size} pg)", a, e)
            add(
                g,
                f"python+psycopg weekly sum@{size} (pg)",
                [
                    str(py),
                    "-c",
                    "import psycopg, sys; print(psycopg.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])",
                    "postgresql://" + loaded["url"].partition("://")[2],
                    floor_sql_for(args.today),
                ],
                dict(base),
            )
            run_group(f"{size} entries on PostgreSQL", g, repeats)
    finally:
        if pg_stop:
            pg_stop()

    # -- the targets
    def med(key: str) -> float | None:
        c = cmds.get(key)
        return statistics.median(c.times) if c and c.times else None

    def peak(key: str) -> float | None:
        c = cmds.get(key)
        return max(c.rss_kb) / 1024 if c and c.rss_kb else None

    rows: list[dict] = []

    def target(
        command: str,
        size: str,
        key: str,
        peer: str | None,
        peer_key: str | None,
        limit: float,
        kind: str,
        mem_check: bool = False,
    ) -> None:
        s, pm = med(key), med(peer_key) if peer_key else None
        row: dict[str, Any] = {
            "command": command,
            "size": size,
            "studylog_s": s,
            "peer": peer,
            "peer_s": pm,
            "peak_mb": peak(key),
            "ratio": None,
            "target": "",
            "met": None,
        }
        if kind == "ratio":
            row["target"] = f"<= {limit:g}x" if limit >= 1 else f">= {1 / limit:g}x faster"
            if s is not None and pm:
                row["ratio"] = s / pm
                row["met"] = s <= limit * pm
        elif kind == "abs":
            row["target"] = f"< {limit:g} s"
            row["met"] = None if s is None else s < limit
        elif kind == "growth":
            row["target"] = f"<= {limit:g}x the 10k figure"
            if s is not None and pm:
                row["ratio"] = s / pm
                row["met"] = s <= limit * pm
        elif kind == "mem":
            row["target"] = f"peak <= {limit:g} MB"
            row["met"] = None if row["peak_mb"] is None else row["peak_mb"] <= limit
        if s is None and cmds.get(key) and cmds[key].error:
            row["error"] = cmds[key].error
        rows.append(row)

    for size in SIZES:
        for c in everyday:
            target(
                f"studylog {c}",
                size,
                f"studylog {c}@{size}",
                "watson status (empty store)",
                f"watson status@0 (with {size})",
                1.5,
                "ratio",
            )
    for size in SIZES:
        for c in everyday:
            if f"studylog {c}@{size} (pg)" in cmds:
                target(
                    f"studylog {c} (PostgreSQL)",
                    size,
                    f"studylog {c}@{size} (pg)",
                    "watson status (empty store)",
                    f"watson status@0 (with {size} pg)",
                    2.5,
                    "ratio",
                )
    for c in everyday:
        target(
            f"studylog {c}",
            "100k",
            f"studylog {c}@100k",
            "watson report --week",
            "watson report --week@100k",
            1 / 20,
            "ratio",
        )
        target(f"studylog {c}", "100k", f"studylog {c}@100k", "jrnl -n 5", "jrnl -n 5@100k", 1 / 20, "ratio")
    for c in ("--help", "--version"):
        target(f"studylog {c}", "-", f"studylog {c}", "watson --help", "watson --help", 1.5, "ratio")
    for c in REPORTS:
        target(
            f"studylog {c}", "100k", f"studylog {c}@100k", "watson status (100k)", "watson status@100k", 2.5, "ratio"
        )
    for c in everyday + REPORTS:
        target(f"studylog {c}", "100k", f"studylog {c}@100k", None, None, MEM_LIMIT_MB, "mem")
    for c in everyday:
        target(
            f"studylog {c}", "100k vs 10k", f"studylog {c}@100k", "studylog (10k)", f"studylog {c}@10k", 1.10, "growth"
        )
    search_cmd = f"studylog {' '.join(SEARCH)}"
    for size in ("10k", "100k"):  # issue #14: at most 1.5x watson status, flat from 10k to 100k
        target(
            search_cmd,
            size,
            f"studylog search@{size}",
            "watson status (empty store)",
            f"watson status@0 (with {size})",
            1.5,
            "ratio",
        )
    target(search_cmd, "100k vs 10k", "studylog search@100k", "studylog (10k)", "studylog search@10k", 1.10, "growth")
    target(search_cmd, "100k", "studylog search@100k", None, None, MEM_LIMIT_MB, "mem")
    for key, shown in (
        ("studylog (dashboard)", "studylog"),
        ("studylog status --format", " ".join(["studylog", *STATUS])),
    ):
        target(shown, "100k", f"{key}@100k", "watson status (100k)", "watson status@100k", 1.5, "ratio")  # issue #16
    for name, (line, _) in COMPLETIONS.items():  # issue #15: at most 1.5x watson status
        target(
            f"completion of `{line.removeprefix('studylog ')}` ({name})",
            "100k",
            f"studylog completion ({name})@100k",
            "watson status (empty store)",
            "watson status@0 (with completion)",
            1.5,
            "ratio",
        )
    target("studylog import markdown", "100k", "studylog import markdown@100k", None, None, 10, "abs")
    target(
        "studylog import markdown --no-link", "100k", "studylog import markdown --no-link@100k", None, None, 10, "abs"
    )
    target("studylog import markdown --json", "100k", "studylog import markdown --json@100k", None, None, 10, "abs")
    target("studylog export til", "100k", "studylog export til@100k", None, None, 3, "abs")
    undo_key = f"studylog undo@{UNDO_SIZE // 1000}k import"
    target("studylog undo (of an import)", f"{UNDO_SIZE // 1000}k", undo_key, None, None, 10, "abs")
    for c in ("import markdown", "import markdown --no-link", "import markdown --json", "export til"):
        k10, k100 = peak(f"studylog {c}@10k"), peak(f"studylog {c}@100k")
        rows.append(
            {
                "command": f"studylog {c}",
                "size": "100k vs 10k",
                "studylog_s": None,
                "peer": "peak MB at 10k",
                "peer_s": None,
                "peak_mb": k100,
                "ratio": (k100 / k10) if k10 and k100 else None,
                "target": "flat memory (peak <= 1.25x the 10k peak)",
                "met": (k100 <= 1.25 * k10) if k10 and k100 else None,
                "peer_peak_mb": k10,
            }
        )

    info = {
        "machine": machine(),
        "studylog": str(studylog),
        "studylog_version": _version(sl, base),
        "source": _git_state(),
        "python": subprocess.run([str(py), "--version"], capture_output=True, text=True).stdout.strip(),
        "peers": peer_versions(peers),
        "repeats": repeats,
        "io_repeats": args.io_repeats,
        "today": args.today,
        "data": manifest["sizes"],
        "notes": notes,
        "load": LOADS,
    }
    table = render(rows)
    raw = render_raw(cmds)
    print()
    print(table)
    print()
    print(raw)
    for n in notes:
        print(f"note: {n}")
    met = sum(1 for r in rows if r["met"] is True)
    missed = sum(1 for r in rows if r["met"] is False)
    unknown = sum(1 for r in rows if r["met"] is None)
    print(f"\n{met} targets met, {missed} NOT MET, {unknown} not measured")
    stem = "results" if not args.only else "results-partial"  # a partial run keeps the full results
    (out / f"{stem}.json").write_text(
        json.dumps(
            {
                "info": info,
                "targets": rows,
                "raw": {
                    k: {"times": c.times, "rss_kb": c.rss_kb, "error": c.error, "argv": c.argv[1:]}
                    for k, c in cmds.items()
                },
            },
            indent=2,
            default=str,
        )
    )
    (out / f"{stem}.md").write_text(
        _info_md(info) + "\n" + table + "\n\n" + raw + "\n" + "".join(f"\n- note: {n}" for n in notes) + "\n"
    )
    print(f"results: {out / (stem + '.md')} and {out / (stem + '.json')}", file=sys.stderr)
    return 0


def _git_state() -> str:
    """The commit of the checkout the benchmark lives in, and whether src/ has local changes."""
    repo = HERE.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--", "src"], capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' + uncommitted changes in src/' if dirty else ''}" if head else "unknown"


def _version(sl: str, env: dict[str, str]) -> str:
    return subprocess.run([sl, "--version"], env=env, capture_output=True, text=True).stdout.strip()


def _s(v: float | None) -> str:
    return "—" if v is None else f"{v:.3f} s"


def render(rows: list[dict]) -> str:
    head = ["command", "size", "studylog median", "peer", "peer median", "ratio", "target", "result", "peak MB"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        if r["target"].startswith(">=") and r["ratio"]:
            ratio = f"{r['ratio']:.3f}x ({1 / r['ratio']:.0f}x faster)"
        result = {True: "met", False: "**NOT MET**", None: "not measured"}[r["met"]]
        if r.get("error"):
            result += f" ({r['error'][:60]})"
        peer_s = (
            _s(r["peer_s"])
            if r.get("peer_s") is not None
            else (f"{r['peer_peak_mb']:.1f} MB" if r.get("peer_peak_mb") else "—")
        )
        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{r['command']}`",
                    r["size"],
                    _s(r["studylog_s"]),
                    r["peer"] or "—",
                    peer_s,
                    ratio,
                    r["target"],
                    result,
                    "—" if r["peak_mb"] is None else f"{r['peak_mb']:.1f}",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def render_raw(cmds: dict[str, Cmd]) -> str:
    lines = ["| command @ size | runs | median | min | max | peak MB |", "|---|---|---|---|---|---|"]
    for key, c in cmds.items():
        if c.times:
            lines.append(
                f"| `{key}` | {len(c.times)} | {_s(statistics.median(c.times))} | {_s(min(c.times))} | "
                f"{_s(max(c.times))} | {max(c.rss_kb) / 1024:.1f} |"
            )
        else:
            lines.append(f"| `{key}` | 0 | failed: {c.error or 'not run'} | | | |")
    return "\n".join(lines)


def _info_md(info: dict) -> str:
    m = info["machine"]
    data = ", ".join(f"{k}: {v['entries']} entries / {v['db_bytes'] / 1e6:.1f} MB db" for k, v in info["data"].items())
    return (
        f"- date: {m['date']}\n- machine: {m['nproc']} cores, {m['cpu']}, {m['memory']}, {m['os']}\n"
        f"- {info['studylog_version']} ({info['studylog']}, {info['python']}), source {info['source']}; peers: "
        + ", ".join(f"{k} {v}" for k, v in info["peers"].items())
        + f"\n- repeats: {info['repeats']} (import/export: {info['io_repeats']}); STUDYLOG_TODAY={info['today']}"
        f"\n- data: {data}"
        + "".join(
            f"\n- planner statistics @{k}: {v['planner_statistics']}"
            for k, v in info["data"].items()
            if v.get("planner_statistics")
        )
        + "\n- 1-minute load average at the start/end of each group: "
        + ", ".join(f"{t} {v:.2f}" for t, v in info["load"])
        + "\n"
    )


if __name__ == "__main__":
    sys.exit(main())
