"""The model fills the plan (never the answer) for a question the rules could not place.

One structured call: the ``QuestionPlan`` schema below is sent as the only tool with ``tool_choice`` naming it
(servers then constrain the reply to the schema); a call the model writes as text is read too. The reply is
validated twice — by the schema (only keys of ``lexicon.FIELD``, the plan's ops, measures and groups) and
against the store (projects and offices resolved through ``Understander.mentioned_projects`` /
``mentioned_offices`` and named in the question; numbers taken from the question; indicator categories, names and
statuses that exist; a dry run of the executor) — with one repair round that tells the model what was wrong.
Then the executor and the templates answer exactly as in rule mode.

A place or year outside the store, a thing the forms do not record, a pick among namesakes the question does not
make, or a plan that still fails after the repair: a refusal or a question back, never a guess.
"""
from __future__ import annotations

import json
import re
from contextlib import closing
from dataclasses import dataclass, field
from typing import Literal

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from . import lexicon as L
from . import prompts
from .llm_call import Budget, parse_tool_calls
from .plan import GROUPS, MEASURES, Cond, Context, IndicatorClause, Measure, Order, Plan, Scope
from .render import Helpers, describe, describe_scope
from .answer import Answer
from .understand import normalize
from .verify import numbers_in

PROJECT_FIELDS = tuple(k for k, f in L.FIELD.items() if f.level == "project")
INDICATOR_FIELDS = tuple(k for k, f in L.FIELD.items() if f.level == "indicator")
NUMERIC_KINDS = ("money", "percent", "score", "count")
PROJECT_NUMERIC = tuple(k for k in PROJECT_FIELDS if L.FIELD[k].kind in NUMERIC_KINDS)
INDICATOR_NUMERIC = ("weight", "score", "lost")
COMPARISONS = ("<", "<=", ">", ">=", "=", "!=")
REFUSAL_KINDS = {"place": "place", "year": "year", "not_recorded": "not_recorded", "opinion": "unknown",
                 "other": "unknown"}


class ProjectCondition(BaseModel):
    field: Literal[PROJECT_FIELDS]
    op: Literal["<", "<=", ">", ">=", "=", "!=", "between", "in", "notin", "contains"]
    value: float | str | list[float] | list[str] | None = None
    ref_field: Literal[PROJECT_NUMERIC] | None = None
    factor: float = 1.0


class IndicatorCondition(BaseModel):
    test: Literal["satisfaction", "level1", "level2", "name", "met", "deducted", "status", "actual_value",
                  "target_value", "weight", "score", "lost", "reason"]
    op: Literal["is", "<", "<=", ">", ">=", "=", "!=", "between", "contains"] = "is"
    value: bool | float | str | list[float] | None = None
    unit: str | None = None


class MeasureSpec(BaseModel):
    op: Literal[MEASURES]
    field: Literal[PROJECT_NUMERIC + INDICATOR_NUMERIC] | None = None


class OrderSpec(BaseModel):
    by: str
    descending: bool = True
    limit: int | None = Field(default=None, ge=1)


class QuestionPlan(BaseModel):
    """A query plan over the stored 自评表 records; every key is explained in the instructions."""

    intent: Literal["query", "compare", "reason", "goal", "form", "open", "refuse"]
    refuse_reason: Literal["place", "year", "not_recorded", "opinion", "other"] | None = None
    refuse_words: list[str] = []
    subject: Literal["project", "indicator"] = "project"
    projects: list[str] = []
    offices: list[str] = []
    name_contains: list[str] = []
    places: list[str] = []
    years: list[int] = []
    follow_up: bool = False
    conditions: list[ProjectCondition] = []
    indicator_conditions: list[IndicatorCondition] = []
    group_by: Literal[GROUPS] | None = None
    measures: list[MeasureSpec] = []
    order: OrderSpec | None = None
    fields: list[Literal[PROJECT_FIELDS + INDICATOR_FIELDS]] = []
    compare: Literal["project", "office"] | None = None
    difference: bool = False


TOOL_NAME = QuestionPlan.__name__


@dataclass
class Reading:
    """What the model made of a question: ``plan`` to answer (a refusal or a question back included), ``open``
    for the tool loop, or neither with ``errors`` when no valid plan came back."""

    plan: Plan | None = None
    open: bool = False
    description: str = ""  # how the question was read, for the notice
    errors: list[str] = field(default_factory=list)
    spec: dict | None = None  # the model's last reply, for the log and the benchmark


