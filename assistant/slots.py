"""The facts a model may state, as numbered slots: it writes {1}, {2} …, code puts the figures in.

``facts_for(result)`` reads a typed ``Result`` (never rendered text): the headline figures first (counts, totals,
averages, group and comparison figures), then the first rows of a long table with the figures the answer shows.
Each fact knows whose figure it is (a project, an office or group, or the answer's whole scope), which field,
and its unit, so ``verify.py`` can check a number the model writes itself against the fact it should be.
A prompt carries only these facts — never the whole table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from . import lexicon as L
from . import prompts
from .answer import Answer
from .calculator import format_number
from .formatting import fixed2
from .execute import IndicatorRow, ProjectRow, Result, figure_text
from .render import Helpers, _columns

PROMPT_ROWS = 8  # rows of a table a prompt carries; the counts and totals always go with them
TEXT_CHARS = 160  # characters of a goal, achievement or reason a prompt carries
SLOT = re.compile(r"[{｛]\s*(\d{1,3})\s*[}｝]")


@dataclass(frozen=True)
class Fact:
    """One figure the answer may state."""

    n: int  # its slot: {n}
    value: Decimal
    text: str  # what {n} becomes: 「139.87万元」「61条」「98分」
    kind: str  # money | percent | score | count | quantity | times | rank | any
    unit: str  # 万元, %, 分, 个, 条, 人次 … ("" for a bare number)
    field: str  # a lexicon field key, or count | rank | diff | ratio | times | scanned | text
    label: str  # the field as the forms name it ("" for the keys above, which the prompt names)
    subject: str = ""  # the project, office or group it belongs to; "" for the answer's whole scope
    item: str = ""  # the indicator (三级) it belongs to
    counted: str = ""  # counts: project | indicator
    slot: bool = True  # False: a number inside a quoted text (a reason, a goal), not offered as a slot
    negative: bool = False  # a decrease: ``value`` and ``text`` are its size, as the answers write it (减少 471.15)


@dataclass
class FactSheet:
    facts: list[Fact] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # goals, achievements, reasons (cut), for open questions
    names: list[str] = field(default_factory=list)  # the rows listed, in order
    total: int = 0  # rows of the answer's table
    subject: str = "project"  # what the rows are: project | indicator

    def __bool__(self) -> bool:
        return bool(self.facts or self.texts)

    @property
    def slots(self) -> dict[int, Fact]:
        return {f.n: f for f in self.facts if f.slot}

    def extend(self, other: "FactSheet") -> None:
        """Add another sheet's facts (renumbered after this one's), texts and names."""
        n = sum(1 for f in self.facts if f.slot)
        for f in other.facts:
            n += f.slot
            self.facts.append(replace(f, n=n if f.slot else 0))
        self.texts += [t for t in other.texts if t not in self.texts]
        self.names += [n for n in other.names if n not in self.names]

    def render(self) -> str:
        return prompts.render("llm_facts", facts=[f for f in self.facts if f.slot], texts=self.texts,
                              names=self.names, total=self.total, subject=self.subject)


_LABEL_UNIT = re.compile(r"\((万元|%)\)$")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")


def _kind(key: str | None) -> str:
    f = L.FIELD.get(key or "")
    if f is None:
        return "quantity"
    return {"money": "money", "percent": "percent", "score": "score", "count": "count"}.get(f.kind, "quantity")


def _unit(kind: str, key: str | None) -> str:
    if kind == "money":
        return "万元"
    if kind == "percent":
        return "%"
    if kind == "score":
        return "分"
    if key == "indicator_count":
        return "条"
    return L.FIELD[key].unit if key in L.FIELD else ""


class _Builder:
    def __init__(self, sheet: FactSheet):
        self.sheet = sheet
        self._seen: set = set()

    def add(self, value, key: str, label: str, kind: str, unit: str, subject: str = "", item: str = "",
            counted: str = "", slot: bool = True) -> None:
        if value is None or isinstance(value, bool):
            return
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            return
        negative = number < 0
        number = abs(number)  # answers state a decrease by its size and a word (减少, 下降, 少)
        ident = (number, key, subject, item, counted)
        if ident in self._seen:
            return
        self._seen.add(ident)
        if kind == "count" and number == number.to_integral_value():
            text = f"{int(number)}{unit}"
        elif kind in ("money", "percent"):
            text = f"{fixed2(number)}{unit}"
        elif key in L.FIELD:
            text = figure_text(key, number) + unit
        else:
            text = format_number(number) + unit
        n = sum(1 for f in self.sheet.facts if f.slot) + 1 if slot else 0
        self.sheet.facts.append(Fact(n, number, text, kind, unit, key, label, subject, item, counted, slot, negative))

    def figure(self, mkey: str, value, subject_kind: str, subject: str = "", count_unit: str = "") -> None:
        """A measure's figure: count, sum:executed, avg:total_score, rate:rate, share:executed …"""
        op, _, fkey = mkey.partition(":")
        label = _LABEL_UNIT.sub("", Helpers(Answer("", "")).measure_header(mkey, subject_kind))
        if op == "count":
            unit = count_unit or ("条" if subject_kind == "indicator" else "个")
            self.add(value, "count", label, "count", unit, subject, counted=subject_kind)
        elif op in ("share", "rate"):
            self.add(value, fkey or op, label, "percent", "%", subject)
        else:
            kind = _kind(fkey)
            self.add(value, fkey, label, kind, _unit(kind, fkey), subject)

    def project(self, r: ProjectRow, keys) -> None:
        for key in keys:
            if key in L.FIELD and L.FIELD[key].kind in ("money", "percent", "score", "count"):
                kind = _kind(key)
                self.add(r.value(key), key, L.FIELD[key].label, kind, _unit(kind, key), r.name)

    def indicator(self, r: IndicatorRow, first: tuple[str, ...] = ()) -> None:
        """An indicator row's figures; those in ``first`` (what the question asks of it) come first."""
        figures = {"actual": (r.actual_value, r.actual_unit), "target": (r.target_value, r.target_unit),
                   "weight": (r.weight, "分"), "score": (r.score, "分"),
                   "lost": (r.lost if r.deducted else None, "分"), "gap": (r.gap if "gap" in first else None, None)}
        for key in tuple(k for k in first if k in figures) + tuple(figures):
            value, unit = figures[key]
            if value is None:
                continue
            if key == "gap":
                unit = r.actual_unit or r.target_unit
            kind = "score" if unit == "分" and key in ("weight", "score", "lost") else \
                "percent" if unit == "%" else "quantity"
            self.add(value, key, L.FIELD[key].label, kind, unit or "", r.project, r.name)

    def text(self, subject: str, item: str, label: str, text: str) -> None:
        """A goal, achievement or reason, cut short; the numbers in it may be repeated, next to its subject."""
        if not text:
            return
        cut = text[:TEXT_CHARS] + ("…" if len(text) > TEXT_CHARS else "")
        line = prompts.render("llm_fact_text", subject=subject, item=item, label=label, text=cut)
        if line in self.sheet.texts:
            return
        self.sheet.texts.append(line)
        for m in _NUMBER.finditer(cut):
            self.add(m.group(0), "text", "", "any", "", subject, item, slot=False)


