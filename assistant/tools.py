"""Structured query tools over the SQLite store: plain typed functions whose docstrings describe them.

Aggregate questions are answered here from all records, never from top-k retrieval. Every row carries the file
and line it came from, so every figure in an answer can be cited.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal

from index.records import Project
from index.store import Store

from .calculator import Calculation, calculate, format_number, total
from .filters import FUND_FIELDS, IndicatorFilter, ProjectFilter

_SQL_OPS = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "=", "!=": "!="}
_COLUMN = {"initial_budget": "f.initial_budget", "annual_budget": "f.annual_budget", "executed": "f.executed",
           "rate": "f.rate", "total_score": "p.total_score"}


@dataclass(frozen=True)
class ProjectRow:
    name: str
    office: str
    department: str
    unit: str
    year: int | None
    file: str
    line: int
    fund_line: int | None
    initial_budget: float | None
    annual_budget: float | None
    executed: float | None
    rate: float | None
    total_score: float | None
    grade: str
    total_line: int

    def value(self, field: str) -> float | None:
        return getattr(self, field)

    def as_dict(self) -> dict:
        return dict(self.__dict__)  # flat fields: no deep copy needed (asdict is 10× slower on big answers)


@dataclass(frozen=True)
class IndicatorRow:
    project: str
    office: str
    file: str
    project_line: int
    line: int
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    target_value: float | None
    target_unit: str | None
    actual_value: float | None
    actual_unit: str | None
    status: str | None
    weight: float
    score: float
    reason: str
    met: bool | None
    deducted: bool

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Aggregate:
    field: str
    op: str  # sum | avg | min | max | count
    value: Decimal | None
    rows: tuple[ProjectRow, ...]  # the rows it was computed from (for min/max: the winning rows)
    scanned: int
    expression: str = ""  # how the calculator computed a sum or an average


def _project_where(pf: ProjectFilter) -> tuple[str, list]:
    sql, args = [], []
    for column, test, values in (("p.name", "IN", pf.projects), ("p.office", "IN", pf.offices),
                                 ("p.department", "IN", pf.departments), ("p.grade", "IN", pf.grades),
                                 ("p.grade", "NOT IN", pf.grades_not)):
        if values:
            sql.append(f"{column} {test} ({','.join('?' * len(values))})")
            args += list(values)
    for t in pf.thresholds:
        sql.append(f"{_COLUMN[t.field]} {_SQL_OPS[t.op]} ?")
        args.append(t.value)
    for r in pf.ratios:
        # A base of zero has no multiple; such projects are reported separately, never silently matched.
        sql.append(f"{_COLUMN[r.right]} > 0 AND {_COLUMN[r.left]} {_SQL_OPS[r.op]} ? * {_COLUMN[r.right]}")
        args.append(r.factor)
    if pf.year is not None:
        sql.append("p.year = ?")
        args.append(pf.year)
    return " AND ".join(sql) or "1", args


def _indicator_where(f: IndicatorFilter) -> tuple[str, list]:
    sql, args = [], []
    if f.level1:
        sql.append("i.level1 = ?")
        args.append(f.level1)
    if f.level2:
        sql.append("i.level2 = ?")
        args.append(f.level2)
    for kw in f.keywords:
        if kw == "满意度":
            sql.append("(i.level1 = '满意度指标' OR i.name LIKE '%满意度%')")
        else:
            sql.append("i.name LIKE ?")
            args.append(f"%{kw}%")
    if f.names:
        sql.append(f"i.name IN ({','.join('?' * len(f.names))})")
        args += list(f.names)
    if f.met is not None:
        sql.append("i.met = ?")
        args.append(int(f.met))
    if f.deducted is not None:
        sql.append("i.deducted = ?")
        args.append(int(f.deducted))
    if f.status:
        sql.append("i.actual_status = ?")
        args.append(f.status)
    return " AND ".join(sql) or "1", args


_PROJECT_SELECT = (
    "SELECT p.name, p.office, p.department, p.unit, p.year, p.file, p.line, f.line AS fund_line, f.initial_budget,"
    " f.annual_budget, f.executed, f.rate, p.total_score, p.grade, p.total_line FROM projects p"
    " LEFT JOIN funds f ON f.project_id = p.id AND f.kind = 'total'"
)


class Tools:
    """The structured tools, bound to one store."""

    def __init__(self, store: Store):
        self.store = store

    def _rows(self, sql: str, args: list) -> list[sqlite3.Row]:
        with closing(self.store.connect()) as conn:
            return conn.execute(sql, args).fetchall()

    def project_count(self, pf: ProjectFilter | None = None) -> int:
        """项目总数（可按科室等条件筛选）：有多少张自评表。"""
        where, args = _project_where(pf or ProjectFilter())
        return self._rows(f"SELECT COUNT(*) FROM projects p LEFT JOIN funds f ON f.project_id = p.id AND "
                          f"f.kind = 'total' WHERE {where}", args)[0][0]

    def find_projects(self, pf: ProjectFilter | None = None) -> list[ProjectRow]:
        """按条件查找项目：科室、项目名、评分等级、总分阈值、资金阈值（年初预算数/全年预算数/全年执行数/执行率）、
        资金之间的倍数关系、年度。返回全部符合条件的项目（不是检索前几条）。"""
        where, args = _project_where(pf or ProjectFilter())
        rows = self._rows(f"{_PROJECT_SELECT} WHERE {where} ORDER BY p.file, p.line", args)
        return [ProjectRow(**dict(r)) for r in rows]

    def find_indicators(self, pf: ProjectFilter | None = None, f: IndicatorFilter | None = None) -> list[IndicatorRow]:
        """按条件查找绩效指标：一级/二级指标、三级指标名称关键词（满意度、及时、投诉……）、是否达到年度指标值、
        是否扣分、完成状态，并可同时按项目条件筛选。返回全部符合条件的指标行。"""
        pwhere, pargs = _project_where(pf or ProjectFilter())
        iwhere, iargs = _indicator_where(f or IndicatorFilter())
        rows = self._rows(
            "SELECT p.name AS project, p.office, p.file, p.line AS project_line, i.line, i.level1, i.level2, i.name,"
            " i.target, i.actual, i.target_value, i.target_unit, i.actual_value, i.actual_unit,"
            " i.actual_status AS status, i.weight, i.score, i.reason, i.met, i.deducted FROM indicators i"
            " JOIN projects p ON p.id = i.project_id LEFT JOIN funds f ON f.project_id = p.id AND f.kind = 'total'"
            f" WHERE {pwhere} AND {iwhere} ORDER BY p.file, p.line, i.seq",
            pargs + iargs,
        )
        out = []
        for r in rows:
            d = dict(r)
            d["met"] = None if d["met"] is None else bool(d["met"])
            d["deducted"] = bool(d["deducted"])
            out.append(IndicatorRow(**d))
        return out

    def count_indicators(self, pf: ProjectFilter | None = None,
                         f: IndicatorFilter | None = None) -> list[tuple[str, str, int, int]]:
        """按项目统计符合条件的指标条数：[(项目, 文件, 项目首行, 条数)]，在数据库中汇总，适合大规模计数。"""
        pwhere, pargs = _project_where(pf or ProjectFilter())
        iwhere, iargs = _indicator_where(f or IndicatorFilter())
        rows = self._rows(
            "SELECT p.name, p.file, p.line, COUNT(*) FROM indicators i JOIN projects p ON p.id = i.project_id"
            " LEFT JOIN funds f ON f.project_id = p.id AND f.kind = 'total'"
            f" WHERE {pwhere} AND {iwhere} GROUP BY p.id ORDER BY p.file, p.line", pargs + iargs)
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def aggregate(self, field: str, op: str, pf: ProjectFilter | None = None) -> Aggregate:
        """对项目的资金或总分做合计（sum）、平均（avg）、最大（max）、最小（min）、计数（count），
        field 取 initial_budget / annual_budget / executed / rate / total_score。用全部符合条件的项目计算。"""
        if op in ("max", "min"):
            return self.extreme(field, op, pf)
        rows = self.find_projects(pf)
        values = [(r, Decimal(str(r.value(field)))) for r in rows if r.value(field) is not None]
        if op == "count":
            return Aggregate(field, op, Decimal(len(rows)), tuple(rows), len(rows))
        if not values:
            return Aggregate(field, op, None, (), len(rows))
        nums = [v for _, v in values]
        if op in ("sum", "avg"):
            # The calculator adds up the cited figures, so a stated total is checked arithmetic.
            calc = total([format_number(v) if field == "total_score" else f"{v:.2f}" for v in nums], op)
            return Aggregate(field, op, calc.value, tuple(r for r, _ in values), len(rows), calc.expression)
        raise ValueError(f"不支持的汇总方式：{op}")

    def extreme(self, field: str, op: str, pf: ProjectFilter | None = None) -> Aggregate:
        """资金或总分最大（max）或最小（min）的项目（并列的全部列出），在数据库中计算。"""
        where, args = _project_where(pf or ProjectFilter())
        col, fn = _COLUMN[field], "MAX" if op == "max" else "MIN"
        join = "FROM projects p LEFT JOIN funds f ON f.project_id = p.id AND f.kind = 'total'"
        scanned = self._rows(f"SELECT COUNT(*) {join} WHERE {where}", args)[0][0]
        rows = self._rows(f"{_PROJECT_SELECT} WHERE {where} AND {col} = (SELECT {fn}({col}) {join} WHERE {where})"
                          f" ORDER BY p.file, p.line", args + args)
        found = [ProjectRow(**dict(r)) for r in rows]
        value = Decimal(str(found[0].value(field))) if found else None
        return Aggregate(field, op, value, tuple(found), scanned)

    def rank(self, field: str, pf: ProjectFilter | None = None, descending: bool = True,
             limit: int = 10) -> list[ProjectRow]:
        """按资金或总分给项目排序，返回前 limit 个（descending=True 为从高到低）。"""
        where, args = _project_where(pf or ProjectFilter())
        order = "DESC" if descending else "ASC"
        rows = self._rows(f"{_PROJECT_SELECT} WHERE {where} AND {_COLUMN[field]} IS NOT NULL"
                          f" ORDER BY {_COLUMN[field]} {order}, p.name {order} LIMIT ?", args + [limit])
        return [ProjectRow(**dict(r)) for r in rows]

    def project_form(self, name: str, file: str | None = None, line: int | None = None) -> Project | None:
        """一个项目的完整自评表：资金、目标、全部指标、总分、等级。name 为完整项目名称；同名项目（不同镇街、年度）
        由 file 和 line 区分。"""
        for p in self.store.projects([name]):
            if (file is None or p.file == file) and (line is None or p.line == line):
                return p
        return None

    def departments(self) -> list[str]:
        """库中全部主管部门（镇、街道）。"""
        return [r[0] for r in self._rows("SELECT DISTINCT department FROM projects ORDER BY department", [])]

    def calculate(self, expression: str) -> Calculation:
        """计算器：精确计算算术表达式（+ - * / 括号，sum/avg/min/max/diff/pct/growth）。"""
        return calculate(expression)

    def project_names(self) -> list[str]:
        """库中全部项目名称。"""
        return [r[0] for r in self._rows("SELECT name FROM projects ORDER BY file, line", [])]

    def offices(self) -> dict[str, set[str]]:
        """科室及其实施单位。"""
        out: dict[str, set[str]] = {}
        for office, unit in self._rows("SELECT office, unit FROM projects", []):
            out.setdefault(office, set()).add(unit)
        return out

    def indicator_count(self) -> int:
        return self._rows("SELECT COUNT(*) FROM indicators", [])[0][0]


FIELD_LABELS = FUND_FIELDS | {"total_score": "总分"}
