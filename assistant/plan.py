"""The typed plan a question becomes: what it ranges over, its conditions, grouping, measures and order.

Understanding (rules or an LLM) fills a ``Plan``; the executor runs it over all records; the fact-checker
pairs a plan with the relation a claim asserts. Nothing downstream re-reads the question's words.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

INTENTS = ("query", "compare", "reason", "goal", "form", "check", "summarize", "clarify", "refuse")
MEASURES = ("list", "count", "sum", "avg", "median", "max", "min", "value", "share", "rate")
GROUPS = ("office", "grade", "level1", "level2", "project")


@dataclass(frozen=True)
class Cond:
    """``field op value`` (or ``field op factor × ref`` when ``ref`` names another field).

    Fields are keys of ``lexicon.FIELD``; indicator conditions live inside an ``IndicatorClause``.
    ``op`` is one of < <= > >= = != between in notin contains, or "is" for the category, met and status tests.
    """

    field: str
    op: str
    value: object = None  # float, str, bool, or a tuple (between: (low, high); in/notin: values)
    ref: str | None = None
    factor: float = 1.0
    unit: str | None = None  # the unit the question gave for an indicator value (%, 次, 人 …)
    words: str = ""  # the question's own words, shown back in the answer
    stated: str = ""  # the number as written (「2.87」 of 2.87亿元), for checking a claim's rounding
    scale: float = 1.0  # stated × scale = value (亿元 → 万元: 10000)
    basis: str = ""  # where a computed threshold came from (「社发办平均值」), shown with the value

    def with_(self, **changes) -> "Cond":
        return replace(self, **changes)


@dataclass(frozen=True)
class IndicatorClause:
    """Conditions one indicator row must meet together (「满意度未达标」: category 满意度 and not met)."""

    conds: tuple[Cond, ...]

    def with_(self, **changes) -> "IndicatorClause":
        return replace(self, **changes)


@dataclass(frozen=True)
class Scope:
    """The projects a question ranges over before its conditions."""

    projects: tuple[str, ...] = ()  # exact names
    offices: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()  # towns and streets (主管部门)
    years: tuple[int, ...] = ()
    name_contains: tuple[str, ...] = ()
    within: tuple[tuple[str, int], ...] = ()  # (file, line) of the forms a follow-up narrows
    within_label: str = ""  # how those forms were found (the previous question)

    def with_(self, **changes) -> "Scope":
        return replace(self, **changes)

    @property
    def empty(self) -> bool:
        return self == Scope()


@dataclass(frozen=True)
class Measure:
    op: str  # one of MEASURES
    field: str | None = None  # None for count and list


@dataclass(frozen=True)
class Order:
    """Order rows (or groups) by ``key``; ``limit`` keeps the first N and every row tied with the Nth."""

    key: str  # a field, or "count" / "<op>:<field>" for a measure of groups
    desc: bool = True
    limit: int | None = None
    rank: int | None = None  # 「第3名」: only the rows at that rank (with a limit: ranks rank..limit)


@dataclass(frozen=True)
class Plan:
    intent: str = "query"
    subject: str = "project"  # project | indicator
    scope: Scope = Scope()
    conds: tuple[Cond, ...] = ()  # on project fields
    clauses: tuple[IndicatorClause, ...] = ()  # each: some indicator row of the project meets all of it
    group_by: str | None = None
    measures: tuple[Measure, ...] = ()
    order: Order | None = None
    fields: tuple[str, ...] = ()  # figures asked for (lookups, comparisons, extra columns)
    compare: tuple[str, ...] = ()  # "project" or "office": the named entities are set side by side
    difference: bool = False  # compare: also their difference (「A比B多执行了多少」)
    indicator_words: str = ""  # words naming an indicator of a named project (「长效管理制度建设」)
    indicator_names: tuple[str, ...] = ()  # 三级 names resolved for a named project
    candidates: tuple[str, ...] = ()  # clarify: what a mention could mean
    unknown: tuple[str, ...] = ()  # words not understood
    refusal: str = ""  # refuse: why (a place, a year, a thing the forms do not record)
    notes: tuple[str, ...] = ()  # how the question was read, shown with the answer
    share_of: Scope | None = None  # what a share is a share of (None: every record of the store)
    share_field: str | None = None  # the whole's figure when it is another one (执行数 over 年初预算数)
    ratio: tuple[str, str, str] = ()  # (field, of field, times|percent): 「全年预算是年初预算的几倍」
    text: str = ""
    follow_up: bool = False
    money_unit: str = ""  # 元 or 亿元 when the question asks in it (the forms give 万元)
    having: tuple = ()  # conditions on each group's number of projects (「有3个及以上项目的科室」): Cond("count", …)

    def with_(self, **changes) -> "Plan":
        return replace(self, **changes)

    @property
    def indicator_level(self) -> bool:
        return self.subject == "indicator"

    def measure(self, op: str) -> Measure | None:
        return next((m for m in self.measures if m.op == op), None)


@dataclass
class Context:
    """What a conversation remembers for follow-ups: the last plan and the forms its answer named."""

    plan: Plan | None = None
    forms: tuple[tuple[str, int], ...] = ()  # (file, line) of the projects in the last answer
    projects: tuple[str, ...] = ()  # their names, in answer order
    label: str = ""


__all__ = ["Cond", "IndicatorClause", "Scope", "Measure", "Order", "Plan", "Context", "field"]
