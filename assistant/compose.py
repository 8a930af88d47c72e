"""Run the tools a ``Query`` needs and compose a Chinese answer from their results, deterministically.

Every figure in the text comes from a record or from the calculator and is cited (project, file, line).
"""
from __future__ import annotations

from decimal import Decimal

from index.records import Project

from . import prompts
from .answer import Answer
from .calculator import calculate, format_number
from .filters import FUND_FIELDS, UNITS, IndicatorFilter, ProjectFilter, Ratio, Threshold
from .tools import IndicatorRow, ProjectRow, Tools
from .understand import Query, Understander

_OP_WORDS = {"<": "低于", "<=": "不超过", ">": "超过", ">=": "不低于", "=": "等于", "!=": "不等于"}
_LABELS = FUND_FIELDS | {"total_score": "总分", "grade": "评分等级", "unit": "实施单位", "department": "主管部门"}
_PART_LABELS = {"target": "年度指标值", "actual": "实际完成值", "weight": "分值", "score": "得分", "reason": "偏差原因"}
_TABLE_LIMIT = 200  # rows shown in a markdown table; the full list is always in `rows`


def money(x: float | None) -> str:
    """Amounts as the forms print them: two decimals, no thousands separators."""
    return "-" if x is None else f"{x:.2f}"


def score(x: float | None) -> str:
    return "-" if x is None else format_number(Decimal(str(x)))


def figure(field: str, x) -> str:
    if field in ("initial_budget", "annual_budget", "executed", "rate"):
        return money(x)
    if field == "total_score":
        return score(x)
    return str(x)


def source(file: str, line: int) -> str:
    return f"来源：{file} 第{line}行"


def _md_cell(text) -> str:
    return str(text).replace("|", "｜").replace("\n", " ")


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in rows[:_TABLE_LIMIT]:
        lines.append("| " + " | ".join(_md_cell(c) for c in r) + " |")
    if len(rows) > _TABLE_LIMIT:
        lines.append(f"\n（共 {len(rows)} 行，此处显示前 {_TABLE_LIMIT} 行；完整结果见下载的表格。）")
    return "\n".join(lines)


def describe_indicator_filter(f: IndicatorFilter) -> str:
    """「的满意度指标未达到年度指标值」 style description of an indicator condition."""
    what = []
    if "满意度" in f.keywords:
        what.append("满意度指标")
    if f.level2:
        what.append(f.level2)
    elif f.level1:
        what.append(f.level1)
    others = [k for k in f.keywords if k != "满意度"]
    if others:
        what.append("名称含" + "、".join(f"「{k}」" for k in others) + "的指标")
    if f.names:
        what.append("「" + "」「".join(f.names) + "」")
    subject = "".join(what) or "指标"
    cond = []
    if f.status:
        cond.append(f"实际完成情况为「{f.status}」")
    if f.met is False:
        cond.append("未达到年度指标值")
    elif f.met is True:
        cond.append("达到年度指标值")
    if f.deducted is True:
        cond.append("有扣分")
    elif f.deducted is False:
        cond.append("未扣分")
    return subject + ("、".join(cond) if cond else "")


def describe_project_filter(pf: ProjectFilter) -> str:
    parts = []
    for t in pf.thresholds:
        unit = UNITS[t.field]
        value = score(t.value) if t.field == "total_score" else format_number(Decimal(str(t.value)))
        parts.append(f"{_LABELS[t.field]}{_OP_WORDS[t.op]}{value}{unit}")
    for r in pf.ratios:
        if r.factor == 1.0:
            parts.append(f"{_LABELS[r.left]}{_OP_WORDS[r.op]}{_LABELS[r.right]}")
        else:
            parts.append(f"{_LABELS[r.left]}{_OP_WORDS[r.op]}{_LABELS[r.right]}的{format_number(Decimal(str(r.factor)))}倍")
    if pf.grades:
        parts.append("评分等级为" + "或".join(pf.grades))
    if pf.grades_not:
        parts.append("评分等级不是" + "或".join(pf.grades_not))
    return "、".join(parts)


def _scope(pf: ProjectFilter) -> str:
    bits = []
    if pf.year:
        bits.append(f"{pf.year}年度")
    if pf.offices:
        bits.append("、".join(pf.offices))
    return "".join(bits)


class Ambiguous(Exception):
    """A project name that several stored forms share (other towns or years)."""

    def __init__(self, rows):
        super().__init__(f"{len(rows)} forms")
        self.rows = rows


