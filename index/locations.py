"""Where a row sits in its file, said the way a person finds it there. All wording of these labels lives here.

Records carry (file, line), where line is the row's 1-based position in the row stream its reader produced; the
store keeps each row's label and cells, so a citation can say 「某某.xlsx 工作表「3-…」第12行」 and show the row.
"""
from __future__ import annotations

from dataclasses import dataclass

LABELS = {
    "line": "第{row}行",  # text files: the line number
    "sheet": "工作表「{sheet}」第{row}行",  # workbooks: the sheet and its row number as Excel shows it
    "table": "第{table}个表格第{row}行",  # Word: the table in document order and its row
    "paragraph": "第{paragraph}段",  # Word: a paragraph outside the tables (title, year)
    "page": "第{page}页第{row}行",  # PDF: the page and the row on that page, top to bottom
}
CITATION = "{file} {label}"


def line_label(row: int) -> str:
    return LABELS["line"].format(row=row)


def sheet_label(sheet: str, row: int) -> str:
    return LABELS["sheet"].format(sheet=sheet, row=row)


def table_label(table: int, row: int) -> str:
    return LABELS["table"].format(table=table, row=row)


def paragraph_label(paragraph: int) -> str:
    return LABELS["paragraph"].format(paragraph=paragraph)


def page_label(page: int, row: int) -> str:
    return LABELS["page"].format(page=page, row=row)


@dataclass(frozen=True)
class Location:
    """One row of a source file as it was read: its label and its cells (empty cells kept in place)."""

    file: str
    line: int
    label: str
    cells: tuple[str, ...]

    @property
    def citation(self) -> str:
        """「某某.xlsx 工作表「3-…」第12行」"""
        return CITATION.format(file=self.file, label=self.label)

    @property
    def filled(self) -> tuple[str, ...]:
        """The non-empty cells, for showing the row."""
        return tuple(c.strip() for c in self.cells if c.strip())
