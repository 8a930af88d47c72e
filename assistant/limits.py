"""Input screening before any understanding runs: numbers no form can hold, runs of filler the rules cannot take
in linear time, and failures kept from users.

Questions and statements are capped at 2,000 characters where they are read (understand.MAX_QUESTION,
factcheck.MAX_STATEMENT). Within that:
- a run of dozens of digits is no figure of a form (the largest amount a form may hold is 8 digits before the
  point, see index.plausible) and would overflow float and int conversions further on;
- a long run of tokens the rules treat as filler (punctuation, 的, 吗 …) makes the rule patterns, which allow any
  number of filler tokens between their parts, backtrack polynomially (400 such tokens took 8 s, 1,000 minutes);
  no real question has more than a handful in a row.
Both are refused here with a clear message. Whatever else goes wrong while checking is logged and answered with a
generic message, never with exception text.
"""
from __future__ import annotations

import logging
import re

from . import prompts
from .answer import Answer

log = logging.getLogger(__name__)

MAX_DIGITS = 15  # 8 integer digits and 4 decimals, plus room for a digit-grouped year or phone-like code
MAX_FILLER_RUN = 12  # consecutive filler tokens; real questions have a few (「呢？」「！！！」)
_DIGITS = re.compile(r"\d{%d,}" % (MAX_DIGITS + 1))  # one pass, no backtracking: linear in the text


def long_number(text: str) -> int:
    """The length of the first run of more than MAX_DIGITS digits in ``text``, else 0."""
    m = _DIGITS.search(text)
    return len(m.group(0)) if m else 0


def filler_run(assistant, text: str) -> int:
    """The longest run of filler tokens in ``text`` as the understander tokenizes it (linear)."""
    from .understand import normalize, tokenize

    best = run = 0
    for t in tokenize(normalize(text), assistant.understander.names):
        run = run + 1 if t.type == "_" else 0
        best = max(best, run)
    return best


def screen_question(assistant, question: str) -> Answer | None:
    """A refusal for a question the rules cannot safely read, else None (an overlong question is left to the
    understander, which says it is too long)."""
    from .understand import MAX_QUESTION

    if len(question) > MAX_QUESTION:
        return None
    digits = long_number(question)
    if digits:
        return Answer(prompts.render("refuse_long_number", digits=digits, limit=MAX_DIGITS), "refuse")
    run = filler_run(assistant, question)
    if run > MAX_FILLER_RUN:
        return Answer(prompts.render("refuse_filler_run", run=run, limit=MAX_FILLER_RUN), "refuse")
    return None


def check_statement(assistant, statement: str):
    """Fact-check ``statement`` (FactChecker), refusing overlong numbers and turning any failure into a generic
    verdict with a log line."""
    from .factcheck import MAX_STATEMENT, UNKNOWN, CheckResult, Claim, FactChecker

    try:
        note = ""
        if len(statement) <= MAX_STATEMENT:
            digits = long_number(statement)
            run = 0 if digits else filler_run(assistant, statement)
            if digits:
                note = prompts.render("check_long_number", digits=digits, limit=MAX_DIGITS)
            elif run > MAX_FILLER_RUN:
                note = prompts.render("check_filler_run", run=run, limit=MAX_FILLER_RUN)
        if note:
            claim = Claim(statement[:60] + ("…" if len(statement) > 60 else ""), UNKNOWN, note=note)
            result = CheckResult(statement[:200], UNKNOWN, [claim])
            result.text = FactChecker(assistant).render(result)
            return result
        return FactChecker(assistant).check(statement)
    except Exception:
        log.exception("checking %r failed", statement[:200])
        claim = Claim(statement[:60] + ("…" if len(statement) > 60 else ""), UNKNOWN,
                      note=prompts.render("check_error"))
        return CheckResult(statement[:200], UNKNOWN, [claim], prompts.render("check_error"))
