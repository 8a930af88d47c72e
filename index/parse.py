"""Parse 财政项目支出绩效自评表 into typed records from rows of cells, whatever file the rows were read from.

A reader (index.readers) turns a file into rows of cells with their location; this parser works on those rows.
Column positions drift from form to form, so cells are recognized by what they say, not where they sit:
empty cells and `------` rule cells are dropped, labels are matched after removing whitespace, and an
indicator row is anchored on its last two numeric cells (分值, 得分). Problems name the row by its label
(「第32行」, 「工作表「3-…」第12行」, 「第4页第7行」).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from collections.abc import Sequence

from .limits import MAX_FORMS_PER_FILE
from .plausible import implausible
from .quantity import is_number, judge_met, parse_number, parse_quantity, squeeze
from .readers import ReadError, Row, read_rows
from .readers.text import rows_of_text
from .readers.rows import RowStream
from .records import FUND_KINDS, Fund, Indicator, ParseResult, Problem, Project

LEVEL1 = ("产出指标", "效益指标", "满意度指标")
# Which 一级 each 二级 belongs to, so a row that lost its 一级 label still lands in the right group.
LEVEL2_FAMILY = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}
_RULE = re.compile(r"^[-─—=]{3,}$")
_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]")
_TITLE = "自评表"


def cells_of(raw: Sequence[str]) -> list[str]:
    """Non-empty cells of a row, with rule cells (`------`) and markdown heading marks dropped."""
    out = []
    for cell in raw:
        cell = cell.strip().lstrip("#").strip()
        if cell and not _RULE.match(cell):
            out.append(cell)
    return out


def joined_text(cells: list[str]) -> str:
    return "".join(squeeze(c) for c in cells)


def _is_level_label(cell: str) -> bool:
    text = squeeze(cell)
    return text in LEVEL1 or text in LEVEL2_FAMILY


class FormError(Exception):
    """A form that cannot be read; carries the line it concerns."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class _RowDraft:
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: float
    score: float
    reason: str
    line: int
    raw: str


@dataclass
class _FormDraft:
    file: str
    line: int
    year: int | None
    name: str = ""
    department: str = ""
    unit: str = ""
    funds: dict[str, Fund] = field(default_factory=dict)
    goal: str = ""
    achieved: str = ""
    rows: list[_RowDraft] = field(default_factory=list)
    levels: list[str] = field(default_factory=lambda: ["", ""])  # current 一级, 二级 (filled down)
    total_weight: float | None = None
    total_score: float | None = None
    grade: str = ""
    end_line: int = 0
    total_line: int = 0


def parse_file(path: str | Path) -> ParseResult:
    """Parse one report file; problems name the file and line, and never stop the other forms."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ParseResult(path.name, problems=[Problem(path.name, 0, "error", "unreadable", f"无法读取文件：{exc}")])
    return parse_bytes(data, path.name)


def parse_bytes(data: bytes, file: str) -> ParseResult:
    """Read a report's bytes with the reader for its type and parse the rows; a file that cannot be read comes
    back as a problem naming it, never as an exception."""
    try:
        stream = read_rows(data, file)
    except ReadError as exc:
        return ParseResult(file, problems=[Problem(file, exc.line, "error", exc.code, exc.message)])
    result = parse_rows(stream.rows, file)
    result.problems[:0] = stream.problems
    return result


def parse_text(text: str, file: str) -> ParseResult:
    """Parse every form in ``text`` (the text format); ``file`` is the name used in citations and problems."""
    return parse_rows(rows_of_text(text, RowStream(file)).rows, file)


def parse_rows(rows: Sequence[Row], file: str) -> ParseResult:
    """Parse every form in a file's rows; a malformed form is reported with its row and never stops the others."""
    result = ParseResult(file, rows=list(rows))
    if not any(any(c.strip() for c in row.cells) for row in rows):
        result.problems.append(Problem(file, 1, "error", "empty", "文件为空，没有任何内容"))
        return result
    starts = [i for i, row in enumerate(rows) if (c := cells_of(row.cells)) and squeeze(c[0]).startswith("项目名称")]
    if not starts:
        result.problems.append(
            Problem(file, 1, "error", "not_a_report", "未找到任何绩效自评表：文件中没有「项目名称」行，这不是自评表文件")
        )
        return result
    if len(starts) > MAX_FORMS_PER_FILE:
        # Refused whole: a file this large is an export gone wrong, and its records would not fit the limits.
        result.problems.append(Problem(file, rows[starts[0]].line, "error", "too_many_forms",
                                       f"文件含 {len(starts)} 张自评表，超过每个文件 {MAX_FORMS_PER_FILE} 张的上限，"
                                       "请拆分成几个文件后再入库（该文件未入库）"))
        return result
    previous_end = 0
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(rows)
        title_line, year = _preamble(rows, previous_end, start)
        draft = _FormDraft(file=file, line=title_line + 1, year=year)
        try:
            end = _fill(draft, rows, start, stop)
            project = _finish(draft, rows)
        except FormError as exc:
            result.problems.append(
                Problem(file, exc.line, "error", "form", f"{exc.message}（该表未入库）", project=draft.name)
            )
            previous_end = start + 1
            continue
        previous_end = end + 1
        result.projects.append(project)
    return result


