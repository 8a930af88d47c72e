"""Accuracy on question banks, per intent: correct, honest refusal, or wrong (a confident answer that is not right).

A bank is JSON lines: `id, question, kind, answer` plus optional `intent`, `unit`, `context` (questions asked
before it in the same conversation). Kinds: set, indicators, count, number, numbers, ordered, text, refuse,
clarify, verdict, summary. Statement files (`statement, verdict, correct`) evaluate the fact-checker.
The judge reads the text the user sees; it is strict on purpose (a count must be the answer's headline figure,
a grouped figure must sit on its group's own row).
"""
from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from index.config import PROJECT_ROOT

DEV_SET = PROJECT_ROOT.parent / "shared" / "dev" / "questions.jsonl"
BANK_DIR = PROJECT_ROOT / "bench" / "questions"
_NUMBER = re.compile(r"(?<![\d.])-?\d+(?:,\d{3})*(?:\.\d+)?")
CORRECT, REFUSED, WRONG = "correct", "refused", "wrong"


@dataclass
class Case:
    id: str
    kind: str
    intent: str
    question: str
    expected: object
    outcome: str  # correct | refused | wrong
    why: str
    seconds: float
    answer: str = ""

    @property
    def passed(self) -> bool:
        return self.outcome == CORRECT


@dataclass
class Report:
    cases: list[Case] = field(default_factory=list)

    @property
    def all_passed(self) -> bool:
        return all(c.passed for c in self.cases)

    def count(self, outcome: str) -> int:
        return sum(c.outcome == outcome for c in self.cases)


def numbers_in(text: str) -> list[Decimal]:
    out = []
    for m in _NUMBER.findall(text):
        try:
            out.append(Decimal(m.replace(",", "")))
        except InvalidOperation:
            pass
    return out


def has_number(text: str, expected) -> bool:
    target = Decimal(str(expected))
    return any(abs(n - target) < Decimal("0.005") for n in numbers_in(text))


def projects_in(text: str, names: list[str]) -> set[str]:
    """Project names the text mentions; a name inside a longer mentioned name does not count on its own."""
    found = {n for n in names if n in text}
    return {n for n in found if not any(n != m and n in m and text.count(n) == text.count(m) for m in found)}


def headline(text: str) -> str:
    """The answer's first paragraph (before any table): where a count or a total must be stated."""
    return text.split("\n\n", 1)[0]


def _row_with(text: str, label: str) -> list[str]:
    return [line for line in text.splitlines() if label in line]


def judge(item: dict, answer, names: list[str]) -> tuple[str, str]:
    """(outcome, why) for one answer."""
    kind, expected = item["kind"], item.get("answer")
    text = answer.text if hasattr(answer, "text") else str(answer)
    refused = bool(getattr(answer, "refused", False))
    if kind == "refuse":
        if refused:
            return CORRECT, ""
        return WRONG, "库外或表中没有的内容，却给出了答案"
    if kind == "clarify":
        if getattr(answer, "kind", "") == "clarify":
            missing = [c for c in expected or [] if c not in text]
            return (CORRECT, "") if not missing else (WRONG, f"追问缺少候选 {missing}")
        return (REFUSED, "拒答") if refused else (WRONG, "应追问是哪个项目，却直接作答")
    if refused:
        return REFUSED, "拒答或追问：" + headline(text)[:80]
    if kind == "set":
        got, want = projects_in(text, names), set(expected)
        if got == want:
            return CORRECT, ""
        return WRONG, f"多出 {sorted(got - want)[:6]}；缺少 {sorted(want - got)[:6]}"
    if kind == "indicators":
        rows = {(r.get("project"), r.get("name")) for r in getattr(answer, "rows", []) if "level2" in r}
        want = {tuple(x) for x in expected}
        return (CORRECT, "") if rows == want else (WRONG, f"多出 {sorted(rows - want)[:4]}；缺少 {sorted(want - rows)[:4]}")
    if kind == "count":
        head = headline(text)
        bold = re.findall(r"\*\*(\d+)\*\*", head)
        if bold:
            return (CORRECT, "") if int(bold[0]) == int(expected) else (WRONG, f"答案为 {bold[0]}，应为 {expected}")
        return (CORRECT, "") if has_number(head, expected) else (WRONG, f"首段没有 {expected}")
    if kind == "number":
        head = headline(text)
        return (CORRECT, "") if has_number(head, expected) else (WRONG, f"首段没有 {expected}：{head[:80]}")
    if kind == "numbers":
        bad = []
        for label, value in expected.items():
            if not any(has_number(line, value) for line in _row_with(text, label)):
                bad.append(f"{label}={value}")
        return (CORRECT, "") if not bad else (WRONG, "没有按对象给出 " + "、".join(bad[:4]))
    if kind == "ordered":
        pos = [text.find(n) for n in expected]
        if all(p >= 0 for p in pos) and pos == sorted(pos):
            return CORRECT, ""
        return WRONG, "顺序或名单不对"
    if kind in ("text", "summary"):
        missing = [k for k in expected if str(k) not in text]
        return (CORRECT, "") if not missing else (WRONG, f"缺少 {missing}")
    if kind == "verdict":
        m = re.search(r"核查结论：\*\*(.+?)\*\*", text)
        got = m.group(1) if m else ""
        if got != expected:
            if got == "无法核实" and expected != "无法核实":
                return REFUSED, "无法核实"
            if got == "部分正确" and expected == "正确" and "—— **错误**" not in text:
                return REFUSED, "部分无法核实（没有一处被判为错误）"
            return WRONG, f"结论是「{got or '（无）'}」而不是「{expected}」"
        correct = str(item.get("correct") or "")
        value = _NUMBER.search(correct)
        if expected == "错误" and value and not has_number(text, value.group(0).replace(",", "")):
            return WRONG, f"没有给出正确值 {correct}"
        return CORRECT, ""
    return WRONG, f"未知题型 {kind}"


