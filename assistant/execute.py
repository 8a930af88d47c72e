"""Run a ``Plan`` over all records: SQL over the store for rows, the calculator for every derived figure.

The result is typed (rows, groups, figures with the expression that produced them) so that templates, the
fact-checker and the web app read values, never rendered text. Aggregates always use every matching record.
"""
from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from decimal import Decimal

from index.store import Store

from . import lexicon as L
from .calculator import Calculation, CalculatorError, calculate, difference, format_number, total_exact
from .formatting import fixed2
from .plan import Cond, Measure, Order, Plan, Scope

# -- SQL for each field ------------------------------------------------------------------------------------------------
_PROJECT_SQL = {
    "initial_budget": "f.initial_budget", "annual_budget": "f.annual_budget", "executed": "f.executed",
    "rate": "f.rate", "fund_score": "f.score", "total_score": "p.total_score", "grade": "p.grade",
    "unit": "p.unit", "department": "p.department", "office": "p.office", "name": "p.name",
    "adjust": "ROUND(f.annual_budget - f.initial_budget, 4)",
    "adjust_pct": "(CASE WHEN f.initial_budget > 0 THEN ROUND((f.annual_budget - f.initial_budget) * 100.0"
                  " / f.initial_budget, 6) END)",
    "unspent": "ROUND(f.annual_budget - f.executed, 4)",
    "lost_score": "ROUND(p.total_weight - p.total_score, 4)",
    "indicator_count": "(SELECT COUNT(*) FROM indicators ic WHERE ic.project_id = p.id)",
    "goal": "p.goal", "achieved": "p.achieved",
}
AVERAGE = "@avg"  # Cond.ref: compare with the average of that figure (Cond.value: the offices, None = the plan's)
_INDICATOR_SQL = {
    "level1": "i.level1", "level2": "i.level2", "name": "i.name", "target": "i.target", "actual": "i.actual",
    "actual_value": "i.actual_value", "target_value": "i.target_value", "weight": "i.weight", "score": "i.score",
    "lost": "ROUND(i.weight - i.score, 4)", "status": "i.actual_status", "reason": "i.reason",
}
_FROM = "FROM projects p LEFT JOIN funds f ON f.project_id = p.id AND f.kind = 'total'"
_PROJECT_COLUMNS = (
    "p.id, p.name, p.office, p.department, p.unit, p.year, p.file, p.line, p.end_line, p.total_line, p.total_weight,"
    " p.total_score, p.grade, p.goal, p.achieved, f.line AS fund_line, f.initial_budget, f.annual_budget,"
    " f.executed, f.rate, f.score AS fund_score,"
    " (SELECT COUNT(*) FROM indicators ic WHERE ic.project_id = p.id) AS indicator_count"
)
_INDICATOR_COLUMNS = (
    "p.id AS project_id, p.name AS project, p.office, p.file, p.line AS project_line, i.line, i.level1, i.level2,"
    " i.name, i.target, i.actual, i.target_value, i.target_unit, i.actual_value, i.actual_unit,"
    " i.actual_status AS status, i.weight, i.score, i.reason, i.met, i.deducted, i.seq"
)
MONEY = ("initial_budget", "annual_budget", "executed", "adjust", "unspent")
ANCHOR_FIELDS = ("satisfaction", "level1", "level2", "name")


def is_success(c: Cond) -> bool:
    """A predicate of success (达标, 没扣分, 达成指标): said of a category, it holds for every row of it."""
    return (c.field == "met" and c.value is True) or (c.field == "deducted" and c.value is False) or (
        c.field == "status" and c.op == "=" and c.value == "达成指标")


def failure_sql(c: Cond) -> tuple[str, list]:
    """The rows that break a success predicate (rows whose success cannot be judged do not)."""
    if c.field == "met":
        return "i.met = 0", []
    if c.field == "deducted":
        return "i.deducted = 1", []
    return "(i.actual_status IS NOT NULL AND i.actual_status != ?)", [c.value]
DISPLAY_ROWS = 200  # rows fetched for the table of an answer that only counts


