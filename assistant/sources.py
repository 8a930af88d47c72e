"""Record text on its way to a browser: the source panel under an answer, and text a model wrote.

Form cells are data typed by whoever filled in the form, so they are escaped (prompts.escape_md) wherever they
are shown as Markdown or HTML: a cell holding ``![x](http://…)`` must not make every viewer's browser fetch an image,
and a ``|`` must not break the table. Text a model wrote may echo such cells, so images and HTML tags in it are
made inert too.
"""
from __future__ import annotations

import re

from .answer import Answer
from .prompts import escape_md

_TAG = re.compile(r"<(?=[A-Za-z/!?])")  # an HTML tag or comment opening; one character of look-ahead, linear


def sources_markdown(store, answer: Answer, limit: int = 80) -> str:
    """For every cited row: the project, the row's cells as read (from the store, so workbooks, documents and
    PDFs show their cells too), and where it is; every piece of record text escaped."""
    if not answer.citations:
        return "（此回答没有引用记录）"
    cited = answer.citations[:limit]
    found = store.locations((c.file, c.line) for c in cited)
    out = ["| 项目 | 表中原文（各单元格以「｜」分隔） | 来源 |", "|---|---|---|"]
    for c in cited:
        loc = found.get((c.file, c.line))
        row = " ｜ ".join(escape_md(x) for x in loc.filled) if loc and loc.filled else "（原文不可用）"
        where = loc.citation if loc else f"{c.file} 第{c.line}行"
        out.append(f"| {escape_md(c.project)} | {row} | {escape_md(where)} |")
    if len(answer.citations) > limit:
        out.append(f"\n……另有 {len(answer.citations) - limit} 处来源，见下载的表格。")
    return "\n".join(out)


def inert_markdown(text: str) -> str:
    """Markdown from a model with images and HTML disabled (「![a](u)」 → 「!［a］(u)」, 「<img」 → 「＜img」); the
    tables, emphasis and links it may use are left as they are."""
    return _TAG.sub("＜", text.replace("![", "!［"))
