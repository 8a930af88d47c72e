"""Chunks for retrieval: one per project overview and one per indicator row.

The text is a readable Chinese sentence that names its columns (that is what gets embedded and keyword-indexed);
the metadata holds every raw field, so filters and the calculator never parse text back.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .records import Indicator, Project


@dataclass(frozen=True)
class Chunk:
    id: str
    kind: str  # overview | indicator
    project: str
    text: str
    metadata: dict  # str/int/float/bool values only (what Chroma accepts); None values are left out
    embed_text: str = ""  # what the dense model sees: the words without the figures (numbers stay data)

    @property
    def digest(self) -> str:
        """Changes whenever the text or any field changes, so unchanged chunks are not re-embedded."""
        payload = self.text + "\x00" + self.embed_text + "\x00" + repr(sorted(self.metadata.items()))
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()

    @property
    def vector_id(self) -> str:
        """The id of this exact content in the vector index. A changed chunk gets a new id, so a build adds the new
        vectors before the store switches to the new records and removes the old ones only afterwards: readers of
        either store always find every chunk they know."""
        return f"{self.id}.{self.digest[:16]}"


def _num(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.2f}"


def _score(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:g}"


def chunk_id(project: Project, kind: str, line: int) -> str:
    """Stable id: the same record (file, project, row line) always gets the same id."""
    key = f"{project.file}\x00{project.name}\x00{kind}\x00{line}"
    return f"{kind[:2]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


def _base_metadata(p: Project) -> dict:
    meta = {
        "project": p.name,
        "office": p.office,
        "department": p.department,
        "unit": p.unit,
        "year": p.year,
        "file": p.file,
        "project_line": p.line,
    }
    return meta


def overview_chunk(p: Project) -> Chunk:
    f = p.funds.get("total")
    parts = [f"项目「{p.name}」概况：主管部门{p.department}，实施单位{p.unit}"]
    if p.year:
        parts[0] += f"，{p.year}年度"
    if f:
        parts.append(
            f"年度资金总额：年初预算数{_num(f.initial_budget)}万元，全年预算数{_num(f.annual_budget)}万元，"
            f"全年执行数{_num(f.executed)}万元，执行率{_num(f.rate)}%"
        )
    parts.append(f"预期目标：{p.goal.rstrip('。；;. ')}")
    parts.append(f"实际完成情况：{p.achieved.rstrip('。；;. ')}")
    parts.append(f"总分{_score(p.total_score)}分，评分等级为{p.grade}")
    meta = _base_metadata(p) | {
        "kind": "overview",
        "line": p.line,
        "goal": p.goal,
        "achieved": p.achieved,
        "total_weight": p.total_weight,
        "total_score": p.total_score,
        "grade": p.grade,
        "indicators": len(p.indicators),
        "deducted_indicators": sum(1 for i in p.indicators if i.deducted),
    }
    for kind, fund in p.funds.items():
        for attr in ("initial_budget", "annual_budget", "executed", "weight", "rate", "score"):
            meta[f"fund_{kind}_{attr}"] = getattr(fund, attr)
    semantic = f"{p.name}：{p.goal.rstrip('。；;. ')}；{p.achieved.rstrip('。；;. ')}"
    return Chunk(chunk_id(p, "overview", p.line), "overview", p.name, "。".join(parts) + "。", _clean(meta), semantic)


def indicator_chunk(p: Project, i: Indicator) -> Chunk:
    text = (
        f"项目「{p.name}」的绩效指标：一级指标{i.level1}，二级指标{i.level2}，三级指标「{i.name}」；"
        f"年度指标值{i.target.raw}，实际完成值{i.actual.raw}；分值{_score(i.weight)}，得分{_score(i.score)}"
    )
    if i.reason:
        text += f"；偏差原因分析及改进措施：{i.reason.rstrip('。；;. ')}"
    meta = _base_metadata(p) | {
        "kind": "indicator",
        "line": i.line,
        "level1": i.level1,
        "level2": i.level2,
        "name": i.name,
        "target": i.target.raw,
        "target_op": i.target.op,
        "target_value": i.target.value,
        "target_unit": i.target.unit,
        "actual": i.actual.raw,
        "actual_value": i.actual.value,
        "actual_unit": i.actual.unit,
        "actual_status": i.actual.status,
        "weight": i.weight,
        "score": i.score,
        "reason": i.reason,
        "met": i.met,  # left out when unknown
        "deducted": i.deducted,
        "raw": i.raw,
    }
    semantic = f"{p.name}：{i.level2}「{i.name}」" + (f"，{i.reason}" if i.reason else "")
    return Chunk(chunk_id(p, "indicator", i.line), "indicator", p.name, text + "。", _clean(meta), semantic)


def _clean(meta: dict) -> dict:
    # Chroma drops None values anyway; leaving them out keeps stored and fresh metadata identical.
    return {k: v for k, v in meta.items() if v is not None}


def chunks_for(projects: list[Project]) -> list[Chunk]:
    """All chunks of ``projects``: each overview followed by its indicator rows."""
    out: list[Chunk] = []
    for p in projects:
        out.append(overview_chunk(p))
        out.extend(indicator_chunk(p, i) for i in p.indicators)
    return out

