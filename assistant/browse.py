"""The audit findings of the stored forms as a table (used by the web app's 审计 tab)."""
from __future__ import annotations

from dataclasses import dataclass

from index.audit import KINDS, SEVERITY_LABELS, audit
from index.records import Problem, Project
from index.store import Store

FINDING_COLUMNS = ["级别", "类别", "项目", "说明", "来源"]


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