@dataclass(frozen=True)
class ProjectRow:
    id: int
    name: str
    office: str
    department: str
    unit: str
    year: int | None
    file: str
    line: int
    end_line: int
    total_line: int
    total_weight: float | None
    total_score: float | None
    grade: str
    goal: str
    achieved: str
    fund_line: int | None
    initial_budget: float | None
    annual_budget: float | None
    executed: float | None
    rate: float | None
    fund_score: float | None
    indicator_count: int

    def value(self, key: str):
        """A field of this project; derived figures (调整额, 扣分 …) through the calculator."""
        if key in ("adjust", "adjust_pct", "unspent", "lost_score"):
            calc = derived(self, key)
            return None if calc is None else calc.value
        return getattr(self, key)

    def line_of(self, key: str) -> int:
        """The line a figure is printed on: the 年度资金总额 row, the 总分 row, or the title."""
        if key in ("initial_budget", "annual_budget", "executed", "rate", "fund_score", "adjust", "adjust_pct",
                   "unspent"):
            return self.fund_line or self.line
        if key in ("total_score", "lost_score"):
            return self.total_line or self.line
        if key == "grade":
            return self.end_line or self.line
        return self.line

    @property
    def form(self) -> tuple[str, int]:
        return (self.file, self.line)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class IndicatorRow:
    project_id: int
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
    seq: int

    @property
    def lost(self) -> Decimal:
        return difference(self.weight, self.score)

    @property
    def gap(self) -> Decimal | None:
        """Actual minus target, when both are numbers in the same unit."""
        if self.actual_value is None or self.target_value is None or (
                self.actual_unit and self.target_unit and self.actual_unit != self.target_unit):
            return None
        return calculate(f"{_num(self.actual_value)} - {_num(self.target_value)}").value

    def value(self, key: str):
        if key == "lost":
            return self.lost
        if key == "gap":
            return self.gap
        return getattr(self, key)

    @property
    def form(self) -> tuple[str, int]:
        return (self.file, self.project_line)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Figure:
    """A number the answer states, with the calculator expression behind it (empty for a recorded figure)."""

    key: str  # measure key: count | sum:executed | avg:total_score | rate:rate | share:executed | value:…
    value: Decimal | None
    expression: str = ""
    count: int = 0  # how many records it was computed from

    @property
    def op(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def field(self) -> str | None:
        return self.key.split(":", 1)[1] if ":" in self.key else None


@dataclass
class Group:
    key: str
    rows: list  # ProjectRow or IndicatorRow (for a large group, the first rows: cited as a sample)
    figures: dict[str, Figure] = field(default_factory=dict)
    rank: int = 0
    size: int = 0  # rows in the group (len(rows) unless rows is a sample)


@dataclass
class Entity:
    """One side of a comparison: a project or an office with its figures."""

    name: str
    kind: str  # project | office
    rows: list[ProjectRow]
    figures: dict[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True)
class Passage:
    """A sentence of a form's own text (预期目标, 实际完成情况, a 偏差原因) that shares words with a question."""

    project: str
    label: str
    text: str
    file: str
    line: int


# Words of a question that say nothing about which sentence of a form it is after.
_PASSAGE_STOP = {"多少", "哪几", "几个", "什么", "是什", "情况", "实际", "完成", "项目", "全年", "分别", "具体", "每个",
                 "哪些", "是多", "少人", "少起", "里说", "指标", "专项", "经费"}


@dataclass
class Result:
    plan: Plan
    kind: str  # rows | figures | groups | compare | value | reason | goal | form | empty | ambiguous
    scanned: int = 0  # projects in scope before conditions
    projects: list[ProjectRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)  # matching rows (or evidence of project matches)
    figures: dict[str, Figure] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    difference: Figure | None = None
    ratio: Figure | None = None
    times: Figure | None = None  # 「A是B的多少倍」
    winners: list[str] = field(default_factory=list)
    zero_base: list[ProjectRow] = field(default_factory=list)  # ratio conditions skip a base of 0: named here
    missing: list[ProjectRow] = field(default_factory=list)  # rows without the ordered figure
    extremes: tuple[list, list] | None = None  # 「最高和最低」: the rows at each end
    rank_gap: bool = False  # 「第N名」 falls inside a tie
    dense: list = field(default_factory=list)  # then: the rows with the N-th highest distinct value
    rank_offset: int = 0  # 「第8到第10名」: rows ranked before the first one shown
    spread: Figure | None = None  # highest minus lowest, when both were asked
    namesakes: list[ProjectRow] = field(default_factory=list)  # several forms share the named project's name
    counted_projects: int | None = None  # a count computed in SQL: the projects its rows belong to
    problems: list = field(default_factory=list)  # audit errors on the forms used


def _num(x) -> str:
    """A recorded figure as calculator input (exact text of the stored value)."""
    d = Decimal(str(x))
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")


def money(x) -> str:
    return "-" if x is None else fixed2(x)


def derived(r: ProjectRow, key: str) -> Calculation | None:
    """Derived project figures through the calculator: 调整额, 调整幅度, 未执行金额, 扣分."""
    try:
        if key == "adjust" and r.annual_budget is not None and r.initial_budget is not None:
            return calculate(f"{money(r.annual_budget)} - {money(r.initial_budget)}")
        if key == "adjust_pct" and r.annual_budget is not None and r.initial_budget:
            return calculate(f"growth({money(r.annual_budget)}, {money(r.initial_budget)})")
        if key == "unspent" and r.annual_budget is not None and r.executed is not None:
            return calculate(f"{money(r.annual_budget)} - {money(r.executed)}")
        if key == "lost_score" and r.total_score is not None and r.total_weight is not None:
            return calculate(f"{_num(r.total_weight)} - {_num(r.total_score)}")
    except CalculatorError:
        return None
    return None


def _fmt(field_key: str, x) -> str:
    """A figure as calculator input: money and rates with two decimals, as the forms print them."""
    if field_key in MONEY or field_key == "rate":
        return money(x)
    return _num(x)


class Executor:
    """Plans in, typed results out; one SQL query per plan where possible."""

    def __init__(self, store: Store):
        self.store = store

    def _rows(self, sql: str, args: list) -> list[sqlite3.Row]:
        with closing(self.store.connect()) as conn:
            return conn.execute(sql, args).fetchall()

    # -- SQL ---------------------------------------------------------------------------------------------------

    def _resolve_averages(self, plan: Plan) -> Plan:
        """「总分高于社发办平均分」: the average (exact, by the calculator) becomes the condition's value."""
        if not any(c.ref == AVERAGE for c in plan.conds):
            return plan
        conds = []
        for c in plan.conds:
            if c.ref != AVERAGE:
                conds.append(c)
                continue
            offices = plan.scope.offices if c.value is None else tuple(c.value)
            where = Scope(offices=offices, departments=plan.scope.departments, years=plan.scope.years)
            calc = _total(self.projects(Plan(scope=where)), c.field, "avg")
            if calc is None:
                raise ValueError(f"no {c.field} to average")
            label = ("、".join(offices) if offices else "全镇") + "项目的平均值"
            conds.append(c.with_(ref=None, value=float(calc.value), basis=label,
                                 stated=format_number(calc.value)))
        return plan.with_(conds=tuple(conds))

    def scope_sql(self, scope: Scope) -> tuple[list[str], list]:
        sql, args = [], []
        for column, values in (("p.name", scope.projects), ("p.office", scope.offices), ("p.unit", scope.units),
                               ("p.department", scope.departments), ("p.year", scope.years)):
            if values:
                sql.append(f"{column} IN ({','.join('?' * len(values))})")
                args += list(values)
        for word in scope.name_contains:
            sql.append("p.name LIKE ? ESCAPE '\\'")
            args.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        if scope.within:
            # one JSON parameter, however many forms: no expression-depth or parameter-count limit
            sql.append("(p.file || char(31) || p.line) IN (SELECT value FROM json_each(?))")
            args.append(json.dumps([f"{file}\x1f{line}" for file, line in scope.within], ensure_ascii=False))
        return sql, args

    def cond_sql(self, c: Cond, table: dict[str, str]) -> tuple[str, list]:
        if c.field == "satisfaction":
            return "(i.level1 = '满意度指标' OR i.name LIKE '%满意度%')", []
        if c.field in ("level1", "level2") and c.op == "is":
            return f"i.{c.field} = ?", [c.value]
        if c.field == "met":
            return "i.met = ?", [int(bool(c.value))]
        if c.field == "deducted":
            return "i.deducted = ?", [int(bool(c.value))]
        column = table[c.field]
        if c.ref is not None:
            ref = table[c.ref]
            # A base of zero: the inequality is taken literally (55 ≥ 2 × 0); the answer names such rows.
            return f"({column} IS NOT NULL AND {ref} IS NOT NULL AND ROUND({column}, 4) {_sqlop(c.op)} " \
                   f"ROUND(? * {ref}, 4))", [c.factor]
        unit = ""
        args: list = []
        if c.unit and c.field in ("actual_value", "target_value"):
            unit = f" AND i.{c.field.split('_')[0]}_unit = ?"
            args.append(c.unit)
        if c.op == "between":
            lo, hi = c.value
            return f"({column} BETWEEN ? AND ?{unit})", [lo, hi] + args
        if c.op in ("in", "notin"):
            values = list(c.value)
            neg = "NOT " if c.op == "notin" else ""
            return f"({column} {neg}IN ({','.join('?' * len(values))}){unit})", values + args
        if c.op == "contains":
            return f"({column} LIKE ?)", [f"%{c.value}%"]
        if c.op == "whole":  # 「总分不是整数」
            return f"({column} IS NOT NULL AND {column} {'=' if c.value else '!='} ROUND({column}))", []
        if c.field in ("target", "actual") and isinstance(c.value, str):
            return f"({column} = ?)", [c.value]
        return f"({column} {_sqlop(c.op)} ?{unit})", [c.value] + args

    def where(self, plan: Plan, with_clauses: bool = True) -> tuple[str, list]:
        sql, args = self.scope_sql(plan.scope)
        for c in plan.conds:
            s, a = self.cond_sql(c, _PROJECT_SQL)
            sql.append(s)
            args += a
        if with_clauses and plan.subject == "project":
            for clause in plan.clauses:
                anchors = [c for c in clause.conds if c.field in ANCHOR_FIELDS]
                preds = [c for c in clause.conds if c not in anchors]
                if preds and all(is_success(c) for c in preds):
                    # 「时效指标没扣分的项目」「满意度达标的项目」: every row of the category does (and there is one);
                    # a failure (「未达标」「扣分」) needs only one row
                    a_sql, a_args = self._conjunction(anchors)
                    f_sql, f_args = zip(*(failure_sql(c) for c in preds))
                    sql.append(f"EXISTS (SELECT 1 FROM indicators i WHERE i.project_id = p.id AND {a_sql})"
                               f" AND NOT EXISTS (SELECT 1 FROM indicators i WHERE i.project_id = p.id AND {a_sql}"
                               f" AND ({' OR '.join(f_sql)}))")
                    args += a_args + a_args + [x for part in f_args for x in part]
                    continue
                c_sql, c_args = self._conjunction(clause.conds)
                sql.append(f"EXISTS (SELECT 1 FROM indicators i WHERE i.project_id = p.id AND {c_sql})")
                args += c_args
        return " AND ".join(sql) or "1", args

    def _conjunction(self, conds) -> tuple[str, list]:
        parts, args = ["1"], []
        for c in conds:
            s, a = self.cond_sql(c, _INDICATOR_SQL)
            parts.append(s)
            args += a
        return " AND ".join(parts), args

    def indicator_where(self, plan: Plan, clauses=None) -> tuple[str, list]:
        """Rows of matching projects that meet the plan's indicator clauses (any one of them)."""
        pwhere, pargs = self.where(plan, with_clauses=False)
        clauses = plan.clauses if clauses is None else clauses
        parts, args = [], []
        for clause in clauses:
            cs, ca = [], []
            for c in clause.conds:
                s, a = self.cond_sql(c, _INDICATOR_SQL)
                cs.append(s)
                ca += a
            parts.append("(" + " AND ".join(cs) + ")")
            args += ca
        if plan.indicator_names:
            parts = ["(" + " OR ".join(parts) + ")"] if parts else []
            parts.append(f"i.name IN ({','.join('?' * len(plan.indicator_names))})")
            args += list(plan.indicator_names)
            return f"{pwhere} AND {' AND '.join(parts)}", pargs + args
        iwhere = " OR ".join(parts) if parts else "1"
        return f"{pwhere} AND ({iwhere})", pargs + args

    def count_scope(self, scope: Scope) -> int:
        sql, args = self.scope_sql(scope)
        return self._rows(f"SELECT COUNT(*) {_FROM} WHERE {' AND '.join(sql) or '1'}", args)[0][0]

    def passages(self, project: str, question: str, limit: int = 3) -> list[Passage]:
        """Sentences of one project's texts sharing at least two words (two-character pieces) with the question,
        the best first: what a refusal can point to when the question asks after a detail written in prose."""
        rows = self.projects(Plan(scope=Scope(projects=(project,))))
        if not rows:
            return []
        p = rows[0]
        text = question.replace(project, "").replace(project.split("-", 1)[-1], "")
        cjk = re.sub(r"[^\u4e00-\u9fff]", " ", text)
        pieces = {cjk[i:i + 2] for i in range(len(cjk) - 1) if " " not in cjk[i:i + 2]} - _PASSAGE_STOP
        sources = [("预期目标", p.goal, p.file, p.line), ("实际完成情况", p.achieved, p.file, p.line)]
        for r in self.indicators(Plan(scope=Scope(projects=(project,)), subject="indicator"), clauses=()):
            if r.reason:
                sources.append((f"「{r.name}」的偏差原因分析及改进措施", r.reason, r.file, r.line))
        found = []
        for label, body, file, line in sources:
            for sentence in re.split(r"(?<=[。；;！!？?])|\n", body or ""):
                sentence = sentence.strip()
                hits = sum(1 for piece in pieces if piece in sentence)
                if hits >= 2:
                    found.append((hits, Passage(p.name, label, sentence, file, line)))
        found.sort(key=lambda x: -x[0])
        return [f for _, f in found[:limit]]

    def projects(self, plan: Plan) -> list[ProjectRow]:
        where, args = self.where(plan)
        rows = self._rows(f"SELECT {_PROJECT_COLUMNS} {_FROM} WHERE {where} ORDER BY p.file, p.line", args)
        return [ProjectRow(**dict(r)) for r in rows]

    def indicators(self, plan: Plan, clauses=None, limit: int | None = None) -> list[IndicatorRow]:
        where, args = self.indicator_where(plan, clauses)
        rows = self._rows(f"SELECT {_INDICATOR_COLUMNS} FROM indicators i JOIN projects p ON p.id = i.project_id"
                          f" LEFT JOIN funds f ON f.project_id = p.id AND f.kind = 'total' WHERE {where}"
                          f" ORDER BY p.file, p.line, i.seq" + (" LIMIT ?" if limit else ""),
                          args + ([limit] if limit else []))
        out = []
        for r in rows:
            d = dict(r)
            d["met"] = None if d["met"] is None else bool(d["met"])
            d["deducted"] = bool(d["deducted"])
            out.append(IndicatorRow(**d))
        return out

    # -- running a plan ------------------------------------------------------------------------------------------

    def run(self, plan: Plan) -> Result:
        plan = self._resolve_averages(plan)
        if plan.intent == "compare":
            return self._compare(plan)
        if plan.intent in ("reason", "goal", "form"):
            return self._text(plan)
        scanned = self.count_scope(plan.scope)
        if plan.group_by and plan.order is None or (plan.group_by and plan.order is not None):
            result = Result(plan, "groups", scanned)
            result.groups = self._groups(plan, None)
            return result
        if plan.subject == "indicator" and plan.measures and all(m.op == "count" for m in plan.measures) \
                and plan.order is None:
            # 「有多少条指标……」: counted in SQL; the table shows the first rows
            where, args = self.indicator_where(plan)
            n = self._rows("SELECT COUNT(*), COUNT(DISTINCT p.id) FROM indicators i JOIN projects p ON"
                           " p.id = i.project_id LEFT JOIN funds f ON f.project_id = p.id AND f.kind = 'total'"
                           f" WHERE {where}", args)[0]
            result = Result(plan, "figures", scanned, indicators=self.indicators(plan, limit=DISPLAY_ROWS))
            result.figures["count"] = Figure("count", Decimal(n[0]), count=n[0])
            result.counted_projects = n[1]
            return result
        if plan.subject == "indicator":
            rows = self.indicators(plan)
            result = Result(plan, "rows", scanned, indicators=rows)
            if plan.scope.projects and len(set(plan.scope.projects)) == 1:
                result.projects = self.projects(plan.with_(conds=(), clauses=()))
            return self._finish(result, rows)
        rows = self.projects(plan)
        result = Result(plan, "rows", scanned, projects=rows)
        if plan.measures and plan.measures[0].op == "value" and len(rows) > len({r.name for r in rows}):
            # one name, several forms (another town or year): which one is meant?
            result.kind, result.namesakes = "ambiguous", rows
            return result
        wants_rows = plan.indicator_names or any(L.FIELD[f].level == "indicator" for f in plan.fields if f in L.FIELD)
        if plan.measures and plan.measures[0].op == "value" and wants_rows and rows:
            # 「武装专项经费完成年度战备训练多少人次」: the indicator rows the lookup names.
            result.indicators = self.indicators(plan.with_(scope=plan.scope.with_(within=tuple(r.form for r in rows))))
        if plan.ratio and rows:
            result.kind = "value"
            result.figures = self._ratios(plan, rows, result)
            return result
        elif plan.clauses and rows:
            # The indicator rows that make each project match, shown as evidence.
            result.indicators = self.indicators(plan.with_(scope=plan.scope.with_(
                within=tuple(r.form for r in rows))))
        result.zero_base = self._zero_base(plan)
        return self._finish(result, rows)

    def _finish(self, result: Result, rows: list) -> Result:
        plan = result.plan
        if plan.order is not None and plan.order.key in L.FIELD and L.FIELD[plan.order.key].kind in ("text", "grade"):
            raise ValueError(f"cannot order by text field {plan.order.key}")
        if plan.order is not None and not plan.group_by and "extremes" in plan.notes:
            top, result.missing, _ = _ordered(rows, Order(plan.order.key, True, 1))
            bottom, _, _ = _ordered(rows, Order(plan.order.key, False, 1))
            result.extremes = (top, bottom)
            if top and bottom:  # 「最低的比最高的低几分」: the spread, by the calculator
                key = plan.order.key
                fa, fb = _fmt(key, top[0].value(key)), _fmt(key, bottom[0].value(key))
                result.spread = Figure("spread", calculate(f"{fa} - {fb}").value, f"{fa} - {fb}")
            rows = top + [r for r in bottom if r not in top]
            result.projects = rows
            return result
        if plan.order is not None and not plan.group_by:
            ordered, result.missing, result.rank_gap = _ordered(rows, plan.order)
            if plan.order.rank and plan.order.limit and ordered:
                first = ordered[0].value(plan.order.key)  # the table numbers places from there
                result.rank_offset = sum(1 for r in rows if r.value(plan.order.key) is not None and (
                    r.value(plan.order.key) > first if plan.order.desc else r.value(plan.order.key) < first))
            if result.rank_gap:
                values = sorted({r.value(plan.order.key) for r in rows if r.value(plan.order.key) is not None},
                                reverse=plan.order.desc)
                if len(values) >= plan.order.rank:
                    wanted = values[plan.order.rank - 1]
                    result.dense = [r for r in rows if r.value(plan.order.key) == wanted]
            rows = ordered
            if plan.subject == "indicator":
                result.indicators = rows
            else:
                result.projects = rows
        if plan.group_by:
            result.kind = "groups"
            result.groups = self._groups(plan, rows)
            return result
        aggregates = [m for m in plan.measures if m.op in ("count", "sum", "avg", "median", "rate", "share", "max", "min")]
        if aggregates:
            result.kind = "figures"
            for m in aggregates:
                result.figures[_key(m)] = self._figure(m, rows, plan)
            return result
        if plan.measures and plan.measures[0].op == "value":
            result.kind = "value"
        if not rows and not result.rank_gap:
            result.kind = "empty"
        return result

    def _figure(self, m: Measure, rows: list, plan: Plan) -> Figure:
        key = _key(m)
        if m.op == "count":
            return Figure(key, Decimal(len(rows)), count=len(rows))
        if m.op == "share":
            of = plan.share_of or Scope(departments=plan.scope.departments, years=plan.scope.years)
            if plan.subject == "indicator" and m.field is None:
                whole = self.indicators(Plan(scope=of, subject="indicator"), clauses=())
            else:
                whole = self.projects(Plan(scope=of))
            if m.field is None:
                calc = calculate(f"pct({len(rows)}, {len(whole)})")
                return Figure(key, calc.value, calc.expression, len(rows))
            part = _total([r for r in rows], m.field, "sum")
            all_ = _total(whole, plan.share_field or m.field, "sum")
            if part is None or all_ is None or all_.value == 0:
                return Figure(key, None, count=len(rows))
            calc = calculate(f"pct({part.text_exact}, {all_.text_exact})")
            return Figure(key, calc.value, f"pct({format_number(part.value)}, {format_number(all_.value)})",
                          len(rows))
        if m.op == "rate":
            # An office's execution rate is its total executed over its total budget, not an average of rates.
            ex, bud = _total(rows, "executed", "sum"), _total(rows, "annual_budget", "sum")
            if ex is None or bud is None or bud.value == 0:
                return Figure(key, None, count=len(rows))
            calc = calculate(f"pct({ex.text_exact}, {bud.text_exact})")
            return Figure(key, calc.value, f"pct({format_number(ex.value)}, {format_number(bud.value)})", len(rows))
        if m.op == "median":
            values = sorted(Decimal(_fmt(m.field, r.value(m.field))) for r in rows if r.value(m.field) is not None)
            if not values:
                return Figure(key, None)
            mid = len(values) // 2
            if len(values) % 2:
                return Figure(key, values[mid], f"第 {mid + 1} 个（共 {len(values)} 个，从小到大）", len(values))
            calc = calculate(f"avg({values[mid - 1]}, {values[mid]})")
            return Figure(key, calc.value, calc.expression, len(values))
        if m.op in ("max", "min"):
            values = [r.value(m.field) for r in rows if r.value(m.field) is not None]
            if not values:
                return Figure(key, None)
            v = max(values) if m.op == "max" else min(values)
            return Figure(key, Decimal(str(v)), count=len(values))
        calc = _total(rows, m.field, m.op)
        used = sum(1 for r in rows if r.value(m.field) is not None)
        return Figure(key, None if calc is None else calc.value, "" if calc is None else calc.expression, used)

    def _ratios(self, plan: Plan, rows: list[ProjectRow], result: Result) -> dict[str, Figure]:
        """「全年预算是年初预算的几倍」: one figure over another, through the calculator (per row cited)."""
        left, right, how = plan.ratio
        out: dict[str, Figure] = {}
        if left == "actual":
            result.indicators = self.indicators(plan.with_(scope=plan.scope.with_(within=tuple(r.form for r in rows))))
            pairs = [(f"{r.project}「{r.name}」", r.actual_value, r.target_value) for r in result.indicators]
        else:
            pairs = [(r.name, r.value(left), r.value(right)) for r in rows]
        for name, a, b in pairs:
            if a is None or not b:
                out[name] = Figure(how, None)
                continue
            expr = f"pct({_fmt(left, a)}, {_fmt(right, b)})" if how == "percent" else f"{_fmt(left, a)} / {_fmt(right, b)}"
            out[name] = Figure(how, calculate(expr).value, expr.replace("pct", "").replace("/", "÷"))
        return out

    def _groups_sql(self, plan: Plan) -> list[Group] | None:
        """Group figures computed in SQL (counts, and sums and averages in exact integer cents), so that grouping
        110,000 indicator rows does not build them in Python; each group keeps its first rows as cited samples.
        None when a measure needs the rows themselves."""
        indicator = plan.subject == "indicator"
        table = _INDICATOR_SQL if indicator else _PROJECT_SQL
        keycol = {"office": "p.office", "grade": "p.grade", "level1": "i.level1", "level2": "i.level2",
                  "project": "p.name"}.get(plan.group_by)
        if keycol is None or (keycol.startswith("i.") and not indicator):
            return None
        parts, names = ["COUNT(*)"], []
        for m in plan.measures:
            if m.op == "count":
                continue
            fields = ["executed", "annual_budget"] if m.op == "rate" else [m.field]
            if m.op not in ("sum", "avg", "rate", "share") or any(f not in table for f in fields):
                return None
            for f in fields:
                # exact: every stored figure has at most two decimals
                parts += [f"SUM(CAST(ROUND(({table[f]}) * 100) AS INTEGER))", f"COUNT({table[f]})"]
                names.append((m, f))
        if indicator:
            where, args = self.indicator_where(plan)
            needs_funds = "f." in where or any("f." in part for part in parts)
            source = ("FROM indicators i JOIN projects p ON p.id = i.project_id"
                      + (" LEFT JOIN funds f ON f.project_id = p.id AND f.kind = 'total'" if needs_funds else ""))
            cols, order = _INDICATOR_COLUMNS, "p.file, p.line, i.seq"
        else:
            where, args = self.where(plan)
            source, cols, order = _FROM, _PROJECT_COLUMNS, "p.file, p.line"
        sums = self._rows(f"SELECT {keycol}, {', '.join(parts)} {source} WHERE {where} GROUP BY {keycol}", args)
        samples: dict[str, list] = {}
        if len(sums) <= 50:  # a few groups: their first rows one small query each (no sort of every row)
            for r in sums:
                rows = self._rows(f"SELECT {cols} {source} WHERE {where} AND {keycol} IS ? ORDER BY {order} LIMIT ?",
                                  args + [r[0], SAMPLE_ROWS])
                samples[_group_label(r[0], plan.group_by)] = [_row(dict(x), indicator) for x in rows]
        else:
            sample = self._rows(f"SELECT * FROM (SELECT {cols}, {keycol} AS gkey, ROW_NUMBER() OVER (PARTITION BY"
                                f" {keycol} ORDER BY {order}) AS rn {source} WHERE {where}) WHERE rn <= ?",
                                args + [SAMPLE_ROWS])
            for r in sample:
                d = dict(r)
                key, _ = d.pop("gkey"), d.pop("rn")
                samples.setdefault(_group_label(key, plan.group_by), []).append(_row(d, indicator))
        whole: dict[str, Decimal] = {}
        out = []
        for r in sums:
            key = _group_label(r[0], plan.group_by)
            g = Group(key, samples.get(key, []), size=r[1])
            cents = {}
            for n, (m, f) in enumerate(names):
                cents[(m.op, m.field, f)] = (Decimal(r[2 + 2 * n] or 0) / 100, r[3 + 2 * n])
            for m in plan.measures:
                g.figures[_key(m)] = self._group_figure(m, g.size, cents, plan, whole)
            out.append(g)
        return out

    def _group_figure(self, m: Measure, size: int, cents: dict, plan: Plan, whole: dict) -> Figure:
        key = _key(m)
        if m.op == "count":
            return Figure(key, Decimal(size), count=size)
        if m.op == "rate":
            ex, _ = cents[("rate", m.field, "executed")]
            bud, _ = cents[("rate", m.field, "annual_budget")]
            if not bud:
                return Figure(key, None, count=size)
            return Figure(key, calculate(f"pct({ex}, {bud})").value, f"pct({ex}, {bud})", size)
        total_, n = cents[(m.op, m.field, m.field)]
        if not n:
            return Figure(key, None, count=size)
        if m.op == "sum":
            return Figure(key, total_, f"sum({n}个数)", n)
        if m.op == "avg":
            return Figure(key, calculate(f"{total_} / {n}").value, f"avg({n}个数)", n)
        of = plan.share_field or m.field  # the whole: this figure, or another one (执行数 over 年初预算数)
        if of not in whole:  # share: this group's part of the figure summed over the whole scope
            scope = plan.share_of or plan.scope.with_(offices=(), projects=())
            rows = self.projects(Plan(scope=scope))
            whole[of] = sum((Decimal(_fmt(of, r.value(of))) for r in rows if r.value(of) is not None), Decimal(0))
        if not whole[of]:
            return Figure(key, None, count=n)
        return Figure(key, calculate(f"pct({total_}, {whole[of]})").value, f"pct({total_}, {whole[of]})", n)

    def _groups(self, plan: Plan, rows: list) -> list[Group]:
        by = plan.group_by
        fast = self._groups_sql(plan) if rows is None else None
        if fast is not None:
            return self._order_groups(plan, fast)
        if rows is None:
            rows = self.indicators(plan) if plan.subject == "indicator" else self.projects(plan)
        groups: dict[str, Group] = {}
        for r in rows:
            k = _group_key(r, by)
            groups.setdefault(k, Group(k, [])).rows.append(r)
        out = list(groups.values())
        for g in out:
            g.size = len(g.rows)
            for m in plan.measures:
                g.figures[_key(m)] = self._figure(m, g.rows, plan)
        return self._order_groups(plan, out)

    def _order_groups(self, plan: Plan, out: list[Group]) -> list[Group]:
        by = plan.group_by
        if plan.having:  # 「有3个及以上项目的科室」: only the groups with that many projects
            out = [g for g in out if all(_holds(g.size, c.op, c.value) for c in plan.having)]
        if by == "grade":  # every grade is a group, even an empty one (of the grades the question keeps)
            have = {g.key for g in out}
            kept = set(L.GRADES)
            for c in plan.conds:
                if c.field == "grade" and c.op in ("in", "notin"):
                    kept = kept & set(c.value) if c.op == "in" else kept - set(c.value)
            out += [Group(g, [], {_key(m): Figure(_key(m), Decimal(0) if m.op == "count" else None)
                                  for m in plan.measures}) for g in L.GRADES if g not in have and g in kept]
        if plan.order is not None:
            keys = [_key(m) for m in plan.measures]
            okey = plan.order.key if plan.order.key in keys else (keys[0] if keys else "count")
            present = [g for g in out if g.figures.get(okey) and g.figures[okey].value is not None]
            present.sort(key=lambda g: g.key)  # ties in name order
            present.sort(key=lambda g: g.figures[okey].value, reverse=plan.order.desc)
            rank, prev = 0, None
            for i, g in enumerate(present):
                v = g.figures[okey].value
                if v != prev:
                    rank, prev = i + 1, v
                g.rank = rank
            if plan.order.limit:
                cut = [g for g in present if g.rank <= plan.order.limit]
                return cut
            if plan.order.rank:
                return [g for g in present if g.rank == plan.order.rank]
            return present
        if by == "grade":
            out.sort(key=lambda g: L.GRADES.index(g.key) if g.key in L.GRADES else 9)
        else:
            out.sort(key=lambda g: (-g.size, g.key))
        return out

    def _compare(self, plan: Plan) -> Result:
        kind = plan.compare[0]
        result = Result(plan, "compare")
        names = plan.scope.projects if kind == "project" else plan.scope.offices
        for name in names:
            sub = Scope(projects=(name,)) if kind == "project" else Scope(offices=(name,))
            sub = sub.with_(departments=plan.scope.departments, years=plan.scope.years)
            rows = self.projects(Plan(scope=sub, conds=plan.conds, clauses=plan.clauses))
            if kind == "project" and len(rows) > 1:
                result.kind = "ambiguous"
                result.namesakes = rows
                return result
            e = Entity(name, kind, rows)
            for m in plan.measures:
                if m.op == "value":
                    v = rows[0].value(m.field) if rows else None
                    e.figures[_key(m)] = Figure(_key(m), None if v is None else Decimal(str(v)),
                                                _derived_expression(rows[0], m.field) if rows else "", len(rows))
                else:
                    e.figures[_key(m)] = self._figure(m, rows, plan)
            result.entities.append(e)
        first = next((m for m in plan.measures if m.op != "count"), plan.measures[0])
        key = _key(first)
        values = [(e, e.figures[key].value) for e in result.entities if e.figures[key].value is not None]
        if plan.order is not None and values:
            best = (max if plan.order.desc else min)(v for _, v in values)
            result.winners = [e.name for e, v in values if v == best]
        if plan.difference and len(result.entities) == 2 and len(values) == 2:
            (a, va), (b, vb) = values
            fa, fb = _fmt(first.field or "", va), _fmt(first.field or "", vb)
            shown = f"{fa} - {fb}"
            if first.op in ("avg", "median", "rate"):  # exact averages: computed unrounded, shown rounded
                shown = f"{format_number(va)} - {format_number(vb)}，两者均为平均值，按未舍入的值相减"
            result.difference = Figure("diff", calculate(f"{fa} - {fb}").value, shown)
            if vb != 0:
                calc = calculate(f"growth({fa}, {fb})")
                result.ratio = Figure("pct", calc.value, f"growth({fa}, {fb})")
                result.times = Figure("times", calculate(f"{fa} / {fb}").value, f"{fa} ÷ {fb}")
        return result

    def _text(self, plan: Plan) -> Result:
        """Reasons, goals and whole forms of named projects (or, for reasons, of every matching deduction)."""
        result = Result(plan, plan.intent, self.count_scope(plan.scope))
        result.projects = self.projects(plan) if (plan.scope.projects or plan.intent != "reason") else []
        if plan.intent == "reason":
            rows = self.indicators(plan) if (plan.clauses or plan.indicator_names) else \
                self.indicators(plan.with_(clauses=()), clauses=())
            if not plan.indicator_names:
                rows = [r for r in rows if r.deducted or r.met is False]
            result.indicators = rows
        elif plan.intent == "form":
            result.indicators = self.indicators(plan.with_(clauses=(), indicator_names=()), clauses=())
        if plan.scope.projects and len({r.name for r in result.projects}) < len(result.projects):
            result.kind = "ambiguous"
            result.namesakes = result.projects
        return result

    def _zero_base(self, plan: Plan) -> list[ProjectRow]:
        """Matches of a ratio condition (全年预算 ≥ 2 × 年初预算) whose base is 0: named in the answer."""
        ratios = [c for c in plan.conds if c.ref is not None and c.factor != 1.0]
        if not ratios:
            return []
        zero = tuple(Cond(c.ref, "=", 0.0) for c in ratios)
        return self.projects(plan.with_(conds=plan.conds + zero))


def _sqlop(op: str) -> str:
    return {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "=", "!=": "!="}[op]


def _key(m: Measure) -> str:
    return m.op if m.field is None else f"{m.op}:{m.field}"


SAMPLE_ROWS = 100  # rows a group figure cites when computed in SQL; a larger group says how many it has


def _group_label(value, by: str) -> str:
    return (value or "（无科室前缀）") if by == "office" else value


def _row(d: dict, indicator: bool):
    if indicator:
        d["met"] = None if d["met"] is None else bool(d["met"])
        d["deducted"] = bool(d["deducted"])
        return IndicatorRow(**d)
    return ProjectRow(**d)


def _group_key(r, by: str) -> str:
    if by == "office":
        return r.office or "（无科室前缀）"
    if by == "grade":
        return r.grade
    if by == "project":
        return r.project if isinstance(r, IndicatorRow) else r.name
    return getattr(r, by)


def _total(rows: list, field_key: str, op: str) -> Calculation | None:
    values = [Decimal(_fmt(field_key, v)) for v in (r.value(field_key) for r in rows) if v is not None]
    if not values:
        return None
    return total_exact(values, "avg" if op == "avg" else "sum")


def _derived_expression(r: ProjectRow, key: str) -> str:
    calc = derived(r, key) if key in ("adjust", "adjust_pct", "unspent", "lost_score") else None
    return calc.expression if calc else ""


def _ordered(rows: list, order: Order) -> tuple[list, list, bool]:
    """Rows by the order's figure; a limit keeps every row tied with the last one kept."""
    have = [r for r in rows if r.value(order.key) is not None]
    missing = [r for r in rows if r.value(order.key) is None]
    have.sort(key=lambda r: r.value(order.key), reverse=order.desc)
    ranks, rank, prev = [], 0, object()
    for i, r in enumerate(have):
        v = r.value(order.key)
        if v != prev:
            rank, prev = i + 1, v
        ranks.append(rank)
    if order.rank and order.limit:
        # 「第8到第10名」: the rows in places 8–10, with every row tied with one of them (ties ranked alike)
        ends = {k: i + 1 for i, k in enumerate(ranks)}  # a tie's last place
        picked = [r for r, k in zip(have, ranks) if k <= order.limit and ends[k] >= order.rank]
        return picked, missing, not picked
    if order.rank:
        picked = [r for r, k in zip(have, ranks) if k == order.rank]
        return picked, missing, not picked
    if order.limit:
        return [r for r, k in zip(have, ranks) if k <= order.limit], missing, False
    return have, missing, False


def _holds(x, op: str, value) -> bool:
    import operator

    ops = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq,
           "!=": operator.ne}
    return op in ops and ops[op](x, value)


def figure_text(field_key: str | None, value) -> str:
    """How a figure is written in answers: money and rates with two decimals, scores and counts as recorded."""
    if value is None:
        return "-"
    if field_key in MONEY or field_key in ("rate", "adjust_pct", "share"):
        return fixed2(value)
    return format_number(Decimal(str(value)))
