"""Claims about sets of records: totals, universals, uniqueness, superlatives and ranks, comparisons, shares.

Each function computes the evidence with the executor (all records, never a sample) and returns a ``Claim``
whose verdict follows from that evidence alone.
"""
from __future__ import annotations

from decimal import Decimal

from . import lexicon as L
from . import prompts
from .answer import Citation
from .calculator import calculate, format_number
from .formatting import fixed2
from .execute import Figure, IndicatorRow, ProjectRow, figure_text
from .factcheck import CORRECT, UNKNOWN, WRONG, Claim, _compare, _labels, same
from .plan import Cond, IndicatorClause, Measure, Order, Plan, Scope

MAX_EXAMPLES = 20
_FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "=", "in": "notin", "notin": "in"}


def _cite(r) -> Citation:
    if isinstance(r, IndicatorRow):
        return Citation(r.project, r.file, r.line)
    return Citation(r.name, r.file, r.line)


class AggregateCheck:
    """「社发办全年执行数合计3807.15万元」「平均分92.3分」: a total, average or overall rate of a set."""

    def __init__(self, checker):
        self.c = checker

    def run(self, text: str, plan: Plan, op: str, field: str, cond: Cond, approx: bool) -> Claim:
        rows = self.c.ex.projects(plan)
        if not rows:
            return Claim(text, UNKNOWN, note=prompts.render("check_empty_set"))
        figure = self.c.ex._figure(Measure(op, field), rows, plan)
        if figure.value is None:
            return Claim(text, UNKNOWN, note=prompts.render("check_empty_set"))
        stated = Decimal(cond.stated or str(cond.value))
        if cond.op == "=":
            holds = same(stated, figure.value, approx, cond.scale)
        else:
            holds = _compare(figure.value, cond.op, Decimal(str(cond.value)))
        h = _labels()
        return Claim(text, CORRECT if holds else WRONG, expected=f"{stated}",
                     found=f"{h.figure(figure)}{h.munit(figure.key)}",
                     relation=prompts.render("check_aggregate_relation", op=op, label=L.FIELD[field].label,
                                             count=len(rows), expression=figure.expression),
                     citations=[Citation(r.name, r.file, r.line_of(field)) for r in rows[:MAX_EXAMPLES]])


def _negated(c: Cond) -> Cond:
    if c.field in ("met", "deducted") or c.op == "whole":
        return c.with_(value=not c.value)
    if c.op == "between":
        return c  # handled by set difference
    return c.with_(op=_FLIP[c.op])


def universal(checker, text: str, subject: Plan, predicate: Plan, rows_counted: bool = False) -> Claim | None:
    """「所有项目执行率均为100%」「评分等级为良的项目全部是社发办的项目」: true only with no counter-example."""
    if not (predicate.conds or predicate.clauses):
        return None
    ex = checker.ex
    # What the claim ranges over is exactly what comes before 均/都/全部 (an empty scope is every project);
    # 「…全部是社发办的项目」 puts 社发办 in what is asserted, not in the range.
    base = subject.with_(subject="project")
    members = ex.projects(base)
    if not members:
        return Claim(text, UNKNOWN, note=prompts.render("check_empty_set"))
    counter: dict[tuple, object] = {}
    if predicate.conds:
        ok = {r.form for r in ex.projects(base.with_(conds=base.conds + predicate.conds,
                                                     clauses=base.clauses))}
        for r in members:
            if r.form not in ok:
                counter[r.form] = r
    for clause in predicate.clauses:
        anchors = tuple(c for c in clause.conds if c.field in ("satisfaction", "level1", "level2", "name"))
        preds = [c for c in clause.conds if c not in anchors]
        if not preds:
            # 「所有项目都设置了满意度指标」: a project with no such row is the counter-example
            having = {r.form for r in ex.projects(base.with_(clauses=(IndicatorClause(anchors),)))}
            for r in members:
                if r.form not in having:
                    counter.setdefault(r.form, r)
        for p in preds:
            # Every matching indicator row must meet the predicate: a row that does not is a counter-example.
            bad = IndicatorClause(anchors + (_negated(p),))
            rows = ex.indicators(base.with_(subject="indicator", scope=base.scope.with_(
                within=tuple(m.form for m in members)), clauses=(bad,)), clauses=(bad,))
            for r in rows:
                # counter-examples are projects, or indicator rows when the claim is about indicators
                counter.setdefault((r.file, r.line) if rows_counted else r.form, r)
    holds = not counter
    examples = list(counter.values())
    relation = prompts.render("check_universal_relation", count=len(members),
                              subject=prompts.render("plan_conditions", plan=base, h=_labels()),
                              predicate=prompts.render("plan_conditions", plan=predicate.with_(
                                  conds=predicate.conds), h=_labels()))
    numeric = [c.field for c in predicate.conds if c.field in L.FIELD
               and L.FIELD[c.field].kind in ("money", "percent", "score", "count")]
    numeric += [c.ref for c in predicate.conds if c.ref in L.FIELD]
    names = [prompts.render("check_example", row=e, h=_labels(), fields=list(dict.fromkeys(numeric)))
             for e in examples]
    decisive = next((c.field for c in predicate.conds if c.field in L.FIELD), "")
    cites = [_cite(e) if isinstance(e, IndicatorRow) else Citation(e.name, e.file, e.line_of(decisive))
             for e in examples[:MAX_EXAMPLES]]
    return Claim(text, CORRECT if holds else WRONG, expected="全部符合",
                 found=prompts.render("check_counter", count=len(examples), names=names[:MAX_EXAMPLES]),
                 relation=relation, citations=cites)


