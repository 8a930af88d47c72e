"""The page header: the title, and which mode answers (离线规则模式 or 大模型模式) with how many forms are stored."""
from __future__ import annotations

import html

import gradio as gr

from .page import BasePage, Refresh


def status_html(holder) -> str:
    config, a = holder.config, holder.assistant
    mode = f"大模型模式（{config.llm_model}）" if holder.llm is not None else "离线规则模式"
    n = a.store.project_count()
    files = len(a.store.sources())
    return (f"<span class='jx-mode'>{html.escape(mode)}</span> "
            f"<span class='jx-status'>库中 {n} 个项目，来自 {files} 个文件</span>")


class Header(BasePage):
    def build(self) -> None:
        gr.Markdown("# 绩效问答 · 财政项目支出绩效自评表")
        self.status = gr.HTML(status_html(self.app.holder), elem_id="jx-status")

    def refresh(self) -> Refresh:
        return Refresh(lambda: status_html(self.app.holder), [self.status])
