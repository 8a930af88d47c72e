"""Figures as the forms print them: amounts with two decimals, scores without trailing zeros."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .calculator import format_number


def fixed2(x) -> str:
    """Exactly two decimals, rounded half up as a calculator does (70.325 → 70.33, never banker's 70.32)."""
    return f"{Decimal(str(x)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def money(x: float | None) -> str:
    """Amounts as the forms print them: two decimals, no thousands separators."""
    return "-" if x is None else fixed2(x)


def score(x: float | None) -> str:
    return "-" if x is None else format_number(Decimal(str(x)))
