"""Tables for browsing the stored forms and the audit findings (used by the web app)."""
from __future__ import annotations

from dataclasses import dataclass

from index.audit import KINDS, SEVERITY_LABELS, audit
from index.records import Problem, Project
from index.store import Store

PROJECT_COLUMNS = ["项目名称", "科室", "实施单位", "年度", "年初预算数(万元)", "全年预算数(万元)", "全年执行数(万元)",
                   "执行率(%)", "指标数", "扣分指标数", "总分", "评分等级", "来源"]
FINDING_COLUMNS = ["级别", "类别", "项目", "说明", "来源"]


@dataclass(frozen=True)
class Overview:
    projects: list[Project]
    findings: list[Problem]  # parse problems first, then audit findings


def load_overview(store: Store) -> Overview:
    projects = store.projects()
    return Overview(projects, store.problems() + audit(projects))


GRADES = ("优", "良", "中", "差")


def _matches(p: Project, words: list[str]) -> bool:
    haystack = " ".join([p.name, p.unit, p.department, p.file] + [i.name for i in p.indicators])
    # A lone grade word means the grade, not any name that happens to contain it (良 in 良好).
    return all(p.grade == w if w in GRADES else w in haystack for w in words)


def project_rows(projects: list[Project], query: str = "") -> list[list]:
    """One row per project whose name, unit, grade or indicator names contain every word of ``query``."""
    words = query.split()
    rows = []
    for p in projects:
        if words and not _matches(p, words):
            continue
        f = p.funds.get("total")
        rows.append([
            p.name, p.office, p.unit, p.year,
            f.initial_budget if f else None, f.annual_budget if f else None, f.executed if f else None,
            f.rate if f else None,
            len(p.indicators), sum(1 for i in p.indicators if i.deducted),
            p.total_score, p.grade, f"{p.file}:{p.line}",
        ])
    return rows


def finding_rows(findings: list[Problem], query: str = "") -> list[list]:
    words = query.split()
    rows = []
    for f in findings:
        row = [SEVERITY_LABELS.get(f.severity, f.severity), KINDS.get(f.code, "解析问题"), f.project, f.message,
               f"{f.file}:{f.line}"]
        if all(any(w in str(c) for c in row) for w in words):
            rows.append(row)
    return rows
