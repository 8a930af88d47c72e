"""The 审计 tab: the consistency findings of every stored form, filterable by words."""
from __future__ import annotations

import gradio as gr

from assistant import browse, views

from .page import BasePage, Refresh


class AuditPage(BasePage):
    def build(self) -> None:
        gr.Markdown("逐表核对：分值合计、得分合计、执行率、评分等级与总分、资金来源合计，以及「达标却扣分」等值得复核的情况。")
        self.query = gr.Textbox(label="筛选（空格分隔多个词，全部包含才显示）", placeholder="例如：警告、扣分、项目名称",
                                elem_id="jx-audit-query")
        self.table = gr.HTML(elem_id="jx-audit")

    def render(self, query: str = "") -> str:
        rows = browse.audit_rows(self.assistant, query or "")
        caption = f"共 {len(rows)} 条" + (f"（筛选：{query.strip()}）" if (query or "").strip() else "")
        return views.html_table(browse.FINDING_COLUMNS, rows, caption=caption)

    def events(self) -> None:
        self.query.change(self.render, self.query, self.table, api_visibility="private")

    def refresh(self) -> Refresh:
        return Refresh(lambda: (self.render(""), ""), [self.table, self.query])