class _Invalid(Exception):
    pass


class _Stop(Exception):
    """Not an error to repair: the plan must be a refusal or a question back."""

    def __init__(self, plan: Plan):
        super().__init__(plan.refusal or plan.intent)
        self.plan = plan


# -- the call -------------------------------------------------------------------------------------------------------

def _arguments(reply: AIMessage) -> dict | None:
    for call in reply.tool_calls or []:
        if call["name"] == TOOL_NAME:
            return call.get("args") or {}
    if isinstance(reply.content, str):
        calls = parse_tool_calls(reply.content)
        for call in calls:
            if call.name == TOOL_NAME:
                return call.args
        text = reply.content.strip()
        m = re.search(r"\{.*\}", text, re.S)  # JSON written without any tool markup
        if m:
            try:
                obj = json.loads(m.group(0))
            except ValueError:
                return None
            return obj if isinstance(obj, dict) and "intent" in obj else None
    return None


def read(assistant, question: str, context: Context | None, budget: Budget) -> Reading:
    """One structured call (and one repair round) turning ``question`` into a checked plan."""
    previous = context.label if context is not None and context.plan is not None else ""
    ask = prompts.render(
        "llm_plan", question=question, fields=[L.FIELD[k] for k in PROJECT_FIELDS + INDICATOR_FIELDS],
        offices=sorted(o for o in assistant.vocab.offices if o), level1s=_distinct(assistant, "level1"),
        level2s=_distinct(assistant, "level2"), statuses=sorted(set(L.STATUS_WORDS.values())),
        corpus=assistant.corpus_label(), previous=previous)
    messages = [SystemMessage(prompts.render("llm_system")), HumanMessage(ask)]
    reading = Reading()
    for attempt in range(2):
        reply = budget.invoke(messages, tools=[QuestionPlan], tool_choice=TOOL_NAME)
        args = _arguments(reply)
        reading.spec = args
        if args is None:
            reading.errors = [f"no {TOOL_NAME} call in the reply"]
        else:
            try:
                spec = QuestionPlan.model_validate(args)
            except ValidationError as exc:
                reading.errors = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()][:8]
            else:
                try:
                    return _reading(assistant, question, spec, context)
                except _Stop as stop:
                    return Reading(plan=stop.plan, description=_refusal_words(stop.plan), spec=args)
                except _Invalid as exc:
                    reading.errors = [str(exc)]
        if attempt == 0:
            # The repair goes as a plain exchange (the model's reply as text, then the errors): no tool-result
            # turn, which chat templates render differently from server to server.
            messages += [AIMessage(content=json.dumps(args, ensure_ascii=False) if args is not None else ""),
                         HumanMessage(prompts.render("llm_plan_repair", errors=reading.errors))]
    return reading


def _refusal_words(plan: Plan) -> str:
    return "、".join(plan.unknown) if plan.unknown else "、".join(plan.candidates)


def _distinct(assistant, column: str) -> list[str]:
    """The 一级/二级 names the store holds (the schema lets the model pick only these)."""
    with closing(assistant.store.connect()) as conn:
        return [r[0] for r in conn.execute(f"SELECT DISTINCT {column} FROM indicators WHERE {column} != ''"
                                           f" ORDER BY {column}")]


# -- checking a plan against the question and the store ---------------------------------------------------------------

def _reading(assistant, question: str, spec: QuestionPlan, context: Context | None) -> Reading:
    if spec.intent == "open":
        return Reading(open=True, spec=spec.model_dump())
    plan = _plan(assistant, question, spec, context)
    try:
        assistant.executor.run(plan)  # a plan the executor cannot run is a plan to repair
    except Exception as exc:
        raise _Invalid(f"the plan cannot run: {type(exc).__name__}: {exc}") from exc
    return Reading(plan=plan, description=read_back(plan), spec=spec.model_dump())


def _refuse(question: str, kind: str, words) -> _Stop:
    return _Stop(Plan("refuse", text=question, refusal=kind, unknown=tuple(dict.fromkeys(words))))


