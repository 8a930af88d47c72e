"""Open questions the plan cannot express (reasons, goals, what was done): the model looks things up with tools.

Written for real OpenAI-compatible servers, not just for OpenAI:
- every round sends ``tool_choice="required"`` (servers such as llama-cpp-python ignore tools without it);
- the assistant turn that carries the calls goes back with content "" (``llm.py``), followed by one ``tool``
  message per call, in order, with its ``tool_call_id``;
- a call the model wrote as text (<tool_call>…, <tools>…, bare JSON) is read and run, never shown;
- the model ends the lookups by calling ``finish`` (or the rounds run out); then one last request, without
  tools, asks it to answer with what it has, from the facts the tools returned as numbered slots;
- all of it shares the question's deadline; whatever fails gives the rule answer with a notice.
"""
from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Generator
from dataclasses import dataclass

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from . import notices, prompts
from .answer import Answer
from .lc_tools import RESULT_CHARS, langchain_tools
from .llm_call import Budget, ModelFailure, parse_tool_calls
from .phrase import checker_for, fallback, stream_reply
from .slots import FactSheet, fill

MAX_TOOL_ROUNDS = 3
TOOL_FAILED = "工具出错，没有结果"  # what the model (and so the user) sees; the error itself goes to the log
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ToolRun:
    name: str
    argument: str
    output: str


def _calls(reply: AIMessage) -> list[tuple[str, dict, str]]:
    """(name, args, id) of the calls in a reply, whether returned as tool calls or written as text."""
    calls = [(c["name"], c.get("args") or {}, c.get("id") or f"call_{uuid.uuid4().hex[:12]}")
             for c in reply.tool_calls or []]
    if not calls and isinstance(reply.content, str):
        calls = [(c.name, c.args, c.id) for c in parse_tool_calls(reply.content)]
    return calls


def _lookups(assistant, question: str, answer: Answer, budget: Budget, sheet: FactSheet) -> list[ToolRun]:
    """The tool rounds; stops at ``finish``, at a reply without calls, or after MAX_TOOL_ROUNDS."""
    tools = langchain_tools(assistant, sheet)
    by_name = {t.name: t for t in tools}
    messages = [SystemMessage(prompts.render("llm_system")), HumanMessage(prompts.render("llm_agent", question=question))]
    runs: list[ToolRun] = []
    for _ in range(MAX_TOOL_ROUNDS):
        calls = _calls(budget.invoke(messages, tools=tools, tool_choice="required"))
        if not calls:
            break
        messages.append(AIMessage(content="", tool_calls=[{"name": n, "args": a, "id": i} for n, a, i in calls]))
        done = False
        for name, args, call_id in calls:
            tool = by_name.get(name)
            if name == "finish":
                done = True
            try:
                output = tool.invoke(args) if tool is not None else f"没有名为 {name} 的工具"
            except Exception:  # a bad argument is the model's to fix, not a crash
                log.exception("tool %s failed", name)
                output = TOOL_FAILED
            output = output if isinstance(output, str) else json.dumps(output, ensure_ascii=False, default=str)
            messages.append(ToolMessage(output, tool_call_id=call_id))
            if name != "finish":
                answer.tools.append(name)
                runs.append(ToolRun(name, json.dumps(args, ensure_ascii=False)[:120], output[:RESULT_CHARS]))
        if done:
            break
    return runs


def answer_with_tools(assistant, question: str, answer: Answer, budget: Budget) -> Generator[str, None, Answer]:
    """Yield the growing answer; return it checked against the tools' facts, or ``answer`` (the rule refusal) with
    a notice when the model fails, runs out of time or finds nothing."""
    sheet = FactSheet()
    try:
        runs = _lookups(assistant, question, answer, budget, sheet)
    except ModelFailure as failure:
        return fallback(answer, failure.kind, failure.detail)
    if not sheet:
        return fallback(answer, "no_evidence")
    sheet.total = len(sheet.names)
    evidence = prompts.render("llm_evidence", calls=runs)
    messages = [SystemMessage(prompts.render("llm_system")),
                HumanMessage(prompts.render("llm_tool_answer", question=question, facts=sheet.render()))]
    slots = sheet.slots
    try:
        raw = yield from stream_reply(budget, messages, slots, evidence)
    except ModelFailure as failure:
        return fallback(answer, failure.kind, failure.detail)
    checked = checker_for(assistant, sheet, question).check(raw)
    text, bad = fill(checked.text, slots)
    result = Answer(text, "llm", tools=answer.tools + ["llm"], plan=answer.plan, notices=list(answer.notices))
    notices.add(result, "tools", "、".join(dict.fromkeys(r.name for r in runs)))
    if checked.unverified:
        notices.add(result, "unverified", "、".join(checked.unverified))
    if bad:
        notices.add(result, "bad_slot", "、".join(bad))
    result.text = prompts.render("answer_verified_llm", phrased=text, notes=result.notices, facts=evidence)
    return result
