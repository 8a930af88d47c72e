"""The assistant's tools as LangChain tools, for a tool-calling chat model. Converted here, at the edge only.

Each tool returns a short text for the model and adds the figures behind it, typed, to a ``FactSheet``: the
final answer states them through numbered slots and is checked against them (``tool_loop.py``).
"""
from __future__ import annotations

from langchain_core.tools import StructuredTool

from .calculator import CalculatorError, calculate
from .plan import Plan, Scope
from .slots import FactSheet, calculated, facts_for, facts_from_chunks

RESULT_CHARS = 400  # characters of one tool result sent back to the model


def _headline(text: str) -> str:
    head = text.split("\n\n", 1)[0]
    return head[:RESULT_CHARS] + ("…" if len(head) > RESULT_CHARS else "")


def make_tool_functions(assistant, sheet: FactSheet):
    """Plain typed functions (docstring = tool description) bound to ``assistant``, collecting into ``sheet``."""

    def search_forms(query: str) -> str:
        """检索自评表中的相关段落（项目概况、指标行、偏差原因），返回最相关的 5 条。适合问原因、目标、做了什么等开放性问题。"""
        found = assistant.searcher.retrieve(query, k=5)
        sheet.extend(facts_from_chunks([h.chunk.metadata for h in found.hits]))
        lines = [h.chunk.text[:RESULT_CHARS] for h in found.hits]
        # The fallback notice travels with the hits, so it is shown wherever the tool's output is.
        return "\n".join(([found.notice] if found.notice else []) + lines) or "没有找到相关内容"

    def structured_query(question: str) -> str:
        """用规则引擎在全部记录上查询：哪些项目满足条件、有多少个、合计/平均/最高/最低、某项目某项数值。
        参数是一个清楚的中文问题，例如「社发办所有项目全年执行数合计」「哪些项目满意度未达标」。"""
        answer = assistant.answer_plan(assistant.understander.parse(question))
        sheet.extend(facts_for(answer.result))
        return _headline(answer.text)

    def project_form(name: str) -> str:
        """查看一个项目的自评表要点（资金、目标、指标、总分、等级）。name 可以是项目全称或简称。"""
        candidates = assistant.searcher.resolve_projects(name)
        if len(candidates) != 1:
            return "请给出更准确的项目名称，候选：" + "、".join(candidates[:10]) if candidates else "没有这个项目"
        answer = assistant.answer_plan(Plan(intent="form", scope=Scope(projects=(candidates[0],))))
        facts = facts_for(answer.result)
        sheet.extend(facts)
        return "\n".join([_headline(answer.text)] + facts.texts)

    def calculator(expression: str) -> str:
        """计算器：精确计算算术表达式，支持 + - * / 括号和 sum、avg、min、max、diff、pct(部分, 整体)、
        growth(新值, 旧值) 函数。例如 growth(139.87, 85.30)。"""
        try:
            calc = calculate(expression)
        except CalculatorError as exc:
            return f"计算出错：{exc}"
        sheet.extend(calculated(calc.value, expression))
        return calc.text

    def finish() -> str:
        """已经查到足够的信息时调用：结束查询，开始作答。"""
        return "好的，请作答。"

    return [search_forms, structured_query, project_form, calculator, finish]


def langchain_tools(assistant, sheet: FactSheet) -> list[StructuredTool]:
    return [StructuredTool.from_function(f) for f in make_tool_functions(assistant, sheet)]
