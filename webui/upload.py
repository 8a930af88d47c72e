"""The 上传 tab: the UI for ``index.upload`` — choose files, see per-file results; every tab refreshes after."""
from __future__ import annotations

import gradio as gr

from index.build import REPORT_SUFFIXES
from index.readers import accepted_list
from index.upload import ingest_uploads

from .page import BasePage


def report_markdown(report) -> str:
    lines = []
    for f in report.files:
        if f.error:
            lines.append(f"- 【未入库】{f.error}")
            continue
        head = f"- 【已保存】{f.name}：{f.forms} 张自评表" if f.saved else f"- 【未入库】{f.name}：没有可入库的自评表，未保存"
        lines.append(head + "".join(f"\n    - {line}" for line in f.problem_lines))
    if report.saved:
        lines.append(f"- 入库完成：库中现有 {report.projects} 个项目、{report.indicators} 条指标（用时 {report.seconds:.1f} 秒）")
    return "\n".join(lines)


class UploadPage(BasePage):
    def build(self) -> None:
        gr.Markdown(f"上传自评表文件：Excel 工作簿、Word 文档、PDF 或与 data/ 中格式相同的文本（{accepted_list()}，"
                    "每个不超过 10 MB）。文件先校验、解析，只有能读出自评表的文件才会保存并入库；出错的文件不会影响已有数据。"
                    "入库后各页的数字和清单随即更新。")
        self.files = gr.File(file_count="multiple", file_types=sorted(REPORT_SUFFIXES), label="选择文件",
                             elem_id="jx-files")
        self.button = gr.Button("校验并入库", variant="primary", elem_id="jx-upload")
        self.log = gr.Markdown(elem_id="jx-upload-log")

    def run(self, paths, progress=gr.Progress()):
        if not paths:
            return "请先选择文件。"
        report = ingest_uploads(paths, self.app.holder.config, lambda f, text: progress(f, desc=text))
        if report.saved:
            self.app.holder.reload()
        return report_markdown(report)

    def events(self) -> None:
        done = self.button.click(self.run, self.files, self.log, api_visibility="private")
        self.app.after_data_change(done)
