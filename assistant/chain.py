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
from .plan import Context

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
    answer = Answer(summary.text, "summarize", tools=["summarize"], figures=list(summary.figures))
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


def build_chain(assistant):
    """One runnable from {"question", "session"} to an ``Answer``."""

    def understand(inputs: dict) -> dict:
        session = inputs["session"]
        try:
            plan = assistant.understander.parse(inputs["question"], session.context)
        except Exception:  # reading the question failed: say so, never answer something else
            log.exception("understanding %r failed", inputs["question"][:200])
            plan = None
        return inputs | {"plan": plan}

    def answer(state: dict) -> dict:
        plan = state["plan"]
        try:
            if plan is None:
                raise RuntimeError("the question could not be read")
            if plan.intent == "check":
                result = check_answer(assistant, state["question"])
            elif plan.intent == "summarize":
                result = summary_answer(assistant, plan)
            else:
                result = assistant.answer_plan(plan)
        except Exception:  # one bad question must not take the conversation down; details go to the log
            log.exception("answering %r failed", state["question"][:200])
            result = Answer(prompts.render("answer_error"), "error")
        return state | {"answer": result}

    def phrase(state: dict) -> dict:
        if assistant.llm is None:
            return state
        from .phrase import phrase_with_llm
        from .sources import inert_markdown

        answer = phrase_with_llm(assistant, state["question"], state["answer"])
        answer.text = inert_markdown(answer.text)  # a model may echo form text: no images or HTML from it
        return state | {"answer": answer}

    def memory(state: dict):
        session, plan, result = state["session"], state["plan"], state["answer"]
        remember(session, plan, result)
        session.turns.append((state["question"], result.text))
        return result

    return (RunnableLambda(understand, name="understand") | RunnableLambda(answer, name="answer")
            | RunnableLambda(phrase, name="phrase") | RunnableLambda(memory, name="remember"))
