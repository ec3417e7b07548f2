"""The chaos run behind tests/test_chaos.py: many real ``python -m studylog`` processes at once
(writers, readers, backups, restores, undos, imports), some of them killed with SIGKILL at a random
moment; every command and what it was told is recorded, then the store (and every copy in
backups/) is checked against that record.

What a command was told decides what it may expect: a write that printed its confirmation and
exited 0 is *acknowledged* and must be in the store exactly once, unless an acknowledged (or killed,
and then the journal says it committed) ``rm``/``undo`` of the same owner took it away later, or a
restore replaced it (and then it is in that restore's safety copy). A killed write may be there or
not, but never twice and never half (an entry without its notes, an import with part of its
entries). A write that failed cleanly left nothing behind.

Seeded: ``STUDYLOG_CHAOS_SEED`` replays a run's plan (which commands, which kills; the timing, and
so what the store holds, still varies). ``STUDYLOG_CHAOS_SIZE`` is the number of commands,
``STUDYLOG_CHAOS_WORKERS`` how many run at once, ``STUDYLOG_CHAOS_REPORT`` a file for the figures.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

WRITERS = ("alice", "bob")  # alice edits hours and re-imports her own exports; bob edits texts
PORTER = "porter"  # imports files, and undoes them: nobody else touches its entries
ITEMS = ("dlc/1", "dlc/2", "dlc/3", "dlc/4", "dlc/5")
DAYS = 60  # writers log on the days before TODAY, so that no day comes near 24 hours
TODAY = "2024-04-18"
KILL_SHARE = 0.25
TOKEN = re.compile(r"^[a-z]+\d+(?:-\d+)?$")
MADE = re.compile(r"^(?:done|goal) '([a-z]+\d+) ")


@dataclass
class Ran:
    """One command and what it was told."""

    seq: int
    owner: str
    op: str
    args: list[str]
    token: str | None = None  # the entry it writes (done, goal), by the first word of its text
    target: int | None = None  # the entry it changes (rm, edit)
    notes: list[str] = field(default_factory=list)
    start: float = 0.0
    end: float = 0.0
    rc: int | None = None
    out: str = ""
    err: str = ""
    killed: bool = False  # the SIGKILL arrived before it exited
    hung: bool = False  # still running after two minutes (then killed)

    @property
    def acknowledged(self) -> bool:
        return not self.killed and self.rc == 0

    @property
    def failed_cleanly(self) -> bool:
        return not self.killed and self.rc not in (0, None)


@dataclass
class ImportFile:
    path: Path
    kind: str  # "markdown" or "json"
    tokens: list[str]
    notes: dict[str, list[str]]


def _day(rng: random.Random) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(TODAY) - timedelta(days=rng.randrange(1, DAYS))).isoformat()


class Chaos:
    def __init__(self, root: Path, env: dict[str, str], seed: int, size: int, workers: int) -> None:
        self.root = root
        self.env = env
        self.seed = seed
        self.size = size
        self.workers = workers
        self.url = env.get("STUDYLOG_DB")  # PostgreSQL; None: the data folder's SQLite file
        self.home = Path(env["STUDYLOG_HOME"])
        self.sqlite = not self.url
        self.ran: list[Ran] = []
        self.lock = threading.Lock()
        self.next_seq = 0
        self.acked: dict[str, list[tuple[int, str]]] = {o: [] for o in WRITERS}  # owner -> (id, token)
        self.backups: list[Path] = []  # made by `backup`, for restores
        self.exports: dict[str, list[Path]] = {o: [] for o in WRITERS}  # made by `export json`
        self.imports: list[ImportFile] = []
        self.kill_window = 0.3
        (root / "exports").mkdir(parents=True, exist_ok=True)

    # -- running -----------------------------------------------------------------------------------

    def command(self, owner: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "studylog", *args],
            env={**self.env, "STUDYLOG_OWNER": owner},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def setup(self) -> None:
        # Every safety copy stays: the checks find each write a restore replaced in one of them
        # (the default backups.keep would remove the oldest, and with them what the learner let go).
        kept = self.command(PORTER, "config", "set", "backups.keep", "0")
        assert kept.returncode == 0, kept.stderr
        took = []
        for owner in (*WRITERS, PORTER):
            began = time.monotonic()
            made = self.command(owner, "today")
            took.append(time.monotonic() - began)
            assert made.returncode == 0, made.stderr
        # kills land from the start of a process to well past a quick command's end, on a busy
        # machine as on an idle one
        self.kill_window = 3 * sorted(took)[1]
        rng = random.Random(f"{self.seed}:files")
        for k in range(2):  # two small markdown logs and two JSON backups, for the porter
            tokens = [f"m{k}-{i}" for i in range(4)]
            lines: list[str] = []
            for i, token in enumerate(tokens):
                lines += [f"## 2024-0{1 + k}-{10 + i:02d}", f"- {token} read chapter {rng.randrange(99)} (1h)", ""]
            path = self.root / f"log{k}.md"
            path.write_text("\n".join(lines), encoding="utf-8")
            self.imports.append(ImportFile(path, "markdown", tokens, {}))
        for k in range(2):
            tokens = [f"j{k}-{i}" for i in range(5)]
            notes = {t: [f"{t} note 1", f"{t} note 2"] for t in tokens}
            entries = [
                {
                    "id": 1000 * (k + 1) + i,
                    "kind": "done",
                    "day": f"2024-03-{1 + 5 * k + i:02d}",
                    "text": f"{token} from the backup",
                    "hours": 1.0,
                    "item": None,
                    "goal_id": None,
                    "met_on": None,
                    "dropped_on": None,
                    "created_at": f"2024-03-{1 + 5 * k + i:02d} 20:00:0{i % 2}.{(i % 2) * (1 + i):06d}",  # some .000000
                    "period_start": None,
                    "period_end": None,
                    "style": None,
                    "source": None,
                    "source_key": None,
                    "notes": [{"depth": 0, "text": n} for n in notes[token]],
                }
                for i, token in enumerate(tokens)
            ]
            path = self.root / f"backup{k}.json"
            backup = {"format": "studylog-backup", "version": 1, "owner": PORTER, "entries": entries}
            path.write_text(json.dumps({**backup, "item_status": []}), encoding="utf-8")
            self.imports.append(ImportFile(path, "json", tokens, notes))

    def run(self) -> None:
        self.setup()
        threads = [threading.Thread(target=self._worker) for _ in range(self.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def _worker(self) -> None:
        while True:
            with self.lock:
                seq = self.next_seq
                if seq >= self.size:
                    return
                self.next_seq += 1
            rng = random.Random(f"{self.seed}:{seq}")
            ran = self._plan(seq, rng)
            kill_at = rng.uniform(0.05, 1) * self.kill_window if rng.random() < KILL_SHARE else None
            self._execute(ran, kill_at)  # identical imports at once too: the second waits, adds nothing
            self._learn(ran)
            with self.lock:
                self.ran.append(ran)

    def _plan(self, seq: int, rng: random.Random) -> Ran:
        ops = {
            "done": 22,
            "goal": 8,
            "rm": 6,
            "edit": 6,
            "start": 3,
            "complete": 3,
            "undo": 6,
            "today": 4,
            "week": 4,
            "log": 4,
            "progress": 4,
            "export": 3,
            "reimport": 3,
            "import": 6,
            "porter-undo": 3,
        }
        if self.sqlite:
            ops |= {"backup": 4, "restore": 3}
        op = rng.choices(list(ops), weights=list(ops.values()))[0]
        owner = rng.choice(WRITERS)
        token = f"c{seq}"
        with self.lock:
            mine = sorted(self.acked[owner])
            backups = list(self.backups)
            exports = list(self.exports["alice"])
        if (
            (op in ("rm", "edit") and not mine)
            or (op == "restore" and not backups)
            or (op == "reimport" and not exports)
        ):
            op = "done"
        if op == "done":
            notes = [f"{token} note 1", f"{token} note 2"] if rng.random() < 0.5 else []
            args = ["done", f"{token} studied", "-H", "0.1", "-d", _day(rng)]
            if rng.random() < 0.3:
                args += ["-i", rng.choice(ITEMS)]
            return Ran(seq, owner, op, [*args, *[a for n in notes for a in ("-n", n)]], token=token, notes=notes)
        if op == "goal":
            notes = [f"{token} note 1"] if rng.random() < 0.5 else []
            args = ["goal", f"{token} planned", "-d", _day(rng)]
            return Ran(seq, owner, op, [*args, *[a for n in notes for a in ("-n", n)]], token=token, notes=notes)
        if op == "rm":
            target, _ = rng.choice(mine)
            return Ran(seq, owner, op, ["rm", str(target)], target=target)
        if op == "edit":
            target, old = rng.choice(mine)
            change = ["-t", f"{old} edited in {seq}"] if owner == "bob" else ["-H", rng.choice(["0.2", "0.3"])]
            return Ran(seq, owner, op, ["edit", str(target), *change], target=target)
        if op in ("start", "complete"):
            return Ran(seq, owner, op, [op, rng.choice(ITEMS)])
        if op in ("undo", "today", "week", "progress"):
            return Ran(seq, owner, op, [op])
        if op == "log":
            return Ran(seq, owner, op, ["log", "--limit", "0"])
        if op == "export":
            return Ran(seq, owner, op, ["export", "json", "--out", str(self.root / "exports" / f"{owner}-{seq}.json")])
        if op == "reimport":  # alice's only: an import of a backup made before an `edit -t` adds the
            # old text beside the new one (a backup's entry is known by its kind, day, text and time)
            return Ran(seq, "alice", op, ["import", "json", str(rng.choice(exports))])
        if op == "import":
            f = rng.choice(self.imports)
            return Ran(seq, PORTER, op, ["import", f.kind, str(f.path)])
        if op == "porter-undo":
            return Ran(seq, PORTER, "undo", ["undo"])
        if op == "backup":
            return Ran(seq, owner, op, ["backup"])
        assert op == "restore"
        return Ran(seq, owner, op, ["restore", str(rng.choice(backups))])

    def _execute(self, ran: Ran, kill_at: float | None) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-m", "studylog", *ran.args],
            env={**self.env, "STUDYLOG_OWNER": ran.owner},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        ran.start = time.monotonic()
        try:
            out, err = proc.communicate(timeout=kill_at if kill_at is not None else 120)
        except subprocess.TimeoutExpired:
            ran.hung = kill_at is None  # no command takes two minutes here: it is reported
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate()
        ran.end = time.monotonic()
        ran.rc, ran.out, ran.err = proc.returncode, out, err
        ran.killed = proc.returncode == -signal.SIGKILL

    def _learn(self, ran: Ran) -> None:
        if ran.op == "restore" and not ran.failed_cleanly:  # done, or killed: it may have restored
            ran = Ran(ran.seq, ran.owner, ran.op, ran.args, rc=0)
        if not ran.acknowledged:
            return
        with self.lock:
            if ran.op in ("done", "goal"):
                m = re.match(r"(?:Done|Goal) #(\d+) ", ran.out)
                assert m, f"acknowledged {ran.op} without its id: {ran.out!r}"
                ran.target = int(m.group(1))
                self.acked[ran.owner].append((ran.target, ran.token or ""))
            elif ran.op == "restore":
                # the restored store gives out again the ids given after its backup was taken: an
                # `edit ID -t` of an id acknowledged before would retitle another entry
                for owner in WRITERS:
                    self.acked[owner].clear()
            elif ran.op == "backup":
                self.backups.append(Path(ran.out.strip().removeprefix("Backed up to ")))
            elif ran.op == "export":
                self.exports[ran.owner].append(Path(ran.args[-1]))

    # -- checking ----------------------------------------------------------------------------------

    def copies(self) -> list[Path]:
        """Every SQLite copy in backups/: those of `backup`, and the safety copies of restores (of
        killed ones too)."""
        folder = self.home / "backups"
        return sorted(folder.glob("*.db")) if folder.is_dir() else []

    def check(self) -> dict[str, Any]:
        problems: list[str] = []
        final = read_state(self.url or self.home / "studylog.db")
        copies = {p: read_state(p) for p in self.copies()}
        safety = [s for p, s in copies.items() if "before-restore" in p.name]
        journal = [c for s in (final, *copies.values()) for c in s["changes"]]
        ran = sorted(self.ran, key=lambda r: r.seq)

        # every command: a clear answer, or killed
        for r in ran:
            if r.hung:
                problems.append(f"#{r.seq} {r.owner} {' '.join(r.args)} still ran after two minutes")
            if r.killed:
                continue
            text = r.out + r.err
            if "Traceback" in text or "unexpected" in text or "damaged" in text:
                problems.append(f"#{r.seq} {r.owner} {' '.join(r.args)}: {r.err.strip() or r.out.strip()}")
            elif r.rc != 0 and r.op in ("today", "week", "log", "progress", "backup", "export") and "busy" not in r.err:
                problems.append(f"#{r.seq} {r.owner} {' '.join(r.args)} failed: {r.err.strip()}")
            elif r.rc != 0 and not r.err.startswith("studylog: "):
                problems.append(f"#{r.seq} {' '.join(r.args)} failed without its one line: {r.err!r}")

        # never twice, never half
        for where, state in (("the store", final), *((p.name, s) for p, s in copies.items())):
            for token, n in state["tokens"].items():
                if n > 1:
                    problems.append(f"{token} is {n} times in {where}")
            for key, n in state["statuses"].items():
                if n > 1:
                    problems.append(f"item status {key} is {n} times in {where}")
            for f in self.imports:
                present = [t for t in f.tokens if state["tokens"].get(t)]
                if present and len(present) != len(f.tokens):
                    problems.append(f"{where} holds {len(present)} of the {len(f.tokens)} entries of {f.path.name}")
        expected_notes = {r.token: r.notes for r in ran if r.token}
        for f in self.imports:
            expected_notes |= {t: f.notes.get(t, []) for t in f.tokens}
        for where, state in (("the store", final), *((p.name, s) for p, s in copies.items())):
            for token, notes in state["notes"].items():
                if token in expected_notes and sorted(notes) != sorted(expected_notes[token]):
                    problems.append(f"{token} in {where} has notes {notes}, not {expected_notes[token]}")

        # every acknowledged write: there, or knowingly taken away
        acked = [r for r in ran if r.op in ("done", "goal") and r.acknowledged]
        lost: list[str] = []
        removed = restored = 0
        for w in acked:
            assert w.token and w.target
            if final["tokens"].get(w.token):
                continue
            later = [r for r in ran if r.owner == w.owner and r.end > w.start]  # it could commit after w
            said = [
                r
                for r in later
                if r.acknowledged
                and ((r.op == "rm" and r.target == w.target) or (r.op == "undo" and f"'{w.token} " in r.out))
            ]
            committed = [
                c
                for c in journal
                if c["owner"] == w.owner
                and f"'{w.token} " in c["summary"]
                and (
                    (c["summary"].startswith("rm ") and not c["undone"])
                    or (c["summary"][:4] in ("done", "goal") and c["undone"])
                )
            ]
            killed = [r for r in later if r.killed and ((r.op == "rm" and r.target == w.target) or r.op == "undo")]
            if said or (killed and committed):
                removed += 1
                continue
            restores = [r for r in ran if r.op == "restore" and r.end > w.start and not r.failed_cleanly]
            if restores and any(s["tokens"].get(w.token) for s in safety):
                restored += 1
                continue
            lost.append(f"#{w.target} {w.token} ({w.owner}, seq {w.seq})")
        if lost:
            problems.append(f"{len(lost)} acknowledged writes lost: {lost[:10]}")

        # a write that failed cleanly wrote nothing
        for r in ran:
            if r.token and r.failed_cleanly and any(s["tokens"].get(r.token) for s in (final, *copies.values())):
                problems.append(f"{r.token} failed ({r.err.strip()}) but is stored")

        for where, state in (("the store", final), *((p.name, s) for p, s in copies.items())):
            problems += [f"{where}: {p}" for p in state["integrity"]]
        for owner in (*WRITERS, PORTER):
            doc = self.command(owner, "doctor")
            if doc.returncode != 0:
                problems.append(f"doctor for {owner}: {doc.stdout}{doc.stderr}")

        writes = {"done", "goal", "rm", "edit", "start", "complete", "undo", "import", "reimport", "restore"}
        figures = {
            "engine": "sqlite" if self.sqlite else "postgresql",
            "seed": self.seed,
            "commands": len(ran),
            "workers": self.workers,
            "killed": sum(r.killed for r in ran),
            "acknowledged_writes": sum(r.acknowledged for r in ran if r.op in writes),
            "acknowledged_entries": len(acked),
            "present": len(acked) - removed - restored - len(lost),
            "removed_by_rm_or_undo": removed,
            "replaced_by_restore_and_in_its_copy": restored,
            "lost": len(lost),
            "duplicates": sum(1 for s in (final, *copies.values()) for n in s["tokens"].values() if n > 1),
            "failed_cleanly": dict(Counter(r.op for r in ran if r.failed_cleanly)),
            "busy": sum("busy" in r.err for r in ran),
            "restores": sum(r.op == "restore" and r.acknowledged for r in ran),
            "copies_checked": len(copies),
            "by_op": dict(Counter(r.op for r in ran)),
            "problems": problems,
        }
        return figures

    def dump(self, path: Path) -> None:
        path.write_text("\n".join(json.dumps(asdict(r)) for r in sorted(self.ran, key=lambda r: r.seq)))


def read_state(where: str | Path) -> dict[str, Any]:
    """What a store holds, by token: how many entries, their notes, the item statuses, the
    journal's changes, and what its integrity and foreign-key checks say."""
    if isinstance(where, Path):
        conn = sqlite3.connect(f"file:{where}?mode=ro", uri=True)
        try:

            def rows(sql: str) -> list[tuple[Any, ...]]:
                return conn.execute(sql).fetchall()

            integrity = [r[0] for r in rows("PRAGMA integrity_check") if r[0] != "ok"]
            integrity += [f"foreign key broken: {r}" for r in rows("PRAGMA foreign_key_check")]
            return _state(rows, integrity)
        finally:
            conn.close()
    import sqlalchemy as sa

    engine = sa.create_engine(where, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as c:

            def rows(sql: str) -> list[tuple[Any, ...]]:
                return [tuple(r) for r in c.execute(sa.text(sql)).fetchall()]

            return _state(rows, orphans(rows))
    finally:
        engine.dispose()


def orphans(rows) -> list[str]:
    """A row for every foreign key of the models whose value points at no row (PostgreSQL's
    constraints should make this impossible; the models say which keys there are)."""
    from studylog.store.models import SQLModel

    found = []
    for table in SQLModel.metadata.sorted_tables:
        for fk in table.foreign_keys:
            col, ref = fk.parent.name, fk.column
            sql = (
                f"SELECT count(*) FROM {table.name} t WHERE t.{col} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {ref.table.name} r WHERE r.{ref.name} = t.{col})"
            )
            n = rows(sql)[0][0]
            if n:
                found.append(f"{n} rows of {table.name}.{col} point at no {ref.table.name}")
    return found


def _state(rows, integrity: list[str]) -> dict[str, Any]:
    # An entry is who made it: the token in the summary of the change that inserted it, when a
    # `done` or a `goal` did (an `edit -t` of an id given out again after a restore retitles
    # another entry than the one the driver meant); else the first word of its text.
    made_as = {}
    for entry_id, summary in rows(
        "SELECT r.row_id, c.summary FROM change_row r JOIN change c ON c.id = r.change_id "
        "WHERE r.table_name = 'entry' AND r.op = 'insert'"
    ):
        m = MADE.match(summary)
        if m:
            made_as[entry_id] = m.group(1)
    tokens: Counter[str] = Counter()
    by_id: dict[int, str] = {}
    for entry_id, text in rows("SELECT id, text FROM entry"):
        token = made_as.get(entry_id) or text.split(" ", 1)[0]
        if TOKEN.match(token):
            tokens[token] += 1
            by_id[entry_id] = token
    notes: dict[str, list[str]] = {t: [] for t in tokens}
    for entry_id, text in rows("SELECT entry_id, text FROM note"):
        if entry_id in by_id:
            notes[by_id[entry_id]].append(text)
    statuses = Counter(f"{o} {i}" for o, i in rows("SELECT owner, item FROM item_status"))
    changes = [
        {"owner": o, "summary": s, "undone": u is not None}
        for o, s, u in rows("SELECT owner, summary, undone_at FROM change")
    ]
    return {"tokens": tokens, "notes": notes, "statuses": statuses, "changes": changes, "integrity": integrity}


def settings() -> tuple[int, int, int]:
    """(seed, size, workers) from the environment, or a fresh seed and the CI size."""
    seed = int(os.environ.get("STUDYLOG_CHAOS_SEED") or random.SystemRandom().randrange(1 << 30))
    size = int(os.environ.get("STUDYLOG_CHAOS_SIZE") or 120)
    workers = int(os.environ.get("STUDYLOG_CHAOS_WORKERS") or 4)
    return seed, size, workers