def unique(checker, text: str, plan: Plan) -> Claim | None:
    """「X是唯一一个98分的项目」「只有社发办有良的项目」: the condition's matches are exactly the named ones."""
    scope = plan.scope
    if not (plan.conds or plan.clauses) or not (scope.projects or scope.offices):
        return None
    # 「X是社发办唯一一个良的项目」: the project is what is named, the office is where to look.
    named_projects = set(scope.projects)
    named_offices = set() if scope.projects else set(scope.offices)
    within = Scope(offices=scope.offices if scope.projects else (), departments=scope.departments, years=scope.years)
    rows = checker.ex.projects(plan.with_(scope=within))
    inside = [r for r in rows if r.name in named_projects or r.office in named_offices]
    others = [r for r in rows if r not in inside]
    holds = bool(inside) and not others
    return Claim(text, CORRECT if holds else WRONG, expected="、".join(sorted(named_projects | named_offices)),
                 found=prompts.render("check_matches", count=len(rows), names=[r.name for r in rows][:MAX_EXAMPLES]),
                 relation=prompts.render("check_unique_relation",
                                         cond=prompts.render("plan_conditions", plan=plan, h=_labels())),
                 citations=[_cite(r) for r in rows[:MAX_EXAMPLES]])


def top(checker, text: str, plan: Plan, a) -> Claim | None:
    """「X是全镇执行率最低的项目」「总分排名第3」「数量最多的科室是社发办」: the real top, ties named."""
    scope = plan.scope
    named = set(scope.projects) or set(scope.offices)
    if not named or a.field is None:
        return None
    ex = checker.ex
    if a.group == "office" or (scope.offices and not scope.projects):
        key = "count" if a.field == "count" else ("sum:" if L.FIELD[a.field].kind == "money" else "avg:") + a.field
        m = Measure("count") if a.field == "count" else Measure(key.split(":")[0], a.field)
        groups = ex.run(Plan(group_by="office", measures=(m,), order=Order(key=key, desc=a.desc, limit=None),
                             conds=plan.conds, clauses=plan.clauses)).groups
        wanted = a.rank or 1
        winners = [g for g in groups if g.rank == wanted]
        holds = any(g.key in named for g in winners)
        h = _labels()
        found = "、".join(f"{g.key}（{h.figure(g.figures[key])}{h.munit(key)}）" for g in winners)
        return Claim(text, CORRECT if holds else WRONG, expected="、".join(sorted(named)), found=found,
                     relation=prompts.render("check_top_relation", label=h.measure_header(key), desc=a.desc,
                                             rank=wanted, scope=""),
                     citations=[_cite(r) for g in winners for r in g.rows[:MAX_EXAMPLES]])
    within = Scope(offices=tuple(o for o in scope.offices), departments=scope.departments, years=scope.years)
    order = Order(key=a.field, desc=a.desc, limit=None if a.rank else 1, rank=a.rank)
    if L.FIELD[a.field].level == "indicator":
        return _top_indicator(checker, text, plan, a, within, order, named)
    result = ex.run(Plan(scope=within, conds=plan.conds, clauses=plan.clauses, order=order,
                         measures=(Measure("list"),)))
    winners = result.projects
    holds = any(r.name in named for r in winners)
    label = L.FIELD[a.field].label
    found = "、".join(f"{r.name}（{figure_text(a.field, r.value(a.field))}{L.FIELD[a.field].unit}）" for r in winners)
    note = prompts.render("check_tie", count=len(winners)) if len(winners) > 1 else ""
    if not holds:  # 「X的执行数全镇第二」 when X is third: say where X stands
        ranked = ex.run(Plan(scope=within, conds=plan.conds, clauses=plan.clauses, measures=(Measure("list"),),
                             order=Order(key=a.field, desc=a.desc))).projects
        places = _places(ranked, a.field)
        actual = [(r, places[i]) for i, r in enumerate(ranked) if r.name in named]
        if actual:
            note = "；".join(x for x in (note, prompts.render(
                "check_actual_rank", rows=[(r.name, figure_text(a.field, r.value(a.field)) + L.FIELD[a.field].unit, k)
                                           for r, k in actual], desc=a.desc)) if x)
    return Claim(text, CORRECT if holds else WRONG, expected="、".join(sorted(named)), found=found or "（无）",
                 relation=prompts.render("check_top_relation", label=label, desc=a.desc, rank=a.rank or 1,
                                         scope="、".join(scope.offices)),
                 note=note, citations=[Citation(r.name, r.file, r.line_of(a.field)) for r in winners])


