"""Drafting 绩效自评报告 paragraphs for a project, an office (科室) or the whole town.

Every figure is taken from the records or computed by the calculator, and carries a footnote to its source line.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from index.records import Project

from . import prompts
from .answer import Citation
from .calculator import calculate, format_number, total
from .formatting import fixed2, money, score
from .understand import normalize

ALL_WORDS = ("全部", "全镇", "所有", "全部项目", "全镇项目", "整体", "总体")
# Where a 偏差原因分析及改进措施 cell turns from the reason to the measure.
_MEASURE_CUE = re.compile(r"(后续|后期|下一步|今后|未来|下阶段|接下来|将进一步|将继续|进一步|将加强|将持续|将提升|拟)[^。]*")
# A reason quoted in a text about many projects must not say 「本项目」: the project is named just before it.
_THIS_PROJECT = re.compile(r"本项目|此项目")
MAX_NAMED = 10  # projects named for one tied indicator; beyond that the count is given


class SummaryTargetError(ValueError):
    """The target names nothing, or several projects; the message (Chinese) says which."""


@dataclass(frozen=True)
class AppendixRow:
    """One row of a draft's source table: the cells shown, and the line they were read from."""

    cells: tuple[str, ...]
    file: str
    line: int


@dataclass
class Summary:
    target: str
    text: str  # the draft with [n] notes, its source list and (for a group) its detail table, as markdown
    citations: list[Citation] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    body: str = ""  # the paragraphs alone, with [n] markers
    notes: list[Citation] = field(default_factory=list)  # what [1], [2] … refer to, in order
    appendix_headers: list[str] = field(default_factory=list)
    appendix: list[AppendixRow] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"target": self.target, "text": self.text, "citations": [c.as_dict() for c in self.citations]}


class _Notes:
    """Footnotes: each distinct source line gets a number, written after the figure it supports."""

    def __init__(self):
        self.items: list[Citation] = []

    def mark(self, project: str, file: str, line: int) -> str:
        c = Citation(project, file, line)
        if c not in self.items:
            self.items.append(c)
        return f"[{self.items.index(c) + 1}]"

    def render(self) -> str:
        return "\n".join(f"[{n}] {c.project}：{c.file} 第{c.line}行" for n, c in enumerate(self.items, 1))


def measure_of(reason: str) -> str:
    """The improvement measure in a 偏差原因分析及改进措施 cell (from 后续/下一步/将进一步 …); "" when it only
    gives a reason — a reason is never passed off as a measure."""
    m = _MEASURE_CUE.search(reason)
    return m.group(0).strip("，。；、 ") if m else ""


def reason_of(cell: str) -> str:
    """The reason part of a 偏差原因分析及改进措施 cell: what comes before its measure."""
    m = _MEASURE_CUE.search(cell)
    return (cell[:m.start()] if m else cell).strip("，。；、 ")


def _finish(target: str, body: str, notes: _Notes, figures: list[str], headers: list[str],
            appendix: list[AppendixRow]) -> Summary:
    """The summary with its markdown rendering (notes and detail table) for the chat and the command line."""
    detail = ""
    if appendix:
        head = "| " + " | ".join(headers + ["来源"]) + " |\n|" + "---|" * (len(headers) + 1)
        detail = head + "\n" + "\n".join("| " + " | ".join(list(r.cells) + [f"{r.file}:{r.line}"]) + " |"
                                         for r in appendix)
    text = body + "\n\n" + prompts.render("summary_sources", sources=notes.render(), detail=detail)
    return Summary(target, text.rstrip(), list(notes.items), figures, body, list(notes.items), headers, appendix)