class _Question:
    """The question's own words and numbers: what a plan may use."""

    def __init__(self, assistant, question: str):
        self.text = normalize(question)
        self.u = assistant.understander
        self.numbers = set()
        for n in numbers_in(self.text):
            self.numbers |= {n.value, n.written}
        self.projects, self.ambiguous = self.u.mentioned_projects(question)
        self.offices = self.u.mentioned_offices(question)

    def says(self, words: str) -> bool:
        w = normalize(words)
        return len(w) >= 2 and w in self.text

    def number(self, value, what: str) -> float:
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise _Invalid(f"{what}: {value!r} is not a number") from None
        if v != 0 and not any(abs(float(n) - v) < 1e-9 for n in self.numbers):
            raise _Invalid(f"{what}: {value!r} does not appear in the question; use only the question's numbers")
        return v


def _plan(assistant, question: str, spec: QuestionPlan, context: Context | None) -> Plan:
    vocab = assistant.vocab
    q = _Question(assistant, question)
    # Refusals first: they need no other key to be right.
    home = set(vocab.places()) | set(vocab.departments)
    outside = [p for p in spec.places if not any(p in h or normalize(p) in normalize(h) for h in home)]
    if outside:
        raise _refuse(question, "place", outside)
    years = [y for y in spec.years if y not in vocab.years]
    if years:
        raise _refuse(question, "year", [str(y) for y in years])
    if spec.intent == "refuse":
        raise _refuse(question, REFUSAL_KINDS.get(spec.refuse_reason or "other", "unknown"),
                      spec.refuse_words or [question])
    projects = _projects(q, vocab, spec.projects, question)
    offices = _offices(q, vocab, spec.offices)
    for word in spec.name_contains:
        if not q.says(word) or not any(word in p for p in vocab.projects):
            raise _Invalid(f"name_contains: {word!r} must be words of the question found in project names")
    within, label = (), ""
    if spec.follow_up:
        if context is None or not context.forms:
            raise _refuse(question, "no_context", ["follow_up"])
        within, label = context.forms, context.label
    scope = Scope(projects=tuple(projects), offices=tuple(offices), name_contains=tuple(spec.name_contains),
                  years=tuple(spec.years) if len(vocab.years) > 1 else (), within=within, within_label=label)
    subject = spec.subject
    conds = tuple(_condition(q, vocab, c) for c in spec.conditions)
    iconds = tuple(_indicator_condition(assistant, q, c) for c in spec.indicator_conditions)
    clauses = (IndicatorClause(iconds),) if iconds else ()
    measures = tuple(_measure(m, subject) for m in spec.measures)
    fields = tuple(dict.fromkeys(spec.fields))
    plan = Plan(intent=spec.intent, subject=subject, scope=scope, conds=conds, clauses=clauses,
                group_by=spec.group_by, measures=measures, fields=fields, text=question, follow_up=spec.follow_up)
    if spec.group_by in ("level1", "level2") and subject != "indicator":
        raise _Invalid(f"group_by {spec.group_by} needs subject indicator")
    if spec.intent == "compare":
        return _compare(plan, spec)
    if spec.intent in ("goal", "form"):
        if not projects:
            raise _Invalid(f"intent {spec.intent} needs the project the question names")
        if spec.intent == "goal":
            which = "both" if not ({"goal", "achieved"} & set(fields)) or {"goal", "achieved"} <= set(fields) \
                else ("goal" if "goal" in fields else "achieved")
            return plan.with_(fields=(which,), measures=())
        return plan.with_(measures=())
    if spec.intent == "reason":
        if not projects and not clauses:
            raise _Invalid("intent reason needs a project or indicator_conditions")
        names = tuple(n for n in (c.value for c in iconds if c.field == "name" and c.op == "=") if n)
        return plan.with_(measures=(), indicator_names=names if projects else ())
    if not measures:
        measures = (Measure("value"),) if projects and fields and not spec.order else (Measure("list"),)
    if measures[0].op == "value" and not projects:
        raise _Invalid("measure value needs the project the question names; use list, or a measure over the set")
    plan = plan.with_(measures=measures)
    if spec.order is not None:
        plan = plan.with_(order=_order(spec.order, plan))
    return plan


def _projects(q: _Question, vocab, names: list[str], question: str) -> list[str]:
    out: list[str] = []
    for name in names:
        found, ambiguous = ([name], False) if name in vocab.projects else q.u.mentioned_projects(name)
        if not found:
            raise _Invalid(f"projects: {name!r} is not a project in the store")
        if len(found) > 1 or ambiguous:
            if q.says(name) or set(found) & set(q.projects):
                raise _Stop(Plan("clarify", text=question, candidates=tuple(found)))
            raise _Invalid(f"projects: {name!r} names several projects and the question does not say which")
        project = found[0]
        if q.says(name) or q.says(project):
            out.append(project)
        elif project in q.projects:
            if q.ambiguous:  # the question's words fit several projects: picking one would be a guess
                raise _Stop(Plan("clarify", text=question, candidates=tuple(q.projects)))
            out.append(project)
        else:
            raise _Invalid(f"projects: {name!r} is not named in the question")
    return list(dict.fromkeys(out))


