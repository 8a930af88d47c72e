"""What the web app shows, computed here so the UI module stays thin: tables, source panels, exports, charts."""
from __future__ import annotations

from collections import Counter

from .answer import Answer
from .formatting import money, score

# Columns of the result table, by the kind of row an answer carries (first match wins).
_INDICATOR_COLUMNS = [("project", "项目"), ("level2", "二级指标"), ("name", "三级指标"), ("target", "年度指标值"),
                      ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"), ("source", "来源"),
                      ("reason", "偏差原因分析及改进措施")]
_PROJECT_COLUMNS = [("name", "项目"), ("office", "科室"), ("initial_budget", "年初预算数(万元)"),
                    ("annual_budget", "全年预算数(万元)"), ("executed", "全年执行数(万元)"), ("rate", "执行率(%)"),
                    ("total_score", "总分"), ("grade", "评分等级"), ("source", "来源")]
_CLAIM_COLUMNS = [("text", "陈述"), ("verdict", "结论"), ("expected", "陈述值"), ("found", "记录值")]
_FIELD_LABELS = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数",
                 "rate": "执行率", "total_score": "总分", "grade": "评分等级", "unit": "实施单位",
                 "department": "主管部门"}
CHAT_ROWS = 8  # rows of a long table shown in the chat bubble; the full table is below it


def answer_table(answer: Answer) -> tuple[list[str], list[list]]:
    """The rows behind an answer as a table (headers, rows) for display and download; empty for one value."""
    if len(answer.rows) < 2:
        return [], []
    first = answer.rows[0]
    if "level2" in first or "indicator" in first:
        columns = _INDICATOR_COLUMNS
    elif "verdict" in first:
        columns = _CLAIM_COLUMNS
    elif "grade" in first or "executed" in first:
        columns = _PROJECT_COLUMNS
    else:
        columns = [(k, _FIELD_LABELS.get(k, k)) for k in first]
    rows = []
    for r in answer.rows:
        line = r.get("fund_line") or r.get("line")
        if "level2" in r:
            line = r.get("line")
        src = f"{r.get('file')}:{line}" if r.get("file") else ""
        row = []
        for key, _ in columns:
            if key == "source":
                v = src
            elif key == "name" and "indicator" in r:
                v = r.get("indicator")
            else:
                v = r.get(key)
            row.append("" if v is None else v)
        rows.append(row)
    return [label for _, label in columns], rows


def chat_text(answer: Answer) -> str:
    """The answer as the chat shows it: a long table is cut to its first rows (the full one is below)."""
    lines = answer.text.split("\n")
    table_rows = [n for n, line in enumerate(lines) if line.startswith("| ") and not line.startswith("|---")]
    if len(table_rows) - 1 <= CHAT_ROWS + 3:
        return answer.text
    keep_until = table_rows[CHAT_ROWS]  # header row + CHAT_ROWS data rows
    cut = [n for n in table_rows if n > keep_until]
    hidden = len(cut)
    rest = [line for n, line in enumerate(lines) if n > table_rows[-1]]
    shown = lines[:keep_until + 1] + [f"\n……其余 {hidden} 行见下方「结果表」（完整、可排序、可下载）。"] + rest
    return "\n".join(shown)


def export_files(answer: Answer, stem: str = "绩效问答结果") -> tuple[str | None, str | None]:
    """Write the answer's table as CSV (UTF-8 with BOM, opens in Excel) and as .xlsx; return their paths."""
    headers, rows = answer_table(answer)
    if not rows:
        return None, None
    from index.export import write_table

    files = write_table(headers, rows, stem)  # text cells stay text, never formulas; old exports are cleaned up
    return str(files.csv), str(files.xlsx)


def sources_markdown(assistant, answer: Answer, limit: int = 80) -> str:
    """For every cited row: the project, the row as it stands in the form, and the file and line (escaped)."""
    from .sources import sources_markdown as rows_markdown

    return rows_markdown(assistant.store, answer, limit)


def plain_text(markdown: str) -> str:
    """A draft ready to paste into a document: no markdown emphasis, no appended detail table."""
    kept = [line for line in markdown.split("\n") if not line.startswith("|")]
    return "\n".join(kept).replace("**", "").strip()


def claims_table(result) -> list[list]:
    return [[c.text, c.verdict, c.expected, c.found, "；".join(f"{x.file}:{x.line}" for x in c.citations[:5])]
            for c in result.claims]


def summary_targets(assistant) -> list[str]:
    offices = sorted(o for o in assistant.tools.offices() if o)
    return ["全部"] + offices + assistant.tools.project_names()


def _band(score_: float | None) -> str:
    s = score_ or 0
    return "95分及以上" if s >= 95 else "90-94分" if s >= 90 else "80-89分" if s >= 80 else "80分以下"


def overview_data(assistant) -> dict:
    """Chart data: execution by office, the score distribution, deductions by indicator category."""
    rows = assistant.tools.find_projects()
    by_office: dict[str, float] = {}
    for r in rows:
        by_office[r.office or "其他"] = by_office.get(r.office or "其他", 0.0) + (r.executed or 0.0)
    budget = [{"科室": k, "全年执行数(万元)": round(v, 2)} for k, v in sorted(by_office.items(), key=lambda kv: -kv[1])]
    bands = Counter(_band(r.total_score) for r in rows)
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
        if office and (r.office or "其他") != office:
            continue
        if band and _band(r.total_score) != band:
            continue
        out.append([r.name, r.office, money(r.annual_budget), money(r.executed), score(r.total_score), r.grade,
                    f"{r.file}:{r.fund_line or r.line}"])
    return out


def audit_rows(assistant, query: str = "") -> list[list]:
    from .browse import finding_rows, load_overview

    return finding_rows(load_overview(assistant.store).findings, query)
