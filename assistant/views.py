"""What the web app shows, computed here so the UI modules stay thin: chat messages with their numbered sources,
result tables, exports, fact-check verdicts and drafts.

Everything that reaches the page as HTML passes through ``html.escape`` here: form text can hold any character.
"""
from __future__ import annotations

import html
import re
import weakref
from dataclasses import dataclass

from .answer import Answer, Citation, Table
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
MESSAGE_ROWS = 200  # rows of a table kept inside a chat message; the downloads hold them all
SOURCE_LIMIT = 80  # cited rows listed under one message
# Verdicts are told by their word and a sign, never by colour alone (the colour is a CSS class).
VERDICT_STYLES = {"正确": ("ok", "✔"), "错误": ("bad", "✘"), "部分正确": ("part", "◐"), "无法核实": ("unknown", "？")}


@dataclass(frozen=True)
class SourceRow:
    """One cited row as the source list under an answer shows it."""

    number: int  # the [n] the answer text uses
    project: str
    where: str  # the report's title and the line, e.g. 「上海市普陀区桃浦镇人民政府2023年度绩效自评表 第58行」
    text: str  # the row as read, cells separated by 「｜」


# -- the report a file holds, and a cited row as read ----------------------------------------------------------

_TITLES: "weakref.WeakKeyDictionary[object, dict[str, str]]" = weakref.WeakKeyDictionary()


def report_title(assistant, file: str) -> str:
    """A file named by the report it holds: its forms' 主管部门 and year (a hashed file name tells a clerk nothing)."""
    titles = _TITLES.setdefault(assistant, {})
    if not titles:
        found: dict[str, tuple[dict, dict]] = {}
        for r in assistant.project_rows():
            deps, years = found.setdefault(r.file, ({}, {}))
            deps[r.department or ""] = None
            years[r.year] = None
        for name, (deps, years) in found.items():
            dep = "、".join(d for d in deps if d)
            year = "、".join(str(y) for y in years if y)
            titles[name] = f"{dep}{year + '年度' if year else ''}项目支出绩效自评表" if dep or year else name
    return titles.get(file, file)


def _where(assistant, file: str, line: int, loc) -> str:
    """The report's title and the place in it: 「第58行」 in a text file, 「工作表「3-…」第12行」 in a workbook."""
    label = loc.label if loc is not None and loc.label else f"第{line}行"
    return f"{report_title(assistant, file)} {label}"


def locate_many(assistant, refs: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, str]]:
    """(where, row text) for many cited rows at once, read from the store (so workbooks, documents and PDFs show
    their cells too). The one place that turns a location into what the user sees."""
    found = assistant.store.locations(refs)
    out = {}
    for file, line in refs:
        loc = found.get((file, line))
        cells = loc.filled if loc is not None else ()
        out[(file, line)] = (_where(assistant, file, line, loc), " ｜ ".join(cells) if cells else "（原文不可用）")
    return out


def locate(assistant, file: str, line: int) -> tuple[str, str]:
    """(where, row text) for one cited row."""
    return locate_many(assistant, [(file, line)])[(file, line)]


def source_rows(assistant, citations: list[Citation], limit: int = SOURCE_LIMIT) -> list[SourceRow]:
    """The cited rows numbered in citation order, as the answer text refers to them ([1], [2] …)."""
    cited = citations[:limit]
    found = locate_many(assistant, [(c.file, c.line) for c in cited])
    return [SourceRow(n, c.project, *found[(c.file, c.line)]) for n, c in enumerate(cited, 1)]


# -- chat messages --------------------------------------------------------------------------------------------

def html_table(headers: list[str], rows: list[list], caption: str = "", sortable: bool = True) -> str:
    """A table that becomes one card per row on a phone, each value under its column name."""
    labels = [html.escape(str(h)) for h in headers]
    head = "".join(f'<th scope="col">{_safe(h)}</th>' for h in headers)
    # The column name rides in each cell (hidden on a desktop): chat messages are sanitized, so data-* attributes
    # cannot be relied on to label a card.
    body = "".join("<tr>" + "".join(f'<td><span class="jx-label" aria-hidden="true">{label}</span>'
                                    f'<span class="jx-v">{_safe(c)}</span></td>' for label, c in zip(labels, r))
                   + "</tr>" for r in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    cls = "jx-table jx-sortable" if sortable else "jx-table"
    return f'<div class="{cls}"><table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _safe(v) -> str:
    return html.escape(_cell(v))


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}" if v == int(v) else f"{v}"
    return str(v)


def body_html(answer: Answer, limit: int = MESSAGE_ROWS) -> str:
    """The answer's text for the chat: its prose as Markdown and its typed tables as tables that become cards on a
    phone. Text a model reworded is shown as it is (its tables are Markdown the chat draws)."""
    parts = answer.parts()
    files = {c.file for c in answer.citations if c.file}
    if parts is None:
        from .sources import inert_markdown

        return inert_markdown(_rows_only(without_notices(answer.text, answer.notices), files))
    out: list[str] = []
    for part in parts:
        if isinstance(part, Table):
            rows = [[_rows_only(str(cell), files) for cell in row] for row in part.rows[:limit]]
            out += ["", html_table(part.headers, rows, sortable=False), ""]
            if len(part.rows) > limit:
                out.append(f"（表中其余 {len(part.rows) - limit} 行见下方下载的 CSV 或 Excel。）")
        else:
            out.append(_rows_only(without_notices(part, answer.notices), files))
    return "\n".join(out).strip("\n")


