"""Typed results → the answer the user reads, through the templates in `prompts/`.

Templates loop over typed rows; this module only chooses the template and hands it the result plus a helper
``h`` that formats figures and records citations (``h.cite`` returns the `[n] 文件:行` marker it adds).
"""
from __future__ import annotations

from decimal import Decimal

from . import lexicon as L
from . import prompts
from .answer import Answer, Table, table_marker
from .calculator import format_number
from .formatting import fixed2
from .execute import ANCHOR_FIELDS, MONEY, Figure, IndicatorRow, ProjectRow, Result, figure_text, is_success
from .plan import Plan
from .prompts import Safe
from index.locations import line_label
from index.readers import is_text

TABLE_LIMIT = 200  # rows shown in a markdown table; the full list is always in `rows` (and the export)


class TableBuilder:
    """A table a template fills row by row (``{{ t.row([...]) }}``) and places with ``{{ t.place() }}``: the rows
    stay typed for the web page; the text gets them as Markdown."""

    def __init__(self, index: int, headers: list):
        self.index = index
        self.headers = [prompts.cell_text(h) for h in headers]
        self.rows: list[list[str]] = []

    def row(self, cells: list) -> str:
        self.rows.append([prompts.cell_text(c) for c in cells])
        return ""

    def place(self) -> prompts.Safe:
        return prompts.Safe(table_marker(self.index))

    def table(self) -> Table:
        return Table(self.headers, self.rows)


