"""Figures as the forms print them: amounts with two decimals, scores without trailing zeros."""
from __future__ import annotations

from decimal import Decimal

from .calculator import format_number


def money(x: float | None) -> str:
    """Amounts as the forms print them: two decimals, no thousands separators."""
    return "-" if x is None else f"{Decimal(str(x)):.2f}"


def score(x: float | None) -> str:
    return "-" if x is None else format_number(Decimal(str(x)))
