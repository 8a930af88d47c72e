"""Text reports (.txt .tsv .md): one row per line, cells split at tabs, as extracted from the printed forms."""
from __future__ import annotations

from ..locations import line_label
from .rows import ReadError, RowStream


def decode(data: bytes, stream: RowStream) -> str:
    """UTF-8 (with or without BOM), else GB18030 with a warning, else a clear error naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(f"文件不是 UTF-8 编码，第 {bad_line} 行起无法解码，也不是 GBK/GB18030 编码", bad_line,
                        "encoding") from None
    stream.note("warning", "encoding",
                f"文件不是 UTF-8 编码（第 {bad_line} 行起），已按 GBK/GB18030 解码，请核对文字是否正确", bad_line)
    return text


def rows_of_text(text: str, stream: RowStream) -> RowStream:
    """Every line becomes a row, blank lines too, so a row's place in the stream is its line number."""
    for n, line in enumerate(text.splitlines(), 1):
        stream.add(line_label(n), line.split("\t"), trim=False)
    return stream


def read(data: bytes, name: str) -> RowStream:
    stream = RowStream(name)
    return rows_of_text(decode(data, stream), stream)