class Summarizer:
    def __init__(self, assistant):
        self.a = assistant

    def resolve(self, target: str) -> tuple[str, list[str]]:
        """("project" | "office" | "all", names) for a target such as a project name, 社发办 or 全部."""
        t = normalize(target).strip("「」")
        if not t or t in ALL_WORDS:
            return "all", []
        names = list(self.a.vocab.projects)
        if t in names:
            return "project", [t]
        offices = [o for o in self.a.vocab.offices if o]
        if t in offices:
            return "office", [t]
        projects, ambiguous = self.a.understander.mentioned_projects(t)
        if projects and not ambiguous:
            return "project", projects[:1]
        if ambiguous:
            raise SummaryTargetError(f"「{target}」可能指以下项目，请指明是哪一个：" + "、".join(projects))
        found = self.a.understander.mentioned_offices(t)
        if len(found) == 1:
            return "office", found
        if any(w in t for w in ALL_WORDS):
            return "all", []
        raise SummaryTargetError(f"没有找到「{target}」：请给出项目名称、科室（如 社发办）或「全部」")

    def summarize(self, target: str) -> Summary:
        kind, names = self.resolve(target)
        if kind == "project":
            rows = self.a.project_rows(projects=(names[0],))
            if len(rows) > 1:
                raise SummaryTargetError(
                    f"库中有 {len(rows)} 张名为「{names[0]}」的自评表：" + "；".join(
                        f"{r.department}{r.year}年度（{r.file}）" for r in rows) + "。请选择科室或「全部」，或分别导入。")
            return self._project(self.a.project_form(rows[0].name, rows[0].file, rows[0].line))
        return self._group(names[0] if names else "全镇", tuple(names))

    # -- one project ------------------------------------------------------------------------------------------

    def _project(self, p: Project) -> Summary:
        notes = _Notes()
        figures: list[str] = []
        f = p.funds.get("total")
        if f:
            m = notes.mark(p.name, p.file, f.line)
            funds = (f"年初预算数 {money(f.initial_budget)} 万元，全年预算数 {money(f.annual_budget)} 万元，"
                     f"全年执行数 {money(f.executed)} 万元，执行率 {money(f.rate)}%{m}")
            figures += [money(f.initial_budget), money(f.annual_budget), money(f.executed), money(f.rate)]
            if f.initial_budget and f.annual_budget and f.initial_budget != f.annual_budget:
                change = calculate(f"{money(f.annual_budget)} - {money(f.initial_budget)}")
                word = "调增" if change.value > 0 else "调减"
                funds += f"；全年预算较年初{word} {format_number(abs(change.value))} 万元"
                figures.append(format_number(abs(change.value)))
        else:
            funds = "表中没有资金数据"
        inds = p.indicators
        full = sum(1 for i in inds if not i.deducted)
        deducted = [i for i in inds if i.deducted]
        figures += [str(len(inds)), str(full), str(len(deducted))]
        if deducted:
            parts = []
            for i in deducted:
                lost = calculate(f"{score(i.weight)} - {score(i.score)}").text
                figures += [i.target.raw, i.actual.raw, lost]
                reason = f"，{i.reason.rstrip('。')}" if i.reason else "，表中未说明原因"
                parts.append(f"「{i.name}」（年度指标值 {i.target.raw}，实际完成值 {i.actual.raw}，扣 {lost} 分"
                             f"{notes.mark(p.name, p.file, i.line)}{reason}）")
            indicators = f"其余 {len(deducted)} 项扣分：" + "；".join(parts) + "。"
        else:
            indicators = "全部得满分。"
        sat = [i for i in inds if i.level1 == "满意度指标" or "满意度" in i.name]
        if sat:
            bits = []
            for i in sat:
                state = {True: "达到目标", False: "未达到目标", None: "无法按数值判断"}[i.met]
                bits.append(f"「{i.name}」年度指标值 {i.target.raw}，实际完成值 {i.actual.raw}，{state}"
                            f"{notes.mark(p.name, p.file, i.line)}")
                figures += [i.target.raw, i.actual.raw]
            satisfaction = "满意度方面，" + "；".join(bits) + "。"
        else:
            satisfaction = "该项目未设满意度指标。"
        measures = [m for m in (measure_of(i.reason) for i in deducted) if m]
        if measures:
            measures_text = "下一步改进措施：" + "；".join(dict.fromkeys(measures)) + "。"
        elif deducted:
            measures_text = "扣分指标的偏差原因分析中未提出具体改进措施。"
        else:
            measures_text = "各项指标均得满分，表中未提出改进措施。"
        total_mark = notes.mark(p.name, p.file, p.total_line)
        grade_mark = notes.mark(p.name, p.file, p.end_line)
        figures.append(score(p.total_score))
        body = prompts.render(
            "summary_project", name=p.name, unit=p.unit, year=p.year or "", funds=funds,
            goal=p.goal.rstrip("。"), achieved=p.achieved.rstrip("。"), count=len(inds), full=full,
            indicators=indicators, satisfaction=satisfaction, total=score(p.total_score) + " 分" + total_mark,
            grade=f"「{p.grade}」{grade_mark}", measures=measures_text)
        headers = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]
        appendix = [AppendixRow((i.name, i.target.raw, i.actual.raw, score(i.weight), score(i.score)), p.file, i.line)
                    for i in inds]
        return _finish(p.name, body, notes, figures, headers, appendix)

    # -- an office or the town --------------------------------------------------------------------------------

    def _group(self, scope: str, offices: tuple[str, ...]) -> Summary:
        rows = self.a.project_rows(offices=offices)
        if not rows:
            raise SummaryTargetError(f"{scope}没有项目")
        notes = _Notes()
        figures: list[str] = [str(len(rows))]
        sums = {}
        for key in ("initial_budget", "annual_budget", "executed"):
            sums[key] = total([money(r.value(key)) for r in rows if r.value(key) is not None]).value
            figures.append(money(float(sums[key])))
        rate = calculate(f"pct({money(float(sums['executed']))}, {money(float(sums['annual_budget']))})") \
            if sums["annual_budget"] else None
        avg = total([score(r.total_score) for r in rows if r.total_score is not None], "avg").value
        figures += [format_number(avg)] + ([fixed2(rate.value)] if rate else [])
        grades = Counter(r.grade for r in rows)
        grade_text = "、".join(f"「{g}」{grades[g]} 个" for g in ("优", "良", "中", "差") if grades.get(g))
        figures += [str(n) for n in grades.values()]
        scored = [r for r in rows if r.total_score is not None]
        low = min(r.total_score for r in scored) if scored else None
        lowest_rows = sorted((r for r in scored if r.total_score == low), key=lambda r: r.name)
        figures.append(score(low))
        if not lowest_rows:
            lowest = "（各表均无总分）"
        elif len(lowest_rows) == 1:
            r = lowest_rows[0]
            lowest = f"{r.name}（{score(low)} 分{notes.mark(r.name, r.file, r.total_line)}，评分等级「{r.grade}」）"
        else:  # a tie: every project sharing the lowest score is named
            names = "、".join(f"{r.name}{notes.mark(r.name, r.file, r.total_line)}" for r in lowest_rows)
            lowest = f"{names}（均为 {score(low)} 分）"
        inds = self.a.indicator_rows(offices=offices)
        deducted = [i for i in inds if i.deducted]
        by_cat = Counter(i.level2 for i in deducted)
        cats = "、".join(f"{c} {n} 条" for c, n in by_cat.most_common(4))
        sat_missed = sorted({i.project for i in inds if (i.level1 == "满意度指标" or "满意度" in i.name)
                             and i.met is False})
        figures += [str(len(deducted)), str(len({i.project for i in deducted})), str(len(sat_missed))]
        figures += [str(n) for n in by_cat.values()]
        examples, most = self._most_deducted(deducted, notes, figures)
        measures: dict[str, list[str]] = {}  # by project, the projects that lost most first
        for i in sorted(deducted, key=lambda i: (i.score - i.weight, i.project)):
            m = _THIS_PROJECT.sub("该项目", measure_of(i.reason))
            if m and m not in measures.setdefault(i.project, []):
                measures[i.project].append(m)
        measure_text = "".join(f"{p}提出：{'；'.join(ms)}。" for p, ms in
                               [(p, ms) for p, ms in measures.items() if ms][:5])
        body = prompts.render(
            "summary_group", scope=scope, count=len(rows), initial=money(float(sums["initial_budget"])),
            annual=money(float(sums["annual_budget"])), executed=money(float(sums["executed"])),
            rate=f"{fixed2(rate.value)}%" if rate else "-", average=format_number(avg), grades=grade_text,
            lowest=lowest, deducted=len(deducted), deducted_projects=len({i.project for i in deducted}),
            categories=cats or "无", satisfaction=len(sat_missed), most=most, examples=examples or "无",
            measures=measure_text or "扣分指标的偏差原因分析中未提出具体改进措施。")
        headers = ["项目", "全年预算数(万元)", "全年执行数(万元)", "总分", "评分等级"]
        appendix = [AppendixRow((r.name, money(r.annual_budget), money(r.executed), score(r.total_score), r.grade),
                                r.file, r.fund_line or r.line) for r in rows]
        return _finish(scope, body, notes, figures, headers, appendix)

    @staticmethod
    def _most_deducted(deducted, notes: _Notes, figures: list[str]) -> tuple[str, str]:
        """The indicators that lost the most points — all of them when several tie — each indicator named once
        with the projects it lost them in."""
        if not deducted:
            return "", "0"
        lost = {i: calculate(f"{score(i.weight)} - {score(i.score)}").value for i in deducted}
        top = max(lost.values())
        most = format_number(top)
        figures.append(most)
        groups: dict[str, list] = {}
        for i in sorted((i for i in deducted if lost[i] == top), key=lambda i: i.project):
            groups.setdefault(i.name, []).append(i)
        parts = []
        for name, items in groups.items():
            named = "、".join(f"{i.project}{notes.mark(i.project, i.file, i.line)}" for i in items[:MAX_NAMED])
            if len(items) > MAX_NAMED:
                named += f"等 {len(items)} 个项目"
                figures.append(str(len(items)))
            reasons = list(dict.fromkeys(_THIS_PROJECT.sub("该项目", reason_of(i.reason)) for i in items
                                         if reason_of(i.reason)))
            why = f"，偏差原因：{'；'.join(reasons[:3])}" if reasons else "，表中未说明原因"
            parts.append(f"「{name}」（{named}{why}）")
        return "；".join(parts), most
