"""Accuracy on a question file (default: the shared development set), per kind, with the failures listed."""
from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from index.config import PROJECT_ROOT

DEV_SET = PROJECT_ROOT.parent / "shared" / "dev" / "questions.jsonl"
_NUMBER = re.compile(r"(?<![\d.])-?\d+(?:,\d{3})*(?:\.\d+)?")


@dataclass
class Case:
    id: str
    kind: str
    question: str
    expected: object
    passed: bool
    why: str
    seconds: float


@dataclass
class Report:
    cases: list[Case] = field(default_factory=list)

    @property
    def all_passed(self) -> bool:
        return all(c.passed for c in self.cases)


def numbers_in(text: str) -> list[Decimal]:
    return [Decimal(m.replace(",", "")) for m in _NUMBER.findall(text)]


def has_number(text: str, expected) -> bool:
    target = Decimal(str(expected))
    return any(abs(n - target) < Decimal("0.005") for n in numbers_in(text))


def projects_in(text: str, names: list[str]) -> set[str]:
    """Project names the text mentions; a name inside a longer mentioned name does not count on its own."""
    found = {n for n in names if n in text}
    return {n for n in found if not any(n != m and n in m and text.count(n) == text.count(m) for m in found)}


def judge(item: dict, text: str, names: list[str]) -> tuple[bool, str]:
    kind, expected = item["kind"], item["answer"]
    if kind == "set":
        got = projects_in(text, names)
        want = set(expected)
        if got == want:
            return True, ""
        return False, f"多出 {sorted(got - want)}；缺少 {sorted(want - got)}"
    if kind in ("count", "number"):
        return (True, "") if has_number(text, expected) else (False, f"答案中没有 {expected}")
    if kind in ("text", "summary"):
        missing = [k for k in expected if str(k) not in text]
        return (not missing, f"缺少 {missing}" if missing else "")
    if kind == "verdict":
        m = re.search(r"核查结论：\*\*(.+?)\*\*", text)
        got = m.group(1) if m else ""
        if got != expected:
            return False, f"结论是「{got or '（无）'}」而不是「{expected}」"
        correct = str(item.get("correct") or "")
        value = _NUMBER.search(correct)
        if expected == "错误" and value and not has_number(text, value.group(0).replace(",", "")):
            return False, f"没有给出正确值 {correct}"
        return True, ""
    return False, f"未知题型 {kind}"


def run_eval(assistant, path: Path) -> Report:
    names = assistant.tools.project_names()
    report = Report()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if "statement" in item:  # a fact-check set: {"statement", "verdict", "correct"}
            item = {"id": item.get("id", ""), "kind": "verdict", "question": item["statement"],
                    "answer": item["verdict"], "correct": item.get("correct", ""), "type": item.get("type", "")}
        started = time.perf_counter()
        # A statement to verify goes to the fact-checker, as `python -m assistant check` would send it.
        text = assistant.check(item["question"]).text if item["kind"] == "verdict" else \
            assistant.ask(item["question"]).text
        seconds = time.perf_counter() - started
        ok, why = judge(item, text, names)
        report.cases.append(Case(item.get("id", ""), item["kind"], item["question"], item["answer"], ok, why, seconds))
    return report


def format_report(report: Report) -> str:
    kinds = sorted({c.kind for c in report.cases}, key=["set", "count", "number", "text", "verdict",
                                                          "summary"].index)
    lines = ["| 题型 | 题数 | 通过 | 准确率 | 中位耗时 |", "|---|---|---|---|---|"]
    for k in kinds:
        cs = [c for c in report.cases if c.kind == k]
        ok = sum(c.passed for c in cs)
        lines.append(f"| {k} | {len(cs)} | {ok} | {ok / len(cs):.0%} | "
                     f"{statistics.median(c.seconds for c in cs) * 1000:.0f} ms |")
    total = len(report.cases)
    ok = sum(c.passed for c in report.cases)
    lines.append(f"| 合计 | {total} | {ok} | {ok / total:.0%} | "
                 f"{statistics.median(c.seconds for c in report.cases) * 1000:.0f} ms |")
    failures = [c for c in report.cases if not c.passed]
    if failures:
        lines.append("\n未通过：")
        lines += [f"- {c.id} [{c.kind}] {c.question} —— {c.why}" for c in failures]
    return "\n".join(lines)
