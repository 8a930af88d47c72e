"""The 核查 tab: paste a sentence or a paragraph, see each claim marked with a sign, a word and a colour."""
from __future__ import annotations

import gradio as gr

from assistant import views

from .page import BasePage


class CheckPage(BasePage):
    def build(self) -> None:
        self.statement = gr.Textbox(label="待核查的陈述（一句话或一段话）", lines=4, elem_id="jx-statement",
                                    placeholder="例如：城运中心-应用场景项目受益群众满意度为80%，武装专项经费总分97.6分。")
        self.button = gr.Button("核查", variant="primary", elem_id="jx-check")
        self.result = gr.HTML(elem_id="jx-verdict")

    def run(self, text):
        if not (text or "").strip():
            return "<p>请先输入要核查的陈述。</p>"
        return views.check_html(self.assistant, self.assistant.check(text))

    def events(self) -> None:
        self.button.click(self.run, self.statement, self.result, api_visibility="private")
        self.statement.submit(self.run, self.statement, self.result, api_visibility="private")
