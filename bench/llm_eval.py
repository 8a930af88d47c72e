"""The question banks against whatever chat endpoint ``LLM_BASE_URL`` names: accuracy per intent, the numbers the
model wrote that reach the user unflagged and wrong, notices, and latency.

Each question is asked as a user would (follow-ups after their context, in one session) with the LLM configured,
and judged by ``assistant/evaluate.py`` on the text the user sees. A number in the model's own words (before
「依据（自评表记录）」) is *unflagged and wrong* when it is not marked 〔未核实〕 and no number of the computed
evidence below it, of the rule answer or of the question has its value (a faithful rounding counts): a check
independent of the in-place checker, which it audits. Writes a Markdown report (``--out``) and prints it.

    LLM_BASE_URL=http://127.0.0.1:8080/v1 LLM_MODEL=qwen2.5-1.5b-instruct \\
        .venv/bin/python bench/llm_eval.py --per-intent 3

``--scripted`` runs against the scripted loopback server of the tests with its stand-in model instead (no
endpoint needed; it checks the plumbing, not a model).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluate import BANK_DIR, CORRECT, DEV_SET, REFUSED, WRONG, judge, load_items  # noqa: E402
from assistant.verify import UNVERIFIED, numbers_in  # noqa: E402

EVIDENCE = "**依据（自评表记录）：**"
OUT = ROOT / "bench" / "LLM_RESULTS.md"


@dataclass
class Row:
    id: str
    intent: str
    question: str
    outcome: str
    why: str
    rule_outcome: str  # the same question without the model
    seconds: float
    used_model: bool
    notices: list[str] = field(default_factory=list)
    flagged: int = 0
    unflagged_wrong: list[str] = field(default_factory=list)


def _values(text: str) -> set[Decimal]:
    out: set[Decimal] = set()
    for n in numbers_in(text):
        out |= {n.value, n.written}
    return out


def _backed(written: Decimal, value: Decimal, reference: set[Decimal]) -> bool:
    if written in reference or value in reference:
        return True
    exponent = written.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    quantum = Decimal(1).scaleb(-places)
    try:
        return any(abs(r - written) < 1 and r.quantize(quantum) == written for r in reference)
    except InvalidOperation:
        return False


def model_numbers(text: str, reference: str) -> tuple[int, list[str]]:
    """(numbers the model wrote that are marked 〔未核实〕, those unmarked and backed by nothing in ``reference``)."""
    if EVIDENCE not in text:
        return 0, []  # the model composed nothing: the text is the rule answer
    own, evidence = text.split(EVIDENCE, 1)
    own = "\n".join(line for line in own.splitlines() if not line.startswith(("⚠️", "ℹ️")))
    allowed = _values(evidence + "\n" + reference)
    flagged, wrong = 0, []
    for n in numbers_in(own):
        if own.startswith(UNVERIFIED, n.end):
            flagged += 1
        elif not _backed(n.written, n.value, allowed):
            wrong.append(n.raw)
    return flagged, wrong


def pick(items: list[dict], per_intent: int | None, limit: int | None) -> list[dict]:
    """The first ``per_intent`` items of every intent (all by default), then at most ``limit`` of them."""
    if per_intent:
        seen: Counter = Counter()
        kept = []
        for item in items:
            key = item.get("intent") or item["kind"]
            if seen[key] < per_intent:
                kept.append(item)
                seen[key] += 1
        items = kept
    return items[:limit] if limit else items


def run(config, llm, items: list[dict]) -> list[Row]:
    from assistant.service import Assistant, Session

    model, rules = Assistant(config, llm=llm), Assistant(config)
    names = list(rules.vocab.projects)
    rows = []
    for item in items:
        session, rule_session = Session(), Session()
        for earlier in item.get("context", []):
            model.ask(earlier, session)
            rules.ask(earlier, rule_session)
        started = time.perf_counter()
        answer = model.ask(item["question"], session)
        seconds = time.perf_counter() - started
        outcome, why = judge(item, answer, names)
        rule = rules.ask(item["question"], rule_session)
        flagged, wrong = model_numbers(answer.text, rule.text + "\n" + item["question"])
        rows.append(Row(item.get("id", ""), item.get("intent") or item["kind"], item["question"], outcome, why,
                        judge(item, rule, names)[0], seconds,
                        any(t.startswith("llm") for t in answer.tools) or bool(answer.notices), list(answer.notices),
                        flagged, wrong))
    return rows


def _ms(values: list[float], q: float) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.0f}"


def report(rows: list[Row], header: str) -> str:
    groups: dict[str, list[Row]] = {}
    for r in rows:
        groups.setdefault(r.intent, []).append(r)
    lines = [header, "",
             "| 意图 | 题数 | 正确 | 拒答 | 错误 | 正确率 | 规则模式正确 | 大模型参与 | 有提示 | 标注〔未核实〕 | 未标注的错误数字 "
             "| 中位耗时 ms | p95 耗时 ms |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]

    def line(name: str, rs: list[Row]) -> str:
        ok, ref, bad = (sum(r.outcome == o for r in rs) for o in (CORRECT, REFUSED, WRONG))
        secs = [r.seconds for r in rs]
        return (f"| {name} | {len(rs)} | {ok} | {ref} | {bad} | {ok / len(rs):.0%} | "
                f"{sum(r.rule_outcome == CORRECT for r in rs)} | {sum(r.used_model for r in rs)} | "
                f"{sum(bool(r.notices) for r in rs)} | {sum(r.flagged for r in rs)} | "
                f"{sum(len(r.unflagged_wrong) for r in rs)} | {statistics.median(secs) * 1000:.0f} | {_ms(secs, 0.95)} |")

    for name in sorted(groups):
        lines.append(line(name, groups[name]))
    if rows:
        lines.append(line("合计", rows))
    kinds = Counter(re.sub(r"\d+(\.\d+)?", "N", n.split("，")[0]) for r in rows for n in r.notices)
    if kinds:
        lines += ["", "提示（按开头归类，N 代表数字）：", ""] + [f"- {k}：{v}" for k, v in kinds.most_common()]
    unflagged = [r for r in rows if r.unflagged_wrong]
    lines += ["", f"未标注的错误数字：{sum(len(r.unflagged_wrong) for r in rows)}"]
    lines += [f"- {r.id} {r.question} —— {'、'.join(r.unflagged_wrong)}" for r in unflagged]
    wrong = [r for r in rows if r.outcome == WRONG]
    if wrong:
        lines += ["", "答错（「规则模式也错」：不是大模型带来的）："]
        lines += [f"- {r.id} [{r.intent}] {r.question} —— {r.why}" + ("（规则模式也错）" if r.rule_outcome == WRONG else "")
                  for r in wrong]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("banks", nargs="*", help="question files (default: every bank in bench/questions/ and the "
                                                 "shared dev set; statements are left out: no model touches them)")
    parser.add_argument("--per-intent", type=int, help="ask only the first N questions of each intent")
    parser.add_argument("--limit", type=int, help="ask at most N questions in all")
    parser.add_argument("--out", default=str(OUT), help="where the Markdown report goes")
    parser.add_argument("--scripted", action="store_true", help="the tests' scripted server and stand-in model")
    args = parser.parse_args(argv)

    from assistant.llm import make_chat_model
    from index.config import load_config

    paths = [Path(p) for p in args.banks] or sorted(BANK_DIR.glob("*.jsonl")) + ([DEV_SET] if DEV_SET.exists() else [])
    items = pick([i for p in paths for i in load_items(p) if i["kind"] != "verdict"], args.per_intent, args.limit)
    paths = [p for p in paths if any(i["kind"] != "verdict" for i in load_items(p))]
    server = None
    if args.scripted:
        sys.path.insert(0, str(ROOT / "tests"))
        from scripted_server import ScriptedChatServer, stand_in_model

        server = ScriptedChatServer()
        server.responder = stand_in_model()
        server.start()
        os.environ["NO_PROXY"] = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1", "localhost"]))
        env = {k: v for k, v in os.environ.items() if not k.startswith("LLM_")}
        config = load_config(env | {"LLM_BASE_URL": server.base_url, "LLM_MODEL": "stand-in"})
    else:
        config = load_config()
    try:
        llm = make_chat_model(config)
        if llm is None:
            print("LLM_BASE_URL 和 LLM_MODEL 未设置：没有可评测的大模型。", file=sys.stderr)
            return 2
        started = time.perf_counter()
        rows = run(config, llm, items)
        took = time.perf_counter() - started
    finally:
        if server is not None:
            server.stop()
    header = (f"# 大模型模式评测\n\n模型 `{config.llm_model}`{'（脚本化服务器上的替身）' if args.scripted else ''}，"
              f"每题时限 {config.llm_deadline:g} 秒（单次请求 {config.llm_timeout:g} 秒）；题库 "
              f"{', '.join(p.name for p in paths)}，共 {len(rows)} 题，用时 {took:.0f} 秒。")
    text = report(rows, header)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