def load_items(path: Path) -> list[dict]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if "statement" in item:  # a fact-check set: {"statement", "verdict", "correct"}
            item = {"id": item.get("id", ""), "kind": "verdict", "question": item["statement"],
                    "answer": item["verdict"], "correct": item.get("correct", ""),
                    "intent": item.get("type", "verdict")}
        items.append(item)
    return items


def run_eval(assistant, path: Path) -> Report:
    from .service import Session

    names = list(assistant.vocab.projects)
    report = Report()
    for item in load_items(path):
        started = time.perf_counter()
        if item["kind"] == "verdict":
            answer = assistant.check(item["question"])
        else:
            session = Session()
            for earlier in item.get("context", []):
                assistant.ask(earlier, session)
            started = time.perf_counter()
            answer = assistant.ask(item["question"], session)
        seconds = time.perf_counter() - started
        outcome, why = judge(item, answer, names)
        report.cases.append(Case(item.get("id", ""), item["kind"], item.get("intent") or item["kind"],
                                 item["question"], item.get("answer"), outcome, why, seconds, answer.text))
    return report


def format_report(report: Report, by: str = "intent") -> str:
    groups: dict[str, list[Case]] = {}
    for c in report.cases:
        groups.setdefault(getattr(c, by), []).append(c)
    lines = [f"| {'意图' if by == 'intent' else '题型'} | 题数 | 正确 | 拒答 | 错误 | 正确率 | 中位耗时 |",
             "|---|---|---|---|---|---|---|"]
    for k in sorted(groups):
        cs = groups[k]
        ok, ref, bad = (sum(c.outcome == o for c in cs) for o in (CORRECT, REFUSED, WRONG))
        lines.append(f"| {k} | {len(cs)} | {ok} | {ref} | {bad} | {ok / len(cs):.0%} | "
                     f"{statistics.median(c.seconds for c in cs) * 1000:.0f} ms |")
    total = len(report.cases)
    ok, ref, bad = (report.count(o) for o in (CORRECT, REFUSED, WRONG))
    lines.append(f"| 合计 | {total} | {ok} | {ref} | {bad} | {ok / total:.1%} | "
                 f"{statistics.median(c.seconds for c in report.cases) * 1000:.0f} ms |")
    wrong = [c for c in report.cases if c.outcome == WRONG]
    if wrong:
        lines.append("\n错误：")
        lines += [f"- {c.id} [{c.intent}] {c.question} —— {c.why}" for c in wrong]
    refused = [c for c in report.cases if c.outcome == REFUSED]
    if refused:
        lines.append("\n拒答：")
        lines += [f"- {c.id} [{c.intent}] {c.question} —— {c.why}" for c in refused]
    return "\n".join(lines)
