"""Typed query conditions shared by question understanding and the structured tools."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

# Funding figures of the 年度资金总额 row, by the words users call them.
FUND_FIELDS: dict[str, str] = {
    "initial_budget": "年初预算数",
    "annual_budget": "全年预算数",
    "executed": "全年执行数",
    "rate": "执行率",
}
PROJECT_FIELDS: dict[str, str] = FUND_FIELDS | {"total_score": "总分"}
UNITS = {"initial_budget": "万元", "annual_budget": "万元", "executed": "万元", "rate": "%", "total_score": "分"}
OPS = ("<", "<=", ">", ">=", "=", "!=")


@dataclass(frozen=True)
class Threshold:
    """``field op value``, e.g. executed > 1000 (万元) or total_score < 90."""

    field: str  # key of PROJECT_FIELDS
    op: str  # one of OPS
    value: float


@dataclass(frozen=True)
class Ratio:
    """``left op factor × right``, e.g. annual_budget >= 2 × initial_budget (全年预算比年初预算增加一倍以上)."""

    left: str
    op: str
    factor: float
    right: str


@dataclass(frozen=True)
class ProjectFilter:
    projects: tuple[str, ...] = ()  # exact names
    offices: tuple[str, ...] = ()  # 科室 such as 社发办
    departments: tuple[str, ...] = ()  # 主管部门, i.e. the town or street: tells same-named projects apart
    grades: tuple[str, ...] = ()
    grades_not: tuple[str, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    ratios: tuple[Ratio, ...] = ()
    year: int | None = None

    def with_(self, **changes) -> "ProjectFilter":
        return replace(self, **changes)

    @property
    def empty(self) -> bool:
        return self == ProjectFilter()


@dataclass(frozen=True)
class IndicatorFilter:
    level1: str | None = None
    level2: str | None = None
    keywords: tuple[str, ...] = ()  # every keyword in the 三级 name (or, for 满意度, in any level)
    met: bool | None = None
    deducted: bool | None = None
    status: str | None = None  # actual value is this status word
    names: tuple[str, ...] = field(default=())  # exact 三级 names

    def with_(self, **changes) -> "IndicatorFilter":
        return replace(self, **changes)

    @property
    def empty(self) -> bool:
        return self == IndicatorFilter()
