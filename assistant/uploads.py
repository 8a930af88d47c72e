"""What the 上传 tab shows about report files, computed here so the UI stays thin: the upload log and the rows of
the stored-files, versions and duplicates tables. The changes themselves are index.versions' functions."""
from __future__ import annotations

import time

from index.config import Config

from .prompts import escape_md

STATUS_LABELS = {"stored": "已保存", "replaced": "已替换", "unchanged": "未保存（内容相同）", "refused": "未保存"}
FILE_HEADERS = ["文件", "表数", "计入表数", "保存时间", "来源", "上传人", "解析问题"]
VERSION_HEADERS = ["文件", "状态", "表数", "保存时间", "来源", "版本编号", "可恢复"]
DUPLICATE_HEADERS = ["项目", "主管部门", "年度", "计入的文件", "未计入的文件", "内容"]


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t))


def upload_markdown(report) -> str:
    """The upload log: each file with what became of it and why, its problems, and the project counts."""
    lines = []
    for f in report.files:
        label = STATUS_LABELS.get(f.status, f.status)
        lines.append(f"- 【{label}】{escape_md(f.name)}：{escape_md(f.reason)}")
        lines += [f"    - {escape_md(p)}" for p in f.problems]
    lines.append(f"- 库中项目：上传前 {report.projects_before} 个，上传后 {report.projects_after} 个")
    if report.vector_error:
        lines.append(f"- {escape_md(report.vector_error)}")
    return "\n".join(lines)


def change_markdown(report) -> str:
    """What a delete, restore or choice did, with the project counts before and after."""
    lines = [f"- {'【已完成】' if report.done else '【未完成】'}{escape_md(report.reason)}"]
    if report.done:
        lines.append(f"- 库中项目：之前 {report.projects_before} 个，现在 {report.projects_after} 个")
    if report.vector_error:
        lines.append(f"- {escape_md(report.vector_error)}")
    return "\n".join(lines)


def file_rows(config: Config) -> list[list]:
    from index.versions import stored_files

    return [[f.name, f.forms, f.counted, _when(f.stored_at), f.origin, f.user, f.problems] for f in stored_files(config)]


def version_rows(config: Config, name: str | None = None) -> list[list]:
    """Archived versions; the 版本编号 column is what ``index.versions.restore`` takes (with the file name)."""
    from index.versions import history

    return [[v.name, v.state, v.forms, _when(v.stored_at), v.origin, v.sha256, "是" if v.restorable else "否"]
            for v in history(config, name)]


def duplicate_rows(config: Config) -> list[list]:
    from index.versions import duplicates

    return [[d.project, d.department, d.year or "", f"{d.kept[0]}:{d.kept[1]}",
             "、".join(f"{f}:{n}" for f, n in d.hidden), "相同" if d.same_figures else "不同"]
            for d in duplicates(config)]
