"""Plausibility: figures no real form can hold are refused at parse; forms with audit errors are known to answers.

The ranges accept every figure of the seed and of the synthetic corpora (bench/synth.py) with a wide margin
(the largest amount in them is 113,374.53 万元, the highest 执行率 100%), and refuse what can only be a typing or
extraction slip: 执行数 1,000,000,000,000 万元, 总分 99999, a negative budget.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .records import FUND_KINDS, Problem, Project

MAX_AMOUNT = 1e8  # 万元, exclusive: 1 万亿元, above any single project's budget
MAX_POINTS = 100.0  # 分值, 得分, 分数, 总分
MAX_RATE = 300.0  # 执行率 (%): overspending happens, threefold does not

_AMOUNTS = (("initial_budget", "年初预算数"), ("annual_budget", "全年预算数"), ("executed", "全年执行数"))
_POINTS = (("weight", "分数"), ("score", "得分"))


@dataclass(frozen=True)
class Implausible:
    line: int
    message: str  # Chinese, without the row label (the parser puts it in front)


def _fmt(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _outside(x: float | None, low: float, high: float, high_inclusive: bool = True) -> bool:
    if x is None:
        return False
    if x != x:  # NaN
        return True
    return x < low or (x > high if high_inclusive else x >= high)


def implausible(p: Project) -> list[Implausible]:
    """Every figure of a parsed form outside its sane range, with the line it is on."""
    out: list[Implausible] = []
    for fund in p.funds.values():
        label = FUND_KINDS[fund.kind]
        for attr, name in _AMOUNTS:
            v = getattr(fund, attr)
            if _outside(v, 0.0, MAX_AMOUNT, high_inclusive=False):
                out.append(Implausible(fund.line, f"「{label}」{name} {_fmt(v)} 万元超出合理范围（应不小于 0 且小于 "
                                                  f"{_fmt(MAX_AMOUNT)} 万元）"))
        for attr, name in _POINTS:
            v = getattr(fund, attr)
            if _outside(v, 0.0, MAX_POINTS):
                out.append(Implausible(fund.line, f"「{label}」{name} {_fmt(v)} 超出合理范围（0 至 100 分）"))
        if _outside(fund.rate, 0.0, MAX_RATE):
            out.append(Implausible(fund.line, f"「{label}」执行率 {_fmt(fund.rate)}% 超出合理范围（0 至 300%）"))
    for i in p.indicators:
        for v, name in ((i.weight, "分值"), (i.score, "得分")):
            if _outside(v, 0.0, MAX_POINTS):
                out.append(Implausible(i.line, f"「{i.name}」{name} {_fmt(v)} 超出合理范围（0 至 100 分）"))
    for v, name in ((p.total_weight, "总分栏分值"), (p.total_score, "总分")):
        if _outside(v, 0.0, MAX_POINTS):
            out.append(Implausible(p.total_line, f"{name} {_fmt(v)} 超出合理范围（0 至 100 分）"))
    return out


def form_errors(store, forms: Iterable[tuple[str, int]]) -> dict[tuple[str, int], list[Problem]]:
    """Audit errors (分值 or 得分 sums, 执行率, 评分等级, funding sums …) of the forms ``(file, first line)`` an
    answer uses; forms without errors are left out. An answer shows these next to the figures it takes from them."""
    return store.findings_of(forms, severity="error")
