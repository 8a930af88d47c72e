"""What the web app shows, computed here so the UI module stays thin: tables, source panels, exports, charts."""
from __future__ import annotations

import csv
import io
import tempfile
from collections import Counter
from pathlib import Path

from .answer import Answer
from .compose import money, score

ROW_LABELS = {
    "project": "项目", "name": "项目", "office": "科室", "unit": "实施单位", "level1": "一级指标", "level2": "二级指标",
    "indicator": "三级指标", "target": "年度指标值", "actual": "实际完成值", "weight": "分值", "score": "得分",
    "reason": "偏差原因分析及改进措施", "initial_budget": "年初预算数(万元)", "annual_budget": "全年预算数(万元)",
    "executed": "全年执行数(万元)", "rate": "执行率(%)", "total_score": "总分", "grade": "评分等级", "file": "文件",
    "line": "行", "value": "数值", "field": "字段", "goal": "预期目标", "achieved": "实际完成情况",
    "text": "陈述", "verdict": "结论", "expected": "陈述值", "found": "记录值",
}
_SKIP = {"target_value", "target_unit", "actual_value", "actual_unit", "status", "met", "deducted", "department",
         "project_line", "fund_line", "total_line", "year", "citations", "expression", "result"}


def answer_table(answer: Answer) -> tuple[list[str], list[list]]:
    """The rows behind an answer as a table (headers, rows) for display and download."""
    if not answer.rows:
        return [], []
    keys = [k for k in answer.rows[0] if k not in _SKIP]
    if "name" in keys and "level2" in keys:
        keys[keys.index("name")] = "indicator_name"
    headers = [ROW_LABELS.get(k, "三级指标" if k == "indicator_name" else k) for k in keys]
    rows = []
    for r in answer.rows:
        row = []
        for k in keys:
            v = r.get("name") if k == "indicator_name" else r.get(k)
            if isinstance(v, list):
                v = "；".join(f"{c['file']}:{c['line']}" for c in v) if v and isinstance(v[0], dict) else str(v)
            row.append("" if v is None else v)
        rows.append(row)
    return headers, rows


def export_files(answer: Answer, stem: str = "绩效问答结果") -> tuple[str | None, str | None]:
    """Write the answer's table as CSV (UTF-8 with BOM, opens in Excel) and as .xlsx; return their paths."""
    headers, rows = answer_table(answer)
    if not rows:
        return None, None
    out = Path(tempfile.mkdtemp(prefix="jx_export_"))
    csv_path = out / f"{stem}.csv"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    w.writerows(rows)
    csv_path.write_text(buf.getvalue(), encoding="utf-8-sig")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "结果"
    ws.append(headers)
    for r in rows:
        ws.append(r)
    xlsx_path = out / f"{stem}.xlsx"
    wb.save(xlsx_path)
    return str(csv_path), str(xlsx_path)


def sources_markdown(assistant, answer: Answer, limit: int = 60) -> str:
    """For every cited row: the project, the row as it stands in the form (its cells), and the file and line."""
    if not answer.citations:
        return "（此回答没有引用记录）"
    lines_by_file: dict[str, list[str]] = {}
    out = []
    for c in answer.citations[:limit]:
        if c.file not in lines_by_file:
            lines_by_file[c.file] = _read_lines(assistant, c.file)
        text = lines_by_file[c.file]
        raw = text[c.line - 1] if 0 < c.line <= len(text) else ""
        cells = [x.strip() for x in raw.split("\t") if x.strip()]
        row = " | ".join(cells) if cells else "（原文不可用）"
        out.append(f"**{c.project}** · {c.file} 第{c.line}行\n\n| {row} |\n|{'---|' * max(len(cells), 1)}")
    if len(answer.citations) > limit:
        out.append(f"……另有 {len(answer.citations) - limit} 处来源，见下载的表格。")
    return "\n\n".join(out)


def _read_lines(assistant, file: str) -> list[str]:
    for s in assistant.store.sources():
        if s.name == file:
            try:
                data = Path(s.path).read_bytes()
            except OSError:
                return []
            for enc in ("utf-8-sig", "gb18030"):
                try:
                    return data.decode(enc).splitlines()
                except UnicodeDecodeError:
                    continue
    return []


def claims_table(result) -> list[list]:
    return [[c.text, c.verdict, c.expected, c.found, "；".join(f"{x.file}:{x.line}" for x in c.citations[:5])]
            for c in result.claims]


def summary_targets(assistant) -> list[str]:
    offices = sorted(o for o in assistant.tools.offices() if o)
    return ["全部"] + offices + assistant.tools.project_names()


def overview_data(assistant) -> dict:
    """Chart data: execution by office, the score distribution, deductions by indicator category."""
    rows = assistant.tools.find_projects()
    by_office: dict[str, float] = {}
    for r in rows:
        by_office[r.office or "其他"] = by_office.get(r.office or "其他", 0.0) + (r.executed or 0.0)
    budget = [{"科室": k, "全年执行数(万元)": round(v, 2)} for k, v in sorted(by_office.items(), key=lambda kv: -kv[1])]
    bands = Counter()
    for r in rows:
        s = r.total_score or 0
        band = "95分及以上" if s >= 95 else "90-94分" if s >= 90 else "80-89分" if s >= 80 else "80分以下"
        bands[band] += 1
    order = ["80分以下", "80-89分", "90-94分", "95分及以上"]
    scores = [{"总分区间": b, "项目数": bands.get(b, 0)} for b in order]
    inds = assistant.tools.find_indicators()
    missed = Counter(i.level2 for i in inds if i.deducted or i.met is False)
    categories = [{"二级指标": k, "扣分或未达标指标数": v} for k, v in missed.most_common()]
    return {"budget": budget, "scores": scores, "categories": categories, "projects": len(rows),
            "indicators": len(inds)}


def overview_rows(assistant, office: str = "", category: str = "", band: str = "") -> list[list]:
    """The list a chart opens: projects of an office, of a score band, or rows of an indicator category."""
    if category:
        return [[i.project, i.level2, i.name, i.target, i.actual, score(i.weight), score(i.score), f"{i.file}:{i.line}"]
                for i in assistant.tools.find_indicators() if i.level2 == category and (i.deducted or i.met is False)]
    out = []
    for r in assistant.tools.find_projects():
        s = r.total_score or 0
        b = "95分及以上" if s >= 95 else "90-94分" if s >= 90 else "80-89分" if s >= 80 else "80分以下"
        if office and (r.office or "其他") != office:
            continue
        if band and b != band:
            continue
        out.append([r.name, r.office, money(r.annual_budget), money(r.executed), score(r.total_score), r.grade,
                    f"{r.file}:{r.fund_line or r.line}"])
    return out


def audit_rows(assistant, query: str = "") -> list[list]:
    from .browse import finding_rows, load_overview

    return finding_rows(load_overview(assistant.store).findings, query)