class Helpers:
    """What templates may call: labels, figures as the forms print them, citations, tables."""

    limit = TABLE_LIMIT

    def __init__(self, answer: Answer, columns: tuple[str, ...] = (), labels: dict | None = None):
        self.a = answer
        self.columns = columns
        self.labels = labels or {}  # (file, line) → 「工作表「3-…」第12行」 for rows of workbooks, Word, PDF
        self.tables: list[TableBuilder] = []

    def table(self, headers: list) -> TableBuilder:
        t = TableBuilder(len(self.tables), headers)
        self.tables.append(t)
        return t

    def headers(self, keys) -> list[str]:
        return [self.header(k) for k in keys]

    def figs(self, keys, row) -> list[str]:
        return [self.fig(k, row.value(k)) for k in keys]

    # -- words ---------------------------------------------------------------------------------------------
    @staticmethod
    def label(key: str) -> str:
        if key in L.FIELD:
            return L.FIELD[key].label
        return {"actual_value": "实际完成值", "target_value": "年度指标值", "status": "实际完成值",
                "satisfaction": "满意度指标"}.get(key, key)

    @staticmethod
    def unit(key: str) -> str:
        return L.FIELD[key].unit if key in L.FIELD else ""

    @staticmethod
    def opword(op: str) -> str:
        return L.OP_LABELS[op]

    @staticmethod
    def all_success(clause) -> bool:
        """A clause said of every row (「全部未扣分」) rather than of some row (「有指标扣分」)."""
        preds = [c for c in clause.conds if c.field not in ANCHOR_FIELDS]
        return bool(preds) and all(is_success(c) for c in preds)

    @staticmethod
    def group_label(by: str) -> str:
        return L.GROUP_LABELS[by]

    def header(self, key: str) -> str:
        unit = self.unit(key)
        return self.label(key) + (f"({unit})" if unit in ("万元", "%") else "")

    def measure_label(self, mkey: str) -> str:
        """「平均总分」「全年执行数合计」: a measure named in a sentence (no unit)."""
        op, _, fkey = mkey.partition(":")
        if op in ("count", "share", "rate") or not fkey:
            return self.measure_header(mkey).split("(")[0]
        return prompts.render("measure_label", op=op, label=self.label(fkey))

    def measure_header(self, mkey: str, subject: str = "project") -> str:
        op, _, fkey = mkey.partition(":")
        if op == "count":
            return "指标条数" if subject == "indicator" else "项目数"
        if op == "share":
            return (self.label(fkey) + "占比(%)") if fkey else "数量占比(%)"
        if op == "rate":
            return "总体执行率(%)"
        unit = self.unit(fkey)
        head = prompts.render("measure_label", op=op, label=self.label(fkey))
        return head + (f"({unit})" if unit in ("万元", "%") else "")

    # -- figures -------------------------------------------------------------------------------------------
    @staticmethod
    def num(x) -> str:
        if x is None:
            return "-"
        return format_number(Decimal(str(x)))

    @staticmethod
    def money(x) -> str:
        return "-" if x is None else fixed2(x)

    def fig(self, key: str | None, x) -> str:
        text = figure_text(key, x)
        if x is not None:
            self.a.figures.append(text)
        return text

    def in_asked_unit(self, plan, wan) -> str:
        """「（即 286658700 元）」: a 万元 figure also in the unit the question asked for, exactly."""
        if not plan.money_unit or wan is None:
            return ""
        from decimal import Decimal

        value = Decimal(str(wan)) * 10000 if plan.money_unit == "元" else Decimal(str(wan)) / 10000
        text = f"{value.quantize(Decimal('0.01')):f}" if plan.money_unit == "元" else f"{value.normalize():f}"
        if text.endswith(".00"):
            text = text[:-3]
        self.a.figures.append(text)
        return f"（即 {text} {plan.money_unit}）"

    def figure(self, f: Figure | None) -> str:
        """A computed figure (sum, average, rate, share, count) as the answer writes it."""
        if f is None or f.value is None:
            return "-"
        op, field_key = f.op, f.field
        if op == "count":
            text = str(int(f.value))
        elif op in ("share", "rate"):
            text = fixed2(f.value)
        else:
            text = figure_text(field_key, f.value)
        self.a.figures.append(text)
        return text

    def munit(self, mkey: str) -> str:
        op, _, fkey = mkey.partition(":")
        if op == "count":
            return "个"
        if op in ("share", "rate"):
            return "%"
        return self.unit(fkey)

    # -- citations -----------------------------------------------------------------------------------------
    def _line(self, row, key: str | None) -> int:
        if isinstance(row, IndicatorRow):
            return row.line
        return row.line_of(key or "")

    def where(self, file: str, line: int, compact: bool = False) -> str:
        """Where a row is: 「文件 第N行」 (「文件:N」 in tables) for text, the reader's label for other formats."""
        label = self.labels.get((file, line))
        if label is None:
            return f"{prompts.escape_md(file)}:{line}" if compact else f"{prompts.escape_md(file)} {line_label(line)}"
        return f"{prompts.escape_md(file)} {prompts.escape_md(label)}"

    def cite(self, row, key: str | None = None) -> str:
        """Record the row's citation and return the marker shown in tables: `[n] 文件:行`."""
        line = self._line(row, key)
        project = row.project if isinstance(row, IndicatorRow) else row.name
        n = self.a.cite(project, row.file, line)
        return Safe(f"[{n}] {self.where(row.file, line, compact=True)}")

    def src(self, row, key: str | None = None) -> str:
        """The citation written after a figure in a sentence: `来源[n]：文件 第N行`."""
        line = self._line(row, key)
        project = row.project if isinstance(row, IndicatorRow) else row.name
        n = self.a.cite(project, row.file, line)
        return Safe(f"来源[{n}]：{self.where(row.file, line)}")

    def cite_group(self, g, key: str | None = None) -> str:
        """A group's citations, and how many rows it has when it cites only a sample of them."""
        cited = self.cite_all(g.rows, key)
        return Safe(f"{cited} 等 {g.size} 行") if g.size > len(g.rows) else cited

    def measure_headers(self, keys, subject: str = "project") -> list[str]:
        return [self.measure_header(k, subject) for k in keys]

    def figures(self, figs) -> list[str]:
        return [self.figure(f) for f in figs]

    def compare_headers(self, measures, office: bool) -> list[str]:
        return [self.measure_header(f"{m.op}:{m.field}") if office else self.header(m.field) for m in measures]

    def compare_cells(self, entity, measures, office: bool) -> list[str]:
        cells = []
        for m in measures:
            f = entity.figures[f"{m.op}:{m.field}"]
            cells.append(self.figure(f) if office else self.fig(m.field, f.value))
        return cells

    def cite_all(self, rows, key: str | None = None) -> str:
        """Cite every row a group figure was computed from; written as the range of their numbers."""
        numbers = []
        for r in rows:
            line = self._line(r, key)
            project = r.project if isinstance(r, IndicatorRow) else r.name
            numbers.append(self.a.cite(project, r.file, line))
        if not numbers:
            return ""
        numbers = sorted(set(numbers))
        if len(numbers) == 1:
            return Safe(f"[{numbers[0]}]")
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return Safe(f"[{numbers[0]}]–[{numbers[-1]}]")
        return Safe("".join(f"[{n}]" for n in numbers[:12]) + ("…" if len(numbers) > 12 else ""))


