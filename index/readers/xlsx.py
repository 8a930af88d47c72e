"""Excel workbooks (.xlsx) with openpyxl: every visible sheet, top to bottom, one row per non-blank sheet row.

A merged cell is one cell: on its first row it gives its value once (the columns it spans to the right are not
repeated), and on the rows below it one empty cell keeps its column's place, as the text format has a label only on
the first row of its group. Numbers are read as the sheet shows them (100 formatted 0.00 is 「100.00」), so a
workbook and the PDF printed from it read alike. Hidden sheets and hidden or blank rows are skipped: they are not
part of the form as printed.
"""
from __future__ import annotations

import datetime
import io
import re
import warnings

from ..locations import sheet_label
from .rows import ReadError, RowStream

_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def format_number(value: float, fmt: str) -> str:
    """A number as Excel displays it under the common formats (General, 0, 0.00, #,##0.00, 0.00%);
    currency signs, colours and padding in the format are left out, units in quotes too."""
    section = _QUOTED.sub("", (fmt or "General").split(";")[0]).strip()
    if not any(ch in section for ch in "0#?"):
        if float(value).is_integer():
            return str(int(value))
        return format(value, ".15g")  # 15 significant digits: 0.1 + 0.2 shows as 0.3, as in Excel
    percent = "%" in section
    if percent:
        value *= 100
    integer, _, fraction = section.replace("%", "").partition(".")
    decimals = sum(1 for ch in fraction if ch in "0#?")
    text = f"{value:,.{decimals}f}" if "," in integer else f"{value:.{decimals}f}"
    return text + ("%" if percent else "")


def cell_text(value: object, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, fmt)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _merge_map(ws) -> dict[tuple[int, int], str]:
    """For each cell covered by a merge (not its top-left): 'right' to skip it, 'below' to leave it blank."""
    covered: dict[tuple[int, int], str] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered[(r, c)] = "below" if c == rng.min_col else "right"
    return covered


def read(data: bytes, name: str) -> RowStream:
    from openpyxl import load_workbook

    stream = RowStream(name)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, extensions); none hold form data.
            warnings.simplefilter("ignore")
            # data_only: formulas read as the values the office saw when it saved the workbook.
            wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, lxml or its own errors for broken files
        raise ReadError(f"无法打开 Excel 工作簿：文件已损坏或不是 .xlsx 格式（{type(exc).__name__}）") from None
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            stream.note("info", "hidden_sheet", f"工作表「{ws.title}」已隐藏，未读取")
            continue
        covered = _merge_map(ws)
        for row in ws.iter_rows():
            if not row:
                continue
            r = row[0].row
            if ws.row_dimensions[r].hidden:
                continue
            cells = []
            for cell in row:
                how = covered.get((r, cell.column))
                if how == "right":
                    continue
                cells.append("" if how == "below" else cell_text(cell.value, cell.number_format))
            if any(c.strip() for c in cells):
                stream.add(sheet_label(ws.title, r), cells)
    return stream
