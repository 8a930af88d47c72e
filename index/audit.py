"""Consistency audit of parsed forms: the arithmetic every form must satisfy and the judgements worth a look."""
from __future__ import annotations

from .records import FUND_KINDS, STATUS_MET, Problem, Project

# Finding codes with their Chinese names, in the order they are reported.
KINDS: dict[str, str] = {
    "weight_sum": "分值合计不等于100",
    "score_sum": "得分合计与总分不符",
    "score_range": "得分超出0至分值范围",
    "rate": "执行率与执行数÷预算数不符",
    "grade": "评分等级与总分不符",
    "fund_sum": "资金来源合计与年度资金总额不符",
    "met_but_deducted": "实际完成值达到目标却扣分",
    "missed_full_score": "未达到目标却得满分",
    "status_met_deducted": "标注「达成指标」却扣分",
    "no_reason": "扣分但未填写偏差原因",
}
SEVERITY = {
    "weight_sum": "error", "score_sum": "error", "score_range": "error", "rate": "error", "grade": "error",
    "fund_sum": "error", "met_but_deducted": "warning", "missed_full_score": "warning",
    "status_met_deducted": "warning", "no_reason": "info",
}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
_EPS = 1e-6


def grade_for(score: float) -> str:
    """评分等级 by 总分: 优 ≥ 90, 良 80–89, 中 60–79, 差 < 60."""
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "中"
    return "差"


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def audit_project(p: Project) -> list[Problem]:
    """All findings for one form, each with the line it concerns."""
    out: list[Problem] = []

    def add(code: str, line: int, message: str) -> None:
        out.append(Problem(p.file, line, SEVERITY[code], code, message, project=p.name))

    total = p.funds.get("total")
    weights = sum(i.weight for i in p.indicators) + (total.weight or 0 if total else 0)
    scores = sum(i.score for i in p.indicators) + (total.score or 0 if total else 0)
    if abs(weights - 100) > _EPS or (p.total_weight is not None and abs(p.total_weight - 100) > _EPS):
        add("weight_sum", p.total_line,
            f"指标分值与资金分数合计为 {_fmt(weights)}，总分栏分值为 {_fmt(p.total_weight)}，应为 100")
    if p.total_score is not None and abs(scores - p.total_score) > _EPS:
        add("score_sum", p.total_line, f"各项得分合计为 {_fmt(scores)}，而总分为 {_fmt(p.total_score)}")
    for i in p.indicators:
        if i.score < -_EPS or i.score > i.weight + _EPS:
            add("score_range", i.line, f"「{i.name}」得分 {_fmt(i.score)} 超出 0 至分值 {_fmt(i.weight)} 的范围")
    for f in p.funds.values():
        if f.rate is None or f.executed is None or f.annual_budget is None:
            continue
        expected = round(f.executed / f.annual_budget * 100, 2) if f.annual_budget else 0.0
        if abs(f.rate - expected) > 0.01 + _EPS:
            add("rate", f.line, f"「{FUND_KINDS[f.kind]}」执行率填报 {_fmt(f.rate)}%，"
                f"按全年执行数 {_fmt(f.executed)} ÷ 全年预算数 {_fmt(f.annual_budget)} 应为 {_fmt(expected)}%")
    if p.total_score is not None and p.grade and grade_for(p.total_score) != p.grade:
        add("grade", p.end_line, f"总分 {_fmt(p.total_score)} 对应等级应为「{grade_for(p.total_score)}」，表中为「{p.grade}」")
    if total and all(k in p.funds for k in FUND_KINDS):
        for attr, label in (("initial_budget", "年初预算数"), ("annual_budget", "全年预算数"), ("executed", "全年执行数")):
            parts = [getattr(p.funds[k], attr) or 0 for k in ("appropriation", "carryover", "other")]
            whole = getattr(total, attr)
            if whole is not None and abs(sum(parts) - whole) > 0.01 + _EPS:
                add("fund_sum", total.line, f"{label}：当年财政拨款、上年结转资金、其他资金合计 {_fmt(sum(parts))}，"
                    f"与年度资金总额 {_fmt(whole)} 不符")
    for i in p.indicators:
        full = abs(i.score - i.weight) <= _EPS
        if i.actual.status == STATUS_MET and i.deducted:
            add("status_met_deducted", i.line, f"「{i.name}」实际完成为「达成指标」，却扣 {_fmt(i.weight - i.score)} 分")
        elif i.met is True and i.deducted:
            add("met_but_deducted", i.line, f"「{i.name}」目标 {i.target.raw}、实际 {i.actual.raw}，已达到目标，"
                f"却扣 {_fmt(i.weight - i.score)} 分")
        if i.met is False and full and i.weight > 0:
            add("missed_full_score", i.line, f"「{i.name}」目标 {i.target.raw}、实际 {i.actual.raw}，未达到目标，却得满分 {_fmt(i.score)}")
        if i.deducted and not i.reason.strip():
            add("no_reason", i.line, f"「{i.name}」扣 {_fmt(i.weight - i.score)} 分，但未填写偏差原因分析及改进措施")
    return out


def audit(projects: list[Project]) -> list[Problem]:
    """Findings for every form, in file and line order."""
    findings = [f for p in projects for f in audit_project(p)]
    return sorted(findings, key=lambda f: (f.file, f.line, list(KINDS).index(f.code)))
