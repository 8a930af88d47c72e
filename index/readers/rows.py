"""What every reader produces: the rows of a file as cells, each with its place in the row stream and its label."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Problem


@dataclass(frozen=True)
class Row:
    line: int  # 1-based position in the file's row stream; records cite it
    label: str  # where a person finds the row in the file (index.locations)
    cells: tuple[str, ...]  # as read, empty cells kept in place; a merged cell is one cell

    @property
    def raw(self) -> str:
        """The cells joined by tabs, as a line of the text format."""
        return "\t".join(self.cells)


class ReadError(Exception):
    """A file its reader cannot open at all; the message is Chinese and shown to users."""

    def __init__(self, message: str, line: int = 0, code: str = "unreadable"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code


@dataclass
class RowStream:
    """The rows of one file in reading order, and the notes the reader made on the way."""

    file: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, label: str, cells: list[str] | tuple[str, ...], trim: bool = True) -> Row:
        """Append a row; trailing empty cells (the unused width of a sheet or table) are dropped unless ``trim``
        is off, as for text lines, which are kept exactly."""
        cells = list(cells)
        while trim and cells and not cells[-1].strip():
            cells.pop()
        row = Row(len(self.rows) + 1, label, tuple(cells))
        self.rows.append(row)
        return row

    def note(self, severity: str, code: str, message: str, line: int = 0) -> None:
        self.problems.append(Problem(self.file, line, severity, code, message))


def join_wrapped(lines: list[str]) -> str:
    """Join the printed lines of one cell. A wrap is no character: CJK text continues directly, while two Latin
    letters or digits on either side of a wrap were separated by the space the line broke at."""
    out = ""
    for line in lines:
        if out and line and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out