def describe(plan: Plan) -> str:
    """The plan's conditions in words, e.g. 「执行率低于90%、满意度指标未达到年度指标值」."""
    return prompts.render("plan_conditions", plan=plan, h=Helpers(Answer("", "")))


def describe_scope(plan: Plan) -> str:
    return prompts.render("plan_scope", plan=plan, h=Helpers(Answer("", "")))


def _columns(plan: Plan) -> tuple[str, ...]:
    """The project figures a table shows: those the question filters, orders or asks for, then 总分."""
    cols: list[str] = []
    for c in plan.conds:
        if c.field in L.FIELD and L.FIELD[c.field].kind in ("money", "percent", "score", "count"):
            if c.ref:
                cols += [c.ref, c.field]
            else:
                if c.field in ("adjust", "adjust_pct"):
                    cols += ["initial_budget", "annual_budget"]
                cols.append(c.field)
    if plan.order is not None and plan.order.key in L.FIELD:
        cols.append(plan.order.key)
    for f in plan.fields:
        if f in L.FIELD and L.FIELD[f].level == "project" and L.FIELD[f].kind in ("money", "percent", "score", "count"):
            cols.append(f)
    for m in plan.measures:
        if m.field and m.field in L.FIELD and L.FIELD[m.field].level == "project":
            cols.append(m.field if m.op != "rate" else "executed")
            if m.op == "rate":
                cols.insert(len(cols) - 1, "annual_budget")
    if not cols:
        cols = ["annual_budget", "executed"]
    if "total_score" not in cols:
        cols.append("total_score")
    return tuple(dict.fromkeys(cols))


def _cite_field(cols: tuple[str, ...]) -> str:
    """Which line a project row cites: the 资金 row when any money figure is shown, else the 总分 row."""
    if any(c in MONEY or c in ("rate", "adjust_pct", "fund_score") for c in cols):
        return "executed"
    return "total_score"


def row_refs(result: Result) -> list[tuple[str, int]]:
    """Every (file, line) an answer about ``result`` may cite, so their labels are read in one query."""
    refs: list[tuple[str, int]] = []
    rows = list(result.projects) + [r for e in result.entities for r in e.rows] + [
        r for g in result.groups for r in g.rows] + list(result.namesakes) + list(result.dense)
    for r in rows:
        if isinstance(r, ProjectRow):
            refs += [(r.file, x) for x in (r.line, r.fund_line, r.total_line, r.end_line) if x]
        else:
            refs.append((r.file, r.line))
    refs += [(r.file, r.line) for r in result.indicators]
    return refs


def render(result: Result, locate=None) -> Answer:
    """The answer for ``result``; every figure in it is cited. ``locate`` maps (file, line) pairs of files that are
    not plain text to their rows' labels (``Store.locations``). Its tables are kept typed (``Answer.tables``) and
    placed in ``Answer.layout``; ``Answer.text`` has them written as Markdown."""
    a, h = _render(result, locate)
    a.tables = [t.table() for t in h.tables]
    a.layout = a.text
    a.text = a.with_tables_as_markdown(a.layout)
    return a


