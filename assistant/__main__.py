"""Command line: `python -m assistant ask "问题" [--json]`, `python -m assistant eval [QUESTIONS.jsonl]`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from index.config import load_config
from index.store import StoreOutdated


def _assistant():
    from .llm import make_chat_model
    from .service import Assistant

    config = load_config()
    return Assistant(config, llm=make_chat_model(config))


def _emit(result, as_json: bool) -> int:
    """Print a result's JSON contract (``--json``) or its text."""
    if as_json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(result.text)
    return 0


def cmd_ask(args) -> int:
    return _emit(_assistant().ask(args.question), args.json)


def cmd_check(args) -> int:
    return _emit(_assistant().check(args.statement), args.json)


def cmd_summarize(args) -> int:
    from .summarize import SummaryTargetError

    try:
        summary = _assistant().summarize(args.target)
    except SummaryTargetError as exc:
        print(exc, file=sys.stderr)
        return 2
    return _emit(summary, args.json)


def cmd_eval(args) -> int:
    from .evaluate import BANK_DIR, DEV_SET, CORRECT, REFUSED, WRONG, Report, format_report, run_eval

    paths = [Path(p) for p in args.questions] or sorted(BANK_DIR.glob("*.jsonl")) + [DEV_SET]
    assistant = _assistant()
    overall = Report()
    for path in paths:
        report = run_eval(assistant, path)
        overall.cases += report.cases
        print(f"## {path.name}\n")
        print(format_report(report, by=args.by))
        print()
    if len(paths) > 1:
        total = len(overall.cases)
        print(f"全部：{total} 题，正确 {overall.count(CORRECT)}，拒答 {overall.count(REFUSED)}，"
              f"错误 {overall.count(WRONG)}")
    return 0 if overall.count(WRONG) == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="绩效问答")
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("ask", help="提问")
    a.add_argument("question")
    a.add_argument("--json", action="store_true", help="以 JSON 输出（answer, citations, rows, tools）")
    a.set_defaults(func=cmd_ask)
    c = sub.add_parser("check", help="核查一句话或一段话中的陈述")
    c.add_argument("statement")
    c.add_argument("--json", action="store_true", help="以 JSON 输出（verdict, claims）")
    c.set_defaults(func=cmd_check)
    s = sub.add_parser("summarize", help="撰写绩效总结（项目、科室或「全部」）")
    s.add_argument("target")
    s.add_argument("--json", action="store_true", help="以 JSON 输出（target, text, citations）")
    s.set_defaults(func=cmd_summarize)
    e = sub.add_parser("eval", help="按问题集评测：正确、拒答、错误")
    e.add_argument("questions", nargs="*", help="问题文件（默认：bench/questions/ 下全部题库和共享开发集）")
    e.add_argument("--by", choices=("intent", "kind"), default="intent", help="按意图或题型汇总")
    e.set_defaults(func=cmd_eval)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except StoreOutdated as exc:  # never answer from, or wipe, a store an older version wrote
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