def _preamble(rows: Sequence[Row], lo: int, start: int) -> tuple[int, int | None]:
    """The form's first row (its title when present) and its year, looking back from 项目名称."""
    title, year = start, None
    for i in range(start - 1, max(lo, start - 40) - 1, -1):
        line = rows[i].raw
        if year is None and (m := _YEAR.search(line)):
            year = int(m.group(1))
            title = i
        if _TITLE in line:
            title = i
            break
    return title, year


def _after(cells: list[str], label: str) -> str:
    """The value following a label cell (or inside it, after a colon)."""
    for i, cell in enumerate(cells):
        text = squeeze(cell)
        if text.startswith(label):
            rest = text[len(label):].lstrip(":：")
            if rest:
                return rest
            return cells[i + 1].strip() if i + 1 < len(cells) else ""
    return ""


def _fill(draft: _FormDraft, rows: Sequence[Row], start: int, stop: int) -> int:
    """Read the rows of one form into the draft; returns the index of its last row."""
    section = "header"
    last = start
    for i in range(start, stop):
        no = i + 1
        where = rows[i].label
        cells = cells_of(rows[i].cells)
        if not cells:
            continue
        head = squeeze(cells[0])
        labels = {squeeze(c) for c in cells}
        if section == "done":
            break
        last = i
        if head.startswith("项目名称"):
            draft.name = _after(cells, "项目名称")
            continue
        if section == "header" and any(t.startswith(("主管部门", "实施单位")) for t in labels):
            draft.department = draft.department or _after(cells, "主管部门")
            draft.unit = draft.unit or _after(cells, "实施单位")
            continue
        if section in ("header", "funds") and "年初预算数" in labels:
            section = "funds"
            continue
        if section in ("header", "funds") and (kind := _fund_kind(cells)):
            draft.funds[kind[0]] = _fund(_fund_values(rows[i].cells, cells[kind[1]]), kind[0], no, where)
            section = "funds"
            continue
        if section in ("header", "funds") and "预期目标" in labels:
            section = "goal"
            continue
        if "一级指标" in labels or "三级指标" in labels:
            section = "indicators"  # also a header repeated at a page break inside the table
            continue
        if section == "indicators" and (_TITLE in joined_text(cells) or (len(cells) == 1 and _YEAR.fullmatch(cells[0]))):
            continue  # a page title repeated inside the table
        if head.startswith("总分"):
            numbers = [parse_number(c) for c in cells[1:] if is_number(c)]
            if len(numbers) >= 2:
                draft.total_weight, draft.total_score = numbers[0], numbers[1]
            elif len(numbers) == 1:
                draft.total_score = numbers[0]
            draft.total_line = no
            section = "total"
            continue
        if head.startswith("评分等级"):
            draft.grade = _after(cells, "评分等级")
            draft.end_line = no
            section = "done"
            continue
        if section == "goal":
            texts = [c for c in cells if squeeze(c) != "年度总体目标"]
            if texts:
                draft.goal = (draft.goal + texts[0]).strip()
            if len(texts) > 1:
                draft.achieved = (draft.achieved + "".join(texts[1:])).strip()
            continue
        if section == "indicators":
            _row(draft, cells, no, where, rows[i].raw.rstrip("\t \r"))
            continue
        if section in ("total",) and not draft.grade and len(cells) == 1 and cells[0] in ("优", "良", "中", "差"):
            draft.grade = cells[0]
            draft.end_line = no
            section = "done"
            continue
    if not draft.end_line:
        draft.end_line = last + 1
    return last


def _fund_kind(cells: list[str]) -> tuple[str, int] | None:
    for i, cell in enumerate(cells):
        text = squeeze(cell)
        for kind, label in FUND_KINDS.items():
            if label in text:
                return kind, i
    return None


def _fund_values(row: Sequence[str], label_cell: str) -> list[str]:
    """The six cells after a funding label. A cell left blank (instead of 「-」) keeps its place as empty."""
    raw = [c.strip() for c in row]
    at = next(n for n, c in enumerate(raw) if c.lstrip("#").strip() == label_cell)
    after = [c for c in raw[at + 1:] if not _RULE.match(c)]
    filled = [c for c in after if c]
    if len(filled) == 6:
        return filled
    if len(after) >= 6 and not any(after[6:]):
        return after[:6]
    return filled


def _fund(values: list[str], kind: str, no: int, where: str) -> Fund:
    if len(values) != 6:
        raise FormError(no, f"{where}「{FUND_KINDS[kind]}」应有 6 个数值（年初预算数、全年预算数、全年执行数、分数、执行率、得分），实际有 {len(values)} 个")
    try:
        numbers = [parse_number(v) for v in values]
    except ValueError as exc:
        raise FormError(no, f"{where}「{FUND_KINDS[kind]}」含有无法识别的数值：{exc}") from None
    return Fund(kind, *numbers, line=no)


