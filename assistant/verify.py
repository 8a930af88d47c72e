"""Checks on text an LLM wrote: every number must come from the records or the calculator; lists stay complete."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:,\d{3})*(?:\.\d+)?(?![\d])")
UNVERIFIED = "〔未核实〕"


@dataclass
class Verification:
    text: str  # the text with unverified numbers marked
    unverified: list[str] = field(default_factory=list)
    missing_projects: list[str] = field(default_factory=list)
    extra_projects: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unverified or self.missing_projects or self.extra_projects)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def evidence_numbers(*texts: str) -> set[Decimal]:
    """Every number appearing in the evidence (tool outputs, the deterministic answer, calculator results)."""
    out = set()
    for t in texts:
        for m in _NUMBER.findall(t or ""):
            d = _decimal(m)
            if d is not None:
                out.add(abs(d))
    return out


def _matches(value: Decimal, allowed: set[Decimal]) -> bool:
    if value in allowed:
        return True
    # A faithful rounding of a recorded figure (3807.2 for 3807.15) is the same figure.
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    quantum = Decimal(1).scaleb(-places)
    return any(a.quantize(quantum) == value for a in allowed if abs(a - value) < 1)


def check_text(text: str, allowed: set[Decimal], names: list[str] = (), required: list[str] = ()) -> Verification:
    """Mark numbers not found in ``allowed``; list required project names missing and unknown names mentioned."""
    unverified: list[str] = []

    def mark(m: re.Match) -> str:
        raw = m.group(0)
        value = _decimal(raw)
        if value is None or _matches(abs(value), allowed):
            return raw
        unverified.append(raw)
        return raw + UNVERIFIED

    marked = _NUMBER.sub(mark, text)
    missing = [p for p in required if p not in text]
    extra = [n for n in names if n in text and required and n not in required
             and not any(n != r and n in r for r in required)]
    return Verification(marked, unverified, missing, extra)