def facts_for(result: Result | None, rows: int = PROMPT_ROWS) -> FactSheet:
    """The facts of a typed result in the order an answer states them: what the question asks first (the
    indicator a lookup names, a comparison's difference, a total before the count it is over, the rows of a
    ranking), then the counts, then the first ``rows`` rows of the table with the figures it shows."""
    sheet = FactSheet()
    if result is None:
        return sheet
    plan = result.plan
    b = _Builder(sheet)
    subject_kind = "indicator" if plan.subject == "indicator" else "project"
    sheet.subject = subject_kind
    table = result.indicators if subject_kind == "indicator" else result.projects
    asked = tuple(f for f in plan.fields if f in L.FIELD and L.FIELD[f].level == "indicator")
    if plan.indicator_names and "total_score" in plan.fields:
        asked = ("score",) + asked  # 「…满意度得了几分」: the named indicator's 得分, shown beside the 总分
    asks_indicator = bool(plan.indicator_names or asked) and table is result.projects
    if asks_indicator and not plan.ratio:
        _evidence(b, result, rows, asked)
    if plan.ratio and result.figures:
        how = plan.ratio[2]
        for name, f in result.figures.items():
            b.add(f.value, "ratio" if how == "percent" else "times", "", "percent" if how == "percent" else "times",
                  "%" if how == "percent" else "倍", name.split("「")[0], name.partition("「")[2].rstrip("」"))
    else:
        counts = {k: f for k, f in result.figures.items() if k == "count"}
        for key, f in list({k: f for k, f in result.figures.items() if k != "count"}.items()) + list(counts.items()):
            unit = "个" if key == "count" and result.counted_projects is None and subject_kind == "project" else ""
            b.figure(key, f.value, subject_kind, count_unit=unit)
    if asks_indicator and plan.ratio:  # 「实际完成值是年度指标值的几倍」: the ratio first, then its two values
        _evidence(b, result, rows, asked)
    times = [("times", result.times)] if "times" in plan.notes else []  # 「是…的多少倍」: the headline figure
    for key, f in times + [("diff", result.difference), ("ratio", result.ratio), ("times", result.times)]:
        if f is not None and f.value is not None:  # what a comparison asks for comes before its sides
            field_key = plan.measures[0].field if plan.measures else None
            kind = {"diff": _kind(field_key), "ratio": "percent", "times": "times"}[key]
            b.add(f.value, key, "", kind, {"ratio": "%", "times": "倍"}.get(key, _unit(kind, field_key)))
    for e in result.entities:
        for key, f in e.figures.items():
            b.figure(key, f.value, "project", e.name)
    for g in result.groups[:rows * 2]:
        for key, f in g.figures.items():
            b.figure(key, f.value, subject_kind, g.key)
    ranked = plan.order is not None and not plan.group_by
    if not ranked:
        _counts(b, result, table, subject_kind)
    # A named project's own figures and texts, then the first rows of the table and what they show.
    if result.kind in ("reason", "goal", "form"):
        for p in result.projects[:rows]:
            b.project(p, ("initial_budget", "annual_budget", "executed", "rate", "total_score"))
            if result.kind in ("goal", "form"):
                b.text(p.name, "", L.FIELD["goal"].label, p.goal)
                b.text(p.name, "", L.FIELD["achieved"].label, p.achieved)
    cols = _columns(plan)
    if plan.order is not None or (plan.measures and plan.measures[0].op == "list"):
        for rank, _ in enumerate(table[:rows], 1):
            b.add(rank, "rank", "", "rank", "", slot=False)
    for r in table[:rows]:
        if isinstance(r, IndicatorRow):
            b.indicator(r, asked + ((plan.order.key,) if plan.order is not None else ()))
            sheet.names.append(f"{r.project}「{r.name}」")
            if result.kind == "reason" and r.reason:
                b.text(r.project, r.name, L.FIELD["reason"].label, r.reason)
        else:
            b.project(r, cols)
            sheet.names.append(r.name)
    sheet.total = len(table)
    if ranked:
        _counts(b, result, table, subject_kind)
    if table is result.projects and not asks_indicator:
        _evidence(b, result, rows)
    return sheet