def _row(draft: _FormDraft, cells: list[str], no: int, where: str, raw: str) -> None:
    """Read one indicator row: [一级] [二级] 三级 目标 实际 分值 得分 [偏差原因]."""
    anchor = None
    for j in range(len(cells) - 2, -1, -1):
        if is_number(cells[j]) and is_number(cells[j + 1]) and len(cells) - (j + 2) <= 1:
            anchor = j
            break
    if anchor is None:
        if all(_is_level_label(c) for c in cells):
            _set_levels(draft, cells)
            return
        if draft.rows and not any(is_number(c) for c in cells):
            # A reason cell that wrapped onto its own line in extraction.
            draft.rows[-1].reason += "".join(cells)
            return
        raise FormError(no, f"{where}指标行无法识别：找不到「分值」「得分」两个数值（单元格：{' | '.join(cells)}）")
    # A 三级 name may repeat a level label ("服务对象满意度指标"), but only after both level cells.
    name_is_label = _is_level_label(cells[anchor - 3]) if anchor >= 3 else False
    if anchor < 3 or (name_is_label and anchor - 3 < 2) or _is_level_label(cells[anchor - 2]):
        raise FormError(no, f"{where}指标行缺少单元格：应为 三级指标、年度指标值、实际完成值、分值、得分（单元格：{' | '.join(cells)}）")
    prefix = cells[: anchor - 3]
    if len(prefix) > 2 or not all(_is_level_label(c) for c in prefix):
        raise FormError(no, f"{where}指标行多出无法识别的单元格：{' | '.join(prefix)}")
    _set_levels(draft, prefix)
    level1, level2 = _current_levels(draft)
    if not level1 or not level2:
        raise FormError(no, f"{where}指标行缺少一级或二级指标名称")
    draft.rows.append(
        _RowDraft(
            level1=level1,
            level2=level2,
            name=squeeze(cells[anchor - 3]),
            target=cells[anchor - 2],
            actual=cells[anchor - 1],
            weight=parse_number(cells[anchor]),
            score=parse_number(cells[anchor + 1]),
            reason=cells[anchor + 2].strip() if len(cells) > anchor + 2 else "",
            line=no,
            raw=raw,
        )
    )


def _set_levels(draft: _FormDraft, labels: list[str]) -> None:
    labels = [squeeze(c) for c in labels]
    levels = draft.levels
    if len(labels) == 2:
        levels[0], levels[1] = labels
    elif len(labels) == 1:
        label = labels[0]
        if label in LEVEL1:
            # The current 一级 said again (a printer repeats a merged label after a page break) keeps its 二级.
            if label != levels[0]:
                levels[0], levels[1] = label, ""
        else:
            levels[1] = label
            family = LEVEL2_FAMILY.get(label)
            if family and levels[0] != family:
                levels[0] = family


def _current_levels(draft: _FormDraft) -> tuple[str, str]:
    return draft.levels[0], draft.levels[1]


def _finish(draft: _FormDraft, rows: Sequence[Row]) -> Project:
    missing = []
    if not draft.name:
        missing.append("项目名称")
    if "total" not in draft.funds:
        missing.append("年度资金总额")
    if not draft.rows:
        missing.append("绩效指标")
    if draft.total_score is None:
        missing.append("总分")
    if not draft.grade:
        missing.append("评分等级")
    if missing:
        raise FormError(draft.end_line, f"表格不完整（可能被截断），缺少：{'、'.join(missing)}；表格止于"
                                        f"{rows[draft.end_line - 1].label}")
    indicators = []
    for row in draft.rows:
        target, actual = parse_quantity(row.target), parse_quantity(row.actual)
        indicators.append(
            Indicator(
                level1=row.level1,
                level2=row.level2,
                name=row.name,
                target=target,
                actual=actual,
                weight=row.weight,
                score=row.score,
                reason=row.reason,
                met=judge_met(target, actual),
                line=row.line,
                raw=row.raw,
            )
        )
    project = Project(
        name=draft.name,
        department=draft.department,
        unit=draft.unit,
        year=draft.year,
        file=draft.file,
        line=draft.line,
        end_line=draft.end_line,
        funds=dict(draft.funds),
        goal=draft.goal,
        achieved=draft.achieved,
        indicators=tuple(indicators),
        total_weight=draft.total_weight,
        total_score=draft.total_score,
        grade=draft.grade,
        total_line=draft.total_line,
    )
    wrong = implausible(project)
    if wrong:
        first = wrong[0]
        more = f"；另有 {len(wrong) - 1} 处数值超出合理范围" if len(wrong) > 1 else ""
        raise FormError(first.line, f"{rows[first.line - 1].label}{first.message}{more}")
    return project
