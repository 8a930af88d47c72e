"""Render parsed forms into the files offices keep: .xlsx workbooks, .docx documents and PDFs printed from them.

The layout follows the printed originals the seed was extracted from: nine columns, the title and year above the
table, labels merged over the cells they head (项目名称 over two columns, 项目资金 over five rows, each 一级 and 二级
label over its group of indicator rows, 三级 names over two columns), amounts stored as numbers shown with two
decimals, and 「-」 for cells left empty. Used by the test fixtures and by bench/formats.py.
"""
from __future__ import annotations

import math
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from index.records import FUND_KINDS, Project

HEADERS_FUND = ("年初预算数", "全年预算数", "全年执行数", "分数", "执行率(%)", "得分")
HEADERS_INDICATOR = ("一级指标", "二级指标", "三级指标", None, "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
WIDTHS = (10, 14, 18, 10, 14, 16, 8, 8, 30)  # Excel character units, columns A..I
FONT = "Noto Sans CJK SC"


@dataclass
class Cell:
    """One cell of the grid: its value and how many rows and columns it covers."""

    value: object = None
    rows: int = 1
    cols: int = 1
    fmt: str = "0.00"  # number format of a numeric value


@dataclass
class GridRow:
    cells: dict[int, Cell]  # by 0-based column
    boxed: bool = True  # drawn with borders (inside the table)
    title: bool = False


@dataclass
class Options:
    """Awkward variations of the clean layout."""

    numbers_as_text: bool = False  # amounts typed as text instead of numbers
    repeat_header: bool = False  # the indicator header repeated in the middle of the table
    blank_rows: bool = False  # blank rows between the blocks of a form


def _amount(value: float | None, opts: Options) -> Cell:
    if value is None:
        return Cell("-")
    if opts.numbers_as_text:
        return Cell(f"{value:.2f}")
    return Cell(value)


def form_grid(p: Project, opts: Options = Options()) -> list[GridRow]:
    """The rows of one form, top to bottom, with merged cells as spans."""
    rows: list[GridRow] = [
        GridRow({0: Cell("财政项目支出绩效自评表", cols=9)}, boxed=False, title=True),
        GridRow({0: Cell(f"({p.year}年度)", cols=9)}, boxed=False),
        GridRow({0: Cell("项目名称", cols=2), 2: Cell(p.name, cols=7)}),
        GridRow({0: Cell("主管部门", cols=2), 2: Cell(p.department, cols=3), 5: Cell("实施单位"), 6: Cell(p.unit, cols=3)}),
        GridRow({0: Cell("项目资金（万元）", rows=5, cols=2), **{3 + n: Cell(h) for n, h in enumerate(HEADERS_FUND)}}),
    ]
    labels = dict(FUND_KINDS, appropriation="其中：当年财政拨款")
    for kind in FUND_KINDS:
        f = p.funds[kind]
        values = (f.initial_budget, f.annual_budget, f.executed, f.weight, f.rate, f.score)
        rows.append(GridRow({2: Cell(labels[kind]), **{3 + n: _amount(v, opts) for n, v in enumerate(values)}}))
    if opts.blank_rows:
        rows.append(GridRow({}, boxed=False))
    rows.append(GridRow({0: Cell("年度总体目标", rows=2), 1: Cell("预期目标", cols=4), 5: Cell("实际完成情况", cols=4)}))
    rows.append(GridRow({1: Cell(p.goal, cols=4), 5: Cell(p.achieved, cols=4)}))
    header = GridRow({n: Cell(h, cols=2 if n == 2 else 1) for n, h in enumerate(HEADERS_INDICATOR) if h})
    rows.append(header)
    inds = p.indicators
    half = len(inds) // 2
    body: list[GridRow] = []
    for n, ind in enumerate(inds):
        cells = {2: Cell(ind.name, cols=2), 4: Cell(ind.target.raw), 5: Cell(ind.actual.raw),
                 6: Cell(ind.weight), 7: Cell(ind.score), 8: Cell(ind.reason or None)}
        if opts.numbers_as_text and n == 0:
            cells[6] = Cell(f"{ind.weight:.2f}")
        if n == 0 or ind.level1 != inds[n - 1].level1:
            span = next((k for k in range(n + 1, len(inds)) if inds[k].level1 != ind.level1), len(inds)) - n
            cells[0] = Cell(ind.level1, rows=span)
        if n == 0 or (ind.level1, ind.level2) != (inds[n - 1].level1, inds[n - 1].level2):
            span = next((k for k in range(n + 1, len(inds))
                         if (inds[k].level1, inds[k].level2) != (ind.level1, ind.level2)), len(inds)) - n
            cells[1] = Cell(ind.level2, rows=span)
        body.append(GridRow(cells))
    if opts.repeat_header and half:
        # A header repeated mid-table (as when a table is pasted from a printout): merges must not cross it.
        body = _split_spans(body, half) + [GridRow(dict(header.cells))] + _restart_spans(body, half, inds)
    rows.extend(body)
    rows.append(GridRow({0: Cell("总分", cols=6), 6: Cell(p.total_weight, fmt="General"),
                     7: Cell(p.total_score, fmt="General"), 8: Cell(None)}))
    rows.append(GridRow({0: Cell("评分等级", cols=2), 2: Cell(p.grade, cols=7)}))
    return rows


def _split_spans(body: list[GridRow], at: int) -> list[GridRow]:
    """The rows before ``at`` with vertical spans cut at ``at``."""
    out = []
    for n, row in enumerate(body[:at]):
        cells = {c: Cell(x.value, min(x.rows, at - n), x.cols, x.fmt) for c, x in row.cells.items()}
        out.append(GridRow(cells))
    return out


def _restart_spans(body: list[GridRow], at: int, inds) -> list[GridRow]:
    """The rows from ``at`` on, with the 一级/二级 labels restated on the first row after the repeated header."""
    out = [GridRow(dict(r.cells)) for r in body[at:]]
    first = out[0].cells
    for col, level in ((0, inds[at].level1), (1, inds[at].level2)):
        if col not in first:
            key = (lambda i: i.level1) if col == 0 else (lambda i: (i.level1, i.level2))
            span = next((k for k in range(at + 1, len(inds)) if key(inds[k]) != key(inds[at])), len(inds)) - at
            first[col] = Cell(level, rows=span)
    return out


def _text_lines(value: object, width: float) -> int:
    """How many printed lines a text needs in a cell ``width`` character units wide (CJK counts double)."""
    text = "" if value is None else str(value)
    units = sum(1.0 if ord(ch) < 0x2E80 else 2.0 for ch in text)
    return max(1, math.ceil(units * 1.1 / max(width - 1, 1)))


def write_xlsx(forms: list[list[GridRow]], path: Path, sheet_names: list[str] | None = None,
               per_sheet: list[int] | None = None, hidden: dict[str, list[list[str]]] | None = None,
               page_breaks: dict[int, int] | None = None, print_titles: bool = False, valign: str = "top") -> Path:
    """Write forms into a workbook: one form per sheet (or ``per_sheet`` forms on each), hidden sheets added.

    ``page_breaks`` maps a form's index to the indicator row (1-based) before which a page break is forced;
    ``valign`` places text in its cell vertically (merged labels centred, as many offices print them, or on top).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical=valign)
    font, title_font = Font(name=FONT, size=10), Font(name=FONT, size=14, bold=True)
    wb = Workbook()
    wb.remove(wb.active)
    groups = [[i] for i in range(len(forms))] if per_sheet is None else []
    if per_sheet is not None:
        at = 0
        for count in per_sheet:
            groups.append(list(range(at, at + count)))
            at += count
    for g, members in enumerate(groups):
        name = sheet_names[g] if sheet_names else f"{g + 1}"
        ws = wb.create_sheet(name[:31])
        for col, width in enumerate(WIDTHS, 1):
            ws.column_dimensions[get_column_letter(col)].width = width
        r = 1
        for k, index in enumerate(members):
            if k:
                r += 1  # one blank row between two forms on a sheet
            header_row = None
            for n, row in enumerate(forms[index]):
                height = 1
                for col, cell in row.cells.items():
                    target = ws.cell(row=r, column=col + 1)
                    if cell.value is not None:
                        target.value = cell.value
                        if isinstance(cell.value, str):
                            target.data_type = "s"  # 「=100.00(%)」 is text, never a formula
                        else:
                            target.number_format = cell.fmt
                    if cell.rows > 1 or cell.cols > 1:
                        ws.merge_cells(start_row=r, start_column=col + 1, end_row=r + cell.rows - 1,
                                       end_column=col + cell.cols)
                    if cell.rows == 1:
                        width = sum(WIDTHS[col:col + cell.cols])
                        height = max(height, _text_lines(cell.value, width))
                for col in range(9):
                    c = ws.cell(row=r, column=col + 1)
                    c.font = title_font if row.title else font
                    c.alignment = Alignment(horizontal="center") if not row.boxed else wrap
                    if row.boxed and row.cells:
                        c.border = border
                if row.cells.get(0, Cell()).value == "一级指标" and header_row is None:
                    header_row = r
                ws.row_dimensions[r].height = 16 * height + 4 if not row.title else 24
                r += 1
            if page_breaks and index in page_breaks and header_row:
                ws.row_breaks.append(Break(id=header_row + page_breaks[index] - 1))
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait"
        if print_titles:
            ws.print_title_rows = "1:2"
    for name, rows in (hidden or {}).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        ws.sheet_state = "hidden"
    wb.save(path)
    return path


def write_docx(forms: list[list[GridRow]], path: Path, one_table: bool = False) -> Path:
    """Write forms into a Word document: title paragraphs above each table (or one long table for all)."""
    from docx import Document
    from docx.shared import Pt
    from docx.table import _Cell

    doc = Document()
    doc.styles["Normal"].font.name = FONT
    doc.styles["Normal"].font.size = Pt(9)
    table = None
    for f, grid in enumerate(forms):
        boxed = [row for row in grid if row.boxed and row.cells]
        if not one_table or f == 0:
            for row in grid:
                if not row.boxed and row.cells:
                    doc.add_paragraph(str(row.cells[0].value))
        rows = boxed if not one_table or f == 0 else [row for row in grid if row.cells]
        if one_table and table is not None:
            start = len(table.rows)
            for _ in rows:
                table.add_row()
        else:
            table = doc.add_table(rows=len(rows), cols=9)
            table.style = "Table Grid"
            start = 0
        # The grid is taken once, before merging: table.cell() rescans the whole table on every call, and the
        # corner cells of merges that do not overlap stay valid while others are merged.
        grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst[start:]]
        for n, row in enumerate(rows):
            for col, cell in row.cells.items():
                target = grid[n][col]
                if cell.rows > 1 or cell.cols > 1:
                    target = target.merge(grid[n + cell.rows - 1][col + cell.cols - 1])
                target.text = _docx_text(cell)
    doc.save(path)
    return path


def _docx_text(cell: Cell) -> str:
    """Word has no number cells: amounts are written as a person types them."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}" if cell.fmt == "General" else f"{v:.2f}"
    return str(v)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def print_pdf(xlsx: Path, out_dir: Path) -> Path:
    """Print a workbook to PDF with LibreOffice headless, as an office does when it publishes the forms."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        # A private profile: parallel or leftover LibreOffice instances must not share one.
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), str(xlsx)], check=True, capture_output=True, timeout=600)
    pdf = out_dir / (xlsx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice did not write {pdf}")
    return pdf


def sheet_name(n: int, p: Project) -> str:
    """「3-财政所-财政管理专项经费」: the form's number and project, within Excel's 31 characters and allowed signs."""
    name = f"{n}-{p.name}"
    for ch in '[]:*?/\\':
        name = name.replace(ch, "_")
    return name[:31]


def same_records(a: list[Project], b: list[Project]) -> list[str]:
    """Field-by-field differences between two parses of the same forms, ignoring where each was read from
    (file, line and the raw row differ by format by design). Empty when every field is equal."""
    import dataclasses

    def content(p: Project) -> dict:
        d = dataclasses.asdict(p)
        for key in ("file", "line", "end_line", "total_line"):
            d.pop(key)
        for f in d["funds"].values():
            f.pop("line")
        for i in d["indicators"]:
            i.pop("line")
            i.pop("raw")
        return d

    out = []
    if len(a) != len(b):
        out.append(f"{len(a)} forms vs {len(b)}")
    for x, y in zip(a, b):
        cx, cy = content(x), content(y)
        for key in cx:
            if cx[key] != cy[key]:
                out.append(f"{x.name}: {key}: {cx[key]!r:.200} != {cy[key]!r:.200}")
    return out