def _counts(b: _Builder, result: Result, table: list, subject_kind: str) -> None:
    """How many rows matched (and over how many projects), as 「共检索N个项目，M个…」 says."""
    if result.counted_projects is not None:
        b.add(result.counted_projects, "count", "", "count", "个", counted="project")
    if result.kind in ("rows", "empty", "figures") and "count" not in result.figures:
        b.add(len(table), "count", "", "count", "条" if subject_kind == "indicator" else "个", counted=subject_kind)
    if result.scanned and result.kind in ("rows", "empty", "figures"):
        b.add(result.scanned, "scanned", "", "count", "个", counted="project")


def _evidence(b: _Builder, result: Result, rows: int, asked: tuple[str, ...] = ()) -> None:
    """The indicator rows that made each project match, or that a lookup names (``asked``: its figures asked)."""
    evidence = result.indicators
    if result.kind == "form":  # a whole form: the rows that lost points say the most
        evidence = sorted(evidence, key=lambda r: not r.deducted)
    for r in evidence[:rows]:
        b.indicator(r, asked)
        b.text(r.project, r.name, L.FIELD["reason"].label, r.reason)


def facts_from_chunks(metadata: list[dict]) -> FactSheet:
    """The figures of retrieved chunks (an overview's funds and score, an indicator row's values), read from the
    raw fields in their metadata, never from their text."""
    sheet = FactSheet()
    b = _Builder(sheet)
    for meta in metadata:
        project = meta.get("project", "")
        if meta.get("kind") == "indicator":
            item = meta.get("name", "")
            for key in ("actual", "target"):
                unit = meta.get(f"{key}_unit") or ""
                b.add(meta.get(f"{key}_value"), key, L.FIELD[key].label, "percent" if unit == "%" else "quantity",
                      unit, project, item)
            for key in ("weight", "score"):
                b.add(meta.get(key), key, L.FIELD[key].label, "score", "分", project, item)
            b.text(project, item, L.FIELD["reason"].label, meta.get("reason", ""))
        else:
            for key, meta_key in (("initial_budget", "fund_total_initial_budget"),
                                  ("annual_budget", "fund_total_annual_budget"), ("executed", "fund_total_executed"),
                                  ("rate", "fund_total_rate"), ("total_score", "total_score")):
                kind = _kind(key)
                b.add(meta.get(meta_key), key, L.FIELD[key].label, kind, _unit(kind, key), project)
            b.text(project, "", L.FIELD["goal"].label, meta.get("goal", ""))
            b.text(project, "", L.FIELD["achieved"].label, meta.get("achieved", ""))
        if project and project not in sheet.names:
            sheet.names.append(project)
    return sheet


