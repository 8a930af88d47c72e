"""Word documents (.docx) with python-docx: paragraphs and table rows in document order.

A paragraph outside the tables (the title, the year line) is a row of one cell. A table row gives one cell per
cell as Word stores it: a cell spanning several columns is one cell, and a cell continuing a vertical merge is an
empty cell in its column's place, so a 一级 label merged down its group reads as it does in the text format.
Forms may come one table each or several in one long table; the parser finds them by their 项目名称 rows.
"""
from __future__ import annotations

import io

from ..locations import paragraph_label, table_label
from .rows import ReadError, RowStream


def _cell_text(tc) -> str:
    """The paragraphs of a cell, one line each (a cell's own line breaks are the writer's)."""
    from docx.text.paragraph import Paragraph

    return "\n".join(Paragraph(p, None).text for p in tc.p_lst)


def read(data: bytes, name: str) -> RowStream:
    from docx import Document
    from docx.table import Table

    stream = RowStream(name)
    try:
        doc = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml or its own errors for broken files
        raise ReadError(f"无法打开 Word 文档：文件已损坏或不是 .docx 格式（{type(exc).__name__}）") from None
    paragraphs = tables = 0
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            for r, tr in enumerate(block._tbl.tr_lst, 1):
                cells = [""] * tr.grid_before  # a row that starts right of the table's first column
                for tc in tr.tc_lst:
                    cells.append("" if tc.vMerge == "continue" else _cell_text(tc))
                if any(c.strip() for c in cells):
                    stream.add(table_label(tables, r), cells)
        else:
            paragraphs += 1
            if block.text.strip():
                stream.add(paragraph_label(paragraphs), [block.text])
    return stream
