"""Browsing the stored forms: the audit findings and the overview (charts and the lists they open).

Used by the web app's 审计 and 概览 tabs; every label or value shown is escaped here.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

from index.audit import KINDS, SEVERITY_LABELS, audit
from index.records import Problem, Project
from index.store import Store

from .formatting import money, score

FINDING_COLUMNS = ["级别", "类别", "项目", "说明", "来源"]
PROJECT_HEADERS = ["项目", "科室", "全年预算数(万元)", "全年执行数(万元)", "总分", "评分等级", "来源"]
INDICATOR_HEADERS = ["项目", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "来源"]
BANDS = ["80分以下", "80-89分", "90-94分", "95分及以上"]
ALL = "全部"
SEVERITY_CLASSES = {"错误": "bad", "警告": "part", "提示": "unknown"}


@dataclass(frozen=True)
class Overview:
    projects: list[Project]
    findings: list[Problem]  # parse problems first, then audit findings


def load_overview(store: Store) -> Overview:
    projects = store.projects()
    return Overview(projects, store.problems() + audit(projects))


def finding_rows(findings: list[Problem], query: str = "") -> list[list]:
    words = query.split()
    rows = []
    for f in findings:
        row = [SEVERITY_LABELS.get(f.severity, f.severity), KINDS.get(f.code, "解析问题"), f.project, f.message,
               f"{f.file}:{f.line}"]
        if all(any(w in str(c) for c in row) for w in words):
            rows.append(row)
    return rows


# -- overview ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown on the bar, with its unit


@dataclass(frozen=True)
class OverviewFilter:
    """What the 概览 list shows: all conditions set apply together (AND)."""

    office: str = ""
    band: str = ""
    category: str = ""

    @classmethod
    def of(cls, office: str | None, band: str | None, category: str | None) -> "OverviewFilter":
        clean = ["" if v in (None, ALL) else v for v in (office, band, category)]
        return cls(*clean)

    def described(self) -> str:
        parts = [f"{k}「{v}」" for k, v in (("科室", self.office), ("总分区间", self.band),
                                            ("扣分的二级指标", self.category)) if v]
        return " 且 ".join(parts)


def band_of(total_score: float | None) -> str:
    s = total_score or 0
    return BANDS[3] if s >= 95 else BANDS[2] if s >= 90 else BANDS[1] if s >= 80 else BANDS[0]


def _missed(i) -> bool:
    return bool(i.deducted or i.met is False)


def overview_data(assistant) -> dict:
    """Counts and chart bars: execution by office, the score distribution, deductions by indicator category."""
    rows = assistant.project_rows()
    by_office: dict[str, float] = {}
    for r in rows:
        by_office[r.office or "其他"] = by_office.get(r.office or "其他", 0.0) + (r.executed or 0.0)
    budget = [Bar(k, round(v, 2), f"{money(v)} 万元") for k, v in sorted(by_office.items(), key=lambda kv: -kv[1])]
    bands = Counter(band_of(r.total_score) for r in rows)
    scores = [Bar(b, bands.get(b, 0), f"{bands.get(b, 0)} 个") for b in BANDS]
    inds = assistant.indicator_rows()
    missed = Counter(i.level2 for i in inds if _missed(i))
    categories = [Bar(k, v, f"{v} 条") for k, v in missed.most_common()]
    return {"budget": budget, "scores": scores, "categories": categories, "projects": len(rows),
            "indicators": len(inds)}


def overview_rows(assistant, flt: OverviewFilter) -> tuple[list[str], list[list]]:
    """The list the filters open: projects matching every condition, or — with a 二级指标 chosen — the missed or
    deducted indicator rows of that category within those projects."""
    projects = [r for r in assistant.project_rows()
                if (not flt.office or (r.office or "其他") == flt.office)
                and (not flt.band or band_of(r.total_score) == flt.band)]
    if flt.category:
        keep = {(r.name, r.file) for r in projects}
        return INDICATOR_HEADERS, [
            [i.project, i.level2, i.name, i.target, i.actual, score(i.weight), score(i.score), f"{i.file}:{i.line}"]
            for i in assistant.indicator_rows()
            if i.level2 == flt.category and _missed(i) and (i.project, i.file) in keep]
    return PROJECT_HEADERS, [[r.name, r.office, money(r.annual_budget), money(r.executed), score(r.total_score),
                              r.grade, f"{r.file}:{r.fund_line or r.line}"] for r in projects]


def bar_chart_html(title: str, bars: list[Bar], kind: str, selected: str = "") -> str:
    """Horizontal bars, each a button (one click opens its list), with its value written on it.

    Lengths are linear, so the largest bar is full width; a bar too short to see keeps a sliver, and its
    value is always printed, so a dwarfed bar still reads right.
    """
    top = max((b.value for b in bars), default=0) or 1
    items = []
    for b in bars:
        pct = max(b.value / top * 100, 0.8)
        pressed = "true" if b.label == selected else "false"
        label = html.escape(b.label)
        items.append(
            f'<li><button type="button" class="jx-bar" data-kind="{kind}" data-value="{label}" '
            f'aria-pressed="{pressed}" aria-label="{label}：{html.escape(b.text)}，点击查看清单">'
            f'<span class="jx-bar-label">{label}</span><span class="jx-bar-track">'
            f'<span class="jx-bar-fill" style="width:{pct:.1f}%"></span></span>'
            f'<span class="jx-bar-value">{html.escape(b.text)}</span></button></li>')
    return (f'<figure class="jx-chart"><figcaption>{html.escape(title)}</figcaption>'
            f'<ul class="jx-bars">{"".join(items)}</ul></figure>')


def audit_rows(assistant, query: str = "") -> list[list]:
    return finding_rows(load_overview(assistant.store).findings, query)
