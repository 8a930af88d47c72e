"""The model rewords a computed answer around figures that code inserts.

The model gets the answer's facts as numbered slots (``slots.py``) and writes {1}, {2} …; the figures are put in
by code, so phrasing cannot change one. A number it writes itself is checked in place (``verify.py``) and marked
〔未核实〕 with a notice when no fact of the same subject and field backs it. A list answer names every project
(a short list in the phrasing, a long one in the table); the computed answer with its citations always follows.
Drafts (summaries) get a short lead paragraph above them, never a second copy of the draft.
"""
from __future__ import annotations

from collections.abc import Generator

from langchain_core.messages import HumanMessage, SystemMessage

from . import lexicon as L
from . import notices, prompts
from .answer import Answer
from .llm_call import Budget, ModelFailure, looks_like_tool_call
from .plan import Measure, Plan, Scope
from .slots import PROMPT_ROWS, FactSheet, facts_for, fill, fill_partial
from .verify import Checker, check_projects

NO_PHRASING = ("refuse", "clarify", "check", "error")  # exact already: refusals, verdicts, questions back


def checker_for(assistant, sheet: FactSheet, question: str, plan: Plan | None = None) -> Checker:
    """A number checker over ``sheet`` that knows the store's names, years and places."""
    u = assistant.understander
    vocab = assistant.vocab

    def mentions(sentence: str) -> set[str]:
        projects, _ = u.mentioned_projects(sentence)
        return set(projects) | set(u.mentioned_offices(sentence))

    home = set(vocab.places())
    foreign = tuple(p for p in L.KNOWN_PLACES if not any(p in h or h in p for h in home))
    scope = (plan.scope.projects + plan.scope.offices) if plan is not None else ()
    names = tuple(vocab.projects) + tuple(o for o in vocab.offices if o) + tuple(
        i for inds in vocab.indicators.values() for i in inds)
    return Checker(sheet.facts, mentions, question, tuple(vocab.years), scope, names, foreign)


def summary_facts(assistant, answer: Answer) -> FactSheet:
    """The figures a draft states, computed again by the executor: the project's form, or an office's totals."""
    from .summarize import Summarizer, SummaryTargetError

    scope = answer.plan.scope if answer.plan is not None else Scope()
    target = scope.projects[0] if scope.projects else scope.offices[0] if scope.offices else "全部"
    try:
        kind, names = Summarizer(assistant).resolve(target)
    except SummaryTargetError:
        return FactSheet()
    if kind == "project":
        plan = Plan(intent="form", scope=Scope(projects=(names[0],)))
    else:
        plan = Plan(scope=Scope(offices=tuple(names)), measures=(
            Measure("count"), Measure("sum", "annual_budget"), Measure("sum", "executed"), Measure("rate", "rate"),
            Measure("avg", "total_score")))
    return facts_for(assistant.executor.run(plan))


def phrase_stream(assistant, question: str, answer: Answer, budget: Budget) -> Generator[str, None, Answer]:
    """Yield the growing answer while the model phrases it; return the checked answer (or the rule answer with a
    notice when the model fails, times out or writes a tool call)."""
    if answer.kind in NO_PHRASING:
        return answer
    summary = answer.kind == "summarize"
    sheet = summary_facts(assistant, answer) if summary else facts_for(answer.result)
    if not sheet:
        return answer
    listing = bool(answer.projects) and sheet.total <= PROMPT_ROWS
    if summary:
        ask = prompts.render("llm_summary_lead", question=question, facts=sheet.render())
    else:
        ask = prompts.render("llm_phrase", question=question, facts=sheet.render(), listing=listing,
                             total=sheet.total)
    messages = [SystemMessage(prompts.render("llm_system")), HumanMessage(ask)]
    body, slots = answer.text, sheet.slots
    try:
        raw = yield from stream_reply(budget, messages, slots, body)
    except ModelFailure as failure:
        return fallback(answer, failure.kind, failure.detail)
    checked = checker_for(assistant, sheet, question, answer.plan).check(raw)
    text, bad = fill(checked.text, slots)
    if checked.unverified:
        notices.add(answer, "unverified", "、".join(checked.unverified))
    if bad:
        notices.add(answer, "bad_slot", "、".join(bad))
    if answer.projects:  # only a list must name its projects; counts and lookups need not
        missing, extra = check_projects(text, answer.projects, list(assistant.vocab.projects))
        if missing and listing:
            notices.add(answer, "missing", str(len(missing)))
        if extra:
            notices.add(answer, "extra", "、".join(extra))
    answer.text = prompts.render("answer_verified_llm", phrased=text, notes=answer.notices, facts=body)
    answer.tools.append("llm")
    return answer


def stream_reply(budget: Budget, messages: list, slots, facts: str) -> Generator[str, None, str]:
    """Yield the reply as it streams (figures filled into their slots, tool-call text never shown) and return it
    whole; a reply that is only a tool call written as text, or nothing, raises ModelFailure like a failed call."""
    parts: list[str] = []
    for piece in budget.stream(messages):
        parts.append(piece)
        shown = "".join(parts)
        if not looks_like_tool_call(shown):
            yield prompts.render("answer_verified_llm", phrased=fill_partial(shown, slots), notes=[], facts=facts)
    raw = "".join(parts).strip()
    if looks_like_tool_call(raw):
        raise ModelFailure("raw_tool")
    if not raw:
        raise ModelFailure("empty")
    return raw


def fallback(answer: Answer, kind: str, detail: str = "") -> Answer:
    """The rule answer as it was, with a notice saying why the model's part is missing (placed in the text when
    the question's model work ends, ``llm_answer.improve``)."""
    notices.add(answer, kind, detail)
    return answer
