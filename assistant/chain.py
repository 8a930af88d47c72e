"""The answer chain (LCEL): question → plan → result → answer [→ LLM phrasing → checks] → memory.

The steps are plain functions a reader can follow; the runnable only strings them together for callers who
compose chains.
"""
from __future__ import annotations

import logging
import re

from langchain_core.runnables import RunnableLambda

from . import prompts
from .answer import Answer
from .plan import Context, Plan

log = logging.getLogger(__name__)
_CHECK_PREFIX = re.compile(r"^.*?(核实|核查|核对|查证|判断|看看)[一下]*[:：,，]?\s*")


def check_answer(assistant, question: str) -> Answer:
    """「帮我核实：……」 in the chat: the statement after the request."""
    statement = question.split("：", 1)[1] if "：" in question else question.split(":", 1)[1] if ":" in question \
        else _CHECK_PREFIX.sub("", question)
    statement = re.sub(r"(是否正确|对不对|对吗|是真的吗|是否属实|准确吗)[?？。]*$", "", statement.strip())
    result = assistant.check(statement)
    answer = Answer(result.text, "check", tools=["fact_check"])
    for c in result.claims:
        for cite in c.citations:
            answer.cite(cite.project, cite.file, cite.line)
    answer.rows = result.to_json()["claims"]
    return answer


def summary_answer(assistant, plan) -> Answer:
    from .summarize import SummaryTargetError

    scope = plan.scope
    target = scope.projects[0] if scope.projects else scope.offices[0] if scope.offices else "全部"
    try:
        summary = assistant.summarize(target)
    except SummaryTargetError as exc:
        return Answer(str(exc), "clarify")
    answer = Answer(summary.text, "summarize", tools=["summarize"], figures=list(summary.figures), plan=plan)
    for c in summary.citations:
        answer.cite(c.project, c.file, c.line)
    return answer


def remember(session, plan, answer: Answer) -> None:
    """What a follow-up may refer to: the plan and the projects (forms) the answer named."""
    if plan is None or plan.intent in ("refuse", "clarify", "check", "summarize") or answer.refused:
        return
    result = answer.result
    forms: dict[tuple[str, int], str] = {}  # form → project name, in answer order (a dict: answers can be long)
    if result is not None:
        rows = result.projects or []
        if plan.subject == "indicator" or (not rows and result.indicators):
            rows = result.indicators
        for r in list(rows) + [r for e in result.entities for r in e.rows]:
            forms.setdefault(r.form, r.project if hasattr(r, "project") else r.name)
    session.context = Context(plan=plan, forms=tuple(forms), projects=tuple(dict.fromkeys(forms.values())),
                              label=plan.text)


def understand_step(assistant, question: str, session) -> Plan | None:
    """The question as a plan (None if reading it failed: said so, never answered as something else)."""
    try:
        return assistant.understander.parse(question, session.context)
    except Exception:
        log.exception("understanding %r failed", question[:200])
        return None


def answer_step(assistant, question: str, plan: Plan | None) -> Answer:
    """The rule answer: a fact-check, a draft, or the plan executed and rendered."""
    try:
        if plan is None:
            raise RuntimeError("the question could not be read")
        if plan.intent == "check":
            return check_answer(assistant, question)
        if plan.intent == "summarize":
            return summary_answer(assistant, plan)
        return assistant.answer_plan(plan)
    except Exception:  # one bad question must not take the conversation down; details go to the log
        log.exception("answering %r failed", question[:200])
        return Answer(prompts.render("answer_error"), "error")


def llm_stream(assistant, question: str, session, plan: Plan | None, answer: Answer):
    """The model's part (a generator of the growing text, returning the final Answer), or just the rule answer."""
    if assistant.llm is None:
        yield answer.text
        return answer
    from .llm_answer import improve
    from .sources import inert_markdown

    rule, stream = answer.text, improve(assistant, question, plan, answer, session.context)
    while True:  # a model may echo form text: no images or HTML from what it wrote
        try:
            text = next(stream)
        except StopIteration as stop:
            final = stop.value
            break
        yield text if text == rule else inert_markdown(text)
    if final.text != rule:
        final.text = inert_markdown(final.text)
    return final


def memory_step(session, question: str, plan: Plan | None, answer: Answer) -> Answer:
    """Remember what a follow-up may refer to (the plan the answer ran, the model's if it read the question)."""
    remember(session, answer.plan if answer.plan is not None else plan, answer)
    session.turns.append((question, answer.text))
    return answer


def drain(stream) -> Answer:
    """Run a streaming answer to its end and return the final Answer."""
    while True:
        try:
            next(stream)
        except StopIteration as stop:
            return stop.value


def build_chain(assistant):
    """One runnable from {"question", "session"} to an ``Answer``."""

    def understand(inputs: dict) -> dict:
        return inputs | {"plan": understand_step(assistant, inputs["question"], inputs["session"])}

    def answer(state: dict) -> dict:
        return state | {"answer": answer_step(assistant, state["question"], state["plan"])}

    def phrase(state: dict) -> dict:
        stream = llm_stream(assistant, state["question"], state["session"], state["plan"], state["answer"])
        return state | {"answer": drain(stream)}

    def memory(state: dict):
        return memory_step(state["session"], state["question"], state["plan"], state["answer"])

    return (RunnableLambda(understand, name="understand") | RunnableLambda(answer, name="answer")
            | RunnableLambda(phrase, name="phrase") | RunnableLambda(memory, name="remember"))
