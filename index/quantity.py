"""Numbers and quantities as they appear in form cells, cleaned of PDF-extraction noise."""
from __future__ import annotations

import re

from .records import STATUS_MET, STATUSES, Quantity

EMPTY_CELLS = {"", "-", "—", "－", "–", "——", "/", "无"}

_OPS = {
    "=": "=", "＝": "=",
    "≥": "≥", ">=": "≥", "≧": "≥", "＞＝": "≥",
    ">": ">", "＞": ">",
    "≤": "≤", "<=": "≤", "≦": "≤", "＜＝": "≤",
    "<": "<", "＜": "<",
}
_UNIT_ALIASES = {"百分比": "%", "百分号": "%", "％": "%", "%": "%"}
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_QUANTITY = re.compile(
    r"^(?P<op>>=|<=|＞＝|＜＝|[=＝≥≧>＞≤≦<＜])?(?P<num>[+-]?\d+(?:\.\d+)?)(?P<unit>.*)$"
)


def squeeze(text: str) -> str:
    """Remove all whitespace, including full-width spaces, from a cell."""
    return re.sub(r"\s+", "", text.replace("\u3000", " "))


def parse_number(cell: str) -> float | None:
    """Parse a numeric cell: `142. 81` → 142.81, `7,000.00` → 7000.0; empty markers → None.

    Raises ValueError for text that is neither a number nor an empty marker.
    """
    text = squeeze(cell).replace(",", "").replace("，", "")
    if text in EMPTY_CELLS:
        return None
    if text.endswith("%"):
        text = text[:-1]
    if not _NUMBER.match(text):
        raise ValueError(f"不是数字：{cell!r}")
    return float(text)


def is_number(cell: str) -> bool:
    text = squeeze(cell).replace(",", "")
    return bool(_NUMBER.match(text))


def normalize_unit(unit: str) -> str:
    unit = unit.strip()
    if unit.startswith(("(", "（")) and unit.endswith((")", "）")):
        unit = unit[1:-1]
    return _UNIT_ALIASES.get(unit, unit)


def parse_quantity(cell: str) -> Quantity:
    """Understand a target or actual cell: `≥90. 00 (%)` → op ≥, 90.0, %; `达成指标` → status; `及时` → word."""
    raw = squeeze(cell)
    if raw in STATUSES:
        return Quantity(raw=raw, status=raw)
    match = _QUANTITY.match(raw.replace(",", ""))
    if match:
        unit = normalize_unit(match.group("unit"))
        # A number followed by more prose ("3个社区全覆盖") is a description, not a quantity.
        if len(unit) <= 4:
            op = _OPS[match.group("op")] if match.group("op") else None
            return Quantity(raw=raw, op=op, value=float(match.group("num")), unit=unit or None)
    return Quantity(raw=raw, word=raw or None)


def _compare(actual: float, op: str | None, target: float) -> bool:
    if op is None:
        # A bare target (`75.00(%)`, `0起`) reads as a floor, except zero, which reads as "none at all".
        op = "≤" if target == 0 else "≥"
    return {
        "=": actual == target,
        "≥": actual >= target,
        ">": actual > target,
        "≤": actual <= target,
        "<": actual < target,
    }[op]


def judge_met(target: Quantity, actual: Quantity) -> bool | None:
    """Whether the actual value reaches the target: True, False, or None when it cannot be decided."""
    if actual.status:
        return actual.status == STATUS_MET
    if target.is_number and actual.is_number:
        if target.unit and actual.unit and target.unit != actual.unit:
            return None
        return _compare(actual.value, target.op, target.value)
    return None
