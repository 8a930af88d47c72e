"""The answer chain (LCEL): question → understood query → tool results → answer [→ LLM phrasing → checks]."""
from __future__ import annotations

import re

from langchain_core.runnables import RunnableLambda

from .answer import Answer
from .understand import merge_follow_up


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


def summary_answer(assistant, query) -> Answer:
    from .summarize import SummaryTargetError

    target = (query.pf.projects[0] if query.pf.projects else query.pf.offices[0] if query.pf.offices else "全部")
    try:
        summary = assistant.summarize(target)
    except SummaryTargetError as exc:
        return Answer(str(exc), "clarify")
    answer = Answer(summary.text, "summarize", tools=["summarize"], figures=list(summary.figures))
    for c in summary.citations:
        answer.cite(c.project, c.file, c.line)
    return answer


def build_chain(assistant):
    """One runnable from {"question", "session"} to an ``Answer``."""

    def understand(inputs: dict) -> dict:
        session = inputs["session"]
        query = assistant.understander.parse(inputs["question"])
        query = merge_follow_up(query, session.last)
        return inputs | {"query": query}

    def compose(state: dict) -> dict:
        try:
            query = state["query"]
            if query.kind == "check":
                answer = check_answer(assistant, state["question"])
            elif query.kind == "summarize":
                answer = summary_answer(assistant, query)
            else:
                answer = assistant.composer.answer(query)
        except Exception as exc:  # one bad question must not take the conversation down
            answer = Answer(f"处理这个问题时出错了（{type(exc).__name__}: {exc}），没有作答。请换一种问法，"
                            f"或把问题报告给维护人员。", "error")
        return state | {"answer": answer}

    def phrase(state: dict) -> dict:
        if assistant.llm is None:
            return state
        from .phrase import phrase_with_llm

        return state | {"answer": phrase_with_llm(assistant, state["question"], state["answer"])}

    def remember(state: dict):
        session, query, answer = state["session"], state["query"], state["answer"]
        if query.kind not in ("unknown", "clarify"):
            session.last = query
        session.turns.append((state["question"], answer.text))
        return answer

    return (RunnableLambda(understand, name="understand") | RunnableLambda(compose, name="compose")
            | RunnableLambda(phrase, name="phrase") | RunnableLambda(remember, name="remember"))
