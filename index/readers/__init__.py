"""Readers: one module per file type, each turning a report file into rows of cells with their location.

The registry below is the one place that maps a file name's suffix to its reader; the build, uploads and
parse_bytes all go through it. Readers import their vendor library when called, so commands that never read a
workbook or PDF do not pay for importing one.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import docx, pdf, text, xlsx
from .rows import ReadError, Row, RowStream

Reader = Callable[[bytes, str], RowStream]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".tsv": text.read,
    ".md": text.read,
    ".xlsx": xlsx.read,
    ".docx": docx.read,
    ".pdf": pdf.read,
}
SUFFIXES: frozenset[str] = frozenset(READERS)
# Formats people will try, with what to do instead (said in the error).
REFUSED: dict[str, str] = {
    ".xls": "旧版 Excel（.xls）文件请在 Excel 或 WPS 中另存为 .xlsx 后再上传",
    ".doc": "旧版 Word（.doc）文件请在 Word 或 WPS 中另存为 .docx 后再上传",
    ".et": "WPS 表格文件请另存为 .xlsx 后再上传",
    ".wps": "WPS 文字文件请另存为 .docx 后再上传",
}


def suffix_of(name: str) -> str:
    return Path(name).suffix.lower()


def is_text(name: str) -> bool:
    """Whether a file is read as text lines, where a row's line is its line number (「file:line」 says it all)."""
    return READERS.get(suffix_of(name)) is text.read


def accepted_list() -> str:
    """「.docx、.md、.pdf、.tsv、.txt、.xlsx」 for messages."""
    return "、".join(sorted(SUFFIXES))


def unsupported_message(name: str) -> str:
    """Why a file of this type is not read (Chinese, for users)."""
    suffix = suffix_of(name)
    hint = REFUSED.get(suffix)
    kind = f"「{suffix}」" if suffix else "无扩展名的"
    return f"不支持{kind}文件，只接受 {accepted_list()} 文件" + (f"：{hint}" if hint else "")


def read_rows(data: bytes, name: str) -> RowStream:
    """The rows of a file, by the reader its suffix names. Raises ReadError when the file cannot be read."""
    reader = READERS.get(suffix_of(name))
    if reader is None:
        raise ReadError(unsupported_message(name), code="unsupported")
    return reader(data, name)


__all__ = ["READERS", "SUFFIXES", "ReadError", "Row", "RowStream", "read_rows", "unsupported_message",
           "accepted_list", "suffix_of", "is_text"]
