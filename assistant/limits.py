"""Input screening before any understanding runs: numbers no form can hold, and failures kept from users.

Questions and statements are capped at 2,000 characters where they are read (understand.MAX_QUESTION,
factcheck.MAX_STATEMENT). Within that, a run of dozens of digits is no figure of a form (the largest amount a form
may hold is 8 digits before the point, see index.plausible) and would overflow float and int conversions further
on, so it is refused here with a clear message. Whatever else goes wrong while checking is logged and answered
with a generic message, never with exception text.
"""
from __future__ import annotations

import logging
import re

from . import prompts
from .answer import Answer

log = logging.getLogger(__name__)

MAX_DIGITS = 15  # 8 integer digits and 4 decimals, plus room for a digit-grouped year or phone-like code
_DIGITS = re.compile(r"\d{%d,}" % (MAX_DIGITS + 1))  # one pass, no backtracking: linear in the text


def long_number(text: str) -> int:
    """The length of the first run of more than MAX_DIGITS digits in ``text``, else 0."""
    m = _DIGITS.search(text)
    return len(m.group(0)) if m else 0


def screen_question(question: str) -> Answer | None:
    """A refusal for a question that cannot be about the forms' figures, else None (an overlong question is left
    to the understander, which says it is too long)."""
    from .understand import MAX_QUESTION

    digits = long_number(question) if len(question) <= MAX_QUESTION else 0
    if digits:
        return Answer(prompts.render("refuse_long_number", digits=digits, limit=MAX_DIGITS), "refuse")
    return None


def check_statement(assistant, statement: str):
    """Fact-check ``statement`` (FactChecker), refusing overlong numbers and turning any failure into a generic
    verdict with a log line."""
    from .factcheck import MAX_STATEMENT, UNKNOWN, CheckResult, Claim, FactChecker

    digits = long_number(statement) if len(statement) <= MAX_STATEMENT else 0
    try:
        if digits:
            claim = Claim(statement[:60] + ("…" if len(statement) > 60 else ""), UNKNOWN,
                          note=prompts.render("check_long_number", digits=digits, limit=MAX_DIGITS))
            result = CheckResult(statement[:200], UNKNOWN, [claim])
            result.text = FactChecker(assistant).render(result)
            return result
        return FactChecker(assistant).check(statement)
    except Exception:
        log.exception("checking %r failed", statement[:200])
        claim = Claim(statement[:60] + ("…" if len(statement) > 60 else ""), UNKNOWN,
                      note=prompts.render("check_error"))
        return CheckResult(statement[:200], UNKNOWN, [claim], prompts.render("check_error"))
