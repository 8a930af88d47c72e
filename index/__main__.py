"""Command line: `python -m index build|records|audit`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from .audit import KINDS, SEVERITY_LABELS, audit
from .build import build, is_stale
from .config import load_config
from .export import finding_dict, finding_line, project_dict
from .readers import is_text
from .store import Store


def _print_json(obj) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _places(store: Store, refs) -> dict[tuple[str, int], str]:
    """How to name each (file, line) in output: 「file:line」 for text files, else the row's label from the store
    (「某某.xlsx 工作表「3-…」第12行」), or just the file when the row was never stored."""
    refs = list(refs)
    stored = store.locations((f, n) for f, n in refs if not is_text(f)) if store.exists() else {}
    return {(f, n): f"{f}:{n}" if is_text(f) else (stored[(f, n)].citation if (f, n) in stored else f)
            for f, n in refs}


def cmd_build(args) -> int:
    config = load_config()
    if args.if_stale and not args.paths and not is_stale(config):
        print(f"索引已是最新：{config.db_path}")
        return 0
    summary = build(config, [Path(p) for p in args.paths] or None, progress=True, rebuild=args.rebuild)
    for f in summary.files:
        state = "内容未变，跳过" if f.unchanged else ("新版本无可用表格，保留原有数据" if f.kept_previous else "已入库")
        print(f"{f.file}：{f.forms} 张表，{f.indicators} 条指标，解析问题 {len(f.problems)} 个（{state}）")
        for p in f.problems:
            # Parse problems name their row in the message; the store may hold an older version's rows.
            print("  " + finding_line(p, None if is_text(p.file) else p.file))
    for name in summary.removed:
        print(f"{name}：文件已不在报告目录，已从库中移除")
    if summary.vectors:
        v = summary.vectors
        how = "全量重建" if v.rebuilt else "增量更新"
        print(f"向量索引（{how}，嵌入模型 {v.embedder}）：共 {v.total} 块，新嵌入 {v.embedded} 块，删除 {v.removed} 块，"
              f"用时 {v.seconds:.2f} 秒")
    sev = Counter(f.severity for f in summary.findings)
    print(
        f"合计：{len(summary.files)} 个文件，库中 {summary.projects} 张自评表、{summary.indicators} 条指标；"
        f"解析问题 {len(summary.problems)} 个；审计发现 {len(summary.findings)} 条"
        f"（{'，'.join(f'{SEVERITY_LABELS[s]} {sev.get(s, 0)}' for s in SEVERITY_LABELS)}）；用时 {summary.seconds:.2f} 秒"
    )
    return 1 if any(p.severity == "error" for p in summary.problems) else 0


def cmd_records(args) -> int:
    store = Store(load_config().db_path)
    projects = store.projects()
    if args.json:
        _print_json([project_dict(p) for p in projects])
        return 0
    places = _places(store, ((p.file, p.line) for p in projects))
    for p in projects:
        total = p.funds.get("total")
        executed = "-" if total is None or total.executed is None else f"{total.executed:.2f}"
        print(f"{p.name}\t{p.unit}\t执行数 {executed} 万元\t总分 {p.total_score:g}\t{p.grade}\t{places[(p.file, p.line)]}")
    print(f"共 {len(projects)} 张自评表")
    return 0


def cmd_audit(args) -> int:
    store = Store(load_config().db_path)
    findings = store.problems() + audit(store.projects())
    if args.json:
        _print_json([finding_dict(f) for f in findings])
        return 0
    places = _places(store, ((f.file, f.line) for f in findings))
    for f in findings:
        print(finding_line(f, places[(f.file, f.line)]))
    by_kind = Counter(f.code for f in findings)
    print(f"共 {len(findings)} 条：" + "，".join(f"{KINDS.get(k, k)} {n}" for k, n in by_kind.items()))
    return 0


def cmd_search(args) -> int:
    from .retrieve import Searcher, hit_dict

    searcher = Searcher(load_config())
    filters = {k: v for k, v in (("project", args.project), ("office", args.office), ("level1", args.level1),
                                 ("level2", args.level2)) if v}
    hits = searcher.search(args.query, k=args.k, filters=filters or None, mode=args.mode)
    if args.json:
        _print_json([hit_dict(h) for h in hits])
        return 0
    if not hits:
        print("没有找到相关内容")
    for n, h in enumerate(hits, 1):
        c = h.chunk
        kind = "概况" if c.kind == "overview" else "指标"
        print(f"{n}. [{kind}] {c.project}（{c.metadata.get('file')}:{c.metadata.get('line')}，得分 {h.score:.4f}）")
        print(f"   {c.text}")
    return 0


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate, format_table

    rows = evaluate(load_config(), Path(args.questions) if args.questions else None, args.embedder or None)
    print(format_table(rows))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description="绩效自评表：解析、入库、审计")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="解析报告文件并入库（默认：报告目录下的全部文件）")
    b.add_argument("paths", nargs="*", help="报告文件或目录")
    b.add_argument("--if-stale", action="store_true", help="仅当索引缺失或比报告文件旧时才重建")
    b.add_argument("--rebuild", action="store_true", help="向量索引全量重建（默认只嵌入新增或变化的块）")
    b.set_defaults(func=cmd_build)
    r = sub.add_parser("records", help="列出库中的全部项目")
    r.add_argument("--json", action="store_true", help="以 JSON 数组输出")
    r.set_defaults(func=cmd_records)
    a = sub.add_parser("audit", help="一致性审计结果")
    a.add_argument("--json", action="store_true", help="以 JSON 数组输出")
    a.set_defaults(func=cmd_audit)
    s = sub.add_parser("search", help="混合检索（BM25 + 向量）")
    s.add_argument("query")
    s.add_argument("-k", type=int, default=5, help="返回条数（默认 5）")
    s.add_argument("--json", action="store_true", help="以 JSON 数组输出")
    s.add_argument("--mode", choices=["bm25", "dense", "rrf", "hybrid"], default="hybrid", help="检索方式")
    s.add_argument("--project", help="只检索该项目")
    s.add_argument("--office", help="只检索该科室")
    s.add_argument("--level1", help="只检索该一级指标")
    s.add_argument("--level2", help="只检索该二级指标")
    s.set_defaults(func=cmd_search)
    e = sub.add_parser("evaluate", help="检索效果评测（recall@1/5/10）")
    e.add_argument("questions", nargs="?", help="问题文件（默认：共享开发集）")
    e.add_argument("--embedder", action="append", help="嵌入模型（可重复；默认：当前配置的模型）")
    e.set_defaults(func=cmd_evaluate)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
