"""Command line: `python -m index build|records|audit`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from .audit import KINDS, SEVERITY_LABELS, audit
from .build import build, is_stale, report_files
from .config import load_config
from .export import finding_dict, finding_line, project_dict
from .readers import is_text
from .store import Store, StoreOutdated


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
    from .locks import WriterBusy

    config = load_config()
    if args.if_stale and not args.paths and not is_stale(config):
        print(f"索引已是最新：{config.db_path}")
        return 0
    paths = [Path(p) for p in args.paths]
    reports = config.reports.resolve()
    # A file from elsewhere is added to the report directory as an upload is: under a new name if its name is
    # taken (unless --replace), so building never overwrites a stored report.
    outside = [f for p in paths if not _inside(p, reports) for f in report_files(p)]
    inside = [p for p in paths if _inside(p, reports)]
    code = 0
    try:
        if outside:
            from .versions import REFUSED, UNCHANGED, upload_paths

            report = upload_paths(config, outside, replace=args.replace, force=args.force, origin="命令行")
            for o in report.files:
                if o.status in (REFUSED, UNCHANGED):
                    print(f"{o.name}：{o.reason}")
                    for line in o.problems:
                        print(f"  {line}")
                    code = max(code, 1 if o.status == REFUSED else 0)
                elif o.same_name:
                    print(f"{o.name}：{o.reason}")
            if report.build is not None:
                code = max(code, _print_summary(report.build))
        if inside or not paths:
            summary = build(config, inside or None, progress=True, rebuild=args.rebuild, force=args.force)
            code = max(code, _print_summary(summary))
    except WriterBusy:
        print("另一项入库、删除或恢复正在进行（写入锁被占用），请稍后再试")
        return 3
    return code


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except ValueError:
        return False


def _print_summary(summary) -> int:
    for f in summary.files:
        if f.same_as:
            state = f"与「{f.same_as}」内容相同，未重复入库"
        elif f.kept_previous:
            state = f.reason or "新版本无可用表格，保留原有数据"
        else:
            state = "内容未变，跳过" if f.unchanged else "已入库"
        print(f"{f.file}：{f.forms} 张表，{f.indicators} 条指标，解析问题 {len(f.problems)} 个（{state}）")
        for p in f.problems:
            # Parse problems name their row in the message; the store may hold an older version's rows.
            print("  " + finding_line(p, None if is_text(p.file) else p.file))
    for name in summary.removed:
        print(f"{name}：文件已不在报告目录，已从库中移除")
    if summary.duplicates:
        hidden = sum(len(d.hidden) for d in summary.duplicates)
        print(f"重复：{len(summary.duplicates)} 张表（项目、主管部门、年度相同）在多个文件中出现，每张只计一次，"
              f"另 {hidden} 份未计入；`python -m index files` 列出")
    if summary.vectors:
        v = summary.vectors
        how = "全量重建" if v.rebuilt else "增量更新"
        print(f"向量索引（{how}，嵌入模型 {v.embedder}）：共 {v.total} 块，新嵌入 {v.embedded} 块，删除 {v.removed} 块，"
              f"用时 {v.seconds:.2f} 秒")
    if summary.vector_error:
        print(summary.vector_error)
    sev = Counter(f.severity for f in summary.findings)
    print(
        f"合计：{len(summary.files)} 个文件，库中 {summary.projects} 张自评表、{summary.indicators} 条指标；"
        f"解析问题 {len(summary.problems)} 个；审计发现 {len(summary.findings)} 条"
        f"（{'，'.join(f'{SEVERITY_LABELS[s]} {sev.get(s, 0)}' for s in SEVERITY_LABELS)}）；用时 {summary.seconds:.2f} 秒"
    )
    if any(p.severity == "error" for p in summary.problems):
        return 1
    return 2 if summary.vector_error else 0


def cmd_files(args) -> int:
    from datetime import datetime

    from .versions import duplicates, history, stored_files

    config = load_config()
    files = stored_files(config)
    for f in files:
        when = datetime.fromtimestamp(f.stored_at).strftime("%Y-%m-%d %H:%M")
        counted = f"，计入 {f.counted} 张" if f.counted != f.forms else ""
        by = f"（{f.user}）" if f.user else ""
        print(f"{f.name}\t{f.forms} 张表{counted}\t{when}\t{f.origin}{by}\t解析问题 {f.problems} 个\t{f.sha256[:12]}")
    print(f"共 {len(files)} 个文件在用")
    older = [v for v in history(config) if v.restorable]
    if older:
        print("可恢复的版本（python -m index restore 文件名 编号）：")
        for v in older:
            when = datetime.fromtimestamp(v.stored_at).strftime("%Y-%m-%d %H:%M")
            print(f"  {v.name}\t{v.state}\t{v.forms} 张表\t{when}\t{v.origin}\t编号 {v.sha256[:12]}")
    for d in duplicates(config):
        others = "、".join(f"{f}:{n}" for f, n in d.hidden)
        same = "内容相同" if d.same_figures else "内容不同"
        print(f"重复：{d.project}（{d.department}，{d.year}）计入 {d.kept[0]}:{d.kept[1]}，未计入 {others}（{same}）")
    return 0


def cmd_delete(args) -> int:
    from .versions import delete

    report = delete(load_config(), args.name)
    print(report.reason)
    return 0 if report.done else 1


def cmd_restore(args) -> int:
    from .versions import history, restore

    config = load_config()
    matches = [v for v in history(config, args.name) if v.sha256.startswith(args.version) and v.restorable]
    if len(matches) != 1:
        print(f"「{args.name}」没有编号以 {args.version} 开头的可恢复版本" if not matches else "编号不唯一，请多给几位")
        return 1
    report = restore(config, args.name, matches[0].sha256)
    print(report.reason)
    return 0 if report.done else 1


def cmd_user(args) -> int:
    import getpass

    from .auth import ROLES, add_user, load_users, remove_user

    config = load_config()
    if args.action == "list":
        for u in load_users(config).values():
            print(f"{u.name}\t{u.role}")
        return 0
    if args.action == "remove":
        print("已删除" if remove_user(config, args.name) else f"没有用户「{args.name}」")
        return 0
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("密码：")
    if not args.password_stdin and getpass.getpass("再输入一次：") != password:
        print("两次输入的密码不一致")
        return 1
    if args.role not in ROLES:
        print(f"角色只能是 {'、'.join(ROLES)}")
        return 1
    try:
        add_user(config, args.name, password, args.role)
    except ValueError as exc:
        print(exc)
        return 1
    print(f"已保存用户「{args.name}」（{args.role}），密码以哈希保存在 {config.home / 'users.json'}")
    return 0


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
    found = searcher.retrieve(args.query, k=args.k, filters=filters or None, mode=args.mode)
    hits = found.hits
    if found.notice:
        print(found.notice, file=sys.stderr)
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
    b.add_argument("--replace", action="store_true", help="报告目录外的文件与已存文件同名时替换它（原文件存档，可恢复）")
    b.add_argument("--force", action="store_true", help="新版本有解析错误或表格更少时也替换原有数据")
    b.set_defaults(func=cmd_build)
    f = sub.add_parser("files", help="列出在用的报告文件、可恢复的版本和重复的表")
    f.set_defaults(func=cmd_files)
    d = sub.add_parser("delete", help="删除一个报告文件（存档，可恢复）")
    d.add_argument("name")
    d.set_defaults(func=cmd_delete)
    rs = sub.add_parser("restore", help="恢复存档中的一个版本")
    rs.add_argument("name")
    rs.add_argument("version", help="版本编号（files 列出的前几位）")
    rs.set_defaults(func=cmd_restore)
    u = sub.add_parser("user", help="网页登录的用户（密码以哈希保存在数据目录的 users.json）")
    u.add_argument("action", choices=["add", "remove", "list"])
    u.add_argument("name", nargs="?", default="")
    u.add_argument("--role", default="reader", help="admin（可上传、删除、恢复）或 reader（只能提问）")
    u.add_argument("--password-stdin", action="store_true", help="从标准输入读一行作为密码")
    u.set_defaults(func=cmd_user)
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
    except StoreOutdated as exc:  # never answer from, or wipe, a store an older version wrote
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
