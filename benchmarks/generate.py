"""Generate realistic benchmark stores for studylog and the same entries in its peers' formats.

Run it with the Python of studylog's own venv (it imports ``studylog`` to create the schema):

    /tmp/v/bin/python benchmarks/generate.py [--out /tmp/studylog-bench] [--today 2024-04-18]

For every size (default 0, 10000 and 100000 entries) it writes, under ``OUT/SIZE/``:

- ``home/studylog.db``: a studylog store (use ``STUDYLOG_HOME=OUT/SIZE/home``). The schema is
  created by opening ``studylog.store.db.Store`` (so the real migrations run); the rows are then
  written with plain SQL on that migrated schema, in one transaction, and the store gets the
  query planner's statistics a store written by the CLI has (studylog runs ``PRAGMA optimize``
  after every write; see ``planner_statistics``). Owner: ``learner`` (``STUDYLOG_OWNER=learner``).
- ``watson/frames``: the same entries as Watson frames (``WATSON_DIR=OUT/SIZE/watson``).
- ``jrnl/journal.txt`` plus ``xdg-config/jrnl/jrnl.yaml`` pointing at it
  (``XDG_CONFIG_HOME=OUT/SIZE/xdg-config``).
- ``log.md``: the same entries as a dated markdown log for ``studylog import markdown``.

The entries span five years ending on ``--today`` (studylog reads it from ``STUDYLOG_TODAY``).
Watson and jrnl have no fixed "today", so their copies are shifted by whole days to end on
``--peer-today`` (default: the real date): ``watson report --week`` and ``jrnl -n 5`` then see
a populated current week, as a real user's would.

What is in a store (per size N):
- ~15% rest days (more on Sundays), the same calendar at every size;
- the last 14 days (``--recent-days``) hold the same entries at every size (~6 a study day, as a
  real learner logs): what ``today`` and ``week`` show does not change with the size, so the
  10k and 100k figures differ only by the cost of the history. The older study days share the
  rest of the N entries evenly (~6 a day at 10k, ~64 a day at 100k);
- goals ~40% and done items ~60% of the entries;
- several curricula worked through in order (dlc/N, arena2/N.M, karpathy/N, arena/N.M, aisf/N,
  3b1b/N, read from ``curriculum/*.yaml``), ~75% of entries linked to the item being studied;
- goals: ~70% met by a done item the same day, the rest dropped a few days later, except a few
  left open in the last week (they are carried over by ``studylog today``);
- done items with hours (1-8 h per study day in total), ~30% of entries with 1-3 notes;
- item statuses (complete / started / a few skipped) following the timeline;
- one ``change`` (+ ``change_row``s) per entry, as the CLI writes them, so ``undo`` works.

Only the standard library and ``studylog`` are used. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

OWNER = "learner"
REPO = Path(__file__).resolve().parents[1]
CURRICULA_ORDER = ["dlc", "arena2", "karpathy", "arena", "aisf", "3b1b"]
GENERATOR_VERSION = 7  # 7: schema 8 (the search index). Bump when the generated data changes, so cached data is rebuilt

VERBS_DONE = [
    "Read",
    "Worked through",
    "Implemented",
    "Watched",
    "Took notes on",
    "Re-derived",
    "Debugged",
    "Reviewed",
    "Finished exercises for",
    "Wrote up",
]
VERBS_GOAL = ["Finish", "Start", "Read", "Implement", "Review", "Watch", "Do the exercises of"]
TOPICS = [
    "backprop through a tiny MLP",
    "attention masks",
    "the scaling-law plots",
    "layer norm gradients",
    "the KL penalty in RLHF",
    "positional embeddings",
    "Adam vs SGD on MNIST",
    "induction heads",
    "the residual stream",
    "tokenizer edge cases",
    "batch norm statistics",
    "the DPO paper",
    "einsum shapes",
    "weight decay",
    "sampling with temperature",
    "superposition toy models",
]
NOTE_TEXTS = [
    "key idea: the gradient of softmax is p(1-p) on the diagonal",
    "see https://github.com/jacobhilton/deep_learning_curriculum for the exercise",
    "got stuck on the shapes; einops helped",
    "re-read section 3 tomorrow",
    "loss went from 2.3 to 0.4 after fixing the learning rate",
    "compare with the reference solution",
    "wrote a small test for the causal mask",
    "question: why does pre-norm train more stably?",
]


# -- curricula ------------------------------------------------------------------------------------
def curriculum_items() -> list[tuple[str, str]]:
    """(ref, title) of every shipped item, in a plausible study order (stdlib only: a regex
    over the YAML, enough for these files)."""
    items: list[tuple[str, str]] = []
    for cid in CURRICULA_ORDER:
        path = REPO / "curriculum" / f"{cid}.yaml"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        body = text.split("\nitems:", 1)[-1]
        for m in re.finditer(r'^  - id: "?([^"\n]+)"?\n    title: "?([^"\n]+)"?', body, re.M):
            title = m.group(2).split("  #", 1)[0].strip()  # drop a trailing YAML comment
            items.append((f"{cid}/{m.group(1).strip()}", title))
    if not items:  # no curriculum folder: made-up refs in the same shapes
        items = [(f"dlc/{n}", f"Chapter {n}") for n in range(1, 10)]
        items += [(f"arena2/{a}.{b}", f"Day {a}.{b}") for a in range(4) for b in range(1, 6)]
        items += [(f"karpathy/{n}", f"Lecture {n}") for n in range(1, 9)]
    return items


# -- the entries ---------------------------------------------------------------------------------
class Plan:
    """Every entry, note and status of one store, in memory (plain tuples; no studylog objects)."""

    def __init__(self, size: int, today: date, seed: int, recent_days: int = 14, recent_per_day: float = 6.0) -> None:
        self.size, self.today = size, today
        rng = random.Random(seed * 1_000_003 + size)
        first = date(today.year - 5, today.month, min(today.day, 28)) + timedelta(days=1)
        days = [first + timedelta(days=n) for n in range((today - first).days + 1)]
        # rest days depend on the seed only, so every size has the same calendar
        cal = random.Random(seed)
        study = [d for d in days if cal.random() > (0.35 if d.weekday() == 6 else 0.12) or d == today]
        # The last ``recent_days`` look the same at every size (same counts, texts and hours): a
        # learner's week does not change with the length of their history, so the 10k and 100k
        # stores differ only in the history before it. The older days share the rest evenly.
        recent = [d for d in study if (today - d).days < recent_days]
        older = study[: len(study) - len(recent)]
        wanted = [max(1, round(random.Random(f"{seed}:{d}").uniform(0.4, 1.6) * recent_per_day)) for d in recent]
        if size >= 2 * sum(wanted) and older:
            counts = self._spread(size - sum(wanted), len(older), rng) + wanted
        else:  # too small for a fixed recent window (or 0): everything evenly
            counts = self._spread(size, len(study), rng)
        items = curriculum_items()
        self.entries: list[dict] = []  # in id order
        self.notes: list[tuple[int, int, int, str]] = []  # entry_id, position, depth, text
        first_day: dict[str, date] = {}
        last_day: dict[str, date] = {}
        span = (today - first).days or 1
        for day, count in zip(study, counts, strict=True):
            if not count:
                continue
            # each day's content comes from its own generator (the same day has the same
            # entries at every size, as long as it has the same count)
            rng = random.Random(f"{seed}:{day}:{count}")
            self._rng = rng
            frac = (day - first).days / span
            cur = min(int(frac * len(items) * 0.85), len(items) - 1)
            n_goals = round(count * 0.4) if count > 1 else 0
            n_done = count - n_goals
            total_hours = rng.uniform(1.0, 8.0)
            weights = [rng.uniform(0.5, 1.5) for _ in range(n_done)]
            scale = total_hours / (sum(weights) or 1)
            goal_ids: list[int] = []
            minute = 7 * 60
            for _ in range(n_goals):
                ref, title = self._pick(items, cur, rng)
                topic = rng.choice(TOPICS)
                text = f"{rng.choice(VERBS_GOAL)} {title if ref else topic}"
                age = (today - day).days
                fate = rng.random()
                if age <= 7 and fate > 0.85:
                    met, dropped = None, None  # still open: carried over
                elif fate < 0.7 and n_done > len(goal_ids):
                    met, dropped = "pending", None
                else:
                    met, dropped = None, min(day + timedelta(days=rng.randint(1, 3)), today)
                eid = self._add(day, "goal", text, None, ref, None, met, dropped, minute, 2)
                minute += 2
                if met == "pending":
                    goal_ids.append(eid)
                if ref:
                    first_day.setdefault(ref, day)
                    last_day[ref] = day
            for d in range(n_done):
                goal_id = goal_ids.pop() if goal_ids and rng.random() < 0.8 else None
                if goal_id is not None:
                    goal = self.entries[goal_id - 1]
                    goal["met_on"] = day
                    ref = goal["item"]
                    text = f"{rng.choice(VERBS_DONE)} {goal['text'].split(' ', 1)[1]}"
                else:
                    ref, title = self._pick(items, cur, rng)
                    text = f"{rng.choice(VERBS_DONE)} {title if ref else rng.choice(TOPICS)}"
                hours = round(max(0.05, weights[d] * scale), 2) if rng.random() < 0.9 else None
                duration = round(hours * 60) if hours else 10
                self._add(day, "done", text, hours, ref, goal_id, None, None, minute, duration)
                minute += duration
                if ref:
                    first_day.setdefault(ref, day)
                    last_day[ref] = day
            for gid in goal_ids:  # goals that no done item met: dropped the next day
                goal = self.entries[gid - 1]
                goal["met_on"] = None
                goal["dropped_on"] = min(day + timedelta(days=1), today)
        for e in self.entries:
            if e["met_on"] == "pending":
                e["met_on"] = None
                e["dropped_on"] = min(e["day"] + timedelta(days=1), today)
        # item statuses follow the timeline: done with -> complete, the latest few -> started
        self.statuses: list[tuple[str, str, date | None, date | None, date | None]] = []
        recent = sorted(last_day, key=last_day.get)[-3:] if last_day else []
        for ref in first_day:
            if ref in recent:
                self.statuses.append((ref, "started", first_day[ref], None, None))
            elif rng.random() < 0.08:
                self.statuses.append((ref, "skipped", first_day[ref], None, last_day[ref]))
            else:
                self.statuses.append((ref, "complete", first_day[ref], last_day[ref], None))

    @staticmethod
    def _spread(total: int, n: int, rng: random.Random) -> list[int]:
        if total == 0 or n == 0:
            return [0] * n
        weights = [rng.uniform(0.4, 1.6) for _ in range(n)]
        scale = total / sum(weights)
        counts = [int(w * scale) for w in weights]
        for i in rng.sample(range(n), total - sum(counts)) if total - sum(counts) <= n else range(n):
            counts[i] += 1
        while sum(counts) < total:  # only when total - sum > n (never with these weights)
            counts[rng.randrange(n)] += 1
        return counts

    @staticmethod
    def _pick(items, cur, rng):
        if rng.random() < 0.25:
            return None, None
        idx = max(0, min(len(items) - 1, cur + rng.choice((-1, 0, 0, 0, 1))))
        return items[idx]

    def _add(self, day, kind, text, hours, ref, goal_id, met, dropped, minute, duration) -> int:
        eid = len(self.entries) + 1
        self.entries.append(
            {
                "id": eid,
                "day": day,
                "kind": kind,
                "text": text,
                "hours": hours,
                "item": ref,
                "goal_id": goal_id,
                "met_on": met,
                "dropped_on": dropped,
                "minute": minute,
                "duration": duration,
            }
        )
        rng = self._rng
        if rng.random() < 0.3:
            for pos in range(rng.randint(1, 3)):
                depth = 1 if pos and rng.random() < 0.3 else 0
                self.notes.append((eid, pos, depth, rng.choice(NOTE_TEXTS)))
        return eid


# -- studylog -----------------------------------------------------------------------------------
def _ts(day: date, minute: int) -> str:
    # SQLAlchemy's text form for DATETIME on SQLite (what studylog.store.db writes too)
    return (datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute)).strftime("%Y-%m-%d %H:%M:%S.%f")


def _iso(d):
    return d.isoformat() if d else None


def write_studylog(plan: Plan, home: Path) -> tuple[Path, str]:
    from studylog.store.db import Store  # the real schema, created by the real migrations

    home.mkdir(parents=True, exist_ok=True)
    db = home / "studylog.db"
    for extra in ("", "-wal", "-shm", ".lock"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    Store(str(db), OWNER, datetime.combine(plan.today, datetime.min.time())).close()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("BEGIN IMMEDIATE")
    entry_rows, change_rows, change_row_rows = [], [], []
    notes_by_entry: dict[int, list] = {}
    for note in plan.notes:
        notes_by_entry.setdefault(note[0], []).append(note)
    row_id = 0
    for e in plan.entries:
        created = _ts(e["day"], e["minute"])
        entry_rows.append(
            (
                e["id"],
                OWNER,
                e["kind"],
                _iso(e["day"]),
                e["text"],
                e["hours"],
                e["item"],
                e["goal_id"],
                _iso(e["met_on"]),
                _iso(e["dropped_on"]),
                created,
            )
        )
        summary = f"{e['kind']} {e['text']!r} {'for' if e['kind'] == 'goal' else 'on'} {e['day'].isoformat()}"
        change_rows.append((e["id"], OWNER, created, summary))
        if e["goal_id"]:
            row_id += 1
            change_row_rows.append(
                (row_id, e["id"], "entry", e["goal_id"], "update", json.dumps({"id": e["goal_id"], "met_on": None}))
            )
        row_id += 1
        change_row_rows.append((row_id, e["id"], "entry", e["id"], "insert", None))
    note_rows = []
    for n, (eid, pos, depth, text) in enumerate(plan.notes, start=1):
        note_rows.append((n, eid, pos, depth, text))
        row_id += 1
        change_row_rows.append((row_id, eid, "note", n, "insert", None))
    conn.executemany(
        "INSERT INTO entry (id, owner, kind, day, text, hours, item, goal_id, met_on, dropped_on, "
        "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        entry_rows,
    )
    conn.executemany("INSERT INTO note (id, entry_id, position, depth, text) VALUES (?,?,?,?,?)", note_rows)
    conn.executemany("INSERT INTO change (id, owner, created_at, summary) VALUES (?,?,?,?)", change_rows)
    conn.executemany(
        "INSERT INTO change_row (id, change_id, table_name, row_id, op, before) VALUES (?,?,?,?,?,?)", change_row_rows
    )
    updated = _ts(plan.today, 0)
    conn.executemany(
        "INSERT INTO item_status (owner, item, status, started_on, completed_on, skipped_on, "
        "updated_at) VALUES (?,?,?,?,?,?,?)",
        [(OWNER, r, s, _iso(a), _iso(b), _iso(c), updated) for r, s, a, b, c in plan.statuses],
    )
    conn.execute("COMMIT")
    stats = planner_statistics(conn)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    Path(f"{db}.lock").unlink(missing_ok=True)
    return db, stats


def planner_statistics(conn: sqlite3.Connection) -> str:
    """Give the store the query planner's statistics that a store written by the CLI has.

    studylog runs ``PRAGMA analysis_limit = 400; PRAGMA optimize`` when it closes a store it
    wrote to (``Store.close``), so a store that grew through the CLI has ``sqlite_stat1`` rows
    for the tables it writes, and statistics change SQLite's query plans. This store was filled
    with plain SQL, so it gets them here: ``PRAGMA optimize=0x10002`` analyzes every table that
    lacks statistics, using the 0x10000 "check all tables" bit of SQLite 3.46+. Older SQLite
    ignores that bit and only looks at tables this connection has queried (none), so nothing is
    analyzed; then a plain ``ANALYZE`` under the same ``analysis_limit`` does the same work.
    Returns how the statistics were made, for the manifest."""
    conn.execute("PRAGMA analysis_limit = 400")
    conn.execute("PRAGMA optimize = 0x10002")
    how = f"PRAGMA optimize=0x10002 (SQLite {sqlite3.sqlite_version})"
    if not _stat_tables(conn) and conn.execute("SELECT count(*) FROM entry").fetchone()[0]:
        conn.execute("ANALYZE")
        how = f"ANALYZE with analysis_limit=400 (SQLite {sqlite3.sqlite_version} ignores optimize's 0x10000 bit)"
    tables = _stat_tables(conn)
    return f"{how}: sqlite_stat1 for {', '.join(tables) or 'no table (empty store)'}"


def _stat_tables(conn: sqlite3.Connection) -> list[str]:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        return []
    return [r[0] for r in conn.execute("SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl")]


# -- the peers' formats ---------------------------------------------------------------------------
def _epoch(day: date, minute: int) -> int:
    local = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute)
    return int(local.astimezone(UTC).timestamp())


def write_watson(plan: Plan, folder: Path, shift: timedelta) -> None:
    """Watson's ``frames`` file: a JSON list of [start, stop, project, id, tags, updated_at]."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("state", "last_sync", "frames.bak"):
        (folder / name).unlink(missing_ok=True)
    rng = random.Random(plan.size)
    frames = []
    for e in plan.entries:
        day = e["day"] + shift
        start = _epoch(day, e["minute"])
        stop = start + e["duration"] * 60
        project = e["item"].split("/")[0] if e["item"] else "study"
        tags = ([e["item"].split("/", 1)[1]] if e["item"] else []) + (["goal"] if e["kind"] == "goal" else [])
        frames.append([start, stop, project, f"{rng.getrandbits(128):032x}", tags, stop])
    (folder / "frames").write_text(json.dumps(frames, indent=1), encoding="utf-8")


