"""Accepting report files from users: validate, parse in memory, and only then save into the report directory.

Every type a reader is registered for is accepted (.txt .tsv .md .xlsx .docx .pdf), with the same checks: the file
is read and parsed in memory first. A bad file is reported with its name and row and never written, so it cannot
damage the stored index; names are reduced to a safe base name, so nothing is ever written outside the report
directory, and a stored file is never overwritten here (index.versions decides names and replacements).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .build import REPORT_SUFFIXES
from .limits import MAX_BYTES
from .parse import parse_bytes
from .readers import is_text, unsupported_message
from .records import ParseResult, Problem


MAX_STEM_BYTES = 150


class UploadError(ValueError):
    pass


@dataclass
class Checked:
    name: str  # the safe file name it will be saved under
    data: bytes
    forms: int = 0
    problems: list[Problem] = field(default_factory=list)
    result: ParseResult | None = field(default=None, repr=False, compare=False)

    @property
    def accepted(self) -> bool:
        return self.forms > 0

    def problem_lines(self) -> list[str]:
        """Each problem for the upload log: a text file's by its line number; a workbook's, document's or PDF's
        message already names its sheet, table or page and row (a row's place in the stream means nothing to users)."""
        if is_text(self.name):
            return [f"第 {p.line} 行：{p.message}" for p in self.problems]
        return [p.message for p in self.problems]


def safe_name(name: str) -> str:
    """A plain file name: no directories, no dot files, only letters, digits, CJK, '-', '_' and '.'."""
    base = unicodedata.normalize("NFKC", Path(name.replace("\\", "/")).name)
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^\w\-.]+", "_", stem, flags=re.UNICODE).strip("._") or "report"
    stem = stem[:100]
    # File systems limit names to 255 bytes: 150 for the stem leaves room for 「-2」, the suffix and 「.part」.
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    return f"{stem}{suffix}"


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or 「stem-2.suffix」, 「stem-3.suffix」 … the first not in ``taken``."""
    if name not in taken:
        return name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while f"{stem}-{n}{suffix}" in taken:
        n += 1
    return f"{stem}-{n}{suffix}"


def check_type(name: str, size: int) -> str:
    """The safe name a file would be stored under; raises UploadError for a type or size we do not accept."""
    safe = safe_name(name)
    if Path(safe).suffix not in REPORT_SUFFIXES:
        raise UploadError(f"{name}：{unsupported_message(safe)}")
    if size > MAX_BYTES:
        raise UploadError(f"{name}：文件过大（{size / 1024 / 1024:.1f} MB），上限 {MAX_BYTES // 1024 // 1024} MB")
    return safe


def check_upload(name: str, data: bytes, stored_as: str | None = None) -> Checked:
    """Validate one uploaded file and parse it as ``stored_as`` (default: its safe name); raises UploadError for a
    type or size we do not accept."""
    safe = check_type(name, len(data))
    result = parse_bytes(data, stored_as or safe)
    return Checked(stored_as or safe, data, len(result.projects), result.problems, result)


def save_upload(checked: Checked, reports: Path) -> Path:
    """Write an accepted file into ``reports`` (never elsewhere, never over another file) and return its path."""
    if not checked.accepted:
        raise UploadError(f"{checked.name}：没有可入库的自评表，未保存")
    reports = reports.resolve()
    target = (reports / checked.name).resolve()
    if target.parent != reports or target.name != checked.name:
        raise UploadError(f"{checked.name}：文件名不合法")
    if target.exists() and target.read_bytes() != checked.data:
        raise UploadError(f"{checked.name}：已有同名文件，未覆盖")
    write_report(target, checked.data)
    return target


def write_report(target: Path, data: bytes) -> None:
    """Write a report file atomically: a crash never leaves half a file among the reports."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_bytes(data)
    tmp.replace(target)
