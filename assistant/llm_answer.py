"""What the model adds to a rule answer, for one question, under one deadline (``LLM_DEADLINE``).

- A question the rules could not place (refusal unknown/unplaced): the model fills the plan (``llm_plan``), the
  executor and templates answer it, and the model may then phrase it; a question the plan cannot express goes
  to the tool loop (``tool_loop``); a place, year or thing outside the records stays refused.
- Any other answer with figures: the model phrases it around slots (``phrase``).
- Refusals, questions back and fact-check verdicts are exact already and go out as they are.

``improve`` is a generator: it yields the answer text as it grows (the rule answer first, then the model's
words as they stream) and returns the final ``Answer``, whose text carries every notice.
"""
from __future__ import annotations

import logging
from collections.abc import Generator

from . import llm_plan, notices, prompts
from .answer import Answer
from .llm_call import Budget, ModelFailure
from .phrase import NO_PHRASING, fallback, phrase_stream
from .plan import Context, Plan
from .tool_loop import answer_with_tools

log = logging.getLogger(__name__)
PHRASE_MIN_SECONDS = 5.0  # after the model read the question, phrasing starts only with this much time left


def improve(assistant, question: str, plan: Plan | None, answer: Answer,
            context: Context | None = None) -> Generator[str, None, Answer]:
    budget = Budget(assistant.llm, assistant.config.llm_deadline, assistant.config.llm_timeout)
    if plan is not None and answer.kind == "refuse" and plan.refusal in ("unknown", "unplaced"):
        yield prompts.render("llm_reading")
        result = yield from _unplaced(assistant, question, answer, context, budget)
    else:
        yield answer.text  # the rule answer first; the model's words replace it as they come
        result = yield from phrase_stream(assistant, question, answer, budget)
    return finish(result)


def finish(answer: Answer) -> Answer:
    """Put the notices into a text the model did not compose (a composed one has them already)."""
    if answer.notices and "llm" not in answer.tools:
        answer.text = notices.placed(answer.text, answer.notices)
    return answer


def _unplaced(assistant, question: str, answer: Answer, context: Context | None,
              budget: Budget) -> Generator[str, None, Answer]:
    try:
        reading = llm_plan.read(assistant, question, context, budget)
    except ModelFailure as failure:
        return fallback(answer, failure.kind, failure.detail)
    if reading.open:
        return (yield from answer_with_tools(assistant, question, answer, budget))
    if reading.plan is None:
        log.info("model plan for %r rejected: %s", question[:200], "; ".join(reading.errors))
        return fallback(answer, "plan_failed")
    try:
        new = assistant.answer_plan(reading.plan)
    except Exception:  # checked by a dry run already; a template failing on it must still not cost the answer
        log.exception("answering the model's plan for %r failed", question[:200])
        return fallback(answer, "plan_failed")
    if reading.plan.intent == "refuse":
        notices.add(new, "model_refused", reading.description)
        return new
    if reading.plan.intent == "clarify" or new.kind in NO_PHRASING:
        notices.add(new, "model_clarify", reading.description)
        return new
    new.tools.insert(0, "llm_plan")
    notices.add(new, "planned", reading.description)
    if budget.remaining() < PHRASE_MIN_SECONDS:
        notices.add(new, "skipped", f"{PHRASE_MIN_SECONDS:g}")
        return new
    yield notices.placed(new.text, new.notices)
    return (yield from phrase_stream(assistant, question, new, budget))

