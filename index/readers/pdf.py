"""PDF reports with pdfplumber: ruled tables and the text lines around them, page by page, top to bottom.

Forms printed from a workbook or a Word table have their cells ruled, so tables are found from the drawn lines.
Each table row becomes a row of cells: a merged cell is one cell (the cells it covers are left out), an empty cell
keeps its place. Text outside the tables (the title, the year line) becomes rows of one cell. A cell's text that
wrapped onto several printed lines is joined back without the line breaks (index.readers.rows.join_wrapped);
spaces printed inside a cell are kept. A form that runs over a page break simply continues on the next page's
rows, and a header row or title the printer repeated there is skipped by the parser. A merged label (一级, 二级)
cut by the break is put back where it belongs: its cut-off cell has no border on the cut side, so its text is
read from the unruled region (_unruled_text); a label the printer draws clipped outside the table goes into the
empty cell at the table's edge (_edge_cell); and one drawn only above the continued table, for a group that
starts at the bottom of the previous page, goes to that group's first row (_carry_over).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

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


def _bands(table) -> list[tuple[float, float] | None]:
    """The x-range of each grid column of a table (pdfplumber indexes a row's cells by grid column); None for a
    column no cell starts in."""
    lefts: dict[int, float] = {}
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            if cell is not None:
                lefts[j] = min(lefts.get(j, cell[0]), cell[0])
    n = len(table.rows[0].cells) if table.rows else 0
    out: list[tuple[float, float] | None] = []
    for j in range(n):
        right = next((lefts[k] for k in range(j + 1, n) if k in lefts), table.bbox[2])
        out.append((lefts[j], right) if j in lefts else None)
    return out


def _open_run(table, texts: list[list[str | None]], j: int) -> int | None:
    """The first row of a merged cell cut off by the page's bottom edge in column ``j``, if there is one.

    Its part on this page has no bottom border, so no cell is found there: the rows below the last cell found
    in the column, down to the table's bottom, have none in it (a cell merged down from above covers rows too,
    but only down to its own bottom)."""
    found = [row.cells[j][3] for row in table.rows if row.cells[j] is not None]
    covered = max(found) if found else table.bbox[1]
    run = None
    for r in range(len(texts) - 1, -1, -1):
        if table.rows[r].cells[j] is not None or table.rows[r].bbox[1] < covered - 1:
            break
        run = r
        if texts[r][j] is not None:  # the label read inside the run (_unruled_text) marks where it starts
            break
    return run


def _edge_cell(table, texts: list[list[str | None]], line: dict, tolerance: float = 1.0) -> tuple[int, int] | None:
    """The empty cell at the table's top or bottom edge that a text line outside the table belongs to, if any.

    A merged label cut by a page break is drawn by the printer at its position in the whole merged cell and
    clipped to the part on each page, so its text lands above the continued table on the next page, or below
    the table on the page it starts on. Such a line fits inside one column and faces an empty edge cell;
    titles span several columns and the cells under a repeated title are filled, so they are left alone.
    """
    top, bottom = table.bbox[1], table.bbox[3]
    for j, band in enumerate(_bands(table)):
        if band is None or not (line["x0"] >= band[0] - tolerance and line["x1"] <= band[1] + tolerance):
            continue
        if line["bottom"] <= top + tolerance:
            r = 0
        elif line["top"] >= bottom - tolerance:
            r = _open_run(table, texts, j)
            if r is None:
                return None
        else:
            return None
        return (r, j) if not (texts[r][j] or "").strip() else None
    return None


def _segments(line: dict) -> list[dict]:
    """A text line split where its characters are more than a character's width apart: a label clipped beside a
    title at the same height is a text of its own."""
    chars = sorted(line["chars"], key=lambda c: c["x0"])
    groups: list[list[dict]] = []
    for ch in chars:
        if groups and ch["x0"] - groups[-1][-1]["x1"] <= max(ch["size"], groups[-1][-1]["size"]):
            groups[-1].append(ch)
        else:
            groups.append([ch])
    return [{"text": "".join(c["text"] for c in g).strip(), "x0": g[0]["x0"], "x1": max(c["x1"] for c in g),
             "top": min(c["top"] for c in g), "bottom": max(c["bottom"] for c in g)} for g in groups]


@dataclass
class PageRows:
    """One page's rows (grid cells; None where a merged cell covers the place) and what may continue across the
    break: labels put into the first table row from clipped text above it, and the columns whose merged cell
    runs off the bottom of the page."""

    rows: list[list[str | None]] = field(default_factory=list)
    from_above: list[tuple[list[str | None], int, tuple[int, int]]] = field(default_factory=list)
    open_below: dict[tuple[int, int], tuple[list[str | None], int]] = field(default_factory=dict)

    def cells(self) -> list[list[str]]:
        out = [[c for c in (_cell(x) for x in row) if c is not None] for row in self.rows]
        return [row for row in out if any(row)]


def _key(band: tuple[float, float]) -> tuple[int, int]:
    return round(band[0]), round(band[1])


def _unruled_text(page, table, texts: list[list[str | None]]) -> None:
    """Fill the places of a table where no cell was found although no merged cell covers them.

    A merged cell cut by a page break has no border on the cut side, so pdfplumber finds no cell there and
    leaves out the text printed inside it (a label on top of its group). Each such run of rows in a column is
    read as one region, and its text goes to the run's first row."""
    rows = table.rows
    bottoms = [rows[r + 1].bbox[1] for r in range(len(rows) - 1)] + [table.bbox[3]]
    for j, band in enumerate(_bands(table)):
        if band is None:
            continue
        covered_until, run = table.bbox[1], []
        for r, row in enumerate(rows + [None]):
            cell = row.cells[j] if row is not None else None
            missing = (row is not None and cell is None and row.bbox[1] >= covered_until - 1
                       and not any(c is not None and c[0] < band[0] - 1 < c[2] - 2 for c in row.cells[:j]))
            if missing:
                run.append(r)
                continue
            if run:
                region = (band[0], rows[run[0]].bbox[1], band[1], bottoms[run[-1]])
                text = page.crop(region).extract_text(**TEXT_SETTINGS).strip()
                if text and not (texts[run[0]][j] or "").strip():
                    texts[run[0]][j] = text
                run = []
            if cell is not None:
                covered_until = max(covered_until, cell[3])