def write_jrnl(plan: Plan, folder: Path, xdg_config: Path, shift: timedelta) -> None:
    """A plain-text jrnl journal ("[YYYY-MM-DD HH:MM] title" entries) and its config."""
    folder.mkdir(parents=True, exist_ok=True)
    notes_by_entry: dict[int, list] = {}
    for eid, _pos, depth, text in plan.notes:
        notes_by_entry.setdefault(eid, []).append("\t" * depth + "- " + text)
    journal = folder / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        for e in plan.entries:
            when = datetime.combine(e["day"] + shift, datetime.min.time()) + timedelta(minutes=e["minute"])
            hours = f" ({e['hours']:g}h)" if e["hours"] else ""
            tag = f" @{e['item'].split('/')[0]}" if e["item"] else ""
            title = f"{'Goal' if e['kind'] == 'goal' else 'Done'}: {e['text']}{hours}{tag}"
            out.write(f"[{when:%Y-%m-%d %H:%M}] {title}\n")
            for line in notes_by_entry.get(e["id"], []):
                out.write(line + "\n")
            out.write("\n")
    cfg = xdg_config / "jrnl"
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "jrnl.yaml").write_text(
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.6\n",
        encoding="utf-8",
    )


def write_markdown(plan: Plan, path: Path) -> None:
    """A dated markdown log: "## YYYY-MM-DD" headings, one bullet per entry with its hours as the
    learner writes them ("(2.5h)"), notes as tab-indented sub-bullets."""
    notes_by_entry: dict[int, list] = {}
    for eid, _pos, depth, text in plan.notes:
        notes_by_entry.setdefault(eid, []).append("\t" * (depth + 1) + "- " + text)
    with path.open("w", encoding="utf-8") as out:
        out.write("# Learning log\n")
        current = None
        for e in plan.entries:
            if e["day"] != current:
                current = e["day"]
                out.write(f"\n## {current.isoformat()}\n\n")
            hours = f" ({e['hours']:g}h)" if e["hours"] else ""
            prefix = "Goal: " if e["kind"] == "goal" else ""
            out.write(f"- {prefix}{e['text']}{hours}\n")
            for line in notes_by_entry.get(e["id"], []):
                out.write(line + "\n")


