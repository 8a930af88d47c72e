"""The 撰写 tab: a 绩效自评 draft to paste as it is (纯文本) or with its sources (带来源), and a Word file with the
source table as an appendix."""
from __future__ import annotations

import gradio as gr

from assistant import views
from assistant.summarize import SummaryTargetError

from .page import BasePage, Refresh

WITH_SOURCES, PLAIN = "带来源", "纯文本"
# In the browser only: the clipboard where the page may use it, else the text is selected for Ctrl+C.
COPY = """(text) => {
  const box = document.querySelector('#jx-draft-text textarea');
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text);
  else if (box) { box.focus(); box.select(); }
  return [];
}"""


class DraftPage(BasePage):
    def build(self) -> None:
        with gr.Row():
            self.target = gr.Dropdown(views.summary_targets(self.assistant), value="全部", label="选择项目、科室或全部",
                                      filterable=True, scale=3, elem_id="jx-target")
            self.mode = gr.Radio([PLAIN, WITH_SOURCES], value=PLAIN, label="格式", scale=2, elem_id="jx-draft-mode",
                                 info="纯文本可直接粘贴进报告；带来源在每个数字后注明 [n] 并列出对应报表和行号")
        self.button = gr.Button("生成绩效总结", variant="primary", elem_id="jx-draft")
        self.summary = gr.State(None)
        # Editable, and without Gradio's copy icon: inside the textbox's <label> that icon took the label's name
        # away from the text area for screen readers.
        self.text = gr.Textbox(label="总结草稿（可修改后复制）", lines=16, max_lines=40, interactive=True,
                               elem_id="jx-draft-text")
        with gr.Row():
            self.copy = gr.Button("复制草稿", elem_id="jx-copy")
            self.docx = gr.DownloadButton("下载 Word 文档（附来源表）", visible=False, elem_id="jx-docx")
        with gr.Accordion("附表：来源明细", open=False, elem_id="jx-appendix-box"):
            self.appendix = gr.HTML(elem_id="jx-appendix")

    def _render(self, summary, mode):
        from assistant.docx_draft import write_docx

        a = self.assistant
        text = views.draft_text(a, summary, mode == WITH_SOURCES)
        headers, rows = views.draft_appendix(a, summary)
        title = summary.body.split("\n", 1)[0].strip("* ")
        path = write_docx(title, text, "附表：来源明细", headers, rows)
        return text, gr.update(value=str(path), visible=True), views.html_table(headers, rows)

    def generate(self, target, mode):
        try:
            summary = self.assistant.summarize(target or "全部")
        except SummaryTargetError as exc:
            return None, str(exc), gr.update(visible=False), ""
        return summary, *self._render(summary, mode)

    def switch(self, summary, mode):
        if summary is None:
            return gr.update(), gr.update(), gr.update()
        return self._render(summary, mode)

    def events(self) -> None:
        outputs = [self.text, self.docx, self.appendix]
        self.button.click(self.generate, [self.target, self.mode], [self.summary, *outputs], api_visibility="private")
        self.mode.input(self.switch, [self.summary, self.mode], outputs, api_visibility="private")
        self.copy.click(None, self.text, None, js=COPY)

    def refresh(self) -> Refresh:
        return Refresh(lambda: gr.update(choices=views.summary_targets(self.assistant)), [self.target])
