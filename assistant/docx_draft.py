"""A draft as a Word document (.docx): its paragraphs, then its source table as an appendix.

The only module that imports python-docx.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

FONT = "宋体"  # the usual body font of 绩效自评报告; Word falls back where it is missing


def _font(run, size: float | None = None, bold: bool = False) -> None:
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)  # CJK text needs eastAsia set
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def write_docx(title: str, text: str, appendix_title: str, headers: list[str], rows: list[list[str]],
               path: Path | None = None) -> Path:
    """Write the draft (``text``: its first line is the title, blank lines part paragraphs) and the appendix."""
    doc = Document()
    heading = doc.add_paragraph()
    _font(heading.add_run(title), 16, bold=True)
    heading.alignment = 1  # centred
    body = text.split("\n", 1)[1] if text.startswith(title) else text
    for block in re.split(r"\n\s*\n", body.strip()):
        para = doc.add_paragraph()
        for n, line in enumerate(block.split("\n")):
            run = para.add_run(("\n" if n else "") + line)
            _font(run, 12)
    if rows:
        doc.add_page_break()
        cap = doc.add_paragraph()
        _font(cap.add_run(appendix_title), 14, bold=True)
        table = doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, h in zip(table.rows[0].cells, headers):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(h), 10.5, bold=True)
        for r in rows:
            cells = table.add_row().cells
            for cell, v in zip(cells, r):
                cell.text = ""
                _font(cell.paragraphs[0].add_run(str(v)), 10.5)
    if path is None:
        safe = re.sub(r"[^\w\-]+", "_", title)[:60] or "绩效自评总结"
        path = Path(tempfile.mkdtemp(prefix="jx_draft_")) / f"{safe}.docx"
    doc.save(path)
    return path
