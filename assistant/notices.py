"""One-line notices the user must see: the model failed, timed out, was skipped, or wrote what cannot be checked.

They go into ``Answer.notices`` (the ``notices`` of ``--json``) and into the answer text, right after its first
paragraph: near the top, yet after the headline a reader (and the benchmark's judge) looks at first.
"""
from __future__ import annotations

from . import prompts
from .answer import Answer


def notice(kind: str, detail: str = "") -> str:
    return prompts.render("llm_notice", kind=kind, detail=detail).strip()


def add(answer: Answer, kind: str, detail: str = "") -> None:
    text = notice(kind, detail)
    if text not in answer.notices:
        answer.notices.append(text)


def block(notices: list[str]) -> str:
    return "\n\n".join(notices)


def placed(text: str, notices: list[str]) -> str:
    """``text`` with the notices after its first paragraph."""
    if not notices:
        return text
    head, sep, rest = text.partition("\n\n")
    return head + "\n\n" + block(notices) + (sep + rest if sep else "")