def _rows_only(text: str, files: set[str]) -> str:
    """「来源[1]：000_….txt 第59行」 → 「来源[1]：第59行」 in the chat: the numbered source under the message names the
    report by its title; a stored file's name tells a clerk nothing."""
    for file in files:
        text = re.sub(re.escape(file) + r":(\d+)", r"第\1行", text)
        text = re.sub(re.escape(file) + r" ?(?=第)", "", text)
    return text


def sources_html(sources: list[SourceRow], total: int | None = None) -> str:
    """The numbered source list under one answer, folded until opened."""
    if not sources:
        return ""
    items = "".join(
        f'<li><span class="jx-cite">[{s.number}]</span> <span class="jx-source-project">{html.escape(s.project)}</span>'
        f' · <span class="jx-source-where">{html.escape(s.where)}</span>'
        f'<div class="jx-source-row">{html.escape(s.text)}</div></li>' for s in sources)
    more = ""
    if total and total > len(sources):
        more = f'<p class="jx-more">另有 {total - len(sources)} 处来源，见下载的表格。</p>'
    return (f'<details class="jx-sources"><summary>来源（{total or len(sources)} 处：表中原文、报表与行号）</summary>'
            f'<ul class="jx-source-list">{items}</ul>{more}</details>')


def notices_html(answer: Answer) -> str:
    notices = getattr(answer, "notices", None) or []
    # notices of the model's part carry their own mark (⚠️ failed, ℹ️ read by the model); others get ⚠
    return "".join(f'<div class="jx-notice" role="status">{"" if n[:1] in ("⚠", "ℹ") else "⚠ "}{html.escape(n)}</div>'
                   for n in notices)


def without_notices(text: str, notices: list[str]) -> str:
    """The answer text without its notice paragraphs (the page shows them as badges above it)."""
    for n in notices:
        text = text.replace(f"\n\n{n}", "").replace(n, "")
    return text.strip("\n")


def message_html(assistant, answer: Answer) -> str:
    """One answer as the chat shows it: notices first, the text with its tables, then its own numbered sources."""
    parts = [notices_html(answer), body_html(answer),
             sources_html(source_rows(assistant, answer.citations), len(answer.citations))]
    return "\n\n".join(p for p in parts if p)


def answer_table(answer: Answer) -> tuple[list[str], list[list]]:
    """The rows behind an answer as a table (headers, rows) for download; empty for one value."""
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
        line = r.get("line") if "level2" in r else (r.get("fund_line") or r.get("line"))
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


def export_files(answer: Answer, stem: str = "绩效问答结果") -> tuple[str | None, str | None]:
    """Write the answer's table as CSV (UTF-8 with BOM, opens in Excel) and as .xlsx; return their paths."""
    headers, rows = answer_table(answer)
    if not rows:
        return None, None
    from index.export import write_table

    files = write_table(headers, rows, stem)  # text cells stay text, never formulas; old exports are cleaned up
    return str(files.csv), str(files.xlsx)


# -- fact-check ------------------------------------------------------------------------------------------------

def verdict_badge(verdict: str) -> str:
    cls, sign = VERDICT_STYLES.get(verdict, ("unknown", "？"))
    return f'<span class="jx-verdict jx-verdict-{cls}">{sign} {html.escape(verdict)}</span>'


def check_html(assistant, result) -> str:
    """The verdict overall and per claim, each claim with its note and the rows it was checked against."""
    if not result.claims:
        return f'<p>{html.escape(result.text or "没有找到可核查的陈述。")}</p>'
    items = []
    for n, c in enumerate(result.claims, 1):
        where = "；".join(locate(assistant, x.file, x.line)[0] for x in c.citations[:5])
        detail = "".join(
            f'<div class="jx-claim-detail"><span class="jx-k">{label}</span>{html.escape(v)}</div>'
            for label, v in (("陈述值：", c.expected), ("记录值：", c.found), ("说明：", c.note), ("来源：", where)) if v)
        items.append(f'<li class="jx-claim">{verdict_badge(c.verdict)} <span class="jx-claim-text">'
                     f'{n}. {html.escape(c.text)}</span>{detail}</li>')
    return (f'<div class="jx-check"><p class="jx-check-overall">核查结论：{verdict_badge(result.verdict)}'
            f'（共 {len(result.claims)} 处陈述）</p><ol class="jx-claims">{"".join(items)}</ol></div>')


# -- drafts ----------------------------------------------------------------------------------------------------

_MARK = re.compile(r"\[\d+\]")


def draft_text(assistant, summary, with_sources: bool) -> str:
    """A draft to paste into a 绩效自评报告: plain paragraphs, or with [n] notes naming each report and line."""
    body = summary.body.replace("**", "")
    if not with_sources:
        return _MARK.sub("", body).strip()
    found = locate_many(assistant, [(c.file, c.line) for c in summary.notes])
    notes = [f"[{n}] {c.project}：{found[(c.file, c.line)][0]}" for n, c in enumerate(summary.notes, 1)]
    return body.strip() + ("\n\n数据来源：\n" + "\n".join(notes) if notes else "")


def draft_appendix(assistant, summary) -> tuple[list[str], list[list]]:
    """The draft's source table (its appendix): every project it covers, with the report and line."""
    headers = summary.appendix_headers + ["来源"]
    found = locate_many(assistant, [(r.file, r.line) for r in summary.appendix])
    rows = [list(r.cells) + [found[(r.file, r.line)][0]] for r in summary.appendix]
    return headers, rows


def summary_targets(assistant) -> list[str]:
    offices = sorted(o for o in assistant.vocab.offices if o)
    return ["全部"] + offices + list(assistant.vocab.projects)
