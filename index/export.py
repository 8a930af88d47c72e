"""Records as plain JSON-ready dicts (the `records --json` and `audit --json` contracts)."""
from __future__ import annotations

from .audit import KINDS, SEVERITY_LABELS
from .records import FUND_KINDS, Problem, Project


def project_dict(p: Project) -> dict:
    funds = {}
    for kind in FUND_KINDS:
        f = p.funds.get(kind)
        funds[kind] = None if f is None else {
            "initial_budget": f.initial_budget,
            "annual_budget": f.annual_budget,
            "executed": f.executed,
            "weight": f.weight,
            "rate": f.rate,
            "score": f.score,
        }
    return {
        "project": p.name,
        "department": p.department,
        "unit": p.unit,
        "year": p.year,
        "source": {"file": p.file, "line": p.line},
        "funds": funds,
        "goal": p.goal,
        "achieved": p.achieved,
        "total_weight": p.total_weight,
        "total_score": p.total_score,
        "grade": p.grade,
        "indicators": [
            {
                "level1": i.level1,
                "level2": i.level2,
                "name": i.name,
                "target": i.target.raw,
                "actual": i.actual.raw,
                "weight": i.weight,
                "score": i.score,
                "reason": i.reason,
                "met": i.met,
                "deducted": i.deducted,
                "line": i.line,
            }
            for i in p.indicators
        ],
    }


def finding_dict(f: Problem) -> dict:
    return {
        "file": f.file,
        "line": f.line,
        "project": f.project,
        "severity": f.severity,
        "code": f.code,
        "kind": KINDS.get(f.code, f.code),
        "message": f.message,
    }


def finding_line(f: Problem, where: str | None = None) -> str:
    """One finding per line; ``where`` names its row (default 「file:line」, as for text files)."""
    where = where or f"{f.file}:{f.line}"
    project = f"【{f.project}】" if f.project else ""
    return f"[{SEVERITY_LABELS.get(f.severity, f.severity)}] {where} {project}{f.message}"
