"""The answer chain (LCEL): question → understood query → tool results → answer [→ LLM phrasing → checks]."""
from __future__ import annotations

from langchain_core.runnables import RunnableLambda

from .understand import merge_follow_up


def build_chain(assistant):
    """One runnable from {"question", "session"} to an ``Answer``."""

    def understand(inputs: dict) -> dict:
        session = inputs["session"]
        query = assistant.understander.parse(inputs["question"])
        query = merge_follow_up(query, session.last)
        return inputs | {"query": query}

    def compose(state: dict) -> dict:
        return state | {"answer": assistant.composer.answer(state["query"])}

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
