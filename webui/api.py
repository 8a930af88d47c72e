"""The HTTP API for gradio_client: ask, check and summarize, each one string in and one string out."""
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