def _render(result: Result, locate=None) -> tuple[Answer, "Helpers"]:
    """The answer for ``result`` with its tables still as markers, and the helpers that collected them."""
    plan = result.plan
    kind = result.kind
    a = Answer("", kind, plan=plan, result=result)
    cols = _columns(plan)
    labels = {}
    if locate is not None:
        refs = row_refs(result)
        others = {f for f in {ref[0] for ref in refs} if not is_text(f)}  # checked once per file, not per row
        if others:
            labels = {k: loc.label for k, loc in locate([ref for ref in refs if ref[0] in others]).items()}
    h = Helpers(a, cols, labels)
    h.cite_field = _cite_field(cols)
    desc, scope = describe(plan), describe_scope(plan)
    if kind == "ambiguous":
        a.kind = "clarify"
        a.text = prompts.render("answer_namesakes", rows=result.namesakes, h=h)
        return a, h
    if kind == "compare":
        a.text = prompts.render("answer_compare", res=result, plan=plan, h=h, desc=desc)
        a.rows = [{"name": e.name, **{k: (None if f.value is None else str(f.value)) for k, f in e.figures.items()}}
                  for e in result.entities]
        return a, h
    if kind in ("reason", "goal", "form"):
        a.text = prompts.render(f"answer_{kind}", res=result, plan=plan, h=h)
        a.rows = [r.as_dict() for r in (result.indicators if kind == "reason" else result.projects)]
        return a, h
    if kind == "groups":
        a.text = prompts.render("answer_groups", res=result, plan=plan, h=h, desc=desc, scope=scope)
        a.rows = [{"group": g.key, **{k: (None if f.value is None else str(f.value)) for k, f in g.figures.items()}}
                  for g in result.groups]
        return a, h
    rows = result.indicators if plan.subject == "indicator" else result.projects
    if kind == "rows":  # a list answer must name every match; totals and lookups need not
        a.projects = list(dict.fromkeys(r.project if isinstance(r, IndicatorRow) else r.name for r in rows))
    a.rows = [r.as_dict() for r in (result.indicators if (plan.subject == "indicator" or plan.clauses)
                                     else result.projects)]
    if kind == "empty" and not (plan.order is not None and plan.order.rank):
        a.text = prompts.render("answer_empty", res=result, plan=plan, h=h, desc=desc, scope=scope)
        return a, h
    if kind == "figures":
        a.text = prompts.render("answer_figures", res=result, plan=plan, h=h, desc=desc, scope=scope)
        return a, h
    if kind == "value":
        a.text = prompts.render("answer_value", res=result, plan=plan, h=h)
        return a, h
    if plan.order is not None:
        a.text = prompts.render("answer_ordered", res=result, plan=plan, h=h, desc=desc, scope=scope)
        return a, h
    if plan.subject == "indicator":
        a.text = prompts.render("answer_indicators", res=result, plan=plan, h=h, desc=desc, scope=scope)
        return a, h
    a.text = prompts.render("answer_projects", res=result, plan=plan, h=h, desc=desc, scope=scope)
    return a, h


def render_refusal(plan: Plan, suggestions: list[str], vocab_summary: str, passages=()) -> Answer:
    """Why the question is not answered, and what can be asked instead; with the sentences of the named project's
    own text that share words with the question (shown as they stand, not as an answer)."""
    a = Answer("", "refuse" if plan.intent == "refuse" else "clarify", plan=plan)
    if plan.intent == "clarify":
        a.text = prompts.render("answer_clarify", plan=plan)
        return a
    template = L.REFUSALS.get(plan.refusal, "refuse_unknown")
    quoted = [{"label": p.label, "text": p.text, "n": a.cite(p.project, p.file, p.line),
               "where": f"{prompts.escape_md(p.file)} {line_label(p.line)}"} for p in passages]
    found = prompts.render("refuse_passages", project=passages[0].project, passages=quoted) if quoted else ""
    if template == "refuse_unknown":
        a.text = prompts.render(template, plan=plan, suggestions=suggestions, passages=found)
    else:
        a.text = prompts.render(template, plan=plan, suggestions=suggestions, corpus=vocab_summary)
    return a


__all__ = ["render", "render_refusal", "describe", "describe_scope", "Helpers", "ProjectRow", "IndicatorRow"]