class SeveralNamed(Exception):
    """A question naming several projects where it needs one."""

    def __init__(self, names: tuple[str, ...]):
        super().__init__(", ".join(names))
        self.names = names


class Composer:
    """Answers ``Query`` objects from the structured tools (and the retriever for open questions)."""

    def __init__(self, tools: Tools, understander: Understander, searcher=None):
        self.tools = tools
        self.understander = understander
        self._searcher = searcher  # a callable returning the hybrid searcher, built only when needed

    @property
    def searcher(self):
        return self._searcher() if self._searcher is not None else None

    def answer(self, q: Query) -> Answer:
        handler = getattr(self, f"_{q.kind}", None)
        if handler is None:
            return self._unknown(q)
        try:
            return handler(q)
        except SeveralNamed as many:
            return self._clarify(q.with_(candidates=many.names))
        except Ambiguous as amb:
            options = "\n".join(f"{n}. {r.name}（{r.department}，{r.year}年度，{r.file} 第{r.line}行）"
                                 for n, r in enumerate(amb.rows, 1))
            text = (f"库中有 {len(amb.rows)} 张名为「{amb.rows[0].name}」的自评表，分属不同的镇街或年度。"
                    f"请在问题中注明镇街或年度（例如「{amb.rows[0].department}{amb.rows[0].year}年的……」）：\n\n{options}")
            return Answer(text, "clarify", tools=["find_projects"])

    # -- helpers ----------------------------------------------------------------------------------------------

    def _scope_pf(self, pf: ProjectFilter) -> ProjectFilter:
        """The projects a question ranges over, before its conditions: office, year, named projects."""
        return ProjectFilter(projects=pf.projects, offices=pf.offices, year=pf.year)

    def _project_table(self, rows: list[ProjectRow], fields: list[str], a: Answer) -> str:
        headers = ["项目"] + [_LABELS[f] + ("(万元)" if UNITS.get(f) == "万元" else "(%)" if f == "rate" else "")
                              for f in fields] + ["评分等级", "来源"]
        body = []
        for r in rows:
            # Cite the line the figures come from: the 年度资金总额 row, or the 总分 row for scores alone.
            line = r.total_line if fields == ["total_score"] else (r.fund_line or r.line)
            body.append([r.name] + [figure(f, r.value(f)) for f in fields] + [r.grade, f"{r.file}:{line}"])
            a.cite(r.name, r.file, line)
            for f in fields:
                a.figures.append(figure(f, r.value(f)))
            a.rows.append(r.as_dict())
        return table(headers, body)

    def _indicator_table(self, rows: list[IndicatorRow], a: Answer) -> str:
        body = []
        for r in rows:
            body.append([r.project, f"{r.level2}·{r.name}", r.target, r.actual, score(r.weight), score(r.score),
                         f"{r.file}:{r.line}"])
            a.cite(r.project, r.file, r.line)
            a.figures += [r.target, r.actual, score(r.weight), score(r.score)]
            a.rows.append(r.as_dict())
        return table(["项目", "指标", "年度指标值", "实际完成值", "分值", "得分", "来源"], body)

    def _suggestions(self) -> str:
        names = self.tools.project_names()
        example = names[0] if names else "某项目"
        office = next(iter(sorted(o for o in self.tools.offices() if o)), "某科室")
        items = [
            "哪些项目满意度未达标", f"{office}有哪些项目", "评分等级不是优的项目", "有多少个项目的时效指标扣分",
            f"{example}的全年预算数是多少", f"{example}为什么扣分", f"{office}所有项目全年执行数合计",
            "全年预算数最大的项目是哪个", f"{example}全年预算比年初预算增加了多少",
        ]
        return "\n".join(f"- {s}" for s in items)

    # -- kinds ------------------------------------------------------------------------------------------------

    def _unknown(self, q: Query) -> Answer:
        fragment = "、".join(f"「{n}」" for n in q.notes if n) or "这个问题"
        return Answer(prompts.render("answer_unknown", fragment=fragment, suggestions=self._suggestions()), "unknown")

    def _clarify(self, q: Query) -> Answer:
        options = "\n".join(f"{n}. {p}" for n, p in enumerate(q.candidates, 1))
        mention = q.indicator_words or q.text
        a = Answer(prompts.render("answer_clarify", mention=mention, count=len(q.candidates), options=options),
                   "clarify", tools=["resolve_project"])
        return a

    def _check(self, q: Query) -> Answer:
        return Answer(prompts.render("answer_not_yet", what="核查陈述"), "check")

    def _summarize(self, q: Query) -> Answer:
        return Answer(prompts.render("answer_not_yet", what="撰写绩效总结"), "summarize")

    def _list(self, q: Query) -> Answer:
        a = Answer("", "list")
        scope_pf = self._scope_pf(q.pf)
        scanned = self.tools.project_count(scope_pf)
        scope = _scope(q.pf)
        pdesc = describe_project_filter(q.pf)
        if q.ifilter:
            a.tools.append("find_indicators")
            rows = self.tools.find_indicators(q.pf, q.ifilter)
            projects = list(dict.fromkeys(r.project for r in rows))
            desc = "的" + describe_indicator_filter(q.ifilter) + (f"（且{pdesc}）" if pdesc else "")
            if not rows:
                return self._empty(q, a, scanned, scope, desc)
            a.projects = projects
            text = prompts.render("answer_list", scanned=f"{scope}{scanned}", matched=len(projects),
                                  description=desc, table=self._indicator_table(rows, a),
                                  notes=f"\n\n共 {len(rows)} 条指标。")
            a.text = text
            return a
        a.tools.append("find_projects")
        rows = self.tools.find_projects(q.pf)
        desc = pdesc or ""
        fields = self._fields_for(q.pf, q.field)
        notes = self._zero_base_note(q.pf, a)
        if not rows:
            return self._empty(q, a, scanned, scope, desc or "符合条件")
        a.projects = [r.name for r in rows]
        if not desc:
            # 「宣传科有哪些项目」: the scope itself is the condition.
            a.text = prompts.render("answer_scope_list", scope=scope or "库中", count=len(rows),
                                    table=self._project_table(rows, fields, a), notes=notes)
            return a
        a.text = prompts.render("answer_list", scanned=f"{scope}{scanned}", matched=len(rows),
                                description=desc, table=self._project_table(rows, fields, a), notes=notes)
        return a

    def _fields_for(self, pf: ProjectFilter, extra: str | None) -> list[str]:
        fields = []
        for t in pf.thresholds:
            fields.append(t.field)
        for r in pf.ratios:
            fields += [r.right, r.left]
        if extra in ("initial_budget", "annual_budget", "executed", "rate", "total_score"):
            fields.append(extra)
        if not fields:
            fields = ["annual_budget", "executed", "total_score"]
        if "total_score" not in fields:
            fields.append("total_score")
        return list(dict.fromkeys(fields))

    def _zero_base_note(self, pf: ProjectFilter, a: Answer) -> str:
        notes = []
        for r in pf.ratios:
            if r.factor == 1.0:
                continue
            zero = self.tools.find_projects(pf.with_(
                ratios=(), thresholds=pf.thresholds + (Threshold(r.right, "=", 0.0), Threshold(r.left, ">", 0.0))))
            if zero:
                names = "、".join(f"{z.name}（{_LABELS[r.right]}0.00，{_LABELS[r.left]}{money(z.value(r.left))}，"
                                 f"{z.file}:{z.fund_line}）" for z in zero)
                for z in zero:
                    a.cite(z.name, z.file, z.fund_line or z.line)
                    a.figures.append(money(z.value(r.left)))
                notes.append(f"\n\n另有 {len(zero)} 个项目{_LABELS[r.right]}为0、无法计算倍数，未计入：{names}")
        return "".join(notes)

    def _empty(self, q: Query, a: Answer, scanned: int, scope: str, desc: str) -> Answer:
        closest = ""
        if q.ifilter and (q.ifilter.met is not None or q.ifilter.deducted is not None):
            loose = self.tools.find_indicators(q.pf, q.ifilter.with_(met=None, deducted=None, status=None))
            if loose:
                closest = f"不加完成情况条件时，共有 {len(loose)} 条相关指标，涉及 {len({r.project for r in loose})} 个项目。"
        a.text = prompts.render("answer_list_empty", scanned=f"{scope}{scanned}", description=desc, closest=closest)
        return a

    def _count(self, q: Query) -> Answer:
        a = Answer("", "count")
        scope_pf = self._scope_pf(q.pf)
        scanned = self.tools.project_count(scope_pf)
        scope = _scope(q.pf)
        pdesc = describe_project_filter(q.pf)
        if q.ifilter or q.subject == "indicators":
            f = q.ifilter or IndicatorFilter()
            desc = describe_indicator_filter(f) if q.ifilter else "指标"
            per_project = self.tools.count_indicators(q.pf, f)
            total_rows = sum(n for *_, n in per_project)
            if total_rows <= 60:
                a.tools.append("find_indicators")
                shown = self._indicator_table(self.tools.find_indicators(q.pf, f), a)
            else:
                # Counted in the database; the answer lists the count per project (every row is in the export).
                a.tools.append("count_indicators")
                shown = self._per_project(per_project, a)
            if q.subject == "indicators":
                count, unit = total_rows, "条"
                description = f"{desc}" + (f"（项目{pdesc}）" if pdesc else "")
            else:
                count, unit = len(per_project), "个"
                description = f"{desc}的项目" + (f"（且{pdesc}）" if pdesc else "")
                a.projects = [p for p, *_ in per_project]
            a.figures.append(str(count))
            a.text = prompts.render("answer_count", scanned=f"{scope}{scanned}", description=description,
                                    count=count, unit=unit, table=shown)
            return a
        a.tools.append("find_projects")
        rows = self.tools.find_projects(q.pf)
        a.projects = [r.name for r in rows]
        a.figures.append(str(len(rows)))
        if not pdesc:
            tbl = self._project_table(rows, self._fields_for(q.pf, q.field), a) if rows else ""
            a.text = f"{scope or '库中'}共有 **{len(rows)}** 个项目。\n\n{tbl}".rstrip()
            return a
        description = f"{pdesc}的项目"
        a.text = prompts.render("answer_count", scanned=f"{scope}{scanned}", description=description,
                                count=len(rows), unit="个",
                                table=self._project_table(rows, self._fields_for(q.pf, q.field), a) if rows else "")
        return a

    def _per_project(self, counts: list[tuple[str, str, int, int]], a: Answer) -> str:
        body = []
        for project, file, line, n in counts:
            body.append([project, n, f"{file}:{line}"])
            a.cite(project, file, line)
            a.figures.append(str(n))
            a.rows.append({"project": project, "count": n, "file": file, "line": line})
        return "按项目统计：\n\n" + table(["项目", "条数", "来源"], body)

    def _one_project(self, q: Query) -> Project | None:
        """The one form a question names. Several names raise ``SeveralNamed`` (the user is asked which);
        several forms of one name (towns, years) raise ``Ambiguous``."""
        if len(q.pf.projects) > 1:
            raise SeveralNamed(q.pf.projects)
        if not q.pf.projects:
            return None
        rows = self.tools.find_projects(ProjectFilter(projects=q.pf.projects, departments=q.pf.departments,
                                                      year=q.pf.year))
        if len(rows) > 1:
            raise Ambiguous(rows)
        if not rows:
            return None
        return self.tools.project_form(rows[0].name, rows[0].file, rows[0].line)

    def _lookup(self, q: Query) -> Answer:
        a = Answer("", "lookup", tools=["project_form"])
        p = self._one_project(q)
        if p is None:
            return self._not_found(q, a)
        if q.field in ("target", "actual", "weight", "score", "reason") and p.indicators:
            names = self.understander.match_indicator(p.name, q.indicator_words or q.text)
            if not names and q.ifilter:
                # 「献血补助专项经费的满意度是多少」: the category names the rows.
                names = [r.name for r in self.tools.find_indicators(q.pf, q.ifilter)]
            if names:
                return self._indicator_answer(p, names, a)
            if q.field == "score":
                return self._project_field(p, "total_score", a)
            a.text = prompts.render("answer_not_found", what=f"{p.name}中与问题对应的指标",
                                    closest="该项目的指标有：" + "、".join(i.name for i in p.indicators))
            return a
        return self._project_field(p, q.field or "total_score", a)

    def _project_field(self, p: Project, field: str, a: Answer) -> Answer:
        f = p.funds.get("total")
        if field in FUND_FIELDS:
            value = getattr(f, field) if f else None
            line = f.line if f else p.line
            unit = " 万元" if field != "rate" else "%"
            text_value = money(value) + unit
            a.figures.append(money(value))
        elif field == "total_score":
            value, line, text_value = p.total_score, p.total_line, score(p.total_score) + " 分"
            a.figures.append(score(p.total_score))
            text_value += f"，评分等级为「{p.grade}」"
        elif field == "grade":
            value, line, text_value = p.grade, p.end_line, f"「{p.grade}」（总分 {score(p.total_score)} 分）"
            a.figures.append(score(p.total_score))
        elif field == "unit":
            value, line, text_value = p.unit, p.line, p.unit
        else:
            value, line, text_value = p.department, p.line, p.department
        a.cite(p.name, p.file, line)
        a.rows.append({"project": p.name, "field": field, "value": value, "file": p.file, "line": line})
        a.text = prompts.render("answer_lookup", project=p.name, label=_LABELS.get(field, field), value=text_value,
                                source=source(p.file, line))
        return a

    def _indicator_answer(self, p: Project, names: list[str], a: Answer) -> Answer:
        parts = []
        for ind in p.indicators:
            if ind.name not in names:
                continue
            verdict = {True: "，已达到年度指标值", False: "，未达到年度指标值", None: ""}[ind.met]
            reason = f"偏差原因分析及改进措施：{ind.reason}" if ind.reason else ""
            parts.append(prompts.render("answer_indicator", project=p.name, name=ind.name, target=ind.target.raw,
                                        actual=ind.actual.raw, weight=score(ind.weight), score=score(ind.score),
                                        verdict=verdict, source=source(p.file, ind.line), reason=reason))
            a.cite(p.name, p.file, ind.line)
            a.figures += [ind.target.raw, ind.actual.raw, score(ind.weight), score(ind.score)]
            if ind.actual.value is not None:
                a.figures.append(format_number(Decimal(str(ind.actual.value))))
            if ind.target.value is not None:
                a.figures.append(format_number(Decimal(str(ind.target.value))))
            a.rows.append({"project": p.name, "indicator": ind.name, "target": ind.target.raw,
                           "actual": ind.actual.raw, "weight": ind.weight, "score": ind.score, "reason": ind.reason,
                           "file": p.file, "line": ind.line})
        a.text = "\n\n".join(parts)
        return a

    def _not_found(self, q: Query, a: Answer) -> Answer:
        closest = ""
        if self.searcher is not None:
            hits = self.searcher.search(q.text, k=3)
            names = list(dict.fromkeys(h.chunk.project for h in hits))
            if names:
                closest = "最接近的项目：" + "、".join(names) + "。"
        a.text = prompts.render("answer_not_found", what="问题中提到的项目", closest=closest)
        return a

    def _aggregate(self, q: Query) -> Answer:
        a = Answer("", "aggregate", tools=["aggregate", "calculator"])
        agg = self.tools.aggregate(q.field, q.op, q.pf)
        scope = _scope(q.pf) or "全部"
        pdesc = describe_project_filter(q.pf)
        if agg.value is None:
            a.text = prompts.render("answer_not_found", what=f"{scope}符合条件的项目", closest="")
            return a
        text_value = money(float(agg.value)) if q.field != "total_score" else format_number(agg.value)
        a.figures.append(text_value)
        shown_expr = agg.expression
        a.text = prompts.render("answer_aggregate", scope=scope + (f"（{pdesc}）" if pdesc else ""),
                                count=len(agg.rows), label=_LABELS[q.field],
                                op_word="合计" if q.op == "sum" else "平均", value=text_value,
                                unit=UNITS[q.field], expression=shown_expr,
                                table=self._project_table(list(agg.rows), [q.field], a))
        a.projects = []
        return a

    def _rank(self, q: Query) -> Answer:
        a = Answer("", "rank", tools=["rank"])
        scanned = self.tools.project_count(q.pf)
        scope = _scope(q.pf)
        descending = q.op == "max"
        word = ("最高" if q.field in ("total_score", "rate") else "最大") if descending else (
            "最低" if q.field in ("total_score", "rate") else "最小")
        if q.limit:
            rows = self.tools.rank(q.field, q.pf, descending, q.limit)
            winners = f"以下 {len(rows)} 个"
        else:
            agg = self.tools.aggregate(q.field, q.op, q.pf)
            rows = list(agg.rows)
            if len(rows) > 3:
                value = figure(q.field, rows[0].value(q.field)) + UNITS[q.field]
                winners = f"以下 {len(rows)} 个并列（均为 {value}）"
                a.figures.append(figure(q.field, rows[0].value(q.field)))
            else:
                winners = "、".join(f"**{r.name}**（{figure(q.field, r.value(q.field))}{UNITS[q.field]}）" for r in rows)
        if not rows:
            a.text = prompts.render("answer_not_found", what="符合条件的项目", closest="")
            return a
        a.projects = [r.name for r in rows]
        a.text = prompts.render("answer_rank", scope=scope, scanned=scanned, label=_LABELS[q.field], op_word=word,
                                winners=winners, table=self._project_table(rows, [q.field], a))
        return a

    def _calc(self, q: Query) -> Answer:
        a = Answer("", "calc", tools=["project_form", "calculator"])
        if q.op == "share":
            return self._share(q, a)
        if not q.pf.projects:
            return self._calc_total(q, a)
        p = self._one_project(q)
        f = p.funds.get("total") if p else None
        if p is None or f is None:
            return self._not_found(q, a)
        v1, v2 = getattr(f, q.field), getattr(f, q.field2)
        if v1 is None or v2 is None:
            a.text = prompts.render("answer_not_found", what=f"{p.name}的{_LABELS[q.field]}或{_LABELS[q.field2]}",
                                    closest="")
            return a
        if q.op == "growth":
            if v2 == 0:
                a.text = (f"{p.name}{_LABELS[q.field2]}为 0.00 万元，无法计算增长率"
                          f"（{_LABELS[q.field]} {money(v1)} 万元；{source(p.file, f.line)}）。")
                a.cite(p.name, p.file, f.line)
                return a
            expression = f"growth({money(v1)}, {money(v2)})"
            result = calculate(expression)
            word = "增长" if result.value >= 0 else "下降"
            result_text = f"{format_number(abs(result.value))}%"
            op_word = f"{word}"
        else:
            expression = f"{money(v1)} - {money(v2)}"
            result = calculate(expression)
            word = "增加" if result.value >= 0 else "减少"
            result_text = f"{format_number(abs(result.value))} 万元"
            op_word = f"{word}了"
        a.figures += [money(v1), money(v2), format_number(abs(result.value)), format_number(result.value)]
        a.cite(p.name, p.file, f.line)
        a.rows.append({"project": p.name, q.field: v1, q.field2: v2, "result": str(result.value),
                       "expression": expression, "file": p.file, "line": f.line})
        a.text = prompts.render("answer_calc", project=p.name, label1=_LABELS[q.field], value1=money(v1),
                                label2=_LABELS[q.field2], value2=money(v2), unit="万元", op_word=op_word,
                                result=result_text, expression=expression, sources=source(p.file, f.line))
        return a

    def _calc_total(self, q: Query, a: Answer) -> Answer:
        s1 = self.tools.aggregate(q.field, "sum", q.pf)
        s2 = self.tools.aggregate(q.field2, "sum", q.pf)
        if s1.value is None or s2.value is None:
            return self._not_found(q, a)
        v1, v2 = float(s1.value), float(s2.value)
        scope = _scope(q.pf) or "全部项目"
        if q.op == "growth":
            expression = f"growth({money(v1)}, {money(v2)})"
            result = calculate(expression)
            result_text, op_word = f"{format_number(abs(result.value))}%", "增长" if result.value >= 0 else "下降"
        else:
            expression = f"{money(v1)} - {money(v2)}"
            result = calculate(expression)
            result_text, op_word = f"{format_number(abs(result.value))} 万元", "增加了" if result.value >= 0 else "减少了"
        a.figures += [money(v1), money(v2), format_number(abs(result.value))]
        table_ = self._project_table(list(s1.rows), [q.field2, q.field], a)
        a.text = prompts.render("answer_calc", project=f"{scope}（{len(s1.rows)}个项目）{_LABELS[q.field]}合计与",
                                label1="", value1=money(v1), label2=f"{_LABELS[q.field2]}合计", value2=money(v2),
                                unit="万元", op_word=op_word, result=result_text, expression=expression,
                                sources=table_)
        return a

    def _share(self, q: Query, a: Answer) -> Answer:
        field = q.field if q.field in FUND_FIELDS and q.field != "rate" else "executed"
        whole_pf = ProjectFilter(offices=q.pf.offices if q.pf.projects else (), year=q.pf.year)
        part_pf = q.pf.with_(offices=()) if q.pf.projects else q.pf
        whole = self.tools.aggregate(field, "sum", whole_pf)
        part = self.tools.aggregate(field, "sum", part_pf)
        if whole.value in (None, Decimal(0)) or part.value is None:
            return self._not_found(q, a)
        expression = f"pct({money(float(part.value))}, {money(float(whole.value))})"
        result = calculate(expression)
        who = "、".join(q.pf.projects) or _scope(q.pf)
        of = _scope(whole_pf) or "全部项目"
        a.figures += [money(float(part.value)), money(float(whole.value)), format_number(result.value)]
        table_ = self._project_table(list(part.rows), [field], a)
        a.text = (f"{who}的{_LABELS[field]}为 {money(float(part.value))} 万元，{of}（{len(whole.rows)}个项目）"
                  f"{_LABELS[field]}合计 {money(float(whole.value))} 万元，占比 **{result.text}%**"
                  f"（计算：{expression}）。\n\n{table_}")
        a.tools = ["aggregate", "calculator"]
        return a

    def _reason(self, q: Query) -> Answer:
        a = Answer("", "reason", tools=["find_indicators"])
        if q.pf.projects:
            p = self._one_project(q)
            names = self.understander.match_indicator(p.name, q.indicator_words or q.text)
            if names:
                rows = self.tools.find_indicators(q.pf, IndicatorFilter(names=tuple(names)))
            else:
                rows = [r for r in self.tools.find_indicators(q.pf) if r.deducted or r.met is False]
            rows = [r for r in rows if (r.file, r.project_line) == (p.file, p.line)]  # this form, not its namesakes
            scope = p.name
        else:
            base = q.ifilter or IndicatorFilter()
            rows = [r for r in self.tools.find_indicators(q.pf, base) if r.deducted or r.met is False]
            scope = _scope(q.pf) + ("的" + describe_indicator_filter(base) if q.ifilter else "全部项目")
        if not rows:
            a.text = prompts.render("answer_not_found", what=f"{scope}中扣分或未达标的指标", closest="")
            return a
        bad = [r for r in rows if r.deducted or r.met is False or r.reason]
        if not bad:
            a.text = prompts.render("answer_reason_none", scope=scope, table=self._indicator_table(rows, a))
            return a
        items = []
        for r in bad:
            reason = r.reason or "（表中未填写偏差原因分析及改进措施）"
            items.append(f"- **{r.project}**「{r.name}」：年度指标值 {r.target}，实际完成值 {r.actual}，"
                         f"分值 {score(r.weight)}，得分 {score(r.score)}（{source(r.file, r.line)}）\n  "
                         f"偏差原因分析及改进措施：{reason}")
            a.cite(r.project, r.file, r.line)
            a.figures += [r.target, r.actual, score(r.weight), score(r.score)]
            a.rows.append(r.as_dict())
        a.text = prompts.render("answer_reason", scope=scope, count=len(bad), items="\n".join(items))
        return a

    def _goal(self, q: Query) -> Answer:
        a = Answer("", "goal", tools=["project_form"])
        p = self._one_project(q)
        if p is None:
            return self._not_found(q, a)
        a.cite(p.name, p.file, p.line)
        a.rows.append({"project": p.name, "goal": p.goal, "achieved": p.achieved, "file": p.file, "line": p.line})
        a.text = prompts.render("answer_goal", project=p.name, goal=p.goal, achieved=p.achieved,
                                source=source(p.file, p.line))
        return a

    def _form(self, q: Query) -> Answer:
        a = Answer("", "form", tools=["project_form"])
        p = self._one_project(q)
        if p is None:
            return self._not_found(q, a)
        f = p.funds.get("total")
        funds = (f"年初预算数 {money(f.initial_budget)}，全年预算数 {money(f.annual_budget)}，全年执行数 "
                 f"{money(f.executed)}，执行率 {money(f.rate)}%（{source(p.file, f.line)}）") if f else "-"
        if f:
            a.figures += [money(f.initial_budget), money(f.annual_budget), money(f.executed), money(f.rate)]
        a.figures.append(score(p.total_score))
        rows = [r for r in self.tools.find_indicators(ProjectFilter(projects=(p.name,)))
                if (r.file, r.project_line) == (p.file, p.line)]
        a.cite(p.name, p.file, p.line)
        a.text = prompts.render("answer_form", project=p.name, office=p.office or "-", unit=p.unit, year=p.year,
                                funds=funds, goal=p.goal, achieved=p.achieved, total=score(p.total_score),
                                grade=p.grade, table=self._indicator_table(rows, a), source=source(p.file, p.line))
        return a