def _offices(q: _Question, vocab, names: list[str]) -> list[str]:
    known = {o for o in vocab.offices if o}
    out = []
    for name in names:
        found = [name] if name in known else q.u.mentioned_offices(name)
        if len(found) != 1 or found[0] not in known:
            raise _Invalid(f"offices: {name!r} is not one office of the store ({'、'.join(sorted(known))})")
        if not (found[0] in q.offices or q.says(name) or q.says(found[0])):
            raise _Invalid(f"offices: {name!r} is not named in the question")
        out.append(found[0])
    return list(dict.fromkeys(out))


def _values(value) -> list:
    return list(value) if isinstance(value, list) else [value]


def _condition(q: _Question, vocab, c: ProjectCondition) -> Cond:
    f = L.FIELD[c.field]
    what = f"conditions.{c.field}"
    if c.field == "grade":
        grades = tuple(L.GRADE_WORDS.get(str(v), str(v)) for v in _values(c.value))
        if not grades or any(g not in L.GRADES for g in grades) or c.op not in ("in", "notin", "=", "!="):
            raise _Invalid(f"{what}: use op in/notin with grades among {'、'.join(L.GRADES)}")
        return Cond("grade", "notin" if c.op in ("notin", "!=") else "in", grades)
    if c.field == "office":
        offices = tuple(_offices(q, vocab, [str(v) for v in _values(c.value)]))
        if c.op not in ("in", "notin", "=", "!="):
            raise _Invalid(f"{what}: use op in/notin with offices")
        return Cond("office", "notin" if c.op in ("notin", "!=") else "in", offices)
    if f.kind not in NUMERIC_KINDS:
        if c.op != "contains" or not isinstance(c.value, str) or not q.says(c.value):
            raise _Invalid(f"{what}: a text field takes op contains with words of the question")
        return Cond(c.field, "contains", c.value)
    if c.ref_field is not None:
        if c.op not in COMPARISONS:
            raise _Invalid(f"{what}: compare with ref_field using < <= > >= = !=")
        factor = q.number(c.factor, f"{what}.factor") if c.factor != 1 else 1.0
        return Cond(c.field, c.op, None, ref=c.ref_field, factor=factor)
    if c.op == "between":
        values = _values(c.value)
        if len(values) != 2:
            raise _Invalid(f"{what}: between takes [low, high]")
        low, high = sorted(q.number(v, what) for v in values)
        return Cond(c.field, "between", (low, high))
    if c.op not in COMPARISONS or isinstance(c.value, list):
        raise _Invalid(f"{what}: a number field takes < <= > >= = != or between")
    return Cond(c.field, c.op, q.number(c.value, what))


def _indicator_condition(assistant, q: _Question, c: IndicatorCondition) -> Cond:
    what = f"indicator_conditions.{c.test}"
    if c.test == "satisfaction":
        return Cond("satisfaction", "is", "满意度")
    if c.test in ("level1", "level2"):
        known = _distinct(assistant, c.test)
        if c.value not in known:
            raise _Invalid(f"{what}: {c.value!r} is not one of {'、'.join(known)}")
        return Cond(c.test, "is", c.value)
    if c.test in ("met", "deducted"):
        value = c.value if isinstance(c.value, bool) else str(c.value).lower() in ("true", "1", "是")
        if c.op in ("!=",):
            value = not value
        return Cond(c.test, "is", value)
    if c.test == "status":
        status = L.STATUS_WORDS.get(str(c.value))
        if status is None:
            raise _Invalid(f"{what}: {c.value!r} is not one of {'、'.join(sorted(set(L.STATUS_WORDS.values())))}")
        return Cond("status", "!=" if c.op == "!=" else "=", status)
    if c.test == "name":
        if c.op == "contains":
            if not isinstance(c.value, str) or not q.says(c.value):
                raise _Invalid(f"{what}: contains takes words of the question")
            return Cond("name", "contains", c.value)
        names = {n for inds in assistant.vocab.indicators.values() for n in inds}
        if c.value not in names:
            raise _Invalid(f"{what}: {c.value!r} is not an indicator name; use op contains with the question's words")
        return Cond("name", "=", c.value)
    if c.test == "reason":
        if c.op in ("=", "is") and not c.value:
            return Cond("reason", "=", "")
        if c.op == "contains" and isinstance(c.value, str) and q.says(c.value):
            return Cond("reason", "contains", c.value)
        raise _Invalid(f"{what}: use op = with \"\" (not written) or contains with words of the question")
    # numbers of an indicator row
    if c.op == "between":
        values = _values(c.value)
        if len(values) != 2:
            raise _Invalid(f"{what}: between takes [low, high]")
        low, high = sorted(q.number(v, what) for v in values)
        return Cond(c.test, "between", (low, high), unit=c.unit or None)
    if c.op not in COMPARISONS:
        raise _Invalid(f"{what}: a number takes < <= > >= = != or between")
    return Cond(c.test, c.op, q.number(c.value, what), unit=(c.unit or None) if c.test.endswith("_value") else None)


