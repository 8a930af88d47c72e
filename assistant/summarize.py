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
from .formatting import money, score
from .filters import ProjectFilter
from .understand import normalize

ALL_WORDS = ("全部", "全镇", "所有", "全部项目", "全镇项目", "整体", "总体")


class SummaryTargetError(ValueError):
    """The target names nothing, or several projects; the message (Chinese) says which."""


@dataclass
class Summary:
    target: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

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


def _reason_measure(reason: str) -> str:
    """The improvement part of a 偏差原因分析及改进措施 cell (after 后续/下一步/将…), else the whole cell."""
    m = re.search(r"(后续|后期|下一步|今后|未来|下阶段|接下来|将进一步|将继续|进一步)[^。]*", reason)
    return (m.group(0) if m else reason).strip("，。； ")


class Summarizer:
    def __init__(self, assistant):
        self.a = assistant
        self.tools = assistant.tools

    def resolve(self, target: str) -> tuple[str, list[str]]:
        """("project" | "office" | "all", names) for a target such as a project name, 社发办 or 全部."""
        t = normalize(target).strip("「」")
        if not t or t in ALL_WORDS:
            return "all", []
        names = self.tools.project_names()
        if t in names:
            return "project", [t]
        offices = [o for o in self.tools.offices() if o]
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
            rows = self.tools.find_projects(ProjectFilter(projects=(names[0],)))
            if len(rows) > 1:
                raise SummaryTargetError(
                    f"库中有 {len(rows)} 张名为「{names[0]}」的自评表：" + "；".join(
                        f"{r.department}{r.year}年度（{r.file}）" for r in rows) + "。请选择科室或「全部」，或分别导入。")
            return self._project(self.tools.project_form(rows[0].name, rows[0].file, rows[0].line))
        pf = ProjectFilter(offices=tuple(names))
        return self._group(names[0] if names else "全镇", pf)

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
        measures = [_reason_measure(i.reason) for i in deducted if i.reason]
        measures_text = ("下一步改进措施：" + "；".join(dict.fromkeys(measures)) + "。") if measures else \
            "各项指标均已完成，表中未提出改进措施。"
        total_mark = notes.mark(p.name, p.file, p.total_line)
        grade_mark = notes.mark(p.name, p.file, p.end_line)
        figures.append(score(p.total_score))
        text = prompts.render(
            "summary_project", name=p.name, unit=p.unit, year=p.year or "", funds=funds,
            goal=p.goal.rstrip("。"), achieved=p.achieved.rstrip("。"), count=len(inds), full=full,
            indicators=indicators, satisfaction=satisfaction, total=score(p.total_score) + " 分" + total_mark,
            grade=f"「{p.grade}」{grade_mark}", measures=measures_text, sources=notes.render())
        return Summary(p.name, text, notes.items, figures)

    # -- an office or the town --------------------------------------------------------------------------------

    def _group(self, scope: str, pf: ProjectFilter) -> Summary:
        rows = self.tools.find_projects(pf)
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
        figures += [format_number(avg)] + ([f"{float(rate.value):.2f}"] if rate else [])
        grades = Counter(r.grade for r in rows)
        grade_text = "、".join(f"「{g}」{grades[g]} 个" for g in ("优", "良", "中", "差") if grades.get(g))
        figures += [str(n) for n in grades.values()]
        lowest = min(rows, key=lambda r: (r.total_score if r.total_score is not None else 999, r.name))
        low_mark = notes.mark(lowest.name, lowest.file, lowest.total_line)
        figures.append(score(lowest.total_score))
        inds = self.tools.find_indicators(pf)
        deducted = [i for i in inds if i.deducted]
        by_cat = Counter(i.level2 for i in deducted)
        cats = "、".join(f"{c} {n} 条" for c, n in by_cat.most_common(4))
        sat_missed = sorted({i.project for i in inds if (i.level1 == "满意度指标" or "满意度" in i.name)
                             and i.met is False})
        figures += [str(len(deducted)), str(len({i.project for i in deducted})), str(len(sat_missed))]
        figures += [str(n) for n in by_cat.values()]
        worst = sorted(deducted, key=lambda i: (i.score - i.weight, i.project))[:3]
        examples = []
        for i in worst:
            lost = calculate(f"{score(i.weight)} - {score(i.score)}").text
            figures.append(lost)
            examples.append(f"{i.project}「{i.name}」扣 {lost} 分{notes.mark(i.project, i.file, i.line)}"
                            + (f"（{i.reason.rstrip('。')}）" if i.reason else ""))
        measures = Counter(_reason_measure(i.reason) for i in deducted if i.reason)
        measure_text = "；".join(m for m, _ in measures.most_common(3))
        table_rows = []
        for r in rows:
            table_rows.append(f"| {r.name} | {money(r.annual_budget)} | {money(r.executed)} | {score(r.total_score)} | "
                              f"{r.grade} | {r.file}:{r.fund_line or r.line} |")
        detail = ("| 项目 | 全年预算数(万元) | 全年执行数(万元) | 总分 | 评分等级 | 来源 |\n|---|---|---|---|---|---|\n"
                  + "\n".join(table_rows))
        text = prompts.render(
            "summary_group", scope=scope, count=len(rows), initial=money(float(sums["initial_budget"])),
            annual=money(float(sums["annual_budget"])), executed=money(float(sums["executed"])),
            rate=f"{float(rate.value):.2f}%" if rate else "-", average=format_number(avg), grades=grade_text,
            lowest=f"{lowest.name}（{score(lowest.total_score)} 分{low_mark}，评分等级「{lowest.grade}」）",
            deducted=len(deducted), deducted_projects=len({i.project for i in deducted}), categories=cats or "无",
            satisfaction=len(sat_missed), examples="；".join(examples) or "无", measures=measure_text or "表中未提出",
            sources=notes.render(), detail=detail)
        cites = notes.items + [Citation(r.name, r.file, r.fund_line or r.line) for r in rows]
        return Summary(scope, text, cites, figures)
