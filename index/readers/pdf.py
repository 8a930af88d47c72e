"""PDF reports with pdfplumber: ruled tables and the text lines around them, page by page, top to bottom.

Forms printed from a workbook or a Word table have their cells ruled, so tables are found from the drawn lines.
Each table row becomes a row of cells: a merged cell is one cell (the cells it covers are left out), an empty cell
keeps its place. Text outside the tables (the title, the year line) becomes rows of one cell. A cell's text that
wrapped onto several printed lines is joined back without the line breaks (index.readers.rows.join_wrapped);
spaces printed inside a cell are kept. A form that runs over a page break simply continues on the next page's
rows, and a header row the printer repeated there is skipped by the parser.
"""
from __future__ import annotations

import io

from ..locations import page_label
from .rows import ReadError, RowStream, join_wrapped

# Ruled tables only: a form's cells are bordered, and text strategies would split wrapped paragraphs into cells.
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# keep_blank_chars: the spaces the printer put in a text (「确 保 民 间」) are part of it.
TEXT_SETTINGS = {"keep_blank_chars": True}


def _cell(text: str | None) -> str | None:
    if text is None:
        return None
    return join_wrapped(text.split("\n")).strip()


def page_rows(page) -> list[list[str]]:
    """The rows of one page in reading order: table rows and the text lines outside the tables."""
    found = page.find_tables(TABLE_SETTINGS)
    placed: list[tuple[float, list[str]]] = []
    for table in found:
        for row, texts in zip(table.rows, table.extract(**TEXT_SETTINGS)):
            cells = [c for c in (_cell(t) for t in texts) if c is not None]
            placed.append((row.bbox[1], cells))
    outside = page
    for table in found:
        outside = outside.outside_bbox(table.bbox)
    for line in outside.extract_text_lines(**TEXT_SETTINGS):
        text = line["text"].strip()
        if text:
            placed.append((line["top"], [text]))
    placed.sort(key=lambda item: item[0])  # stable: a text line and a row at the same height keep their order
    return [cells for _, cells in placed if any(cells)]


def read(data: bytes, name: str) -> RowStream:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    stream = RowStream(name)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, MalformedPDFException, PDFSyntaxError) as exc:
        raise ReadError(f"无法打开 PDF：文件已损坏或不是 PDF 格式（{type(exc).__name__}）") from None
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:  # a damaged page tree surfaces only here
            raise ReadError(f"无法读取 PDF 的页面：文件已损坏（{type(exc).__name__}）") from None
        scanned = 0
        for number, page in enumerate(pages, 1):
            try:
                rows = page_rows(page)
                if not page.chars:
                    scanned += 1
            except Exception as exc:  # one damaged page must not lose the forms on the others
                stream.note("error", "unreadable_page", f"第{number}页无法读取，已跳过（{type(exc).__name__}）",
                            len(stream.rows) + 1)
                continue
            for n, cells in enumerate(rows, 1):
                stream.add(page_label(number, n), cells)
            page.close()  # frees the page's parsed objects; a long report would otherwise hold them all
        if pages and scanned == len(pages):
            raise ReadError(f"PDF 共 {len(pages)} 页，没有可提取的文字（可能是扫描件或图片），无法读取；请提供由表格导出的 PDF 或原始 .xlsx/.docx 文件")
    return stream
