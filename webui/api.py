"""The HTTP API for gradio_client: ask, check and summarize (one string in, one string out) and upload (files in,
a JSON report out; refused to users who may not write)."""
from __future__ import annotations

import gradio as gr

from assistant.summarize import SummaryTargetError

from .page import BasePage


class Api(BasePage):
    def build(self) -> None:
        def ask(question: str) -> str:
            """提问，返回带来源的回答（Markdown）。"""
            return self.assistant.ask(question).text

        def check(statement: str) -> str:
            """核查一句话或一段话，返回逐条结论（Markdown）。"""
            return self.assistant.check(statement).text

        def summarize(target: str) -> str:
            """为项目、科室或「全部」撰写绩效总结。"""
            try:
                return self.assistant.summarize(target or "全部").text
            except SummaryTargetError as exc:
                return str(exc)

        gr.api(ask, api_name="ask")
        gr.api(check, api_name="check")
        gr.api(summarize, api_name="summarize")

        def upload(files, replace, request: gr.Request) -> dict:
            """上传报告文件（可多个）：返回已保存、未保存及原因，以及上传前后的项目数。replace 为真时替换同名文件（原文件存档，可恢复）。"""
            from index.versions import refuse_all, upload_paths

            config, access = self.app.holder.config, self.app.access
            user = getattr(request, "username", None) or ""
            if not access.may_write(user):
                return refuse_all(config, files or [], access.refusal()).to_dict()
            report = upload_paths(config, files or [], replace=bool(replace), user=user)
            if report.stored:
                self.app.holder.reload()
            return report.to_dict()

        with gr.Row(visible=False):  # inputs of the `upload` API only; the 上传 tab has its own
            files, replace = gr.File(file_count="multiple", label="files"), gr.Checkbox(False, label="replace")
            result = gr.JSON(label="report")
        gr.Button(visible=False).click(upload, [files, replace], result, api_name="upload")