def _measure(m: MeasureSpec, subject: str) -> Measure:
    if m.op in ("list", "count"):
        return Measure(m.op)
    if m.op == "rate":
        return Measure("rate", "rate")
    if m.field is None:
        if m.op in ("value", "share"):
            return Measure(m.op)
        raise _Invalid(f"measures.{m.op} needs a field")
    if (m.field in INDICATOR_NUMERIC) != (subject == "indicator") and m.field != "score":
        raise _Invalid(f"measures.{m.op}: field {m.field} does not belong to subject {subject}")
    if m.field == "score" and subject != "indicator":
        return Measure(m.op, "total_score")  # 「平均得分」 of projects is their 总分
    return Measure(m.op, m.field)


def _order(o: OrderSpec, plan: Plan) -> Order:
    keys = [f"{m.op}:{m.field}" if m.field else m.op for m in plan.measures]
    numeric = INDICATOR_NUMERIC if plan.subject == "indicator" else PROJECT_NUMERIC
    if plan.group_by:
        if o.by not in keys + ["count"]:
            raise _Invalid(f"order.by: with group_by, order by one of {', '.join(keys + ['count'])}")
    elif o.by not in numeric:
        raise _Invalid(f"order.by: {o.by!r} is not a number field of {plan.subject}s ({', '.join(numeric)})")
    return Order(o.by, o.descending, o.limit)


def _compare(plan: Plan, spec: QuestionPlan) -> Plan:
    kind = spec.compare or ("project" if len(plan.scope.projects) >= 2 else "office")
    names = plan.scope.projects if kind == "project" else plan.scope.offices
    if len(names) < 2:
        raise _Invalid(f"compare {kind} needs at least two {kind}s named in the question")
    measures = plan.measures or tuple(Measure("value", f) for f in plan.fields if f in PROJECT_NUMERIC)
    if not measures:
        raise _Invalid("compare needs measures (value, sum or avg of a number field)")
    if kind == "project":
        measures = tuple(Measure("value", m.field) if m.op not in ("value",) and m.field else m for m in measures)
    first = measures[0]
    order = Order(f"{first.op}:{first.field}" if first.field else first.op, spec.order.descending, 1) \
        if spec.order is not None else None
    return plan.with_(compare=(kind,), measures=measures, order=order, difference=spec.difference)


def read_back(plan: Plan) -> str:
    """How the model read the question, in words: scope, conditions, grouping, measures, order."""
    h = Helpers(Answer("", ""))
    measures = [h.measure_header(f"{m.op}:{m.field}" if m.field else m.op, plan.subject)
                for m in plan.measures if m.op not in ("list", "value")]
    if plan.intent == "compare" or any(m.op == "value" for m in plan.measures):
        measures += [h.label(m.field) for m in plan.measures if m.op == "value" and m.field]
        measures += [h.label(f) for f in plan.fields if f in L.FIELD and not any(m.field == f for m in plan.measures)]
    order = ""
    if plan.order is not None:
        order = h.measure_header(plan.order.key, plan.subject) if ":" in plan.order.key or plan.order.key == "count" \
            else h.label(plan.order.key)
    names = list(plan.scope.projects) + list(plan.scope.offices)
    return prompts.render("llm_plan_read", plan=plan, scope=describe_scope(plan), desc=describe(plan),
                          measures=measures, group=h.group_label(plan.group_by) if plan.group_by else "",
                          order=order, names=names).strip()
