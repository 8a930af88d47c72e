"""Accepting report files from users: validate, parse in memory, and only then save into the report directory.

Every type a reader is registered for is accepted (.txt .tsv .md .xlsx .docx .pdf), with the same checks: the file
is read and parsed in memory first. A bad file is reported with its name and row and never written, so it cannot damage the stored index; names
are reduced to a safe base name, so nothing is ever written outside the report directory.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .build import REPORT_SUFFIXES
from .parse import parse_bytes
from .readers import is_text, unsupported_message
from .records import Problem

MAX_BYTES = 10 * 1024 * 1024


class UploadError(ValueError):
    pass


@dataclass
class Checked:
    name: str  # the safe file name it will be saved under
    data: bytes
    forms: int = 0
    problems: list[Problem] = field(default_factory=list)

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
    return f"{stem[:100]}{suffix}"


def check_upload(name: str, data: bytes) -> Checked:
    """Validate one uploaded file; raises UploadError for a type or size we do not accept."""
    safe = safe_name(name)
    if Path(safe).suffix not in REPORT_SUFFIXES:
        raise UploadError(f"{name}：{unsupported_message(safe)}")
    if len(data) > MAX_BYTES:
        raise UploadError(f"{name}：文件过大（{len(data) / 1024 / 1024:.1f} MB），上限 {MAX_BYTES // 1024 // 1024} MB")
    result = parse_bytes(data, safe)
    return Checked(safe, data, len(result.projects), result.problems)


def save_upload(checked: Checked, reports: Path) -> Path:
    """Write an accepted file into ``reports`` (never elsewhere) and return its path."""
    if not checked.accepted:
        raise UploadError(f"{checked.name}：没有可入库的自评表，未保存")
    reports = reports.resolve()
    target = (reports / checked.name).resolve()
    if target.parent != reports:
        raise UploadError(f"{checked.name}：文件名不合法")
    reports.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_bytes(checked.data)
    tmp.replace(target)  # atomic: a crash never leaves half a file among the reports
    return target


@dataclass(frozen=True)
class FileOutcome:
    """What became of one uploaded file."""

    name: str
    saved: bool
    forms: int = 0
    problems: tuple[Problem, ...] = ()
    error: str = ""  # why it was refused outright (type, size)
    problem_lines: tuple[str, ...] = ()  # each problem as users read it (line, or sheet/page and row)


@dataclass(frozen=True)
class UploadReport:
    files: tuple[FileOutcome, ...]
    projects: int = 0  # in the store after ingesting, when anything was saved
    indicators: int = 0
    seconds: float = 0.0

    @property
    def saved(self) -> bool:
        return any(f.saved for f in self.files)


def ingest_uploads(paths: list[str | Path], config, progress=None) -> UploadReport:
    """Check every uploaded file, save the good ones into the report directory and ingest them (store and vectors).

    ``progress(fraction, text)`` is told what is happening, if given. Nothing is written for a refused file.
    """
    from .build import build

    outcomes, saved = [], []
    steps = len(paths) + 1
    for n, path in enumerate(paths):
        name = Path(path).name
        if progress:
            progress(n / steps, f"校验 {name}")
        try:
            with open(path, "rb") as fh:
                checked = check_upload(name, fh.read(MAX_BYTES + 1))
        except UploadError as exc:
            outcomes.append(FileOutcome(name, False, error=str(exc)))
            continue
        if checked.accepted:
            saved.append(save_upload(checked, config.reports))
        outcomes.append(FileOutcome(checked.name if checked.accepted else name, checked.accepted, checked.forms,
                                    tuple(checked.problems), problem_lines=tuple(checked.problem_lines())))
    if not saved:
        return UploadReport(tuple(outcomes))
    if progress:
        progress(len(paths) / steps, "入库并更新检索索引")
    summary = build(config, saved)
    return UploadReport(tuple(outcomes), summary.projects, summary.indicators, summary.seconds)