# -- main ---------------------------------------------------------------------------------------
def size_name(size: int) -> str:
    return f"{size // 1000}k" if size and size % 1000 == 0 else str(size)


def generate(
    out: Path,
    sizes: list[int],
    today: date,
    peer_today: date,
    seed: int,
    force: bool,
    recent_days: int = 14,
    recent_per_day: float = 6.0,
) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    shift = peer_today - today
    manifest: dict = {
        "generator": GENERATOR_VERSION,
        "today": today.isoformat(),
        "peer_today": peer_today.isoformat(),
        "seed": seed,
        "recent_days": recent_days,
        "recent_per_day": recent_per_day,
        "owner": OWNER,
        "sizes": {},
    }
    for size in sizes:
        name = size_name(size)
        folder = out / name
        stamp = folder / "manifest.json"
        want = {
            k: manifest[k] for k in ("generator", "today", "peer_today", "seed", "recent_days", "recent_per_day")
        } | {"size": size}
        if not force and stamp.is_file():
            have = json.loads(stamp.read_text())
            if {k: have.get(k) for k in want} == want:
                manifest["sizes"][name] = have
                print(f"  {name}: cached in {folder}", file=sys.stderr)
                continue
        if folder.exists():
            shutil.rmtree(folder)
        plan = Plan(size, today, seed, recent_days, recent_per_day)
        db, stats = write_studylog(plan, folder / "home")
        write_watson(plan, folder / "watson", shift)
        write_jrnl(plan, folder / "jrnl", folder / "xdg-config", shift)
        write_markdown(plan, folder / "log.md")
        info = want | {
            "entries": len(plan.entries),
            "goals": sum(e["kind"] == "goal" for e in plan.entries),
            "done": sum(e["kind"] == "done" for e in plan.entries),
            "notes": len(plan.notes),
            "statuses": len(plan.statuses),
            "hours": round(sum(e["hours"] or 0 for e in plan.entries), 1),
            "days": len({e["day"] for e in plan.entries}),
            "first_day": plan.entries[0]["day"].isoformat() if plan.entries else None,
            "entries_today": sum(e["day"] == today for e in plan.entries),
            "entries_last_7_days": sum((today - e["day"]).days < 7 for e in plan.entries),
            "db_bytes": db.stat().st_size,
            "planner_statistics": stats,
            "markdown_bytes": (folder / "log.md").stat().st_size,
        }
        stamp.write_text(json.dumps(info, indent=2))
        manifest["sizes"][name] = info
        print(
            f"  {name}: {info['entries']} entries ({info['goals']} goals, {info['done']} done, "
            f"{info['notes']} notes, {info['hours']} h over {info['days']} days) in {folder}",
            file=sys.stderr,
        )
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--out",
        type=Path,
        default=Path(os.environ.get("STUDYLOG_BENCH_DIR", "/tmp/studylog-bench")),
        help="where the data goes (default /tmp/studylog-bench)",
    )
    p.add_argument("--sizes", default="0,10000,100000", help="entry counts, comma-separated")
    p.add_argument(
        "--today",
        default=os.environ.get("STUDYLOG_TODAY", "2024-04-18"),
        help="the last day of the history (studylog gets it as STUDYLOG_TODAY)",
    )
    p.add_argument(
        "--peer-today",
        default=date.today().isoformat(),
        help="the last day of the Watson/jrnl copies (default: the real date)",
    )
    p.add_argument("--seed", type=int, default=5)
    p.add_argument(
        "--recent-days",
        type=int,
        default=14,
        help="the last N days are identical at every size (default 14; 0: spread evenly)",
    )
    p.add_argument(
        "--recent-per-day", type=float, default=6.0, help="average entries per study day in that window (default 6)"
    )
    p.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    generate(
        args.out,
        sizes,
        date.fromisoformat(args.today),
        date.fromisoformat(args.peer_today),
        args.seed,
        args.force,
        args.recent_days,
        args.recent_per_day,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
