"""Records as plain JSON-ready dicts (the `records --json` and `audit --json` contracts), and answer tables as
CSV and Excel files that are safe to open."""
from __future__ import annotations

import csv
import io
import shutil
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .audit import KINDS, SEVERITY_LABELS
from .records import FUND_KINDS, Problem, Project


def project_dict(p: Project) -> dict:
    funds = {}
    for kind in FUND_KINDS:
        f = p.funds.get(kind)
        funds[kind] = None if f is None else {
            "initial_budget": f.initial_budget,
            "annual_budget": f.annual_budget,
            "executed": f.executed,
            "weight": f.weight,
            "rate": f.rate,
            "score": f.score,
        }
    return {
        "project": p.name,
        "department": p.department,
        "unit": p.unit,
        "year": p.year,
        "source": {"file": p.file, "line": p.line},
        "funds": funds,
        "goal": p.goal,
        "achieved": p.achieved,
        "total_weight": p.total_weight,
        "total_score": p.total_score,
        "grade": p.grade,
        "indicators": [
            {
                "level1": i.level1,
                "level2": i.level2,
                "name": i.name,
                "target": i.target.raw,
                "actual": i.actual.raw,
                "weight": i.weight,
                "score": i.score,
                "reason": i.reason,
                "met": i.met,
                "deducted": i.deducted,
                "line": i.line,
            }
            for i in p.indicators
        ],
    }


def finding_dict(f: Problem) -> dict:
    return {
        "file": f.file,
        "line": f.line,
        "project": f.project,
        "severity": f.severity,
        "code": f.code,
        "kind": KINDS.get(f.code, f.code),
        "message": f.message,
    }


def finding_line(f: Problem, where: str | None = None) -> str:
    """One finding per line; ``where`` names its row (default 「file:line」, as for text files)."""
    where = where or f"{f.file}:{f.line}"
    project = f"【{f.project}】" if f.project else ""
    return f"[{SEVERITY_LABELS.get(f.severity, f.severity)}] {where} {project}{f.message}"


# -- answer tables as files -------------------------------------------------------------------------------------

EXPORT_ROOT = Path(tempfile.gettempdir()) / "jx_exports"
KEEP_SECONDS = 600.0  # the web app hands a file to the browser at once; older exports are only litter
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFiles:
    csv: Path
    xlsx: Path


def cell_value(value) -> str | int | float:
    """Every exported cell is a number or a string: booleans, None, Decimals and anything else are made one."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def csv_cell(value) -> str | int | float:
    """A cell for CSV: text that a spreadsheet would read as a formula (= + - @, a tab or CR first) gets a leading
    apostrophe, as OWASP advises, so 「=100.00(%)」 or 「=HYPERLINK(…)」 from a form stays text."""
    value = cell_value(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_table(headers: list[str], rows: list[list], stem: str = "绩效问答结果",
                root: Path | None = None) -> ExportFiles:
    """Write a table as CSV (UTF-8 with BOM, opens in Excel) and .xlsx, never as formulas, in a fresh folder under
    ``root``; folders older than KEEP_SECONDS are removed first, so exports do not pile up in the temp directory."""
    from openpyxl import Workbook

    root = root or EXPORT_ROOT
    prune_exports(root)
    root.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="jx_export_", dir=root))
    csv_path = out / f"{stem}.csv"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([csv_cell(h) for h in headers])
    w.writerows([[csv_cell(v) for v in r] for r in rows])
    csv_path.write_text(buf.getvalue(), encoding="utf-8-sig")
    wb = Workbook()
    ws = wb.active
    ws.title = "结果"
    for r in [headers, *rows]:
        ws.append([cell_value(v) for v in r])
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would store text starting with 「=」 as a formula
    xlsx_path = out / f"{stem}.xlsx"
    wb.save(xlsx_path)
    return ExportFiles(csv_path, xlsx_path)


def prune_exports(root: Path | None = None, older_than: float = KEEP_SECONDS) -> int:
    """Remove export folders older than ``older_than`` seconds; returns how many."""
    root = root or EXPORT_ROOT
    if not root.exists():
        return 0
    cutoff = time.time() - older_than
    removed = 0
    for d in root.glob("jx_export_*"):
        try:
            if d.stat().st_mtime < cutoff:
                shutil.rmtree(d, ignore_errors=True)
                removed += 1
        except FileNotFoundError:
            continue
    return removed