def page_rows(page) -> PageRows:
    """The rows of one page in reading order: table rows and the text lines outside the tables."""
    found = page.find_tables(TABLE_SETTINGS)
    tables = [(table, [list(r) for r in table.extract(**TEXT_SETTINGS)]) for table in found]
    for table, texts in tables:
        _unruled_text(page, table, texts)
    outside = page
    for table in found:
        outside = outside.outside_bbox(table.bbox)
    result = PageRows()
    placed: list[tuple[float, list[str | None]]] = []
    for line in (seg for whole in outside.extract_text_lines(**TEXT_SETTINGS) for seg in _segments(whole)):
        if not line["text"]:
            continue
        # Only the table right below or above the line can own it: the first table for lines above it all,
        # the last one for lines below it all.
        owner = None
        if tables and line["bottom"] <= tables[0][0].bbox[1] + 1:
            owner = tables[0]
        elif tables and line["top"] >= tables[-1][0].bbox[3] - 1:
            owner = tables[-1]
        at = _edge_cell(*owner, line) if owner else None
        if at is None:
            placed.append((line["top"], [line["text"]]))
            continue
        r, j = at
        row = owner[1][r]
        row[j] = join_wrapped([row[j], line["text"]]) if row[j] else line["text"]
        if owner is tables[0] and r == 0 and line["bottom"] <= owner[0].bbox[1] + 1:
            result.from_above.append((row, j, _key(_bands(owner[0])[j])))
    for table, texts in tables:
        placed.extend((row.bbox[1], cells) for row, cells in zip(table.rows, texts))
    if tables:
        table, texts = tables[-1]
        for j, band in enumerate(_bands(table)):
            r = _open_run(table, texts, j) if band else None
            if r is not None:
                result.open_below[_key(band)] = (texts[r], j)
    placed.sort(key=lambda item: item[0])  # stable: a text line and a row at the same height keep their order
    result.rows = [cells for _, cells in placed]
    return result


def _carry_over(previous: PageRows, page: PageRows) -> None:
    """A merged label whose group starts at the bottom of one page may be drawn only on the next, above the
    continued table: it belongs to the first row of the group, on the previous page."""
    for row, j, band in page.from_above:
        if band in previous.open_below:
            first, k = previous.open_below[band]
            if not (first[k] or "").strip():
                first[k], row[j] = row[j], None


def _emit(stream: RowStream, number: int, rows: PageRows) -> None:
    for n, cells in enumerate(rows.cells(), 1):
        stream.add(page_label(number, n), cells)


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
        pending: tuple[int, PageRows] | None = None  # a page is emitted once the next one has been read
        for number, page in enumerate(pages, 1):
            try:
                rows = page_rows(page)
                if not page.chars:
                    scanned += 1
            except Exception as exc:  # one damaged page must not lose the forms on the others
                stream.note("error", "unreadable_page", f"第{number}页无法读取，已跳过（{type(exc).__name__}）",
                            len(stream.rows) + 1)
                rows = PageRows()
            finally:
                page.close()  # frees the page's parsed objects; a long report would otherwise hold them all
            if pending:
                _carry_over(pending[1], rows)
                _emit(stream, *pending)
            pending = (number, rows)
        if pending:
            _emit(stream, *pending)
        if pages and scanned == len(pages):
            raise ReadError(f"PDF 共 {len(pages)} 页，没有可提取的文字（可能是扫描件或图片），无法读取；请提供由表格导出的 PDF 或原始 .xlsx/.docx 文件")
    return stream