def _top_indicator(checker, text: str, plan: Plan, a, within: Scope, order: Order, named: set) -> Claim:
    """「单条指标扣分最多的是X的Y」: the top indicator rows (ties named), and whether X's (Y) is among them."""
    result = checker.ex.run(Plan(scope=within, subject="indicator", clauses=plan.clauses, order=order,
                                 measures=(Measure("list"),)))
    winners = result.indicators
    names = set(plan.indicator_names)
    holds = any(r.project in named and (not names or r.name in names) for r in winners)
    unit = L.FIELD[a.field].unit
    found = "、".join(f"{r.project}「{r.name}」（{figure_text(a.field, r.value(a.field))}{unit}）" for r in winners)
    note = prompts.render("check_tie", count=len(winners)) if len(winners) > 1 else ""
    return Claim(text, CORRECT if holds else WRONG, expected="、".join(sorted(named | names)), found=found or "（无）",
                 relation=prompts.render("check_top_relation", label=L.FIELD[a.field].label, desc=a.desc,
                                         rank=a.rank or 1, scope="、".join(within.offices)),
                 note=note, citations=[Citation(r.project, r.file, r.line) for r in winners[:MAX_EXAMPLES]])


def _places(rows: list, key: str) -> list[int]:
    """Competition places of rows already in order (tied rows share the first place of their tie)."""
    places, prev = [], object()
    for i, r in enumerate(rows):
        if r.value(key) != prev:
            place, prev = i + 1, r.value(key)
        places.append(place)
    return places


def compare(checker, text: str, plan: Plan, a) -> Claim | None:
    """「A的执行数比B多」「A比B多执行了100万元」: the sign (and the stated difference) of A − B."""
    scope = plan.scope
    kind = "project" if len(scope.projects) >= 2 else "office"
    names = scope.projects if kind == "project" else scope.offices
    field = a.field
    stated = [c for c in plan.conds if c.field == field and c.op == "=" and c.ref is None]
    if field is None or len(names) != 2:
        return None
    op = "value" if kind == "project" else ("sum" if L.FIELD[field].kind == "money" else "avg")
    result = checker.ex.run(Plan(intent="compare", scope=Scope(**{kind + "s": names}), compare=(kind,),
                                 measures=(Measure(op, field),), difference=True))
    if result.kind == "ambiguous" or result.difference is None:
        return Claim(text, UNKNOWN, note=prompts.render("check_empty_set"))
    diff = result.difference.value
    holds = _compare(diff, a.op, 0)
    if holds and stated:
        holds = same(Decimal(stated[0].stated or str(stated[0].value)), abs(diff), False, stated[0].scale)
    h = _labels()
    found = "；".join(f"{e.name} {h.figure(next(iter(e.figures.values())))}{L.FIELD[field].unit}"
                     for e in result.entities)
    found += f"；差额 {figure_text(field, diff)}{L.FIELD[field].unit}（计算：{result.difference.expression}）"
    return Claim(text, CORRECT if holds else WRONG, expected=text, found=found,
                 relation=prompts.render("check_compare_relation", a=names[0], b=names[1], label=L.FIELD[field].label,
                                         op=a.op),
                 citations=[Citation(r.name, r.file, r.line_of(field)) for e in result.entities for r in e.rows])


def share(checker, text: str, plan: Plan, a) -> Claim | None:
    """「社发办全年执行数占全镇的5%」: a share computed by the calculator."""
    if a.value is None or a.field is None:
        return None
    rows = checker.ex.projects(plan)
    figure = checker.ex._figure(Measure("share", a.field), rows, plan)
    if figure.value is None:
        return Claim(text, UNKNOWN, note=prompts.render("check_empty_set"))
    holds = same(Decimal(a.stated or str(a.value)), figure.value, a.approx) if a.op == "=" else \
        _compare(figure.value, a.op, a.value)
    return Claim(text, CORRECT if holds else WRONG, expected=f"{a.stated}%", found=f"{fixed2(figure.value)}%",
                 relation=prompts.render("check_share_relation", label=L.FIELD[a.field].label,
                                         expression=figure.expression,
                                         whole="、".join(plan.share_of.offices) if plan.share_of else ""),
                 citations=[Citation(r.name, r.file, r.line_of(a.field)) for r in rows[:MAX_EXAMPLES]])
