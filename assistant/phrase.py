"""The optional LLM step: phrase a computed answer, or answer with tools when the rules did not understand.

Whatever the model writes is checked afterwards (``verify.py``): numbers not in the records or the calculator
are marked 〔未核实〕, and a list answer keeps every matching project — the cited records are always appended.
"""
from __future__ import annotations

import json
import logging

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from . import prompts
from .answer import Answer
from .verify import check_text, evidence_numbers

log = logging.getLogger(__name__)

MAX_TOOL_ROUNDS = 4


def _stream_text(llm, messages) -> str:
    """Stream the reply (so a slow server starts answering early) and join it."""
    parts = []
    for chunk in llm.stream(messages):
        if isinstance(chunk.content, str):
            parts.append(chunk.content)
    return "".join(parts).strip()


def _notes(v, answer: Answer) -> str:
    notes = []
    if v.unverified:
        notes.append(f"⚠️ 以上表述中的数字 {'、'.join(v.unverified)} 在自评表记录中找不到，已标注〔未核实〕，请以下方记录为准。")
    if v.missing_projects:
        notes.append(f"⚠️ 表述遗漏了 {len(v.missing_projects)} 个符合条件的项目，完整名单见下方记录。")
    if v.extra_projects:
        notes.append(f"⚠️ 表述提到了不符合条件的项目：{'、'.join(v.extra_projects)}，请以下方记录为准。")
    return ("\n\n" + "\n".join(notes)) if notes else ""


def phrase_with_llm(assistant, question: str, answer: Answer) -> Answer:
    """Let the model phrase ``answer`` (or, for a question the rules did not understand, answer it with tools)."""
    llm = assistant.llm
    plan = answer.plan
    if answer.kind == "refuse" and plan is not None and plan.refusal in ("unknown", "unplaced"):
        return answer_with_tools(assistant, question, answer)
    if answer.kind in ("refuse", "clarify", "check", "error"):
        return answer  # refusals, verdicts and questions back to the user are exact already
    template = "llm_polish" if answer.kind == "summarize" else "llm_phrase"
    messages = [SystemMessage(prompts.render("llm_system")),
                HumanMessage(prompts.render(template, question=question, facts=answer.text))]
    try:
        phrased = _stream_text(llm, messages)
    except Exception as exc:  # the model is optional: a failing endpoint must not cost the user the answer
        answer.flags.append(f"大模型调用失败（{type(exc).__name__}），已给出规则答案")
        return answer
    allowed = evidence_numbers(answer.text, *answer.figures, question)
    names = assistant.tools.project_names()
    v = check_text(phrased, allowed, names=names, required=answer.projects)
    answer.flags += [f"未核实数字：{n}" for n in v.unverified]
    answer.flags += [f"遗漏项目：{p}" for p in v.missing_projects]
    answer.text = prompts.render("answer_verified_llm", phrased=v.text, notes=_notes(v, answer), facts=answer.text)
    answer.tools.append("llm")
    return answer


def answer_with_tools(assistant, question: str, answer: Answer) -> Answer:
    """Tool-calling loop for questions the rules could not place; the result is verified like any other."""
    from .lc_tools import langchain_tools

    tools = langchain_tools(assistant)
    by_name = {t.name: t for t in tools}
    llm = assistant.llm.bind_tools(tools)
    messages = [SystemMessage(prompts.render("llm_system")),
                HumanMessage(prompts.render("llm_agent", question=question,
                                            hint="（规则没有完全理解这个问题。）"))]
    outputs: list[str] = []
    try:
        for _ in range(MAX_TOOL_ROUNDS):
            reply: AIMessage = llm.invoke(messages)
            messages.append(reply)
            if not reply.tool_calls:
                break
            for call in reply.tool_calls:
                tool = by_name.get(call["name"])
                try:
                    result = tool.invoke(call["args"]) if tool else f"没有名为 {call['name']} 的工具"
                except Exception:  # the error text stays in the log: tool output is shown with the answer
                    log.exception("tool %s failed", call["name"])
                    result = "工具出错，没有结果"
                text = result if isinstance(result, str) else json.dumps(result, ensure_ascii=False, default=str)
                outputs.append(text)
                answer.tools.append(call["name"])
                messages.append(ToolMessage(text, tool_call_id=call["id"]))
        final = reply.content if isinstance(reply.content, str) else ""
    except Exception as exc:
        answer.flags.append(f"大模型调用失败（{type(exc).__name__}），已给出规则答案")
        return answer
    if not final.strip():
        return answer
    v = check_text(final, evidence_numbers(*outputs, question))
    answer.flags += [f"未核实数字：{n}" for n in v.unverified]
    evidence = "\n\n".join(f"- {o[:500]}" for o in outputs) or "（未调用任何工具）"
    answer.text = prompts.render("answer_verified_llm", phrased=v.text, notes=_notes(v, answer), facts=evidence)
    answer.tools.append("llm")
    answer.kind = "llm"
    return answer
