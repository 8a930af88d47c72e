"""The answer chain (LCEL): question → understood query → tool results → answer [→ LLM phrasing → checks]."""
from __future__ import annotations

from langchain_core.runnables import RunnableLambda

from .answer import Answer
from .understand import merge_follow_up


def build_chain(assistant):
    """One runnable from {"question", "session"} to an ``Answer``."""

    def understand(inputs: dict) -> dict:
        session = inputs["session"]
        query = assistant.understander.parse(inputs["question"])
        query = merge_follow_up(query, session.last)
        return inputs | {"query": query}

    def compose(state: dict) -> dict:
        try:
            answer = assistant.composer.answer(state["query"])
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
