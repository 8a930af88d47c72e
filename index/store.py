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
SCHEMA_VERSION = 4
# Every form of every file is kept in `forms`; readers see the views `projects` and `indicators`, which leave out
# forms hidden as duplicates of a form (same project, 主管部门 and year) in another file, so nothing is counted twice.
SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    forms INTEGER NOT NULL,
    ingested_at REAL NOT NULL,
    added_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS forms (
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
    grade TEXT NOT NULL,
    digest TEXT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS forms_source ON forms(source_id);
CREATE INDEX IF NOT EXISTS forms_office ON forms(office);
CREATE INDEX IF NOT EXISTS forms_year ON forms(year);
CREATE INDEX IF NOT EXISTS forms_grade ON forms(grade);
CREATE INDEX IF NOT EXISTS forms_score ON forms(total_score);
CREATE INDEX IF NOT EXISTS forms_key ON forms(name, department, year);
CREATE VIEW IF NOT EXISTS projects AS SELECT * FROM forms WHERE hidden = 0;
CREATE TABLE IF NOT EXISTS funds (
    project_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
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
CREATE TABLE IF NOT EXISTS indicator_rows (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
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
CREATE INDEX IF NOT EXISTS indicators_project ON indicator_rows(project_id);
CREATE INDEX IF NOT EXISTS indicators_levels ON indicator_rows(level1, level2);
CREATE INDEX IF NOT EXISTS indicators_met ON indicator_rows(met, deducted);
CREATE VIEW IF NOT EXISTS indicators AS
    SELECT i.* FROM indicator_rows i JOIN forms f ON f.id = i.project_id WHERE f.hidden = 0;
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
CREATE TABLE IF NOT EXISTS findings (
    file TEXT NOT NULL,
    form_line INTEGER NOT NULL,
    line INTEGER NOT NULL,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    project TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_form ON findings(file, form_line);
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
    kept_previous: bool  # the new version was refused (no usable form, errors, fewer forms), the stored one kept
    unchanged: bool  # same content as already stored; nothing was rewritten
    previous_forms: int = 0  # forms the stored version held before this ingest
    same_as: str = ""  # the file already stored with exactly this content (this one was not stored again)
    reason: str = ""  # why the previous version was kept (Chinese, shown to users)


@dataclass(frozen=True)
class Duplicate:
    """One form (project, 主管部门, year) found in several files: the copy counted and the copies left out."""

    project: str
    department: str
    year: int | None
    kept: tuple[str, int]  # (file, line) of the copy readers see
    hidden: tuple[tuple[str, int], ...]  # the other files' copies, not counted
    same_figures: bool  # every copy carries the same figures (a re-export or a GBK copy) or not

    @property
    def key(self) -> str:
        return duplicate_key(self.project, self.department, self.year)

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([self.kept[0], *(f for f, _ in self.hidden)]))


def duplicate_key(project: str, department: str, year: int | None) -> str:
    """How a user's choice of winning file is remembered for one form."""
    return f"{project}\t{department}\t{'' if year is None else year}"


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def form_digest(p: Project) -> str:
    """The figures and words of a form without where it was read from: equal for a re-export of the same form."""
    funds = sorted((f.kind, f.initial_budget, f.annual_budget, f.executed, f.weight, f.rate, f.score)
                   for f in p.funds.values())
    inds = [(i.level1, i.level2, i.name, i.target.raw, i.actual.raw, i.weight, i.score, i.reason) for i in p.indicators]
    payload = repr((p.name, p.department, p.unit, p.year, funds, p.goal, p.achieved, inds, p.total_weight,
                    p.total_score, p.grade))
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def _drop_everything(conn: sqlite3.Connection) -> None:
    # Views first: an older schema may hold a table where this one has a view, and the other way round.
    for kind in ("view", "table"):
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'",
                                            (kind,))]
        for name in names:
            conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')



def _duplicate_groups(conn: sqlite3.Connection) -> dict[str, list[sqlite3.Row]]:
    """Forms found in more than one file, grouped by duplicate_key, each group in the order the files were stored."""
    rows = conn.execute(
        "SELECT f.id, f.name, f.department, f.year, f.file, f.line, f.digest, f.hidden, s.added_at FROM forms f"
        " JOIN sources s ON s.id = f.source_id JOIN (SELECT name, department, IFNULL(year, -1) AS y FROM forms"
        " GROUP BY name, department, IFNULL(year, -1) HAVING COUNT(DISTINCT source_id) > 1) d"
        " ON d.name = f.name AND d.department = f.department AND d.y = IFNULL(f.year, -1)"
        " ORDER BY f.name, f.department, f.year, s.added_at, f.file, f.line").fetchall()
    groups: dict[str, list[sqlite3.Row]] = {}
    for r in rows:
        groups.setdefault(duplicate_key(r["name"], r["department"], r["year"]), []).append(r)
    return groups

class StoreOutdated(RuntimeError):
    """The store was written by an older version: readers must not answer from it (nor wipe it); a build redoes it."""


class Store:
    """Access to one SQLite database file; opens a connection per call, so it is safe to share.

    ``writer`` marks a build's working copy: only there is a store of an older schema emptied and re-created (the
    build then reads every report file again). A reader meeting one raises StoreOutdated instead of answering
    from an empty store."""

    def __init__(self, path: str | Path, writer: bool = False):
        self.path = Path(path)
        self.writer = writer

    def connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            tables = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            if tables and not self.writer:
                conn.close()
                raise StoreOutdated(f"{self.path}：库由旧版本建立（格式 {version}，现为 {SCHEMA_VERSION}），请先运行"
                                    " `python -m index build` 重建（`make run` 会自动重建）；报告文件不受影响")
            with conn:
                conn.execute("PRAGMA foreign_keys = OFF")
                _drop_everything(conn)
                conn.executescript(SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def exists(self) -> bool:
        return self.path.exists()

    def outdated(self) -> bool:
        """True when the file holds a store of another schema version (a build must read every report again)."""
        if not self.path.exists():
            return False
        with closing(sqlite3.connect(self.path, timeout=30)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        return bool(tables) and version != SCHEMA_VERSION

    def snapshot(self, target: str | Path) -> Store:
        """A consistent copy of this store at ``target`` (SQLite's online backup), for a build to write into."""
        target = Path(target)
        for leftover in (target, target.with_name(target.name + "-journal")):
            leftover.unlink(missing_ok=True)
        dest = sqlite3.connect(target)
        try:
            if self.exists():
                with closing(sqlite3.connect(self.path, timeout=30)) as src:
                    src.backup(dest)
        finally:
            dest.close()
        return Store(target, writer=True)

    # -- writing -----------------------------------------------------------------------------------

    def ingest(self, result: ParseResult, path: str | Path, data: bytes, force: bool = False) -> IngestReport:
        """Replace what is stored for this file with ``result``, atomically.

        The stored version is kept, and the new one refused, when the new one has no usable form, or (unless
        ``force``) has parse errors or fewer forms than the stored one: a truncated or damaged new version must never
        wipe good forms. Content already stored under another name is not stored a second time.
        """
        sha = file_sha256(data)
        n_ind = sum(len(p.indicators) for p in result.projects)
        with closing(self.connect()) as conn, conn:
            old = conn.execute("SELECT id, sha256, forms, added_at FROM sources WHERE name = ?",
                               (result.file,)).fetchone()
            previous = old["forms"] if old else 0
            if old and old["sha256"] == sha:
                return IngestReport(result.file, old["forms"], n_ind, result.problems, False, True, previous)
            twin = conn.execute("SELECT name FROM sources WHERE sha256 = ? AND name != ?", (sha, result.file)).fetchone()
            if twin:
                # The same bytes under a second name (a copy of a stored file): stored once, never counted twice.
                if old:
                    conn.execute("DELETE FROM sources WHERE id = ?", (old["id"],))
                return IngestReport(result.file, 0, 0, result.problems, False, False, previous, same_as=twin["name"])
            reason = self._keep_reason(result, previous, force) if old and previous > 0 else ""
            if reason:
                self._replace_problems(conn, old["id"], result.problems)
                return IngestReport(result.file, 0, 0, result.problems, True, False, previous, reason=reason)
            added_at = old["added_at"] if old else time.time()
            conn.execute("DELETE FROM sources WHERE name = ?", (result.file,))
            cur = conn.execute(
                "INSERT INTO sources(name, path, sha256, size, forms, ingested_at, added_at) VALUES (?,?,?,?,?,?,?)",
                (result.file, str(path), sha, len(data), len(result.projects), time.time(), added_at),
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
        return IngestReport(result.file, len(result.projects), n_ind, result.problems, False, False, previous)

    @staticmethod
    def _keep_reason(result: ParseResult, previous: int, force: bool) -> str:
        """Why a new version must not replace the stored one (empty when it may)."""
        if not result.projects:
            return f"新版本没有可入库的自评表，保留原有的 {previous} 张"
        if force:
            return ""
        if result.errors:
            return (f"新版本有 {len(result.errors)} 处解析错误（读出 {len(result.projects)} 张表），"
                    f"保留原有的 {previous} 张；确认无误后可强制替换")
        if len(result.projects) < previous:
            return f"新版本只有 {len(result.projects)} 张表，少于原有的 {previous} 张，保留原有数据；确认无误后可强制替换"
        return ""

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
            "INSERT INTO forms(source_id, name, office, department, unit, year, file, line, end_line, total_line,"
            " goal, achieved, total_weight, total_score, grade, digest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (source_id, p.name, p.office, p.department, p.unit, p.year, p.file, p.line, p.end_line, p.total_line,
             p.goal, p.achieved, p.total_weight, p.total_score, p.grade, form_digest(p)),
        )
        pid = cur.lastrowid
        conn.executemany(
            "INSERT INTO funds(project_id, kind, initial_budget, annual_budget, executed, weight, rate, score, line)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [(pid, f.kind, f.initial_budget, f.annual_budget, f.executed, f.weight, f.rate, f.score, f.line)
             for f in p.funds.values()],
        )
        conn.executemany(
            "INSERT INTO indicator_rows(project_id, seq, level1, level2, name, target, target_op, target_value,"
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

    def resolve_duplicates(self, winners: dict[str, str] | None = None) -> list[Duplicate]:
        """Count each form (project, 主管部门, year) found in several files once: the copy in the file chosen for it
        in ``winners`` (duplicate_key → file name), else in the file stored first. Returns every such form."""
        winners = winners or {}
        with closing(self.connect()) as conn, conn:
            conn.execute("UPDATE forms SET hidden = 0 WHERE hidden != 0")
            groups = _duplicate_groups(conn)
            out, hide = [], []
            for key, forms in groups.items():
                files = [f["file"] for f in forms]
                winner = winners.get(key) if winners.get(key) in files else files[0]
                kept = [f for f in forms if f["file"] == winner]
                lost = [f for f in forms if f["file"] != winner]
                hide += [(f["id"],) for f in lost]
                first = kept[0]
                out.append(Duplicate(first["name"], first["department"], first["year"], (first["file"], first["line"]),
                                     tuple((f["file"], f["line"]) for f in lost),
                                     len({f["digest"] for f in forms}) == 1))
            conn.executemany("UPDATE forms SET hidden = 1 WHERE id = ?", hide)
        return out

    def duplicates(self) -> list[Duplicate]:
        """The forms found in several files, as the last build resolved them."""
        with closing(self.connect()) as conn:
            groups = _duplicate_groups(conn)
        out = []
        for forms in groups.values():
            kept = [f for f in forms if not f["hidden"]] or forms
            first = kept[0]
            out.append(Duplicate(first["name"], first["department"], first["year"], (first["file"], first["line"]),
                                 tuple((f["file"], f["line"]) for f in forms if f["hidden"]),
                                 len({f["digest"] for f in forms}) == 1))
        return out

    def replace_findings(self, projects: list[Project], findings: list[Problem]) -> None:
        """Store the audit findings of ``projects`` (every visible form), keyed by the form they concern."""
        spans: dict[tuple[str, str], list[Project]] = {}
        for p in projects:
            spans.setdefault((p.file, p.name), []).append(p)

        def form_line(f: Problem) -> int:
            candidates = spans.get((f.file, f.project), [])
            # The same name twice in one file: the form whose rows span the finding's line.
            inside = [p for p in candidates if p.line <= f.line <= max(p.end_line, p.total_line)]
            return (inside or candidates)[0].line if candidates else 0

        with closing(self.connect()) as conn, conn:
            conn.execute("DELETE FROM findings")
            conn.executemany(
                "INSERT INTO findings(file, form_line, line, severity, code, message, project) VALUES (?,?,?,?,?,?,?)",
                [(f.file, form_line(f), f.line, f.severity, f.code, f.message, f.project) for f in findings],
            )

    def findings_of(self, forms: Iterable[tuple[str, int]], severity: str | None = None
                    ) -> dict[tuple[str, int], list[Problem]]:
        """Stored audit findings of the forms ``(file, first line)``, by form; forms without any are left out."""
        by_file: dict[str, set[int]] = {}
        for file, line in forms:
            by_file.setdefault(file, set()).add(int(line))
        out: dict[tuple[str, int], list[Problem]] = {}
        extra, args = (" AND severity = ?", [severity]) if severity else ("", [])
        with closing(self.connect()) as conn:
            for file, lines in by_file.items():
                ordered = sorted(lines)
                for at in range(0, len(ordered), 500):
                    chunk = ordered[at:at + 500]
                    rows = conn.execute(
                        "SELECT file, form_line, line, severity, code, message, project FROM findings WHERE file = ?"
                        f" AND form_line IN ({','.join('?' * len(chunk))}){extra} ORDER BY line", [file, *chunk, *args])
                    for r in rows:
                        out.setdefault((r["file"], r["form_line"]), []).append(
                            Problem(r["file"], r["line"], r["severity"], r["code"], r["message"], r["project"]))
        return out

    def set_meta(self, key: str, value: str | None) -> None:
        with closing(self.connect()) as conn, conn:
            if value is None:
                conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
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

    def source_sha(self, name: str) -> str | None:
        with closing(self.connect()) as conn:
            row = conn.execute("SELECT sha256 FROM sources WHERE name = ?", (name,)).fetchone()
        return row["sha256"] if row else None

    def names(self) -> list[tuple[str, str, str]]:
        """(project, office, 实施单位) of every form readers see, in file and line order: what name matching needs,
        without loading whole forms."""
        with closing(self.connect()) as conn:
            return [tuple(r) for r in conn.execute("SELECT name, office, unit FROM projects ORDER BY file, line")]

    def form_counts(self) -> dict[str, tuple[int, int]]:
        """Per file: (forms stored, forms readers see)."""
        with closing(self.connect()) as conn:
            rows = conn.execute("SELECT file, COUNT(*), SUM(hidden = 0) FROM forms GROUP BY file").fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def project_count(self) -> int:
        """Forms readers see (duplicates in other files counted once)."""
        with closing(self.connect()) as conn:
            return conn.execute("SELECT COUNT(*) FROM projects").fetchone()[0]

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


__all__ = ["Store", "Source", "IngestReport", "Duplicate", "Location", "office_of", "file_sha256",
           "duplicate_key"]
