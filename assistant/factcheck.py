"""Fact-checking statements on the same plans and executor as the answers.

A statement is split into clauses; each clause becomes a plan (its conditions) plus an ``Assertion`` (what it
claims about them: a figure of a project, a count, a total, a universal, uniqueness, a rank, a comparison).
A verdict is 正确 only when the records prove the claim, 错误 only when they contradict it, and otherwise
无法核实 with the words that could not be placed. Indicator claims are compared with the actual value unless
they speak of the target; 「超出/未达到/控制在目标」 compare actual with target as the form does.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from . import lexicon as L
from . import prompts
from .answer import Citation
from .calculator import calculate, format_number
from .execute import IndicatorRow, ProjectRow, figure_text, is_success
from .plan import Cond, IndicatorClause, Measure, Order, Plan, Scope
from .understand import ClaimContext, normalize, parse_claim

log = logging.getLogger(__name__)
CORRECT, WRONG, PARTLY, UNKNOWN = "正确", "错误", "部分正确", "无法核实"
MAX_STATEMENT = 2000  # characters checked at most; longer text is refused before any pattern runs
APPROX_TOLERANCE = Decimal("0.02")  # 「约」「近」: within 2% of the record
_FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}


@dataclass
class Claim:
    text: str
    verdict: str
    expected: str = ""  # what the claim states
    found: str = ""  # what the records say
    relation: str = ""  # the relation that was tested, in words
    note: str = ""  # explanation for people
    citations: list[Citation] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"text": self.text, "verdict": self.verdict, "expected": self.expected, "found": self.found,
                "relation": self.relation, "note": self.note, "citations": [c.as_dict() for c in self.citations]}


@dataclass
class CheckResult:
    statement: str
    verdict: str
    claims: list[Claim]
    text: str = ""

    def to_json(self) -> dict:
        return {"verdict": self.verdict, "claims": [c.as_dict() for c in self.claims]}


@dataclass
class _Test:
    """One condition tested on one record: whether it holds, what the record says, where."""

    holds: bool | None
    found: str
    cite: Citation | None
    note: str = ""


def overall(claims: list[Claim]) -> str:
    """正确 only if every claim is proven; 错误 if every checked claim is wrong; 部分正确 when some claims are right and
    others wrong or unverifiable (each claim's own verdict says which)."""
    verdicts = [c.verdict for c in claims]
    if verdicts and all(v == CORRECT for v in verdicts):
        return CORRECT
    if CORRECT in verdicts:
        return PARTLY
    return WRONG if WRONG in verdicts else UNKNOWN


_SENTENCE = re.compile(r"[。；;！!？?\n]+")
_CLAUSE = re.compile(r"，|,(?!\d{3}(?!\d))")  # 「1,350,000」 keeps its thousands separators


def split_sentences(statement: str) -> list[list[str]]:
    """The clauses of each sentence; a clause with no figure or judgement of its own joins its neighbour."""
    out = []
    for sentence in _SENTENCE.split(statement.strip()):
        sentence = sentence.strip(" ，,、")
        if not sentence:
            continue
        clauses = [c.strip() for c in _CLAUSE.split(sentence) if c.strip()]
        merged: list[str] = []
        pending = ""
        for c in clauses:
            if _bare(c) and not merged:
                pending += c + "，"
            elif _bare(c):
                merged[-1] += "，" + c
            else:
                merged.append(pending + c)
                pending = ""
        if pending:
            merged.append(pending.rstrip("，"))
        out.append(merged)
    return out


_CONTENT = re.compile(r"\d|[一二两三四五六七八九十]+(个|项|条|倍|成)|优|良|差|达标|达到|未达|完成|超|低于|高于|最|唯一|只有|"
                      r"所有|全部|均|都|扣分|满分|增|减|占|比|第|翻|等级|达成|不足|少于|多于|控制|实施单位|主管部门|属于|"
                      r"的项目")


_SCOPE_ONLY = re.compile(r"^((19|20)\d\d年度?|桃浦镇|全镇|本镇|其中|同时|另外|此外)+$")


def _bare(clause: str) -> bool:
    """A clause with no figure or judgement (「其中」「同时」「2023年」): it belongs to its neighbour."""
    return not _CONTENT.search(clause) or bool(_SCOPE_ONLY.match(clause.strip()))


def split_claims(statement: str) -> list[str]:
    return [c for sentence in split_sentences(statement) for c in sentence]


def same(stated: Decimal, actual, approx: bool, scale: float = 1.0) -> bool:
    """A stated figure agrees with the record: exactly, as the record rounded to the stated decimals (139.9 for
    139.87), or within 2% when the claim says 约/近/左右. Compared in the unit the claim used (亿元 …)."""
    if actual is None:
        return False
    actual = Decimal(str(actual))
    if scale and scale != 1.0:
        actual = actual / Decimal(str(scale))  # a negative scale carries the claim's direction (调减)
    if stated == actual:
        return True
    if approx:
        return abs(stated - actual) <= abs(actual) * APPROX_TOLERANCE
    exp = stated.as_tuple().exponent
    if not (isinstance(exp, int) and exp < 0):
        return False  # a whole number must match exactly (96 分 is not 96.5 分)
    return actual.quantize(Decimal(1).scaleb(exp), rounding=ROUND_HALF_UP) == stated


def _compare(actual, op: str, target) -> bool:
    a, t = Decimal(str(actual)), Decimal(str(target))
    return {"<": a < t, "<=": a <= t, ">": a > t, ">=": a >= t, "=": a == t, "!=": a != t}[op]


def _whole(x) -> bool:
    d = Decimal(str(x))
    return d == d.to_integral_value()


def _names_own_subject(u, text: str) -> bool:
    """Whether a clause says itself whom it speaks of (a project, an office, the whole town)."""
    plan, _ = parse_claim(u, text, ClaimContext())
    return not plan.scope.empty or bool(re.search(r"全镇|全部|所有|库中|各科室|每个项目", text))


class FactChecker:
    def __init__(self, assistant):
        self.a = assistant
        self.u = assistant.understander
        self.ex = assistant.executor

    # -- the statement ---------------------------------------------------------------------------------------

    def check(self, statement: str) -> CheckResult:
        if len(statement) > MAX_STATEMENT:
            claim = Claim(statement[:60] + "…", UNKNOWN, note=prompts.render("check_too_long", limit=MAX_STATEMENT))
            result = CheckResult(statement[:200], UNKNOWN, [claim])
            result.text = self.render(result)
            return result
        claims: list[Claim] = []
        for sentence in split_sentences(statement):
            ctx = ClaimContext()
            for clause in sentence:
                try:
                    claim, ctx = self._claim(clause, ctx)
                except Exception:  # one clause that cannot be checked must not take the others down
                    log.exception("checking %r failed", clause[:200])
                    claim = Claim(clause, UNKNOWN, note=prompts.render("check_failed"))
                claims.append(claim)
        result = CheckResult(statement, overall(claims), claims)
        result.text = self.render(result)
        return result

    def _claim(self, text: str, ctx: ClaimContext) -> tuple[Claim, ClaimContext]:
        lost = replace(ctx, broken=True)
        if ctx.broken and not _names_own_subject(self.u, text):
            # 「组织科两个项目…（not understood），全年执行合计140.65万元」: whose total? not the whole town's
            return Claim(text, UNKNOWN, note=prompts.render("check_subject_lost")), lost
        plan, a = parse_claim(self.u, text, ctx)
        if plan.intent == "refuse":
            return Claim(text, UNKNOWN, note=self._refusal(plan)), lost
        if plan.intent == "clarify":
            return Claim(text, UNKNOWN, note=prompts.render("check_ambiguous", candidates=list(plan.candidates))), lost
        scope = plan.scope
        self._matched: list[str] = []
        handler = getattr(self, f"_{a.kind}", None)
        claim = handler(text, plan, a) if handler else None
        if claim is None:
            claim = Claim(text, UNKNOWN, note=prompts.render("check_unplaced"))
            return claim, lost
        cond_field = next((c.field for c in plan.conds if c.field in L.FIELD), None)
        new_ctx = ClaimContext(scope.projects or ctx.projects, scope.offices or ctx.offices,
                               a.field or next(iter(plan.fields), None) or cond_field or ctx.field,
                               next(iter(plan.indicator_names), None)
                               or (self._matched[0] if len(set(self._matched)) == 1 else None) or ctx.indicator,
                               plan)
        return claim, new_ctx

    def _refusal(self, plan: Plan) -> str:
        return prompts.render("check_refusal", kind=plan.refusal, words=list(plan.unknown),
                              corpus=self.a.corpus_label())

    # -- a figure or judgement of named projects ------------------------------------------------------------

    def _entity(self, text: str, plan: Plan, a) -> Claim | None:
        scope = plan.scope
        if not (plan.conds or plan.clauses):
            return None
        if scope.offices and not scope.projects:
            return self._office_figures(text, plan, a)
        if not scope.projects:
            return Claim(text, UNKNOWN, note=prompts.render("check_no_subject"))
        rows = self.ex.projects(Plan(scope=Scope(projects=scope.projects, departments=scope.departments,
                                                 years=scope.years)))
        if len(rows) != len(set(scope.projects)):
            return Claim(text, UNKNOWN, note=prompts.render("check_ambiguous", candidates=[
                f"{r.name}（{r.department}，{r.year}年度）" for r in rows]))
        tests: list[_Test] = []
        stated, relation = [], []
        for row in rows:
            for c in plan.conds:
                tests.append(self._project_test(row, c, a.approx))
                stated.append(_stated_text(c))
                relation.append(prompts.render("check_relation", cond=c, h=_labels()))
            for clause in plan.clauses:
                tests += self._clause_tests(row, clause, plan.indicator_names, a.approx)
                stated += [_stated_text(c) for c in clause.conds if c.field not in _ANCHORS]
                relation += [prompts.render("check_relation", cond=c, h=_labels()) for c in clause.conds
                             if c.field not in _ANCHORS]
        return self._verdict(text, tests, "；".join(s for s in stated if s), "；".join(dict.fromkeys(relation)))

    def _project_test(self, row: ProjectRow, c: Cond, approx: bool) -> _Test:
        cite = Citation(row.name, row.file, row.line_of(c.field))
        if c.field == "grade":
            holds = (row.grade in c.value) if c.op == "in" else (row.grade not in c.value)
            return _Test(holds, f"评分等级「{row.grade}」（总分 {figure_text('total_score', row.total_score)} 分）", cite)
        if c.field in ("unit", "department", "office"):
            actual = row.value(c.field)
            holds = (actual in c.value) if c.op == "in" else None
            return _Test(holds, f"{L.FIELD[c.field].label}「{actual}」", cite)
        actual = row.value(c.field)
        label = L.FIELD[c.field].label
        unit = L.FIELD[c.field].unit
        if actual is None:
            return _Test(None, f"{label}未填写", cite)
        found = prompts.render("check_found_figure", field=c.field, label=label, value=figure_text(c.field, actual),
                               unit=unit, row=row, h=_labels(), claim_unit=c.unit if c.scale != 1 else "",
                               converted=format_number(Decimal(str(actual)) / Decimal(str(c.scale)), 4)
                               if c.scale not in (0, 1) else "")
        if c.ref is not None:
            other = row.value(c.ref)
            if other is None:
                return _Test(None, f"{L.FIELD[c.ref].label}未填写", cite)
            target = Decimal(str(other)) * Decimal(str(c.factor))
            found += f"，{L.FIELD[c.ref].label} {figure_text(c.ref, other)}{L.FIELD[c.ref].unit}"
            if c.op == "=" and c.factor != 1.0:
                # 「仅为年初预算的六分之一」: a stated fraction agrees within 1%
                return _Test(abs(Decimal(str(actual)) - target) <= abs(target) * Decimal("0.01"), found, cite)
            return _Test(_compare(actual, c.op, target), found, cite)
        if c.op == "=":
            holds = same(Decimal(c.stated or str(c.value)), actual, approx, c.scale)
            note = self._confusion(row, c) if not holds else ""
            if not holds and c.field == "adjust" and c.value and actual and (c.value > 0) != (actual > 0):
                note = prompts.render("check_direction", up=actual > 0)
            return _Test(holds, found, cite, note)
        if c.op == "between":
            return _Test(c.value[0] <= float(actual) <= c.value[1], found, cite)
        if c.op == "whole":  # 「总分不是整数」
            return _Test(_whole(actual) == bool(c.value), found, cite)
        return _Test(_compare(actual, c.op, c.value), found, cite)

    def _confusion(self, row: ProjectRow, c: Cond) -> str:
        """「17598 是全年预算数，不是年初预算数」: the figure the claim probably took for another."""
        if L.FIELD[c.field].kind != "money":
            return ""
        others = [k for k in ("initial_budget", "annual_budget", "executed") if k != c.field
                  and row.value(k) is not None and same(Decimal(c.stated or str(c.value)), row.value(k), False,
                                                        c.scale)]
        if not others:
            return ""
        return prompts.render("check_confused", stated=c.stated or format_number(Decimal(str(c.value))),
                              others=[L.FIELD[k].label for k in others], field=L.FIELD[c.field].label)

    def _clause_tests(self, row: ProjectRow, clause: IndicatorClause, names: tuple[str, ...],
                      approx: bool) -> list[_Test]:
        anchors = tuple(c for c in clause.conds if c.field in _ANCHORS)
        preds = [c for c in clause.conds if c.field not in _ANCHORS]
        scope = Plan(scope=Scope(within=(row.form,)), subject="indicator",
                     clauses=(IndicatorClause(anchors),) if anchors else (), indicator_names=names)
        rows = self.ex.indicators(scope, clauses=scope.clauses)
        units = {c.unit for c in preds if c.unit and c.field in ("actual_value", "target_value")}
        if units and len(rows) > 1:
            # 「投诉8次」: of the rows named with 投诉, the one counted in 次.
            rows = [r for r in rows if (r.actual_unit in units or r.target_unit in units)] or rows
        self._matched += [r.name for r in rows]
        if not rows:
            return [_Test(None, "该项目没有问到的指标", Citation(row.name, row.file, row.line))]
        tests = []
        for p in preds:
            if not anchors and not names:
                tests.append(self._any_row(row, rows, p, approx))
                continue
            results = [self._indicator_test(r, p, approx) for r in rows]
            decided = {t.holds for t in results}
            if len(results) > 1 and decided == {True, False} and p.field in ("met", "deducted", "status"):
                # 「X的满意度达标」 needs every 满意度 row; 「X的满意度未达标」 one of them
                holds = not is_success(p) if not all(t.holds for t in results) else True
                t = _Test(holds, "；".join(x.found for x in results), results[0].cite)
                t.cites = [x.cite for x in results]  # type: ignore[attr-defined]
                tests.append(t)
                continue
            if len(results) > 1 and decided == {True, False}:
                # 「满意度为85%」 when the project has two 满意度 rows that differ: which one is meant?
                tests.append(_Test(None, "；".join(t.found for t in results), results[0].cite,
                                   prompts.render("check_several_rows", count=len(results))))
                tests[-1].cites = [t.cite for t in results]  # type: ignore[attr-defined]
                continue
            t = results[0] if len(results) == 1 else _Test(results[0].holds, "；".join(r.found for r in results),
                                                              results[0].cite)
            if len(results) > 1:
                t.cites = [r.cite for r in results]  # type: ignore[attr-defined]
            tests.append(t)
        return tests

    def _any_row(self, row: ProjectRow, rows: list[IndicatorRow], c: Cond, approx: bool) -> _Test:
        """A predicate with no indicator named: 「有扣分」「有指标未达标」 hold if some row does; a figure
        (「达到了80%」) cannot be checked without knowing which indicator."""
        if c.field not in ("met", "deducted", "status"):
            return _Test(None, "", Citation(row.name, row.file, row.line), prompts.render("check_which_indicator"))
        results = [(r, self._indicator_test(r, c, approx)) for r in rows]
        hits = [(r, t) for r, t in results if t.holds]
        if hits:
            t = _Test(True, "；".join(x.found for _, x in hits[:5]), hits[0][1].cite)
            t.cites = [x.cite for _, x in hits]  # type: ignore[attr-defined]
            return t
        return _Test(False, prompts.render("check_no_row"), Citation(row.name, row.file, row.line))

    def _indicator_test(self, r: IndicatorRow, c: Cond, approx: bool) -> _Test:
        cite = Citation(r.project, r.file, r.line)
        found = f"「{r.name}」年度指标值 {r.target}，实际完成值 {r.actual}"
        if c.field == "met":
            if r.met is None:
                return _Test(None, found, cite, "该指标无法按数值判断是否达到目标")
            return _Test(r.met == c.value, found + ("，已达到年度指标值" if r.met else "，未达到年度指标值"), cite)
        if c.field == "deducted":
            return _Test(r.deducted == c.value, found + f"，分值 {format_number(Decimal(str(r.weight)))}，"
                                                        f"得分 {format_number(Decimal(str(r.score)))}", cite)
        if c.field == "status":
            return _Test((r.status == c.value) == (c.op == "="), found, cite)
        if c.field in ("weight", "score", "lost"):
            actual = r.value(c.field)
            found += f"，分值 {format_number(Decimal(str(r.weight)))}，得分 {format_number(Decimal(str(r.score)))}"
            if c.op == "=":
                return _Test(same(Decimal(c.stated or str(c.value)), actual, approx), found, cite)
            if c.op == "whole":
                return _Test(_whole(actual) == bool(c.value), found, cite)
            return _Test(_compare(actual, c.op, c.value), found, cite)
        value = r.actual_value if c.field == "actual_value" else r.target_value
        unit = r.actual_unit if c.field == "actual_value" else r.target_unit
        if c.ref == "target_value":
            if r.actual_value is None or r.target_value is None:
                return _Test(None, found, cite, "该指标的年度指标值或实际完成值不是数字")
            return _Test(_compare(r.actual_value, c.op, r.target_value), found, cite)
        if value is None:
            return _Test(None, found, cite, "记录中该值不是数字")
        if c.unit and unit and c.unit != unit:
            return _Test(False, found, cite, f"单位不同（记录为 {unit}）")
        if c.op == "=":
            return _Test(same(Decimal(c.stated or str(c.value)), value, approx, c.scale), found, cite)
        if c.op == "between":
            return _Test(c.value[0] <= value <= c.value[1], found, cite)
        return _Test(_compare(value, c.op, c.value), found, cite)

    def _verdict(self, text: str, tests: list[_Test], stated: str, relation: str) -> Claim:
        if not tests:
            return Claim(text, UNKNOWN, note=prompts.render("check_unplaced"))
        cites = []
        for t in tests:
            for c in getattr(t, "cites", None) or ([t.cite] if t.cite else []):
                if c not in cites:
                    cites.append(c)
        found = "；".join(dict.fromkeys(t.found for t in tests))
        notes = "；".join(dict.fromkeys(t.note for t in tests if t.note))
        if any(t.holds is False for t in tests):
            verdict = WRONG
        elif all(t.holds is True for t in tests):
            verdict = CORRECT
        else:
            verdict = UNKNOWN
        return Claim(text, verdict, expected=stated, found=found, relation=relation, note=notes, citations=cites)

    def _office_figures(self, text: str, plan: Plan, a) -> Claim | None:
        """「社发办全年执行数为3807.15万元」: an office's figure is the total (or, for scores, the average)."""
        conds = [c for c in plan.conds if c.ref is None and c.field in L.FIELD
                 and L.FIELD[c.field].kind in ("money", "percent", "score")]
        if not conds or plan.clauses or len(conds) != len(plan.conds):
            return None  # 「社发办执行率100%」 without 均/都 is not a statement about every project
        c = conds[0]
        op = "sum" if L.FIELD[c.field].kind == "money" else "rate" if c.field == "rate" else "avg"
        from .assertions import AggregateCheck

        return AggregateCheck(self).run(text, plan.with_(conds=()), op, c.field, c, a.approx)

    def _text(self, text: str, plan: Plan, a) -> Claim | None:
        """「X的实施单位是Y」「X是规建办的项目」: the name the form records, compared as written (without spaces,
        and without the district prefix the forms sometimes add)."""
        rows = self.ex.projects(Plan(scope=plan.scope))
        if len(rows) != 1:
            return None
        row = rows[0]
        recorded = row.value(a.field) or ""
        said = normalize(a.stated)

        def core(x: str) -> str:
            return re.sub(r"^(上海市)?(普陀区)?(桃浦镇)?", "", normalize(x))

        # 「社区文化事务中心」 for 「上海市普陀区桃浦镇社区文化事务中心」: the name without its place prefix
        holds = said == normalize(recorded) or core(said) == core(recorded)
        return Claim(text, CORRECT if holds else WRONG, expected=a.stated,
                     found=f"{L.FIELD[a.field].label}「{recorded}」",
                     relation=prompts.render("check_relation", cond=Cond(a.field, "in", (a.stated,)), h=_labels()),
                     citations=[Citation(row.name, row.file, row.line)])

    # -- counts, totals, universals, uniqueness, ranks, comparisons, shares ----------------------------------------

    def _count(self, text: str, plan: Plan, a) -> Claim:
        if a.counted == "indicator":
            rows = self.ex.indicators(plan.with_(subject="indicator"))
            found = len(rows)
        else:
            rows = self.ex.projects(plan.with_(subject="project"))
            found = len(rows)
        holds = _compare(found, a.op, a.value) if a.op != "=" else found == int(a.value)
        desc = prompts.render("plan_conditions", plan=plan, h=_labels())
        cites = [Citation(r.project if isinstance(r, IndicatorRow) else r.name, r.file, r.line) for r in rows[:20]]
        return Claim(text, CORRECT if holds else WRONG, expected=f"{format_number(Decimal(str(a.value)))}",
                     found=str(found), relation=prompts.render("check_count_relation", op=a.op,
                                                              scope=_scope_words(plan), desc=desc,
                                                              counted=a.counted),
                     citations=cites)

    def _aggregate(self, text: str, plan: Plan, a) -> Claim | None:
        if a.field is None:
            return None
        from .assertions import AggregateCheck

        op = a.measure if not (a.field == "rate" and a.measure == "sum") else "rate"
        cond = Cond(a.field, a.op, a.value, stated=a.stated, scale=a.scale)
        return AggregateCheck(self).run(text, plan, op, a.field, cond, a.approx)

    def _universal(self, text: str, plan: Plan, a) -> Claim | None:
        from .assertions import universal

        return universal(self, text, a.subject, plan, rows_counted=a.counted == "indicator")

    def _unique(self, text: str, plan: Plan, a) -> Claim | None:
        from .assertions import unique

        return unique(self, text, plan)

    def _top(self, text: str, plan: Plan, a) -> Claim | None:
        from .assertions import top

        return top(self, text, plan, a)

    _rank = _top

    def _compare(self, text: str, plan: Plan, a) -> Claim | None:
        from .assertions import compare

        return compare(self, text, plan, a)

    def _share(self, text: str, plan: Plan, a) -> Claim | None:
        from .assertions import share

        return share(self, text, plan, a)

    # -- output ---------------------------------------------------------------------------------------------------

    def render(self, result: CheckResult) -> str:
        from index.locations import line_label
        from index.readers import is_text

        refs = [(c.file, c.line) for claim in result.claims for c in claim.citations if not is_text(c.file)]
        labels = {k: loc.label for k, loc in self.a.store.locations(refs).items()} if refs else {}
        return prompts.render("answer_check", verdict=result.verdict, claims=result.claims,
                              where=lambda c: labels.get((c.file, c.line)) or line_label(c.line))


_ANCHORS = ("satisfaction", "level1", "level2", "name")


def _stated_text(c: Cond) -> str:
    return prompts.render("check_stated", cond=c, h=_labels())


def _labels():
    from .render import Helpers
    from .answer import Answer

    return Helpers(Answer("", ""))


def _scope_words(plan: Plan) -> str:
    from .render import describe_scope

    return describe_scope(plan)
