"""The SQLite store of parsed forms: sources, projects, funds, indicators and parse problems.

Every ingest runs in one transaction, so a failure leaves the previous store as it was.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from .locations import Location
from .records import FUND_KINDS, Fund, Indicator, ParseResult, Problem, Project, Quantity, office_of

# Bumped whenever the tables change; an older store is dropped and rebuilt from the report files.
SCHEMA_VERSION = 3
SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    forms INTEGER NOT NULL,
    ingested_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS projects (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    office TEXT NOT NULL,
    department TEXT NOT NULL,
    unit TEXT NOT NULL,
    year INTEGER,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    total_line INTEGER NOT NULL,
    goal TEXT NOT NULL,
    achieved TEXT NOT NULL,
    total_weight REAL,
    total_score REAL,
    grade TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS projects_source ON projects(source_id);
CREATE INDEX IF NOT EXISTS projects_office ON projects(office);
CREATE INDEX IF NOT EXISTS projects_year ON projects(year);
CREATE INDEX IF NOT EXISTS projects_grade ON projects(grade);
CREATE INDEX IF NOT EXISTS projects_score ON projects(total_score);
CREATE TABLE IF NOT EXISTS funds (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    initial_budget REAL,
    annual_budget REAL,
    executed REAL,
    weight REAL,
    rate REAL,
    score REAL,
    line INTEGER NOT NULL,
    PRIMARY KEY (project_id, kind)
);
CREATE INDEX IF NOT EXISTS funds_kind ON funds(kind, executed);
CREATE TABLE IF NOT EXISTS indicators (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    level1 TEXT NOT NULL,
    level2 TEXT NOT NULL,
    name TEXT NOT NULL,
    target TEXT NOT NULL,
    target_op TEXT,
    target_value REAL,
    target_unit TEXT,
    target_word TEXT,
    actual TEXT NOT NULL,
    actual_op TEXT,
    actual_value REAL,
    actual_unit TEXT,
    actual_status TEXT,
    weight REAL NOT NULL,
    score REAL NOT NULL,
    reason TEXT NOT NULL,
    met INTEGER,
    deducted INTEGER NOT NULL,
    line INTEGER NOT NULL,
    raw TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS indicators_project ON indicators(project_id);
CREATE INDEX IF NOT EXISTS indicators_levels ON indicators(level1, level2);
CREATE INDEX IF NOT EXISTS indicators_met ON indicators(met, deducted);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS source_rows (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    label TEXT NOT NULL,
    cells TEXT NOT NULL,
    PRIMARY KEY (source_id, line)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS problems (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    project TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Source:
    name: str
    path: str
    sha256: str
    forms: int
    ingested_at: float


@dataclass(frozen=True)
class IngestReport:
    file: str
    forms: int
    indicators: int
    problems: list[Problem]
    kept_previous: bool  # the new parse had no usable form, so what was stored before was kept
    unchanged: bool  # same content as already stored; nothing was rewritten


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Store:
    """Access to one SQLite database file; opens a connection per call, so it is safe to share."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            with conn:
                for table in ("problems", "source_rows", "indicators", "funds", "projects", "sources", "meta"):
                    conn.execute(f"DROP TABLE IF EXISTS {table}")
                conn.executescript(SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return conn

    def exists(self) -> bool:
        return self.path.exists()

    # -- writing -----------------------------------------------------------------------------------

    def ingest(self, result: ParseResult, path: str | Path, data: bytes) -> IngestReport:
        """Replace what is stored for this file (same name or same content) with ``result``, atomically."""
        sha = file_sha256(data)
        n_ind = sum(len(p.indicators) for p in result.projects)
        with closing(self.connect()) as conn, conn:
            old = conn.execute("SELECT id, sha256, forms FROM sources WHERE name = ?", (result.file,)).fetchone()
            if old and old["sha256"] == sha:
                return IngestReport(result.file, old["forms"], n_ind, result.problems, False, True)
            if not result.projects and old and old["forms"] > 0:
                # A broken new version must not wipe the good forms stored from the previous one.
                self._replace_problems(conn, old["id"], result.problems)
                return IngestReport(result.file, 0, 0, result.problems, True, False)
            conn.execute("DELETE FROM sources WHERE name = ? OR sha256 = ?", (result.file, sha))
            cur = conn.execute(
                "INSERT INTO sources(name, path, sha256, size, forms, ingested_at) VALUES (?,?,?,?,?,?)",
                (result.file, str(path), sha, len(data), len(result.projects), time.time()),
            )
            source_id = cur.lastrowid
            for project in result.projects:
                self._insert_project(conn, source_id, project)
            # Every non-blank row with its label and cells, so any cited (file, line) can be shown as read.
            conn.executemany(
                "INSERT INTO source_rows(source_id, line, label, cells) VALUES (?,?,?,?)",
                [(source_id, r.line, r.label, json.dumps(r.cells, ensure_ascii=False))
                 for r in result.rows if any(c.strip() for c in r.cells)],
            )
            self._replace_problems(conn, source_id, result.problems)
        return IngestReport(result.file, len(result.projects), n_ind, result.problems, False, False)

    @staticmethod
    def _replace_problems(conn: sqlite3.Connection, source_id: int, problems: list[Problem]) -> None:
        conn.execute("DELETE FROM problems WHERE source_id = ?", (source_id,))
        conn.executemany(
            "INSERT INTO problems(source_id, file, line, severity, code, message, project) VALUES (?,?,?,?,?,?,?)",
            [(source_id, p.file, p.line, p.severity, p.code, p.message, p.project) for p in problems],
        )

    @staticmethod
    def _insert_project(conn: sqlite3.Connection, source_id: int, p: Project) -> None:
        cur = conn.execute(
            "INSERT INTO projects(source_id, name, office, department, unit, year, file, line, end_line, total_line,"
            " goal, achieved, total_weight, total_score, grade) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (source_id, p.name, p.office, p.department, p.unit, p.year, p.file, p.line, p.end_line, p.total_line,
             p.goal,
             p.achieved, p.total_weight, p.total_score, p.grade),
        )
        pid = cur.lastrowid
        conn.executemany(
            "INSERT INTO funds(project_id, kind, initial_budget, annual_budget, executed, weight, rate, score, line)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [(pid, f.kind, f.initial_budget, f.annual_budget, f.executed, f.weight, f.rate, f.score, f.line)
             for f in p.funds.values()],
        )
        conn.executemany(
            "INSERT INTO indicators(project_id, seq, level1, level2, name, target, target_op, target_value,"
            " target_unit, target_word, actual, actual_op, actual_value, actual_unit, actual_status, weight, score,"
            " reason, met, deducted, line, raw) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (pid, seq, i.level1, i.level2, i.name, i.target.raw, i.target.op, i.target.value, i.target.unit,
                 i.target.word, i.actual.raw, i.actual.op, i.actual.value, i.actual.unit, i.actual.status, i.weight, i.score,
                 i.reason, None if i.met is None else int(i.met), int(i.deducted), i.line, i.raw)
                for seq, i in enumerate(p.indicators)
            ],
        )

    def remove_source(self, name: str) -> bool:
        with closing(self.connect()) as conn, conn:
            return conn.execute("DELETE FROM sources WHERE name = ?", (name,)).rowcount > 0

    def set_meta(self, key: str, value: str) -> None:
        with closing(self.connect()) as conn, conn:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def get_meta(self, key: str) -> str | None:
        with closing(self.connect()) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    # -- reading -----------------------------------------------------------------------------------

    def sources(self) -> list[Source]:
        with closing(self.connect()) as conn:
            rows = conn.execute("SELECT name, path, sha256, forms, ingested_at FROM sources ORDER BY name").fetchall()
        return [Source(**dict(r)) for r in rows]

    def problems(self) -> list[Problem]:
        with closing(self.connect()) as conn:
            rows = conn.execute(
                "SELECT file, line, severity, code, message, project FROM problems ORDER BY file, line"
            ).fetchall()
        return [Problem(**dict(r)) for r in rows]

    def projects(self, names: list[str] | None = None) -> list[Project]:
        """Stored projects (all, or those named) with their funds and indicators, in file and line order."""
        where, args = "", []
        if names is not None:
            where, args = f" WHERE name IN ({','.join('?' * len(names))})", list(names)
        with closing(self.connect()) as conn:
            prows = conn.execute(f"SELECT * FROM projects{where} ORDER BY file, line", args).fetchall()
            ids = [r["id"] for r in prows] if names is not None else []
            only = f" WHERE project_id IN ({','.join('?' * len(ids))})" if names is not None else ""
            funds: dict[int, dict[str, Fund]] = {}
            for r in conn.execute(f"SELECT * FROM funds{only}", ids):
                funds.setdefault(r["project_id"], {})[r["kind"]] = Fund(
                    r["kind"], r["initial_budget"], r["annual_budget"], r["executed"], r["weight"], r["rate"],
                    r["score"], r["line"],
                )
            inds: dict[int, list[Indicator]] = {}
            for r in conn.execute(f"SELECT * FROM indicators{only} ORDER BY project_id, seq", ids):
                inds.setdefault(r["project_id"], []).append(_indicator(r))
        out = []
        for r in prows:
            f = funds.get(r["id"], {})
            out.append(
                Project(
                    name=r["name"], department=r["department"], unit=r["unit"], year=r["year"], file=r["file"],
                    line=r["line"], end_line=r["end_line"],
                    funds={k: f[k] for k in FUND_KINDS if k in f},
                    goal=r["goal"], achieved=r["achieved"], indicators=tuple(inds.get(r["id"], [])),
                    total_weight=r["total_weight"], total_score=r["total_score"], grade=r["grade"],
                    total_line=r["total_line"],
                )
            )
        return out

    def location(self, file: str, line: int) -> Location | None:
        """Where row ``line`` of ``file`` is (its label, e.g. 「工作表「3-…」第12行」) and its cells as read."""
        return self.locations([(file, line)]).get((file, line))

    def locations(self, refs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Location]:
        """The stored rows for many (file, line) pairs at once; pairs not stored are left out."""
        by_file: dict[str, set[int]] = {}
        for file, line in refs:
            by_file.setdefault(file, set()).add(int(line))
        out: dict[tuple[str, int], Location] = {}
        with closing(self.connect()) as conn:
            for file, lines in by_file.items():
                ordered = sorted(lines)
                for at in range(0, len(ordered), 500):  # stay under SQLite's bound-parameter limit
                    chunk = ordered[at:at + 500]
                    rows = conn.execute(
                        "SELECT r.line, r.label, r.cells FROM source_rows r JOIN sources s ON s.id = r.source_id"
                        f" WHERE s.name = ? AND r.line IN ({','.join('?' * len(chunk))})", [file, *chunk],
                    )
                    for r in rows:
                        out[(file, r["line"])] = Location(file, r["line"], r["label"], tuple(json.loads(r["cells"])))
        return out

    def counts(self) -> dict[str, int]:
        with closing(self.connect()) as conn:
            return {
                t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("sources", "projects", "indicators", "problems")
            }


def _indicator(r: sqlite3.Row) -> Indicator:
    target = Quantity(raw=r["target"], op=r["target_op"], value=r["target_value"], unit=r["target_unit"],
                      word=r["target_word"])
    actual = Quantity(raw=r["actual"], op=r["actual_op"], value=r["actual_value"], unit=r["actual_unit"], status=r["actual_status"],
                      word=None if (r["actual_value"] is not None or r["actual_status"]) else r["actual"] or None)
    return Indicator(
        level1=r["level1"], level2=r["level2"], name=r["name"], target=target, actual=actual,
        weight=r["weight"], score=r["score"], reason=r["reason"],
        met=None if r["met"] is None else bool(r["met"]), line=r["line"], raw=r["raw"],
    )


__all__ = ["Store", "Source", "IngestReport", "Location", "office_of", "file_sha256"]
