"""Typed records passed between the parsing, storing, auditing and answering stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .readers.rows import Row

# Keys of the four funding rows, in form order, with the labels they carry on the form.
FUND_KINDS: dict[str, str] = {
    "total": "年度资金总额",
    "appropriation": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}

STATUS_MET = "达成指标"
STATUS_PARTIAL = "部分达成指标并具有一定效果"
STATUS_MISSED = "未达成指标且效果较差"
STATUSES = (STATUS_MET, STATUS_PARTIAL, STATUS_MISSED)


@dataclass(frozen=True)
class Quantity:
    """A target or actual cell understood as a number with operator and unit, a status, or a word."""

    raw: str  # cell text with internal whitespace removed
    op: str | None = None  # one of = ≥ > ≤ <, or None
    value: float | None = None
    unit: str | None = None  # normalized: 百分比/百分号 → %
    status: str | None = None  # one of STATUSES
    word: str | None = None  # qualitative target such as 及时, 提升

    @property
    def is_number(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Fund:
    kind: str  # key of FUND_KINDS
    initial_budget: float | None
    annual_budget: float | None
    executed: float | None
    weight: float | None
    rate: float | None
    score: float | None
    line: int


@dataclass(frozen=True)
class Indicator:
    level1: str
    level2: str
    name: str
    target: Quantity
    actual: Quantity
    weight: float
    score: float
    reason: str
    met: bool | None
    line: int
    raw: str  # the source line, cells joined by tabs

    @property
    def deducted(self) -> bool:
        return self.score < self.weight


@dataclass(frozen=True)
class Project:
    name: str
    department: str  # 主管部门
    unit: str  # 实施单位
    year: int | None
    file: str
    line: int  # first line of the form (its title when present)
    end_line: int  # the 评分等级 line
    funds: dict[str, Fund]
    goal: str
    achieved: str
    indicators: tuple[Indicator, ...]
    total_weight: float | None
    total_score: float | None
    grade: str
    total_line: int = 0  # the 总分 line

    @property
    def office(self) -> str:
        """The office prefix users call the department, e.g. 社发办 in 「社发办-片区专项经费」."""
        return office_of(self.name)


def office_of(name: str) -> str:
    for dash in ("-", "—", "－", "–"):
        if dash in name:
            head = name.split(dash, 1)[0].strip()
            if 0 < len(head) <= 8:
                return head
    return ""


@dataclass(frozen=True)
class Problem:
    """Something wrong in an input file or a form, always with the file and line it concerns."""

    file: str
    line: int
    severity: str  # error | warning | info
    code: str
    message: str  # Chinese, shown to users
    project: str = ""


@dataclass
class ParseResult:
    file: str
    projects: list[Project] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The rows the file was read as; the store keeps each row's label and cells for citations.
    rows: list[Row] = field(default_factory=list, compare=False, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