def calculated(value, expression: str) -> FactSheet:
    """A calculator result: it belongs to no subject or field, so it may back a number anywhere."""
    sheet = FactSheet()
    _Builder(sheet).add(value, "calc", expression, "any", "")
    return sheet


def fill(text: str, slots: dict[int, Fact]) -> tuple[str, list[str]]:
    """Put each fact's figure in for its {n}; a unit the model repeats after it is dropped. Returns the text and
    the slots that name no fact (marked 〔未核实〕 in place of a figure, never guessed)."""
    from .verify import UNVERIFIED

    bad: list[str] = []

    def put(m: re.Match) -> str:
        fact = slots.get(int(m.group(1)))
        if fact is None:
            bad.append(m.group(0))
            return UNVERIFIED
        return fact.text

    out = []
    pos = 0
    for m in SLOT.finditer(text):
        out.append(text[pos:m.start()])
        out.append(put(m))
        pos = m.end()
        fact = slots.get(int(m.group(1)))
        if fact is not None and fact.unit:
            rest = text[pos:].lstrip(" ")
            if rest.startswith(fact.unit):  # 「{1}万元」 when {1} is 「139.87万元」
                pos = len(text) - len(rest) + len(fact.unit)
    out.append(text[pos:])
    return "".join(out), bad


def fill_partial(text: str, slots: dict[int, Fact]) -> str:
    """A streamed prefix with its complete slots filled and an unfinished 「{1」 at the end held back."""
    cut = max(text.rfind("{"), text.rfind("｛"))
    if cut >= 0 and not SLOT.match(text, cut):
        text = text[:cut]
    return fill(text, slots)[0]
